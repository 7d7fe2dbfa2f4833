#include "server/links/linkqueries.h"

#include "server/storage/storereader.h"

#include <QSet>

namespace shortfuse {

LinkQueries::LinkQueries(StoreReader &reader)
    : m_reader(reader)
{
}

void LinkQueries::listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done)
{
    m_reader.read<QList<Link>>([query](LinkReads &store) { return store.listLinks(query); }, std::move(done), context);
}

void LinkQueries::countLinks(const QString &filter, QObject *context, Reply<qint64> done)
{
    LinkListQuery query;
    query.filter = filter;
    countLinks(query, context, std::move(done));
}

void LinkQueries::countLinks(const LinkListQuery &query, QObject *context, Reply<qint64> done)
{
    m_reader.read<qint64>([query](LinkReads &store) { return store.countLinks(query); }, std::move(done), context);
}

void LinkQueries::linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done)
{
    m_reader.read<QList<Link>>([ids](LinkReads &store) { return store.linksByIds(ids); }, std::move(done), context);
}

void LinkQueries::linksBySlug(const QStringList &slugs, QObject *context, Reply<QList<Link>> done)
{
    m_reader.read<QList<Link>>(
        [slugs](LinkReads &store) -> Result<QList<Link>> {
            QList<Link> links;
            for (const QString &slug : slugs) {
                Result<std::optional<Link>> found = store.findLink(slug);
                if (!found)
                    return found.error();
                if (found->has_value())
                    links.append(**found);
            }
            return links;
        },
        std::move(done), context);
}

void LinkQueries::totals(qint64 sinceMs, QObject *context, Reply<Totals> done, std::optional<qint64> ownerKeyId)
{
    m_reader.read<Totals>([sinceMs, ownerKeyId](LinkReads &store) { return store.totals(sinceMs, ownerKeyId); },
                          std::move(done), context);
}

void LinkQueries::linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                            Reply<std::optional<LinkStats>> done)
{
    m_reader.read<std::optional<LinkStats>>(
        [slug, query](LinkReads &store) { return store.linkStats(slug, query); }, std::move(done), context);
}

void LinkQueries::exportClicks(const QString &slug, Writer write, QObject *context, Reply<qint64> done)
{
    auto job = [slug, write = std::move(write)](LinkReads &store) -> Result<qint64> {
        StatsQuery query;
        query.limit = StatsQuery::kMaxLimit;
        std::optional<LinkStats> all;
        for (;;) {
            Result<std::optional<LinkStats>> page = store.linkStats(slug, query);
            if (!page)
                return page.error();
            if (!page->has_value())
                return Error{404, "not_found", QStringLiteral("There is no short link called \"%1\".").arg(slug.left(64))};
            if (!all)
                all = **page;
            else
                all->log.append((*page)->log);
            if (!(*page)->nextBefore)
                break;
            query.beforeId = (*page)->nextBefore;
        }
        all->nextBefore.reset();
        return write(*all);
    };
    m_reader.read<qint64>(std::move(job), std::move(done), context);
}

void LinkQueries::lastEventId(QObject *context, Reply<qint64> done)
{
    m_reader.read<qint64>([](LinkReads &store) { return store.lastEventId(); }, std::move(done), context);
}

void LinkQueries::eventsAfter(qint64 afterId, int limit, QObject *context, Reply<QList<LinkEvent>> done)
{
    m_reader.read<QList<LinkEvent>>([afterId, limit](LinkReads &store) { return store.eventsAfter(afterId, limit); },
                                    std::move(done), context);
}

void LinkQueries::journalResumable(qint64 eventId, qint64 sinceMs, QObject *context, Reply<bool> done)
{
    m_reader.read<bool>([eventId, sinceMs](LinkReads &store) { return store.journalResumable(eventId, sinceMs); },
                        std::move(done), context);
}

void LinkQueries::revokedKeys(const QList<qint64> &ids, QObject *context, Reply<QList<qint64>> done)
{
    m_reader.read<QList<qint64>>(
        [ids](LinkReads &store) -> Result<QList<qint64>> {
            const Result<QList<ApiKey>> keys = store.listApiKeys();
            if (!keys)
                return keys.error();
            QSet<qint64> live;
            for (const ApiKey &key : *keys) {
                if (!key.revoked())
                    live.insert(key.id);
            }
            QList<qint64> revoked;
            for (qint64 id : ids) {
                if (!live.contains(id))
                    revoked.append(id);
            }
            return revoked;
        },
        std::move(done), context);
}

} // namespace shortfuse
