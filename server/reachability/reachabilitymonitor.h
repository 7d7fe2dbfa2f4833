#pragma once

#include "server/core/reachability.h"
#include "server/reachability/portmapper.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace shortfuse {

// Keeps the reachability verdict of one listening server current (issue
// 14), for the headless server's log and the window alike: the router's
// answers (a PortMapper of its own), a check that the mapped address
// really leads back here (our own /health asked through it: works where
// the router loops requests from inside back in), and the machine's
// global IPv6 address. verdictChanged() fires whenever what it says changes.
class ReachabilityMonitor final : public QObject {
    Q_OBJECT
public:
    // `preferredExternalPort` 0: the same number as `port` (another when the router has it taken).
    ReachabilityMonitor(QHostAddress boundAddress, quint16 port, PortMapper::Method method,
                        quint16 preferredExternalPort = 0, QObject *parent = nullptr);
    ~ReachabilityMonitor() override;

    void start();
    // Removes the mapping (a few seconds at most).
    void stop();

    const ReachabilityVerdict &verdict() const { return m_verdict; }
    const PortMapper::State &mapping() const { return m_mapping; }
    // "port mapping (UPnP IGD): 198.51.100.1:8080 -> port 8080. <verdict>": the log's line.
    QString describe() const;

    // How long the check through the mapped address may take.
    static constexpr int kHairpinTimeoutMs = 3'000;

Q_SIGNALS:
    void verdictChanged(const shortfuse::ReachabilityVerdict &verdict);

private:
    void mappingChanged(const PortMapper::State &state);
    void checkThroughMapping();
    void update();

    QHostAddress m_boundAddress;
    quint16 m_port = 0;
    PortMapper *m_mapper = nullptr;             // child
    QNetworkAccessManager *m_network = nullptr; // child
    QPointer<QNetworkReply> m_check;
    PortMapper::State m_mapping;
    HairpinCheck m_hairpin = HairpinCheck::NotTried;
    QString m_checkedUrl; // the mapped URL m_hairpin is about
    ReachabilityVerdict m_verdict;
    QString m_described;
};

// A global IPv6 address of this machine's interfaces, if it has one.
std::optional<QHostAddress> globalIPv6Address();
// This machine's IPv4 address on its network (a private one first: what a
// home router maps to), for links made by a server listening on every
// interface; nullopt when it has none but loopback.
std::optional<QHostAddress> lanIPv4Address();
// What is known without asking a router: where the server listens and
// this machine's global IPv6 address (the facts of a verdict with mapping off).
ReachabilityFacts machineFacts(const QHostAddress &boundAddress, quint16 port);

} // namespace shortfuse
