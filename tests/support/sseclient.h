#pragma once

// A client of a Server-Sent Events stream (GET /api/events) on a raw
// socket, for the HTTP and deployment tests: sends the request, reads the
// head, then decodes the (chunked) body into events and comments as they
// come. Every read is bounded by a timeout, so a test never hangs on it.

#include "tests/support/httpclient.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>

namespace shortfuse::test {

struct SseEvent {
    QByteArray id;
    QByteArray name; // "" for a comment
    QByteArray data;
    QByteArray comment;
    QJsonObject json() const { return QJsonDocument::fromJson(data).object(); }
    qint64 idNumber() const { return id.toLongLong(); }
};

struct SseClientOptions {
    const char *source = nullptr; // local address to connect from
    int receiveBuffer = 0;        // SO_RCVBUF before connecting (0: the kernel's)
};

// A stream's client on a raw socket: sends the request, reads the head,
// then decodes the chunked body into events and comments as they come.
class SseClient final {
    using Clock = std::chrono::steady_clock;

public:
    using Options = SseClientOptions;
    explicit SseClient(quint16 port, Options options = {})
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (options.receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &options.receiveBuffer, sizeof options.receiveBuffer);
        if (options.source) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            ::inet_pton(AF_INET, options.source, &local.sin_addr);
            if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0)
                m_error = QStringLiteral("bind: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_error.isEmpty() && ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            m_error = QStringLiteral("connect: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    }
    ~SseClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SseClient(const SseClient &) = delete;
    SseClient &operator=(const SseClient &) = delete;

    const QString &error() const { return m_error; }
    bool send(const QByteArray &bytes)
    {
        qint64 sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }
    // GET /api/events with these headers; reads the head.
    bool open(const HeaderList &headers, const QByteArray &path = "/api/events", const QByteArray &trailing = {})
    {
        QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        for (const auto &[name, value] : headers)
            request += name + ": " + value + "\r\n";
        return send(request + "\r\n" + trailing) && readHead();
    }
    bool readHead(std::chrono::milliseconds timeout = 10s)
    {
        const auto deadline = Clock::now() + timeout;
        while (!m_raw.contains("\r\n\r\n")) {
            if (!receive(deadline))
                return false;
        }
        const qsizetype end = m_raw.indexOf("\r\n\r\n");
        head = m_raw.left(end + 2);
        m_raw.remove(0, end + 4);
        status = head.mid(9, 3).toInt();
        m_chunked = head.toLower().contains("transfer-encoding: chunked");
        return true;
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    // The next event or comment; nullopt when none comes in time (or the stream ended).
    std::optional<SseEvent> next(std::chrono::milliseconds timeout = 10s)
    {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            decodeChunks();
            const qsizetype end = m_body.indexOf("\n\n");
            if (end >= 0) {
                const QByteArray block = m_body.left(end);
                m_body.remove(0, end + 2);
                SseEvent event;
                for (const QByteArray &line : block.split('\n')) {
                    if (line.startsWith(':'))
                        event.comment = line.mid(1).trimmed();
                    else if (line.startsWith("id: "))
                        event.id = line.mid(4);
                    else if (line.startsWith("event: "))
                        event.name = line.mid(7);
                    else if (line.startsWith("data: "))
                        event.data = line.mid(6);
                }
                return event;
            }
            if (!receive(deadline))
                return std::nullopt;
        }
    }
    // The next event (comments skipped).
    std::optional<SseEvent> nextEvent(std::chrono::milliseconds timeout = 10s)
    {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            std::optional<SseEvent> event = next(std::max(left, 0ms));
            if (!event || !event->name.isEmpty())
                return event;
        }
    }
    // Events up to and including the first named `name`.
    QList<SseEvent> eventsUntil(const QByteArray &name, std::chrono::milliseconds timeout = 10s)
    {
        QList<SseEvent> events;
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            std::optional<SseEvent> event =
                nextEvent(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
            if (!event)
                break;
            events.append(*event);
            if (event->name == name)
                break;
        }
        return events;
    }
    // True once the server has closed (or reset) the connection.
    bool closedByServer(std::chrono::milliseconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        while (receive(deadline)) {
            m_raw.clear(); // the rest is not looked at
        }
        return m_closed;
    }
    QByteArray rawRest() const { return m_raw; }

    int status = 0;
    QByteArray head;

private:
    bool receive(Clock::time_point deadline)
    {
        if (m_closed)
            return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        pollfd poller{m_fd, POLLIN, 0};
        if (left <= 0 || ::poll(&poller, 1, int(left)) <= 0)
            return false;
        char buffer[65536];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            m_closed = true;
            return false;
        }
        m_raw.append(buffer, n);
        return true;
    }
    void decodeChunks()
    {
        if (!m_chunked) {
            m_body += m_raw;
            m_raw.clear();
            return;
        }
        for (;;) {
            const qsizetype line = m_raw.indexOf("\r\n");
            if (line < 0)
                return;
            bool ok = false;
            const qsizetype size = m_raw.left(line).toLongLong(&ok, 16);
            if (!ok || m_raw.size() < line + 2 + size + 2)
                return;
            m_body += m_raw.mid(line + 2, size);
            m_raw.remove(0, line + 2 + size + 2);
        }
    }

    int m_fd = -1;
    QString m_error;
    QByteArray m_raw;  // received, not yet de-chunked
    QByteArray m_body; // de-chunked, not yet split into events
    bool m_chunked = false;
    bool m_closed = false;
};

} // namespace shortfuse::test
