#pragma once

#include "server/core/linkstats.h"
#include "server/http/httpresponse.h"

#include <QObject>
#include <QPointer>

namespace shortfuse {

class LinkQueries;

// GET /api/links/export, written page by page as the client reads it, never
// built whole: the next page is read (on the statistics reader) only when
// the connection's unsent output is below kRefillBelowBytes, so an export
// holds at most about one page plus that much of the server's memory
// however many links it writes and however slowly the client reads. A
// client that stops reading is closed by the transport guard's stall
// timeout; one that hangs up ends the export at its next page.
class ExportStream final : public QObject {
    Q_OBJECT
public:
    static constexpr int kPageSize = 200;
    static constexpr qint64 kRefillBelowBytes = 64 * 1024;

    // Owns itself: deleted once the export ends or its connection goes.
    static void start(http::ReplyChannel reply, LinkQueries &queries, LinkListQuery query, bool csv, QString baseUrl);

private:
    ExportStream(http::ReplyChannel reply, LinkQueries &queries, LinkListQuery query, bool csv, QString baseUrl);
    void pump();
    void onPage(const QList<Link> &page);
    void end();

    http::ReplyChannel m_reply;
    LinkQueries &m_queries;
    LinkListQuery m_query;
    bool m_csv = false;
    QString m_baseUrl;
    bool m_headSent = false;
    bool m_reading = false;
    bool m_ended = false;
};

} // namespace shortfuse
