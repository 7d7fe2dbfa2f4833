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

constexpr qint64 kMaxContentLengthDigits = 15;
constexpr int kListenBacklog = 4096;
// Each connection Qt serves leaves ~12 KiB of buffers and objects spread
// over the heap; once they are freed glibc keeps those pages (they are not
// at the heap's top) unless asked. After this many connections closed, the
// sweep hands free pages back, so a burst of thousands of connections does
// not leave the server tens of MiB larger for good.
constexpr int kTrimAfterClosed = 256;

// Index just past the blank line that ends a header block ("\r\n\r\n", or
// the bare "\n\n" some clients send), or -1.
qsizetype findHeaderEnd(QByteArrayView data, qsizetype from)
{
    for (qsizetype i = std::max<qsizetype>(from, 0); i < data.size(); ++i) {
        if (data[i] != '\n')
            continue;
        if (i + 1 < data.size() && data[i + 1] == '\n')
            return i + 2;
        if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n')
            return i + 3;
    }
    return -1;
}

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.chop(1);
    return v;
}

// The line without the CR of its CRLF ending.
QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// RFC 9110 token characters: what a method and a header name are made of.
bool isTokenChar(char c)
{
    static constexpr QByteArrayView kOthers("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kOthers.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// METHOD SP target SP HTTP/d.d, the target visible ASCII only. Stricter
// than the parser: what the guard refuses is never parsed at all.
bool isRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return false;
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    const bool visible = std::all_of(target.begin(), target.end(), [](char c) { return c > ' ' && c < 127; });
    return isToken(line.first(firstSpace)) && visible && version.size() == 8 && version.startsWith("HTTP/")
        && std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.'
        && std::isdigit(static_cast<unsigned char>(version[7]));
}

} // namespace

GuardedSocket::GuardedSocket(std::shared_ptr<ConnectionRegistry> registry, const TransportLimits &limits,
                             QObject *parent)
    : QTcpSocket(parent)
    , m_registry(std::move(registry))
    , m_limits(limits)
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
    if (signal != readyReadSignal || !m_guardConnected || m_watchingParser || m_refused)
        return;
    m_watchingParser = true;
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::noteParserRead);
}

void GuardedSocket::noteParserRead()
{
    m_inspectedUnread = bytesAvailable();
}

GuardedSocket::~GuardedSocket()
{
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
        m_lastReadMs = m_registry->nowMs();
        const QByteArray unread = peek(available);
        const char *data = unread.constData() + m_inspectedUnread;
        qsizetype size = unread.size() - m_inspectedUnread;
        while (size > 0 && !m_refused) {
            if (m_phase == Phase::Body) {
                const qsizetype take = qsizetype(std::min<qint64>(size, m_bodyRemaining));
                m_bodyRemaining -= take;
                data += take;
                size -= take;
                if (m_bodyRemaining == 0) {
                    m_phase = Phase::Headers;
                    m_requestStartedMs = -1;
                }
                continue;
            }
            const qsizetype used = consumeHeaders(data, size);
            data += used;
            size -= used;
        }
    }
    // Otherwise this is a readyRead the parser emitted again for pipelined
    // requests it has not read yet: nothing new arrived, and nothing is
    // inspected twice.
    m_inspectedUnread = available;
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

qsizetype GuardedSocket::consumeHeaders(const char *data, qsizetype size)
{
    qsizetype skipped = 0;
    if (m_partialHeaders.isEmpty()) {
        // Blank lines between requests are allowed and ignored.
        while (skipped < size && (data[skipped] == '\r' || data[skipped] == '\n'))
            ++skipped;
        if (skipped == size)
            return size;
        data += skipped;
        size -= skipped;
        if (m_requestStartedMs < 0)
            m_requestStartedMs = m_registry->nowMs();

        const QByteArrayView view(data, size);
        const qsizetype end = findHeaderEnd(view, 0);
        if (end < 0) {
            if (size > m_limits.maxHeaderBytes) {
                refuse(431, "headers_too_large", QStringLiteral("The request headers are larger than 16 KiB."));
                return skipped + size;
            }
            m_partialHeaders = QByteArray(data, size);
            return skipped + size;
        }
        if (end > m_limits.maxHeaderBytes) {
            refuse(431, "headers_too_large", QStringLiteral("The request headers are larger than 16 KiB."));
            return skipped + size;
        }
        checkHeaderBlock(view.first(end));
        return skipped + end;
    }

    const qsizetype before = m_partialHeaders.size();
    const qsizetype room = m_limits.maxHeaderBytes + 4 - before;
    m_partialHeaders.append(data, std::min(size, std::max<qsizetype>(room, 0)));
    const qsizetype end = findHeaderEnd(m_partialHeaders, before - 3);
    if (end < 0 || end > m_limits.maxHeaderBytes) {
        if (m_partialHeaders.size() > m_limits.maxHeaderBytes)
            refuse(431, "headers_too_large", QStringLiteral("The request headers are larger than 16 KiB."));
        return size;
    }
    const QByteArray block = m_partialHeaders.left(end);
    m_partialHeaders.clear();
    checkHeaderBlock(block);
    return end - before;
}

bool GuardedSocket::checkHeaderBlock(QByteArrayView block)
{
    const qsizetype requestLineEnd = block.indexOf('\n');
    const QByteArrayView requestLine = withoutCr(block.first(requestLineEnd));
    if (!isRequestLine(requestLine)) {
        refuse(400, "bad_request", QStringLiteral("The request line is not valid HTTP/1.1."));
        return false;
    }
    // HTTP/1.0 closes after the answer unless it asks to keep the connection.
    return checkFields(block.sliced(requestLineEnd + 1), requestLine.endsWith("HTTP/1.0"));
}

bool GuardedSocket::checkFields(QByteArrayView fields, bool closeAfter)
{
    qint64 contentLength = 0;
    bool haveLength = false;
    bool transferEncoding = false;
    bool expectContinue = false;
    int count = 0;

    // Every line the parser could read differently from the guard is
    // refused here, so both always agree where a request ends.
    qsizetype lineStart = 0;
    while (lineStart < fields.size()) {
        qsizetype lineEnd = fields.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = fields.size();
        const QByteArrayView line = withoutCr(fields.sliced(lineStart, lineEnd - lineStart));
        lineStart = lineEnd + 1;
        if (line.isEmpty())
            break; // the blank line that ends the block
        if (line.front() == ' ' || line.front() == '\t') {
            // Obsolete line folding: the parser glues this line to the one
            // before, so a "Content-Length" here would mean nothing to it.
            refuse(400, "bad_request", QStringLiteral("Header lines may not be folded (a line starts with a space)."));
            return false;
        }
        if (line.contains('\r')) {
            // QHttpServer's parser ends a line at a bare CR: what follows it
            // would be a header the guard never saw.
            refuse(400, "bad_request", QStringLiteral("A header line contains a bare CR."));
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon))) {
            refuse(400, "bad_request", QStringLiteral("A header line is not of the form Name: value."));
            return false;
        }
        if (++count > m_limits.maxHeaderFields) {
            refuse(431, "headers_too_large",
                   QStringLiteral("The request has more than %1 header fields.").arg(m_limits.maxHeaderFields));
            return false;
        }
        if (line.size() > m_limits.maxHeaderFieldBytes) {
            refuse(431, "headers_too_large",
                   QStringLiteral("A header field is larger than %1 KiB.").arg(m_limits.maxHeaderFieldBytes / 1024));
            return false;
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));

        if (equalsIgnoreCase(name, "content-length")) {
            bool digits = !value.isEmpty() && value.size() <= kMaxContentLengthDigits;
            for (char c : value)
                digits = digits && c >= '0' && c <= '9';
            if (!digits) {
                refuse(400, "bad_request", QStringLiteral("The Content-Length header is invalid."));
                return false;
            }
            // Even a repeated equal value: parsers differ on duplicates
            // (QHttpServer's takes them), and one request has one length.
            if (haveLength) {
                refuse(400, "bad_request", QStringLiteral("The request has more than one Content-Length header."));
                return false;
            }
            contentLength = value.toLongLong();
            haveLength = true;
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            transferEncoding = true;
        } else if (equalsIgnoreCase(name, "expect")) {
            expectContinue = equalsIgnoreCase(value, "100-continue");
        } else if (equalsIgnoreCase(name, "connection")) {
            const QByteArray tokens = value.toByteArray().toLower();
            if (tokens.contains("close"))
                closeAfter = true;
            else if (tokens.contains("keep-alive"))
                closeAfter = false;
        }
    }

    if (transferEncoding && haveLength) {
        // Two framings for one request: the classic smuggling vector (RFC 9112 §6.3).
        refuse(400, "bad_request",
               QStringLiteral("A request may not carry both Content-Length and Transfer-Encoding."));
        return false;
    }
    if (transferEncoding) {
        refuse(411, "length_required",
               QStringLiteral("Send the request body with a Content-Length header; "
                              "chunked uploads are not accepted."));
        return false;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        refuse(413, "payload_too_large",
               QStringLiteral("The request body is %1 bytes; the limit is %2 bytes (64 KiB).")
                   .arg(contentLength)
                   .arg(m_limits.maxBodyBytes));
        return false;
    }
    m_closeAfterRequest.append(closeAfter);
    if (expectContinue && contentLength > 0)
        write("HTTP/1.1 100 Continue\r\n\r\n");
    m_bodyRemaining = contentLength;
    if (contentLength > 0) {
        m_phase = Phase::Body;
    } else {
        m_requestStartedMs = -1;
    }
    return true;
}

GuardedSocket::Ticket GuardedSocket::takeTicket()
{
    // The guard parsed this request's headers before QHttpServer did, so the
    // oldest parsed request is the one being dispatched now.
    const bool closeAfter = m_closeAfterRequest.isEmpty() ? false : m_closeAfterRequest.takeFirst();
    return Ticket{m_nextTicket++, closeAfter};
}

void GuardedSocket::deliver(const Ticket &ticket, QByteArray response)
{
    // The common case, an answer whose turn it is, goes straight out.
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
        + "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    write(response);
    m_lingerUntilMs = m_registry->nowMs() + m_limits.lingerMs;
}

void GuardedSocket::onRefusalWritten()
{
    // Half-close once the answer is out: the client sees it end, and whatever
    // it still sends is read and dropped rather than answered with a reset
    // that could destroy the answer in flight.
    if (bytesToWrite() == 0 && state() == ConnectedState)
        ::shutdown(int(socketDescriptor()), SHUT_WR);
}

void GuardedSocket::discardIncoming()
{
    m_lastReadMs = m_registry->nowMs();
    readAll();
}

void GuardedSocket::disconnectNotify(const QMetaMethod &signal)
{
    Q_UNUSED(signal);
    if (m_refused)
        return;
    // QHttpServer 6.4 drops every connection of a socket whose request it
    // cannot parse and leaves it open without an answer: answer it. Checked
    // later, not here: Qt may call this with its connection lock held (from
    // a receiver's destructor), and isSignalConnected() takes that lock.
    QMetaObject::invokeMethod(
        this,
        [this] {
            static const QMetaMethod readyReadSignal = QMetaMethod::fromSignal(&QTcpSocket::readyRead);
            if (!m_refused && state() == ConnectedState && !isSignalConnected(readyReadSignal))
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
        if (nowMs > m_lingerUntilMs)
            abort();
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
