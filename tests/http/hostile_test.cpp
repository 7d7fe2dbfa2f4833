// Hostile clients at scale: 10,000 connections at once, clients that
// never read, a pipelined flood, request smuggling, an oversized body behind
// "Expect: 100-continue" and a request line of 1 MiB. While each runs, a
// well-behaved client (the Bystander) keeps following a short link and must
// get every redirect within a second, and the server's resident memory must
// stay within 32 MiB of its warmed-up level.

#include "tests/http/httptest.h"

#include <QElapsedTimer>
#include <QFile>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/resource.h>

namespace shortfuse::test {
namespace {

constexpr qint64 kMaxGrowthKiB = 32 * 1024;
constexpr qint64 kMaxRedirectMs = 1000;
constexpr int kIdleSeconds = 2;

// Every status line in `stream`, in order.
QList<int> statusesIn(const QByteArray &stream)
{
    QList<int> statuses;
    for (qsizetype at = stream.indexOf("HTTP/1.1 "); at >= 0; at = stream.indexOf("HTTP/1.1 ", at + 1))
        statuses.append(stream.mid(at + 9, 3).toInt());
    return statuses;
}

// A well-behaved client beside the hostile ones: on its own thread it
// follows one short link every few milliseconds (a fresh connection each
// time, as a browser would) and samples the server's resident memory.
class Bystander final {
public:
    Bystander(quint16 port, QByteArray path, qint64 serverPid)
        : m_port(port)
        , m_path(std::move(path))
        , m_pid(serverPid)
        , m_thread([this] { run(); })
    {
    }
    ~Bystander() { stop(); }

    void stop()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    std::atomic<int> requests = 0;  // may be read while it runs
    // Read after stop().
    int slowest = 0;        // ms
    qint64 peakKiB = 0;
    QString firstFailure;   // the first answer that was not a 302 in time

private:
    void run()
    {
        const HttpClient client(m_port, 5s);
        for (;;) {
            QElapsedTimer timer;
            timer.start();
            const HttpResponse response = client.get(m_path);
            const int elapsed = int(timer.elapsed());
            ++requests;
            slowest = std::max(slowest, elapsed);
            peakKiB = std::max(peakKiB, residentKiBOf(m_pid));
            if (firstFailure.isEmpty() && (response.status != 302 || elapsed > kMaxRedirectMs)) {
                firstFailure = QStringLiteral("request %1 after %2 ms: %3").arg(requests.load()).arg(elapsed).arg(
                    response.describe());
            }
            // Pacing, so the bystander is one client among many rather than
            // a load of its own; stop() ends the wait at once.
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, 10ms, [this] { return m_stopping; }))
                return;
        }
    }

    const quint16 m_port;
    const QByteArray m_path;
    const qint64 m_pid;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

class HttpHostileClients : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return ServerTest::serverArguments()
            + QStringList{QStringLiteral("--idle-timeout"), QString::number(idleSeconds())};
    }
    virtual int idleSeconds() const { return kIdleSeconds; }

    void SetUp() override
    {
        ServerTest::SetUp();
        if (HasFatalFailure())
            return;
        m_slug = createLink(QStringLiteral("https://example.com/bystander"));
        ASSERT_FALSE(m_slug.isEmpty());
        // Warm-up: every kind of answer once, so lazily built state (caches,
        // the click writer's batch, Qt's buffers) is in the baseline.
        for (int i = 0; i < 100; ++i) {
            ASSERT_EQ(client().get(pathOf(m_slug)).status, 302);
            ASSERT_EQ(client().get("/static/app.js").status, 200);
        }
        ASSERT_EQ(client().get("/no-such-link").status, 404);
        ASSERT_EQ(client().sendRaw("garbage\r\n\r\n").status, 400);
        m_warmKiB = server().residentKiB();
        ASSERT_GT(m_warmKiB, 0);
        m_bystander = std::make_unique<Bystander>(server().port(), pathOf(m_slug), server().pid());
    }

    void TearDown() override
    {
        if (m_bystander)
            expectBystanderServedWell();
        ServerTest::TearDown();
    }

    // Stops the bystander and checks what it saw: every redirect answered
    // within a second, and the server's memory within 32 MiB of the warm-up.
    void expectBystanderServedWell()
    {
        // A few more redirects after the hostile part: service went on.
        const int before = m_bystander->requests;
        EXPECT_TRUE(waitUntil([&] { return m_bystander->requests >= before + 3; }, 5s))
            << "the well-behaved client got no answers after the hostile part";
        m_bystander->stop();
        const qint64 peak = std::max(m_bystander->peakKiB, server().residentKiB());
        RecordProperty("bystander_requests", m_bystander->requests.load());
        RecordProperty("bystander_slowest_ms", m_bystander->slowest);
        RecordProperty("vmrss_kib_warm", int(m_warmKiB));
        RecordProperty("vmrss_kib_peak", int(peak));
        EXPECT_GT(m_bystander->requests.load(), 0);
        EXPECT_TRUE(m_bystander->firstFailure.isEmpty())
            << "the well-behaved client was not served in time: " << m_bystander->firstFailure.toStdString();
        if (memoryIsMeasured()) { // not under AddressSanitizer (see httptest.h)
            EXPECT_LE(peak - m_warmKiB, kMaxGrowthKiB + m_allowanceKiB)
                << "VmRSS grew from " << m_warmKiB << " KiB (warmed up) to " << peak << " KiB";
        }
        m_bystander.reset();
    }

    // Sends `bytes` on a fresh connection and returns every status line the
    // server wrote before it closed the connection.
    QList<int> statusesUntilClosed(const QByteArray &bytes)
    {
        HttpConnection connection(server().port(), 10s);
        connection.send(bytes);
        return statusesIn(connection.readUntilClosed());
    }

    QString m_slug;
    qint64 m_warmKiB = 0;
    qint64 m_allowanceKiB = 0;  // memory a test's own legitimate state may add
    std::unique_ptr<Bystander> m_bystander;
};

// What one open, served connection costs the server: Qt keeps a read and a
// write buffer (16 KiB chunks, ~2 pages of them touched) and the socket's
// and parser's objects, ~12 KiB measured. Not reducible without Qt's
// private API; it is freed (and handed back, see GuardedTcpServer) on close.
constexpr qint64 kPerConnectionKiB = 16;

// Connections held open at once by the test process (the issue asks for
// 5,000; twice that shows a cost that grows with the square of the count):
// the server's own limit (it raises its descriptor limit to the hard limit,
// and allows up to 16,384) and the default 256 per address allow them when
// they come from 40 addresses.
constexpr int kSimultaneous = 10000;
constexpr int kSourceAddresses = 40;
constexpr size_t kWave = 500;

class HttpManyConnections : public HttpHostileClients {
protected:
    // Connections stay open for the whole test: no idle timeout within it.
    int idleSeconds() const override { return 60; }

    void SetUp() override
    {
        // The test holds 10,000 sockets; the server (its child) inherits the
        // raised limit and raises its own to the hard limit anyway.
        rlimit limit{};
        ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
        const rlim_t wanted = kSimultaneous + 256;
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < wanted)
            GTEST_SKIP() << "the hard limit on open files (" << limit.rlim_max << ") is below " << wanted;
        if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
            limit.rlim_cur = wanted;
            ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
        }
        HttpHostileClients::SetUp();
    }
};

// 10,000 connections open at the same time, each sending a request for the
// redirect (in waves of 500 while all are open): they are accepted within
// seconds (Qt's default listen backlog of 50 once made 5,000 take 50 s, most
// requests timing out), the bystander's redirects come within a second (a
// cost per accepted connection that grew with the number open once made it
// wait 2 s), every request is answered, all are counted as open, and
// closing them frees them all, memory included.
TEST_F(HttpManyConnections, TenThousandSimultaneousConnectionsAreServed)
{
    m_allowanceKiB = kSimultaneous * kPerConnectionKiB;
    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<HttpConnection>> connections;
    connections.reserve(kSimultaneous);
    QList<QByteArray> sources;
    for (int i = 1; i <= kSourceAddresses; ++i)
        sources.append("127.0.1." + QByteArray::number(i));
    for (int i = 0; i < kSimultaneous; ++i) {
        connections.push_back(std::make_unique<HttpConnection>(server().port(), 30s, sources[i % kSourceAddresses].constData()));
        ASSERT_TRUE(connections.back()->isOpen()) << "connection " << i << ": " << connections.back()->error().toStdString();
    }
    const qint64 connectedMs = timer.elapsed();
    // The requests go in waves: the test is about holding 10,000 connections,
    // not about 10,000 requests landing in the same millisecond (whichever
    // comes last of those waits for all the others, on any server).
    const QByteArray request = "GET " + pathOf(m_slug) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    int redirected = 0;
    for (size_t wave = 0; wave < connections.size(); wave += kWave) {
        const size_t end = std::min(connections.size(), wave + kWave);
        for (size_t i = wave; i < end; ++i)
            ASSERT_EQ(connections[i]->send(request), request.size()) << connections[i]->error().toStdString();
        for (size_t i = wave; i < end; ++i)
            redirected += connections[i]->readResponse().status == 302 ? 1 : 0;
    }
    EXPECT_EQ(redirected, kSimultaneous);
    const qint64 open = openConnections(client());
    EXPECT_TRUE(open == kSimultaneous || open == kSimultaneous + 1) << open << " open"; // + the bystander's
    RecordProperty("connect_ms", int(connectedMs));
    RecordProperty("all_answered_ms", int(timer.elapsed()));

    expectBystanderServedWell(); // while all 10,000 are still open

    connections.clear();
    EXPECT_TRUE(waitUntil([&] { return openConnections(client()) == 0; }, 10s))
        << openConnections(client()) << " connections still open after their clients closed them";
    if (memoryIsMeasured()) {
        EXPECT_TRUE(waitUntil([&] { return server().residentKiB() - m_warmKiB <= kMaxGrowthKiB; }, 5s))
            << "VmRSS stayed at " << server().residentKiB() << " KiB after the connections closed (warm: "
            << m_warmKiB << " KiB)";
    }
}

// Many clients pipeline requests and never read the answers: each holds a
// bounded amount of the server's memory (it stops reading them), and each is
// dropped once its answers have not moved for the idle timeout.
TEST_F(HttpHostileClients, ClientsThatNeverReadAreBoundedAndDropped)
{
    constexpr int kClients = 16;
    QByteArray requests;
    for (int i = 0; i < 2'000; ++i)
        requests += "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::vector<std::unique_ptr<HttpConnection>> clients;
    for (int i = 0; i < kClients; ++i) {
        const QByteArray source = "127.0.2." + QByteArray::number(1 + i % 4);
        clients.push_back(std::make_unique<HttpConnection>(server().port(), (kIdleSeconds + 10) * 1000ms, source.constData()));
        clients.back()->send(requests); // all of it fits in the buffers between the two
    }
    EXPECT_TRUE(waitUntil([&] { return openConnections(client()) == 0; }, (kIdleSeconds + 8) * 1000ms))
        << openConnections(client()) << " connections whose answers were never read are still open";
    // Dropped with a reset, so the kernel frees what was queued for them at
    // once: a plain close left each in FIN-WAIT-1 behind ~2.7 MiB of unsent
    // answers, held until the kernel gave up on the client, minutes later.
    for (auto &neverReads : clients)
        EXPECT_TRUE(neverReads->waitForHangUpUnread()) << "the client never saw its connection end";
}

// 10,000 requests pipelined on one connection, sent in windows of 1,000
// (each read back before the next, so neither side's buffers fill): every
// one is answered, in order, and the connection stays usable.
TEST_F(HttpHostileClients, PipelinedFloodOf10000IsAnsweredInOrder)
{
    constexpr int kRequests = 10'000;
    constexpr int kWindow = 1'000;
    const QByteArray redirect = "GET " + pathOf(m_slug) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const QByteArray robots = "GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    HttpConnection flood(server().port(), 30s, "127.0.3.1");
    int inOrder = 0;
    for (int start = 0; start < kRequests; start += kWindow) {
        QByteArray window;
        for (int i = start; i < start + kWindow; ++i)
            window += i % 2 == 0 ? redirect : robots;
        ASSERT_EQ(flood.send(window), window.size()) << flood.error().toStdString();
        for (int i = start; i < start + kWindow; ++i) {
            const HttpResponse response = flood.readResponse();
            ASSERT_EQ(response.status, i % 2 == 0 ? 302 : 200)
                << "answer " << i << ": " << response.describe().toStdString();
            ++inOrder;
        }
    }
    EXPECT_EQ(inOrder, kRequests);
}

// The smuggling patterns: a harmless GET whose framing is ambiguous, with a
// POST /api/create as its "body" to whoever believes one of its lengths.
// Each gets one 400 and the connection is closed: never a second answer,
// never a hidden request served.
TEST_F(HttpHostileClients, SmugglingAttemptsGetOne400AndNothingElse)
{
    const QByteArray body = R"({"url":"https://example.com/smuggled"})";
    const QByteArray hidden = "POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const QByteArray n = QByteArray::number(hidden.size());
    const QByteArray chunked = QByteArray::number(hidden.size(), 16) + "\r\n" + hidden + "\r\n0\r\n\r\n";
    const QList<std::pair<const char *, QByteArray>> attempts{
        {"Content-Length with Transfer-Encoding",
         "Content-Length: " + n + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked},
        {"Transfer-Encoding with Content-Length",
         "Transfer-Encoding: chunked\r\nContent-Length: " + n + "\r\n\r\n" + chunked},
        {"Content-Length with Transfer-Encoding: identity",
         "Content-Length: 0\r\nTransfer-Encoding: identity\r\n\r\n" + hidden},
        {"duplicate Content-Length, same value", "Content-Length: " + n + "\r\nContent-Length: " + n + "\r\n\r\n" + hidden},
        {"duplicate Content-Length, differing values", "Content-Length: 0\r\nContent-Length: " + n + "\r\n\r\n" + hidden},
        {"duplicate Content-Length, one zero after", "Content-Length: " + n + "\r\nContent-Length: 0\r\n\r\n" + hidden},
        {"Content-Length as a list", "Content-Length: " + n + ", " + n + "\r\n\r\n" + hidden},
        {"Content-Length with a sign", "Content-Length: +" + n + "\r\n\r\n" + hidden},
        {"Content-Length in hex", "Content-Length: 0x" + QByteArray::number(hidden.size(), 16) + "\r\n\r\n" + hidden},
        {"folded Content-Length", "X-A: a\r\n Content-Length: " + n + "\r\n\r\n" + hidden},
        {"folded Transfer-Encoding", "Content-Length: 0\r\nX-A: a\r\n\tTransfer-Encoding: chunked\r\n\r\n" + chunked},
        {"space before the colon", "Content-Length : " + n + "\r\n\r\n" + hidden},
        {"bare CR inside a header line", "X-A: a\rContent-Length: " + n + "\r\n\r\n" + hidden},
    };
    for (const auto &[what, rest] : attempts) {
        const QList<int> statuses = statusesUntilClosed("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n" + rest);
        EXPECT_EQ(statuses, QList<int>{400}) << what;
    }
    EXPECT_EQ(database().linkCount(), 1) << "a smuggled create was served"; // the bystander's link
}

// An oversized body announced with "Expect: 100-continue" gets 413 at once
// and never a "100 Continue"; a client that sends the body anyway has it
// discarded: nothing in it is read as a request.
TEST_F(HttpHostileClients, ExpectContinueWithOversizedBodyGets413WithoutContinue)
{
    HttpConnection connection(server().port(), 10s);
    connection.send("POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Expect: 100-continue\r\nContent-Length: 100000000\r\n\r\n");
    const HttpResponse first = connection.readResponse(false, HttpConnection::Interim::Return);
    EXPECT_EQ(first.status, 413) << first.describe().toStdString();
    EXPECT_EQ(first.header("Connection"), "close");
    // The body regardless, full of requests the server must not answer.
    QByteArray body;
    while (body.size() < 4 * 1024 * 1024)
        body += "GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    connection.send(body); // may stop early: the server owes this body nothing
    const QByteArray rest = connection.readUntilClosed();
    EXPECT_TRUE(rest.isEmpty()) << "more came after the 413: " << rest.left(300).toStdString();
    EXPECT_EQ(database().linkCount(), 1); // the bystander's link
}

// A request line of 1 MiB is refused as oversized headers (431) as soon as
// 16 KiB of it have arrived, and the connection is closed; several at once
// leave the server's memory where it was.
TEST_F(HttpHostileClients, RequestLineOfOneMebibyteIsRefused)
{
    const QByteArray request =
        "GET /" + QByteArray(1024 * 1024, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < 8; ++i) {
        HttpConnection connection(server().port(), 10s);
        connection.send(request); // may stop early: the server refuses before the end
        const HttpResponse response = connection.readResponse();
        expectJsonError(response, 431, QStringLiteral("headers_too_large"));
        EXPECT_EQ(response.header("Connection"), "close");
        EXPECT_TRUE(connection.waitForClose()) << "still open after the refusal: " << connection.error().toStdString();
    }
}

} // namespace
} // namespace shortfuse::test
