#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <utility>

namespace shortfuse::test {

using namespace std::chrono_literals;
using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One HTTP response as it came off the wire. status is 0 when no complete
// status line and header block arrived (refused, reset, timed out); `error`
// then says why, and `raw` holds whatever bytes did arrive.
struct HttpResponse {
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QByteArray raw;
    QString error;

    bool received() const { return status > 0; }
    // Value of the first header with this name (case-insensitive); empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    int headerCount(QByteArrayView name) const;
    // The body parsed as a JSON object; empty if it is not one.
    QJsonObject json() const;
    // For gtest messages: status, headers and the start of the body.
    QString describe() const;
};

struct HttpRequest {
    QByteArray method = "GET";
    QByteArray path = "/";
    HeaderList headers;
    QByteArray body;
    // Adds "Content-Length: <body size>" unless a header already names a length.
    bool autoContentLength = true;
    // Adds "Connection: close"; turn off to keep the connection for more requests.
    bool closeConnection = true;
};

// A blocking TCP connection to 127.0.0.1 on POSIX sockets. Every operation
// is bounded by the deadline given at construction, so a test can never hang
// on it. One object per thread; separate objects may be used concurrently.
class HttpConnection final {
public:
    // `source`: the local address to connect from, e.g. "127.0.0.2" (every
    // 127.x address is this machine), for tests of per-address limits.
    HttpConnection(quint16 port, std::chrono::milliseconds timeout, const char *source = nullptr);
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    const QString &error() const { return m_error; }

    // Sends all of `bytes`; returns how many were sent before an error or the deadline.
    qint64 send(QByteArrayView bytes);
    enum class Interim { Skip, Return };
    // Reads one response. A HEAD response has no body whatever its Content-Length says.
    // Without a Content-Length the body runs to the end of the stream. Interim (1xx)
    // responses are skipped unless asked for.
    HttpResponse readResponse(bool headRequest = false, Interim interim = Interim::Skip);
    // Everything until the peer closes the stream (or the deadline).
    QByteArray readUntilClosed();
    // True if the peer closed the connection (EOF or reset) before the deadline.
    bool waitForClose();
    // True if the peer ended the connection (reset, or end of stream) before
    // the deadline, seen without reading a byte of what it sent.
    bool waitForHangUpUnread();

private:
    // Receives more bytes into m_buffer. Returns false on EOF, error or deadline.
    bool receiveMore();
    bool waitFor(short events);

    int m_fd = -1;
    std::chrono::steady_clock::time_point m_deadline;
    QByteArray m_buffer;
    bool m_eof = false;
    QString m_error;
};

// Sends one request per connection (Connection: close) to a server on
// 127.0.0.1. Stateless and cheap to copy: use from any number of threads.
class HttpClient final {
public:
    explicit HttpClient(quint16 port, std::chrono::milliseconds timeout = 15s);

    quint16 port() const { return m_port; }

    // send() and sendRaw() also append each response they read to the file
    // named by SHORTFUSE_RESPONSE_LOG, when it is set and the file exists:
    // the test `openapi_responses` checks them against docs/openapi.yaml.
    HttpResponse send(const HttpRequest &request) const;
    HttpResponse get(const QByteArray &path, const HeaderList &headers = {}) const;
    HttpResponse head(const QByteArray &path) const;
    HttpResponse postJson(const QByteArray &path, const QByteArray &json, const HeaderList &extra = {}) const;
    HttpResponse postJson(const QByteArray &path, const QJsonObject &object, const HeaderList &extra = {}) const;
    HttpResponse postForm(const QByteArray &path, const QByteArray &urlEncoded) const;
    // Writes `bytes` exactly as given and reads back one response, if any comes.
    HttpResponse sendRaw(const QByteArray &bytes) const;

    // The request as bytes, with `Host: 127.0.0.1:<port>` (port 0: without
    // a port) unless the request names a Host of its own.
    static QByteArray serialize(const HttpRequest &request, quint16 port = 0);

private:
    HttpResponse exchange(const HttpRequest &request) const;

    quint16 m_port;
    std::chrono::milliseconds m_timeout;
};

} // namespace shortfuse::test
