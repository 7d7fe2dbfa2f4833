#include "server/webhooks/webhooksender.h"

#include "server/webhooks/webhooktarget.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace shortfuse {

namespace {
constexpr QByteArrayView kUserAgent = "Shortfuse-Webhooks";

// Headers the sender writes itself: a caller's copy would contradict them
// (two Content-Lengths are how requests are smuggled).
bool isReservedHeader(const QByteArray &name)
{
    static const QByteArray reserved[] = {"host", "content-length", "transfer-encoding", "connection",
                                          "content-type", "user-agent"};
    const QByteArray lower = name.toLower();
    for (const QByteArray &r : reserved) {
        if (lower == r)
            return true;
    }
    return false;
}

// RFC 9110 token characters for a name; a value with no CR, LF, NUL or
// other control character (tab aside): nothing a header can smuggle a
// second header or a body in with.
bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                           || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!token)
            return false;
    }
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// An error text for the outcome: one line, bounded.
QString oneLine(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.left(300);
}
} // namespace

// One POST from start to outcome. Lives on its sender's thread, has no
// parent (so a `done` that deletes the sender does not delete the delivery
// under its own feet), and deletes itself once done has run.
class WebhookDelivery : public QObject {
public:
    WebhookDelivery(WebhookSender *sender, WebhookSender::Request request, WebhookSender::Done done)
        : m_sender(sender), m_request(std::move(request)), m_done(std::move(done))
    {
        m_elapsed.start();
        m_timer.setSingleShot(true);
        // A coarse timer may fire 5% early: a timeout is a promise to wait at least that long.
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this,
                         [this] { fail(QStringLiteral("timed out after %1 ms").arg(m_request.timeoutMs)); });
    }

    void start()
    {
        m_timer.start(std::max(1, m_request.timeoutMs));
        const QUrl &url = m_request.url;
        m_https = url.scheme() == QLatin1String("https");
        if (!url.isValid() || (!m_https && url.scheme() != QLatin1String("http")) || url.host().isEmpty())
            return fail(QStringLiteral("invalid webhook URL"));
        if (m_https && !QSslSocket::supportsSsl())
            return fail(QStringLiteral("TLS is not available on this machine"));
        for (const auto &header : allHeaders()) {
            if (!isSafeHeader(header.first, header.second) || isReservedHeader(header.first))
                return fail(QStringLiteral("invalid header %1").arg(QString::fromLatin1(header.first.left(64))));
        }
        m_host = url.host(QUrl::FullyEncoded);
        m_port = quint16(url.port(m_https ? 443 : 80));
        // An address literal needs no lookup; a name is resolved once, here.
        const QHostAddress literal(m_host);
        if (!literal.isNull())
            return resolved({literal});
        m_lookupId = QHostInfo::lookupHost(m_host, this, [this](const QHostInfo &info) {
            m_lookupId = -1;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
                return fail(QStringLiteral("could not resolve %1").arg(m_host));
            resolved(info.addresses());
        });
    }

    // Ends the delivery (once): stops everything, then runs done last, so
    // nothing of this object is touched after it.
    void finish(WebhookSender::Outcome outcome)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_timer.stop();
        if (m_lookupId >= 0)
            QHostInfo::abortHostLookup(m_lookupId);
        dropSocket();
        outcome.elapsedMs = m_elapsed.elapsed();
        if (m_sender)
            m_sender->forget(this);
        WebhookSender::Done done = std::move(m_done);
        deleteLater();
        if (done)
            done(outcome);
    }

    void detachFromSender() { m_sender = nullptr; }

private:
    void fail(const QString &error, int status = 0)
    {
        WebhookSender::Outcome outcome;
        outcome.status = status;
        outcome.error = oneLine(error);
        finish(outcome);
    }

    QList<QPair<QByteArray, QByteArray>> allHeaders() const
    {
        return m_request.payload.extraHeaders + m_request.headers;
    }

    void resolved(const QList<QHostAddress> &addresses)
    {
        // Every candidate is vetted, not just the one we try first: a name
        // with one public and one private address is refused outright.
        if (!m_request.allowPrivate) {
            for (const QHostAddress &address : addresses) {
                if (isPrivateAddress(address))
                    return fail(QStringLiteral("address not allowed: %1").arg(address.toString()));
            }
        }
        m_addresses = addresses;
        connectNext();
    }

    // Tries the vetted addresses in turn until one accepts the connection.
    void connectNext()
    {
        dropSocket();
        if (m_next >= m_addresses.size())
            return fail(m_lastError.isEmpty() ? QStringLiteral("could not connect") : m_lastError);
        const QHostAddress address = m_addresses.at(m_next++);
        QTcpSocket *socket = m_https ? new QSslSocket(this) : new QTcpSocket(this);
        m_socket = socket;
        m_connected = false;
        m_head.clear();
        socket->setProxy(QNetworkProxy::NoProxy);
        // Bounds what Qt buffers for us too, not only what we keep.
        socket->setReadBufferSize(WebhookSender::kMaxResponseHeaderBytes);
        QObject::connect(socket, &QAbstractSocket::connected, this, [this] { m_connected = true; });
        QObject::connect(socket, &QAbstractSocket::errorOccurred, this, [this] { socketFailed(); });
        QObject::connect(socket, &QIODevice::readyRead, this, [this] { readAnswer(); });
        QObject::connect(socket, &QAbstractSocket::disconnected, this,
                         [this] { fail(QStringLiteral("connection closed before an answer")); });
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            QObject::connect(ssl, &QSslSocket::encrypted, this, [this] { writeRequest(); });
            // The vetted address is connected to; the URL's host is what
            // the certificate must name (and the SNI sent).
            ssl->connectToHostEncrypted(address.toString(), m_port, m_host);
        } else {
            QObject::connect(socket, &QAbstractSocket::connected, this, [this] { writeRequest(); });
            socket->connectToHost(address, m_port);
        }
    }

    void socketFailed()
    {
        const QString error = m_socket->errorString();
        if (!m_connected) {
            // Not connected yet: the next address may answer.
            m_lastError = error;
            return connectNext();
        }
        fail(error);
    }

    void writeRequest()
    {
        const QUrl &url = m_request.url;
        QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        QByteArray host = m_host.toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';
        if (url.port() != -1 && url.port() != (m_https ? 443 : 80))
            host += ':' + QByteArray::number(url.port());
        const WebhookPayload &payload = m_request.payload;
        QByteArray request;
        request.reserve(512 + payload.body.size());
        request += "POST " + target + " HTTP/1.1\r\n";
        request += "Host: " + host + "\r\n";
        request += "User-Agent: " + kUserAgent.toByteArray() + "\r\n";
        if (!payload.contentType.isEmpty())
            request += "Content-Type: " + payload.contentType + "\r\n";
        request += "Content-Length: " + QByteArray::number(payload.body.size()) + "\r\n";
        request += "Connection: close\r\n";
        for (const auto &header : allHeaders())
            request += header.first + ": " + header.second + "\r\n";
        request += "\r\n";
        request += payload.body;
        m_socket->write(request);
    }

    // Reads no more than the status line and headers, and at most
    // kMaxResponseHeaderBytes of them: the body is never read.
    void readAnswer()
    {
        while (m_socket->bytesAvailable() > 0) {
            const qsizetype room = WebhookSender::kMaxResponseHeaderBytes + 1 - m_head.size();
            if (room <= 0)
                break;
            m_head += m_socket->read(room);
            for (;;) {
                const qsizetype end = m_head.indexOf("\r\n\r\n");
                if (end < 0)
                    break;
                const QByteArray head = m_head.left(end);
                m_head.remove(0, end + 4);
                const int status = statusOf(head);
                if (status < 0)
                    return fail(QStringLiteral("malformed answer"));
                if (status >= 100 && status < 200)
                    continue; // 100 Continue and other interim answers: the final one follows
                return answered(status);
            }
        }
        if (m_head.size() > WebhookSender::kMaxResponseHeaderBytes)
            fail(QStringLiteral("answer headers larger than %1 bytes").arg(WebhookSender::kMaxResponseHeaderBytes));
    }

    // "HTTP/1.1 204 No Content" -> 204; -1 when the line is not that shape.
    static int statusOf(const QByteArray &head)
    {
        const QByteArray line = head.left(head.indexOf("\r\n") < 0 ? head.size() : head.indexOf("\r\n"));
        if (!line.startsWith("HTTP/1.") || line.size() < 12 || line[8] != ' ')
            return -1;
        const QByteArray code = line.mid(9, 3);
        bool ok = false;
        const int status = code.toInt(&ok);
        if (!ok || status < 100 || status > 599 || (line.size() > 12 && line[12] != ' '))
            return -1;
        return status;
    }

    void answered(int status)
    {
        if (status >= 200 && status < 300) {
            WebhookSender::Outcome outcome;
            outcome.delivered = true;
            outcome.status = status;
            return finish(outcome);
        }
        if (status >= 300 && status < 400)
            return fail(QStringLiteral("redirect not followed (HTTP %1)").arg(status), status);
        fail(QStringLiteral("HTTP %1").arg(status), status);
    }

    void dropSocket()
    {
        if (!m_socket)
            return;
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }

    WebhookSender *m_sender;
    WebhookSender::Request m_request;
    WebhookSender::Done m_done;
    QElapsedTimer m_elapsed;
    QTimer m_timer;
    bool m_https = false;
    QString m_host;
    quint16 m_port = 0;
    int m_lookupId = -1;
    QList<QHostAddress> m_addresses;
    qsizetype m_next = 0;
    QString m_lastError;
    QTcpSocket *m_socket = nullptr;
    bool m_connected = false;
    QByteArray m_head;
    bool m_finished = false;
};

WebhookSender::WebhookSender(QObject *parent) : QObject(parent) {}

WebhookSender::~WebhookSender()
{
    const QList<WebhookDelivery *> deliveries = std::exchange(m_deliveries, {});
    for (WebhookDelivery *delivery : deliveries) {
        delivery->detachFromSender();
        WebhookSender::Outcome outcome;
        outcome.error = QStringLiteral("cancelled");
        delivery->finish(outcome);
        delete delivery; // now, not later: this thread's event loop may be ending
    }
}

void WebhookSender::send(Request request, Done done)
{
    auto *delivery = new WebhookDelivery(this, std::move(request), std::move(done));
    m_deliveries.append(delivery);
    // Started from the event loop, so done never runs inside send().
    QMetaObject::invokeMethod(delivery, [delivery] { delivery->start(); }, Qt::QueuedConnection);
}

int WebhookSender::inFlight() const
{
    return int(m_deliveries.size());
}

void WebhookSender::forget(WebhookDelivery *delivery)
{
    m_deliveries.removeOne(delivery);
}

} // namespace shortfuse
