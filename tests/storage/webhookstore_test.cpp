// WebhookStore on a real SQLite file: the journal's events go into the
// outbox of each endpoint that wants them, once, a window at a time; past
// the bound the oldest waiting are dropped, counted; a used-up claim's one
// row is two events; a lease keeps a row from a second worker until it
// runs out.

#include "tests/storage/storetestenv.h"

#include "server/storage/sqlitelinkstore.h"
#include "server/storage/webhookstore.h"

#include <QSet>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

class WebhookStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(store.open().ok());
        ASSERT_TRUE(store.beginBatch().ok());
        NewLink link;
        link.slug = QStringLiteral("cohort");
        link.url = QStringLiteral("https://example.com/cohort");
        link.maxClicks = 100'000;
        link.statsToken = QStringLiteral("t");
        const Result<std::optional<Link>> inserted = store.insertLink(link);
        ASSERT_TRUE(inserted && inserted->has_value());
        linkId = (**inserted).id;
        ASSERT_TRUE(store.commitBatch().ok());
    }

    // `count` link.clicked events, committed in one batch as the writer would.
    void journal(int count)
    {
        ASSERT_TRUE(store.beginBatch().ok());
        for (int i = 0; i < count; ++i) {
            LinkEvent event;
            event.type = LinkEventType::Clicked;
            event.atMs = 1'000 + i;
            event.linkId = linkId;
            event.clicks = i + 1;
            event.maxClicks = 100'000;
            ASSERT_TRUE(store.journal(event).ok());
        }
        ASSERT_TRUE(store.commitBatch().ok());
    }

    WebhookEndpoint endpoint(const QString &url, QList<LinkEventType> events = {LinkEventType::Clicked}) const
    {
        WebhookEndpoint made;
        made.url = url;
        made.events = std::move(events);
        made.secret = QStringLiteral("whsec_dGVzdA==");
        return made;
    }

    // What the delivery worker does each tick: every endpoint behind the
    // journal takes what it wants. Answers how many events were taken.
    int refillAll(qint64 nowMs, bool bound)
    {
        const Result<QList<qint64>> behind = hooks.behind(bound);
        EXPECT_TRUE(behind);
        int taken = 0;
        for (qint64 id : behind ? *behind : QList<qint64>{}) {
            const Result<int> one = hooks.refill(id, nowMs, bound);
            EXPECT_TRUE(one);
            taken += one ? *one : 0;
        }
        return taken;
    }

    qint64 count(const QString &sql)
    {
        QSqlQuery q(store.sqlConnection());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    QTemporaryDir dir;
    SqliteLinkStore store{QDir(dir.path()).filePath(QStringLiteral("hooks.db"))};
    WebhookStore hooks{store};
    qint64 linkId = 0;
};

TEST_F(WebhookStoreTest, EachEventReachesEachEndpointThatWantsItOnce)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://a.example/"))));
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://b.example/"), {LinkEventType::UsedUp})));
    journal(3);
    EXPECT_EQ(refillAll(5'000, false), 3);
    EXPECT_EQ(refillAll(5'000, false), 0) << "the position moved with the rows";
    EXPECT_TRUE(hooks.behind(true)->isEmpty()) << "both read to the journal's end (b wanted nothing)";
    const Result<QList<WebhookEndpoint>> listed = hooks.list(std::nullopt);
    ASSERT_TRUE(listed);
    for (const WebhookEndpoint &hook : *listed)
        EXPECT_EQ(hook.pending, hook.url.startsWith(QLatin1String("https://a.")) ? 3 : 0) << hook.url.toStdString();

    // Leased rows are not leased again until the lease runs out.
    const Result<QList<WebhookStore::Due>> first = hooks.lease(5'000, 30'000, 10);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->size(), 3);
    EXPECT_EQ(first->at(0).event.slug, QStringLiteral("cohort"));
    EXPECT_TRUE(hooks.lease(6'000, 30'000, 10)->isEmpty());
    EXPECT_EQ(hooks.lease(36'000, 30'000, 10)->size(), 3) << "a dead worker's lease runs out";
}

// A one-time link's claim is one journal row: its click and its end.
TEST_F(WebhookStoreTest, AUsedUpClaimsRowIsTwoEventsEachWithItsOwnId)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://both.example/"), {LinkEventType::Clicked, LinkEventType::UsedUp})));
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://end.example/"), {LinkEventType::UsedUp})));
    const qint64 before = *store.lastEventId(); // the link's link.created
    ASSERT_TRUE(store.beginBatch().ok());
    LinkEvent last;
    last.type = LinkEventType::UsedUp;
    last.atMs = 2'000;
    last.linkId = linkId;
    last.clicks = 100'000;
    last.maxClicks = 100'000;
    ASSERT_TRUE(store.journal(last).ok());
    ASSERT_TRUE(store.commitBatch().ok());
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM events WHERE type <= 4")), 1);

    const Result<QList<LinkEvent>> events = store.eventsAfter(before, 10);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 2);
    EXPECT_EQ(events->at(0).type, LinkEventType::Clicked);
    EXPECT_EQ(events->at(1).type, LinkEventType::UsedUp);
    EXPECT_LT(events->at(0).id, events->at(1).id);
    EXPECT_EQ(journalRowOf(events->at(0).id), journalRowOf(events->at(1).id));
    EXPECT_EQ(*store.lastEventId(), events->at(1).id);
    const Result<QList<LinkEvent>> second = store.eventsAfter(events->at(0).id, 10);
    ASSERT_TRUE(second);
    ASSERT_EQ(second->size(), 1) << "after the click, only the end is left";
    EXPECT_EQ(second->first().type, LinkEventType::UsedUp);

    EXPECT_EQ(refillAll(5'000, false), 3) << "two for the endpoint that wants both, one for the other";
    const Result<QList<WebhookStore::Due>> due = hooks.lease(5'000, 30'000, 10);
    ASSERT_TRUE(due);
    QSet<qint64> ids;
    for (const WebhookStore::Due &one : *due)
        ids.insert(one.event.id);
    EXPECT_EQ(ids.size(), 2) << "the end's delivery to both endpoints has one id";
}

// A black-holed endpoint: its window fills, then the journal holds what
// waits, and nothing is written per event until the second's count.
TEST_F(WebhookStoreTest, AFullWindowLeavesTheRestInTheJournalUntilItIsCounted)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://a.example/"))));
    journal(int(kWebhookOutboxWindow) + 40);
    EXPECT_EQ(refillAll(5'000, false), kWebhookOutboxWindow);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox")), kWebhookOutboxWindow);
    EXPECT_TRUE(hooks.behind(false)->isEmpty()) << "a full window needs no refill";
    ASSERT_EQ(hooks.behind(true)->size(), 1) << "but it is behind the journal";
    const qint64 changesBefore = count(QStringLiteral("SELECT total_changes()"));
    EXPECT_EQ(refillAll(5'000, false), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT total_changes()")), changesBefore) << "no write while the window is full";

    EXPECT_EQ(refillAll(5'000, true), 0) << "counted: 40 wait, under the bound";
    EXPECT_EQ(hooks.list(std::nullopt)->first().pending, kWebhookOutboxWindow + 40);
    const Result<WebhookStore::Backlog> backlog = hooks.backlog();
    ASSERT_TRUE(backlog);
    EXPECT_EQ(backlog->pending, kWebhookOutboxWindow + 40);
    EXPECT_EQ(backlog->oldestCreatedAtMs, 1'000) << "the oldest event's own time";

    // Delivered: room again, and the next events in order.
    const Result<QList<WebhookStore::Due>> due = hooks.lease(5'000, 30'000, 10);
    ASSERT_TRUE(due);
    QList<WebhookStore::Finished> finished;
    for (const WebhookStore::Due &one : *due)
        finished.append(WebhookStore::Finished{one, WebhookStore::Attempt{200, QString(), 1}, 0});
    ASSERT_TRUE(hooks.record(finished, 5'000));
    EXPECT_EQ(refillAll(5'000, false), 10);
    EXPECT_EQ(hooks.list(std::nullopt)->first().pending, kWebhookOutboxWindow + 30);
}

TEST_F(WebhookStoreTest, PastTheBoundTheOldestWaitingAreDroppedAndCounted)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://a.example/"))));
    journal(int(kWebhookOutboxWindow));
    EXPECT_EQ(refillAll(5'000, false), kWebhookOutboxWindow); // the oldest are in the outbox
    journal(int(kWebhookOutboxBound) - int(kWebhookOutboxWindow) + 50);
    EXPECT_EQ(refillAll(5'000, true), 50) << "50 dropped from the outbox, 50 of the next taken in their place";
    const Result<QList<WebhookEndpoint>> listed = hooks.list(std::nullopt);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().pending, kWebhookOutboxBound);
    EXPECT_EQ(listed->first().dropped, 50);
    const Result<WebhookStore::Backlog> backlog = hooks.backlog();
    ASSERT_TRUE(backlog);
    EXPECT_EQ(backlog->dropped, 50);
    EXPECT_EQ(backlog->pending, kWebhookOutboxBound);
    // The oldest went: the first still waiting is event 51.
    const Result<QList<WebhookStore::Due>> due = hooks.lease(5'000, 30'000, 1);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1);
    EXPECT_EQ(due->first().event.clicks, 51);

    // Far past it: the journal's oldest go too, by the position.
    journal(500);
    EXPECT_EQ(refillAll(5'000, true), int(kWebhookOutboxWindow) - 1)
        << "all of the outbox but the row being sent dropped, and as many of the newest taken in their place";
    EXPECT_EQ(hooks.list(std::nullopt)->first().dropped, 550);
    EXPECT_EQ(hooks.list(std::nullopt)->first().pending, kWebhookOutboxBound);
}

// The journal keeps a week, and never what an endpoint has not read or still holds.
TEST_F(WebhookStoreTest, OldJournalEventsAreForgottenOnlyOnceNoEndpointNeedsThem)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://a.example/"))));
    journal(3); // at 1,000 .. 1,002 ms since the epoch: long ago
    constexpr qint64 now = 30LL * 24 * 60 * 60 * 1000;
    const auto purge = [this] {
        ASSERT_TRUE(store.beginBatch().ok());
        ASSERT_TRUE(store.purgeExpired(now).ok());
        ASSERT_TRUE(store.commitBatch().ok());
    };
    const QString events = QStringLiteral("SELECT COUNT(*) FROM events");
    purge();
    EXPECT_EQ(count(events), 3) << "not yet read by the endpoint: kept";
    ASSERT_EQ(refillAll(now, false), 3);
    purge();
    EXPECT_EQ(count(events), 3) << "in its outbox: kept";
    const Result<QList<WebhookStore::Due>> due = hooks.lease(now, 30'000, 10);
    ASSERT_TRUE(due);
    QList<WebhookStore::Finished> finished;
    for (const WebhookStore::Due &one : *due)
        finished.append(WebhookStore::Finished{one, WebhookStore::Attempt{204, QString(), 1}, 0});
    ASSERT_TRUE(hooks.record(finished, now));
    purge();
    EXPECT_EQ(count(events), 0);
}

} // namespace
