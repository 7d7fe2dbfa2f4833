#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace shortfuse {

// Standard Webhooks 1.0 signing (https://www.standardwebhooks.com, issue 13).
// A delivery carries three headers:
//   webhook-id:        "msg_<journal id>", the same on every retry
//   webhook-timestamp: Unix seconds of this attempt
//   webhook-signature: "v1,<base64 HMAC-SHA256 of id.timestamp.body>"
// keyed with the bytes of the base64 text after the secret's "whsec_"
// prefix. Any Standard Webhooks library verifies them.

// "whsec_" + base64 of 24 random bytes from the system's CSPRNG. Shown to
// the endpoint's owner once, at creation.
QString newWebhookSecret();

// The HMAC key of a secret: the base64 after "whsec_" decoded (the prefix is
// optional, as in the reference libraries). Empty when the text is not
// valid base64 or decodes to nothing: such a secret signs nothing.
QByteArray webhookSecretKey(const QString &secret);

// "v1,<base64 signature>"; empty when the secret is not a valid one.
QByteArray signWebhook(const QString &secret, const QByteArray &messageId, qint64 timestampSeconds,
                       const QByteArray &body);

// The three headers of one attempt, in the order they are sent:
// webhook-id, webhook-timestamp, webhook-signature (for
// WebhookSender::Request::headers). A retry passes the same messageId and
// a new timestamp. Empty when the secret is not a valid one.
QList<QPair<QByteArray, QByteArray>> standardWebhookHeaders(const QString &secret, const QByteArray &messageId,
                                                            qint64 timestampSeconds, const QByteArray &body);

// What a receiver does with the three headers: true when the timestamp is
// an integer within toleranceSeconds of nowSeconds (either way) and one of
// the space-separated "v1,<sig>" entries of signatureHeader is this body's
// signature (compared in constant time). Entries of other versions are
// ignored, as the specification asks.
bool verifyWebhook(const QString &secret, const QByteArray &messageId, const QByteArray &timestampHeader,
                   const QByteArray &signatureHeader, const QByteArray &body, qint64 nowSeconds,
                   qint64 toleranceSeconds = 300);

} // namespace shortfuse
