// The events journal (issue 13): every claim of a capped link (its last
// one's row holding the link's end too), a previewer held off and a late
// arrival is a row, written with the
// click that produced it; a redirect of an unlimited link is not (no
// endpoint asks for it). Ids follow commit order on every backend, so a
// reader that follows the journal by id never skips an event, even with
// two servers writing at once.

#include "tests/http/httptest.h"

#include "server/core/linkevent.h"

#include <QSqlQuery>

#include <atomic>
#include <set>
#include <thread>

namespace shortfuse::test {
namespace {

class JournalTest : public ServerTest {
protected:
    qint64 events(const QString &slug, LinkEventType type) const
    {
        return database().scalar(
            QStringLiteral("SELECT COUNT(*) FROM events WHERE type = ? AND link_id = (SELECT id FROM links WHERE slug = ?)"),
            {int(type), slug});
    }
    // The link's clicks as its n-th event of the click path (oldest first,
    // after its link.created) recorded them.
    qint64 clicksOfEvent(const QString &slug, int n) const
    {
        return database().scalar(QStringLiteral("SELECT clicks FROM events WHERE link_id = (SELECT id FROM links "
                                                "WHERE slug = ?) AND type <= 4 ORDER BY id LIMIT 1 OFFSET %1")
                                     .arg(n),
                                 {slug});
    }
};

TEST_F(JournalTest, EachClaimOfACappedLinkItsEndAndLateArrivalsAreEvents)
{
    const QString slug = createLink(QStringLiteral("https://example.com/twice"), 2);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(client().get(pathOf(slug)).status, 302);
    // Answered after the commit: the event is there when the redirect is.
    EXPECT_EQ(events(slug, LinkEventType::Clicked), 1);
    EXPECT_EQ(events(slug, LinkEventType::UsedUp), 0);
    EXPECT_EQ(client().get(pathOf(slug)).status, 302);
    // The last claim is one row holding both its click and the link's end
    // (read back as two events: WebhookStoreTest.AUsedUpClaimsRowIsTwoEvents...).
    EXPECT_EQ(events(slug, LinkEventType::Clicked), 1);
    EXPECT_EQ(events(slug, LinkEventType::UsedUp), 1);
    EXPECT_EQ(clicksOfEvent(slug, 0), 1);
    EXPECT_EQ(clicksOfEvent(slug, 1), 2);
    EXPECT_EQ(client().get(pathOf(slug)).status, 400);
    EXPECT_TRUE(waitUntil([&] { return events(slug, LinkEventType::ExpiredHit) == 1; }));

    const QString unlimited = createLink(QStringLiteral("https://example.com/open"));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(client().get(pathOf(unlimited)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return database().clicksOf(unlimited) == 3; }));
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE link_id = (SELECT id FROM links "
                                               "WHERE slug = ?) AND type <> 5"),
                                {unlimited}),
              0)
        << "no endpoint asks for unlimited clicks (its link.created is all)";

    const HttpResponse made = client().postJson(
        "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/guarded")},
                                   {QStringLiteral("max-clicks"), 1},
                                   {QStringLiteral("preview-protection"), QStringLiteral("auto")}});
    ASSERT_EQ(made.status, 201);
    const QString guarded = made.json().value(QStringLiteral("slug")).toString();
    const HttpResponse preview = client().get(pathOf(guarded), {{"User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"}});
    EXPECT_EQ(preview.status, 200) << preview.describe().toStdString();
    EXPECT_TRUE(waitUntil([&] { return events(guarded, LinkEventType::Previewed) == 1; }));
    EXPECT_EQ(events(guarded, LinkEventType::Clicked), 0) << "nothing was used up";
}

// Two servers claiming at once while a reader follows the journal by id,
// as every consumer does: whatever it read, it never finds an event later
// with an id below one it had already seen (on PostgreSQL ids are drawn
// before commit, so without the journal lock a slower commit would
// surface below the reader's position and be skipped).
TEST_F(JournalTest, AReaderFollowingByIdNeverSkipsAnEventWhileTwoServersWrite)
{
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(),
                        {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                         testingOnPostgres() ? databaseUrl()
                                             : QStringLiteral("sqlite://") + dataDir() + QStringLiteral("/shortfuse.db")});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    QStringList slugs;
    for (int i = 0; i < 8; ++i) {
        slugs.append(createLink(QStringLiteral("https://example.com/cohort-%1").arg(i), 1000));
        ASSERT_FALSE(slugs.back().isEmpty());
    }

    std::atomic<bool> done{false};
    std::set<qint64> seen;
    qint64 cursor = 0;
    bool skipped = false;
    std::thread follower([&] {
        LinkDatabase reader(databaseLocation());
        while (true) {
            const bool last = done.load();
            for (qint64 id : reader.ids(QStringLiteral("SELECT id FROM events WHERE id > %1 ORDER BY id").arg(cursor))) {
                seen.insert(id);
                cursor = id;
            }
            // Anything at or below the cursor that was not seen was skipped.
            const qint64 below = reader.scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE id <= %1").arg(cursor));
            if (below != qint64(seen.size()))
                skipped = true;
            if (last)
                break;
        }
    });
    runTogether(64, [&](int i) {
        const HttpClient target(i % 2 ? other.port() : server().port());
        for (int k = 0; k < 15; ++k)
            EXPECT_EQ(target.get(pathOf(slugs.at((i + k) % slugs.size()))).status, 302);
    });
    done.store(true);
    follower.join();
    EXPECT_FALSE(skipped) << "an event committed below the reader's position";
    EXPECT_EQ(qint64(seen.size()), database().scalar(QStringLiteral("SELECT COUNT(*) FROM events")));
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type <= 4")), 64 * 15)
        << "every click (the links' link.created rows besides)";
    expectCleanExit(other, other.terminate());
}

} // namespace
} // namespace shortfuse::test
