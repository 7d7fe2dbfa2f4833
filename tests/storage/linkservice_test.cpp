// LinkService with a real writer and SQLite file, and a clock the test moves:
// expiry, tokens and passwords without a sleeping test.

#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/storage/clickwriter.h"
#include "server/storage/storereader.h"
#include "server/links/confirmationtokens.h"
#include "server/links/linkrules.h"
#include "server/links/linkservice.h"
#include "server/links/passwords.h"

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

// The lookups' store, whose next findLink can be held back after it has
// read: the answer it carries is then older than whatever commits while
// it is held, as when a lookup and a revocation race on two threads.
class HeldReads final : public ForwardingStore, public HoldGate {
public:
    using ForwardingStore::ForwardingStore;

    Result<std::optional<Link>> findLink(const QString &slug) override
    {
        Result<std::optional<Link>> found = ForwardingStore::findLink(slug);
        pass();
        return found;
    }
};

// The writer's store, whose next claim can be held inside its batch: the
// writer thread is then busy and everything sent to it waits in its queue.
class HeldClaims final : public ForwardingStore, public HoldGate {
public:
    using ForwardingStore::ForwardingStore;

    Result<Claim> claimClick(const ClaimRequest &request) override
    {
        pass();
        return ForwardingStore::claimClick(request);
    }
};

class LinkServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        backend = sqliteBackend();
        service = std::make_unique<LinkService>(clock);
        auto claims = std::make_unique<HeldClaims>(backend.makeStore());
        heldClaims = claims.get();
        writer = std::make_unique<ClickWriter>(std::move(claims), service.get());
        service->attachWriter(writer.get());
        ASSERT_TRUE(writer->start().ok());
        service->writerStarted();
        auto held = std::make_unique<HeldReads>(backend.makeStore());
        heldReads = held.get();
        lookups = std::make_unique<StoreReader>(std::move(held), service.get());
        ASSERT_TRUE(lookups->start().ok());
        service->attachLookups(lookups.get());
    }
    void TearDown() override
    {
        if (heldReads)
            heldReads->release(); // a failed test must not leave the reader thread waiting
        if (heldClaims)
            heldClaims->release();
        if (lookups)
            lookups->stop();
        if (writer)
            writer->stop();
    }

    Link create(CreateRequest request)
    {
        Result<NewLink> prepared = service->prepare(request);
        EXPECT_TRUE(prepared.ok()) << (prepared.ok() ? "" : prepared.error().message.toStdString());
        if (!prepared)
            return {};
        std::optional<Result<Link>> created;
        service->create(*prepared, request.password, [&](const Result<Link> &r) { created = r; });
        EXPECT_TRUE(waitUntil([&] { return created.has_value(); }));
        return created && created->ok() ? created->value() : Link{};
    }

    Visit visit(const QString &slug, bool previewer = false)
    {
        ClickFacts facts{clock.nowMs(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
        const VisitContext context{[previewer] { return previewer; }};
        if (std::optional<Visit> now = service->visitCached(slug, facts, context))
            return *now;
        std::optional<Visit> later;
        service->visitClaimed(slug, facts, context, [&](const Visit &v) { later = v; });
        EXPECT_TRUE(waitUntil([&] { return later.has_value(); }));
        return later.value_or(Visit{});
    }

    ManualClock clock;
    StoreBackend backend;
    std::unique_ptr<LinkService> service;
    std::unique_ptr<ClickWriter> writer;
    std::unique_ptr<StoreReader> lookups;
    HeldReads *heldReads = nullptr;  // owned by `lookups`
    HeldClaims *heldClaims = nullptr; // owned by `writer`
};

} // namespace

TEST_F(LinkServiceTest, ExpiresInEndsTheLinkWhenTheClockPassesIt)
{
    CreateRequest unlimited{QStringLiteral("https://example.com/u"), QStringLiteral("soon"), std::nullopt};
    unlimited.expiresIn = 60;
    CreateRequest capped{QStringLiteral("https://example.com/c"), QStringLiteral("soon5"), 5};
    capped.expiresIn = 120;
    capped.expiredUrl = QStringLiteral("https://example.com/gone");
    const Link u = create(unlimited);
    const Link c = create(capped);
    EXPECT_EQ(u.expiresAtMs, clock.nowMs() + 60'000);

    EXPECT_EQ(visit(QStringLiteral("soon")).outcome, VisitOutcome::Redirected);
    EXPECT_EQ(visit(QStringLiteral("soon5")).outcome, VisitOutcome::Redirected);
    clock.advance(59'999);
    EXPECT_EQ(visit(QStringLiteral("soon")).outcome, VisitOutcome::Redirected);
    clock.advance(1);
    EXPECT_EQ(visit(QStringLiteral("soon")).outcome, VisitOutcome::Expired) << "answers like a used-up link";
    EXPECT_EQ(visit(QStringLiteral("soon5")).outcome, VisitOutcome::Redirected);
    clock.advance(60'000);
    const Visit gone = visit(QStringLiteral("soon5"));
    EXPECT_EQ(gone.outcome, VisitOutcome::Expired);
    EXPECT_EQ(gone.location, QByteArray("https://example.com/gone"));
    // Nothing was claimed after expiry: two redirects of soon5 before it.
    auto store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("soon5")))->clicks, 2);
}

TEST_F(LinkServiceTest, ExpiryRulesRefuseBadValues)
{
    CreateRequest both{QStringLiteral("https://example.com/"), {}, std::nullopt};
    both.expiresIn = 60;
    both.expiresAt = QStringLiteral("2099-01-01T00:00:00Z");
    EXPECT_EQ(service->prepare(both).error().reason, "conflicting_expiry");
    CreateRequest past{QStringLiteral("https://example.com/"), {}, std::nullopt};
    past.expiresAt = QStringLiteral("2001-01-01T00:00:00Z");
    EXPECT_EQ(service->prepare(past).error().reason, "invalid_expires_at");
    CreateRequest noOffset{QStringLiteral("https://example.com/"), {}, std::nullopt};
    noOffset.expiresAt = QStringLiteral("2099-01-01T00:00:00");
    EXPECT_EQ(service->prepare(noOffset).error().reason, "invalid_expires_at");
    CreateRequest shortly{QStringLiteral("https://example.com/"), {}, std::nullopt};
    shortly.expiresIn = 59;
    EXPECT_EQ(service->prepare(shortly).error().reason, "invalid_expires_in");
    CreateRequest offset{QStringLiteral("https://example.com/"), {}, std::nullopt};
    offset.expiresAt = QStringLiteral("2099-01-01T01:00:00+01:00");
    ASSERT_TRUE(service->prepare(offset).ok());
    EXPECT_EQ(service->prepare(offset)->expiresAtMs, QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
}

TEST_F(LinkServiceTest, AutoProtectionLetsPreviewersThroughWithoutAClick)
{
    create(CreateRequest{QStringLiteral("https://example.com/o"), QStringLiteral("once"), 1});
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(visit(QStringLiteral("once"), /*previewer=*/true).outcome, VisitOutcome::Preview);
    EXPECT_EQ(visit(QStringLiteral("once")).outcome, VisitOutcome::Redirected);
    EXPECT_EQ(visit(QStringLiteral("once")).outcome, VisitOutcome::Expired);
}

TEST_F(LinkServiceTest, ConfirmationTokensWorkOnce)
{
    CreateRequest request{QStringLiteral("https://example.com/k"), QStringLiteral("conf"), 2};
    request.previewProtection = QStringLiteral("confirm");
    create(request);
    const Visit page = visit(QStringLiteral("conf"));
    ASSERT_EQ(page.outcome, VisitOutcome::NeedsConfirmation);
    EXPECT_EQ(page.remaining, 2);
    ASSERT_FALSE(page.token.isEmpty());

    auto post = [&](const QString &token) {
        std::optional<Visit> result;
        service->confirm(QStringLiteral("conf"), token, ClickFacts{clock.nowMs(), {}, {}, {}},
                         [&](const Visit &v) { result = v; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
        return result.value_or(Visit{});
    };
    EXPECT_EQ(post(page.token).outcome, VisitOutcome::Redirected);
    EXPECT_EQ(post(page.token).outcome, VisitOutcome::BadToken) << "replayed";
    QString forged = page.token;
    forged[3] = forged[3] == u'A' ? u'B' : u'A';
    EXPECT_EQ(post(forged).outcome, VisitOutcome::BadToken) << "forged";
    const Visit again = visit(QStringLiteral("conf"));
    clock.advance(ConfirmationTokens::kLifetimeMs + 1);
    EXPECT_EQ(post(again.token).outcome, VisitOutcome::BadToken) << "expired";
}

// A lookup in flight while a revocation commits: what it read before the
// revocation may still answer the visit it was made for (the two raced),
// but it must not enter the cache, or the revoked link would go on
// redirecting from memory until the server restarts.
TEST_F(LinkServiceTest, ALookupReadBeforeARevocationDoesNotCacheTheOldState)
{
    // Stored through the writer alone, so the service has not cached it.
    std::optional<Result<Link>> created;
    writer->create(NewLink{QStringLiteral("raced"), QStringLiteral("https://example.com/r"), std::nullopt, clock.nowMs()},
                   &rules::slugAfterCollision, [&](const Result<Link> &r) { created = r; });
    ASSERT_TRUE(waitUntil([&] { return created.has_value(); }));
    ASSERT_TRUE(created->ok());
    ASSERT_EQ(service->cachedLinks(), 0);

    heldReads->holdNext();
    std::optional<Visit> raced;
    ClickFacts facts{clock.nowMs(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
    const VisitContext context{[] { return false; }};
    ASSERT_FALSE(service->visitCached(QStringLiteral("raced"), facts, context).has_value());
    service->visitClaimed(QStringLiteral("raced"), facts, context, [&](const Visit &v) { raced = v; });
    ASSERT_TRUE(waitUntil([&] { return heldReads->holding(); })) << "the lookup has read the unrevoked link";

    std::optional<Result<bool>> revoked;
    service->revoke(QStringLiteral("raced"), [&](const Result<bool> &r) { revoked = r; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    ASSERT_TRUE(revoked->ok() && revoked->value()) << "committed while the lookup is still held";

    heldReads->release();
    ASSERT_TRUE(waitUntil([&] { return raced.has_value(); }));
    EXPECT_EQ(raced->outcome, VisitOutcome::Redirected) << "answered with what it read: it raced the revocation";
    EXPECT_EQ(service->cachedLinks(), 0) << "but what it read was not remembered";
    EXPECT_EQ(visit(QStringLiteral("raced")).outcome, VisitOutcome::Expired) << "the revoked link no longer redirects";
}

// The same race through HEAD (and the password form, which look links up
// the same way): the old state is not remembered either.
TEST_F(LinkServiceTest, AnInspectionReadBeforeARevocationDoesNotCacheTheOldState)
{
    std::optional<Result<Link>> created;
    writer->create(NewLink{QStringLiteral("peeked"), QStringLiteral("https://example.com/p"), std::nullopt, clock.nowMs()},
                   &rules::slugAfterCollision, [&](const Result<Link> &r) { created = r; });
    ASSERT_TRUE(waitUntil([&] { return created.has_value(); }));
    ASSERT_TRUE(created->ok());

    heldReads->holdNext();
    std::optional<Visit> inspected;
    service->inspect(QStringLiteral("peeked"), [&](const Visit &v) { inspected = v; });
    ASSERT_TRUE(waitUntil([&] { return heldReads->holding(); }));
    std::optional<Result<bool>> revoked;
    service->revoke(QStringLiteral("peeked"), [&](const Result<bool> &r) { revoked = r; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    heldReads->release();
    ASSERT_TRUE(waitUntil([&] { return inspected.has_value(); }));
    EXPECT_EQ(service->cachedLinks(), 0);
    EXPECT_EQ(visit(QStringLiteral("peeked")).outcome, VisitOutcome::Expired);
}

// A link the cache does not know is answered from the read side when
// nothing needs claiming, and a link that does not exist never reaches
// the writer: neither waits for a commit.
TEST_F(LinkServiceTest, ColdVisitsOfUnlimitedAndUnknownLinksAreAnsweredFromTheReadSide)
{
    std::optional<Result<Link>> created;
    writer->create(NewLink{QStringLiteral("cold"), QStringLiteral("https://example.com/c"), std::nullopt, clock.nowMs()},
                   &rules::slugAfterCollision, [&](const Result<Link> &r) { created = r; });
    ASSERT_TRUE(waitUntil([&] { return created.has_value(); }));
    ASSERT_TRUE(created->ok());
    const quint64 batchesBefore = writer->counters().batches.load();

    const Visit first = visit(QStringLiteral("cold"));
    EXPECT_EQ(first.outcome, VisitOutcome::Redirected);
    EXPECT_EQ(first.location, QByteArray("https://example.com/c"));
    EXPECT_EQ(service->cachedLinks(), 1) << "remembered: the next visit is answered from memory";
    EXPECT_EQ(visit(QStringLiteral("nosuchlink")).outcome, VisitOutcome::NotFound);
    EXPECT_EQ(writer->counters().batches.load(), batchesBefore) << "no commit was waited for";

    // The click is still recorded and counted.
    bool flushed = false;
    writer->flush([&] { flushed = true; });
    ASSERT_TRUE(waitUntil([&] { return flushed; }));
    auto store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("cold")))->clicks, 1);
}

TEST(ConfirmationTokens, BoundToTheirLinkAndSecret)
{
    const ConfirmationTokens tokens(QByteArray(32, 'k'));
    const QString token = tokens.issue(QStringLiteral("abc"), 1000);
    EXPECT_TRUE(tokens.check(token, QStringLiteral("abc"), 2000).has_value());
    EXPECT_FALSE(tokens.check(token, QStringLiteral("abd"), 2000).has_value());
    EXPECT_FALSE(ConfirmationTokens(QByteArray(32, 'x')).check(token, QStringLiteral("abc"), 2000).has_value());
    EXPECT_FALSE(tokens.check(QStringLiteral("garbage"), QStringLiteral("abc"), 2000).has_value());
    EXPECT_FALSE(tokens.check(QString(), QStringLiteral("abc"), 2000).has_value());
    EXPECT_NE(tokens.issue(QStringLiteral("abc"), 1000), token) << "each token has its own nonce";
}

TEST(Passwords, HashedWithArgon2idAndVerified)
{
    const QString hash = passwords::hash(QStringLiteral("correct horse"));
    EXPECT_TRUE(hash.startsWith(QStringLiteral("$argon2id$")));
    EXPECT_FALSE(hash.contains(QStringLiteral("correct horse")));
    EXPECT_TRUE(passwords::verify(hash, QStringLiteral("correct horse")));
    EXPECT_FALSE(passwords::verify(hash, QStringLiteral("correct horsE")));
    EXPECT_FALSE(passwords::verify(QString(), QStringLiteral("correct horse")));
    EXPECT_NE(passwords::hash(QStringLiteral("correct horse")), hash) << "salted";
}

TEST(ConfirmationTokens, AlteredOrExtendedTokensAreRefused)
{
    const ConfirmationTokens tokens(QByteArray(32, 's'));
    const QString genuine = tokens.issue(QStringLiteral("slug1"), 0);
    const qsizetype dot = genuine.indexOf(u'.');
    auto flipped = [&](qsizetype at) {
        QString t = genuine;
        t[at] = t.at(at) == u'A' ? u'Q' : u'A';
        return t;
    };
    const QStringList forged{flipped(0), flipped(dot - 2), flipped(dot + 1), flipped(genuine.size() - 2),
                             genuine.left(genuine.size() - 2), genuine + QStringLiteral("AA"), genuine.left(dot),
                             genuine + QStringLiteral("="), QStringLiteral(".") + genuine.mid(dot + 1)};
    for (const QString &token : forged)
        EXPECT_FALSE(tokens.check(token, QStringLiteral("slug1"), 1).has_value()) << token.toStdString();
    EXPECT_TRUE(tokens.check(genuine, QStringLiteral("slug1"), 1).has_value());
}

// Issue 11: a flood of lookups (unknown slugs, HEADs) while the reader is
// busy is refused at once with "overloaded" once kMaxWaitingJobs wait, and
// the queue does not grow past that.
TEST_F(LinkServiceTest, LookupsPastTheReadersBoundAreRefusedNotQueued)
{
    const ClickFacts facts{clock.nowMs(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
    const VisitContext context{[] { return false; }};
    heldReads->holdNext();
    std::optional<Visit> first;
    service->visitClaimed(QStringLiteral("unknown0"), facts, context, [&](const Visit &v) { first = v; });
    ASSERT_TRUE(waitUntil([&] { return heldReads->holding(); })) << "the reader is busy";

    constexpr qint64 kBound = StoreReader::kMaxWaitingJobs;
    int answered = 0;
    for (qint64 i = 1; i <= kBound; ++i)
        service->visitClaimed(QStringLiteral("unknown%1").arg(i), facts, context, [&](const Visit &) { ++answered; });
    EXPECT_EQ(lookups->waitingJobs(), kBound);

    std::optional<Visit> refused, refusedHead;
    service->visitClaimed(QStringLiteral("onetoomany"), facts, context, [&](const Visit &v) { refused = v; });
    service->inspect(QStringLiteral("onetoomany"), [&](const Visit &v) { refusedHead = v; });
    ASSERT_TRUE(waitUntil([&] { return refused.has_value() && refusedHead.has_value(); }))
        << "answered while the reader is still held";
    EXPECT_TRUE(heldReads->holding());
    EXPECT_EQ(refused->outcome, VisitOutcome::Unavailable);
    EXPECT_EQ(refused->error.status, 503);
    EXPECT_EQ(refused->error.reason, QByteArray("overloaded"));
    EXPECT_GT(refused->error.retryAfterSeconds, 0);
    EXPECT_EQ(refusedHead->error.reason, QByteArray("overloaded"));
    EXPECT_EQ(lookups->waitingJobs(), kBound) << "nothing more was queued";
    EXPECT_EQ(writer->waitingRequests(), 0) << "and the refused visit did not fall back to a claim";
    EXPECT_EQ(answered, 0);

    heldReads->release();
    ASSERT_TRUE(waitUntil([&] { return first.has_value() && answered == kBound; }, 60'000));
    EXPECT_EQ(first->outcome, VisitOutcome::NotFound);
    EXPECT_EQ(visit(QStringLiteral("unknown0")).outcome, VisitOutcome::NotFound) << "served again once drained";
}

// Issue 11: the same for claims while the writer is busy: past
// kMaxWaitingRequests a visit of a capped link is refused at once.
TEST_F(LinkServiceTest, ClaimsPastTheWritersBoundAreRefusedNotQueued)
{
    const Link link
        = create(CreateRequest{QStringLiteral("https://example.com/big"), QStringLiteral("big"), 1'000'000});
    ASSERT_EQ(link.slug, QStringLiteral("big"));
    const ClickFacts facts{clock.nowMs(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
    const VisitContext context{[] { return false; }};
    heldClaims->holdNext();
    std::optional<Visit> first;
    service->visitClaimed(link.slug, facts, context, [&](const Visit &v) { first = v; });
    ASSERT_TRUE(waitUntil([&] { return heldClaims->holding(); })) << "the writer is busy";

    constexpr qint64 kBound = ClickWriter::kMaxWaitingRequests;
    int redirected = 0;
    for (qint64 i = 0; i < kBound; ++i) {
        service->visitClaimed(link.slug, facts, context,
                              [&](const Visit &v) { redirected += v.outcome == VisitOutcome::Redirected; });
    }
    EXPECT_EQ(writer->waitingRequests(), kBound);
    std::optional<Visit> refused;
    service->visitClaimed(link.slug, facts, context, [&](const Visit &v) { refused = v; });
    ASSERT_TRUE(waitUntil([&] { return refused.has_value(); })) << "answered while the writer is still held";
    EXPECT_TRUE(heldClaims->holding());
    EXPECT_EQ(refused->outcome, VisitOutcome::Unavailable);
    EXPECT_EQ(refused->error.status, 503);
    EXPECT_EQ(refused->error.reason, QByteArray("overloaded"));
    EXPECT_EQ(writer->waitingRequests(), kBound) << "nothing more was queued";

    heldClaims->release();
    ASSERT_TRUE(waitUntil([&] { return first.has_value() && redirected == kBound; }, 60'000));
    EXPECT_EQ(first->outcome, VisitOutcome::Redirected);
    EXPECT_EQ(writer->waitingRequests(), 0);
}

// Issue 11: the Argon2 queue is bounded too. Each hash takes one of two
// threads for tens of milliseconds, so a burst of links with passwords
// fills kMaxWaiting at once: the rest are refused with "overloaded" right
// away, nothing more is queued, and every creation is answered.
TEST_F(LinkServiceTest, PasswordHashesPastTheBoundAreRefusedNotQueued)
{
    constexpr int kExtra = 32;
    constexpr int kCreations = PasswordHasher::kMaxWaiting + kExtra;
    int created = 0, refused = 0, other = 0;
    for (int i = 0; i < kCreations; ++i) {
        CreateRequest request{QStringLiteral("https://example.com/%1").arg(i), QStringLiteral("locked%1").arg(i),
                              std::nullopt};
        request.password = QStringLiteral("correct horse battery");
        Result<NewLink> prepared = service->prepare(request);
        ASSERT_TRUE(prepared.ok()) << prepared.error().message.toStdString();
        service->create(*prepared, request.password, [&](const Result<Link> &r) {
            if (r.ok())
                ++created;
            else if (r.error().status == 503 && r.error().reason == "overloaded")
                ++refused;
            else
                ++other;
        });
    }
    // Refused on the spot (the loop took far less than one hash), minus
    // the few a pool thread may have picked up meanwhile.
    EXPECT_GE(refused, kExtra - 8);
    ASSERT_TRUE(waitUntil([&] { return created + refused + other == kCreations; }, 120'000));
    EXPECT_EQ(other, 0);
    EXPECT_EQ(created + refused, kCreations);
    EXPECT_LE(created, PasswordHasher::kMaxWaiting + 8);
}

TEST_F(LinkServiceTest, OnlyAnAnswerFromTheCacheCatchesUpWithOtherProcesses)
{
    // Catching up (SqliteChangePoller::catchUp) reads the database after
    // each commit anywhere; a visit the cache cannot answer goes to the
    // database, which has every commit already, so it must not pay for
    // one. Every claim of a one-time link is such a visit (issue 12).
    int catchUps = 0;
    service->setCatchUp([&] { ++catchUps; });
    create(CreateRequest{QStringLiteral("https://example.com/once"), QStringLiteral("once"), 1});
    create(CreateRequest{QStringLiteral("https://example.com/u"), QStringLiteral("open"), std::nullopt});

    EXPECT_EQ(visit(QStringLiteral("once")).outcome, VisitOutcome::Redirected);
    EXPECT_EQ(visit(QStringLiteral("nosuchlink")).outcome, VisitOutcome::NotFound);
    EXPECT_EQ(catchUps, 0) << "a claim and an unknown slug are answered by the database";

    // Answered from the cache (the used-up link is cached now): after catching up.
    EXPECT_EQ(visit(QStringLiteral("once")).outcome, VisitOutcome::Expired);
    EXPECT_EQ(catchUps, 1);
    EXPECT_EQ(visit(QStringLiteral("open")).outcome, VisitOutcome::Redirected);
    const int before = catchUps;
    ClickFacts facts{clock.nowMs(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
    ASSERT_TRUE(service->visitCached(QStringLiteral("open"), facts, VisitContext{}).has_value());
    EXPECT_EQ(catchUps, before + 1);
}
