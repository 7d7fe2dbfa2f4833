#pragma once

#include "server/core/link.h"
#include "server/core/linkevent.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace shortfuse {

class StoreReader;

// The questions about links that only read: a page of the links table, its
// size, rows by id, totals, one link's statistics, its whole click log.
// The HTTP routes and the desktop window ask them here, never the store:
// this is the seam a remote server will plug into.
//
// Each runs on the statistics reader's thread (never the thread that
// serves redirects, never the writer's) and answers on the thread of
// `context`; an answer whose context is gone by then is dropped. Callable
// from any thread.
class LinkQueries final {
public:
    template <typename T>
    using Reply = std::function<void(const Result<T> &)>;

    explicit LinkQueries(StoreReader &reader);

    void listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done);
    void countLinks(const QString &filter, QObject *context, Reply<qint64> done);
    // How many links `query`'s filters match (its paging ignored).
    void countLinks(const LinkListQuery &query, QObject *context, Reply<qint64> done);
    void linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done);
    // The links of these slugs that exist, in that order.
    void linksBySlug(const QStringList &slugs, QObject *context, Reply<QList<Link>> done);
    // Every link's totals, or (ownerKeyId) one API key's.
    void totals(qint64 sinceMs, QObject *context, Reply<Totals> done,
                std::optional<qint64> ownerKeyId = std::nullopt);
    // nullopt for an unknown slug.
    void linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                   Reply<std::optional<LinkStats>> done);

    // Reads every page of a link's click log, then hands the whole of it to
    // `write` on the reader's thread too (so a caller writing a file never
    // touches the disk from its own thread); `done` gets what `write`
    // returned. An unknown slug is a 404 Error ("not_found") and `write`
    // is not called.
    using Writer = std::function<Result<qint64>(const LinkStats &all)>;
    void exportClicks(const QString &slug, Writer write, QObject *context, Reply<qint64> done);

    // The events journal, for the live stream (GET /api/events): its end,
    // up to `limit` events after `afterId` (LinkReads::eventsAfter), and
    // whether a stream may resume after `eventId` (LinkReads::journalResumable).
    void lastEventId(QObject *context, Reply<qint64> done);
    void eventsAfter(qint64 afterId, int limit, QObject *context, Reply<QList<LinkEvent>> done);
    void journalResumable(qint64 eventId, qint64 sinceMs, QObject *context, Reply<bool> done);
    // Which of these API keys are revoked (or gone) now: one read for many.
    void revokedKeys(const QList<qint64> &ids, QObject *context, Reply<QList<qint64>> done);

private:
    StoreReader &m_reader;
};

} // namespace shortfuse
