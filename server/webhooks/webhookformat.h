#pragma once

#include "server/core/linkevent.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

#include <optional>

namespace shortfuse {

// What an endpoint receives (issue 13): the Standard Webhooks JSON event, or
// a chat message for a service that has its own incoming-webhook format.
enum class WebhookFormat {
    Standard, // {"type", "timestamp", "data"}, application/json
    Slack,    // {"text": sentence}
    Discord,  // {"content": sentence}
    Ntfy,     // the sentence as text/plain, with a Title header
};

// "standard", "slack", "discord", "ntfy": the API's and the database's names.
const char *webhookFormatName(WebhookFormat format);
std::optional<WebhookFormat> webhookFormatFromName(QStringView name);

// One delivery's body and the headers that go with that format. The
// Standard Webhooks headers (webhook-id, -timestamp, -signature) are not
// here: they depend on the attempt, not on the event.
struct WebhookPayload {
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
};

WebhookPayload renderWebhook(WebhookFormat format, const LinkEvent &event);

// What `POST /api/webhooks/<id>/test` sends: type "webhook.test" (standard)
// or the sentence "Shortfuse test message", stamped atMs (UTC ms).
WebhookPayload renderTestWebhook(WebhookFormat format, qint64 atMs);

// A header value made safe from text that came from a user (a slug, a
// label): control characters (CR and LF above all, which would start a new
// header) removed, at most maxChars characters, and non-ASCII text sent as
// an RFC 2047 encoded word ("=?UTF-8?B?...?="), which ntfy decodes.
QByteArray safeHeaderValue(const QString &text, int maxChars = 200);

} // namespace shortfuse
