#include "server/http/linklistparser.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace shortfuse::linklist {

namespace {

using SortBy = LinkListQuery::SortBy;

constexpr SortBy kSorts[] = {SortBy::Created, SortBy::Slug,      SortBy::Url,  SortBy::Clicks,
                             SortBy::Status,  SortBy::LastClick, SortBy::Label};

Error invalid(const char *reason, const QString &message)
{
    return Error{400, reason, message};
}

// What a cursor is bound to: the same listing asked again gives the same
// fingerprint; any other sort, order or filter another one.
QString fingerprint(const LinkListQuery &query)
{
    QByteArray text = sortName(query.sortBy).toUtf8() + (query.descending ? "\x1f" "d" : "\x1f" "a");
    text += '\x1f' + query.filter.toUtf8();
    text += '\x1f' + (query.status ? QByteArray(linkStatusName(*query.status)) : QByteArray("-"));
    text += '\x1f' + (query.label ? "=" + query.label->toUtf8() : QByteArray("-"));
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).left(12).toHex());
}

Error badCursor()
{
    return invalid("invalid_cursor",
                   QStringLiteral("cursor must be the next_cursor of the previous page, asked with the same "
                                  "sort, order, q, status and label."));
}

} // namespace

QString sortName(SortBy by)
{
    switch (by) {
    case SortBy::Created: return QStringLiteral("created");
    case SortBy::Slug: return QStringLiteral("slug");
    case SortBy::Url: return QStringLiteral("url");
    case SortBy::Clicks: return QStringLiteral("clicks");
    case SortBy::Status: return QStringLiteral("status");
    case SortBy::LastClick: return QStringLiteral("last_click");
    case SortBy::Label: return QStringLiteral("label");
    }
    return QStringLiteral("created");
}

Result<LinkListQuery> parse(const QUrlQuery &params, qint64 nowMs)
{
    LinkListQuery query;
    query.limit = kDefaultLimit;
    query.asOfMs = nowMs;
    auto value = [&params](const char *name) {
        return params.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    auto has = [&params](const char *name) { return params.hasQueryItem(QString::fromLatin1(name)); };

    if (has("limit")) {
        bool ok = false;
        query.limit = value("limit").toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > kMaxLimit)
            return invalid("invalid_limit", QStringLiteral("limit must be a whole number from 1 to %1.").arg(kMaxLimit));
    }
    if (has("sort")) {
        const QString name = value("sort");
        bool found = false;
        for (SortBy by : kSorts) {
            if (name == sortName(by)) {
                query.sortBy = by;
                found = true;
            }
        }
        if (!found)
            return invalid("invalid_sort",
                           QStringLiteral("sort must be one of created, slug, url, clicks, status, last_click."));
    }
    // Newest, most clicked, last clicked first; names and addresses A to Z.
    query.descending = !LinkListQuery::sortsByText(query.sortBy);
    if (has("order")) {
        const QString order = value("order");
        if (order == QLatin1String("asc"))
            query.descending = false;
        else if (order == QLatin1String("desc"))
            query.descending = true;
        else
            return invalid("invalid_order", QStringLiteral("order must be asc or desc."));
    }
    if (has("q")) {
        query.filter = value("q");
        if (query.filter.size() > kMaxQueryLength)
            return invalid("invalid_query", QStringLiteral("q must be at most %1 characters.").arg(kMaxQueryLength));
    }
    if (has("status")) {
        query.status = linkStatusFromName(value("status"));
        if (!query.status)
            return invalid("invalid_status", QStringLiteral("status must be one of active, used_up, expired, revoked."));
    }
    if (has("label")) {
        query.label = value("label");
        if (query.label->size() > kMaxQueryLength)
            return invalid("invalid_label", QStringLiteral("label must be at most %1 characters.").arg(kMaxQueryLength));
    }
    if (has("cursor")) {
        const QByteArray raw = value("cursor").toLatin1();
        if (raw.size() > 4096)
            return badCursor();
        const auto decoded = QByteArray::fromBase64Encoding(raw, QByteArray::Base64UrlEncoding
                                                                     | QByteArray::OmitTrailingEquals
                                                                     | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return badCursor();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return badCursor();
        const QJsonObject cursor = document.object();
        const QJsonValue v = cursor.value(QStringLiteral("v"));
        const QJsonValue i = cursor.value(QStringLiteral("i"));
        const QJsonValue t = cursor.value(QStringLiteral("t"));
        if (cursor.value(QStringLiteral("f")).toString() != fingerprint(query) || !i.isDouble() || !t.isDouble())
            return badCursor();
        LinkListQuery::Position after;
        // JSON numbers are doubles: ids and times are integers well below 2^53.
        after.id = i.toInteger(-1);
        query.asOfMs = t.toInteger(-1);
        if (after.id < 0 || query.asOfMs < 0 || double(after.id) != i.toDouble() || double(query.asOfMs) != t.toDouble())
            return badCursor();
        if (LinkListQuery::sortsByText(query.sortBy)) {
            if (!v.isString())
                return badCursor();
            after.text = v.toString();
        } else {
            if (!v.isDouble() || double(v.toInteger()) != v.toDouble())
                return badCursor();
            after.number = v.toInteger();
        }
        query.after = after;
    }
    return query;
}

QString cursorAfter(const LinkListQuery &query, const Link &last)
{
    const LinkListQuery::Position position = query.positionOf(last);
    QJsonObject cursor{{QStringLiteral("i"), position.id},
                       {QStringLiteral("t"), query.asOfMs},
                       {QStringLiteral("f"), fingerprint(query)}};
    cursor.insert(QStringLiteral("v"), LinkListQuery::sortsByText(query.sortBy) ? QJsonValue(position.text)
                                                                             : QJsonValue(position.number));
    return QString::fromLatin1(QJsonDocument(cursor).toJson(QJsonDocument::Compact).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace shortfuse::linklist
