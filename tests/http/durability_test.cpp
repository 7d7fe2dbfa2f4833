// What survives the process: a clean restart, SIGTERM under load, and
// kill -9 under load, checked against the database and a restarted server.

#include "tests/http/httptest.h"

#include <atomic>
#include <thread>
#include <vector>

namespace shortfuse::test {
namespace {

// Client threads that GET links until told to stop or until the server stops
// answering, counting the redirects they actually received per link.
class Hammer final {
public:
    Hammer(const HttpClient &http, QStringList slugs, int threads)
        : m_http(http)
        , m_slugs(std::move(slugs))
        , m_redirects(size_t(m_slugs.size()))
    {
        for (int t = 0; t < threads; ++t)
            m_threads.emplace_back([this, t] { run(t); });
    }
    ~Hammer() { stop(); }

    void stop()
    {
        m_stop = true;
        for (std::thread &thread : m_threads) {
            if (thread.joinable())
                thread.join();
        }
    }
    int totalRedirects() const { return m_total.load(); }
    int redirectsTo(qsizetype link) const { return m_redirects[size_t(link)].load(); }

private:
    void run(int thread)
    {
        // Each thread walks the links from its own offset, so every link sees contention.
        for (qsizetype i = thread; !m_stop; i += 7) {
            const qsizetype link = i % m_slugs.size();
            const HttpResponse response = m_http.get(pathOf(m_slugs.at(link)));
            if (!response.received())
                return; // the server is gone
            if (response.status == 302) {
                ++m_redirects[size_t(link)];
                ++m_total;
            }
        }
    }

    HttpClient m_http;
    QStringList m_slugs;
    std::vector<std::atomic<int>> m_redirects;
    std::atomic<int> m_total{0};
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

class HttpDurability : public ServerTest {
protected:
    // Opens connections that send nothing yet, all accepted by the server when this returns.
    // In batches, each followed by a round trip, so the listen queue never overflows (an
    // overflow costs a 1 s SYN retransmit). Each batch comes from a 127.0.1.x address of
    // its own, so the per-address connection limit (256) is never reached.
    std::vector<std::unique_ptr<HttpConnection>> openIdleConnections(int count, std::chrono::milliseconds timeout)
    {
        constexpr int kBatch = 32;
        std::vector<std::unique_ptr<HttpConnection>> connections;
        while (int(connections.size()) < count) {
            const QByteArray source = "127.0.1." + QByteArray::number(1 + connections.size() / kBatch);
            for (int i = 0; i < kBatch && int(connections.size()) < count; ++i) {
                connections.push_back(std::make_unique<HttpConnection>(server().port(), timeout, source.constData()));
                EXPECT_TRUE(connections.back()->isOpen()) << connections.back()->error().toStdString();
            }
            EXPECT_EQ(client().get("/health").status, 200);
        }
        return connections;
    }
};

// A SIGTERMed server exits 0, and a new one on the same directory continues every link's count.
TEST_F(HttpDurability, LinksAndCountsSurviveARestart)
{
    const QString threeClicks = createLink(QStringLiteral("https://example.com/three"), 3);
    const QString oneClick = createLink(QStringLiteral("https://example.com/one"), 1);
    const QString unlimited = createLink(QStringLiteral("https://example.com/unlimited"));
    const QString untouched = createLink(QStringLiteral("https://example.com/untouched"), 2, QStringLiteral("keep-me"));
    ASSERT_FALSE(threeClicks.isEmpty() || oneClick.isEmpty() || unlimited.isEmpty() || untouched.isEmpty());
    ASSERT_EQ(visit(threeClicks, 2), (StatusCounts{{302, 2}}));
    ASSERT_EQ(visit(oneClick, 1), (StatusCounts{{302, 1}}));
    ASSERT_EQ(visit(unlimited, 5), (StatusCounts{{302, 5}}));

    ASSERT_NO_FATAL_FAILURE(restartServer());

    EXPECT_EQ(visit(threeClicks, 3), (StatusCounts{{302, 1}, {400, 2}}));
    EXPECT_EQ(visit(oneClick, 1), (StatusCounts{{400, 1}}));
    EXPECT_EQ(visit(untouched, 3), (StatusCounts{{302, 2}, {400, 1}}));
    const HttpResponse again = client().get(pathOf(unlimited));
    EXPECT_EQ(again.status, 302);
    EXPECT_EQ(again.header("Location"), "https://example.com/unlimited");
    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.linkCount(), 4);
    EXPECT_EQ(db.clicksOf(unlimited), 6);
    EXPECT_EQ(db.clicksOf(threeClicks), 3);
}

// SIGTERM while clients hammer an unlimited link: exit code 0, and every redirect a client
// received is counted in links.clicks, which matches the click log row for row.
TEST_F(HttpDurability, SigtermUnderLoadRecordsEveryRedirectSent)
{
    const QString slug = createLink(QStringLiteral("https://example.com/busy"));
    ASSERT_FALSE(slug.isEmpty());

    Hammer hammer(client(), {slug}, 4);
    ASSERT_TRUE(waitUntil([&] { return hammer.totalRedirects() >= 300; }, 30s))
        << "only " << hammer.totalRedirects() << " redirects before the deadline";
    const int exitCode = server().terminate();
    hammer.stop();
    expectCleanExit(server(), exitCode);

    const LinkDatabase db = database();
    ASSERT_TRUE(db.isOpen()) << db.error().toStdString();
    const qint64 clicks = db.clicksOf(slug);
    EXPECT_GE(clicks, hammer.totalRedirects());
    EXPECT_EQ(db.clickRows(slug, kRedirected), clicks);
}

// SIGTERM with many idle connections open: the server still exits 0, promptly. (Each
// connection still open at exit is one more chance for the destructors to deadlock, e.g.
// when a disconnectNotify() override calls isSignalConnected(), which Qt forbids.)
TEST_F(HttpDurability, SigtermWithManyIdleConnectionsExits)
{
    const auto idle = openIdleConnections(1000, 30s);
    ASSERT_FALSE(HasFailure());
    expectCleanExit(server(), server().terminate(10s));
}

// SIGTERM while requests for a capped link arrive on open connections: the server may
// leave a request unanswered, but every click it claims must get its redirect before the
// process exits ("finish what is in flight"), or a one-time link burns out unseen.
TEST_F(HttpDurability, SigtermAnswersEveryClickItClaims)
{
    const QString slug = createLink(QStringLiteral("https://example.com/deploy-day"), 1'000'000);
    ASSERT_FALSE(slug.isEmpty());
    const auto connections = openIdleConnections(16, 10s);
    ASSERT_FALSE(HasFailure());

    server().sendSigterm();
    const QByteArray get = HttpClient::serialize(HttpRequest{"GET", pathOf(slug), {}, {}});
    for (const auto &connection : connections)
        connection->send(get);
    StatusCounts statuses;
    for (const auto &connection : connections)
        ++statuses[connection->readResponse().status];
    expectCleanExit(server(), server().waitForExit(10s));

    const LinkDatabase db = database();
    EXPECT_EQ(db.clicksOf(slug), statuses[302])
        << "clicks claimed without a redirect sent; answers: 302 x " << statuses[302] << ", none x " << statuses[0];
    EXPECT_EQ(db.clickRows(slug, kRedirected), db.clicksOf(slug));
}

// kill -9 in the middle of claims on 100 capped links: the database is intact, and for every
// link the redirects received <= clicks recorded <= max-clicks, with one log row per click.
// A restarted server then honours what was recorded.
TEST_F(HttpDurability, KillNineUnderLoadNeverLosesOrOverrunsAClaim)
{
    constexpr int kLinks = 100;
    constexpr int kMaxClicks = 3;
    QStringList slugs;
    for (int i = 0; i < kLinks; ++i)
        slugs.append(createLink(QStringLiteral("https://example.com/k/%1").arg(i), kMaxClicks));
    ASSERT_FALSE(slugs.contains(QString()));
    // Used up before the crash: must stay used up after it.
    ASSERT_EQ(visit(slugs.first(), kMaxClicks), (StatusCounts{{302, kMaxClicks}}));

    Hammer hammer(client(), slugs, 16);
    // Kill when about a third of all clicks are claimed, so claims are in flight.
    ASSERT_TRUE(waitUntil([&] { return hammer.totalRedirects() >= kLinks; }, 60s))
        << "only " << hammer.totalRedirects() << " redirects before the deadline";
    server().kill9();
    hammer.stop();
    RecordProperty("redirects_before_kill", hammer.totalRedirects());
    ASSERT_LT(hammer.totalRedirects(), kLinks * kMaxClicks) << "the kill came too late to be mid-load";

    {
        const LinkDatabase db = database();
        ASSERT_TRUE(db.isOpen()) << db.error().toStdString();
        EXPECT_EQ(db.integrityCheck(), QStringLiteral("ok"));
        EXPECT_EQ(db.linkCount(), kLinks);
        for (qsizetype i = 0; i < slugs.size(); ++i) {
            const qint64 clicks = db.clicksOf(slugs.at(i));
            const int received = hammer.redirectsTo(i) + (i == 0 ? kMaxClicks : 0);
            EXPECT_LE(received, clicks) << "link " << i << ": a redirect was sent but not recorded";
            EXPECT_LE(clicks, kMaxClicks) << "link " << i;
            EXPECT_EQ(db.clickRows(slugs.at(i), kRedirected), clicks) << "link " << i;
        }
    }

    ASSERT_NO_FATAL_FAILURE(restartServer());
    const HttpResponse exhausted = client().get(pathOf(slugs.first()));
    EXPECT_EQ(exhausted.status, 400) << exhausted.describe().toStdString();
    // Every link gives exactly the clicks it had left, no more.
    const LinkDatabase db = database();
    for (qsizetype i = 1; i < slugs.size(); i += 9) {
        const int left = kMaxClicks - int(db.clicksOf(slugs.at(i)));
        StatusCounts expected{{302, left}, {400, 1}};
        if (left == 0)
            expected.erase(302);
        EXPECT_EQ(visit(slugs.at(i), left + 1), expected) << "link " << i;
    }
}

} // namespace
} // namespace shortfuse::test
