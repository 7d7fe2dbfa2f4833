// WebhookStore on a real SQLite file: the journal's events go into the
// outbox of each endpoint that wants them, once; an outbox past its bound
// loses its oldest rows, counted; a lease keeps a row from a second
// worker until it runs out.

#include "tests/storage/storetestenv.h"

#include "server/storage/sqlitelinkstore.h"
#include "server/storage/webhookstore.h"

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
    ASSERT_EQ(*hooks.fanOut(5'000, 500), 3);
    ASSERT_EQ(*hooks.fanOut(5'000, 500), 0) << "the cursor moved with the rows";
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

TEST_F(WebhookStoreTest, AnOutboxPastItsBoundDropsItsOldestAndCountsThem)
{
    ASSERT_TRUE(hooks.insert(endpoint(QStringLiteral("https://a.example/"))));
    journal(int(kWebhookOutboxBound) + 50);
    while (*hooks.fanOut(5'000, 500) > 0) {
    }
    const Result<QList<WebhookEndpoint>> listed = hooks.list(std::nullopt);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().pending, kWebhookOutboxBound);
    EXPECT_EQ(listed->first().dropped, 50);
    const Result<WebhookStore::Backlog> backlog = hooks.backlog();
    ASSERT_TRUE(backlog);
    EXPECT_EQ(backlog->dropped, 50);
    // The oldest went: the first still waiting is event 51.
    const Result<QList<WebhookStore::Due>> due = hooks.lease(5'000, 30'000, 1);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1);
    EXPECT_EQ(due->first().event.clicks, 51);
}

// The journal keeps a week, and never what the webhook worker has not put out.
TEST_F(WebhookStoreTest, OldJournalEventsAreForgottenOnlyOnceTheyArePutOut)
{
    journal(3); // at 1,000 .. 1,002 ms since the epoch: long ago
    const qint64 now = 30LL * 24 * 60 * 60 * 1000;
    const auto events = [this] {
        QSqlQuery q(store.sqlConnection());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && q.next() ? q.value(0).toLongLong() : -1;
    };
    ASSERT_TRUE(store.beginBatch().ok());
    ASSERT_TRUE(store.purgeExpired(now).ok());
    ASSERT_TRUE(store.commitBatch().ok());
    EXPECT_EQ(events(), 3) << "not yet put out: kept";
    ASSERT_EQ(*hooks.fanOut(now, 500), 3);
    ASSERT_TRUE(store.beginBatch().ok());
    ASSERT_TRUE(store.purgeExpired(now).ok());
    ASSERT_TRUE(store.commitBatch().ok());
    EXPECT_EQ(events(), 0);
}

} // namespace
