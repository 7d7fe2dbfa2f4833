#include "server/core/webhookendpoint.h"

#include <algorithm>
#include <cmath>

namespace shortfuse {

namespace {
const QString kUnlimited = QStringLiteral("unlimited");
constexpr qint64 kFirstRetryMs = 5'000;
constexpr qint64 kLongestRetryMs = 60LL * 60 * 1000;
} // namespace

bool WebhookEndpoint::wants(const LinkEvent &event) const
{
    if (disabledAtMs || !events.contains(event.type))
        return false;
    if (event.atMs < createdAtMs)
        return false; // what happened before it existed is not its news
    if (event.unlimitedClick && !unlimitedClicks)
        return false;
    if (ownerKeyId && event.ownerKeyId != ownerKeyId)
        return false;
    if (!slugs.isEmpty() && !slugs.contains(event.slug))
        return false;
    return label.isEmpty() || label == event.label;
}

QString encodeWebhookEvents(const WebhookEndpoint &endpoint)
{
    QStringList names;
    for (LinkEventType type : endpoint.events)
        names.append(QString::fromLatin1(linkEventTypeName(type)));
    if (endpoint.unlimitedClicks)
        names.append(kUnlimited);
    return names.join(u',');
}

void decodeWebhookEvents(const QString &text, WebhookEndpoint &endpoint)
{
    endpoint.events.clear();
    endpoint.unlimitedClicks = false;
    for (const QString &name : text.split(u',', Qt::SkipEmptyParts)) {
        if (name == kUnlimited)
            endpoint.unlimitedClicks = true;
        else if (const std::optional<LinkEventType> type = linkEventTypeFromName(name); type && isWebhookEventType(*type))
            endpoint.events.append(*type);
    }
}

qint64 webhookRetryDelayMs(int attempt, double jitter)
{
    const int doublings = std::clamp(attempt - 1, 0, 20);
    const qint64 base = std::min(kLongestRetryMs, kFirstRetryMs << doublings);
    const double spread = 0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0);
    return qint64(std::llround(double(base) * spread));
}

} // namespace shortfuse
