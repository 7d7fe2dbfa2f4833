#pragma once

#include "server/core/result.h"
#include "server/core/webhookendpoint.h"

#include <QByteArray>

namespace shortfuse::webhookparser {

// The body of POST /api/webhooks: a JSON object with
//   url (required; http or https, see parseWebhookUrl),
//   events (an array of event names; default ["link.clicked", "link.used_up"]),
//   unlimited-clicks (true: link.clicked for unlimited links too; default false),
//   slugs (an array of at most kMaxSlugs slugs: only these links),
//   label (only links with this label, at most 200 characters),
//   format ("standard", "slack", "discord" or "ntfy"; default "standard").
// Each name may be spelt with '_' too. Reasons: invalid_json,
// unknown_field, invalid_webhook_url, invalid_events, invalid_slugs,
// invalid_label, invalid_format. Nothing else of the endpoint is set.
constexpr int kMaxSlugs = 100;
Result<WebhookEndpoint> fromJson(const QByteArray &body);

} // namespace shortfuse::webhookparser
