#include "ui/webhookwatcher.h"

#include "ui/serverhost.h"

#include <QUrl>

namespace shortfuse {

WebhookWatcher::WebhookWatcher(ServerHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WebhookWatcher::check);
    connect(&host, &ServerHost::started, this, [this] {
        check();
        m_timer.start();
    });
    connect(&host, &ServerHost::stateChanged, this, [this](ServerHost::State state) {
        if (state != ServerHost::State::Running)
            m_timer.stop();
    });
    if (host.isRunning()) {
        check();
        m_timer.start();
    }
}

void WebhookWatcher::check()
{
    m_host.listWebhooks(this, [this](const Result<QList<WebhookEndpoint>> &listed) {
        // No answer (the server is stopping): keep what was said.
        if (!listed)
            return;
        QStringList hosts;
        for (const WebhookEndpoint &endpoint : *listed)
            if (endpoint.disabledAtMs) {
                // The host only: the path of a chat webhook is its secret.
                const QString host = QUrl(endpoint.url).host();
                if (!hosts.contains(host))
                    hosts.append(host);
            }
        if (hosts == m_disabledHosts)
            return;
        m_disabledHosts = hosts;
        Q_EMIT disabledHostsChanged(hosts);
    });
}

} // namespace shortfuse
