#include "server/http/createrequestparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QHash>

#include <cmath>

namespace shortfuse::createparser {

namespace {

Error bad(const char *reason, const QString &message)
{
    return Error{400, QByteArray(reason), message};
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

Error invalidMaxClicks()
{
    return bad("invalid_max_clicks",
               QStringLiteral("max-clicks must be a whole number from 1 to 2147483647, or null for no limit."));
}

// A JSON number that is a whole number; anything else is refused, so
// "5" or 2.5 never silently become a different limit.
Result<std::optional<qint64>> maxClicksFromJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>{};
    if (!value.isDouble())
        return invalidMaxClicks();
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > 1e15)
        return invalidMaxClicks();
    return std::optional<qint64>{qint64(number)};
}

} // namespace

bool isJsonContentType(const QByteArray &contentType)
{
    return mediaType(contentType) == "application/json";
}

bool isFormContentType(const QByteArray &contentType)
{
    return mediaType(contentType) == "application/x-www-form-urlencoded";
}

Result<CreateRequest> fromJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return bad("invalid_json",
                   QStringLiteral("The request body must be a JSON object such as {\"url\": \"https://…\"}."));
    }
    // Every field may be spelt with '-' or '_' (max-clicks, max_clicks);
    // both spellings at once must agree.
    static const QStringList known{QStringLiteral("url"),          QStringLiteral("alias"),
                                   QStringLiteral("max-clicks"),   QStringLiteral("preview-protection"),
                                   QStringLiteral("password"),     QStringLiteral("expires-at"),
                                   QStringLiteral("expires-in"),   QStringLiteral("expired-url"),
                                   QStringLiteral("label")};
    QJsonObject fields;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = QString(it.key()).replace(u'_', u'-');
        if (!known.contains(name)) {
            // A misspelt "max-clicks" must not quietly make an unlimited link.
            return bad("unknown_field", QStringLiteral("Unknown field \"%1\"; the fields are %2.")
                                            .arg(it.key().left(64), known.join(QStringLiteral(", "))));
        }
        if (fields.contains(name) && fields.value(name) != it.value()) {
            return bad(name == QLatin1String("max-clicks") ? "invalid_max_clicks" : "conflicting_fields",
                       QStringLiteral("%1 is given twice with different values; send it once.").arg(name));
        }
        fields.insert(name, it.value());
    }
    auto optionalString = [&](const char *name, const char *reason) -> Result<std::optional<QString>> {
        const QJsonValue value = fields.value(QLatin1String(name));
        if (value.isUndefined() || value.isNull())
            return std::optional<QString>{};
        if (!value.isString())
            return bad(reason, QStringLiteral("\"%1\" must be a string.").arg(QLatin1String(name)));
        return std::optional<QString>{value.toString()};
    };

    CreateRequest request;
    const QJsonValue url = fields.value(QStringLiteral("url"));
    if (url.isUndefined() || url.isNull())
        return bad("missing_url", QStringLiteral("Please give the URL the short link should lead to."));
    if (!url.isString())
        return bad("malformed_url", QStringLiteral("\"url\" must be a string."));
    request.url = url.toString();

    Result<std::optional<QString>> alias = optionalString("alias", "invalid_alias");
    if (!alias)
        return alias.error();
    if (*alias) {
        request.alias = **alias;
        if (request.alias.isEmpty())
            return bad("invalid_alias",
                       QStringLiteral("An alias is 3 to 64 characters of letters, digits, '_' and '-'."));
    }

    Result<std::optional<qint64>> maxClicks = maxClicksFromJson(fields.value(QStringLiteral("max-clicks")));
    if (!maxClicks)
        return maxClicks.error();
    request.maxClicks = *maxClicks;

    const std::pair<const char *, const char *> strings[] = {{"preview-protection", "invalid_preview_protection"},
                                                            {"password", "invalid_password"},
                                                            {"expires-at", "invalid_expires_at"},
                                                            {"expired-url", "invalid_expired_url"},
                                                            {"label", "invalid_label"}};
    for (const auto &[name, reason] : strings) {
        Result<std::optional<QString>> value = optionalString(name, reason);
        if (!value)
            return value.error();
        if (qstrcmp(name, "preview-protection") == 0)
            request.previewProtection = *value;
        else if (qstrcmp(name, "password") == 0)
            request.password = *value;
        else if (qstrcmp(name, "expires-at") == 0)
            request.expiresAt = *value;
        else if (qstrcmp(name, "label") == 0)
            request.label = *value;
        else
            request.expiredUrl = *value;
    }

    const QJsonValue expiresIn = fields.value(QStringLiteral("expires-in"));
    if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        const double seconds = expiresIn.toDouble(-1);
        if (!expiresIn.isDouble() || std::floor(seconds) != seconds || seconds < 0 || seconds > 1e12)
            return bad("invalid_expires_in", QStringLiteral("expires-in is a whole number of seconds, at least 60."));
        request.expiresIn = qint64(seconds);
    }
    return request;
}

Result<BatchRequest> batchFromJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return bad("invalid_json", QStringLiteral("The request body must be a JSON object such as "
                                                  "{\"url\": \"https://…\", \"max-clicks\": 1, \"labels\": [\"Anna\", \"Ben\"]}."));
    }
    QJsonObject common = document.object();
    const auto strings = [](const QJsonValue &value, QStringList &into) {
        if (!value.isArray())
            return false;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return false;
            into.append(item.toString());
        }
        return true;
    };
    BatchRequest batch;
    if (!strings(common.take(QStringLiteral("labels")), batch.labels) || batch.labels.isEmpty())
        return bad("invalid_labels", QStringLiteral("\"labels\" must be a list of strings, one per link."));
    if (batch.labels.size() > LinkService::kMaxBatch)
        return bad("too_many_links", QStringLiteral("A batch makes at most %1 links.").arg(LinkService::kMaxBatch));
    const QJsonValue aliases = common.take(QStringLiteral("aliases"));
    if (!aliases.isUndefined() && (!strings(aliases, batch.aliases) || batch.aliases.size() != batch.labels.size()))
        return bad("invalid_aliases", QStringLiteral("\"aliases\" must be a list of strings, one per label (\"\" for a generated slug)."));
    // Per-link fields live in the lists; the rest is a single creation's.
    for (const char *perLink : {"label", "alias"}) {
        if (common.contains(QLatin1String(perLink)))
            return bad("unknown_field", QStringLiteral("A batch gives \"%1s\" as a list instead of \"%1\".").arg(QLatin1String(perLink)));
    }
    Result<CreateRequest> parsed = fromJson(QJsonDocument(common).toJson(QJsonDocument::Compact));
    if (!parsed)
        return parsed.error();
    batch.common = *parsed;
    return batch;
}

QList<std::pair<QString, QString>> decodeForm(const QByteArray &body)
{
    QList<std::pair<QString, QString>> fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        fields.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                       QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return fields;
}

namespace {

// A datetime-local field sends a wall-clock time without a zone
// ("2030-01-31T18:00", seconds optional). A plain form post cannot tell the
// server the browser's time zone, and guessing the server's own would make
// the same form mean different moments on different hosts; so the form
// labels the field "UTC" and a bare time is read as UTC here (the script
// sends it the same way, so the page means one thing with or without
// JavaScript). A value that carries its own offset is kept as it is; the
// expiry rule checks either.
QString expiresAtFromForm(const QString &text)
{
    static const QRegularExpression wallClock(
        QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?$"));
    if (!wallClock.match(text).hasMatch())
        return text;
    QString iso = text;
    iso[10] = u'T';
    return iso + u'Z';
}

} // namespace

Result<CreateRequest> fromForm(const QByteArray &body)
{
    // A browser sends every field of the form, the empty ones as "": an
    // empty option means "not given" (the link's default), unlike in JSON.
    // Fields may be spelt with '_' (the form's names) or '-' (the API's);
    // one field given twice with different values is refused, as in JSON.
    static const QStringList known{QStringLiteral("url"),         QStringLiteral("alias"),
                                   QStringLiteral("max-clicks"),  QStringLiteral("preview-protection"),
                                   QStringLiteral("password"),    QStringLiteral("expires-at"),
                                   QStringLiteral("expires-in"),  QStringLiteral("expired-url"),
                                   QStringLiteral("label")};
    QHash<QString, QString> fields;
    for (const auto &[rawName, value] : decodeForm(body)) {
        const QString name = QString(rawName).replace(u'_', u'-');
        // Everything else is ignored, as browsers add fields of their own
        // (a named submit button, say). "key" (an API key) is among them on
        // purpose: the web layer reads it for access, it is no part of a link.
        if (!known.contains(name))
            continue;
        const auto existing = fields.constFind(name);
        if (existing != fields.cend() && *existing != value) {
            return bad(name == QLatin1String("max-clicks") ? "invalid_max_clicks" : "conflicting_fields",
                       QStringLiteral("%1 is given twice with different values; send it once.").arg(name));
        }
        fields.insert(name, value);
    }
    // Trimmed; nullopt when empty. A password is never trimmed: it is taken exactly as typed.
    auto option = [&](const char *name, bool trim = true) -> std::optional<QString> {
        const QString value = fields.value(QLatin1String(name));
        const QString text = trim ? value.trimmed() : value;
        return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
    };

    CreateRequest request;
    request.url = option("url").value_or(QString());
    if (request.url.isEmpty())
        return bad("missing_url", QStringLiteral("Please give the URL the short link should lead to."));
    request.alias = option("alias").value_or(QString());
    if (const std::optional<QString> text = option("max-clicks")) {
        bool ok = false;
        const qint64 number = text->toLongLong(&ok);
        if (!ok)
            return invalidMaxClicks();
        request.maxClicks = number;
    }
    request.previewProtection = option("preview-protection");
    request.password = option("password", false);
    if (const std::optional<QString> text = option("expires-in")) {
        bool ok = false;
        const qint64 seconds = text->toLongLong(&ok);
        if (!ok)
            return bad("invalid_expires_in", QStringLiteral("expires-in is a whole number of seconds, at least 60."));
        request.expiresIn = seconds;
    }
    if (const std::optional<QString> text = option("expires-at"))
        request.expiresAt = expiresAtFromForm(*text);
    request.expiredUrl = option("expired-url");
    request.label = option("label");
    return request;
}

} // namespace shortfuse::createparser
