// Differential fuzzing of request framing: the transport guard (its
// RequestFramer) against QHttpServer 6.4's own parser, which Debian ships
// without private headers, so it is driven as the server runs it: a real
// QHttpServer behind a real GuardedTcpServer on loopback, in a thread of
// this process, with one handler that records every request it is given.
//
// Each input is a byte stream sent on a fresh connection. The framer, run
// here on the same bytes, says which requests the stream holds; the server
// must then be handed exactly those requests (same method, target and body)
// and no other: a request the parser found that the framer did not is a
// smuggled one; one the framer accepted that never arrived is a lost one.
//
// So that every run ends at a known point, the stream is completed first: a
// head cut short gets its blank line, a body cut short gets its missing
// bytes, and a stream that would leave the connection open gets a last
// request that closes it (its answer proves all before it were handled).
// The client then reads until the server closes.

#include "fuzz/fuzzsupport.h"
#include "server/http/guardedtcpserver.h"
#include "server/http/httpresponse.h"
#include "server/http/requestframer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>

using namespace shortfuse;

namespace {

constexpr QByteArrayView kLastRequest = "GET /last-request HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n";

// What the server's handler was given, per client port.
struct Seen {
    QByteArray method;
    QByteArray target;
    QByteArray body;
};

class Recorder {
public:
    void start(quint16 port)
    {
        std::lock_guard lock(m_mutex);
        m_seen[port].clear();
    }
    void add(quint16 port, Seen seen)
    {
        std::lock_guard lock(m_mutex);
        m_seen[port].append(std::move(seen));
    }
    QList<Seen> take(quint16 port)
    {
        std::lock_guard lock(m_mutex);
        return m_seen.extract(port).mapped();
    }

private:
    std::mutex m_mutex;
    std::map<quint16, QList<Seen>> m_seen;
};

Recorder g_recorder;
quint16 g_port = 0;

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return "GET";
    case M::Head: return "HEAD";
    case M::Post: return "POST";
    case M::Put: return "PUT";
    case M::Delete: return "DELETE";
    case M::Patch: return "PATCH";
    case M::Options: return "OPTIONS";
    case M::Trace: return "TRACE";
    case M::Connect: return "CONNECT";
    default: return "UNKNOWN";
    }
}

// The server thread: QHttpServer behind the guard, with limits that never
// pause a connection (this fuzzer is about framing, not flow control).
void startServer()
{
    std::mutex mutex;
    std::condition_variable ready;
    bool started = false;
    QThread *thread = QThread::create([&] {
        TransportLimits limits;
        limits.maxRequestsInFlight = 1 << 20;
        limits.maxPendingOutputBytes = qint64(1) << 30;
        limits.maxConnectionsPerAddress = 0;
        limits.idleTimeoutMs = 60'000;
        limits.headerTimeoutMs = 60'000;
        auto *tcp = new GuardedTcpServer(limits);
        FUZZ_CHECK(tcp->listen(QHostAddress::LocalHost, 0));
        auto *http = new QHttpServer;
        http->bind(tcp);
        http->setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const quint16 port = qobject_cast<QTcpSocket *>(responder.socket())->peerPort();
            g_recorder.add(port, Seen{methodName(request.method()), request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority),
                                      request.body()});
            http::ReplyChannel reply(request, responder);
            reply.send(http::Response{200, QByteArrayLiteral("text/plain"), QByteArrayLiteral("ok"), {}});
        });
        {
            std::lock_guard lock(mutex);
            g_port = tcp->serverPort();
            started = true;
        }
        ready.notify_one();
        QEventLoop().exec();
    });
    thread->start();
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return started; });
}

struct Framing {
    QList<RequestHead> heads;
    std::optional<FramingRefusal> refusal;
    bool midRequest = false;
    qsizetype heldBody = 0;  // body bytes still expected
};

Framing frame(QByteArrayView stream)
{
    RequestFramer framer{FramingLimits{}};
    Framing framing;
    framer.feed(stream, framing.heads);
    framing.refusal = framer.refusal();
    framing.midRequest = framer.midRequest();
    if (!framing.heads.isEmpty() && framing.heads.last().endOffset() > stream.size())
        framing.heldBody = qsizetype(framing.heads.last().endOffset() - stream.size());
    return framing;
}

// Sends `stream` on a new connection and reads until the server closes it.
QByteArray exchange(const QByteArray &stream, quint16 *localPort)
{
    // Millions of short connections: each from the next of 65,536 loopback
    // source addresses, and closed with a reset, so neither side's closed
    // connections (TIME_WAIT) run the machine out of ports. A source whose
    // port space is still busy is skipped: that is the harness, not a finding.
    static quint32 nextSource = 0;
    int fd = -1;
    int lastError = 0;
    for (int attempt = 0; attempt < 1000 && fd < 0; ++attempt) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        FUZZ_CHECK(fd >= 0);
        sockaddr_in source{};
        source.sin_family = AF_INET;
        source.sin_addr.s_addr = htonl(0x7f010000u | (nextSource++ & 0xffffu));  // 127.1.x.y
        const linger reset{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(g_port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0
            || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            lastError = errno;
            ::close(fd);
            fd = -1;
        }
    }
    if (fd < 0) {
        std::fprintf(stderr, "cannot connect to the server: %s\n", std::strerror(lastError));
        std::abort();
    }
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length);
    *localPort = ntohs(local.sin_port);
    g_recorder.start(*localPort);

    QByteArray received;
    qsizetype sent = 0;
    char buffer[65536];
    for (;;) {
        pollfd poller{fd, short(POLLIN | (sent < stream.size() ? POLLOUT : 0)), 0};
        // Ten seconds of silence is a hang: the server waits for bytes the
        // framer says were never announced.
        const int events = ::poll(&poller, 1, 10'000);
        if (events == 0) {
            std::fprintf(stderr, "the server neither answered nor closed within 10 s; it got:\n%s\n",
                         received.left(2000).constData());
            std::abort();
        }
        if (poller.revents & POLLOUT) {
            const ssize_t n = ::send(fd, stream.constData() + sent, size_t(stream.size() - sent), MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else
                sent = stream.size();  // the server closed early: the rest is not needed
        }
        if (poller.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            received.append(buffer, n);
        }
    }
    ::close(fd);
    return received;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    startServer();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray stream(reinterpret_cast<const char *>(data), qsizetype(size));
    // Complete the stream (see the top of the file).
    Framing framing = frame(stream);
    if (!framing.refusal && framing.midRequest && framing.heldBody == 0) {
        stream += "\r\n\r\n";
        framing = frame(stream);
    }
    if (!framing.refusal && framing.heldBody > 0) {
        stream += QByteArray(framing.heldBody, 'x');
        framing = frame(stream);
    }
    FUZZ_CHECK(framing.refusal || !framing.midRequest);
    qsizetype untilClose = framing.heads.size();  // the server answers these, then closes
    bool closedByRequest = false;                 // after one that asked for it
    for (qsizetype i = 0; i < framing.heads.size() && !closedByRequest; ++i) {
        if (framing.heads[i].closeAfter) {
            untilClose = i + 1;
            closedByRequest = true;
        }
    }
    const bool closes = framing.refusal || closedByRequest;
    if (!closes) {
        stream += kLastRequest;
        framing = frame(stream);
        untilClose = framing.heads.size();
    }

    quint16 port = 0;
    const QByteArray received = exchange(stream, &port);
    const QList<Seen> seen = g_recorder.take(port);

    // Every request handed to the server is the framer's, in the framer's
    // order and with the framer's body; none is handed over that the framer
    // refused or never saw.
    FUZZ_CHECK(seen.size() <= framing.heads.size());
    for (qsizetype i = 0; i < seen.size(); ++i) {
        const RequestHead &head = framing.heads[i];
        const QByteArrayView requestLine = QByteArrayView(stream).sliced(head.startOffset).first(
            QByteArrayView(stream).sliced(head.startOffset).indexOf(' '));
        FUZZ_CHECK(seen[i].method == requestLine);
        FUZZ_CHECK(seen[i].body == QByteArrayView(stream).sliced(head.bodyOffset, head.contentLength));
    }
    // Each request up to the first that closes the connection was handled
    // and answered (a refusal adds one answer of its own).
    FUZZ_CHECK(seen.size() >= untilClose);
    const qsizetype answers = received.count("HTTP/1.1 ") - received.count("HTTP/1.1 100 ");
    const qsizetype refusal = framing.refusal && !closedByRequest ? 1 : 0;
    if (answers != untilClose + refusal) {
        std::fprintf(stderr, "%lld answers for %lld requests%s:\n%s\n", qlonglong(answers), qlonglong(untilClose),
                     refusal ? " and a refusal" : "", received.left(4000).constData());
        std::abort();
    }
    return 0;
}
