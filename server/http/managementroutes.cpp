// The management routes of WebApplication (issue 12): listing, totals,
// export and import of the links a key holder may see. Kept apart from
// webapplication.cpp, which routes to them.

#include "server/http/webapplication.h"

#include "server/http/eventstream.h"
#include "server/http/exportstream.h"
#include "server/http/guardedtcpserver.h"
#include "server/http/linkexchange.h"
#include "server/http/linklistparser.h"
#include "server/http/statsformat.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace shortfuse {

using http::Response;

void WebApplication::managementScope(const QHttpServerRequest &request, ScopeDone then)
{
    const Result<std::optional<QString>> key = AccessRules::bearerKey(request);
    if (!key)
        return then(key.error(), std::nullopt);
    identify(request, *key, [then = std::move(then)](const Result<Caller> &caller) {
        if (!caller)
            return then(caller.error(), std::nullopt);
        const std::optional<qint64> keyId = caller->key ? std::optional<qint64>(caller->key->id) : std::nullopt;
        const Result<LinkScope> scope = scopeOf(*caller);
        then(scope, scope ? keyId : std::nullopt);
    });
}

QJsonObject WebApplication::listedLinkJson(const Link &link, qint64 nowMs) const
{
    QJsonObject json = linkJson(link);
    json.insert(QStringLiteral("status"), QLatin1String(linkStatusName(statusOf(link, nowMs))));
    json.insert(QStringLiteral("remaining"), link.maxClicks ? QJsonValue(std::max<qint64>(0, *link.maxClicks - link.clicks))
                                                            : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("last_click_at"), link.lastClickAtMs ? QJsonValue(statsformat::isoUtc(*link.lastClickAtMs))
                                                                    : QJsonValue(QJsonValue::Null));
    return json;
}

void WebApplication::serveLinkList(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    Result<LinkListQuery> parsed = linklist::parse(request.query(), m_deps.clock.nowMs());
    if (!parsed)
        return reply.send(Response::jsonError(parsed.error()));
    managementScope(request, [this, reply, query = *parsed](const Result<LinkScope> &scope, std::optional<qint64>) mutable {
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        query.ownerKeyId = scope->ownerKeyId;
        // The page and the count are two reads on the statistics reader, one
        // after the other; a link made between them may make `total` one off.
        m_deps.queries.countLinks(query, &m_deps.links, [this, reply, query](const Result<qint64> &total) mutable {
            if (!total)
                return reply.send(Response::jsonError(total.error()));
            m_deps.queries.listLinks(query, &m_deps.links, [this, reply, query, total = *total](const Result<QList<Link>> &page) mutable {
                if (!page)
                    return reply.send(Response::jsonError(page.error()));
                QJsonArray links;
                for (const Link &link : *page)
                    links.append(listedLinkJson(link, query.asOfMs));
                // A full page may be the last one: the next then comes back empty, with a null cursor.
                const QJsonValue next = page->size() == query.limit
                    ? QJsonValue(linklist::cursorAfter(query, page->last()))
                    : QJsonValue(QJsonValue::Null);
                reply.send(Response::json(200, QJsonObject{{QStringLiteral("links"), links},
                                                           {QStringLiteral("total"), total},
                                                           {QStringLiteral("next_cursor"), next}}));
            });
        });
    });
}

void WebApplication::serveTotals(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    // "Today" as the window's status bar means it: since midnight where the
    // server runs. A console elsewhere may name its own midnight (?since=).
    const qint64 nowMs = m_deps.clock.nowMs();
    qint64 sinceMs = QDateTime(QDateTime::fromMSecsSinceEpoch(nowMs).date(), QTime(0, 0)).toMSecsSinceEpoch();
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("since"))) {
        const QDateTime since = QDateTime::fromString(query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded),
                                                      Qt::ISODateWithMs);
        if (!since.isValid() || since.timeSpec() == Qt::LocalTime)
            return reply.send(Response::jsonError(
                Error{400, "invalid_since", QStringLiteral("since must be an ISO-8601 time with a UTC offset.")}));
        sinceMs = since.toMSecsSinceEpoch();
    }
    managementScope(request, [this, reply, sinceMs](const Result<LinkScope> &scope, std::optional<qint64>) mutable {
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        m_deps.queries.totals(
            sinceMs, &m_deps.links,
            [reply, sinceMs](const Result<Totals> &totals) mutable {
                if (!totals)
                    return reply.send(Response::jsonError(totals.error()));
                reply.send(Response::json(200, QJsonObject{{QStringLiteral("links"), totals->links},
                                                           {QStringLiteral("clicks_today"), totals->clicksSince},
                                                           {QStringLiteral("since"), statsformat::isoUtc(sinceMs)}}));
            },
            scope->ownerKeyId);
    });
}

void WebApplication::serveExport(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    const bool csv = request.value(QByteArrayLiteral("accept")).contains("text/csv");
    managementScope(request, [this, reply, csv](const Result<LinkScope> &scope, std::optional<qint64>) mutable {
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        LinkListQuery query;
        query.sortBy = LinkListQuery::SortBy::Created;
        query.descending = false;
        query.ownerKeyId = scope->ownerKeyId;
        query.asOfMs = m_deps.clock.nowMs();
        ExportStream::start(std::move(reply), m_deps.queries, query, csv, m_baseUrl);
    });
}

void WebApplication::serveEvents(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    // Now, while this request is dispatched and before the key is checked:
    // nothing pipelined after a stream's request is ever parsed (its answer
    // never ends), whatever the answer turns out to be.
    if (GuardedSocket *socket = reply.socket())
        socket->stopReadingRequests();
    const QUrlQuery query = request.query();
    const std::optional<qint64> resumeFrom =
        sse::lastEventId(request.value(QByteArrayLiteral("last-event-id")),
                         query.queryItemValue(QStringLiteral("last_event_id"), QUrl::FullyDecoded),
                         query.hasQueryItem(QStringLiteral("last_event_id")));
    managementScope(request, [this, reply, resumeFrom](const Result<LinkScope> &scope, std::optional<qint64> keyId) mutable {
        if (!scope || m_draining) {
            reply.closeAfterwards(); // the connection reads nothing more
            return reply.send(Response::jsonError(
                scope ? Error{503, "shutting_down", QStringLiteral("The server is restarting; try again in a moment."), 1}
                      : scope.error()));
        }
        m_deps.events.open(std::move(reply), scope->ownerKeyId, keyId, resumeFrom);
    });
}

void WebApplication::startDraining()
{
    m_draining = true;
    m_deps.events.endAll();
}

void WebApplication::serveImport(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    const QByteArray type = request.value(QByteArrayLiteral("content-type")).toLower();
    if (!type.startsWith("application/x-ndjson") && !type.startsWith("application/jsonl")
        && !type.startsWith("application/json")) {
        return reply.send(Response::jsonError(Error{415, "unsupported_media_type",
                                                    QStringLiteral("Send the export's JSON Lines with Content-Type: application/x-ndjson.")}));
    }
    // Who may import before what: a caller without the right learns nothing
    // of the file's problems. The body is parsed once the caller is known.
    managementScope(request, [this, reply, body = request.body()](const Result<LinkScope> &scope, std::optional<qint64> keyId) mutable {
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        QList<ImportedLink> links;
        QJsonArray errors;
        int lineNumber = 0;
        int lines = 0;
        for (qsizetype start = 0; start <= body.size();) {
            qsizetype end = body.indexOf('\n', start);
            if (end < 0)
                end = body.size();
            const QByteArrayView line = QByteArrayView(body).sliced(start, end - start);
            start = end + 1;
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            if (++lines > exchange::kMaxLines)
                return reply.send(Response::json(400, QJsonObject{
                    {QStringLiteral("error"), QStringLiteral("An import holds at most %1 links.").arg(exchange::kMaxLines)},
                    {QStringLiteral("reason"), QStringLiteral("too_many_lines")},
                    {QStringLiteral("errors"), QJsonArray()}}));
            Result<ImportedLink> parsed = exchange::parseLine(line);
            if (!parsed) {
                if (errors.size() < 100)
                    errors.append(QJsonObject{{QStringLiteral("line"), lineNumber},
                                              {QStringLiteral("reason"), QString::fromLatin1(parsed.error().reason)},
                                              {QStringLiteral("error"), parsed.error().message}});
                continue;
            }
            parsed->link.ownerKeyId = keyId;
            links.append(std::move(*parsed));
        }
        // All or nothing: one bad line and nothing is stored.
        if (!errors.isEmpty())
            return reply.send(Response::json(400, QJsonObject{
                {QStringLiteral("error"), QStringLiteral("Some lines are not links; nothing was imported.")},
                {QStringLiteral("reason"), QStringLiteral("invalid_import")},
                {QStringLiteral("errors"), errors}}));
        const qint64 count = links.size();
        m_deps.links.importLinks(std::move(links), [reply, count](const Result<QStringList> &existing) mutable {
            if (!existing)
                return reply.send(Response::jsonError(existing.error()));
            reply.send(Response::json(200, QJsonObject{{QStringLiteral("imported"), count - existing->size()},
                                                       {QStringLiteral("existing"), QJsonArray::fromStringList(*existing)},
                                                       {QStringLiteral("errors"), QJsonArray()}}));
        });
    });
}

} // namespace shortfuse
