// The transport in front of the routes: oversize bodies and headers,
// chunked uploads and garbage are refused without hurting the server,
// which keeps answering everyone else.

#include "tests/http/httptest.h"

namespace shortfuse::test {
namespace {

constexpr qint64 kMiB = 1024 * 1024;

class HttpTransportLimits : public ServerTest {
protected:
    // Every test ends by proving the server still works.
    void TearDown() override
    {
        if (server().isRunning()) {
            const HttpResponse health = client().get("/health");
            EXPECT_EQ(health.status, 200) << "server no longer healthy: " << health.describe().toStdString();
        }
        ServerTest::TearDown();
    }

    static QByteArray createHeaders(qint64 contentLength)
    {
        return "POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    }
};

// A 70 KiB body (over the 64 KiB limit) is refused with 413 and nothing is stored.
TEST_F(HttpTransportLimits, BodyOver64KiBIsRefusedWith413)
{
    const QByteArray body = R"({"url":"https://example.com/","alias":")" + QByteArray(70 * 1024, 'a') + R"("})";
    expectJsonError(client().postJson("/api/create", body), 413);
    EXPECT_EQ(database().linkCount(), 0);
}

// A body of exactly 64 KiB is within the limit: it is parsed (and refused for its content, not its size).
TEST_F(HttpTransportLimits, BodyOfExactly64KiBIsRead)
{
    const QByteArray prefix = R"({"url":"https://example.com/","alias":")";
    const QByteArray suffix = R"("})";
    const QByteArray body = prefix + QByteArray(64 * 1024 - prefix.size() - suffix.size(), 'a') + suffix;
    ASSERT_EQ(body.size(), 64 * 1024);
    expectJsonError(client().postJson("/api/create", body), 400, QStringLiteral("invalid_alias"));
}

// A 300 MiB Content-Length is refused from the headers alone, at once, and the body
// bytes that follow are not buffered: the server's memory stays small.
TEST_F(HttpTransportLimits, HugeContentLengthIsRefusedWithoutReadingTheBody)
{
    const qint64 residentBefore = server().residentKiB();
    ASSERT_GT(residentBefore, 0);

    HttpConnection connection(server().port(), 5s);
    const QByteArray headers = createHeaders(300 * kMiB);
    ASSERT_EQ(connection.send(headers), headers.size()) << connection.error().toStdString();
    expectJsonError(connection.readResponse(), 413);

    // Keep sending body bytes the server has already refused.
    const QByteArray chunk(256 * 1024, 'x');
    qint64 sent = 0;
    while (sent < 48 * kMiB) {
        const qint64 n = connection.send(chunk);
        sent += n;
        if (n < chunk.size())
            break; // the server has closed the connection: fine, it owes us nothing more
    }
    const qint64 residentAfter = server().residentKiB();
    RecordProperty("body_bytes_sent", int(sent));
    RecordProperty("vmrss_kib_before", int(residentBefore));
    RecordProperty("vmrss_kib_after", int(residentAfter));
    EXPECT_EQ(database().linkCount(), 0);
    if (!memoryIsMeasured()) // under AddressSanitizer (see httptest.h)
        return;
    EXPECT_LT(residentAfter, 100 * 1024) << "VmRSS " << residentAfter << " KiB after " << sent << " body bytes";
    // Kernel socket buffers and Qt's read buffer account for a few MiB; buffering the body would add 48.
    EXPECT_LT(residentAfter - residentBefore, 24 * 1024)
        << "VmRSS grew from " << residentBefore << " to " << residentAfter << " KiB after " << sent << " body bytes";
}

// Chunked uploads are refused with 411 Length Required.
TEST_F(HttpTransportLimits, ChunkedBodyIsRefusedWith411)
{
    const QByteArray request =
        "POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        "1e\r\n{\"url\":\"https://example.com/\"}\r\n0\r\n\r\n";
    expectJsonError(client().sendRaw(request), 411);
    EXPECT_EQ(database().linkCount(), 0);
}

// Request headers over 16 KiB, in one header or in many (each within the
// limits of one field and of the field count), are refused with 431.
TEST_F(HttpTransportLimits, HeadersOver16KiBAreRefusedWith431)
{
    expectJsonError(client().get("/health", {{"X-Filler", QByteArray(17 * 1024, 'h')}}), 431);

    HeaderList many;
    for (int i = 0; i < 90; ++i)
        many.append({"X-Filler-" + QByteArray::number(i), QByteArray(200, 'h')});
    expectJsonError(client().get("/health", many), 431);
}

// Bytes that are not HTTP get a 400, never a hang; a TLS hello too.
TEST_F(HttpTransportLimits, GarbageIsRefusedWith400)
{
    static constexpr char kTlsHello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n";
    const HttpClient quick(server().port(), 5s);
    for (const QByteArray &garbage : {QByteArray(kTlsHello, sizeof kTlsHello - 1),
                                     QByteArray("GARBAGE\r\n\r\n"), QByteArray("GET\r\n\r\n")}) {
        const HttpResponse response = quick.sendRaw(garbage);
        EXPECT_EQ(response.status, 400) << "for " << garbage.toHex().toStdString() << ": " << response.describe().toStdString();
    }
}

// While a garbage connection is open, other clients are served normally.
TEST_F(HttpTransportLimits, GarbageConnectionDoesNotBlockOthers)
{
    HttpConnection garbage(server().port(), 5s);
    ASSERT_GT(garbage.send("\x01\x02\x03 not http at all\r\n\r\n"), 0);
    const HttpResponse health = client().get("/health");
    EXPECT_EQ(health.status, 200) << health.describe().toStdString();
    EXPECT_TRUE(garbage.waitForClose()) << "the garbage connection was left open: " << garbage.error().toStdString();
}

// A request that arrives in pieces (split inside a header, inside the blank line and inside
// the body) is framed correctly: it is served, and so is the next one on the connection.
TEST_F(HttpTransportLimits, RequestArrivingInPiecesIsServed)
{
    const QByteArray body = R"({"url":"https://example.com/split"})";
    const QByteArray request = createHeaders(body.size()) + body;
    const qsizetype headerEnd = request.indexOf("\r\n\r\n");
    const QList<qsizetype> cuts{20, headerEnd + 3, headerEnd + 10, request.size()};

    HttpConnection connection(server().port(), 10s);
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        ASSERT_EQ(connection.send(QByteArrayView(request).sliced(from, cut - from)), cut - from);
        from = cut;
        // Another client's round trip lets the server read this piece on its own.
        ASSERT_EQ(client().get("/health").status, 200);
    }
    EXPECT_EQ(connection.readResponse().status, 201);
    connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(connection.readResponse().status, 200);
    EXPECT_EQ(database().linkCount(), 1);
}

// A Content-Length that is not a number is refused with 400.
TEST_F(HttpTransportLimits, InvalidContentLengthIsRefused)
{
    QByteArray request = createHeaders(0);
    request.replace("Content-Length: 0", "Content-Length: twelve");
    const HttpResponse response = client().sendRaw(request + R"({"url":"x"})");
    EXPECT_EQ(response.status, 400) << response.describe().toStdString();
}

} // namespace
} // namespace shortfuse::test
