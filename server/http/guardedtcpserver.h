#pragma once

#include "server/core/clientaddress.h"
#include "server/http/requestframer.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace shortfuse {

// Limits the transport enforces before QHttpServer's parser sees a byte.
// QHttpServer 6.4 buffers a whole request (body included) in memory, has no
// idle timeout and no connection cap, and leaves a connection open without
// an answer when its parser fails; these limits close those holes.
struct TransportLimits {
    qint64 maxBodyBytes = 64 * 1024;
    // Import and batch bodies of key holders (FramingLimits::maxKeyedBodyBytes),
    // and how many of their bytes may be in flight server-wide (declared
    // by Content-Length, from the head's arrival until the answer is
    // written): a flood of requests with made-up keys holds at most this
    // much, whatever their number; beyond it they are refused from their
    // headers (503 server_busy).
    qint64 maxKeyedBodyBytes = 8 * 1024 * 1024;
    qint64 maxLargeBodiesInFlightBytes = 32 * 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    // QHttpServer 6.4 throws away every header of a request with more than
    // 100 fields (Content-Length included) and would then read its body as
    // the next request: the guard refuses such requests first. Never raise
    // these above the parser's own limits.
    int maxHeaderFields = 100;
    int maxHeaderFieldBytes = 8 * 1024;  // one "Name: value" line
    int maxConnections = 4096;
    // Per client address (the socket's peer); peers in `exemptPeers` (the
    // trusted proxies, through which every client comes) are not counted. 0: no limit.
    int maxConnectionsPerAddress = 256;
    QList<Subnet> exemptPeers;
    // A client that sends nothing for this long, or leaves its answers
    // unread (output that has not moved) for this long, is closed.
    int idleTimeoutMs = 60'000;
    // A connection stops being read once this many of its requests wait
    // for their answer, or this much of its output waits for the client to
    // read it; it is read again when both are below half. So a client that
    // pipelines without reading holds a bounded amount of the server's memory.
    int maxRequestsInFlight = 32;
    qint64 maxPendingOutputBytes = 1024 * 1024;
    int headerTimeoutMs = 20'000;  // a request's headers must arrive in this time
    int lingerMs = 2'000;          // after a refusal, read and discard this long

    FramingLimits framing() const
    {
        return {maxBodyBytes, maxHeaderBytes, maxHeaderFields, maxHeaderFieldBytes, maxKeyedBodyBytes};
    }
};

class ConnectionRegistry;

// One accepted connection. It watches the byte stream in front of
// QHttpServer: a RequestFramer frames its requests, and a request the
// framer refuses (413, 431, 411, 400, 501) or that dawdles (408) is answered
// and the connection closed before QHttpServer's parser reads a byte of it.
// The requests before it are served first, in order.
class GuardedSocket final : public QTcpSocket {
    Q_OBJECT
public:
    GuardedSocket(std::shared_ptr<ConnectionRegistry> registry, const TransportLimits &limits,
                  QObject *parent = nullptr);
    ~GuardedSocket() override;

    // Called by the registry's sweep; closes the connection if it overstayed.
    void enforceDeadlines(qint64 nowMs);
    // The client address this connection is counted under (null: not counted).
    void setCountedAddress(const QHostAddress &address) { m_countedAddress = address; }
    bool refused() const { return m_refused; }

    // Responses leave in the order their requests came in, even when a
    // later one (a cached redirect) is ready before an earlier one (a claim
    // waiting for its commit). Each dispatched request takes a ticket, in
    // stream order; deliver() writes a response once all before it are out.
    struct Ticket {
        quint64 number = 0;
        bool closeAfter = false;  // HTTP/1.0, or "Connection: close"
    };
    Ticket takeTicket();
    void deliver(const Ticket &ticket, QByteArray response);
    // An answer written in parts (an export): once every answer before
    // `ticket` is out (isTurnOf), writePart() writes the next part at once;
    // deliver() with the last part ends it and lets the next answers out.
    bool isTurnOf(const Ticket &ticket) const { return ticket.number == m_nextToWrite && !m_closing; }
    void writePart(const Ticket &ticket, const QByteArray &part);

    // An open-ended answer (the live event stream, GET /api/events): the
    // request being dispatched now is this connection's last. Called while
    // it is dispatched, before anything after it can be: no further
    // request is parsed (pipelined bytes after it are read and dropped),
    // the connection is no longer closed for sending nothing (a stream's
    // client never does), only for leaving its output unread
    // (idleTimeoutMs), and the kernel's send buffer is kept small, so a
    // stalled client is noticed early and costs little.
    void stopReadingRequests();
    bool readsNoMoreRequests() const { return m_streaming; }
    // Closes at once with a reset, dropping what waits to be sent (a
    // stream whose client does not keep up).
    void resetAndClose();

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    void inspectIncoming();
    void noteParserRead();
    void onBytesWritten();
    bool overBudget() const;
    void pauseParsing();
    void resumeParsingIfDrained();
    void refuseWhenParserReaches();
    qint64 parserOffset() const;
    void refuse(int status, const char *reason, const QString &message);
    void onRefusalWritten();
    void discardIncoming();

    void writeInOrder();

    std::shared_ptr<ConnectionRegistry> m_registry;
    const TransportLimits &m_limits;
    QList<bool> m_closeAfterRequest;        // per parsed request not yet dispatched
    QList<qint64> m_largeBodyOfRequest;     // its reserved large body (0: none), likewise
    QHash<quint64, qint64> m_largeBodyOfTicket;  // reserved until that ticket's answer is written
    void releaseLargeBody(quint64 ticket);
    std::optional<FramingRefusal> m_busyRefusal;  // a large body over the server-wide budget
    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    QMap<quint64, std::pair<QByteArray, bool>> m_finished;  // out-of-order answers
    bool m_closing = false;
    RequestFramer m_framer;
    // The framer refused a request that starts at this stream offset; the
    // refusal is sent once the parser has read every byte before it.
    qint64 m_refuseAtOffset = -1;
    // How many of the unread bytes at the front of the socket's buffer the
    // guard has already inspected. QHttpServer reads one request per
    // readyRead and re-emits readyRead for the rest, so the same bytes are
    // offered again: only what lies past this count is new.
    qint64 m_inspectedUnread = 0;
    bool m_guardConnected = false;   // inspectIncoming() is connected, first
    bool m_watchingParser = false;   // noteParserRead() runs after the parser's slot
    // Paused: the guard holds every unread byte in a read transaction of its
    // own, so the parser finds nothing to read until the client catches up.
    bool m_parsingPaused = false;
    qint64 m_lastOutputMovedMs = 0;  // output was last written or drained
    QHostAddress m_countedAddress;
    qint64 m_lastReadMs = 0;
    qint64 m_requestStartedMs = -1;  // first byte of unfinished headers
    qint64 m_lingerUntilMs = -1;     // set once the refusal is out
    qint64 m_refusedAtMs = -1;
    quint64 m_refusalTicket = 0;     // the refusal's place among the answers
    bool m_refused = false;
    bool m_streaming = false;        // stopReadingRequests() was called
};

// Shared by the server and its sockets, so a socket's destructor can
// always unregister itself, whatever order Qt tears things down in.
class ConnectionRegistry {
public:
    QSet<GuardedSocket *> sockets;
    QHash<QHostAddress, int> connectionsPerAddress;
    QElapsedTimer clock;
    qint64 largeBodyBytes = 0;  // reserved by every connection (TransportLimits::maxLargeBodiesInFlightBytes)
    qint64 nowMs() const { return clock.elapsed(); }
};

// The TCP listener handed to QHttpServer::bind(): accepts connections,
// wraps each in a GuardedSocket, caps how many are open and sweeps
// connections that idle or dawdle.
class GuardedTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    explicit GuardedTcpServer(TransportLimits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    int openConnections() const { return int(m_registry->sockets.size()); }
    // Writes out what every connection has buffered (used at shutdown).
    bool flushAll();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void sweep();
    void releaseFreedMemory();
    void announceAccepted();

    TransportLimits m_limits;
    int m_peakSinceTrim = 0;  // most connections open at once since the last trim
    QList<QPointer<GuardedSocket>> m_unannounced;  // accepted, not yet handed to QHttpServer
    std::shared_ptr<ConnectionRegistry> m_registry;
    QTimer m_sweepTimer;
};

} // namespace shortfuse
