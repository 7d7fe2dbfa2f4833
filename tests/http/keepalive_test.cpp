// Connection handling as HTTP/1.1 defines it (RFC 9112 §9): persistent
// connections, pipelining, HTTP/1.0 clients and Expect: 100-continue.

#include "tests/http/httptest.h"

namespace shortfuse::test {
namespace {

class HttpKeepAlive : public ServerTest {
protected:
    static QByteArray request(const QByteArray &path, bool close)
    {
        HttpRequest get{"GET", path, {}, {}};
        get.closeConnection = close;
        return HttpClient::serialize(get);
    }
};

// Requests sent one after another on one persistent connection are each answered.
TEST_F(HttpKeepAlive, PersistentConnectionServesSeveralRequests)
{
    const QString slug = createLink(QStringLiteral("https://example.com/kept"), 1);
    ASSERT_FALSE(slug.isEmpty());
    HttpConnection connection(server().port(), 10s);

    connection.send(request(pathOf(slug), false));
    EXPECT_EQ(connection.readResponse().status, 302);
    connection.send(request("/health", false));
    EXPECT_EQ(connection.readResponse().status, 200);
    connection.send(request(pathOf(slug), true));
    EXPECT_EQ(connection.readResponse().status, 400);
    EXPECT_TRUE(connection.waitForClose()) << "Connection: close was not honoured";
}

// Pipelined requests are answered in the order they were sent (RFC 9112 §9.3.2), even
// when the first waits for the database (a capped link's claim) and the second does not.
TEST_F(HttpKeepAlive, PipelinedRequestsAreAnsweredInOrder)
{
    const QString slug = createLink(QStringLiteral("https://example.com/piped"), 5);
    ASSERT_FALSE(slug.isEmpty());
    HttpConnection connection(server().port(), 10s);
    const QByteArray pipelined = request(pathOf(slug), false) + request("/health", false) + request(pathOf(slug), true);
    connection.send(pipelined);

    const HttpResponse first = connection.readResponse();
    const HttpResponse second = connection.readResponse();
    const HttpResponse third = connection.readResponse();
    EXPECT_EQ(first.status, 302) << first.describe().toStdString();
    EXPECT_EQ(second.status, 200) << second.describe().toStdString();
    EXPECT_EQ(third.status, 302) << third.describe().toStdString();
    EXPECT_EQ(database().clicksOf(slug), 2);
}

// An HTTP/1.0 request without "Connection: keep-alive" is answered and the connection
// closed (RFC 9112 §9.3), so a client reading to the end of the stream does not hang.
TEST_F(HttpKeepAlive, Http10ConnectionIsClosedAfterTheAnswer)
{
    HttpConnection connection(server().port(), 5s);
    connection.send("GET /health HTTP/1.0\r\n\r\n");
    const HttpResponse response = connection.readResponse();
    EXPECT_EQ(response.status, 200) << response.describe().toStdString();
    EXPECT_TRUE(connection.waitForClose()) << "connection still open: " << connection.error().toStdString();
}

// Expect: 100-continue gets "100 Continue" before the body is sent, then the real answer.
TEST_F(HttpKeepAlive, ExpectContinueIsHonoured)
{
    const QByteArray body = R"({"url":"https://example.com/continued"})";
    HttpConnection connection(server().port(), 10s);
    const QByteArray headers = "POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
        QByteArray::number(body.size()) + "\r\n\r\n";
    connection.send(headers);
    const HttpResponse interim = connection.readResponse(false, HttpConnection::Interim::Return);
    EXPECT_EQ(interim.status, 100) << interim.describe().toStdString();
    connection.send(body);
    const HttpResponse created = connection.readResponse();
    EXPECT_EQ(created.status, 201) << created.describe().toStdString();
    EXPECT_EQ(database().linkCount(), 1);
}

// An oversize body announced with Expect: 100-continue is refused before it is sent.
TEST_F(HttpKeepAlive, ExpectContinueWithOversizeBodyIsRefusedAtOnce)
{
    HttpConnection connection(server().port(), 10s);
    connection.send("POST /api/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
    expectJsonError(connection.readResponse(false, HttpConnection::Interim::Return), 413);
}

} // namespace
} // namespace shortfuse::test
