// The links table over 100,000 links: the window shows the first page
// without reading the rest, scrolling fetches further pages, sorting and
// filtering are the store's queries, and a live click touches only its row.
// Prints how long the first page took (not asserted beyond a sanity bound:
// tests do not measure speed, bench/ does).

#include "tests/gui/guitest.h"

#include "server/storage/sqlitelinkstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace shortfuse::test {
namespace {

constexpr int kLinks = 100'000;
constexpr qint64 kFirstCreatedMs = 1'700'000'000'000;

// The seeded links, as the test computes them independently of SQL. Link i
// (id i + 1) has slug h000000..h099999, is created i seconds after the
// first, points at a permutation of item numbers, and every fourth one is
// capped at 10 clicks; the others have a scattered, distinct click count.
QString slugOf(int i)
{
    return QStringLiteral("h%1").arg(i, 6, 10, QLatin1Char('0'));
}
int itemOf(int i)
{
    return int((qint64(i) * 7919 + 12345) % kLinks);
}
QString urlOf(int i)
{
    return QStringLiteral("https://example.com/item/%1").arg(itemOf(i), 6, 10, QLatin1Char('0'));
}
bool cappedLink(int i)
{
    return i % 4 == 0;
}
qint64 clicksOf(int i)
{
    return cappedLink(i) ? i % 10 : (qint64(i) * 37) % kLinks;
}

class HundredThousandLinksTest : public GuiTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        const QString dbFile = m_dir.filePath(QStringLiteral("data/shortfuse.db"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("data")));
        QElapsedTimer seeding;
        seeding.start();
        {
            // The real schema, from the store's own migrations.
            SqliteLinkStore store(dbFile);
            ASSERT_TRUE(store.open().ok());
            store.close();
        }
        {
            // Then one INSERT ... SELECT in one transaction through Qt SQL,
            // the layer the store uses: far cheaper than 100,000 statements.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
            db.setDatabaseName(dbFile);
            ASSERT_TRUE(db.open()) << qPrintable(db.lastError().text());
            ASSERT_TRUE(db.transaction());
            QSqlQuery q(db);
            const bool seeded = q.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %1) "
                "INSERT INTO links(slug, url, max_clicks, clicks, created_at) "
                "SELECT printf('h%06d', i), printf('https://example.com/item/%06d', (i * 7919 + 12345) % %1), "
                "CASE WHEN i % 4 = 0 THEN 10 END, CASE WHEN i % 4 = 0 THEN i % 10 ELSE (i * 37) % %1 END, "
                "%2 + i * 1000 FROM n")
                                           .arg(kLinks)
                                           .arg(kFirstCreatedMs));
            ASSERT_TRUE(seeded) << qPrintable(q.lastError().text());
            ASSERT_TRUE(db.commit());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));
        std::printf("[ seeding  ] %d links in %lld ms\n", kLinks, seeding.elapsed());

        // From here on, what a user waits for: the window, the server, the first page.
        QElapsedTimer firstPage;
        firstPage.start();
        GuiTest::SetUp();
        const qint64 serverMs = firstPage.elapsed();
        LinkTableModel *model = m_window->linkModel();
        ASSERT_TRUE(waitUntil([&] { return model->rowCount() > 0; }, 30'000));
        m_firstPageMs = firstPage.elapsed();
        std::printf("[ timing   ] window shown, server started (%lld ms) and first page of %d rows in %lld ms\n",
                    serverMs, model->rowCount(), m_firstPageMs);
        RecordProperty("time_to_first_page_ms", int(m_firstPageMs));
    }

    LinkTableModel *model() const { return m_window->linkModel(); }
    QString slugAt(int row) const
    {
        return model()->data(model()->index(row, LinkTableModel::SlugColumn), Qt::DisplayRole).toString();
    }
    // Waits for a query's first page; returns how long it took, or -1.
    qint64 waitForFirstPage(const std::function<bool()> &ready)
    {
        QElapsedTimer timer;
        timer.start();
        if (!waitUntil([&] { return !model()->isLoading() && model()->rowCount() > 0 && ready(); }, 30'000))
            return -1;
        return timer.elapsed();
    }

    qint64 m_firstPageMs = -1;
};

TEST_F(HundredThousandLinksTest, FirstPageOnlyThenPagesSortAndFilterByQueryAndLiveClicksTouchOneRow)
{
    LinkTableModel *model = this->model();
    QTableView *table = m_window->linkTable();
    EXPECT_LT(m_firstPageMs, 10'000) << "sanity bound only";

    // One page, newest first, and the true total wherever the window shows it.
    ASSERT_TRUE(waitUntil([&] { return model->totalCount() == kLinks && !model->isLoading(); }));
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    EXPECT_TRUE(model->canFetchMore({}));
    EXPECT_EQ(slugAt(0), slugOf(kLinks - 1));
    EXPECT_EQ(slugAt(LinkTableModel::kPageSize - 1), slugOf(kLinks - LinkTableModel::kPageSize));
    const QString total = QLocale().toString(qint64(kLinks));
    auto *countLabel = widget<QLabel>("linkCountLabel");
    auto *totalsLabel = widget<QLabel>("totalsLabel");
    EXPECT_EQ(countLabel->text(), QStringLiteral("%1 links").arg(total));
    EXPECT_TRUE(waitUntil([&] { return totalsLabel->text().startsWith(QStringLiteral("%1 links").arg(total)); }))
        << qPrintable(totalsLabel->text());

    // Scrolling to the end fetches the next pages, in order, a page at a time.
    QElapsedTimer scrolling;
    scrolling.start();
    ASSERT_TRUE(waitUntil([&] {
        table->scrollToBottom();
        return model->rowCount() >= 4 * LinkTableModel::kPageSize;
    })) << model->rowCount();
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading(); }));
    std::printf("[ timing   ] %d rows after scrolling, in %lld ms\n", model->rowCount(), scrolling.elapsed());
    const int loaded = model->rowCount();
    EXPECT_EQ(loaded % LinkTableModel::kPageSize, 0);
    EXPECT_LE(loaded, 6 * LinkTableModel::kPageSize);  // what was scrolled past, not the table
    EXPECT_EQ(slugAt(loaded - 1), slugOf(kLinks - loaded));
    EXPECT_EQ(slugAt(loaded / 2), slugOf(kLinks - 1 - loaded / 2));
    EXPECT_TRUE(model->canFetchMore({}));
    model->fetchMore({});
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == loaded + LinkTableModel::kPageSize; }));
    EXPECT_EQ(slugAt(loaded), slugOf(kLinks - 1 - loaded));

    // Sorting asks the store: the whole table's first rows, not the loaded ones'.
    table->sortByColumn(LinkTableModel::SlugColumn, Qt::AscendingOrder);
    qint64 took = waitForFirstPage([&] { return slugAt(0) == slugOf(0); });
    EXPECT_GE(took, 0) << qPrintable(slugAt(0));
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    EXPECT_EQ(slugAt(1), slugOf(1));
    std::printf("[ timing   ] sorted by short link in %lld ms\n", took);

    int smallestUrl = 0;
    int mostClicks = -1;
    for (int i = 0; i < kLinks; ++i) {
        if (urlOf(i) < urlOf(smallestUrl))
            smallestUrl = i;
        if (mostClicks < 0 || clicksOf(i) > clicksOf(mostClicks)
            || (clicksOf(i) == clicksOf(mostClicks) && i > mostClicks))
            mostClicks = i;
    }
    table->sortByColumn(LinkTableModel::DestinationColumn, Qt::AscendingOrder);
    took = waitForFirstPage([&] { return slugAt(0) == slugOf(smallestUrl); });
    EXPECT_GE(took, 0) << qPrintable(slugAt(0)) << " expected " << qPrintable(slugOf(smallestUrl));
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    std::printf("[ timing   ] sorted by destination in %lld ms\n", took);

    table->sortByColumn(LinkTableModel::ClicksColumn, Qt::DescendingOrder);
    took = waitForFirstPage([&] { return slugAt(0) == slugOf(mostClicks); });
    EXPECT_GE(took, 0) << qPrintable(slugAt(0)) << " expected " << qPrintable(slugOf(mostClicks));
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    std::printf("[ timing   ] sorted by clicks in %lld ms\n", took);

    // Filtering narrows through the query: its count, its newest match first.
    table->sortByColumn(LinkTableModel::CreatedColumn, Qt::DescendingOrder);
    ASSERT_GE(waitForFirstPage([&] { return slugAt(0) == slugOf(kLinks - 1); }), 0);
    const QString needle = QStringLiteral("424");
    qint64 matches = 0;
    int newestMatch = -1;
    for (int i = 0; i < kLinks; ++i) {
        if (slugOf(i).contains(needle) || urlOf(i).contains(needle)) {
            ++matches;
            newestMatch = i;
        }
    }
    ASSERT_GT(matches, LinkTableModel::kPageSize);  // the filtered table pages too
    QElapsedTimer filtering;
    filtering.start();
    QTest::keyClicks(widget<QLineEdit>("filterEdit"), needle);
    ASSERT_TRUE(waitUntil([&] {
        return model->filter() == needle && !model->isLoading() && model->totalCount() == matches
            && model->rowCount() > 0 && slugAt(0) == slugOf(newestMatch);
    }, 30'000)) << model->totalCount() << ' ' << qPrintable(slugAt(0));
    std::printf("[ timing   ] filtered to %lld links in %lld ms\n", matches, filtering.elapsed());
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    for (int row = 0; row < model->rowCount(); ++row) {
        const Link *link = model->linkAt(row);
        ASSERT_NE(link, nullptr);
        EXPECT_TRUE(link->slug.contains(needle) || link->url.contains(needle)) << qPrintable(link->slug);
    }
    EXPECT_EQ(countLabel->text(), QStringLiteral("%1 links").arg(QLocale().toString(matches)));
    widget<QLineEdit>("filterEdit")->clear();
    ASSERT_GE(waitForFirstPage([&] { return model->totalCount() == kLinks && slugAt(0) == slugOf(kLinks - 1); }), 0);

    // A click on a shown link changes that row and nothing else.
    const int row = 5;
    const int i = kLinks - 1 - row;
    ASSERT_FALSE(cappedLink(i));
    ASSERT_EQ(slugAt(row), slugOf(i));
    const int rowsBefore = model->rowCount();
    int resets = 0;
    int inserts = 0;
    QList<std::pair<int, int>> changed;
    QObject watcher;
    QObject::connect(model, &QAbstractItemModel::modelReset, &watcher, [&] { ++resets; });
    QObject::connect(model, &QAbstractItemModel::rowsInserted, &watcher, [&] { ++inserts; });
    QObject::connect(model, &QAbstractItemModel::dataChanged, &watcher,
            [&](const QModelIndex &from, const QModelIndex &to) { changed.append({from.row(), to.row()}); });
    const HttpResponse click = http().get(pathOf(slugOf(i)));
    ASSERT_EQ(click.status, 302) << qPrintable(click.describe());
    const QString expected = QStringLiteral("%1 / unlimited").arg(QLocale().toString(clicksOf(i) + 1));
    EXPECT_TRUE(waitUntil([&] {
        return model->data(model->index(row, LinkTableModel::ClicksColumn), Qt::DisplayRole).toString() == expected;
    })) << qPrintable(model->data(model->index(row, LinkTableModel::ClicksColumn), Qt::DisplayRole).toString());
    EXPECT_EQ(resets, 0);
    EXPECT_EQ(inserts, 0);
    EXPECT_EQ(model->rowCount(), rowsBefore);
    ASSERT_FALSE(changed.isEmpty());
    for (const auto &[from, to] : changed) {
        EXPECT_EQ(from, row);
        EXPECT_EQ(to, row);
    }
}

} // namespace
} // namespace shortfuse::test
