#include "server/http/linkexchange.h"

#include "server/core/apikey.h"
#include "server/http/statsformat.h"
#include "server/links/linkrules.h"

#include <QDateTime>
#include <QJsonDocument>

namespace shortfuse::exchange {

namespace {

QJsonValue timeOrNull(std::optional<qint64> ms)
{
    return ms ? QJsonValue(statsformat::isoUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The fields, in the order the CSV columns have them.
const char *const kFields[] = {"slug", "url", "short_url", "max_clicks", "clicks", "remaining", "status",
                               "revoked", "created_at", "last_click_at", "expires_at", "expired_url", "label",
                               "preview_protection", "password_hash", "stats_token", "stats_url"};

QJsonObject linkObject(const Link &link, const QString &baseUrl, qint64 nowMs)
{
    QJsonObject o;
    o.insert(QStringLiteral("slug"), link.slug);
    o.insert(QStringLiteral("url"), link.url);
    o.insert(QStringLiteral("short_url"), QString(baseUrl + u'/' + link.slug));
    o.insert(QStringLiteral("max_clicks"), link.maxClicks ? QJsonValue(*link.maxClicks) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("clicks"), link.clicks);
    o.insert(QStringLiteral("remaining"), link.maxClicks ? QJsonValue(std::max<qint64>(0, *link.maxClicks - link.clicks))
                                                         : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("status"), QLatin1String(linkStatusName(statusOf(link, nowMs))));
    o.insert(QStringLiteral("revoked"), link.revoked);
    o.insert(QStringLiteral("created_at"), statsformat::isoUtc(link.createdAtMs));
    o.insert(QStringLiteral("last_click_at"), timeOrNull(link.lastClickAtMs));
    o.insert(QStringLiteral("expires_at"), timeOrNull(link.expiresAtMs));
    o.insert(QStringLiteral("expired_url"), textOrNull(link.expiredUrl));
    o.insert(QStringLiteral("label"), textOrNull(link.label));
    o.insert(QStringLiteral("preview_protection"), rules::previewProtectionName(link.previewProtection));
    o.insert(QStringLiteral("password_hash"), textOrNull(link.passwordHash));
    o.insert(QStringLiteral("stats_token"), link.statsToken);
    o.insert(QStringLiteral("stats_url"),
             QString(baseUrl + QStringLiteral("/stats/") + link.slug + QStringLiteral("?token=") + link.statsToken));
    return o;
}

QByteArray csvCell(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isBool())
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (value.isDouble())
        text = QString::number(value.toInteger());
    // A spreadsheet runs a cell that starts like a formula: a quote makes it text.
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        text = u'"' + QString(text).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text.toUtf8();
}

Error badLine(const QString &message)
{
    return Error{400, "invalid_line", message};
}

// An ISO-8601 time with a UTC offset, as the export writes it.
std::optional<qint64> timeFrom(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    // From 1970 to the end of year 9999 (UTC): what an export writes back
    // in the same form (an offset could carry year 0000 into year -1).
    constexpr qint64 kLastMs = 253'402'300'799'999;
    const qint64 ms = at.toMSecsSinceEpoch();
    if (ms < 0 || ms > kLastMs)
        return std::nullopt;
    return ms;
}

} // namespace

QByteArray jsonLine(const Link &link, const QString &baseUrl, qint64 nowMs)
{
    return QJsonDocument(linkObject(link, baseUrl, nowMs)).toJson(QJsonDocument::Compact);
}

QByteArray csvHeader()
{
    QByteArray header;
    for (const char *field : kFields)
        header += (header.isEmpty() ? "" : ",") + QByteArray(field);
    return header + "\r\n";
}

QByteArray csvRow(const Link &link, const QString &baseUrl, qint64 nowMs)
{
    const QJsonObject o = linkObject(link, baseUrl, nowMs);
    QByteArray row;
    bool first = true;
    for (const char *field : kFields) {
        if (!first)
            row += ',';
        first = false;
        row += csvCell(o.value(QLatin1String(field)));
    }
    return row + "\r\n";
}

Result<ImportedLink> parseLine(QByteArrayView line)
{
    if (line.size() > kMaxLineBytes)
        return badLine(QStringLiteral("The line is longer than %1 bytes.").arg(kMaxLineBytes));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return badLine(QStringLiteral("The line is not a JSON object."));
    const QJsonObject o = document.object();

    ImportedLink imported;
    NewLink &link = imported.link;
    const QJsonValue slug = o.value(QStringLiteral("slug"));
    if (!slug.isString())
        return badLine(QStringLiteral("slug is missing."));
    link.slug = slug.toString();
    // Generated slugs are 8 characters of the alias alphabet: one rule for both.
    if (Status valid = rules::validateAlias(link.slug); !valid)
        return valid.error();
    const QJsonValue url = o.value(QStringLiteral("url"));
    link.url = url.isString() ? url.toString() : QString();
    if (Status valid = rules::validateDestinationUrl(link.url); !valid)
        return valid.error();

    const QJsonValue clicks = o.value(QStringLiteral("clicks"));
    if (!clicks.isDouble() || clicks.toDouble() < 0 || double(clicks.toInteger()) != clicks.toDouble())
        return badLine(QStringLiteral("clicks must be a whole number, 0 or more."));
    imported.clicks = clicks.toInteger();
    const QJsonValue maxClicks = o.value(QStringLiteral("max_clicks"));
    if (!maxClicks.isNull() && !maxClicks.isUndefined()) {
        if (!maxClicks.isDouble() || double(maxClicks.toInteger()) != maxClicks.toDouble())
            return Error{400, "invalid_max_clicks", QStringLiteral("max_clicks must be a whole number or null.")};
        const Result<std::optional<int>> cap = rules::validateMaxClicks(maxClicks.toInteger());
        if (!cap)
            return cap.error();
        link.maxClicks = *cap;
        if (imported.clicks > *link.maxClicks)
            return badLine(QStringLiteral("clicks is above max_clicks."));
    }

    const std::optional<qint64> created = timeFrom(o.value(QStringLiteral("created_at")));
    if (!created)
        return badLine(QStringLiteral("created_at must be an ISO-8601 time with a UTC offset."));
    link.createdAtMs = *created;
    for (const char *name : {"expires_at", "last_click_at"}) {
        const QJsonValue value = o.value(QLatin1String(name));
        if (value.isNull() || value.isUndefined())
            continue;
        const std::optional<qint64> at = timeFrom(value);
        if (!at)
            return badLine(QStringLiteral("%1 must be an ISO-8601 time with a UTC offset, or null.").arg(QLatin1String(name)));
        (qstrcmp(name, "expires_at") == 0 ? link.expiresAtMs : imported.lastClickAtMs) = at;
    }

    auto optionalText = [&o](const char *name) -> std::optional<QString> {
        const QJsonValue value = o.value(QLatin1String(name));
        if (value.isNull() || value.isUndefined())
            return QString();
        if (!value.isString())
            return std::nullopt;
        return value.toString();
    };
    const std::optional<QString> expiredUrl = optionalText("expired_url");
    if (!expiredUrl)
        return badLine(QStringLiteral("expired_url must be a string or null."));
    link.expiredUrl = *expiredUrl;
    if (!link.expiredUrl.isEmpty()) {
        if (Status valid = rules::validateDestinationUrl(link.expiredUrl); !valid)
            return Error{400, "invalid_expired_url", valid.error().message};
    }
    const std::optional<QString> label = optionalText("label");
    if (!label)
        return badLine(QStringLiteral("label must be a string or null."));
    link.label = *label;
    if (Status valid = rules::validateLabel(link.label); !valid)
        return valid.error();
    const std::optional<QString> hash = optionalText("password_hash");
    if (!hash || (!hash->isEmpty() && (!hash->startsWith(QLatin1String("$argon2id$")) || hash->size() > 512)))
        return badLine(QStringLiteral("password_hash must be an Argon2id hash as exported, or null."));
    link.passwordHash = *hash;
    const std::optional<QString> protection = optionalText("preview_protection");
    if (!protection)
        return Error{400, "invalid_preview_protection", QStringLiteral("preview_protection must be auto, confirm or off.")};
    const Result<PreviewProtection> mode = rules::previewProtectionFor(
        protection->isEmpty() ? std::nullopt : std::optional<QString>(*protection), link.maxClicks.has_value());
    if (!mode)
        return mode.error();
    link.previewProtection = *mode;
    const std::optional<QString> token = optionalText("stats_token");
    if (!token || (!token->isEmpty() && !statstokens::hasTokenShape(*token)))
        return badLine(QStringLiteral("stats_token must be a token as exported, or null (a new one is made)."));
    link.statsToken = token->isEmpty() ? statstokens::generate() : *token;

    const QJsonValue revoked = o.value(QStringLiteral("revoked"));
    if (!revoked.isUndefined() && !revoked.isBool())
        return badLine(QStringLiteral("revoked must be true or false."));
    imported.revoked = revoked.toBool(false);
    return imported;
}

} // namespace shortfuse::exchange
