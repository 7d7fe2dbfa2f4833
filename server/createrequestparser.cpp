#include "createrequestparser.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        static const QStringList known{QStringLiteral("url"), QStringLiteral("alias"), QStringLiteral("max-clicks"),
                                       QStringLiteral("max_clicks")};
        if (!known.contains(it.key())) {
            // A misspelt "max-clicks" must not quietly make an unlimited link.
            return bad("unknown_field", QStringLiteral("Unknown field \"%1\"; the fields are url, alias and "
                                                       "max-clicks.")
                                            .arg(it.key().left(64)));
        }
    }

    CreateRequest request;
    const QJsonValue url = object.value(QStringLiteral("url"));
    if (url.isUndefined() || url.isNull())
        return bad("missing_url", QStringLiteral("Please give the URL the short link should lead to."));
    if (!url.isString())
        return bad("malformed_url", QStringLiteral("\"url\" must be a string."));
    request.url = url.toString();

    const QJsonValue alias = object.value(QStringLiteral("alias"));
    if (!alias.isUndefined() && !alias.isNull()) {
        if (!alias.isString())
            return bad("invalid_alias", QStringLiteral("\"alias\" must be a string."));
        request.alias = alias.toString();
        if (request.alias.isEmpty())
            return bad("invalid_alias",
                       QStringLiteral("An alias is 3 to 64 characters of letters, digits, '_' and '-'."));
    }

    Result<std::optional<qint64>> hyphen = maxClicksFromJson(object.value(QStringLiteral("max-clicks")));
    Result<std::optional<qint64>> underscore = maxClicksFromJson(object.value(QStringLiteral("max_clicks")));
    if (!hyphen)
        return hyphen.error();
    if (!underscore)
        return underscore.error();
    if (hyphen->has_value() && underscore->has_value() && **hyphen != **underscore)
        return bad("invalid_max_clicks", QStringLiteral("max-clicks and max_clicks disagree; send one of them."));
    request.maxClicks = hyphen->has_value() ? *hyphen : *underscore;
    return request;
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

Result<CreateRequest> fromForm(const QByteArray &body)
{
    CreateRequest request;
    for (const auto &[name, value] : decodeForm(body)) {
        if (name == QLatin1String("url")) {
            request.url = value.trimmed();
        } else if (name == QLatin1String("alias")) {
            request.alias = value.trimmed();
        } else if (name == QLatin1String("max_clicks") || name == QLatin1String("max-clicks")) {
            const QString text = value.trimmed();
            if (text.isEmpty())
                continue;
            bool ok = false;
            const qint64 number = text.toLongLong(&ok);
            if (!ok)
                return invalidMaxClicks();
            request.maxClicks = number;
        }
    }
    if (request.url.isEmpty())
        return bad("missing_url", QStringLiteral("Please give the URL the short link should lead to."));
    return request;
}

} // namespace shortfuse::createparser
