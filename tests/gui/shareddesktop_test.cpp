// The desktop app and a headless shortfuse-server on one SQLite file (the
// server given the desktop's database with --db): SQLite has no NOTIFY, so
// each process reads what the other committed from the change_notices table
// (SqliteChangePoller). Without it a link revoked in the window kept
// redirecting from the headless server's cache for as long as it ran, and
// the window never showed links made on the headless server.

#include "tests/gui/guitest.h"

#include "tests/support/serverprocess.h"

#include <QDir>
#include <QJsonObject>

namespace shortfuse::test {
namespace {

class SharedDesktopTest : public GuiTest {
protected:
    // The headless server, on the desktop's own database file.
    std::unique_ptr<ServerProcess> startHeadless(const QTemporaryDir &data)
    {
        const QString file = QDir(serverConfig().dataDir).filePath(QStringLiteral("shortfuse.db"));
        auto server = std::make_unique<ServerProcess>(
            data.path(), QStringList{QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                     QStringLiteral("sqlite://") + file});
        EXPECT_TRUE(server->start()) << server->startError().toStdString();
        return server;
    }
};

TEST_F(SharedDesktopTest, ALinkRevokedInTheWindowStopsRedirectingOnTheHeadlessServer)
{
    QTemporaryDir otherData;
    std::unique_ptr<ServerProcess> other = startHeadless(otherData);
    ASSERT_TRUE(other->isRunning());
    const HttpClient elsewhere(other->port());

    // Made on the headless server, unlimited: it answers from its cache.
    const HttpResponse created = elsewhere.postJson(
        "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/shared-file")}});
    ASSERT_EQ(created.status, 201) << created.describe().toStdString();
    const QString slug = created.json().value(QStringLiteral("slug")).toString();
    ASSERT_EQ(elsewhere.get(pathOf(slug)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return rowOf(slug) >= 0; }, 3'000))
        << "the window shows a link made on the other process";

    const std::optional<bool> revoked = awaitAnswer<bool>(
        [&](QObject *context, ServerHost::Reply<bool> done) { m_host->revokeLink(slug, context, done); });
    ASSERT_EQ(revoked, true);
    EXPECT_EQ(http().get(pathOf(slug)).status, 400) << "revoked here";
    int status = 0;
    EXPECT_TRUE(waitUntil([&] { return (status = elsewhere.get(pathOf(slug)).status) != 302; }, 3'000))
        << "the headless server still redirects a link revoked in the window";
    EXPECT_EQ(status, 400);
    EXPECT_EQ(other->terminate(), 0);
}

// A capped link is claimed in the database, never from a cache, whichever
// process asks: the click one process used up is gone for the other too.
TEST_F(SharedDesktopTest, AOneTimeLinkUsedInOneProcessIsUsedUpInTheOther)
{
    QTemporaryDir otherData;
    std::unique_ptr<ServerProcess> other = startHeadless(otherData);
    ASSERT_TRUE(other->isRunning());
    const HttpClient elsewhere(other->port());

    const QString slug = createThroughPanel(QStringLiteral("https://example.com/once"), 1);
    ASSERT_FALSE(slug.isEmpty());
    const HttpResponse head = elsewhere.head(pathOf(slug)); // the headless server reads the link
    ASSERT_TRUE(head.received()) << head.describe().toStdString();
    ASSERT_NE(head.status, 302);
    EXPECT_EQ(http().get(pathOf(slug)).status, 302);
    EXPECT_EQ(elsewhere.get(pathOf(slug)).status, 400);
    EXPECT_EQ(http().get(pathOf(slug)).status, 400);
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }, 3'000));
    EXPECT_EQ(other->terminate(), 0);
}

} // namespace
} // namespace shortfuse::test
