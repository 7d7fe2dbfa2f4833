// SqliteChangePoller on a real SQLite file written by another connection:
// it reports other writers' notices (never its own), skips what it cannot
// read, and asks for a refresh when notices were pruned before it read them.

#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/storage/changenotice.h"
#include "server/storage/sqlitechangepoller.h"
#include "server/storage/sqlitelinkstore.h"

#include <QDateTime>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

class SqliteChangePollerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(writer.open().ok());
        poller = std::make_unique<SqliteChangePoller>(path, "me");
        QObject::connect(poller.get(), &SqliteChangePoller::changed,
                         [this](const RemoteChanges &changes) { heard.append(changes); });
        bool listening = false;
        QObject::connect(poller.get(), &SqliteChangePoller::listening, [&listening] { listening = true; });
        poller->start();
        ASSERT_TRUE(waitUntil([&] { return listening; }));
    }

    // One committed batch that announces `payloads`, as a writer's would.
    void commit(const QList<QByteArray> &payloads, std::optional<qint64> purgeAt = std::nullopt)
    {
        ASSERT_TRUE(writer.beginBatch().ok());
        for (const QByteArray &payload : payloads)
            ASSERT_TRUE(writer.announce(payload).ok());
        if (purgeAt) {
            ASSERT_TRUE(writer.purgeExpired(*purgeAt).ok());
        }
        ASSERT_TRUE(writer.commitBatch().ok());
    }

    static QByteArray revoked(const QByteArray &sender, const QByteArray &slug)
    {
        ChangeNotice notice;
        notice.sender = sender;
        notice.revoked = {QString::fromLatin1(slug)};
        return notice.encode();
    }

    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("shared.db"));
    SqliteLinkStore writer{path};
    std::unique_ptr<SqliteChangePoller> poller;
    QList<RemoteChanges> heard;
};

TEST_F(SqliteChangePollerTest, ReportsOtherWritersNoticesInOrderAndNeverItsOwn)
{
    commit({revoked("me", "mine"), revoked("other", "first"), "not a notice", revoked("other", "second")});
    ASSERT_TRUE(waitUntil([&] { return heard.size() >= 2; }, 3'000));
    EXPECT_EQ(heard.at(0).notice.revoked, QStringList{QStringLiteral("first")});
    EXPECT_EQ(heard.at(1).notice.revoked, QStringList{QStringLiteral("second")});
    EXPECT_FALSE(heard.at(0).notice.overflow);

    commit({revoked("me", "mine-again")});
    commit({revoked("other", "third")});
    ASSERT_TRUE(waitUntil([&] { return heard.size() >= 3; }, 3'000));
    EXPECT_EQ(heard.at(2).notice.revoked, QStringList{QStringLiteral("third")});
    EXPECT_EQ(heard.size(), 3);
}

// What the server calls before answering from its cache: a notice
// committed before the call is reported before it returns, without waiting
// for the timer; a call with nothing new reports nothing.
TEST_F(SqliteChangePollerTest, CatchUpReportsWhatWasCommittedBeforeItReturns)
{
    commit({revoked("other", "now")});
    poller->catchUp();
    ASSERT_EQ(heard.size(), 1);
    EXPECT_EQ(heard.at(0).notice.revoked, QStringList{QStringLiteral("now")});
    poller->catchUp();
    commit({revoked("me", "mine")});
    poller->catchUp();
    EXPECT_EQ(heard.size(), 1) << "nothing new, and our own notice is not news";
}

// The cheap look before the real check: the same value while nothing is
// committed, a new one after each commit of another connection.
TEST_F(SqliteChangePollerTest, TheCommitCounterMovesWithEveryCommitAndOnlyThen)
{
    SqliteLinkStore reader(path);
    ASSERT_TRUE(reader.open().ok());
    ASSERT_TRUE(reader.dataVersion()); // a read: its WAL index is mapped
    const SqliteCommitCounter counter(reader.connection());
    const std::optional<quint64> before = counter.read();
    ASSERT_TRUE(before.has_value()) << "the WAL index of an open WAL-mode file is readable";
    EXPECT_EQ(counter.read(), before);
    commit({revoked("other", "one")});
    const std::optional<quint64> after = counter.read();
    ASSERT_TRUE(after.has_value());
    EXPECT_NE(after, before);
    EXPECT_EQ(counter.read(), after);
    commit({revoked("other", "two")});
    EXPECT_NE(counter.read(), after);
}

// A poller that fell more than the keeping time behind finds a gap in the
// ids: what the pruned notices said is lost, so it asks for a refresh.
TEST_F(SqliteChangePollerTest, NoticesPrunedBeforeTheyWereReadAskForARefresh)
{
    const qint64 muchLater = QDateTime::currentMSecsSinceEpoch() + 24LL * 60 * 60 * 1000;
    commit({revoked("other", "lost1"), revoked("other", "lost2"), revoked("other", "kept")}, muchLater);
    ASSERT_TRUE(waitUntil([&] { return heard.size() >= 2; }, 3'000));
    EXPECT_TRUE(heard.at(0).notice.overflow) << "a gap means a refresh";
    EXPECT_EQ(heard.at(1).notice.revoked, QStringList{QStringLiteral("kept")}) << "the newest is never pruned";
}

} // namespace
