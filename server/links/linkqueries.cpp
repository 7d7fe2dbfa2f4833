#include "server/links/linkqueries.h"

#include "server/storage/storereader.h"

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

} // namespace shortfuse
