#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace shortfuse {

class ServerHost;

// Tells the owner when a webhook endpoint was disabled (issue 13: "an
// endpoint failing for 24 h is disabled and the owner is told"). Lists the
// endpoints through the ServerHost when the server starts, once a minute
// while it runs, and when asked (after the settings changed them): one
// small query, the same GET /api/webhooks answers, so it stays cheap.
class WebhookWatcher final : public QObject {
    Q_OBJECT
public:
    explicit WebhookWatcher(ServerHost &host, QObject *parent = nullptr);

    // Lists the endpoints now.
    void check();
    // The hosts of the disabled endpoints as last listed.
    const QStringList &disabledHosts() const { return m_disabledHosts; }

    static constexpr int kIntervalMs = 60'000;

Q_SIGNALS:
    // The disabled endpoints' hosts changed (empty: none is disabled).
    void disabledHostsChanged(const QStringList &hosts);

private:
    ServerHost &m_host;
    QTimer m_timer;
    QStringList m_disabledHosts;
};

} // namespace shortfuse
