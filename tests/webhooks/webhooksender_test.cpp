#include "tests/webhooks/printers.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooksender.h"
#include "server/webhooks/webhooksignature.h"
#include "tests/support/waituntil.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QFile>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <gtest/gtest.h>

#include <memory>
#include <optional>

using namespace shortfuse;

namespace {

// A real HTTP endpoint on 127.0.0.1 that records what it is sent and
// answers as the test asks, including as a hostile or absent receiver.
class Receiver : public QObject {
public:
    enum class Answer {
        Ok,           // 200
        ServerError,  // 500
        Redirect,     // 302 to another path of this receiver
        Never,        // reads the request, then says nothing
        HugeHeaders,  // a status line, then 1 MiB of header lines with no end
        InterimThen204, // 100 Continue, then 204
        Garbage,      // not HTTP
    };
    struct Request {
        QByteArray method;
        QByteArray target;
        QByteArray version;
        QList<QPair<QByteArray, QByteArray>> headers; // names as sent
        QByteArray body;

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &h : headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return {};
        }
        int count(const QByteArray &name) const
        {
            int n = 0;
            for (const auto &h : headers)
                n += h.first.compare(name, Qt::CaseInsensitive) == 0;
            return n;
        }
    };

    explicit Receiver(Answer answer = Answer::Ok) : m_answer(answer)
    {
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] { read(socket, *buffer); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path = QStringLiteral("/hook")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
    }
    void close() { m_server.close(); }

    QList<Request> requests;
    int connections = 0;

private:
    void read(QTcpSocket *socket, QByteArray &buffer)
    {
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        request.version = first.value(2);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        const qsizetype length = request.header("Content-Length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return; // the rest of the body is on its way
        request.body = buffer.mid(end + 4, length);
        buffer.clear();
        requests.append(request);
        answer(socket);
    }

    void answer(QTcpSocket *socket)
    {
        switch (m_answer) {
        case Answer::Ok:
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            break;
        case Answer::ServerError:
            socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
            break;
        case Answer::Redirect:
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + url(QStringLiteral("/elsewhere")).toLatin1()
                          + "\r\nContent-Length: 0\r\n\r\n");
            break;
        case Answer::Never:
            return; // holds the connection open, says nothing
        case Answer::HugeHeaders: {
            QByteArray flood = "HTTP/1.1 200 OK\r\n";
            const QByteArray line = "X-Pad: " + QByteArray(1000, 'x') + "\r\n";
            while (flood.size() < 1024 * 1024)
                flood += line;
            socket->write(flood);
            return; // and never ends the headers
        }
        case Answer::InterimThen204:
            socket->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
            break;
        case Answer::Garbage:
            socket->write("SSH-2.0-OpenSSH_9.2\r\n\r\n");
            break;
        }
        socket->disconnectFromHost();
    }

    Answer m_answer;
    QTcpServer m_server;
};

// Sends one request and waits for its outcome (done must run exactly once).
class SenderTest : public ::testing::Test {
protected:
    WebhookSender::Outcome deliver(WebhookSender::Request request, int waitMs = 5000)
    {
        int calls = 0;
        WebhookSender::Outcome outcome;
        m_sender.send(std::move(request), [&](const WebhookSender::Outcome &o) {
            ++calls;
            outcome = o;
        });
        EXPECT_EQ(calls, 0) << "done ran inside send()";
        EXPECT_TRUE(waitUntil([&] { return calls > 0; }, waitMs));
        EXPECT_EQ(calls, 1);
        EXPECT_EQ(m_sender.inFlight(), 0);
        return outcome;
    }

    static WebhookSender::Request request(const QString &url, bool allowPrivate = true)
    {
        WebhookSender::Request r;
        r.url = QUrl(url);
        r.payload = WebhookPayload{R"({"hello":"world"})", "application/json", {}};
        r.allowPrivate = allowPrivate;
        r.timeoutMs = 3000;
        return r;
    }

    WebhookSender m_sender;
};

} // namespace

TEST_F(SenderTest, PostsTheSignedEventAsAStandardWebhook)
{
    Receiver receiver;
    LinkEvent event;
    event.slug = QStringLiteral("spring-invite");
    event.atMs = QDateTime::currentMSecsSinceEpoch();
    event.clicks = 1;
    event.maxClicks = 2;
    const QString secret = newWebhookSecret();
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    WebhookSender::Request r = request(receiver.url(QStringLiteral("/hooks/in?token=a%20b&x=1")));
    r.payload = renderWebhook(WebhookFormat::Standard, event);
    r.headers = standardWebhookHeaders(secret, "msg_17", timestamp, r.payload.body);

    const WebhookSender::Outcome outcome = deliver(r);
    EXPECT_TRUE(outcome.delivered) << outcome.error.toStdString();
    EXPECT_EQ(outcome.status, 200);
    EXPECT_TRUE(outcome.error.isEmpty());
    EXPECT_GE(outcome.elapsedMs, 0);

    ASSERT_EQ(receiver.requests.size(), 1);
    const Receiver::Request &got = receiver.requests.first();
    EXPECT_EQ(got.method, "POST");
    EXPECT_EQ(got.target, "/hooks/in?token=a%20b&x=1");
    EXPECT_EQ(got.version, "HTTP/1.1");
    EXPECT_EQ(got.header("Host"), "127.0.0.1:" + QByteArray::number(receiver.port()));
    EXPECT_EQ(got.header("User-Agent"), "Shortfuse-Webhooks");
    EXPECT_EQ(got.header("Content-Type"), "application/json");
    EXPECT_EQ(got.header("Content-Length"), QByteArray::number(r.payload.body.size()));
    EXPECT_EQ(got.header("Connection"), "close");
    EXPECT_EQ(got.count("Host"), 1);
    EXPECT_EQ(got.body, r.payload.body);
    // What any Standard Webhooks receiver does with it.
    EXPECT_TRUE(verifyWebhook(secret, got.header("webhook-id"), got.header("webhook-timestamp"),
                              got.header("webhook-signature"), got.body, QDateTime::currentSecsSinceEpoch()));
}

TEST_F(SenderTest, SendsTheFormatsHeadersAndAnEmptyPathAsSlash)
{
    Receiver receiver;
    LinkEvent event;
    event.slug = QStringLiteral("invite-anna");
    WebhookSender::Request r = request(QStringLiteral("http://127.0.0.1:%1").arg(receiver.port()));
    r.payload = renderWebhook(WebhookFormat::Ntfy, event);
    EXPECT_TRUE(deliver(r).delivered);
    ASSERT_EQ(receiver.requests.size(), 1);
    EXPECT_EQ(receiver.requests[0].target, "/");
    EXPECT_EQ(receiver.requests[0].header("Title"), "Shortfuse: invite-anna");
    EXPECT_EQ(receiver.requests[0].header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(receiver.requests[0].body, event.sentence().toUtf8());
}

TEST_F(SenderTest, AnErrorStatusIsAFailure)
{
    Receiver receiver(Receiver::Answer::ServerError);
    const WebhookSender::Outcome outcome = deliver(request(receiver.url()));
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.status, 500);
    EXPECT_EQ(outcome.error, QStringLiteral("HTTP 500"));
}

TEST_F(SenderTest, ARedirectIsNotFollowed)
{
    Receiver receiver(Receiver::Answer::Redirect);
    const WebhookSender::Outcome outcome = deliver(request(receiver.url()));
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.status, 302);
    EXPECT_TRUE(outcome.error.startsWith(QStringLiteral("redirect not followed"))) << outcome.error.toStdString();
    // A follow would have happened before the outcome.
    EXPECT_EQ(receiver.requests.size(), 1);
    EXPECT_EQ(receiver.connections, 1);
}

TEST_F(SenderTest, AnInterimAnswerIsSkipped)
{
    Receiver receiver(Receiver::Answer::InterimThen204);
    const WebhookSender::Outcome outcome = deliver(request(receiver.url()));
    EXPECT_TRUE(outcome.delivered) << outcome.error.toStdString();
    EXPECT_EQ(outcome.status, 204);
}

TEST_F(SenderTest, AnAnswerThatIsNotHttpIsAFailure)
{
    Receiver receiver(Receiver::Answer::Garbage);
    const WebhookSender::Outcome outcome = deliver(request(receiver.url()));
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.error, QStringLiteral("malformed answer"));
}

TEST_F(SenderTest, TheTimeoutIsHonoured)
{
    Receiver receiver(Receiver::Answer::Never);
    WebhookSender::Request r = request(receiver.url());
    r.timeoutMs = 300;
    const WebhookSender::Outcome outcome = deliver(r, 5000);
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.error, QStringLiteral("timed out after 300 ms"));
    EXPECT_GE(outcome.elapsedMs, 299); // never early (a coarse timer fires up to 5% early)
    EXPECT_LT(outcome.elapsedMs, 3000);
    EXPECT_EQ(receiver.requests.size(), 1); // it was sent; the receiver just never answered
}

TEST_F(SenderTest, HugeAnswerHeadersAreRefusedAfter16KiB)
{
    Receiver receiver(Receiver::Answer::HugeHeaders);
    const WebhookSender::Outcome outcome = deliver(request(receiver.url()));
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.error, QStringLiteral("answer headers larger than 16384 bytes"));
    // Refused at the bound, not after reading everything or waiting for the timeout.
    EXPECT_LT(outcome.elapsedMs, 2000);
}

TEST_F(SenderTest, AClosedPortIsAFailure)
{
    std::optional<Receiver> gone(std::in_place);
    const QString url = gone->url();
    gone.reset();
    const WebhookSender::Outcome outcome = deliver(request(url));
    EXPECT_FALSE(outcome.delivered);
    EXPECT_EQ(outcome.status, 0);
    EXPECT_FALSE(outcome.error.isEmpty());
}

TEST_F(SenderTest, ANameIsResolvedAndSentAsTheHost)
{
    Receiver receiver;
    const WebhookSender::Outcome outcome = deliver(request(QStringLiteral("http://localhost:%1/x").arg(receiver.port())));
    EXPECT_TRUE(outcome.delivered) << outcome.error.toStdString();
    ASSERT_EQ(receiver.requests.size(), 1);
    EXPECT_EQ(receiver.requests[0].header("Host"), "localhost:" + QByteArray::number(receiver.port()));
}

// Refused before any connection: the receiver on 127.0.0.1 is never reached,
// and no packet goes to the private addresses that are not loopback.
TEST_F(SenderTest, PrivateAddressesAreRefused)
{
    Receiver receiver;
    const QString port = QString::number(receiver.port());
    const struct {
        QString url;
        QString error;
    } cases[] = {
        {QStringLiteral("http://127.0.0.1:%1/").arg(port), QStringLiteral("address not allowed: 127.0.0.1")},
        // The name resolves to 127.0.0.1, ::1 or both, in the order the machine's hosts file says.
        {QStringLiteral("http://localhost:%1/").arg(port), QStringLiteral("address not allowed: 127.0.0.1|::1")},
        {QStringLiteral("http://[::1]:%1/").arg(port), QStringLiteral("address not allowed: ::1")},
        {QStringLiteral("http://[::ffff:127.0.0.1]:%1/").arg(port), QStringLiteral("address not allowed: ::ffff:127.0.0.1")},
        // Other spellings of 127.0.0.1, whoever turns them into an address.
        {QStringLiteral("http://2130706433:%1/").arg(port), QStringLiteral("address not allowed: 127.0.0.1")},
        {QStringLiteral("http://127.1:%1/").arg(port), QStringLiteral("address not allowed: 127.0.0.1")},
        {QStringLiteral("http://0x7f.0.0.1:%1/").arg(port), QStringLiteral("address not allowed: 127.0.0.1")},
        {QStringLiteral("http://10.1.2.3/"), QStringLiteral("address not allowed: 10.1.2.3")},
        {QStringLiteral("http://169.254.169.254/latest/meta-data/"), QStringLiteral("address not allowed: 169.254.169.254")},
        {QStringLiteral("https://192.168.0.1/"), QStringLiteral("address not allowed: 192.168.0.1")},
    };
    for (const auto &c : cases) {
        const WebhookSender::Outcome outcome = deliver(request(c.url, /*allowPrivate=*/false));
        EXPECT_FALSE(outcome.delivered) << c.url.toStdString();
        if (c.error.contains(u'|')) {
            const QStringList addresses = c.error.section(QStringLiteral(": "), 1).split(u'|');
            EXPECT_TRUE(addresses.contains(outcome.error.section(QStringLiteral(": "), 1))
                        && outcome.error.startsWith(QLatin1String("address not allowed: ")))
                << c.url.toStdString() << ": " << outcome.error.toStdString();
        } else {
            EXPECT_EQ(outcome.error, c.error) << c.url.toStdString();
        }
    }
    EXPECT_EQ(receiver.connections, 0);
}

TEST_F(SenderTest, AHeaderThatCouldSmuggleAnotherIsRefused)
{
    Receiver receiver;
    for (const QPair<QByteArray, QByteArray> &header : QList<QPair<QByteArray, QByteArray>>{
             {"webhook-id", "msg_1\r\nX-Injected: 1"}, {"Bad Name", "x"}, {"Content-Length", "0"}, {"Host", "evil"}}) {
        WebhookSender::Request r = request(receiver.url());
        r.headers = {header};
        const WebhookSender::Outcome outcome = deliver(r);
        EXPECT_FALSE(outcome.delivered);
        EXPECT_TRUE(outcome.error.startsWith(QStringLiteral("invalid header"))) << outcome.error.toStdString();
        EXPECT_FALSE(outcome.error.contains(QLatin1Char('\n')));
    }
    EXPECT_EQ(receiver.connections, 0);
}

TEST_F(SenderTest, SeveralDeliveriesAtOnce)
{
    Receiver fast;
    Receiver silent(Receiver::Answer::Never);
    QList<WebhookSender::Outcome> outcomes;
    int calls = 0;
    for (int i = 0; i < 6; ++i) {
        WebhookSender::Request r = request(i % 2 ? silent.url() : fast.url());
        r.timeoutMs = i % 2 ? 400 : 3000;
        r.headers = {{"webhook-id", "msg_" + QByteArray::number(i)}};
        m_sender.send(r, [&](const WebhookSender::Outcome &o) {
            ++calls;
            outcomes.append(o);
        });
    }
    EXPECT_EQ(m_sender.inFlight(), 6);
    ASSERT_TRUE(waitUntil([&] { return calls == 6; }, 5000));
    int delivered = 0;
    for (const auto &o : outcomes)
        delivered += o.delivered;
    EXPECT_EQ(delivered, 3);
    EXPECT_EQ(fast.requests.size(), 3);
    // The silent endpoint did not hold the others up: they were answered first.
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(outcomes[i].delivered) << i;
    EXPECT_EQ(m_sender.inFlight(), 0);
}

TEST(WebhookSender, DeletingTheSenderEndsWhatIsInFlightOnce)
{
    Receiver silent(Receiver::Answer::Never);
    int calls = 0;
    QString error;
    {
        WebhookSender sender;
        WebhookSender::Request r;
        r.url = QUrl(silent.url());
        r.allowPrivate = true;
        sender.send(r, [&](const WebhookSender::Outcome &o) {
            ++calls;
            error = o.error;
        });
        ASSERT_TRUE(waitUntil([&] { return silent.requests.size() == 1; }, 5000));
    }
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(error, QStringLiteral("cancelled"));
}

TEST_F(SenderTest, WorksOnAThreadOfItsOwn)
{
    Receiver receiver;
    QThread thread;
    auto *sender = new WebhookSender;
    sender->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, sender, &QObject::deleteLater);
    thread.start();
    std::atomic<int> calls{0};
    std::atomic<bool> delivered{false};
    std::atomic<QThread *> doneThread{nullptr};
    WebhookSender::Request r = request(receiver.url());
    // As the delivery worker will: send() is called on the sender's thread.
    QMetaObject::invokeMethod(sender, [&, sender, r] {
        sender->send(r, [&](const WebhookSender::Outcome &o) {
            delivered = o.delivered;
            doneThread = QThread::currentThread();
            ++calls;
        });
    });
    EXPECT_TRUE(waitUntil([&] { return calls.load() == 1; }, 5000));
    thread.quit();
    thread.wait();
    EXPECT_TRUE(delivered.load());
    EXPECT_EQ(doneThread.load(), &thread);
    EXPECT_EQ(receiver.requests.size(), 1);
}

namespace {
// An https endpoint on 127.0.0.1 whose certificate names "localhost" only.
class TlsReceiver : public QObject {
public:
    TlsReceiver()
    {
        QFile certFile(QStringLiteral(SHORTFUSE_WEBHOOK_TEST_CERT));
        QFile keyFile(QStringLiteral(SHORTFUSE_WEBHOOK_TEST_KEY));
        EXPECT_TRUE(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate);
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(config);
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection())) {
                connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
                    m_buffer += socket->readAll();
                    if (!m_buffer.contains("\r\n\r\n"))
                        return;
                    const QByteArray head = m_buffer.left(m_buffer.indexOf("\r\n\r\n"));
                    hosts.append(head.mid(head.indexOf("\r\nHost: ") + 8).split('\r').first());
                    socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    QSslCertificate certificate;
    QList<QByteArray> hosts; // the Host header of each request read

private:
    QSslServer m_server;
    QByteArray m_buffer;
};

// Trusts `certificate` as a CA for the sockets this process opens from now
// on (as a system CA would be), and stops at the end of the scope.
class TrustedForThisTest {
public:
    explicit TrustedForThisTest(const QSslCertificate &certificate) : m_saved(QSslConfiguration::defaultConfiguration())
    {
        QSslConfiguration config = m_saved;
        config.addCaCertificate(certificate);
        QSslConfiguration::setDefaultConfiguration(config);
    }
    ~TrustedForThisTest() { QSslConfiguration::setDefaultConfiguration(m_saved); }

private:
    QSslConfiguration m_saved;
};
} // namespace

// The connection goes to the vetted address, and TLS still verifies the
// certificate against the URL's host name (not the address) and the CAs.
TEST_F(SenderTest, HttpsVerifiesTheUrlsHostNameOnTheVettedAddress)
{
    if (!QSslSocket::supportsSsl())
        GTEST_SKIP() << "no TLS backend";
    TlsReceiver receiver;
    const QString port = QString::number(receiver.port());

    // Not trusted by the system's CAs: refused.
    const WebhookSender::Outcome untrusted = deliver(request(QStringLiteral("https://localhost:%1/").arg(port)));
    EXPECT_FALSE(untrusted.delivered);
    EXPECT_FALSE(untrusted.error.isEmpty());
    EXPECT_TRUE(receiver.hosts.isEmpty());

    const TrustedForThisTest trusted(receiver.certificate);
    const WebhookSender::Outcome outcome = deliver(request(QStringLiteral("https://localhost:%1/").arg(port)));
    EXPECT_TRUE(outcome.delivered) << outcome.error.toStdString();
    EXPECT_EQ(outcome.status, 204);
    ASSERT_EQ(receiver.hosts.size(), 1);
    EXPECT_EQ(receiver.hosts.first(), "localhost:" + port.toLatin1());

    // The same server by address: the certificate does not name 127.0.0.1.
    const WebhookSender::Outcome byAddress = deliver(request(QStringLiteral("https://127.0.0.1:%1/").arg(port)));
    EXPECT_FALSE(byAddress.delivered);
    EXPECT_TRUE(byAddress.error.contains(QLatin1String("host name"), Qt::CaseInsensitive)) << byAddress.error.toStdString();
    EXPECT_EQ(receiver.hosts.size(), 1);
}
