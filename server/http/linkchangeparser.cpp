#include "server/http/linkchangeparser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace shortfuse::changeparser {

namespace {

Error bad(const char *reason, const QString &message)
{
    return Error{400, QByteArray(reason), message};
}

// A whole number within ±1e15 (JSON numbers are doubles); nullopt otherwise.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > 1e15)
        return std::nullopt;
    return qint64(number);
}

// A string, or null ("clear it").
Result<std::optional<QString>> stringOrNull(const QJsonValue &value, const char *name, const char *reason)
{
    if (value.isNull())
        return std::optional<QString>{};
    if (!value.isString())
        return bad(reason, QStringLiteral("\"%1\" must be a string or null.").arg(QLatin1String(name)));
    return std::optional<QString>{value.toString()};
}

} // namespace

Result<LinkChange> fromJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return bad("invalid_json", QStringLiteral("The request body must be a JSON object such as {\"max-clicks\": 2}."));

    static const QStringList known{QStringLiteral("url"),        QStringLiteral("max-clicks"),
                                   QStringLiteral("expires-at"), QStringLiteral("expires-in"),
                                   QStringLiteral("expired-url"), QStringLiteral("label"),
                                   QStringLiteral("preview-protection"), QStringLiteral("password")};
    QJsonObject fields;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = QString(it.key()).replace(u'_', u'-');
        if (!known.contains(name)) {
            // A misspelt field must not look like a change that worked.
            return bad("unknown_field", QStringLiteral("Unknown field \"%1\"; the fields are %2.")
                                            .arg(it.key().left(64), known.join(QStringLiteral(", "))));
        }
        if (fields.contains(name) && fields.value(name) != it.value())
            return bad("conflicting_fields", QStringLiteral("%1 is given twice with different values; send it once.").arg(name));
        fields.insert(name, it.value());
    }

    LinkChange change;
    if (fields.contains(QStringLiteral("url"))) {
        const QJsonValue url = fields.value(QStringLiteral("url"));
        if (!url.isString())
            return bad("malformed_url", QStringLiteral("\"url\" must be a string."));
        change.url = url.toString();
    }
    if (fields.contains(QStringLiteral("max-clicks"))) {
        const QJsonValue cap = fields.value(QStringLiteral("max-clicks"));
        if (cap.isNull()) {
            change.maxClicks = std::optional<qint64>{};
        } else {
            const std::optional<qint64> number = wholeNumber(cap);
            if (!number)
                return bad("invalid_max_clicks",
                           QStringLiteral("max-clicks must be a whole number from 1 to 2147483647, or null for no limit."));
            change.maxClicks = std::optional<qint64>{*number};
        }
    }
    if (fields.contains(QStringLiteral("expires-in"))) {
        const QJsonValue seconds = fields.value(QStringLiteral("expires-in"));
        const std::optional<qint64> number = wholeNumber(seconds);
        if (!number || *number < 0)
            return bad("invalid_expires_in", QStringLiteral("expires-in is a whole number of seconds, at least 60."));
        change.expiresIn = *number;
    }
    const std::pair<const char *, const char *> strings[] = {{"expires-at", "invalid_expires_at"},
                                                            {"expired-url", "invalid_expired_url"},
                                                            {"label", "invalid_label"},
                                                            {"password", "invalid_password"}};
    for (const auto &[name, reason] : strings) {
        if (!fields.contains(QLatin1String(name)))
            continue;
        Result<std::optional<QString>> value = stringOrNull(fields.value(QLatin1String(name)), name, reason);
        if (!value)
            return value.error();
        if (qstrcmp(name, "expires-at") == 0)
            change.expiresAt = *value;
        else if (qstrcmp(name, "expired-url") == 0)
            change.expiredUrl = *value;
        else if (qstrcmp(name, "label") == 0)
            change.label = *value;
        else
            change.password = *value;
    }
    if (fields.contains(QStringLiteral("preview-protection"))) {
        const QJsonValue mode = fields.value(QStringLiteral("preview-protection"));
        if (!mode.isString())
            return bad("invalid_preview_protection", QStringLiteral("preview-protection is auto, confirm or off."));
        change.previewProtection = mode.toString();
    }
    return change;
}

} // namespace shortfuse::changeparser
