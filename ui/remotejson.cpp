#include "ui/remotejson.h"

#include "server/links/linkrules.h"
#include "server/links/linkservice.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace shortfuse::remotejson {

namespace {

Error malformed(const QString &what)
{
    return Error{502, "bad_answer", QStringLiteral("The server's answer is not what Shortfuse expects (%1).").arg(what)};
}

std::optional<qint64> timeOf(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return std::nullopt;
    return at.toMSecsSinceEpoch();
}

QString textOf(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

// {"DE": 3, "FR": 1} -> largest first (a JSON object has no order of its own).
Breakdown breakdownOf(const QJsonValue &value)
{
    Breakdown rows;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        rows.append({it.key(), it.value().toInteger()});
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return rows;
}

ClickOutcome outcomeOf(const QString &name)
{
    if (name == QLatin1String("expired"))
        return ClickOutcome::Expired;
    if (name == QLatin1String("preview"))
        return ClickOutcome::Preview;
    if (name == QLatin1String("challenged"))
        return ClickOutcome::Challenged;
    return ClickOutcome::Redirected;
}

void insertText(QJsonObject &json, const char *name, const std::optional<QString> &value)
{
    if (value)
        json.insert(QLatin1String(name), *value);
}

// A field that may be set to nothing: absent, null, or the value.
template <typename T>
void insertNullable(QJsonObject &json, const char *name, const std::optional<std::optional<T>> &value)
{
    if (!value)
        return;
    json.insert(QLatin1String(name), *value ? QJsonValue(**value) : QJsonValue(QJsonValue::Null));
}

// The options every creation shares (POST /api/create and the batch).
void insertOptions(QJsonObject &json, const CreateRequest &request)
{
    json.insert(QStringLiteral("url"), request.url);
    json.insert(QStringLiteral("max-clicks"), request.maxClicks ? QJsonValue(*request.maxClicks) : QJsonValue(QJsonValue::Null));
    insertText(json, "preview-protection", request.previewProtection);
    insertText(json, "password", request.password);
    insertText(json, "expires-at", request.expiresAt);
    if (request.expiresIn)
        json.insert(QStringLiteral("expires-in"), *request.expiresIn);
    insertText(json, "expired-url", request.expiredUrl);
}

} // namespace

Result<Link> linkFromJson(const QJsonObject &json)
{
    Link link;
    link.slug = textOf(json.value(u"slug"));
    link.url = textOf(json.value(u"url"));
    if (link.slug.isEmpty() || link.url.isEmpty())
        return malformed(QStringLiteral("a link without slug or url"));
    const QJsonValue max = json.value(u"max_clicks");
    if (max.isDouble())
        link.maxClicks = max.toInt();
    link.clicks = json.value(u"clicks").toInteger();
    link.createdAtMs = timeOf(json.value(u"created_at")).value_or(0);
    link.statsToken = textOf(json.value(u"stats_token"));
    link.label = textOf(json.value(u"label"));
    link.expiresAtMs = timeOf(json.value(u"expires_at"));
    link.expiredUrl = textOf(json.value(u"expired_url"));
    link.lastClickAtMs = timeOf(json.value(u"last_click_at"));
    link.revoked = json.value(u"status").toString() == QLatin1String("revoked");
    if (const Result<PreviewProtection> mode =
            rules::previewProtectionFor(textOf(json.value(u"preview_protection")), link.capped()))
        link.previewProtection = *mode;
    // The hash never leaves the server; the window only needs to know there is one.
    if (json.value(u"password_protected").toBool())
        link.passwordHash = QStringLiteral("(on the server)");
    return link;
}

Result<LinkStats> statsFromJson(const QJsonObject &json)
{
    LinkStats stats;
    stats.link.slug = textOf(json.value(u"slug"));
    if (stats.link.slug.isEmpty())
        return malformed(QStringLiteral("statistics without a slug"));
    stats.link.label = textOf(json.value(u"label"));
    stats.link.createdAtMs = timeOf(json.value(u"created_at")).value_or(0);
    const QJsonValue max = json.value(u"max_clicks");
    if (max.isDouble())
        stats.link.maxClicks = max.toInt();
    stats.link.clicks = json.value(u"clicks").toInteger();
    stats.asOfMs = QDateTime::currentMSecsSinceEpoch();
    stats.firstClickMs = timeOf(json.value(u"first_click_at"));
    stats.lastClickMs = timeOf(json.value(u"last_click_at"));
    stats.link.lastClickAtMs = stats.lastClickMs;
    stats.byCountry = breakdownOf(json.value(u"by_country"));
    stats.byBrowser = breakdownOf(json.value(u"by_browser"));
    stats.byOs = breakdownOf(json.value(u"by_os"));
    stats.byReferrerHost = breakdownOf(json.value(u"by_referrer_host"));
    stats.bots = json.value(u"bots").toInteger();
    stats.humans = json.value(u"humans").toInteger();
    stats.expiredHits = json.value(u"expired_hits").toInteger();
    stats.bucketMs = json.value(u"timeline_bucket_seconds").toInteger(3600) * 1000;
    for (const QJsonValue &bucket : json.value(u"timeline").toArray()) {
        const std::optional<qint64> start = timeOf(bucket.toObject().value(u"t"));
        if (start)
            stats.timeline.append({*start, bucket.toObject().value(u"clicks").toInteger()});
    }
    for (const QJsonValue &value : json.value(u"click_log").toArray()) {
        const QJsonObject e = value.toObject();
        ClickLogEntry entry;
        entry.id = e.value(u"id").toInteger();
        entry.atMs = timeOf(e.value(u"at")).value_or(0);
        entry.outcome = outcomeOf(e.value(u"outcome").toString());
        entry.country = textOf(e.value(u"country"));
        entry.browser = textOf(e.value(u"browser"));
        entry.browserVersion = textOf(e.value(u"browser_version"));
        entry.os = textOf(e.value(u"os"));
        entry.device = textOf(e.value(u"device"));
        entry.referrer = textOf(e.value(u"referrer"));
        entry.bot = e.value(u"bot").toBool();
        entry.botName = textOf(e.value(u"bot_name"));
        stats.log.append(entry);
    }
    const QJsonValue next = json.value(u"next_before");
    if (next.isDouble())
        stats.nextBefore = next.toInteger();
    // "expired" says whether it is used up or past its expiry; the window
    // judges that from the link, so a used-up link must look used up.
    if (json.value(u"expired").toBool() && !stats.link.usedUp() && !stats.link.expiresAtMs)
        stats.link.expiresAtMs = stats.asOfMs;
    return stats;
}

QJsonObject createRequestJson(const CreateRequest &request)
{
    QJsonObject json;
    insertOptions(json, request);
    if (!request.alias.isEmpty())
        json.insert(QStringLiteral("alias"), request.alias);
    insertText(json, "label", request.label);
    return json;
}

QJsonObject batchJson(const QList<CreateRequest> &requests)
{
    QJsonObject json;
    if (requests.isEmpty())
        return json;
    insertOptions(json, requests.constFirst());
    QJsonArray labels;
    QJsonArray aliases;
    bool anyAlias = false;
    for (const CreateRequest &request : requests) {
        labels.append(request.label.value_or(QString()));
        aliases.append(request.alias);
        anyAlias = anyAlias || !request.alias.isEmpty();
    }
    json.insert(QStringLiteral("labels"), labels);
    if (anyAlias)
        json.insert(QStringLiteral("aliases"), aliases);
    return json;
}

QJsonObject linkChangeJson(const LinkChange &change)
{
    QJsonObject json;
    insertText(json, "url", change.url);
    insertNullable(json, "max-clicks", change.maxClicks);
    insertNullable(json, "expires-at", change.expiresAt);
    if (change.expiresIn)
        json.insert(QStringLiteral("expires-in"), *change.expiresIn);
    insertNullable(json, "expired-url", change.expiredUrl);
    insertNullable(json, "label", change.label);
    insertText(json, "preview-protection", change.previewProtection);
    insertNullable(json, "password", change.password);
    return json;
}

Error errorFromAnswer(int status, const QByteArray &body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    Error error;
    error.status = status;
    error.reason = json.value(u"reason").toString().toLatin1();
    error.message = json.value(u"error").toString();
    if (error.reason.isEmpty())
        error.reason = status == 401 ? QByteArray("invalid_key") : QByteArray("http_") + QByteArray::number(status);
    if (error.message.isEmpty())
        error.message = QStringLiteral("The server answered HTTP %1.").arg(status);
    return error;
}

} // namespace shortfuse::remotejson
