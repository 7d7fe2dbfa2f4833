// Making links through the create panel, and the links table following
// what the server does with them.

#include "tests/gui/guitest.h"

#include "server/links/linkrules.h"
#include "server/storage/linkstore.h"
#include "server/storage/sqlitelinkstore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

namespace shortfuse::test {
namespace {

class CreateFlowTest : public GuiTest {};

TEST_F(CreateFlowTest, OneTimeLinkIsCopiedListedRedirectsOnceAndExpiresInTheTable)
{
    const QString url = QStringLiteral("https://example.com/invite?code=42&x=%41");
    const QString slug = createThroughPanel(url, 1);
    ASSERT_FALSE(slug.isEmpty());

    const QString shortUrl = m_host->baseUrl() + u'/' + slug;
    EXPECT_EQ(widget<QLineEdit>("shortUrlEdit")->text(), shortUrl);
    EXPECT_EQ(QApplication::clipboard()->text(), shortUrl);
    EXPECT_TRUE(widget<QLabel>("copiedLabel")->text().contains(QStringLiteral("Copied")));
    EXPECT_FALSE(m_window->createPanel()->qrImage().isNull());
    EXPECT_EQ(cell(slug, LinkTableModel::DestinationColumn), url);
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("0 / 1"));
    EXPECT_EQ(statusOf(slug), LinkTableModel::Status::Active);
    EXPECT_EQ(cell(slug, LinkTableModel::StatusColumn), QStringLiteral("active"));

    const HttpResponse first = http().get(pathOf(slug));
    EXPECT_EQ(first.status, 302) << qPrintable(first.describe());
    EXPECT_EQ(first.header("Location"), url.toUtf8());
    const HttpResponse second = http().get(pathOf(slug));
    EXPECT_EQ(second.status, 400) << qPrintable(second.describe());

    // Nobody touched the window: the committed click updates the row.
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }))
        << qPrintable(cell(slug, LinkTableModel::StatusColumn));
    EXPECT_EQ(cell(slug, LinkTableModel::StatusColumn), QStringLiteral("expired"));
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("1 / 1"));
}

TEST_F(CreateFlowTest, EnterInTheUrlFieldShortens)
{
    auto *urlEdit = widget<QLineEdit>("urlEdit");
    urlEdit->setFocus();
    QTest::keyClicks(urlEdit, QStringLiteral("https://example.org/enter"));
    QTest::keyClick(urlEdit, Qt::Key_Return);
    ASSERT_TRUE(waitUntil([&] { return !m_window->createPanel()->lastShortUrl().isEmpty(); }));
    const QString slug = m_window->createPanel()->lastShortUrl().section(u'/', -1);
    EXPECT_TRUE(waitUntil([&] { return rowOf(slug) >= 0; }));
    EXPECT_EQ(QApplication::clipboard()->text(), m_window->createPanel()->lastShortUrl());
}

TEST_F(CreateFlowTest, InvalidUrlShowsTheErrorNextToTheFieldAndCreatesNothing)
{
    auto *urlEdit = widget<QLineEdit>("urlEdit");
    auto *urlError = widget<QLabel>("urlError");
    QTest::keyClicks(urlEdit, QStringLiteral("ftp://example.com/file"));
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);

    EXPECT_TRUE(urlError->isVisible());
    EXPECT_TRUE(urlError->text().contains(QStringLiteral("http://"))) << qPrintable(urlError->text());
    EXPECT_TRUE(m_window->createPanel()->lastShortUrl().isEmpty());
    EXPECT_EQ(linkCount(), 0);
    EXPECT_EQ(m_window->linkModel()->rowCount(), 0);

    // As you type: the error goes as soon as the address is right.
    urlEdit->clear();
    QTest::keyClicks(urlEdit, QStringLiteral("https://example.com/ok"));
    EXPECT_FALSE(urlError->isVisible());
}

TEST_F(CreateFlowTest, TypingAnIncompleteUrlShowsTheErrorAfterAPause)
{
    auto *urlError = widget<QLabel>("urlError");
    QTest::keyClicks(widget<QLineEdit>("urlEdit"), QStringLiteral("example.com/no-scheme"));
    EXPECT_TRUE(waitUntil([&] { return urlError->isVisible(); }, 5000));
    EXPECT_FALSE(urlError->text().isEmpty());
}

TEST_F(CreateFlowTest, ServerRulesShowNextToTheAliasField)
{
    auto *aliasError = widget<QLabel>("aliasError");
    // A word the server's routes use: refused as it is typed.
    QTest::keyClicks(widget<QLineEdit>("aliasEdit"), QStringLiteral("api"));
    EXPECT_TRUE(aliasError->isVisible());

    // Taken: only the server knows, and says so next to the alias.
    ASSERT_EQ(createThroughPanel(QStringLiteral("https://example.com/a"), 1, QStringLiteral("spring-invite")),
              QStringLiteral("spring-invite"));
    const QString before = m_window->createPanel()->lastShortUrl();
    widget<QLineEdit>("urlEdit")->setText(QStringLiteral("https://example.com/b"));
    QTest::keyClicks(widget<QLineEdit>("aliasEdit"), QStringLiteral("spring-invite"));
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);
    EXPECT_TRUE(waitUntil([&] { return aliasError->isVisible(); }));
    EXPECT_TRUE(aliasError->text().contains(QStringLiteral("already in use"))) << qPrintable(aliasError->text());
    EXPECT_EQ(m_window->createPanel()->lastShortUrl(), before);
    EXPECT_EQ(linkCount(), 1);
}

TEST_F(CreateFlowTest, LowestMaxClicksReadsUnlimitedAndMakesAnUnlimitedLink)
{
    auto *spin = widget<QSpinBox>("maxClicksSpin");
    spin->setValue(spin->minimum());
    EXPECT_EQ(spin->text(), QStringLiteral("Unlimited"));

    const QString slug = createThroughPanel(QStringLiteral("https://example.com/always"), 0);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("0 / unlimited"));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(http().get(pathOf(slug)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn) == QStringLiteral("3 / unlimited"); }))
        << qPrintable(cell(slug, LinkTableModel::ClicksColumn));
    EXPECT_EQ(statusOf(slug), LinkTableModel::Status::Active);
}

TEST_F(CreateFlowTest, LinksMadeElsewhereAppearAtTheTopAndCountLive)
{
    const QString mine = createThroughPanel(QStringLiteral("https://example.com/mine"), 3);
    ASSERT_FALSE(mine.isEmpty());
    // The web API of the same server: the table hears of it without a reload.
    const HttpResponse created = http().postJson(
        "/api/create", QByteArrayLiteral(R"({"url": "https://example.com/from-api", "max-clicks": 5})"));
    ASSERT_EQ(created.status, 201) << qPrintable(created.describe());
    const QString apiSlug = created.json().value(QStringLiteral("slug")).toString();
    ASSERT_TRUE(waitUntil([&] { return rowOf(apiSlug) == 0; }));
    EXPECT_EQ(rowOf(mine), 1);

    EXPECT_EQ(http().get(pathOf(mine)).status, 302);
    EXPECT_EQ(http().get(pathOf(mine)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return cell(mine, LinkTableModel::ClicksColumn) == QStringLiteral("2 / 3"); }))
        << qPrintable(cell(mine, LinkTableModel::ClicksColumn));
    EXPECT_EQ(statusOf(mine), LinkTableModel::Status::Active);
}

TEST_F(CreateFlowTest, CopyButtonPutsTheLinkOnTheClipboardAndSaysCopied)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/copy"), 2);
    ASSERT_FALSE(slug.isEmpty());
    QApplication::clipboard()->setText(QStringLiteral("something else"));
    widget<QLabel>("copiedLabel")->clear();
    QTest::mouseClick(widget<QPushButton>("copyButton"), Qt::LeftButton);
    EXPECT_EQ(QApplication::clipboard()->text(), m_host->shortUrl(slug));
    EXPECT_TRUE(widget<QLabel>("copiedLabel")->text().contains(QStringLiteral("Copied")));

    QTest::mouseClick(widget<QPushButton>("copyQrButton"), Qt::LeftButton);
    const QImage qr = QApplication::clipboard()->image();
    EXPECT_FALSE(qr.isNull());
    EXPECT_EQ(qr.width(), qr.height());
}

TEST_F(CreateFlowTest, TableActionsCopyAndRevokeTheSelectedLink)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/revoke-me"), 5);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_TRUE(m_window->selectSlug(slug));
    QTableView *table = m_window->linkTable();
    table->setFocus();

    QApplication::clipboard()->clear();
    QTest::keySequence(table, QKeySequence::Copy);
    EXPECT_EQ(QApplication::clipboard()->text(), m_host->shortUrl(slug));

    auto *revoke = m_window->findChild<QAction *>(QStringLiteral("revokeAction"));
    ASSERT_NE(revoke, nullptr);
    ASSERT_TRUE(revoke->isEnabled());
    revoke->trigger();
    QMessageBox *box = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        box = m_window->findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"));
        return box && box->isVisible();
    }));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmRevokeButton")), Qt::LeftButton);

    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Revoked; }));
    EXPECT_EQ(cell(slug, LinkTableModel::StatusColumn), QStringLiteral("revoked"));
    // A revoked link answers like a used-up one.
    EXPECT_EQ(http().get(pathOf(slug)).status, 400);
}

TEST_F(CreateFlowTest, FilterTextQueriesTheStore)
{
    ASSERT_FALSE(createThroughPanel(QStringLiteral("https://alpha.example.com/"), 1).isEmpty());
    ASSERT_FALSE(createThroughPanel(QStringLiteral("https://beta.example.com/"), 1).isEmpty());
    ASSERT_FALSE(createThroughPanel(QStringLiteral("https://gamma.example.com/"), 1, QStringLiteral("beta-alias")).isEmpty());
    auto *filter = widget<QLineEdit>("filterEdit");
    QTest::keyClicks(filter, QStringLiteral("BETA"));
    EXPECT_TRUE(waitUntil([&] { return m_window->linkModel()->rowCount() == 2 && !m_window->linkModel()->isLoading(); }));
    EXPECT_TRUE(waitUntil([&] { return m_window->linkModel()->totalCount() == 2; }));
    filter->clear();
    EXPECT_TRUE(waitUntil([&] { return m_window->linkModel()->rowCount() == 3; }));
}

// Lazy loading: with more links than a page, only what is shown is read.
class ManyLinksTest : public GuiTest {
protected:
    static constexpr int kLinks = 2 * LinkTableModel::kPageSize + 50;
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
                link.slug = QStringLiteral("bulk%1").arg(i, 4, 10, QLatin1Char('0'));
                link.url = QStringLiteral("https://example.com/%1").arg(i);
                link.maxClicks = 1;
                link.createdAtMs = 1'700'000'000'000 + i * 1000;
                Result<std::optional<Link>> inserted = store.insertLink(link);
                ASSERT_TRUE(inserted.ok() && inserted->has_value());
            }
            ASSERT_TRUE(store.commitBatch().ok());
            store.close();
        }
        GuiTest::SetUp();
    }
};

TEST_F(ManyLinksTest, TableFetchesPagesAsItScrolls)
{
    LinkTableModel *model = m_window->linkModel();
    ASSERT_TRUE(waitUntil([&] { return model->totalCount() == kLinks && model->rowCount() > 0; }));
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading(); }));
    // Newest first, one page at a time, not the whole table.
    EXPECT_LT(model->rowCount(), kLinks);
    EXPECT_EQ(model->data(model->index(0, LinkTableModel::SlugColumn), Qt::DisplayRole).toString(),
              QStringLiteral("bulk%1").arg(kLinks - 1, 4, 10, QLatin1Char('0')));
    // Scrolling to the end fetches the rest, page by page.
    QTableView *table = m_window->linkTable();
    EXPECT_TRUE(waitUntil([&] {
        table->scrollToBottom();
        return model->rowCount() == kLinks;
    }));
    EXPECT_FALSE(model->canFetchMore({}));

    // Sorting is a new query: slug ascending puts bulk0000 first.
    table->sortByColumn(LinkTableModel::SlugColumn, Qt::AscendingOrder);
    EXPECT_TRUE(waitUntil([&] {
        return model->rowCount() > 0
            && model->data(model->index(0, LinkTableModel::SlugColumn), Qt::DisplayRole).toString()
            == QStringLiteral("bulk0000");
    }));
}

} // namespace
} // namespace shortfuse::test
