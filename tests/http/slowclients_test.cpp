// Clients that do not play along: one that pipelines requests and never
// reads the answers holds a bounded amount of the server's memory and is
// dropped once its output stops moving; one address cannot take every
// connection (trusted proxies, through which everyone comes, excepted).
// Meanwhile everyone else is served as usual.

#include "tests/http/httptest.h"
#include "tests/support/waituntil.h"

#include <QElapsedTimer>

namespace shortfuse::test {
namespace {

constexpr int kPerAddress = 8;
constexpr int kIdleSeconds = 2;

class HttpSlowClients : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--idle-timeout"),
                QString::number(kIdleSeconds), QStringLiteral("--max-connections-per-ip"), QString::number(kPerAddress)};
    }

    // A keep-alive connection from `source` that the server has answered once.
    std::unique_ptr<HttpConnection> servedConnection(const char *source)
    {
        auto connection = std::make_unique<HttpConnection>(server().port(), 10s, source);
        connection->send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const HttpResponse response = connection->readResponse();
        return response.status == 200 ? std::move(connection) : nullptr;
    }
};

// 10,000 pipelined requests for a 5 KB file on one connection whose client
// never reads: the server stops reading that connection once its answers
// pile up (resident memory stays within 32 MiB of its warmed-up level,
// where it once grew by ~90 MiB), drops it when its output has not moved for
// the idle timeout, and answers a well-behaved client within a second all along.
TEST_F(HttpSlowClients, PipelinedFloodThatIsNeverReadIsBoundedAndDropped)
{
    const QString slug = createLink(QStringLiteral("https://example.com/meanwhile"));
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 50; ++i)
        ASSERT_EQ(client().get("/static/app.js").status, 200);
    const qint64 warmKiB = server().residentKiB();
    ASSERT_GT(warmKiB, 0);

    HttpConnection flood(server().port(), 3s, "127.0.0.2");
    QByteArray requests;
    for (int i = 0; i < 10'000; ++i)
        requests += "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    flood.send(requests); // stops at the deadline once the server no longer reads it

    QElapsedTimer answered;
    answered.start();
    const HttpResponse redirect = client().get(pathOf(slug));
    EXPECT_EQ(redirect.status, 302) << redirect.describe().toStdString();
    EXPECT_LT(answered.elapsed(), 1000) << "a well-behaved client waited during the flood";

    const qint64 floodedKiB = server().residentKiB();
    RecordProperty("vmrss_kib_warm", int(warmKiB));
    RecordProperty("vmrss_kib_flooded", int(floodedKiB));
    if (memoryIsMeasured()) { // not under AddressSanitizer (see httptest.h)
        EXPECT_LT(floodedKiB - warmKiB, 32 * 1024) << "VmRSS grew from " << warmKiB << " to " << floodedKiB << " KiB";
    }

    EXPECT_TRUE(waitUntil([&] { return openConnections(client()) == 0; }, (kIdleSeconds + 5) * 1000ms))
        << "the connection whose answers were never read is still open";
    EXPECT_EQ(client().get(pathOf(slug)).status, 302);
}

// One address gets --max-connections-per-ip connections; one more is closed
// unanswered, while other addresses are served, and a closed connection
// frees its place.
TEST_F(HttpSlowClients, ConnectionsPerAddressAreLimited)
{
    std::vector<std::unique_ptr<HttpConnection>> open;
    for (int i = 0; i < kPerAddress; ++i) {
        open.push_back(servedConnection("127.0.0.3"));
        ASSERT_TRUE(open.back()) << "connection " << i + 1 << " of " << kPerAddress << " was not served";
    }
    EXPECT_FALSE(servedConnection("127.0.0.3")) << "one connection over the limit was served";
    EXPECT_TRUE(servedConnection("127.0.0.4")) << "another address was refused";

    open.pop_back();
    ASSERT_TRUE(waitUntil([&] { return openConnections(client()) == kPerAddress - 1; }));
    EXPECT_TRUE(servedConnection("127.0.0.3")) << "a freed place was not given again";
}

class HttpSlowClientsBehindProxy : public HttpSlowClients {
protected:
    QStringList serverArguments() const override
    {
        return HttpSlowClients::serverArguments() + QStringList{QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.5/32")};
    }
};

// Every client of a reverse proxy comes from the proxy's address: a trusted
// proxy is not held to the per-address limit.
TEST_F(HttpSlowClientsBehindProxy, TrustedProxyIsNotLimited)
{
    std::vector<std::unique_ptr<HttpConnection>> open;
    for (int i = 0; i < 2 * kPerAddress; ++i) {
        open.push_back(servedConnection("127.0.0.5"));
        ASSERT_TRUE(open.back()) << "connection " << i + 1 << " from the trusted proxy was not served";
    }
}

} // namespace
} // namespace shortfuse::test
