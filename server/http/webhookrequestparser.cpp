#include "server/http/webhookrequestparser.h"

#include "server/links/linkrules.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooktarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shortfuse::webhookparser {

namespace {
constexpr int kMaxLabelCharacters = 200;

Error bad(const char *reason, const QString &message)
{
    return Error{400, reason, message};
}
} // namespace

Result<WebhookEndpoint> fromJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return bad("invalid_json", QStringLiteral("Send the webhook as a JSON object."));
    WebhookEndpoint endpoint;
    endpoint.events = {LinkEventType::Clicked, LinkEventType::UsedUp};
    bool hasUrl = false;
    const QJsonObject object = document.object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QString name = it.key();
        name.replace(u'_', u'-');
        const QJsonValue value = it.value();
        if (name == QLatin1String("url")) {
            if (!value.isString())
                return bad("invalid_webhook_url", QStringLiteral("url is the endpoint's http or https address."));
            const Result<QUrl> url = parseWebhookUrl(value.toString());
            if (!url)
                return url.error();
            endpoint.url = url->toString(QUrl::FullyEncoded);
            hasUrl = true;
        } else if (name == QLatin1String("events")) {
            if (!value.isArray() || value.toArray().isEmpty())
                return bad("invalid_events", QStringLiteral("events is a non-empty array of event names."));
            endpoint.events.clear();
            for (const QJsonValue &entry : value.toArray()) {
                const std::optional<LinkEventType> type = entry.isString() ? linkEventTypeFromName(entry.toString()) : std::nullopt;
                // The management events (link.created...) are the live stream's, not a webhook's.
                if (!type || !isWebhookEventType(*type))
                    return bad("invalid_events", QStringLiteral("events may name link.clicked, link.used_up, "
                                                                 "link.previewed and link.expired_hit."));
                if (!endpoint.events.contains(*type))
                    endpoint.events.append(*type);
            }
        } else if (name == QLatin1String("unlimited-clicks")) {
            if (!value.isBool())
                return bad("invalid_events", QStringLiteral("unlimited-clicks is true or false."));
            endpoint.unlimitedClicks = value.toBool();
        } else if (name == QLatin1String("slugs")) {
            if (!value.isArray() || value.toArray().size() > kMaxSlugs)
                return bad("invalid_slugs", QStringLiteral("slugs is an array of at most %1 short link names.").arg(kMaxSlugs));
            for (const QJsonValue &entry : value.toArray()) {
                if (!entry.isString() || !rules::hasSlugShape(entry.toString()))
                    return bad("invalid_slugs", QStringLiteral("slugs is an array of short link names."));
                if (!endpoint.slugs.contains(entry.toString()))
                    endpoint.slugs.append(entry.toString());
            }
        } else if (name == QLatin1String("label")) {
            if (!value.isString() || value.toString().size() > kMaxLabelCharacters)
                return bad("invalid_label", QStringLiteral("label is text of at most %1 characters.").arg(kMaxLabelCharacters));
            endpoint.label = value.toString();
        } else if (name == QLatin1String("format")) {
            const std::optional<WebhookFormat> format = value.isString() ? webhookFormatFromName(value.toString()) : std::nullopt;
            if (!format)
                return bad("invalid_format", QStringLiteral("format is standard, slack, discord or ntfy."));
            endpoint.format = QString::fromLatin1(webhookFormatName(*format));
        } else {
            return bad("unknown_field", QStringLiteral("Unknown field \"%1\".").arg(it.key().left(64)));
        }
    }
    if (!hasUrl)
        return bad("invalid_webhook_url", QStringLiteral("url is required: the endpoint's http or https address."));
    if (endpoint.unlimitedClicks && !endpoint.events.contains(LinkEventType::Clicked))
        return bad("invalid_events", QStringLiteral("unlimited-clicks needs link.clicked among the events."));
    return endpoint;
}

} // namespace shortfuse::webhookparser
