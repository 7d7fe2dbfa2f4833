#include "tests/storage/storetestenv.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

LinkListQuery filtered(const QString &filter)
{
    LinkListQuery query;
    query.filter = filter;
    return query;
}

NewLink newLink(const QString &slug, std::optional<int> maxClicks = std::nullopt)
{
    return NewLink{slug, QStringLiteral("https://example.com/%1?q=1#f").arg(slug), maxClicks, 1'700'000'000'123, false};
}

class LinkStoreTest : public ::testing::TestWithParam<BackendFactory> {
protected:
    void SetUp() override
    {
        backend = GetParam().make();
        store = backend.makeStore();
        const Status opened = store->open();
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    }

    Link insert(const QString &slug, std::optional<int> maxClicks = std::nullopt)
    {
        EXPECT_TRUE(store->beginBatch().ok());
        auto inserted = store->insertLink(newLink(slug, maxClicks));
        EXPECT_TRUE(store->commitBatch().ok());
        EXPECT_TRUE(inserted.ok() && inserted->has_value());
        return inserted.ok() && inserted->has_value() ? **inserted : Link{};
    }

    VisitOutcome claimOnce(const QString &slug)
    {
        EXPECT_TRUE(store->beginBatch().ok());
        auto claim = claimPlain(*store, slug);
        EXPECT_TRUE(store->commitBatch().ok());
        EXPECT_TRUE(claim.ok());
        return claim.ok() ? claim->outcome : VisitOutcome::NotFound;
    }

    StoreBackend backend;
    std::unique_ptr<LinkStore> store;
};

} // namespace

TEST_P(LinkStoreTest, InsertsAndFindsLinksExactlyAsGiven)
{
    const Link created = insert(QStringLiteral("abc"), 3);
    EXPECT_GT(created.id, 0);
    auto found = store->findLink(QStringLiteral("abc"));
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->url, QStringLiteral("https://example.com/abc?q=1#f"));
    EXPECT_EQ((*found)->maxClicks, 3);
    EXPECT_EQ((*found)->clicks, 0);
    EXPECT_EQ((*found)->createdAtMs, 1'700'000'000'123);
    EXPECT_FALSE(store->findLink(QStringLiteral("ABC"))->has_value()) << "slugs are case-sensitive";
}

TEST_P(LinkStoreTest, TakenSlugWritesNothing)
{
    insert(QStringLiteral("taken"), 1);
    ASSERT_TRUE(store->beginBatch().ok());
    auto again = store->insertLink(NewLink{QStringLiteral("taken"), QStringLiteral("https://other.example/"), std::nullopt, 1, false});
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->has_value());
    // The batch is still usable after a refused insert.
    auto other = store->insertLink(newLink(QStringLiteral("Taken")));
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(other->has_value());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("taken")))->url, QStringLiteral("https://example.com/taken?q=1#f"));
}

TEST_P(LinkStoreTest, ClaimsExactlyMaxClicks)
{
    insert(QStringLiteral("three"), 3);
    EXPECT_EQ(claimOnce(QStringLiteral("three")), VisitOutcome::Redirected);
    EXPECT_EQ(claimOnce(QStringLiteral("three")), VisitOutcome::Redirected);
    EXPECT_EQ(claimOnce(QStringLiteral("three")), VisitOutcome::Redirected);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(claimOnce(QStringLiteral("three")), VisitOutcome::Expired);
    EXPECT_EQ((*store->findLink(QStringLiteral("three")))->clicks, 3);
    EXPECT_EQ(claimOnce(QStringLiteral("nope")), VisitOutcome::NotFound);
}

TEST_P(LinkStoreTest, ClaimReturnsTheLinkAfterTheClaim)
{
    insert(QStringLiteral("two"), 2);
    ASSERT_TRUE(store->beginBatch().ok());
    auto first = claimPlain(*store, QStringLiteral("two"));
    auto second = claimPlain(*store, QStringLiteral("two"));
    auto third = claimPlain(*store, QStringLiteral("two"));
    ASSERT_TRUE(store->commitBatch().ok());
    ASSERT_TRUE(first.ok() && second.ok() && third.ok());
    EXPECT_EQ(first->link.clicks, 1);
    EXPECT_FALSE(first->link.exhausted());
    EXPECT_EQ(second->link.clicks, 2);
    EXPECT_TRUE(second->link.exhausted());
    EXPECT_EQ(third->outcome, VisitOutcome::Expired);
    EXPECT_EQ(third->link.url, QStringLiteral("https://example.com/two?q=1#f"));
}

TEST_P(LinkStoreTest, UnlimitedLinksCountEveryClick)
{
    const Link link = insert(QStringLiteral("free"));
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(claimOnce(QStringLiteral("free")), VisitOutcome::Redirected);
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->addClicks(link.id, 90, 1'800'000'000'000).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    const Link counted = **store->findLink(QStringLiteral("free"));
    EXPECT_EQ(counted.clicks, 100);
    EXPECT_EQ(counted.lastClickAtMs, 1'800'000'000'000);
}

// Redirects answered while a link was unlimited, counted after it was
// capped (PATCH): they use up the cap, never go past it.
TEST_P(LinkStoreTest, LateRedirectsOfALinkCappedSinceCountUpToTheCapOnly)
{
    const Link capped = insert(QStringLiteral("capped"), 2);
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->addClicks(capped.id, 50, 1).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("capped")))->clicks, 2);
    EXPECT_EQ(claimOnce(QStringLiteral("capped")), VisitOutcome::Expired);
}

// The store's side of the counting handshake (LinkService::update): live
// servers by heartbeat, an unlimited link marked counting (its claims still
// count it, no cap), acknowledgements per epoch, and a cap that ends it.
TEST_P(LinkStoreTest, CountingHandshakeMarksAcknowledgesAndEnds)
{
    const Link link = insert(QStringLiteral("open"));
    insert(QStringLiteral("capped"), 3);
    const QByteArray a = "server-a", b = "server-b", gone = "server-gone";
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->beat(a, 10'000).ok());
    ASSERT_TRUE(store->beat(b, 10'000).ok());
    ASSERT_TRUE(store->beat(gone, 1'000).ok());
    ASSERT_TRUE(store->beat(b, 12'000).ok()); // a beat moves the row on
    EXPECT_EQ(*store->otherLiveServers(a, 5'000), 1) << "b only: a is itself, `gone` is stale";
    EXPECT_EQ(*store->otherLiveServers(a, 0), 2);
    EXPECT_EQ(*store->otherLiveServers(a, 12'001), 0);

    const Result<std::optional<Link>> marked = store->beginCounting(QStringLiteral("open"), std::nullopt, 77);
    ASSERT_TRUE(marked.ok() && marked->has_value());
    EXPECT_EQ((*marked)->counting, 77);
    EXPECT_EQ((*store->beginCounting(QStringLiteral("open"), std::nullopt, 88))->counting, 77)
        << "a second handshake joins the one under way";
    EXPECT_EQ((*store->beginCounting(QStringLiteral("capped"), std::nullopt, 99))->counting, 0) << "capped: not marked";
    EXPECT_FALSE(store->beginCounting(QStringLiteral("nope"), std::nullopt, 99)->has_value());
    EXPECT_FALSE(store->beginCounting(QStringLiteral("open"), qint64(12345), 99)->has_value()) << "another key's link";
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(claimOnce(QStringLiteral("open")), VisitOutcome::Redirected) << "counting, still unlimited";
    EXPECT_EQ((*store->findLink(QStringLiteral("open")))->counting, 77);

    const auto waitingFor = [&](const QByteArray &sender) {
        QStringList slugs;
        const Result<QList<LinkReads::CountingLink>> waiting = store->countingUnacknowledged(sender);
        EXPECT_TRUE(waiting.ok());
        for (const LinkReads::CountingLink &counting : waiting.value())
            slugs << counting.slug + QLatin1Char('@') + QString::number(counting.epoch);
        return slugs;
    };
    EXPECT_EQ(waitingFor(b), QStringList{QStringLiteral("open@77")});
    EXPECT_EQ(*store->missingAcknowledgements(link.id, 77, a, 5'000), 1);
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->acknowledgeCounting(link.id, b, 76, 12'000).ok()); // another epoch's: no use
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(*store->missingAcknowledgements(link.id, 77, a, 5'000), 1);
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->acknowledgeCounting(link.id, b, 77, 12'000).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(*store->missingAcknowledgements(link.id, 77, a, 5'000), 0);
    EXPECT_EQ(*store->missingAcknowledgements(link.id, 77, a, 0), 1) << "`gone`, were it live";
    EXPECT_TRUE(waitingFor(b).isEmpty());

    // Phase 2: the cap ends the counting.
    LinkUpdate cap;
    cap.maxClicks = std::optional<int>(5);
    ASSERT_TRUE(store->beginBatch().ok());
    const auto capped = store->updateLink(QStringLiteral("open"), cap, std::nullopt);
    ASSERT_TRUE(capped.ok());
    EXPECT_EQ(capped->link.counting, 0);
    EXPECT_EQ(capped->link.maxClicks.value_or(0), 5);
    ASSERT_TRUE(store->leave(b).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_TRUE(waitingFor(a).isEmpty());
    EXPECT_EQ(*store->otherLiveServers(a, 0), 1) << "b left";

    // A handshake that sets no cap after all ends only its own epoch.
    const Link other = insert(QStringLiteral("other"));
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->beginCounting(QStringLiteral("other"), std::nullopt, 5).ok());
    ASSERT_TRUE(store->endCounting(other.id, 6).ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("other")))->counting, 5);
    ASSERT_TRUE(store->endCounting(other.id, 5).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ((*store->findLink(QStringLiteral("other")))->counting, 0);
}

TEST_P(LinkStoreTest, RolledBackBatchLeavesNoTrace)
{
    insert(QStringLiteral("once"), 1);
    ASSERT_TRUE(store->beginBatch().ok());
    EXPECT_EQ(claimPlain(*store, QStringLiteral("once"))->outcome, VisitOutcome::Redirected);
    ASSERT_TRUE(store->insertLink(newLink(QStringLiteral("ghost"))).ok());
    store->rollbackBatch();
    EXPECT_EQ((*store->findLink(QStringLiteral("once")))->clicks, 0);
    EXPECT_FALSE(store->findLink(QStringLiteral("ghost"))->has_value());
    EXPECT_EQ(claimOnce(QStringLiteral("once")), VisitOutcome::Redirected);
}

TEST_P(LinkStoreTest, SurvivesReopenAndMigratesOnce)
{
    insert(QStringLiteral("kept"), 2);
    EXPECT_EQ(claimOnce(QStringLiteral("kept")), VisitOutcome::Redirected);
    store->close();
    store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    auto found = store->findLink(QStringLiteral("kept"));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->clicks, 1);
    EXPECT_EQ(store->integrityCheck().value(), QStringLiteral("ok"));
}

TEST_P(LinkStoreTest, TwoConnectionsShareTheCap)
{
    insert(QStringLiteral("shared"), 3);
    auto other = backend.makeStore();
    ASSERT_TRUE(other->open().ok());
    int redirects = 0;
    for (int i = 0; i < 6; ++i) {
        LinkStore &s = (i % 2) ? *other : *store;
        ASSERT_TRUE(s.beginBatch().ok());
        auto claim = claimPlain(s, QStringLiteral("shared"));
        ASSERT_TRUE(s.commitBatch().ok());
        redirects += claim->outcome == VisitOutcome::Redirected;
    }
    EXPECT_EQ(redirects, 3);
}

TEST_P(LinkStoreTest, StatsAggregateRedirectsAndPageTheLog)
{
    const Link link = insert(QStringLiteral("stat"), 3);
    auto details = [](const char *country, const char *browser, bool bot) {
        ClickDetails d;
        d.country = QString::fromLatin1(country);
        d.browser = QString::fromLatin1(browser);
        d.os = QStringLiteral("Linux");
        d.bot = bot;
        d.botName = bot ? QStringLiteral("Slack") : QString();
        return d;
    };
    const ClickDetails firefoxDE = details("DE", "Firefox", false), chromeBotDE = details("DE", "Chrome", true),
                       firefoxFR = details("FR", "Firefox", false);
    ASSERT_TRUE(store->beginBatch().ok());
    const qint64 t0 = 1'700'000'000'000;
    ASSERT_TRUE(claimPlain(*store, QStringLiteral("stat")).ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Redirected, ClickFacts{t0, {}, {}, "https://a.example/x"},
                                   &firefoxDE).ok());
    ASSERT_TRUE(claimPlain(*store, QStringLiteral("stat")).ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Redirected, ClickFacts{t0 + 90'000, {}, {}, {}},
                                   &chromeBotDE).ok());
    ASSERT_TRUE(claimPlain(*store, QStringLiteral("stat")).ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Redirected, ClickFacts{t0 + 200'000, {}, {}, "https://A.example/y"},
                                   &firefoxFR).ok());
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Expired, ClickFacts{t0 + 300'000 + i, {}, {}, {}}, nullptr).ok());
    ASSERT_TRUE(store->commitBatch().ok());

    auto stats = store->linkStats(QStringLiteral("stat"), StatsQuery{3, std::nullopt});
    ASSERT_TRUE(stats.ok()) << stats.error().message.toStdString();
    ASSERT_TRUE(stats->has_value());
    const LinkStats &s = **stats;
    EXPECT_EQ(s.link.clicks, 3);
    EXPECT_EQ(s.remaining(), 0);
    EXPECT_EQ(s.firstClickMs, t0);
    EXPECT_EQ(s.lastClickMs, t0 + 200'000);
    EXPECT_EQ(s.bots, 1);
    EXPECT_EQ(s.humans, 2);
    EXPECT_EQ(s.expiredHits, 4);
    EXPECT_EQ(s.byCountry, (Breakdown{{QStringLiteral("DE"), 2}, {QStringLiteral("FR"), 1}}));
    EXPECT_EQ(s.byBrowser, (Breakdown{{QStringLiteral("Firefox"), 2}, {QStringLiteral("Chrome"), 1}}));
    EXPECT_EQ(s.byReferrerHost, (Breakdown{{QStringLiteral("a.example"), 2}, {QStringLiteral("direct"), 1}}));
    ASSERT_TRUE(s.firstClaim.has_value());
    EXPECT_EQ(s.firstClaim->browser, QStringLiteral("Firefox"));
    EXPECT_EQ(s.bucketMs, 60'000);
    qint64 timelineTotal = 0;
    for (const auto &point : s.timeline)
        timelineTotal += point.second;
    EXPECT_EQ(timelineTotal, 3);
    EXPECT_EQ(s.timeline.constFirst().first, t0 - t0 % 60'000);

    // Newest first, three a page, then the rest.
    ASSERT_EQ(s.log.size(), 3);
    EXPECT_EQ(s.log.at(0).outcome, ClickOutcome::Expired);
    ASSERT_TRUE(s.nextBefore.has_value());
    auto rest = store->linkStats(QStringLiteral("stat"), StatsQuery{100, s.nextBefore});
    ASSERT_TRUE(rest.ok() && rest->has_value());
    EXPECT_EQ((*rest)->log.size(), 4);
    EXPECT_FALSE((*rest)->nextBefore.has_value());
    EXPECT_EQ((*rest)->log.constLast().referrer, QStringLiteral("https://a.example/x"));

    EXPECT_FALSE(store->linkStats(QStringLiteral("none"), {})->has_value());
}

TEST_P(LinkStoreTest, RevokedLinksAnswerLikeUsedUpOnes)
{
    insert(QStringLiteral("free"));
    ASSERT_TRUE(store->beginBatch().ok());
    EXPECT_TRUE(store->revokeLink(QStringLiteral("free")).value());
    EXPECT_FALSE(store->revokeLink(QStringLiteral("none")).value());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(claimOnce(QStringLiteral("free")), VisitOutcome::Expired);
    EXPECT_TRUE((*store->findLink(QStringLiteral("free")))->exhausted());
}

TEST_P(LinkStoreTest, ListsFiltersSortsAndCountsLinks)
{
    for (int i = 0; i < 30; ++i)
        insert(QStringLiteral("link%1").arg(i, 2, 10, QChar(u'0')), i % 3 ? std::optional<int>(5) : std::nullopt);
    insert(QStringLiteral("under_score"));
    for (int i = 0; i < 3; ++i)
        claimOnce(QStringLiteral("link07"));

    LinkListQuery page;
    page.sortBy = LinkListQuery::SortBy::Slug;
    page.descending = false;
    page.limit = 10;
    page.offset = 10;
    auto second = store->listLinks(page);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->size(), 10);
    EXPECT_EQ(second->first().slug, QStringLiteral("link10"));

    page.sortBy = LinkListQuery::SortBy::Clicks;
    page.descending = true;
    page.offset = 0;
    EXPECT_EQ(store->listLinks(page)->first().slug, QStringLiteral("link07"));
    EXPECT_EQ(store->listLinks(page)->first().clicks, 3);

    EXPECT_EQ(store->countLinks(filtered(QString())).value(), 31);
    EXPECT_EQ(store->countLinks(filtered(QStringLiteral("LINK1"))).value(), 10) << "filters ignore case";
    EXPECT_EQ(store->countLinks(filtered(QStringLiteral("_"))).value(), 1) << "'_' is literal, not a wildcard";
    EXPECT_EQ(store->countLinks(filtered(QStringLiteral("example.com/link2"))).value(), 10) << "the destination matches too";

    const Link one = *store->findLink(QStringLiteral("link03")).value();
    auto rows = store->linksByIds({one.id, 999'999});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1);
    EXPECT_EQ(rows->first().slug, QStringLiteral("link03"));
}

TEST_P(LinkStoreTest, SortsByLabelWithUnlabelledLinksFirstAscending)
{
    // The window's label column (issue 12): a link without a label is
    // stored as NULL, and sorts as an empty label on every engine.
    const QStringList labels{QStringLiteral("Chloe"), QString(), QStringLiteral("Anna"), QStringLiteral("Ben")};
    ASSERT_TRUE(store->beginBatch().ok());
    for (int i = 0; i < labels.size(); ++i) {
        NewLink link = newLink(QStringLiteral("label%1").arg(i));
        link.label = labels.at(i);
        ASSERT_TRUE(store->insertLink(link).ok());
    }
    ASSERT_TRUE(store->commitBatch().ok());
    LinkListQuery query;
    query.sortBy = LinkListQuery::SortBy::Label;
    auto order = [&](bool descending) {
        query.descending = descending;
        QStringList shown;
        const Result<QList<Link>> links = store->listLinks(query);
        EXPECT_TRUE(links.ok());
        for (const Link &link : links.ok() ? links.value() : QList<Link>{})
            shown.append(link.label);
        return shown;
    };
    EXPECT_EQ(order(false), (QStringList{QString(), QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("Chloe")}));
    EXPECT_EQ(order(true), (QStringList{QStringLiteral("Chloe"), QStringLiteral("Ben"), QStringLiteral("Anna"), QString()}));
}

// GET /api/links pages by keyset: each sort, both ways, walked page by
// page, gives every link exactly once and in the order one query gives;
// status, label and owner filter what the count counts too.
TEST_P(LinkStoreTest, KeysetPagesFiltersAndOwnersAgreeWithOneQuery)
{
    const qint64 now = 1'700'000'100'000;
    for (int i = 0; i < 23; ++i) {
        NewLink link = newLink(QStringLiteral("k%1").arg((i * 7) % 23, 2, 10, QChar(u'0')), i % 4 ? std::optional<int>(2) : std::nullopt);
        link.createdAtMs = 1'700'000'000'000 + (i % 5) * 1000;  // ties: the id decides
        link.label = i % 3 ? QStringLiteral("team") : QString();
        link.ownerKeyId = std::nullopt;
        if (i % 6 == 0)
            link.expiresAtMs = now - 1;
        ASSERT_TRUE(store->beginBatch().ok());
        ASSERT_TRUE(store->insertLink(link)->has_value());
        ASSERT_TRUE(store->commitBatch().ok());
    }
    claimOnce(QStringLiteral("k01"));
    claimOnce(QStringLiteral("k01"));
    claimOnce(QStringLiteral("k02"));
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->revokeLink(QStringLiteral("k03")).value());
    ASSERT_TRUE(store->commitBatch().ok());

    using SortBy = LinkListQuery::SortBy;
    for (SortBy by : {SortBy::Created, SortBy::Slug, SortBy::Url, SortBy::Clicks, SortBy::Status, SortBy::LastClick}) {
        for (bool descending : {false, true}) {
            LinkListQuery all;
            all.sortBy = by;
            all.descending = descending;
            all.asOfMs = now;
            all.limit = 1000;
            const QList<Link> whole = store->listLinks(all).value();
            ASSERT_EQ(whole.size(), 23);
            LinkListQuery page = all;
            page.limit = 4;
            QList<Link> walked;
            for (int guard = 0; guard < 20; ++guard) {
                const QList<Link> rows = store->listLinks(page).value();
                walked += rows;
                if (rows.size() < page.limit)
                    break;
                page.after = page.positionOf(rows.last());
            }
            ASSERT_EQ(walked.size(), whole.size()) << int(by) << descending;
            for (int i = 0; i < whole.size(); ++i)
                EXPECT_EQ(walked[i].id, whole[i].id) << int(by) << descending << i;
        }
    }

    LinkListQuery query;
    query.asOfMs = now;
    query.status = LinkStatus::UsedUp;
    EXPECT_EQ(store->countLinks(query).value(), 1);  // k01
    query.status = LinkStatus::Revoked;
    EXPECT_EQ(store->countLinks(query).value(), 1);
    query.status = LinkStatus::Expired;
    const QList<Link> expired = store->listLinks(query).value();
    for (const Link &link : expired)
        EXPECT_EQ(statusOf(link, now), LinkStatus::Expired) << link.slug.toStdString();
    EXPECT_EQ(store->countLinks(query).value(), expired.size());
    EXPECT_GE(expired.size(), 2);
    query.status.reset();
    query.label = QStringLiteral("team");
    EXPECT_EQ(store->countLinks(query).value(), 15);
    query.label.reset();
    query.filter = QStringLiteral("TEA");
    EXPECT_EQ(store->countLinks(query).value(), 15) << "the text filter matches labels too";
    query.filter.clear();
    query.ownerKeyId = 42;
    EXPECT_EQ(store->countLinks(query).value(), 0);
}

TEST_P(LinkStoreTest, ImportedLinksKeepTheirCountsAndNeverOverwrite)
{
    insert(QStringLiteral("taken"));
    ImportedLink imported;
    imported.link = newLink(QStringLiteral("moved"), 5);
    imported.link.createdAtMs = 1'600'000'000'000;
    imported.link.label = QStringLiteral("Anna");
    imported.link.statsToken = QStringLiteral("tok");
    imported.clicks = 3;
    imported.lastClickAtMs = 1'600'000'000'500;
    ASSERT_TRUE(store->beginBatch().ok());
    EXPECT_TRUE(store->insertImportedLink(imported).value());
    ImportedLink clash = imported;
    clash.link.slug = QStringLiteral("taken");
    EXPECT_FALSE(store->insertImportedLink(clash).value());
    ASSERT_TRUE(store->commitBatch().ok());
    const Link moved = *store->findLink(QStringLiteral("moved")).value();
    EXPECT_EQ(moved.clicks, 3);
    EXPECT_EQ(moved.maxClicks, 5);
    EXPECT_EQ(moved.createdAtMs, 1'600'000'000'000);
    EXPECT_EQ(moved.lastClickAtMs, 1'600'000'000'500);
    EXPECT_EQ(moved.label, QStringLiteral("Anna"));
    EXPECT_EQ(moved.statsToken, QStringLiteral("tok"));
    EXPECT_EQ((*store->findLink(QStringLiteral("taken")).value()).clicks, 0);
}

TEST_P(LinkStoreTest, TotalsCountLinksAndRecentRedirects)
{
    const Link link = insert(QStringLiteral("t"));
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Redirected, ClickFacts{1000, {}, {}, {}}).ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Redirected, ClickFacts{5000, {}, {}, {}}).ok());
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Expired, ClickFacts{6000, {}, {}, {}}).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    auto totals = store->totals(2000);
    ASSERT_TRUE(totals.ok());
    EXPECT_EQ(totals->links, 1);
    EXPECT_EQ(totals->clicksSince, 1);
    auto none = store->totals(2000, 42);  // a key that made none of them
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->links, 0);
    EXPECT_EQ(none->clicksSince, 0);
}

// Keys are stored by their SHA-256 only; a name is unique among the keys
// not revoked, and a revoked key stays (for the links it made).
TEST_P(LinkStoreTest, ApiKeysAreFoundByHashAndRevokedByName)
{
    const QString key = apikeys::generate();
    const NewApiKey fresh{QStringLiteral("deploy bot"), apikeys::hash(key), apikeys::shownPrefix(key), true, 1000};
    ASSERT_TRUE(store->beginBatch().ok());
    auto made = store->insertApiKey(fresh);
    auto sameName = store->insertApiKey(NewApiKey{fresh.name, apikeys::hash(apikeys::generate()), {}, false, 1001});
    ASSERT_TRUE(store->commitBatch().ok());
    ASSERT_TRUE(made.ok() && made->has_value());
    ASSERT_TRUE(sameName.ok()) << sameName.error().message.toStdString();
    EXPECT_FALSE(sameName->has_value()) << "two active keys may not share a name";
    EXPECT_TRUE((*made)->admin);
    EXPECT_EQ((*made)->prefix, key.left(10));

    auto found = store->findApiKey(apikeys::hash(key));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->name, QStringLiteral("deploy bot"));
    EXPECT_FALSE((*found)->revoked());
    EXPECT_FALSE(store->findApiKey(apikeys::hash(apikeys::generate()))->has_value());

    ASSERT_TRUE(store->beginBatch().ok());
    EXPECT_TRUE(store->touchApiKey((*made)->id, 5000).ok());
    EXPECT_TRUE(*store->revokeApiKey(QStringLiteral("deploy bot"), 6000));
    EXPECT_FALSE(*store->revokeApiKey(QStringLiteral("deploy bot"), 6001)) << "already revoked";
    EXPECT_FALSE(*store->revokeApiKey(QStringLiteral("nobody"), 6001));
    auto again = store->insertApiKey(NewApiKey{fresh.name, apikeys::hash(apikeys::generate()), {}, false, 7000});
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_TRUE(again.ok() && again->has_value()) << "a revoked key's name is free again";

    const ApiKey revoked = **store->findApiKey(apikeys::hash(key));
    EXPECT_EQ(revoked.revokedAtMs, 6000);
    EXPECT_EQ(revoked.lastUsedAtMs, 5000);
    auto keys = store->listApiKeys();
    ASSERT_TRUE(keys.ok());
    ASSERT_EQ(keys->size(), 2);
    EXPECT_FALSE(keys->at(0).revoked()) << "active keys first";
    EXPECT_TRUE(keys->at(1).revoked());
}

TEST_P(LinkStoreTest, LinksKeepTheirLabelOwnerTokenAndLastClick)
{
    const QString key = apikeys::generate();
    ASSERT_TRUE(store->beginBatch().ok());
    const ApiKey owner = **store->insertApiKey(NewApiKey{QStringLiteral("k"), apikeys::hash(key), {}, false, 1});
    NewLink link = newLink(QStringLiteral("labelled"), 3);
    link.label = QStringLiteral("Anna's invite, \"VIP\"");
    link.ownerKeyId = owner.id;
    link.statsToken = statstokens::generate();
    ASSERT_TRUE(store->insertLink(link).ok());
    ASSERT_TRUE(store->commitBatch().ok());

    ASSERT_TRUE(store->beginBatch().ok());
    ClaimRequest claim{QStringLiteral("labelled"), 1'750'000'000'000, false, true, {}, 0};
    ASSERT_EQ(store->claimClick(claim)->outcome, VisitOutcome::Redirected);
    ASSERT_TRUE(store->commitBatch().ok());

    const Link found = **store->findLink(QStringLiteral("labelled"));
    EXPECT_EQ(found.label, link.label);
    EXPECT_EQ(found.ownerKeyId, owner.id);
    EXPECT_EQ(found.statsToken, link.statsToken);
    EXPECT_TRUE(statstokens::hasTokenShape(found.statsToken));
    EXPECT_EQ(found.lastClickAtMs, 1'750'000'000'000);
}

namespace {

// Runs SQL on the test's database through a connection of its own.
bool runRawSql(const QString &database, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-%1").arg(quintptr(&database));
    bool ok = true;
    {
        QString error;
        if (database.startsWith(QLatin1String("postgres"))) {
            ok = test::openPostgresUrl(database, name, &error);
        } else {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(database);
            ok = db.open();
        }
        QSqlQuery q(QSqlDatabase::database(name));
        for (const QString &sql : statements) {
            if (ok && !q.exec(sql)) {
                ADD_FAILURE() << sql.toStdString() << ": " << q.lastError().text().toStdString();
                ok = false;
            }
        }
        QSqlDatabase::database(name).close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

// A database made before owner access (schema 7) gets a statistics token
// for every link, and each link's last redirect from its click log.
TEST_P(LinkStoreTest, MigrationGivesExistingLinksATokenAndTheirLastClick)
{
    insert(QStringLiteral("older"), 5);
    insert(QStringLiteral("other"));
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_EQ(store->claimClick(ClaimRequest{QStringLiteral("older"), 1'600'000'000'000, false, true, {}, 0})->outcome,
              VisitOutcome::Redirected);
    ASSERT_TRUE(store->recordClick((*store->findLink(QStringLiteral("older")))->id, ClickOutcome::Redirected,
                                   ClickFacts{1'600'000'000'000, {}, {}, {}})
                    .ok());
    ASSERT_TRUE(store->commitBatch().ok());
    store->close();
    // Back to schema 7: what migrations 8 to 11 added, taken away again.
    ASSERT_TRUE(runRawSql(backend.describe(),
                          {QStringLiteral("DROP TABLE counting_acks"), QStringLiteral("DROP TABLE servers"),
                           QStringLiteral("DROP INDEX links_counting"),
                           QStringLiteral("ALTER TABLE links DROP COLUMN counting"),
                           QStringLiteral("DROP TABLE webhook_attempts"), QStringLiteral("DROP TABLE webhook_outbox"),
                           QStringLiteral("DROP TABLE webhooks"), QStringLiteral("DROP TABLE events"),
                           QStringLiteral("DROP INDEX links_by_owner"),
                           QStringLiteral("ALTER TABLE links DROP COLUMN owner_key_id"),
                           QStringLiteral("ALTER TABLE links DROP COLUMN label"),
                           QStringLiteral("ALTER TABLE links DROP COLUMN stats_token"),
                           QStringLiteral("ALTER TABLE links DROP COLUMN last_click_at"),
                           QStringLiteral("DROP TABLE api_keys"),
                           QStringLiteral("DELETE FROM schema_migrations WHERE version >= 8")}));

    store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    const Link older = **store->findLink(QStringLiteral("older"));
    const Link other = **store->findLink(QStringLiteral("other"));
    EXPECT_TRUE(statstokens::hasTokenShape(older.statsToken)) << older.statsToken.toStdString();
    EXPECT_TRUE(statstokens::hasTokenShape(other.statsToken)) << other.statsToken.toStdString();
    EXPECT_NE(older.statsToken, other.statsToken);
    EXPECT_EQ(older.lastClickAtMs, 1'600'000'000'000);
    EXPECT_FALSE(other.lastClickAtMs.has_value());
}

// Schema 9 wrote a used-up claim as two journal rows (its click, then the
// link's end) and kept one shared webhook cursor. Migration 10 folds the
// pair into the end's row, gives outbox and attempt rows the new event ids
// (linkEventId), and puts every endpoint where the shared cursor stood:
// nothing waiting for delivery is lost or sent twice.
TEST_P(LinkStoreTest, MigrationToPerEndpointPositionsKeepsEveryUndeliveredEvent)
{
    const Link once = insert(QStringLiteral("once"), 1);
    const Link many = insert(QStringLiteral("many"), 5);
    store->close();
    const QString ids = QStringLiteral("%1, %2").arg(once.id).arg(many.id);
    ASSERT_TRUE(runRawSql(
        backend.describe(),
        {QStringLiteral("CREATE INDEX events_by_link ON events(link_id)"), QStringLiteral("DROP TABLE counting_acks"), QStringLiteral("DROP TABLE servers"),
         QStringLiteral("DROP INDEX links_counting"), QStringLiteral("ALTER TABLE links DROP COLUMN counting"),
         QStringLiteral("ALTER TABLE webhooks DROP COLUMN journal_position"),
         QStringLiteral("ALTER TABLE webhooks DROP COLUMN journal_waiting"),
         QStringLiteral("ALTER TABLE webhooks DROP COLUMN waiting_since"),
         QStringLiteral("CREATE TABLE journal_cursors (name TEXT PRIMARY KEY, last_id BIGINT NOT NULL)"),
         QStringLiteral("INSERT INTO journal_cursors(name, last_id) VALUES ('webhooks', 3)"),
         // Rows 1 and 2: once's claim (click, end); 3: a click on many; 4: not yet put out.
         // Schema 9 journaled no creations: the two links' link.created rows go.
         QStringLiteral("DELETE FROM events"),
         QStringLiteral("INSERT INTO events(id, at, type, link_id, clicks, max_clicks) VALUES "
                        "(1, 10, 1, %1, 1, 1), (2, 10, 2, %1, 1, 1), (3, 11, 1, %2, 1, 5), (4, 12, 1, %2, 2, 5)")
             .arg(once.id)
             .arg(many.id),
         QStringLiteral("INSERT INTO webhooks(id, url, events, format, secret, created_at) VALUES "
                        "(1, 'https://a.example/', 'link.clicked,link.used_up', 'standard', 'whsec_dGVzdA==', 0)"),
         QStringLiteral("INSERT INTO webhook_outbox(webhook_id, event_id, attempts, next_attempt_at, created_at) VALUES "
                        "(1, 1, 0, 0, 10), (1, 2, 0, 0, 10), (1, 3, 2, 0, 11)"),
         QStringLiteral("INSERT INTO webhook_attempts(webhook_id, event_id, at, status) VALUES (1, 3, 11, 500)"),
         QStringLiteral("DELETE FROM schema_migrations WHERE version >= 10")}))
        << ids.toStdString();

    store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    store->close();
    QList<qint64> outbox, attempts, rows;
    qint64 position = -1;
    {
        const QString name = QStringLiteral("inspect-migration");
        bool opened = false;
        if (backend.describe().startsWith(QLatin1String("postgres"))) {
            QString error;
            opened = test::openPostgresUrl(backend.describe(), name, &error);
        } else {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(backend.describe());
            opened = db.open();
        }
        ASSERT_TRUE(opened);
        QSqlQuery q(QSqlDatabase::database(name));
        const auto column = [&q](const QString &sql) {
            QList<qint64> values;
            EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
            while (q.next())
                values.append(q.value(0).toLongLong());
            return values;
        };
        outbox = column(QStringLiteral("SELECT event_id FROM webhook_outbox ORDER BY event_id"));
        attempts = column(QStringLiteral("SELECT event_id FROM webhook_attempts"));
        rows = column(QStringLiteral("SELECT id FROM events ORDER BY id"));
        position = column(QStringLiteral("SELECT journal_position FROM webhooks")).value(0, -1);
        EXPECT_FALSE(q.exec(QStringLiteral("SELECT 1 FROM journal_cursors"))) << "the shared cursor is gone";
        QSqlDatabase::database(name).close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect-migration"));
    EXPECT_EQ(rows, (QList<qint64>{2, 3, 4})) << "once's click row is folded into its end's";
    EXPECT_EQ(outbox, (QList<qint64>{linkEventId(2, LinkEventType::Clicked), linkEventId(2, LinkEventType::UsedUp),
                                     linkEventId(3, LinkEventType::Clicked)}));
    EXPECT_EQ(attempts, (QList<qint64>{linkEventId(3, LinkEventType::Clicked)}));
    EXPECT_EQ(position, linkEventId(3, LinkEventType::ExpiredHit)) << "everything in rows up to 3 was put out";
    // Row 4 is still to be read by the endpoint, as before.
    ASSERT_TRUE(store->open().ok());
    const Result<QList<LinkEvent>> after = store->eventsAfter(position, 10);
    ASSERT_TRUE(after);
    ASSERT_EQ(after->size(), 1);
    EXPECT_EQ(after->first().clicks, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, LinkStoreTest,
                         ::testing::Values(BackendFactory{"Sqlite", sqliteBackend},
                                           BackendFactory{"Postgres", postgresBackend}),
                         backendName);

// SQLite specifics: the file is in WAL mode, click addresses are stored
// anonymized, and the schema itself refuses a count past the cap.
TEST(SqliteLinkStore, SchemaGuardsTheCapAndAnonymizesAddresses)
{
    StoreBackend backend = sqliteBackend();
    auto store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    ASSERT_TRUE(store->beginBatch().ok());
    const Link link = **store->insertLink(newLink(QStringLiteral("one"), 1));
    ASSERT_TRUE(store->recordClick(link.id, ClickOutcome::Expired,
                                   ClickFacts{5, QHostAddress(QStringLiteral("203.0.113.99")), "UA/1.0", "https://ref.example/"})
                    .ok());
    ASSERT_TRUE(store->commitBatch().ok());

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(backend.describe());
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        EXPECT_EQ(q.value(0).toString(), QStringLiteral("wal"));
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT client_address, user_agent, referrer, outcome FROM clicks")) && q.next());
        EXPECT_EQ(q.value(0).toString(), QStringLiteral("203.0.113.0"));
        EXPECT_EQ(q.value(1).toString(), QStringLiteral("UA/1.0"));
        EXPECT_EQ(q.value(2).toString(), QStringLiteral("https://ref.example/"));
        EXPECT_EQ(q.value(3).toInt(), 2);
        EXPECT_FALSE(q.exec(QStringLiteral("UPDATE links SET clicks = 2 WHERE slug = 'one'")))
            << "CHECK(clicks <= max_clicks) must refuse an overrun";
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
}

// The creation budget shared by every server on the database: counted with
// one conditional write, refused at the limit, per client, forgotten later.
TEST_P(LinkStoreTest, CreationQuotaIsCountedInTheDatabase)
{
    const qint64 minute = 1'700'000'040'000;
    const auto take = [&](const QByteArray &client, qint64 nowMs) {
        EXPECT_TRUE(store->beginBatch().ok());
        const Result<QuotaDecision> decision = store->takeCreationQuota(CreationQuota{client, 3, nowMs});
        EXPECT_TRUE(store->commitBatch().ok());
        EXPECT_TRUE(decision.ok()) << (decision.ok() ? "" : decision.error().message.toStdString());
        return decision.ok() ? *decision : QuotaDecision{false, -1};
    };
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(take("client-a", minute + 1'000 + i).allowed) << i;
    const QuotaDecision refused = take("client-a", minute + 2'000);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retryAfterSeconds, 58);
    EXPECT_TRUE(take("client-b", minute + 2'000).allowed) << "each client has its own budget";

    // Next minute, 30 s in: 3 x 0.5 still count, so one more fits, not two.
    EXPECT_TRUE(take("client-a", minute + 90'000).allowed);
    EXPECT_FALSE(take("client-a", minute + 90'001).allowed);

    // Purging forgets the first minute but keeps the previous one, which
    // still counts: 10 s into the third minute, 1 x 5/6 of it remains, so
    // two fit, not three.
    EXPECT_TRUE(store->beginBatch().ok());
    EXPECT_TRUE(store->purgeExpired(minute + 130'000).ok());
    EXPECT_TRUE(store->commitBatch().ok());
    EXPECT_TRUE(take("client-a", minute + 130'000).allowed);
    EXPECT_TRUE(take("client-a", minute + 130'001).allowed);
    EXPECT_FALSE(take("client-a", minute + 130'002).allowed);
}

// The live stream's events (issue 15): a link's creation, change and
// revocation go into the journal in the transaction of the write itself,
// one row each, with ids in the last place of their row (linkEventSlot).
TEST_P(LinkStoreTest, ManagementWritesAreJournaledInTheirOwnTransaction)
{
    ASSERT_TRUE(store->beginBatch().ok());
    const Result<std::optional<Link>> made = store->insertLink(newLink(QStringLiteral("journaled"), 3));
    ASSERT_TRUE(made && made->has_value());
    EXPECT_TRUE(store->hasPendingEvents());
    LinkUpdate label;
    label.label = QStringLiteral("Party");
    ASSERT_TRUE(store->updateLink(QStringLiteral("journaled"), label, std::nullopt).ok());
    ASSERT_TRUE(store->updateLink(QStringLiteral("journaled"), LinkUpdate{}, std::nullopt).ok()); // changes nothing
    EXPECT_TRUE(*store->revokeLink(QStringLiteral("journaled")));
    EXPECT_TRUE(*store->revokeLink(QStringLiteral("journaled"))) << "still there";
    EXPECT_FALSE(*store->revokeLink(QStringLiteral("never-made")));
    ImportedLink imported{newLink(QStringLiteral("imported")), 2, false, std::nullopt};
    ASSERT_TRUE(*store->insertImportedLink(imported));
    ASSERT_FALSE(*store->insertImportedLink(imported)) << "its slug is taken now: nothing made, nothing journaled";
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_FALSE(store->hasPendingEvents());

    const Result<QList<LinkEvent>> events = store->eventsAfter(0, 10);
    ASSERT_TRUE(events);
    QList<LinkEventType> types;
    for (const LinkEvent &event : *events) {
        types.append(event.type);
        EXPECT_EQ(event.id % 4, 3) << "a row of its own, in the last place";
    }
    EXPECT_EQ(types, (QList<LinkEventType>{LinkEventType::Created, LinkEventType::Changed, LinkEventType::Revoked,
                                           LinkEventType::Created}))
        << "one change (not the empty one), one revocation (not the second)";
    ASSERT_EQ(events->size(), 4);
    EXPECT_EQ(events->at(0).slug, QStringLiteral("journaled"));
    EXPECT_EQ(events->at(0).maxClicks, 3);
    EXPECT_EQ(events->at(1).label, QStringLiteral("Party"));
    EXPECT_EQ(events->at(3).clicks, 2) << "an import keeps its clicks";
    EXPECT_EQ(*store->lastEventId(), events->at(3).id);

    // A rolled-back batch journals nothing; nor does a link made and purged in one.
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->insertLink(newLink(QStringLiteral("rolled-back"))).ok());
    store->rollbackBatch();
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->insertLink(newLink(QStringLiteral("undone"))).ok());
    ASSERT_TRUE(store->purgeLink(QStringLiteral("undone"), std::nullopt).ok());
    EXPECT_FALSE(store->hasPendingEvents());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(*store->lastEventId(), events->at(3).id);
}

// Where a live stream may resume (Last-Event-ID): within what the journal
// holds and within the window; never past its end; never before its
// oldest row; and the journal keeps at least the window, webhooks or not.
TEST_P(LinkStoreTest, AStreamResumesOnlyWhereTheJournalStillHoldsEverythingAfter)
{
    EXPECT_TRUE(*store->journalResumable(0, 0)) << "an empty journal, seen empty";
    EXPECT_FALSE(*store->journalResumable(7, 0)) << "an id it never gave";

    const qint64 day = 24LL * 60 * 60 * 1000;
    const qint64 start = 1'700'000'000'000;
    auto make = [&](const QString &slug, qint64 atMs) {
        NewLink link = newLink(slug);
        link.createdAtMs = atMs;
        EXPECT_TRUE(store->beginBatch().ok());
        EXPECT_TRUE(store->insertLink(link).ok());
        EXPECT_TRUE(store->commitBatch().ok());
        return *store->lastEventId();
    };
    const qint64 old = make(QStringLiteral("old-one"), start);
    const qint64 recent = make(QStringLiteral("recent-one"), start + 8 * day);
    EXPECT_FALSE(*store->journalResumable(0, 0)) << "an empty journal's position, with events since";
    EXPECT_TRUE(*store->journalResumable(old, start - 1));
    EXPECT_FALSE(*store->journalResumable(old, start + 1)) << "older than the window";
    EXPECT_TRUE(*store->journalResumable(recent, start + 8 * day - kLiveResumeWindowMs));
    EXPECT_FALSE(*store->journalResumable(recent + 4, 0)) << "past the end";
    EXPECT_FALSE(*store->journalResumable(-1, 0));

    // Without a webhook endpoint the journal still keeps what is younger than a week.
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->purgeExpired(start + 8 * day + kLiveResumeWindowMs).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    const Result<QList<LinkEvent>> kept = store->eventsAfter(0, 10);
    ASSERT_TRUE(kept);
    ASSERT_EQ(kept->size(), 1) << "the week-old row went, the day-old one stays";
    EXPECT_EQ(kept->first().id, recent);
    EXPECT_FALSE(*store->journalResumable(old, 0)) << "its row is forgotten: what came after may be too";
    EXPECT_TRUE(*store->journalResumable(recent, 0));
}

// A place in the journal is an event id (an endpoint's position, a live
// stream's Last-Event-ID), so an id is never given twice: not after the
// newest row went with a purged link, nor after the weekly prune took it.
// Given again, whoever stood at that id would skip the event that took it.
TEST_P(LinkStoreTest, AnEventIdIsNeverGivenTwiceAfterTheNewestRowIsDeleted)
{
    insert(QStringLiteral("first"));
    insert(QStringLiteral("purged"));
    const qint64 purgedAt = *store->lastEventId(); // the newest row: the purged link's creation
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->purgeLink(QStringLiteral("purged"), std::nullopt).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    insert(QStringLiteral("after-purge"));
    const Result<QList<LinkEvent>> afterPurge = store->eventsAfter(purgedAt, 10);
    ASSERT_TRUE(afterPurge);
    ASSERT_EQ(afterPurge->size(), 1) << "a reader past the purged link's event still reads the next one";
    EXPECT_EQ(afterPurge->first().slug, QStringLiteral("after-purge"));
    EXPECT_GT(afterPurge->first().id, purgedAt);

    const qint64 prunedAt = *store->lastEventId();
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->purgeExpired(1'700'000'000'123 + 8 * 24LL * 60 * 60 * 1000 + kLiveResumeWindowMs).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    ASSERT_TRUE(store->eventsAfter(0, 10)->isEmpty()) << "no endpoint needs them: the whole journal was pruned";
    insert(QStringLiteral("after-prune"));
    const Result<QList<LinkEvent>> afterPrune = store->eventsAfter(prunedAt, 10);
    ASSERT_TRUE(afterPrune);
    ASSERT_EQ(afterPrune->size(), 1) << "a reader at the pruned newest row still reads the next one";
    EXPECT_EQ(afterPrune->first().slug, QStringLiteral("after-prune"));
}

// Migration 13 on SQLite: the journal and the webhook outbox become
// AUTOINCREMENT tables with every row and id kept, and the journal's
// counter starts past the last position an endpoint holds, even when that
// row was deleted before the migration (the reuse it ends).
TEST(SqliteLinkStore, MigrationThirteenKeepsEveryRowAndStartsPastEveryPosition)
{
    StoreBackend backend = sqliteBackend();
    auto store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->insertLink(newLink(QStringLiteral("kept"))).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    const qint64 keptEvent = *store->lastEventId();
    store->close();
    const QString eventsBefore13 = QStringLiteral(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, type INTEGER NOT NULL, "
        "link_id INTEGER NOT NULL, clicks INTEGER, max_clicks INTEGER, unlimited INTEGER NOT NULL DEFAULT 0, "
        "country TEXT, browser TEXT, os TEXT, device TEXT, bot INTEGER NOT NULL DEFAULT 0, bot_name TEXT)");
    const QString outboxBefore13 = QStringLiteral(
        "CREATE TABLE webhook_outbox (id INTEGER PRIMARY KEY, "
        "webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE, event_id INTEGER NOT NULL, "
        "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, lease_until INTEGER, "
        "created_at INTEGER NOT NULL)");
    ASSERT_TRUE(runRawSql(
        backend.describe(),
        {QStringLiteral("ALTER TABLE events RENAME TO events_now"), eventsBefore13,
         QStringLiteral("INSERT INTO events SELECT * FROM events_now"), QStringLiteral("DROP TABLE events_now"),
         QStringLiteral("ALTER TABLE webhook_outbox RENAME TO outbox_now"), outboxBefore13,
         QStringLiteral("DROP TABLE outbox_now"),
         QStringLiteral("CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at)"),
         QStringLiteral("CREATE INDEX webhook_outbox_by_hook ON webhook_outbox(webhook_id, id)"),
         QStringLiteral("DELETE FROM sqlite_sequence"),
         // An endpoint that has read up to row 9, a row deleted since.
         QStringLiteral("INSERT INTO webhooks(id, url, events, format, secret, created_at, journal_position) VALUES "
                        "(1, 'https://a.example/', 'link.created', 'standard', 'whsec_dGVzdA==', 0, 39)"),
         QStringLiteral("INSERT INTO webhook_outbox(id, webhook_id, event_id, attempts, next_attempt_at, created_at) "
                        "VALUES (7, 1, %1, 0, 0, 10)")
             .arg(keptEvent),
         QStringLiteral("DELETE FROM schema_migrations WHERE version >= 13")}));

    store = backend.makeStore();
    ASSERT_TRUE(store->open().ok());
    const Result<QList<LinkEvent>> kept = store->eventsAfter(0, 10);
    ASSERT_TRUE(kept);
    ASSERT_EQ(kept->size(), 1);
    EXPECT_EQ(kept->first().id, keptEvent) << "the row keeps its id";
    EXPECT_EQ(kept->first().slug, QStringLiteral("kept"));
    ASSERT_TRUE(store->beginBatch().ok());
    ASSERT_TRUE(store->insertLink(newLink(QStringLiteral("next"))).ok());
    ASSERT_TRUE(store->commitBatch().ok());
    EXPECT_EQ(journalRowOf(*store->lastEventId()), 10) << "past the endpoint's row 9, not after the last row kept";
    store->close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect-13"));
        db.setDatabaseName(backend.describe());
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT id, event_id FROM webhook_outbox")) && q.next());
        EXPECT_EQ(q.value(0).toLongLong(), 7);
        EXPECT_EQ(q.value(1).toLongLong(), keptEvent);
        ASSERT_TRUE(q.exec(QStringLiteral("DELETE FROM webhook_outbox")));
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO webhook_outbox(webhook_id, event_id, next_attempt_at, created_at) "
                                          "VALUES (1, 1, 0, 0) RETURNING id"))
                    && q.next());
        EXPECT_EQ(q.value(0).toLongLong(), 8) << "the deleted newest outbox row's id is not given again";
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect-13"));
}
