#pragma once

#include "server/core/reachability.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QThread>

#include <chrono>
#include <optional>

namespace shortfuse {

// Asks the router for a way in from outside (issue 14): a TCP port on its
// external address forwarded to the server's port, with UPnP IGD
// (Debian's libminiupnpc) or NAT-PMP (libnatpmp). The libraries block (a
// discovery takes two seconds, a silent gateway longer), so every call runs
// on a thread of its own and the answers arrive as a signal: nothing waits
// for the router, and every failure leaves the server serving locally.
//
// Once mapped, the mapping is renewed at half its lease; every
// kCheckInterval the external address is asked again and the mapping made
// again if the router lost it (a reboot) or the address changed (a new
// lease from the provider): the state then says so. stop() removes it.
class PortMapper final : public QObject {
    Q_OBJECT
public:
    enum class Method { Upnp, Natpmp, Auto };
    // "upnp", "natpmp", "auto"; nullopt otherwise ("off" is the caller's).
    static std::optional<Method> methodFromName(QStringView name);

    struct State {
        GatewayAnswer answer = GatewayAnswer::Pending;
        QString error;                         // the router's words (Refused) or what went wrong
        std::optional<QHostAddress> externalAddress;
        quint16 externalPort = 0;
        QString via;                           // "UPnP IGD" or "NAT-PMP", once mapped
    };

    struct Options {
        Method method = Method::Auto;
        quint16 internalPort = 0;
        quint16 preferredExternalPort = 0;     // 0: the internal port's number
        std::chrono::seconds lease{3600};
        std::chrono::seconds checkInterval{30};
    };

    explicit PortMapper(Options options, QObject *parent = nullptr);
    ~PortMapper() override;

    // Starts asking; stateChanged() follows (Pending first).
    void start();
    // Removes the mapping (a few seconds at most) and ends the thread. Idempotent.
    void stop();
    const State &state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(const shortfuse::PortMapper::State &state);

private:
    class Worker;
    Options m_options;
    State m_state;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

} // namespace shortfuse

Q_DECLARE_METATYPE(shortfuse::PortMapper::State)
