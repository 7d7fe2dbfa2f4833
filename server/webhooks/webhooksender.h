#pragma once

#include "server/webhooks/webhookformat.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

namespace shortfuse {

class WebhookDelivery;

// Sends one webhook delivery: a POST to an endpoint, asynchronously, on the
// thread this object lives on (the delivery worker's own thread, never the
// server's). Several deliveries may be in flight at once.
//
// It is written against the "not a weapon" rules, which is why it
// is not a QNetworkAccessManager (that follows redirects, uses the system
// proxy and resolves names itself, between our check and its connect):
// - the host is resolved once; unless allowPrivate, EVERY address it
//   resolves to must be public (isPrivateAddress), else nothing is sent;
// - the connection goes to a vetted address itself (no second lookup that
//   a rebinding DNS server could answer differently), with the URL's host
//   in `Host` and, for https, as the name TLS verifies against the
//   system's CAs;
// - no proxy; a 3xx is a failure ("redirect not followed");
// - only the status line and headers are read, at most 16 KiB of them;
// - one timeout covers resolve, connect, TLS and the answer.
class WebhookSender : public QObject {
    Q_OBJECT
public:
    struct Request {
        QUrl url;                                       // from parseWebhookUrl
        WebhookPayload payload;
        QList<QPair<QByteArray, QByteArray>> headers;   // webhook-id, webhook-timestamp, webhook-signature...
        int timeoutMs = 10000;
        bool allowPrivate = false;                      // --allow-private-webhooks
    };
    struct Outcome {
        bool delivered = false; // a 2xx answer
        int status = 0;         // the HTTP status, 0 when none was read
        QString error;          // short, one line, never the secret; empty when delivered
        qint64 elapsedMs = 0;
    };
    using Done = std::function<void(const Outcome &)>;

    // The most header bytes read from an endpoint: more is a failure.
    static constexpr qsizetype kMaxResponseHeaderBytes = 16 * 1024;

    explicit WebhookSender(QObject *parent = nullptr);
    // Deliveries still in flight end with "cancelled" (their done runs).
    ~WebhookSender() override;

    // Starts one delivery; `done` runs exactly once, later, on this
    // object's thread (never inside send()). Call it on that thread too
    // (from the worker's own slots, or through QMetaObject::invokeMethod).
    void send(Request request, Done done);
    int inFlight() const;

private:
    friend class WebhookDelivery;
    void forget(WebhookDelivery *delivery);
    QList<WebhookDelivery *> m_deliveries;
};

} // namespace shortfuse
