#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/links/linkrules.h"
#include "server/storage/clickwriter.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <atomic>

using namespace shortfuse;

namespace {

// A real store whose commits can be made to fail, to see what the writer
// does when the disk or the database server does, and whose next claim can
// be held inside its batch (the writer busy, what is sent to it queued).
class FlakyStore final : public ForwardingStore, public HoldGate {
public:
    using ForwardingStore::ForwardingStore;
    std::atomic<int> commitsToFail{0};

    Status commitBatch() override
    {
        if (commitsToFail.load() > 0) {
            --commitsToFail;
            return Error{503, "storage_error", QStringLiteral("injected commit failure")};
        }
        return ForwardingStore::commitBatch();
    }

    Result<Claim> claimClick(const ClaimRequest &request) override
    {
        pass();
        return ForwardingStore::claimClick(request);
    }
};

// A claim with no gate in the way, as the HTTP layer sends for a plain link.
ClaimRequest plain(const QString &slug)
{
    return ClaimRequest{slug, 0, false, true, {}, 0};
}

// Reads the database through its own connection, as a person would.
class Inspector {
public:
    explicit Inspector(const QString &path) : m_name(QStringLiteral("inspector-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Inspector() { QSqlDatabase::removeDatabase(m_name); }
    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    QSqlDatabase db() { return QSqlDatabase::database(m_name); }

private:
    QString m_name;
};

class ClickWriterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        backend = sqliteBackend();
        auto flaky = std::make_unique<FlakyStore>(backend.makeStore());
        flakyStore = flaky.get();
        writer = std::make_unique<ClickWriter>(std::move(flaky), &context);
        ASSERT_TRUE(writer->start().ok());
    }
    void TearDown() override
    {
        if (flakyStore)
            flakyStore->release(); // a failed test must not leave the writer waiting
        writer->stop();
    }

    Link create(const QString &slug, std::optional<int> maxClicks, bool generated = false)
    {
        std::optional<Result<Link>> result;
        writer->create(NewLink{slug, QStringLiteral("https://example.com/") + slug, maxClicks, 1, generated},
                       &rules::slugAfterCollision, [&](const Result<Link> &r) { result = r; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
        EXPECT_TRUE(result && result->ok());
        return result && result->ok() ? result->value() : Link{};
    }

    void flush()
    {
        bool done = false;
        writer->flush([&] { done = true; });
        ASSERT_TRUE(waitUntil([&] { return done; }));
    }

    QObject context;
    StoreBackend backend;
    FlakyStore *flakyStore = nullptr;
    std::unique_ptr<ClickWriter> writer;
};

} // namespace

TEST_F(ClickWriterTest, ManySimultaneousClaimsRedirectExactlyMaxClicks)
{
    create(QStringLiteral("five"), 5);
    int redirected = 0, expired = 0, answered = 0;
    for (int i = 0; i < 200; ++i) {
        writer->claim(plain(QStringLiteral("five")), ClickFacts{i, QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}},
                      [&](const Result<Claim> &claim) {
                          ++answered;
                          ASSERT_TRUE(claim.ok());
                          redirected += claim->outcome == VisitOutcome::Redirected;
                          expired += claim->outcome == VisitOutcome::Expired;
                      });
    }
    ASSERT_TRUE(waitUntil([&] { return answered == 200; }));
    EXPECT_EQ(redirected, 5);
    EXPECT_EQ(expired, 195);
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='five'")), 5);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE outcome=1")), 5);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE outcome=2")), 195);
}

TEST_F(ClickWriterTest, ConcurrentWorkSharesOneCommit)
{
    create(QStringLiteral("bulk"), 1000);
    const quint64 batchesBefore = writer->counters().batches.load();

    // Hold the database's write lock from outside so the writer must wait;
    // everything submitted meanwhile has to go into the next batch.
    Inspector blocker(backend.describe());
    QSqlQuery lock(blocker.db());
    ASSERT_TRUE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    int answered = 0;
    for (int i = 0; i < 300; ++i)
        writer->claim(plain(QStringLiteral("bulk")), ClickFacts{}, [&](const Result<Claim> &) { ++answered; });
    ASSERT_TRUE(lock.exec(QStringLiteral("ROLLBACK")));

    ASSERT_TRUE(waitUntil([&] { return answered == 300; }));
    EXPECT_LE(writer->counters().batches.load() - batchesBefore, 2u) << "300 claims, at most 2 commits";
    EXPECT_GE(writer->counters().largestBatch.load(), 150u) << "one of the two commits carried at least half";
}

TEST_F(ClickWriterTest, RecordsOfUnlimitedLinksAreCountedByFlush)
{
    const Link link = create(QStringLiteral("free"), std::nullopt);
    for (int i = 0; i < 1000; ++i)
        writer->record(link.id, VisitOutcome::Redirected, ClickFacts{i, {}, "ua", {}});
    flush();
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='free'")), 1000);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT COUNT(*) FROM clicks")), 1000);
    EXPECT_FALSE(writer->overloaded());
}

TEST_F(ClickWriterTest, EnricherFillsDetailsBeforeTheRowIsWritten)
{
    writer->stop();
    backend = sqliteBackend();
    flakyStore = nullptr; // went with the writer it belonged to
    writer = std::make_unique<ClickWriter>(backend.makeStore(), &context, [](const ClickFacts &facts) {
        ClickDetails details;
        details.browser = QString::fromUtf8(facts.userAgent).section(u'/', 0, 0);
        details.country = QStringLiteral("NZ");
        details.bot = facts.userAgent.startsWith("Slackbot");
        return details;
    });
    ASSERT_TRUE(writer->start().ok());
    const Link link = create(QStringLiteral("rich"), std::nullopt);
    writer->record(link.id, VisitOutcome::Redirected, ClickFacts{1, {}, "Slackbot-LinkExpanding 1.0", {}});
    flush();
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE country='NZ' AND bot=1 "
                                       "AND browser='Slackbot-LinkExpanding 1.0'")),
              1);
}

TEST_F(ClickWriterTest, RevokeAndCommitListener)
{
    writer->stop();
    QList<qint64> changed;
    flakyStore = nullptr;
    writer = std::make_unique<ClickWriter>(backend.makeStore(), &context);
    writer->setCommitListener([&](const QList<qint64> &ids) { changed += ids; });
    ASSERT_TRUE(writer->start().ok());
    const Link capped = create(QStringLiteral("capped"), 2);
    const Link free = create(QStringLiteral("free"), std::nullopt);
    writer->claim(plain(QStringLiteral("capped")), ClickFacts{}, [](const Result<Claim> &) {});
    writer->record(free.id, VisitOutcome::Redirected, ClickFacts{});
    writer->record(free.id, VisitOutcome::Redirected, ClickFacts{});
    flush();
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    EXPECT_EQ(changed, (QList<qint64>{capped.id, free.id}));

    std::optional<Result<bool>> revoked;
    writer->revoke(QStringLiteral("capped"), [&](const Result<bool> &r) { revoked = r; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    EXPECT_TRUE(revoked->value());
    std::optional<Result<Claim>> after;
    writer->claim(plain(QStringLiteral("capped")), ClickFacts{}, [&](const Result<Claim> &r) { after = r; });
    ASSERT_TRUE(waitUntil([&] { return after.has_value(); }));
    EXPECT_EQ((*after)->outcome, VisitOutcome::Expired);
}

TEST_F(ClickWriterTest, StopCommitsEverythingQueued)
{
    const Link link = create(QStringLiteral("late"), std::nullopt);
    for (int i = 0; i < 500; ++i)
        writer->record(link.id, VisitOutcome::Redirected, ClickFacts{i, {}, {}, {}});
    writer->stop();
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='late'")), 500);
}

TEST_F(ClickWriterTest, DuplicateAliasIsRefusedAndGeneratedSlugsRetry)
{
    create(QStringLiteral("AAAAAAAA"), 1);
    std::optional<Result<Link>> duplicate;
    writer->create(NewLink{QStringLiteral("AAAAAAAA"), QStringLiteral("https://x.example/"), 1, 1, false},
                   &rules::slugAfterCollision, [&](const Result<Link> &r) { duplicate = r; });
    ASSERT_TRUE(waitUntil([&] { return duplicate.has_value(); }));
    ASSERT_FALSE(duplicate->ok());
    EXPECT_EQ(duplicate->error().status, 409);
    EXPECT_EQ(duplicate->error().reason, "duplicate");

    // A generated slug that collides is drawn again instead of failing.
    const Link retried = create(QStringLiteral("AAAAAAAA"), 1, /*generated=*/true);
    EXPECT_NE(retried.slug, QStringLiteral("AAAAAAAA"));
    EXPECT_EQ(retried.slug.size(), 8);
}

TEST_F(ClickWriterTest, FailedCommitsRefuseClaimsAndKeepRecords)
{
    create(QStringLiteral("once"), 1);
    const Link free = create(QStringLiteral("free"), std::nullopt);

    flakyStore->commitsToFail = 2;
    std::optional<Result<Claim>> claim;
    writer->claim(plain(QStringLiteral("once")), ClickFacts{}, [&](const Result<Claim> &r) { claim = r; });
    writer->record(free.id, VisitOutcome::Redirected, ClickFacts{});
    ASSERT_TRUE(waitUntil([&] { return claim.has_value(); }));
    ASSERT_FALSE(claim->ok()) << "no redirect may be sent for a click that was not committed";
    EXPECT_EQ(claim->error().status, 503);

    flush(); // completes only once the retried record is committed
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='once'")), 0);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='free'")), 1);
    EXPECT_GE(writer->counters().failedBatches.load(), 1u);

    // The refused claim used nothing up.
    std::optional<Result<Claim>> retry;
    writer->claim(plain(QStringLiteral("once")), ClickFacts{}, [&](const Result<Claim> &r) { retry = r; });
    ASSERT_TRUE(waitUntil([&] { return retry.has_value(); }));
    ASSERT_TRUE(retry->ok());
    EXPECT_EQ((*retry)->outcome, VisitOutcome::Redirected);
}

// A full disk: the database refuses every batch for a while. A click
// record put back after a failure leads the queue; a management write
// queued behind it used to be cut off into a batch of its own after the
// record, so the record (failing again) went first each time and the
// write, and every claim behind it, waited for as long as the disk stayed
// full. Now both get their 503 at once, and the record is kept.
TEST_F(ClickWriterTest, WhileBatchesFailAWriteBehindRetriedRecordsIsRefusedAndTheClaimsAfterItAnswered)
{
    create(QStringLiteral("once"), 1);
    const Link free = create(QStringLiteral("free"), std::nullopt);

    flakyStore->commitsToFail = 1'000'000;
    writer->record(free.id, VisitOutcome::Redirected, ClickFacts{});
    ASSERT_TRUE(waitUntil([&] { return writer->counters().failedBatches.load() >= 1; })) << "the record's batch failed";

    bool wrote = false;
    std::optional<Status> written;
    writer->write(
        [&wrote](LinkWrites &, ChangeNotice &) {
            wrote = true;
            return Status{};
        },
        [&](const Status &status) { written = status; });
    std::optional<Result<Claim>> claim;
    writer->claim(plain(QStringLiteral("once")), ClickFacts{}, [&](const Result<Claim> &r) { claim = r; });
    ASSERT_TRUE(waitUntil([&] { return written.has_value() && claim.has_value(); }, 5000))
        << "write answered: " << written.has_value() << ", claim answered: " << claim.has_value();
    EXPECT_FALSE(written->ok());
    EXPECT_EQ(written->error().status, 503);
    EXPECT_FALSE(wrote) << "refused without being applied";
    ASSERT_FALSE(claim->ok());
    EXPECT_EQ(claim->error().status, 503);

    // The disk has room again: the record was kept and is written.
    flakyStore->commitsToFail = 0;
    flush();
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='free'")), 1);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug='once'")), 0);
}

// Issue 11: the overload limit counts the bytes the pending records hold,
// not only how many there are: records with 15 KB user agents (what a
// client may send) make the writer refuse more long before 200,000 of
// them, and the agent stored is cut to 1 KiB.
TEST_F(ClickWriterTest, LargeRecordsOverloadTheWriterByTheirBytes)
{
    const Link link = create(QStringLiteral("heavy"), std::nullopt);
    const Link capped = create(QStringLiteral("holder"), 10);
    flakyStore->holdNext();
    std::optional<Result<Claim>> held;
    writer->claim(plain(capped.slug), ClickFacts{}, [&](const Result<Claim> &r) { held = r; });
    ASSERT_TRUE(waitUntil([&] { return flakyStore->holding(); })) << "the writer is busy";

    const QByteArray agent(15 * 1024, 'a');
    int recorded = 0;
    while (!writer->overloaded() && recorded < 20'000) {
        writer->record(link.id, VisitOutcome::Redirected, ClickFacts{recorded, {}, agent, {}});
        ++recorded;
    }
    EXPECT_TRUE(writer->overloaded()) << recorded << " records of 15 KB";
    EXPECT_LT(recorded, 5'000) << "64 MiB of them is ~4,400";
    EXPECT_GE(writer->pendingRecordBytes(), ClickWriter::kMaxPendingRecordBytes);

    flakyStore->release();
    flush();
    ASSERT_TRUE(held.has_value());
    EXPECT_FALSE(writer->overloaded()) << "written, the bytes no longer count";
    EXPECT_EQ(writer->pendingRecordBytes(), 0);
    Inspector db(backend.describe());
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE link_id = %1").arg(link.id)), recorded);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT MAX(LENGTH(CAST(user_agent AS BLOB))) FROM clicks")), 1024);
}
