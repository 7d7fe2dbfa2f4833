// Several servers on one database: the cap stays exact whichever server a
// click reaches. Runs on SQLite (two processes on one file) and, in the
// PostgreSQL pass of this suite, on one PostgreSQL database; the outage test
// needs PostgreSQL.

#include "tests/http/httptest.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

#include <array>
#include <atomic>
#include <mutex>
#include <optional>

namespace shortfuse::test {
namespace {

// A server on a PostgreSQL cluster of its own, which the test may stop.
struct OwnCluster {
    PrivatePostgres cluster;
    std::optional<FreshDatabase> database;
    QTemporaryDir data;
    std::unique_ptr<ServerProcess> server;

    void start()
    {
        ASSERT_TRUE(cluster.isValid()) << cluster.error().toStdString();
        database.emplace(cluster.url());
        ASSERT_TRUE(database->isValid()) << database->error().toStdString();
        server = std::make_unique<ServerProcess>(
            data.path(), QStringList{QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"), database->url()});
        ASSERT_TRUE(server->start()) << server->startError().toStdString();
    }
};

// The server log of a PrivatePostgres cluster: pg-test-cluster records
// where it put it in the cluster folder's cluster.env.
QByteArray clusterLog(const PrivatePostgres &cluster)
{
    QFile env(cluster.clusterDir() + QStringLiteral("/cluster.env"));
    if (!env.open(QIODevice::ReadOnly))
        return {};
    const QRegularExpressionMatch where
        = QRegularExpression(QStringLiteral("^pg_log=(.*)$"), QRegularExpression::MultilineOption)
              .match(QString::fromUtf8(env.readAll()));
    QFile log(where.captured(1).trimmed());
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

class MultiInstanceTest : public ServerTest {
protected:
    // The --db of a second server sharing the first one's database.
    QString sharedDatabase() const
    {
        return testingOnPostgres() ? databaseUrl()
                                   : QStringLiteral("sqlite://") + dataDir() + QStringLiteral("/shortfuse.db");
    }
};

// 240 simultaneous GETs, half to each server, on a max-clicks 1 and a
// max-clicks 10 link: exactly 1 and exactly 10 redirects, the rest 400.
TEST_F(MultiInstanceTest, TwoServersShareTheCapExactly)
{
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                           sharedDatabase()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();

    for (int cap : {1, 10}) {
        const QString slug = createLink(QStringLiteral("https://example.com/cohort-%1").arg(cap), cap);
        ASSERT_FALSE(slug.isEmpty());
        constexpr int kClients = 240;
        std::mutex mutex;
        StatusCounts statuses;
        runTogether(kClients, [&](int i) {
            const HttpClient target(i % 2 ? other.port() : server().port());
            const int status = target.get(pathOf(slug)).status;
            std::lock_guard lock(mutex);
            ++statuses[status];
        });
        EXPECT_EQ(statuses[302], cap) << "cap " << cap;
        EXPECT_EQ(statuses[400], kClients - cap) << "cap " << cap;
        EXPECT_EQ(database().clicksOf(slug), cap);
    }
    expectCleanExit(other, other.terminate());
}

// A capped link is claimed in the database, never from a server's cache:
// after one server used up the last click, the other (which has read the
// link before) does not redirect it again.
TEST_F(MultiInstanceTest, ALastClickUsedOnOneServerIsGoneOnTheOther)
{
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                           sharedDatabase()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    const HttpClient elsewhere(other.port());

    const QString slug = createLink(QStringLiteral("https://example.com/twice"), 2);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(elsewhere.get(pathOf(slug)).status, 302);
    EXPECT_EQ(client().get(pathOf(slug)).status, 302);
    EXPECT_EQ(elsewhere.get(pathOf(slug)).status, 400);
    EXPECT_EQ(client().get(pathOf(slug)).status, 400);
    EXPECT_EQ(database().clicksOf(slug), 2);
    expectCleanExit(other, other.terminate());
}

// Two processes on one SQLite file: a link changed or revoked through one
// is answered the new way by the other at once, though the other had it
// cached: it notices the file changed (PRAGMA data_version) before
// answering from its cache, not on its next 100 ms poll. (On PostgreSQL the
// change notices carry it, asynchronously: see the remote-changes tests.)
TEST_F(MultiInstanceTest, AChangeInOneProcessIsAnsweredAtOnceByTheOther)
{
    if (testingOnPostgres())
        GTEST_SKIP() << "the shared SQLite file's case";
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                           sharedDatabase()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    const HttpClient elsewhere(other.port());
    const HeaderList json{{"Content-Type", "application/json"}};
    for (int run = 0; run < 20; ++run) {
        const QString slug = createLink(QStringLiteral("https://example.com/before-%1").arg(run), std::nullopt);
        ASSERT_FALSE(slug.isEmpty());
        const QByteArray path = "/api/links/" + slug.toUtf8();
        ASSERT_EQ(elsewhere.get(pathOf(slug)).header("Location"), QStringLiteral("https://example.com/before-%1").arg(run).toUtf8());
        ASSERT_EQ(elsewhere.get(pathOf(slug)).status, 302) << "now answered from its cache";

        const QByteArray after = QStringLiteral("https://example.com/after-%1").arg(run).toUtf8();
        const HttpResponse changed = client().send(HttpRequest{"PATCH", path, json, "{\"url\":\"" + after + "\"}"});
        ASSERT_EQ(changed.status, 200) << changed.describe().toStdString();
        EXPECT_EQ(elsewhere.get(pathOf(slug)).header("Location"), after) << "run " << run;

        ASSERT_EQ(client().send(HttpRequest{"DELETE", path, {}, {}}).status, 200);
        EXPECT_NE(elsewhere.get(pathOf(slug)).status, 302) << "run " << run << ": revoked means no redirect";
    }
    expectCleanExit(other, other.terminate());
}

// Three servers with --rate-limit 5 on one database: one client gets 5 new
// links in all, not 5 from each server.
TEST_F(MultiInstanceTest, CreationRateLimitHoldsAcrossServers)
{
    constexpr int kLimit = 5;
    const QStringList arguments{QStringLiteral("--rate-limit"), QString::number(kLimit), QStringLiteral("--db"),
                                sharedDatabase()};
    ASSERT_NO_FATAL_FAILURE(startServer(arguments));
    QTemporaryDir secondData, thirdData;
    ServerProcess second(secondData.path(), arguments), third(thirdData.path(), arguments);
    ASSERT_TRUE(second.start()) << second.startError().toStdString();
    ASSERT_TRUE(third.start()) << third.startError().toStdString();
    const std::array<quint16, 3> ports{server().port(), second.port(), third.port()};

    StatusCounts statuses;
    for (int i = 0; i < 3 * kLimit; ++i) {
        const HttpResponse created = HttpClient(ports[size_t(i % 3)]).postJson(
            "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/%1").arg(i)}});
        ++statuses[created.status];
        if (created.status == 429) {
            EXPECT_FALSE(created.header("Retry-After").isEmpty());
        }
    }
    EXPECT_EQ(statuses[201], kLimit);
    EXPECT_EQ(statuses[429], 2 * kLimit);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links")), kLimit);
    expectCleanExit(second, second.terminate());
    expectCleanExit(third, third.terminate());
}

// PostgreSQL stops under load and starts again: the server answers 503
// meanwhile, never crashes, and never redirects past the cap.
TEST_F(MultiInstanceTest, PostgresOutageUnderLoad)
{
    if (!testingOnPostgres())
        GTEST_SKIP() << "needs PostgreSQL (the suite's PostgreSQL pass runs it)";
    OwnCluster own;
    ASSERT_NO_FATAL_FAILURE(own.start());
    PrivatePostgres &cluster = own.cluster;
    const HttpClient client(own.server->port(), 20s);

    // A link the load cannot use up (so claims keep reaching the database
    // throughout) and a small one whose cap the outage must not break.
    auto make = [&](int cap) {
        const HttpResponse created = client.postJson(
            "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/x")},
                                       {QStringLiteral("max-clicks"), cap}});
        EXPECT_EQ(created.status, 201) << created.describe().toStdString();
        return created.json().value(QStringLiteral("slug")).toString();
    };
    constexpr int kSmallCap = 5;
    const QString large = make(1'000'000);
    const QString small = make(kSmallCap);
    ASSERT_FALSE(large.isEmpty() || small.isEmpty());

    std::atomic<bool> stop{false};
    std::atomic<int> largeRedirects{0}, smallRedirects{0}, unavailable{0}, answered{0};
    std::vector<std::thread> load;
    for (int t = 0; t < 4; ++t) {
        load.emplace_back([&, t] {
            // Bounded in time, not count: the load must outlast the outage.
            const auto end = std::chrono::steady_clock::now() + 90s;
            for (int i = 0; !stop && std::chrono::steady_clock::now() < end; ++i) {
                const bool toSmall = (i + t) % 8 == 0;
                const int status = client.get(pathOf(toSmall ? small : large)).status;
                (toSmall ? smallRedirects : largeRedirects) += status == 302;
                unavailable += status == 503;
                answered += status != 0;
            }
        });
    }
    ASSERT_TRUE(waitUntil([&] { return answered.load() >= 8; }, 20s));
    QString error;
    ASSERT_TRUE(cluster.pause(&error)) << error.toStdString();
    EXPECT_TRUE(waitUntil([&] { return unavailable.load() > 0; }, 30s)) << "requests during the outage get 503";
    EXPECT_TRUE(own.server->isRunning());
    ASSERT_TRUE(cluster.resume(&error)) << error.toStdString();
    const int redirectsBefore = largeRedirects.load();
    EXPECT_TRUE(waitUntil([&] { return largeRedirects.load() > redirectsBefore + 8; }, 30s)) << "the server recovers";
    stop = true;
    for (std::thread &thread : load)
        thread.join();

    EXPECT_TRUE(own.server->isRunning()) << "no crash";
    expectCleanExit(*own.server, own.server->terminate());
    LinkDatabase after(own.database->url());
    const qint64 largeClicks = after.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug = ?"), {large});
    const qint64 smallClicks = after.scalar(QStringLiteral("SELECT clicks FROM links WHERE slug = ?"), {small});
    // A commit whose acknowledgement the outage cut off counts a click the
    // client never got; the reverse (a redirect without its click) never.
    EXPECT_GE(largeClicks, largeRedirects.load()) << "every redirect sent is recorded";
    EXPECT_GE(smallClicks, smallRedirects.load());
    EXPECT_LE(smallClicks, kSmallCap) << "no redirect past the cap";
}

// Issue 11: two servers on one PostgreSQL database, several connections
// clicking two capped links through both. A batch used to lock the links'
// rows in arrival order, so the two writers could each hold a row the
// other waited for: "deadlock detected", a failed batch, 503s, stalls.
// Sorted by slug, every batch locks in the same order.
TEST_F(MultiInstanceTest, TwoServersClickingTwoCappedLinksDoNotDeadlock)
{
    if (!testingOnPostgres())
        GTEST_SKIP() << "needs PostgreSQL (the suite's PostgreSQL pass runs it)";
    OwnCluster own; // a cluster of its own, for a log only this test writes
    ASSERT_NO_FATAL_FAILURE(own.start());
    QTemporaryDir otherData;
    ServerProcess other(
        otherData.path(),
        {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"), own.database->url()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    const std::array<quint16, 2> ports{own.server->port(), other.port()};

    std::array<QString, 2> slugs;
    for (int i = 0; i < 2; ++i) {
        const HttpResponse created = HttpClient(ports[0]).postJson(
            "/api/create",
            QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/%1").arg(i)},
                        {QStringLiteral("max-clicks"), 1'000'000}});
        ASSERT_EQ(created.status, 201) << created.describe().toStdString();
        slugs[size_t(i)] = created.json().value(QStringLiteral("slug")).toString();
    }

    constexpr int kConnections = 8;
    std::mutex mutex;
    StatusCounts statuses;
    std::vector<std::thread> load;
    for (int t = 0; t < kConnections; ++t) {
        load.emplace_back([&, t] {
            const HttpClient client(ports[size_t(t % 2)], 20s);
            // Bounded in time: the clash needs claims of both links in
            // both writers' batches for a while.
            const auto end = std::chrono::steady_clock::now() + 5s;
            for (int i = 0; std::chrono::steady_clock::now() < end; ++i) {
                const int status = client.get(pathOf(slugs[size_t((i + t / 2) % 2)])).status;
                std::lock_guard lock(mutex);
                ++statuses[status];
            }
        });
    }
    for (std::thread &thread : load)
        thread.join();

    EXPECT_GT(statuses[302], 100) << "the load ran";
    EXPECT_EQ(statuses[503], 0) << "no batch failed";
    EXPECT_EQ(statuses[302] + statuses[503], [&] {
        int all = 0;
        for (const auto &[status, count] : statuses)
            all += count;
        return all;
    }()) << "nothing but redirects and refusals";
    EXPECT_FALSE(clusterLog(own.cluster).contains("deadlock detected")) << clusterLog(own.cluster).toStdString();
    LinkDatabase after(own.database->url());
    const qint64 clicks = after.scalar(QStringLiteral("SELECT SUM(clicks) FROM links"));
    EXPECT_EQ(clicks, statuses[302]) << "every redirect recorded, none twice";
    EXPECT_FALSE(clusterLog(own.cluster).isEmpty()) << "the log was found (else the check above proves nothing)";
    expectCleanExit(other, other.terminate());
    expectCleanExit(*own.server, own.server->terminate());
}

// Issue 11: when the database fails, the client gets one plain sentence
// and the reason code; the driver's message (which names the database's
// host and port) goes to the server's log only.
TEST_F(MultiInstanceTest, DatabaseErrorsDoNotReachClients)
{
    if (!testingOnPostgres())
        GTEST_SKIP() << "needs PostgreSQL (the suite's PostgreSQL pass runs it)";
    OwnCluster own;
    ASSERT_NO_FATAL_FAILURE(own.start());
    const HttpClient client(own.server->port(), 20s);
    const HttpResponse created
        = client.postJson("/api/create",
                          QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/x")},
                                      {QStringLiteral("max-clicks"), 5}});
    ASSERT_EQ(created.status, 201);
    const QString slug = created.json().value(QStringLiteral("slug")).toString();

    QString error;
    ASSERT_TRUE(own.cluster.pause(&error)) << error.toStdString();
    const QByteArray port = QByteArray::number(QUrl(own.cluster.url()).port());
    ASSERT_NE(port, "-1");
    // A claim (the writer fails) and an unknown slug (the reader fails,
    // then the writer's claim does), as a page and as the JSON API.
    const std::array<HttpResponse, 3> answers{client.get(pathOf(slug)),
                                              client.get(pathOf(QStringLiteral("nosuchslug"))),
                                              client.get(pathOf(slug), {{"Accept", "application/json"}})};
    for (const HttpResponse &answer : answers) {
        EXPECT_EQ(answer.status, 503) << answer.describe().toStdString();
        const QByteArray body = answer.body;
        EXPECT_TRUE(body.contains("unavailable")) << body.toStdString();
        EXPECT_FALSE(body.contains("127.0.0.1")) << body.toStdString();
        EXPECT_FALSE(body.contains(port)) << body.toStdString();
        EXPECT_FALSE(body.toLower().contains("connect")) << body.toStdString();
        EXPECT_FALSE(body.toLower().contains("postgres")) << body.toStdString();
    }
    ASSERT_TRUE(own.cluster.resume(&error)) << error.toStdString();
    EXPECT_TRUE(waitUntil([&] { return client.get(pathOf(slug)).status == 302; }, 30s)) << "the server recovers";
    expectCleanExit(*own.server, own.server->terminate());
    EXPECT_TRUE(own.server->stderrText().contains(QLatin1String("rolled back"))
                || own.server->stderrText().contains(QLatin1String("cannot begin")))
        << "the cause is in the server's log: " << own.server->stderrText().toStdString();
}

// SIGTERM while PostgreSQL is away: the server must still stop (not hang
// until a SIGKILL), say what it could not commit, and exit non-zero.
TEST_F(MultiInstanceTest, StopsWhenAskedWhilePostgresIsDown)
{
    if (!testingOnPostgres())
        GTEST_SKIP() << "needs PostgreSQL (the suite's PostgreSQL pass runs it)";
    OwnCluster own;
    ASSERT_NO_FATAL_FAILURE(own.start());
    PrivatePostgres &cluster = own.cluster;
    const HttpClient client(own.server->port(), 20s);
    const HttpResponse created =
        client.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/x")}});
    ASSERT_EQ(created.status, 201);
    const QString slug = created.json().value(QStringLiteral("slug")).toString();
    EXPECT_EQ(client.get(pathOf(slug)).status, 302);

    QString error;
    ASSERT_TRUE(cluster.pause(&error)) << error.toStdString();
    // An unlimited link is answered from memory: its click waits in the queue.
    EXPECT_EQ(client.get(pathOf(slug)).status, 302);
    const auto asked = std::chrono::steady_clock::now();
    const int exit = own.server->terminate(60s);
    const auto took = std::chrono::steady_clock::now() - asked;
    EXPECT_EQ(exit, 1) << ServerProcess::describeExit(exit);
    EXPECT_LT(took, 40s) << "a stop must not wait for the database forever";
    EXPECT_TRUE(own.server->stderrText().contains(QLatin1String("stopping without committing")))
        << own.server->stderrText().toStdString();
    EXPECT_TRUE(cluster.resume(&error)) << error.toStdString();
}

} // namespace
} // namespace shortfuse::test
