#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace shortfuse {

// The limits a request's head and body are framed against. Never above
// QHttpServer 6.4's own parser limits (see TransportLimits).
struct FramingLimits {
    qint64 maxBodyBytes = 64 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int maxHeaderFields = 100;
    int maxHeaderFieldBytes = 8 * 1024;
    // The larger cap of the routes that take many links at once
    // (POST /api/links/import and /api/links/batch), for a request that
    // carries an API key of the right shape (Authorization: Bearer sf_...).
    // Whether the key is valid is only known later: the transport guard
    // bounds how many such bodies are in flight server-wide.
    qint64 maxKeyedBodyBytes = 8 * 1024 * 1024;
};

// One request whose head the framer read and accepted. Offsets count bytes
// of the connection's stream from its first byte.
struct RequestHead {
    qint64 startOffset = 0;  // its request line's first byte
    qint64 bodyOffset = 0;   // just past the blank line that ends its head
    qint64 contentLength = 0;
    bool closeAfter = false;      // HTTP/1.0 without keep-alive, or "Connection: close"
    bool expectContinue = false;  // "Expect: 100-continue"
    bool largeBody = false;       // over maxBodyBytes, admitted under maxKeyedBodyBytes
    qint64 endOffset() const { return bodyOffset + contentLength; }
};

// Why the stream was refused, and where the refused request starts (the
// end of the request before it, blank lines in between included): every
// request before that offset was complete and acceptable.
struct FramingRefusal {
    int status = 400;
    const char *reason = "bad_request";
    QString message;
    qint64 requestStartOffset = 0;
};

// Decides where each request of a connection's byte stream begins and ends:
// the one definition of HTTP/1.1 framing in Shortfuse. It is stricter than
// QHttpServer 6.4's parser and refuses everything that parser would read
// differently (folded lines, names that are not tokens, a header block it
// would throw away), so what passes here is framed the same by both: no
// request can hide in another's headers or body (request smuggling).
//
// Pure: it reads bytes and reports, holding at most one unfinished head
// (maxHeaderBytes) whatever it is fed, however the stream is split.
class RequestFramer {
public:
    explicit RequestFramer(FramingLimits limits) : m_limits(limits) {}

    // Reads the next bytes of the stream. Each request whose head completes
    // in them is appended to `heads` (its body may still be on its way).
    // Returns false once the stream is refused; it then reads nothing more.
    bool feed(QByteArrayView bytes, QList<RequestHead> &heads);

    const std::optional<FramingRefusal> &refusal() const { return m_refusal; }
    // Part of a request (head or body) has arrived, not all of it.
    bool midRequest() const { return m_inHead || m_bodyRemaining > 0; }
    // How many bytes of the stream were fed.
    qint64 offset() const { return m_offset; }
    // Bytes of an unfinished head it keeps: never above maxHeaderBytes + 4.
    qsizetype heldBytes() const { return m_partialHead.size(); }

private:
    qsizetype consumeHead(const char *data, qsizetype size, QList<RequestHead> &heads);
    void acceptHead(QByteArrayView head, QList<RequestHead> &heads);
    void refuse(int status, const char *reason, QString message);

    FramingLimits m_limits;
    qint64 m_offset = 0;          // stream offset of the next byte fed
    bool m_inHead = false;        // a head has started and not ended
    qint64 m_headStart = 0;       // stream offset of that head's first byte
    // Where the last complete request ended: the parser reads its next
    // request from here, blank lines included, so a refusal starts here.
    qint64 m_boundary = 0;
    QByteArray m_partialHead;     // its bytes so far, when it spans several feeds
    qint64 m_bodyRemaining = 0;   // body bytes of the last head still to come
    std::optional<FramingRefusal> m_refusal;
};

} // namespace shortfuse
