#include "server/http/exportstream.h"

#include "server/http/guardedtcpserver.h"
#include "server/http/linkexchange.h"
#include "server/links/linkqueries.h"

namespace shortfuse {

void ExportStream::start(http::ReplyChannel reply, LinkQueries &queries, LinkListQuery query, bool csv, QString baseUrl)
{
    auto *stream = new ExportStream(std::move(reply), queries, std::move(query), csv, std::move(baseUrl));
    stream->pump();
}

ExportStream::ExportStream(http::ReplyChannel reply, LinkQueries &queries, LinkListQuery query, bool csv, QString baseUrl)
    : m_reply(std::move(reply))
    , m_queries(queries)
    , m_query(std::move(query))
    , m_csv(csv)
    , m_baseUrl(std::move(baseUrl))
{
    m_query.limit = kPageSize;
    if (GuardedSocket *socket = m_reply.socket()) {
        // Output drained (or the answers before this one went out): write more.
        connect(socket, &QIODevice::bytesWritten, this, &ExportStream::pump);
        connect(socket, &QObject::destroyed, this, &QObject::deleteLater);
        connect(socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    }
}

void ExportStream::pump()
{
    GuardedSocket *socket = m_reply.socket();
    if (m_ended || !socket || socket->state() != QAbstractSocket::ConnectedState) {
        if (!m_ended && !socket)
            deleteLater();
        return;
    }
    if (m_reading || !m_reply.isTurn())
        return;
    if (!m_headSent) {
        m_headSent = true;
        m_reply.sendHead(200, m_csv ? QByteArrayLiteral("text/csv; charset=utf-8") : QByteArrayLiteral("application/x-ndjson"),
                         {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                          {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
                          {QByteArrayLiteral("Content-Disposition"),
                           m_csv ? QByteArrayLiteral("attachment; filename=\"shortfuse-links.csv\"")
                                 : QByteArrayLiteral("attachment; filename=\"shortfuse-links.jsonl\"")}});
        if (m_csv)
            m_reply.sendPart(exchange::csvHeader());
    }
    // The client has not taken what it was sent yet: wait for bytesWritten.
    if (m_reply.pendingBytes() >= kRefillBelowBytes)
        return;
    m_reading = true;
    m_queries.listLinks(m_query, this, [this](const Result<QList<Link>> &page) {
        m_reading = false;
        if (!page) {
            // Half an export must not pass for a whole one: cut the
            // connection, so the client sees the body end without its last chunk.
            if (GuardedSocket *socket = m_reply.socket())
                socket->abort();
            return deleteLater();
        }
        onPage(*page);
    });
}

void ExportStream::onPage(const QList<Link> &page)
{
    QByteArray bytes;
    for (const Link &link : page) {
        if (m_csv)
            bytes += exchange::csvRow(link, m_baseUrl, m_query.asOfMs);
        else
            bytes += exchange::jsonLine(link, m_baseUrl, m_query.asOfMs) + '\n';
    }
    m_reply.sendPart(bytes);
    if (page.size() < m_query.limit)
        return end();
    m_query.after = m_query.positionOf(page.last());
    pump();
}

void ExportStream::end()
{
    m_ended = true;
    m_reply.finish();
    deleteLater();
}

} // namespace shortfuse
