// A COMMIT that succeeds but whose reply never arrives (the connection to
// PostgreSQL drops after the server committed): the writer sees a failed
// batch and writes its click records again. They must not be counted twice.
// The writer moves a mark of its own in each batch of records
// (writer_progress) and learns from it, in the next batch, whether the
// failed one is in.

#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/storage/clickwriter.h"

#include <QObject>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace shortfuse;

namespace {

// A TCP proxy between a store and PostgreSQL that, once armed, forwards
// the next COMMIT, waits for PostgreSQL's whole answer to it (so the
// commit is done) and then closes both connections instead of passing the
// answer on: exactly a reply lost on the way back. It reads the protocol's
// framing only (a type byte and a length per message; untyped messages
// until the startup message) and otherwise relays bytes untouched.
class CommitReplyDropper {
public:
    explicit CommitReplyDropper(int upstreamPort) : m_upstreamPort(upstreamPort)
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = loopback(0);
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(m_listener, 16) != 0)
            return;
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_threads.emplace_back([this] { acceptLoop(); });
    }
    ~CommitReplyDropper()
    {
        m_stop = true;
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            threads.swap(m_threads);
        }
        for (std::thread &thread : threads)
            thread.join();
        if (m_listener >= 0)
            ::close(m_listener);
    }

    int port() const { return m_port; }
    void dropNextCommitReply() { ++m_armed; }
    int dropped() const { return m_dropped; }

private:
    static sockaddr_in loopback(int port)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }
    static quint32 bigEndian32(const QByteArray &bytes, int at)
    {
        const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + at);
        return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
    }
    static bool sendAll(int fd, const QByteArray &bytes)
    {
        for (qsizetype sent = 0; sent < bytes.size();) {
            const ssize_t n = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    void acceptLoop()
    {
        while (!m_stop) {
            pollfd ready{m_listener, POLLIN, 0};
            if (::poll(&ready, 1, 50) <= 0)
                continue;
            const int client = ::accept(m_listener, nullptr, nullptr);
            if (client < 0)
                continue;
            std::lock_guard lock(m_mutex);
            m_threads.emplace_back([this, client] { relay(client); });
        }
    }

    void relay(int client)
    {
        const int server = ::socket(AF_INET, SOCK_STREAM, 0);
        const sockaddr_in address = loopback(m_upstreamPort);
        if (::connect(server, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
            pump(client, server);
        ::close(server);
        ::close(client);
    }

    void pump(int client, int server)
    {
        QByteArray fromClient;
        bool startup = true;
        char buffer[65536];
        while (!m_stop) {
            pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (::poll(fds, 2, 50) <= 0)
                continue;
            if (fds[1].revents) {
                const ssize_t n = ::recv(server, buffer, sizeof buffer, 0);
                if (n <= 0 || !sendAll(client, QByteArray(buffer, n)))
                    return;
            }
            if (!fds[0].revents)
                continue;
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            fromClient.append(buffer, n);
            for (;;) {
                // Before the startup message: length, code (SSL or GSS
                // encryption requests come first); then type byte, length.
                const int header = startup ? 8 : 5;
                if (fromClient.size() < header)
                    break;
                const qsizetype total = startup ? qsizetype(bigEndian32(fromClient, 0))
                                                : 1 + qsizetype(bigEndian32(fromClient, 1));
                if (fromClient.size() < total)
                    break;
                const QByteArray message = fromClient.left(total);
                fromClient.remove(0, total);
                if (startup) {
                    constexpr quint32 kProtocol3 = 196608;
                    startup = bigEndian32(message, 4) != kProtocol3;
                } else if (message.at(0) == 'Q' && message.mid(5).trimmed().toUpper().startsWith("COMMIT")
                           && m_armed > 0) {
                    --m_armed;
                    if (sendAll(server, message))
                        awaitReadyForQuery(server); // committed: now lose the answer
                    ++m_dropped;
                    return;
                }
                if (!sendAll(server, message))
                    return;
            }
        }
    }

    // Reads PostgreSQL's messages until ReadyForQuery ('Z'), discarding them.
    static void awaitReadyForQuery(int server)
    {
        QByteArray answer;
        char buffer[4096];
        for (;;) {
            pollfd ready{server, POLLIN, 0};
            if (::poll(&ready, 1, 10'000) <= 0)
                return;
            const ssize_t n = ::recv(server, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            answer.append(buffer, n);
            while (answer.size() >= 5) {
                const qsizetype total = 1 + qsizetype(bigEndian32(answer, 1));
                if (answer.size() < total)
                    break;
                if (answer.at(0) == 'Z')
                    return;
                answer.remove(0, total);
            }
        }
    }

    int m_upstreamPort;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_armed{0};
    std::atomic<int> m_dropped{0};
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

// A store whose next commit happens and is then reported as failed, as the
// lost reply above looks to the writer: on either database.
class CommitThenFail final : public ForwardingStore {
public:
    using ForwardingStore::ForwardingStore;
    std::atomic<int> toFail{0};

    Status commitBatch() override
    {
        const Status committed = ForwardingStore::commitBatch();
        if (committed && toFail.load() > 0) {
            --toFail;
            return Error{503, "storage_error", QStringLiteral("injected: the commit's reply was lost")};
        }
        return committed;
    }
};

ClickFacts facts(int i)
{
    return ClickFacts{1'700'000'000'000 + i, QHostAddress(QStringLiteral("192.0.2.7")), "agent", {}};
}

// What the database holds for `slug`, read on a connection of its own:
// the link's count and its rows in the click log.
struct Counted {
    qint64 clicks = -1;
    qint64 rows = -1;
};
Counted countedIn(const StoreBackend &backend, const QString &slug)
{
    std::unique_ptr<LinkStore> store = backend.makeStore();
    if (!store->open())
        return {};
    const Result<std::optional<LinkStats>> stats = store->linkStats(slug, StatsQuery{});
    if (!stats || !stats->has_value())
        return {};
    return Counted{(*stats)->link.clicks, (*stats)->humans + (*stats)->bots};
}

// Records `n` redirects of `link` and waits until the writer has them all
// committed.
void recordAndFlush(ClickWriter &writer, const Link &link, int n)
{
    for (int i = 0; i < n; ++i)
        writer.record(link.id, VisitOutcome::Redirected, facts(i));
    bool flushed = false;
    writer.flush([&] { flushed = true; });
    EXPECT_TRUE(waitUntil([&] { return flushed; })) << "the records were never written";
}

Link createThrough(ClickWriter &writer, const QString &slug)
{
    NewLink link;
    link.slug = slug;
    link.url = QStringLiteral("https://example.com/once-counted");
    link.createdAtMs = 1'700'000'000'000;
    std::optional<Result<Link>> created;
    writer.create(
        link, [](const NewLink &, int) -> Result<QString> { return Error{409, "taken", QStringLiteral("taken")}; },
        [&](const Result<Link> &result) { created = result; });
    EXPECT_TRUE(waitUntil([&] { return created.has_value(); }));
    return created && created->ok() ? created->value() : Link{};
}

TEST(LostCommitReply, ClickRecordsAreCountedOnceWhenPostgresCommittedButTheReplyWasLost)
{
    const StoreBackend backend = postgresBackend();
    Result<PostgresAddress> address = PostgresAddress::fromUrl(backend.describe());
    ASSERT_TRUE(address.ok()) << "needs the postgres fixture";
    CommitReplyDropper proxy(address->port);
    ASSERT_NE(proxy.port(), 0);
    PostgresAddress throughProxy = *address;
    throughProxy.host = QStringLiteral("127.0.0.1");
    throughProxy.port = proxy.port();

    QObject context;
    ClickWriter writer(std::make_unique<PostgresLinkStore>(throughProxy), &context);
    ASSERT_TRUE(writer.start().ok());
    const Link link = createThrough(writer, QStringLiteral("lost-reply"));
    ASSERT_GT(link.id, 0);

    proxy.dropNextCommitReply();
    recordAndFlush(writer, link, 5);
    EXPECT_EQ(proxy.dropped(), 1) << "no reply was lost: the test proved nothing";
    const Counted counted = countedIn(backend, link.slug);
    EXPECT_EQ(counted.clicks, 5);
    EXPECT_EQ(counted.rows, 5);

    // And the writer goes on counting as before.
    recordAndFlush(writer, link, 3);
    EXPECT_EQ(countedIn(backend, link.slug).clicks, 8);
    writer.stop();
}

// Two lost replies in a row: the second batch rewrote nothing, and its own
// fate is learned from the third. Not a parametrised suite: naming its
// instances would open a PostgreSQL database at every start of this binary.
void expectRecordsOfACommittedBatchNotWrittenAgain(const StoreBackend &backend)
{
    auto store = std::make_unique<CommitThenFail>(backend.makeStore());
    CommitThenFail *flaky = store.get();
    QObject context;
    ClickWriter writer(std::move(store), &context);
    ASSERT_TRUE(writer.start().ok());
    const Link link = createThrough(writer, QStringLiteral("reported-lost"));
    ASSERT_GT(link.id, 0);

    flaky->toFail = 2;
    recordAndFlush(writer, link, 4);
    EXPECT_EQ(flaky->toFail.load(), 0);
    const Counted counted = countedIn(backend, link.slug);
    EXPECT_EQ(counted.clicks, 4);
    EXPECT_EQ(counted.rows, 4);
    writer.stop();
}

TEST(CommitReportedLost, RecordsOfABatchThatCommittedAreNotWrittenAgainOnSqlite)
{
    expectRecordsOfACommittedBatchNotWrittenAgain(sqliteBackend());
}

TEST(CommitReportedLost, RecordsOfABatchThatCommittedAreNotWrittenAgainOnPostgres)
{
    expectRecordsOfACommittedBatchNotWrittenAgain(postgresBackend());
}

} // namespace
