#include "server/http/guardedtcpserver.h"

#include "server/http/httpstatus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QSignalBlocker>

#include <algorithm>
#include <cctype>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/socket.h>
#include <unistd.h>

namespace shortfuse {

namespace {

constexpr int kListenBacklog = 4096;
// Each connection Qt serves leaves ~12 KiB of buffers and objects spread
// over the heap; once they are freed glibc keeps those pages (they are not
// at the heap's top) unless asked. After this many connections closed, the
// sweep hands free pages back, so a burst of thousands of connections does
// not leave the server tens of MiB larger for good.
constexpr int kTrimAfterClosed = 256;
// The kernel's send buffer of an open-ended answer's connection (see
// GuardedSocket::stopReadingRequests).
constexpr int kStreamSendBufferBytes = 32 * 1024;

} // namespace

GuardedSocket::GuardedSocket(std::shared_ptr<ConnectionRegistry> registry, const TransportLimits &limits,
                             QObject *parent)
    : QTcpSocket(parent)
    , m_registry(std::move(registry))
    , m_limits(limits)
    , m_framer(limits.framing())
{
    m_lastReadMs = m_registry->nowMs();
    m_lastOutputMovedMs = m_lastReadMs;
    m_registry->sockets.insert(this);
    connect(this, &QIODevice::bytesWritten, this, &GuardedSocket::onBytesWritten);
    // Connected before QHttpServer connects its own slot, so every chunk is
    // inspected before the HTTP parser buffers it.
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::inspectIncoming);
    m_guardConnected = true;
}

void GuardedSocket::connectNotify(const QMetaMethod &signal)
{
    // The parser has just connected to readyRead: connect a slot after its
    // own, which sees how much the parser left unread (all of it was
    // inspected). Qt calls this with no lock held, so connecting is safe.
    static const QMetaMethod readyReadSignal = QMetaMethod::fromSignal(&QTcpSocket::readyRead);
    if (signal != readyReadSignal || !m_guardConnected || m_watchingParser || m_refused || m_streaming)
        return;
    m_watchingParser = true;
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::noteParserRead);
}

void GuardedSocket::noteParserRead()
{
    m_inspectedUnread = bytesAvailable();
    refuseWhenParserReaches();
}

qint64 GuardedSocket::parserOffset() const
{
    // Every byte that arrived was fed to the framer; what the parser has
    // not read yet is still in the socket's buffer.
    return m_framer.offset() - bytesAvailable();
}

void GuardedSocket::refuseWhenParserReaches()
{
    // While paused the guard's own transaction hides the buffer: wait.
    if (m_refuseAtOffset < 0 || m_refused || m_parsingPaused || parserOffset() < m_refuseAtOffset)
        return;
    const FramingRefusal &refusal = m_busyRefusal ? *m_busyRefusal : *m_framer.refusal();
    refuse(refusal.status, refusal.reason, refusal.message);
}

GuardedSocket::~GuardedSocket()
{
    for (qint64 bytes : std::as_const(m_largeBodyOfRequest))
        m_registry->largeBodyBytes -= bytes;
    for (qint64 bytes : std::as_const(m_largeBodyOfTicket))
        m_registry->largeBodyBytes -= bytes;
    m_registry->sockets.remove(this);
    if (!m_countedAddress.isNull()) {
        auto it = m_registry->connectionsPerAddress.find(m_countedAddress);
        if (it != m_registry->connectionsPerAddress.end() && --*it <= 0)
            m_registry->connectionsPerAddress.erase(it);
    }
}

void GuardedSocket::inspectIncoming()
{
    const qint64 available = bytesAvailable();
    if (available > m_inspectedUnread) {
        const qint64 now = m_registry->nowMs();
        m_lastReadMs = now;
        const QByteArray unread = peek(available);
        QList<RequestHead> heads;
        m_framer.feed(QByteArrayView(unread).sliced(m_inspectedUnread), heads);
        for (const RequestHead &head : std::as_const(heads)) {
            if (m_busyRefusal)
                break; // nothing after the refused request is parsed
            if (head.largeBody) {
                if (m_registry->largeBodyBytes + head.contentLength > m_limits.maxLargeBodiesInFlightBytes) {
                    m_busyRefusal = FramingRefusal{503, "server_busy",
                                                   QStringLiteral("Too many large uploads are in progress; try again in a moment."),
                                                   head.startOffset};
                    if (m_refuseAtOffset < 0 || head.startOffset < m_refuseAtOffset)
                        m_refuseAtOffset = head.startOffset;
                    break;
                }
                m_registry->largeBodyBytes += head.contentLength;
                // QHttpServer 6.4 parses a request once all of it is in the
                // socket's buffer: let this one fit (its bytes are reserved).
                setReadBufferSize(std::max(readBufferSize(), 2 * qint64(m_limits.maxHeaderBytes) + head.contentLength));
            }
            m_largeBodyOfRequest.append(head.largeBody ? head.contentLength : 0);
            m_closeAfterRequest.append(head.closeAfter);
            // An interim answer may not overtake the final answers of the
            // requests before it: only the one request in flight gets it
            // (a client sends the body anyway after a short wait).
            const bool alone = m_closeAfterRequest.size() == 1 && m_nextTicket == m_nextToWrite;
            if (head.expectContinue && head.contentLength > 0 && alone)
                write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        if (!m_framer.midRequest())
            m_requestStartedMs = -1;
        else if (m_requestStartedMs < 0)
            m_requestStartedMs = now;
        if (m_framer.refusal() && m_refuseAtOffset < 0)
            m_refuseAtOffset = m_framer.refusal()->requestStartOffset;
    }
    // Otherwise this is a readyRead the parser emitted again for pipelined
    // requests it has not read yet: nothing new arrived, and nothing is
    // inspected twice.
    m_inspectedUnread = available;
    // A refused request is never parsed: refused here if the parser has
    // read up to it, or right after it reads the last request before it.
    refuseWhenParserReaches();
    if (m_refused)
        return;
    // The parser's own transaction is open while it waits for the rest of a
    // request: that request is let through, the pause starts after it.
    if (!m_parsingPaused && overBudget() && !isTransactionStarted())
        pauseParsing();
    if (m_parsingPaused) {
        // Read (inside the transaction) what arrived, so the parser, whose
        // slot runs next, finds nothing; a rollback gives it all back.
        skip(bytesAvailable());
        m_inspectedUnread = 0;
    }
}

bool GuardedSocket::overBudget() const
{
    return qint64(m_nextTicket - m_nextToWrite) >= m_limits.maxRequestsInFlight
        || bytesToWrite() >= m_limits.maxPendingOutputBytes;
}

void GuardedSocket::pauseParsing()
{
    m_parsingPaused = true;
    startTransaction();
}

void GuardedSocket::resumeParsingIfDrained()
{
    if (!m_parsingPaused || m_refused)
        return;
    if (qint64(m_nextTicket - m_nextToWrite) >= m_limits.maxRequestsInFlight / 2
        || bytesToWrite() >= m_limits.maxPendingOutputBytes / 2)
        return;
    m_parsingPaused = false;
    rollbackTransaction();
    // Every byte given back was inspected when it arrived.
    m_inspectedUnread = bytesAvailable();
    if (m_inspectedUnread > 0)
        QMetaObject::invokeMethod(this, [this] { Q_EMIT readyRead(); }, Qt::QueuedConnection);
}

void GuardedSocket::onBytesWritten()
{
    m_lastOutputMovedMs = m_registry->nowMs();
    resumeParsingIfDrained();
}

GuardedSocket::Ticket GuardedSocket::takeTicket()
{
    // The guard parsed this request's headers before QHttpServer did, so the
    // oldest parsed request is the one being dispatched now.
    const bool closeAfter = m_closeAfterRequest.isEmpty() ? false : m_closeAfterRequest.takeFirst();
    if (!m_largeBodyOfRequest.isEmpty()) {
        if (const qint64 bytes = m_largeBodyOfRequest.takeFirst(); bytes > 0)
            m_largeBodyOfTicket.insert(m_nextTicket, bytes);
    }
    return Ticket{m_nextTicket++, closeAfter};
}

void GuardedSocket::deliver(const Ticket &ticket, QByteArray response)
{
    // The common case, an answer whose turn it is, goes straight out.
    releaseLargeBody(ticket.number);
    if (ticket.number == m_nextToWrite && m_finished.isEmpty() && !m_closing) {
        ++m_nextToWrite;
        if (state() != ConnectedState)
            return;
        if (bytesToWrite() == 0)
            m_lastOutputMovedMs = m_registry->nowMs(); // the stall clock starts with the first byte waiting
        write(response);
        resumeParsingIfDrained();
        if (ticket.closeAfter) {
            m_closing = true;
            disconnectFromHost();
        }
        return;
    }
    m_finished.insert(ticket.number, {std::move(response), ticket.closeAfter});
    writeInOrder();
    resumeParsingIfDrained();
}

void GuardedSocket::releaseLargeBody(quint64 ticket)
{
    // The request is answered: its body is no longer held by its handler.
    if (m_largeBodyOfTicket.isEmpty())
        return;
    if (const auto it = m_largeBodyOfTicket.find(ticket); it != m_largeBodyOfTicket.end()) {
        m_registry->largeBodyBytes -= *it;
        m_largeBodyOfTicket.erase(it);
    }
    if (m_largeBodyOfTicket.isEmpty() && std::all_of(m_largeBodyOfRequest.begin(), m_largeBodyOfRequest.end(),
                                                     [](qint64 bytes) { return bytes == 0; }))
        setReadBufferSize(2 * (m_limits.maxHeaderBytes + m_limits.maxBodyBytes));
}

void GuardedSocket::writePart(const Ticket &ticket, const QByteArray &part)
{
    if (!isTurnOf(ticket) || state() != ConnectedState)
        return;
    if (bytesToWrite() == 0)
        m_lastOutputMovedMs = m_registry->nowMs();
    // A connection still being answered is not idle, however long ago its
    // request arrived (a long export that the client reads as fast as it
    // comes has nothing waiting between two pages).
    m_lastReadMs = m_registry->nowMs();
    write(part);
}

void GuardedSocket::writeInOrder()
{
    while (!m_closing && !m_finished.isEmpty() && m_finished.firstKey() == m_nextToWrite) {
        auto [bytes, closeAfter] = m_finished.take(m_nextToWrite);
        ++m_nextToWrite;
        if (state() != ConnectedState)
            continue;
        if (bytesToWrite() == 0)
            m_lastOutputMovedMs = m_registry->nowMs();
        write(bytes);
        if (closeAfter) {
            m_closing = true;
            disconnectFromHost(); // after the bytes are written
        }
    }
}

void GuardedSocket::refuse(int status, const char *reason, const QString &message)
{
    if (m_refused)
        return;
    m_refused = true;
    m_refusedAtMs = m_registry->nowMs();
    // From here on nobody parses this connection: QHttpServer's slot is
    // dropped, buffered input is thrown away and the rest is discarded.
    disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
    m_parsingPaused = false;
    if (isTransactionStarted())
        commitTransaction();
    readAll();
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::discardIncoming);
    connect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::onRefusalWritten);
    connect(this, &QTcpSocket::disconnected, this, &QObject::deleteLater);

    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("reason"), QLatin1String(reason)}})
            .toJson(QJsonDocument::Compact);
    QByteArray response;
    response.reserve(256 + body.size());
    response += "HTTP/1.1 " + QByteArray::number(status) + ' ' + http::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n"
        + (status == 503 ? QByteArrayLiteral("Retry-After: 1\r\n") : QByteArray()) + "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    // The refusal answers the refused request: it leaves after the answers
    // of the requests before it, which are still being served.
    m_refusalTicket = m_nextTicket++;
    deliver(Ticket{m_refusalTicket, false}, response);
    onRefusalWritten();
}

void GuardedSocket::onRefusalWritten()
{
    // Half-close once the answer is out: the client sees it end, and whatever
    // it still sends is read and dropped (for lingerMs) rather than answered
    // with a reset that could destroy the answer in flight.
    if (m_lingerUntilMs >= 0 || m_nextToWrite <= m_refusalTicket || bytesToWrite() > 0 || state() != ConnectedState)
        return;
    ::shutdown(int(socketDescriptor()), SHUT_WR);
    m_lingerUntilMs = m_registry->nowMs() + m_limits.lingerMs;
}

void GuardedSocket::stopReadingRequests()
{
    if (m_streaming || m_refused)
        return;
    m_streaming = true;
    // As a refusal does: the parser's slot (and the guard's) are dropped, so
    // bytes after this request never reach QHttpServer; the parser's
    // queued re-emission of readyRead for them finds discardIncoming.
    disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
    m_parsingPaused = false;
    if (isTransactionStarted())
        commitTransaction();
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::discardIncoming);
    readAll();
    m_requestStartedMs = -1;
    // A small kernel send buffer (Linux doubles it): what a stream's client
    // leaves unread then piles up where the stream sees it (bytesToWrite),
    // not unseen in the kernel, at a few hundred KiB per stalled client.
    const int sendBuffer = kStreamSendBufferBytes;
    ::setsockopt(int(socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
}

void GuardedSocket::discardIncoming()
{
    m_lastReadMs = m_registry->nowMs();
    readAll();
}

void GuardedSocket::disconnectNotify(const QMetaMethod &signal)
{
    Q_UNUSED(signal);
    if (m_refused || m_streaming)
        return;
    // QHttpServer 6.4 drops every connection of a socket whose request it
    // cannot parse and leaves it open without an answer: answer it. Checked
    // later, not here: Qt may call this with its connection lock held (from
    // a receiver's destructor), and isSignalConnected() takes that lock.
    QMetaObject::invokeMethod(
        this,
        [this] {
            static const QMetaMethod readyReadSignal = QMetaMethod::fromSignal(&QTcpSocket::readyRead);
            if (!m_refused && !m_streaming && state() == ConnectedState && !isSignalConnected(readyReadSignal))
                refuse(400, "bad_request", QStringLiteral("The request is not valid HTTP/1.1."));
        },
        Qt::QueuedConnection);
}

void GuardedSocket::enforceDeadlines(qint64 nowMs)
{
    if (state() == UnconnectedState) {
        deleteLater();
        return;
    }
    if (m_refused) {
        // Lingering after the refusal went out, or still waiting for the
        // answers before it: those get the usual idle time to be read.
        const bool lingered = m_lingerUntilMs >= 0 && nowMs > m_lingerUntilMs;
        const bool stalled = m_lingerUntilMs < 0 && nowMs - std::max(m_refusedAtMs, m_lastOutputMovedMs) > m_limits.idleTimeoutMs;
        if (lingered || stalled)
            abort();
        return;
    }
    if (m_streaming) {
        // An open-ended answer: its client sends nothing, and is closed only
        // for leaving what it was sent unread.
        if (bytesToWrite() > 0 && nowMs - m_lastOutputMovedMs > m_limits.idleTimeoutMs)
            resetAndClose();
        return;
    }
    if (m_requestStartedMs >= 0 && nowMs - m_requestStartedMs > m_limits.headerTimeoutMs) {
        refuse(408, "request_timeout", QStringLiteral("The request took too long to arrive."));
        return;
    }
    if (bytesToWrite() > 0 && nowMs - m_lastOutputMovedMs > m_limits.idleTimeoutMs) {
        // The client stopped reading its answers: what waits for it cannot
        // be delivered, and holding it would let such clients fill memory.
        resetAndClose();
        return;
    }
    if (m_requestStartedMs < 0 && nowMs - m_lastReadMs > m_limits.idleTimeoutMs && bytesToWrite() == 0)
        disconnectFromHost();
}

void GuardedSocket::resetAndClose()
{
    // A plain close would queue the FIN behind the answers already in the
    // kernel's send buffer (megabytes, for a client that pipelined without
    // reading), and the kernel would keep them, orphaned, until it gave up on
    // the client minutes later. A zero linger makes close() send a reset and
    // free them at once.
    const linger resetOnClose{1, 0};
    ::setsockopt(int(socketDescriptor()), SOL_SOCKET, SO_LINGER, &resetOnClose, sizeof resetOnClose);
    abort();
}

GuardedTcpServer::GuardedTcpServer(TransportLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_registry(std::make_shared<ConnectionRegistry>())
{
    m_registry->clock.start();
    // Qt's default backlog is 50: a burst of new connections beyond it has
    // its SYNs dropped by the kernel and retried a second or more later.
    // The kernel caps this at net.core.somaxconn (4096 on Debian 12).
    setListenBacklogSize(kListenBacklog);
    m_sweepTimer.setInterval(1000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_sweepTimer.start();
}

GuardedTcpServer::~GuardedTcpServer()
{
    // Sockets are our children; delete them while the registry is whole.
    const QSet<GuardedSocket *> sockets = m_registry->sockets;
    qDeleteAll(sockets);
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    if (openConnections() >= m_limits.maxConnections) {
        ::close(int(socketDescriptor)); // over the cap: refuse cheaply
        return;
    }
    auto *socket = new GuardedSocket(m_registry, m_limits, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        ::close(int(socketDescriptor));
        return;
    }
    if (m_limits.maxConnectionsPerAddress > 0) {
        const QHostAddress peer = normalizeAddress(socket->peerAddress());
        const bool exempt = std::any_of(m_limits.exemptPeers.cbegin(), m_limits.exemptPeers.cend(),
                                        [&](const Subnet &subnet) { return peer.isInSubnet(subnet); });
        if (!exempt) {
            int &open = m_registry->connectionsPerAddress[peer];
            if (open >= m_limits.maxConnectionsPerAddress) {
                if (open == 0)
                    m_registry->connectionsPerAddress.remove(peer);
                delete socket; // closes the descriptor: over this address's share
                return;
            }
            ++open;
            socket->setCountedAddress(peer);
        }
    }
    // Qt stops reading from the kernel once this much waits unread, so a
    // paused connection (see TransportLimits) holds at most this much of its
    // client's input; one whole request always fits.
    socket->setReadBufferSize(2 * (m_limits.maxHeaderBytes + m_limits.maxBodyBytes));
    m_peakSinceTrim = std::max(m_peakSinceTrim, openConnections());
    // QHttpServer 6.4 takes new connections in a slot that calls sender(),
    // which walks every connection made to it: one per open socket. Called
    // once per accepted socket, a burst of N connections cost O(N^2) (a
    // quarter of the server's time at 5,000). Announced once per batch of
    // accepts instead, it drains them all in one call.
    m_unannounced.append(socket);
    if (m_unannounced.size() == 1)
        QMetaObject::invokeMethod(this, &GuardedTcpServer::announceAccepted, Qt::QueuedConnection);
}

void GuardedTcpServer::announceAccepted()
{
    const QList<QPointer<GuardedSocket>> accepted = std::exchange(m_unannounced, {});
    QList<GuardedSocket *> sockets;
    for (const QPointer<GuardedSocket> &socket : accepted) {
        if (socket && !socket->refused()) // a refused one is the guard's alone, to close
            sockets.append(socket);
    }
    if (sockets.isEmpty())
        return;
    {
        const QSignalBlocker quiet(this);
        for (qsizetype i = 0; i + 1 < sockets.size(); ++i)
            addPendingConnection(sockets[i]);
    }
    addPendingConnection(sockets.last()); // the one pendingConnectionAvailable
    // Bytes that arrived before the parser was connected were seen by the
    // guard only: offer them again (the guard does not inspect them twice).
    for (GuardedSocket *socket : std::as_const(sockets)) {
        if (socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
    }
}

void GuardedTcpServer::sweep()
{
    const qint64 now = m_registry->nowMs();
    const QSet<GuardedSocket *> sockets = m_registry->sockets;
    for (GuardedSocket *socket : sockets)
        socket->enforceDeadlines(now);
    releaseFreedMemory();
}

void GuardedTcpServer::releaseFreedMemory()
{
    if (m_peakSinceTrim - openConnections() < kTrimAfterClosed)
        return;
#ifdef __GLIBC__
    malloc_trim(0); // a few ms, at most once a second, and only after a burst
#endif
    m_peakSinceTrim = openConnections();
}

bool GuardedTcpServer::flushAll()
{
    bool drained = true;
    for (GuardedSocket *socket : std::as_const(m_registry->sockets)) {
        socket->flush();
        drained = drained && (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() == 0);
    }
    return drained;
}

} // namespace shortfuse
