#include "tests/support/httpclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QUrl>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace shortfuse::test {

namespace {

using Clock = std::chrono::steady_clock;

QString systemError(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

bool sameNameIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Parses "HTTP/1.1 302 Found\r\nName: value\r\n..." (without the blank line).
bool parseHead(QByteArrayView head, HttpResponse &response)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    if (!statusLine.startsWith("HTTP/1."))
        return false;
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.value(1).toInt(&ok);
    if (!ok || status < 100 || status > 999)
        return false;
    response.status = status;
    response.headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

bool bodyless(int status, bool headRequest)
{
    return headRequest || status < 200 || status == 204 || status == 304;
}

// The response log the test `openapi_responses` checks against
// docs/openapi.yaml (tests/openapi): one JSON object per line for each
// distinct response, appended to the file SHORTFUSE_RESPONSE_LOG names.
// ctest sets it for the HTTP suite and its fixture setup creates the file;
// lines are only appended to a file that exists, so a suite run by hand
// with a stale variable never starts a log of its own.
struct ResponseLog {
    QMutex mutex;
    QSet<QByteArray> written; // identical answers (a test's 64 equal clicks) are checked once
};

ResponseLog &responseLog()
{
    static ResponseLog log;
    return log;
}

QString currentTestName()
{
    const ::testing::TestInfo *info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info ? QStringLiteral("%1.%2").arg(QLatin1String(info->test_suite_name()), QLatin1String(info->name()))
                : QString();
}

void recordResponse(const QByteArray &method, const QByteArray &target, bool raw, const HttpResponse &response)
{
    if (!response.received())
        return; // nothing arrived to check
    static const QString path = qEnvironmentVariable("SHORTFUSE_RESPONSE_LOG");
    if (path.isEmpty())
        return;
    QJsonObject headers;
    for (const auto &[name, value] : response.headers)
        headers.insert(QString::fromLatin1(name.toLower()), QString::fromLatin1(value));
    const qsizetype query = target.indexOf('?');
    QJsonObject line{
        {QStringLiteral("method"), QString::fromLatin1(method)},
        {QStringLiteral("path"), QUrl::fromPercentEncoding(query < 0 ? target : target.left(query))},
        {QStringLiteral("query"), QString::fromLatin1(query < 0 ? QByteArray() : target.mid(query + 1))},
        {QStringLiteral("status"), response.status},
        {QStringLiteral("headers"), headers},
    };
    if (raw)
        line.insert(QStringLiteral("raw"), true);
    // Text bodies only (JSON, HTML, CSV, the metrics): the checker reads
    // JSON ones and the few text answers the document spells out.
    constexpr qsizetype kMaxLoggedBody = 1024 * 1024;
    const QByteArray type = response.header("Content-Type").toLower();
    if (type.startsWith("application/json") || type.startsWith("text/")) {
        if (response.body.size() <= kMaxLoggedBody)
            line.insert(QStringLiteral("body"), QString::fromUtf8(response.body));
        else
            line.insert(QStringLiteral("body_omitted"), true);
    }
    const QByteArray key = QJsonDocument(line).toJson(QJsonDocument::Compact);
    line.insert(QStringLiteral("test"), currentTestName());
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';

    ResponseLog &log = responseLog();
    QMutexLocker locker(&log.mutex);
    if (log.written.contains(key))
        return;
    log.written.insert(key);
    // O_APPEND and one write per line: the suite's processes run in
    // parallel and share the file; no O_CREAT (see ResponseLog).
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return;
    const ssize_t written = ::write(fd, bytes.constData(), size_t(bytes.size()));
    Q_UNUSED(written);
    ::close(fd);
}

// "METHOD target HTTP/1.1" from the first line of raw request bytes; empty
// when they do not start with one (the checker then expects a refusal).
std::pair<QByteArray, QByteArray> requestLineOf(const QByteArray &bytes)
{
    qsizetype end = bytes.indexOf('\n');
    QByteArray line = end < 0 ? bytes : bytes.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || !parts.at(1).startsWith('/'))
        return {};
    return {parts.at(0), parts.at(1)};
}

} // namespace

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (sameNameIgnoringCase(key, name))
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(QByteArrayView name) const
{
    return headerCount(name) > 0;
}

int HttpResponse::headerCount(QByteArrayView name) const
{
    int count = 0;
    for (const auto &header : headers)
        count += sameNameIgnoringCase(header.first, name) ? 1 : 0;
    return count;
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResponse::describe() const
{
    QString text = QStringLiteral("status %1").arg(status);
    if (!error.isEmpty())
        text += QStringLiteral(" (error: %1)").arg(error);
    for (const auto &[name, value] : headers)
        text += QStringLiteral("\n  %1: %2").arg(QString::fromLatin1(name), QString::fromLatin1(value));
    text += QStringLiteral("\n  body: %1").arg(QString::fromUtf8(body.left(600)));
    if (!received() && !raw.isEmpty())
        text += QStringLiteral("\n  raw: %1").arg(QString::fromLatin1(raw.left(600)));
    return text;
}

HttpConnection::HttpConnection(quint16 port, std::chrono::milliseconds timeout, const char *source)
    : m_deadline(Clock::now() + timeout)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0) {
        m_error = systemError("socket");
        return;
    }
    if (source) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        if (::inet_pton(AF_INET, source, &local.sin_addr) != 1
            || ::bind(m_fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0) {
            m_error = systemError("bind");
            ::close(m_fd);
            m_fd = -1;
            return;
        }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        int failure = errno;
        if (failure == EINPROGRESS) {
            socklen_t length = sizeof failure;
            if (!waitFor(POLLOUT))
                failure = ETIMEDOUT;
            else if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &failure, &length) != 0)
                failure = errno;
        }
        if (failure != 0) {
            errno = failure;
            m_error = systemError("connect");
            ::close(m_fd);
            m_fd = -1;
        }
    }
}

HttpConnection::~HttpConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool HttpConnection::waitFor(short events)
{
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
        if (left.count() <= 0) {
            m_error = QStringLiteral("timed out");
            return false;
        }
        pollfd entry{m_fd, events, 0};
        const int ready = ::poll(&entry, 1, int(left.count()));
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR) {
            m_error = systemError("poll");
            return false;
        }
    }
}

qint64 HttpConnection::send(QByteArrayView bytes)
{
    qint64 sent = 0;
    while (m_fd >= 0 && sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitFor(POLLOUT))
                break;
        } else if (n < 0 && errno != EINTR) {
            m_error = systemError("send");
            break;
        }
    }
    return sent;
}

bool HttpConnection::receiveMore()
{
    if (m_fd < 0 || m_eof)
        return false;
    for (;;) {
        char chunk[64 * 1024];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            m_buffer.append(chunk, n);
            return true;
        }
        if (n == 0) {
            m_eof = true;
            return false;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!waitFor(POLLIN))
                return false;
        } else if (errno != EINTR) {
            m_error = systemError("recv");
            m_eof = true;
            return false;
        }
    }
}

HttpResponse HttpConnection::readResponse(bool headRequest, Interim interim)
{
    HttpResponse response;
    if (m_fd < 0) {
        response.error = m_error;
        return response;
    }
    for (;;) {
        qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        while (headEnd < 0) {
            if (!receiveMore()) {
                response.raw = m_buffer;
                response.error = m_error.isEmpty() ? QStringLiteral("connection closed before a response") : m_error;
                return response;
            }
            headEnd = m_buffer.indexOf("\r\n\r\n");
        }
        if (!parseHead(QByteArrayView(m_buffer).first(headEnd), response)) {
            response.raw = m_buffer;
            response.error = QStringLiteral("not an HTTP response");
            return response;
        }
        const QByteArray head = m_buffer.left(headEnd + 4);
        m_buffer.remove(0, headEnd + 4);
        response.raw = head;
        const bool isInterim = response.status >= 100 && response.status < 200;
        if (isInterim && interim == Interim::Return)
            return response;
        if (!isInterim)
            break; // otherwise the real answer follows the interim one
    }

    if (bodyless(response.status, headRequest))
        return response;
    const QByteArray lengthText = response.header("Content-Length");
    bool known = false;
    const qint64 length = lengthText.toLongLong(&known);
    if (known) {
        while (m_buffer.size() < length && receiveMore()) {
        }
        if (m_buffer.size() < length)
            response.error = QStringLiteral("body cut short: %1 of %2 bytes").arg(m_buffer.size()).arg(length);
        response.body = m_buffer.left(length);
        m_buffer.remove(0, response.body.size());
    } else {
        response.body = readUntilClosed();
    }
    response.raw += response.body;
    return response;
}

QByteArray HttpConnection::readUntilClosed()
{
    while (receiveMore()) {
    }
    return std::exchange(m_buffer, {});
}

bool HttpConnection::waitForClose()
{
    readUntilClosed();
    return m_eof;
}

bool HttpConnection::waitForHangUpUnread()
{
    // POLLHUP and POLLERR are reported whatever is asked for; POLLRDHUP is
    // the end of the peer's stream. POLLIN is not asked: unread data is fine.
    return m_fd >= 0 && waitFor(POLLRDHUP);
}

HttpClient::HttpClient(quint16 port, std::chrono::milliseconds timeout)
    : m_port(port)
    , m_timeout(timeout)
{
}

QByteArray HttpClient::serialize(const HttpRequest &request, quint16 port)
{
    QByteArray out = request.method + ' ' + request.path + " HTTP/1.1\r\n";
    const bool namesHost = std::any_of(request.headers.cbegin(), request.headers.cend(),
                                       [](const auto &header) { return sameNameIgnoringCase(header.first, "Host"); });
    if (!namesHost)
        out += port ? "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n" : QByteArray("Host: 127.0.0.1\r\n");
    if (request.closeConnection)
        out += "Connection: close\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : request.headers) {
        out += name + ": " + value + "\r\n";
        hasLength = hasLength || sameNameIgnoringCase(name, "Content-Length")
            || sameNameIgnoringCase(name, "Transfer-Encoding");
    }
    if (request.autoContentLength && !hasLength && (!request.body.isEmpty() || request.method == "POST"))
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n" + request.body;
    return out;
}

HttpResponse HttpClient::send(const HttpRequest &request) const
{
    HttpResponse response = exchange(request);
    recordResponse(request.method, request.path, false, response);
    return response;
}

HttpResponse HttpClient::exchange(const HttpRequest &request) const
{
    HttpConnection connection(m_port, m_timeout);
    const QByteArray bytes = serialize(request, m_port);
    if (connection.send(bytes) != bytes.size()) {
        // The server may answer (413, 431...) before it has read everything.
        HttpResponse early = connection.readResponse(request.method == "HEAD");
        if (!early.received() && early.error.isEmpty())
            early.error = connection.error();
        return early;
    }
    return connection.readResponse(request.method == "HEAD");
}

HttpResponse HttpClient::get(const QByteArray &path, const HeaderList &headers) const
{
    return send(HttpRequest{"GET", path, headers, {}});
}

HttpResponse HttpClient::head(const QByteArray &path) const
{
    return send(HttpRequest{"HEAD", path, {}, {}});
}

HttpResponse HttpClient::postJson(const QByteArray &path, const QByteArray &json, const HeaderList &extra) const
{
    HeaderList headers{{"Content-Type", "application/json"}};
    headers.append(extra);
    return send(HttpRequest{"POST", path, headers, json});
}

HttpResponse HttpClient::postJson(const QByteArray &path, const QJsonObject &object, const HeaderList &extra) const
{
    return postJson(path, QJsonDocument(object).toJson(QJsonDocument::Compact), extra);
}

HttpResponse HttpClient::postForm(const QByteArray &path, const QByteArray &urlEncoded) const
{
    return send(HttpRequest{"POST", path, {{"Content-Type", "application/x-www-form-urlencoded"}}, urlEncoded});
}

HttpResponse HttpClient::sendRaw(const QByteArray &bytes) const
{
    HttpConnection connection(m_port, m_timeout);
    connection.send(bytes);
    const auto [method, target] = requestLineOf(bytes);
    HttpResponse response = connection.readResponse();
    recordResponse(method, target, true, response);
    return response;
}

} // namespace shortfuse::test
