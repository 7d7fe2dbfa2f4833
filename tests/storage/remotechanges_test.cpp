// Two servers in this process on one PostgreSQL database, as a team's
// desktop and a headless server would be: what one commits reaches the
// other through NOTIFY/LISTEN (ChangeListener), with no polling. Without
// it, the other server's cache would keep redirecting a revoked link and
// its live views would miss clicks and links made elsewhere.

#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/storage/changelistener.h"
#include "server/storage/changenotice.h"
#include "server/links/linkservice.h"
#include "server/shortfuseserver.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

class RemoteChangesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(database.isValid()) << database.error().toStdString();
        for (auto *server : {&a, &b}) {
            ServerConfig config;
            config.port = 0;
            config.dataDir = (server == &a ? dirA : dirB).path();
            config.databaseUrl = database.url();
            config.rateLimitPerMinute = 0;
            *server = std::make_unique<ShortfuseServer>(config);
            const Status started = (*server)->start();
            ASSERT_TRUE(started.ok()) << started.error().message.toStdString();
            ASSERT_NE((*server)->changeListener(), nullptr) << "a shared database has a listener";
        }
        // Both listeners connect in the background (their signal is queued
        // to this thread, so connecting now still hears it): wait for both.
        int listening = 0;
        for (auto *server : {&a, &b})
            QObject::connect((*server)->changeListener(), &ChangeListener::listening, [&] { ++listening; });
        ASSERT_TRUE(waitUntil([&] { return listening >= 2; }));
    }

    Link create(ShortfuseServer &server, std::optional<int> maxClicks)
    {
        CreateRequest request;
        request.url = QStringLiteral("https://example.com/team");
        request.maxClicks = maxClicks;
        Result<NewLink> prepared = server.links()->prepare(request);
        EXPECT_TRUE(prepared.ok());
        std::optional<Result<Link>> created;
        server.links()->create(*prepared, std::nullopt, [&](const Result<Link> &r) { created = r; });
        EXPECT_TRUE(waitUntil([&] { return created.has_value(); }));
        return created && created->ok() ? created->value() : Link{};
    }

    static Visit visit(ShortfuseServer &server, const QString &slug)
    {
        ClickFacts facts{QDateTime::currentMSecsSinceEpoch(), QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}};
        const VisitContext context{[] { return false; }};
        if (std::optional<Visit> now = server.links()->visitCached(slug, facts, context))
            return *now;
        std::optional<Visit> later;
        server.links()->visitClaimed(slug, facts, context, [&](const Visit &v) { later = v; });
        EXPECT_TRUE(waitUntil([&] { return later.has_value(); }));
        return later.value_or(Visit{});
    }

    shortfuse::test::FreshDatabase database;
    QTemporaryDir dirA, dirB;
    std::unique_ptr<ShortfuseServer> a, b;
};

TEST_F(RemoteChangesTest, ALinkRevokedOnOneServerStopsRedirectingOnTheOther)
{
    const Link link = create(*a, std::nullopt);  // unlimited: servers cache it
    ASSERT_FALSE(link.slug.isEmpty());
    EXPECT_EQ(visit(*b, link.slug).outcome, VisitOutcome::Redirected);
    ASSERT_GT(b->links()->cachedLinks(), 0) << "b now answers this link from memory";

    QStringList revokedOnB;
    QObject::connect(b->links(), &LinkService::linkRevoked, [&](const QString &slug) { revokedOnB.append(slug); });
    std::optional<Result<bool>> revoked;
    a->links()->revoke(link.slug, [&](const Result<bool> &r) { revoked = r; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    ASSERT_TRUE(revoked->ok() && revoked->value());

    ASSERT_TRUE(waitUntil([&] { return revokedOnB.count() > 0; })) << "b hears of the revocation";
    EXPECT_EQ(revokedOnB.first(), link.slug);
    EXPECT_EQ(visit(*b, link.slug).outcome, VisitOutcome::Expired) << "b no longer redirects from its cache";
}

TEST_F(RemoteChangesTest, LinksAndClicksMadeOnOneServerReachTheOthersLiveViews)
{
    QList<Link> createdOnB, createdOnA;
    QList<qint64> clickedOnB;
    QObject::connect(b->links(), &LinkService::linkCreated, [&](const Link &link) { createdOnB.append(link); });
    QObject::connect(a->links(), &LinkService::linkCreated, [&](const Link &link) { createdOnA.append(link); });
    QObject::connect(b->links(), &LinkService::clicksChanged, [&](const QList<qint64> &ids) { clickedOnB.append(ids); });

    const Link link = create(*a, 3);
    ASSERT_TRUE(waitUntil([&] { return createdOnB.count() > 0; })) << "b's table shows a's new link";
    const Link seen = createdOnB.first();
    EXPECT_EQ(seen.slug, link.slug);
    EXPECT_EQ(seen.url, link.url);
    EXPECT_EQ(seen.maxClicks, 3);

    EXPECT_EQ(visit(*a, link.slug).outcome, VisitOutcome::Redirected);
    ASSERT_TRUE(waitUntil([&] { return clickedOnB.contains(link.id); })) << "b's row for the link follows a click on a";

    // A server does not hear its own notices twice: a's creation was
    // announced to a's views once, directly.
    EXPECT_EQ(createdOnA.count(), 1);
}

} // namespace
