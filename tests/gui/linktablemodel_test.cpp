// The links model (ui/linktablemodel.h) under QAbstractItemModelTester in
// Fatal mode: every signal it emits and every answer it gives is checked
// for consistency as it pages, sorts, filters and follows the server live,
// and any broken model contract aborts the test. Over a real embedded
// server and its store; the rows are also checked against what the test
// seeded, so the model is right, not just self-consistent.

#include "tests/gui/guitest.h"

#include "server/storage/sqlitelinkstore.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLineEdit>
#include <QSet>
#include <QTableView>

namespace shortfuse::test {
namespace {

constexpr int kLinks = 2 * LinkTableModel::kPageSize + 50;  // three pages
constexpr qint64 kFirstCreatedMs = 1'700'000'000'000;

// Link i (id i + 1): slug m000..m449, created i seconds after the first,
// every third one capped at 100 clicks, with a scattered click count.
QString slugOf(int i)
{
    return QStringLiteral("m%1").arg(i, 3, 10, QLatin1Char('0'));
}
QString urlOf(int i)
{
    return QStringLiteral("https://example.com/item/%1").arg((i * 37) % kLinks, 3, 10, QLatin1Char('0'));
}
qint64 clicksOf(int i)
{
    return (i * 13) % 97;
}

class LinkTableModelTest : public GuiTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        // Filled through the store before the server starts, in one batch.
        QDir().mkpath(m_dir.filePath(QStringLiteral("data")));
        {
            SqliteLinkStore store(m_dir.filePath(QStringLiteral("data/shortfuse.db")));
            ASSERT_TRUE(store.open().ok());
            ASSERT_TRUE(store.beginBatch().ok());
            for (int i = 0; i < kLinks; ++i) {
                NewLink link;
                link.slug = slugOf(i);
                link.url = urlOf(i);
                if (i % 3 == 0)
                    link.maxClicks = 100;
                link.createdAtMs = kFirstCreatedMs + i * 1000;
                Result<std::optional<Link>> inserted = store.insertLink(link);
                ASSERT_TRUE(inserted.ok() && inserted->has_value());
                ASSERT_TRUE(store.addClicks((*inserted)->id, clicksOf(i), 1'700'000'000'000).ok());
            }
            ASSERT_TRUE(store.commitBatch().ok());
            store.close();
        }
        GuiTest::SetUp();
    }

    QString slugAt(const LinkTableModel &model, int row) const
    {
        return model.data(model.index(row, LinkTableModel::SlugColumn), Qt::DisplayRole).toString();
    }
    // Asks for page after page, as a view scrolled to the end would, until
    // every row of the current query is in and the store's count agrees.
    bool settled(LinkTableModel &model, qint64 total) const
    {
        if (model.canFetchMore({}))
            model.fetchMore({});
        return !model.isLoading() && !model.canFetchMore({}) && model.totalCount() == total
            && model.rowCount() == total;
    }
    bool sortedBySlug(const LinkTableModel &model) const
    {
        for (int row = 1; row < model.rowCount(); ++row) {
            if (slugAt(model, row - 1) > slugAt(model, row))
                return false;
        }
        return true;
    }
    QString createThroughApi(const QByteArray &json)
    {
        const HttpResponse created = http().postJson("/api/create", json);
        EXPECT_EQ(created.status, 201) << qPrintable(created.describe());
        return created.json().value(QStringLiteral("slug")).toString();
    }
};

TEST_F(LinkTableModelTest, StaysConsistentThroughPagingSortingFilteringAndLiveUpdates)
{
    // A model of its own, so the test decides when it reads; and the
    // window's model too, driven by its view, under the same checks.
    LinkTableModel model(*m_host);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester windowTester(m_window->linkModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<std::pair<int, int>> inserted;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model,
                     [&](const QModelIndex &, int first, int last) { inserted.append({first, last}); });
    int resets = 0;
    QObject::connect(&model, &QAbstractItemModel::modelReset, &model, [&] { ++resets; });

    // fetchMore: the pages come one at a time, newest first, each row once.
    model.reload();
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks); })) << model.rowCount() << ' ' << model.totalCount();
    ASSERT_GE(inserted.size(), 3);
    EXPECT_EQ(inserted.at(0), std::pair(0, LinkTableModel::kPageSize - 1));
    EXPECT_EQ(inserted.at(1), std::pair(LinkTableModel::kPageSize, 2 * LinkTableModel::kPageSize - 1));
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        EXPECT_EQ(slugAt(model, row), slugOf(kLinks - 1 - row)) << row;
        ids.insert(model.linkAt(row)->id);
    }
    EXPECT_EQ(ids.size(), kLinks);

    // Sorting is a new query over the whole table.
    model.sort(LinkTableModel::SlugColumn, Qt::AscendingOrder);
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks) && slugAt(model, 0) == slugOf(0); }));
    for (int row = 0; row < kLinks; ++row)
        ASSERT_EQ(slugAt(model, row), slugOf(row)) << row;
    model.sort(LinkTableModel::ClicksColumn, Qt::DescendingOrder);
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks) && model.linkAt(0)->clicks == 96; }));
    for (int row = 1; row < kLinks; ++row)
        ASSERT_GE(model.linkAt(row - 1)->clicks, model.linkAt(row)->clicks) << row;
    // No order by expiry in the store: the rows stay as they are.
    const int resetsBefore = resets;
    model.sort(LinkTableModel::ExpiresColumn, Qt::AscendingOrder);
    EXPECT_EQ(resets, resetsBefore);
    EXPECT_EQ(model.linkAt(0)->clicks, 96);

    // Filtering: slug or destination, case-insensitively, counted by the store.
    model.sort(LinkTableModel::CreatedColumn, Qt::DescendingOrder);
    const QString needle = QStringLiteral("ITEM/1");
    QStringList matches;  // newest first
    for (int i = kLinks - 1; i >= 0; --i) {
        if (slugOf(i).contains(needle, Qt::CaseInsensitive) || urlOf(i).contains(needle, Qt::CaseInsensitive))
            matches.append(slugOf(i));
    }
    ASSERT_GT(matches.size(), 0);
    model.setFilter(needle);
    ASSERT_TRUE(waitUntil([&] { return settled(model, matches.size()); }))
        << model.rowCount() << " of " << matches.size();
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_EQ(slugAt(model, row), matches.at(row)) << row;

    // Live inserts: a link that does not match the filter stays out...
    const QString unmatched = createThroughApi(R"({"url": "https://example.org/elsewhere", "alias": "zz-elsewhere"})");
    const QString matching = createThroughApi(R"({"url": "https://example.com/item/1-new", "max-clicks": 2})");
    ASSERT_TRUE(waitUntil([&] { return model.rowOfSlug(matching) == 0; }));
    EXPECT_EQ(model.rowOfSlug(unmatched), -1);
    EXPECT_EQ(model.totalCount(), matches.size() + 1);
    EXPECT_EQ(model.rowCount(), matches.size() + 1);
    // ...and without a filter, newest first, a new link goes to the top.
    model.setFilter(QString());
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks + 2); }));
    const QString newest = createThroughApi(R"({"url": "https://example.com/newest"})");
    ASSERT_TRUE(waitUntil([&] { return model.rowOfSlug(newest) == 0 && model.rowCount() == kLinks + 3; }));
    EXPECT_EQ(model.rowOfSlug(matching), 1);
    // In another order its place is the store's to say: the model reads again.
    // ("000-first" sorts before every other slug, generated ones included.)
    model.sort(LinkTableModel::SlugColumn, Qt::AscendingOrder);
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks + 3); }));
    EXPECT_TRUE(sortedBySlug(model));
    const QString first = createThroughApi(R"({"url": "https://example.com/first", "alias": "000-first"})");
    ASSERT_TRUE(waitUntil([&] { return settled(model, kLinks + 4) && slugAt(model, 0) == first; }));
    EXPECT_TRUE(sortedBySlug(model));

    // Click updates change just the clicked row.
    const int i = 4;  // unlimited
    const int row = model.rowOfSlug(slugOf(i));
    ASSERT_GE(row, 0);
    QList<std::pair<int, int>> changed;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                     [&](const QModelIndex &from, const QModelIndex &to) { changed.append({from.row(), to.row()}); });
    ASSERT_EQ(http().get(pathOf(slugOf(i))).status, 302);
    ASSERT_EQ(http().get(pathOf(slugOf(i))).status, 302);
    ASSERT_TRUE(waitUntil([&] { return model.linkAt(row)->clicks == clicksOf(i) + 2; }))
        << model.linkAt(row)->clicks;
    EXPECT_EQ(model.data(model.index(row, LinkTableModel::ClicksColumn), Qt::DisplayRole).toString(),
              QStringLiteral("%1 / unlimited").arg(clicksOf(i) + 2));
    ASSERT_FALSE(changed.isEmpty());
    for (const auto &[from, to] : std::as_const(changed)) {
        EXPECT_EQ(from, row);
        EXPECT_EQ(to, row);
    }

    // Revokes: the row says so, in place.
    changed.clear();
    std::optional<Result<bool>> revoked;
    m_host->revokeLink(slugOf(i), &model, [&](const Result<bool> &result) { revoked = result; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    ASSERT_TRUE(revoked->ok() && **revoked);
    ASSERT_TRUE(waitUntil([&] {
        return model.data(model.index(row, 0), LinkTableModel::StatusRole).toInt()
            == int(LinkTableModel::Status::Revoked);
    }));
    EXPECT_EQ(model.rowOfSlug(slugOf(i)), row);
    EXPECT_EQ(model.rowCount(), kLinks + 4);
    EXPECT_TRUE(model.linkAt(row)->revoked);

    // The window's model heard all of it too.
    LinkTableModel *windowModel = m_window->linkModel();
    EXPECT_TRUE(waitUntil([&] { return windowModel->rowOfSlug(first) == 0 && windowModel->totalCount() == kLinks + 4; }));
}

TEST_F(LinkTableModelTest, WindowsModelStaysConsistentWhenDrivenThroughTheWindow)
{
    LinkTableModel *model = m_window->linkModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView *table = m_window->linkTable();

    // Sorting from the header and filtering from the filter field.
    table->sortByColumn(LinkTableModel::SlugColumn, Qt::DescendingOrder);
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading() && slugAt(*model, 0) == slugOf(kLinks - 1); }));
    auto *filter = widget<QLineEdit>("filterEdit");
    filter->setText(QStringLiteral("m44"));
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading() && model->totalCount() == 10 && model->rowCount() == 10; }))
        << model->rowCount();
    EXPECT_EQ(slugAt(*model, 0), slugOf(449));
    EXPECT_EQ(slugAt(*model, 9), slugOf(440));
    filter->clear();
    table->sortByColumn(LinkTableModel::CreatedColumn, Qt::DescendingOrder);
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading() && slugAt(*model, 0) == slugOf(kLinks - 1); }));

    // A link made in the panel goes to the top; a click and a revoke follow it there.
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/through-the-window"), 1);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(rowOf(slug), 0);
    ASSERT_EQ(http().get(pathOf(slug)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }));
    std::optional<Result<bool>> revoked;
    m_host->revokeLink(slugOf(0), model, [&](const Result<bool> &result) { revoked = result; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    EXPECT_TRUE(revoked->ok() && **revoked);
}

} // namespace
} // namespace shortfuse::test
