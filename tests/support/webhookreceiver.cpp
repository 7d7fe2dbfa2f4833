#include "tests/support/webhookreceiver.h"

#include <QByteArrayList>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace shortfuse::test {

QByteArray WebhookReceiver::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

WebhookReceiver::WebhookReceiver()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::listen(m_listener, 128);
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

WebhookReceiver::~WebhookReceiver()
{
    m_stopping.store(true);
    ::shutdown(m_listener, SHUT_RDWR);
    m_thread.join();
    ::close(m_listener);
    for (int socket : m_held)
        ::close(socket);
}

QByteArray WebhookReceiver::url(const QByteArray &path) const
{
    return "http://127.0.0.1:" + QByteArray::number(m_port) + path;
}

QList<WebhookReceiver::Request> WebhookReceiver::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

int WebhookReceiver::count() const
{
    std::lock_guard lock(m_mutex);
    return int(m_requests.size());
}

void WebhookReceiver::serve()
{
    while (!m_stopping.load()) {
        pollfd wait{m_listener, POLLIN, 0};
        if (::poll(&wait, 1, 50) <= 0)
            continue;
        const int socket = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (socket < 0)
            continue;
        handle(socket);
    }
}

void WebhookReceiver::handle(int socket)
{
    // One request per connection (the server sends Connection: close).
    QByteArray data;
    qsizetype headerEnd = -1;
    qsizetype length = 0;
    char buffer[16384];
    for (;;) {
        pollfd wait{socket, POLLIN, 0};
        if (::poll(&wait, 1, 2000) <= 0)
            break;
        const ssize_t got = ::recv(socket, buffer, sizeof buffer, 0);
        if (got <= 0)
            break;
        data.append(buffer, got);
        if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : data.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headerEnd >= 0 && data.size() >= headerEnd + 4 + length)
            break;
    }
    Request request;
    const QByteArrayList lines = data.left(std::max<qsizetype>(headerEnd, 0)).split('\n');
    if (!lines.isEmpty()) {
        const QByteArrayList first = lines.first().trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
    }
    request.body = headerEnd >= 0 ? data.mid(headerEnd + 4, length) : QByteArray();
    const int status = m_status.load();
    request.answeredWith = status;
    {
        std::lock_guard lock(m_mutex);
        m_requests.append(request);
    }
    if (status == 0) {
        m_held.push_back(socket); // a black hole: read, never answered, never closed
        return;
    }
    const QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)::send(socket, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL);
    ::close(socket);
}

} // namespace shortfuse::test
