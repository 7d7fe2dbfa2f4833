#include "server/http/requestframer.h"

#include "server/core/apikey.h"

#include <algorithm>
#include <cctype>

namespace shortfuse {

namespace {

constexpr qsizetype kMaxContentLengthDigits = 15;

// Index just past the blank line that ends a head ("\r\n\r\n", or the bare
// "\n\n" some clients send), or -1.
qsizetype findHeadEnd(QByteArrayView data, qsizetype from)
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
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
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

// A field value's characters (RFC 9110 5.5): visible ASCII, space, tab and
// bytes from 0x80 up. A CR in the middle of a line is not one: the parser
// would end the line there and read what follows as another field.
bool isFieldValue(QByteArrayView value)
{
    return std::all_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= ' ' && u != 127);
    });
}

// The methods QHttpServer 6.4 hands over by name. CONNECT is not among
// them (its parser reads everything after a CONNECT as a tunnel, not as
// requests), nor TRACE (it arrives as "Unknown", and echoing requests back
// is a classic way to steal headers).
bool isKnownMethod(QByteArrayView method)
{
    static constexpr QByteArrayView kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    return std::find(std::begin(kMethods), std::end(kMethods), method) != std::end(kMethods);
}

// METHOD SP target SP HTTP/1.x, the target visible ASCII only.
bool isRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return false;
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    const bool visible = std::all_of(target.begin(), target.end(), [](char c) { return c > ' ' && c < 127; });
    return isToken(line.first(firstSpace)) && visible && (version == "HTTP/1.1" || version == "HTTP/1.0");
}

} // namespace

bool RequestFramer::feed(QByteArrayView bytes, QList<RequestHead> &heads)
{
    const char *data = bytes.data();
    qsizetype size = bytes.size();
    while (size > 0 && !m_refusal) {
        qsizetype used = 0;
        if (m_bodyRemaining > 0) {
            used = qsizetype(std::min<qint64>(size, m_bodyRemaining));
            m_bodyRemaining -= used;
            if (m_bodyRemaining == 0)
                m_boundary = m_offset + used;
        } else {
            used = consumeHead(data, size, heads);
        }
        data += used;
        size -= used;
        m_offset += used;
    }
    m_offset += size; // what follows a refusal is read by nobody
    return !m_refusal;
}

qsizetype RequestFramer::consumeHead(const char *data, qsizetype size, QList<RequestHead> &heads)
{
    const QString tooLarge = QStringLiteral("The request headers are larger than %1 KiB.").arg(m_limits.maxHeaderBytes / 1024);
    if (!m_inHead) {
        // Blank lines between requests are allowed and ignored (so does the parser).
        qsizetype skipped = 0;
        while (skipped < size && (data[skipped] == '\r' || data[skipped] == '\n'))
            ++skipped;
        if (skipped == size)
            return size;
        m_inHead = true;
        m_headStart = m_offset + skipped;
        const QByteArrayView view(data + skipped, size - skipped);
        const qsizetype end = findHeadEnd(view, 0);
        if ((end < 0 && view.size() > m_limits.maxHeaderBytes) || end > m_limits.maxHeaderBytes) {
            refuse(431, "headers_too_large", tooLarge);
            return size;
        }
        if (end < 0) {
            m_partialHead = view.toByteArray();
            return size;
        }
        acceptHead(view.first(end), heads);
        return skipped + end;
    }

    // The head began in an earlier feed: gather at most one head's worth.
    const qsizetype before = m_partialHead.size();
    const qsizetype room = m_limits.maxHeaderBytes + 4 - before;
    m_partialHead.append(data, std::min(size, std::max<qsizetype>(room, 0)));
    const qsizetype end = findHeadEnd(m_partialHead, before - 3);
    if (end > m_limits.maxHeaderBytes || (end < 0 && m_partialHead.size() > m_limits.maxHeaderBytes)) {
        refuse(431, "headers_too_large", tooLarge);
        return size;
    }
    if (end < 0)
        return size;
    const QByteArray head = std::exchange(m_partialHead, {}).left(end);
    acceptHead(head, heads);
    return end - before;
}

void RequestFramer::acceptHead(QByteArrayView head, QList<RequestHead> &heads)
{
    m_inHead = false;
    const qsizetype requestLineEnd = head.indexOf('\n');
    const QByteArrayView requestLine = withoutCr(head.first(requestLineEnd));
    if (!isRequestLine(requestLine)) {
        refuse(400, "bad_request", QStringLiteral("The request line is not valid HTTP/1.1."));
        return;
    }
    if (!isKnownMethod(requestLine.first(requestLine.indexOf(' ')))) {
        refuse(501, "not_implemented", QStringLiteral("The request method is not supported."));
        return;
    }

    RequestHead result;
    result.startOffset = m_headStart;
    result.bodyOffset = m_headStart + head.size();
    // HTTP/1.0 closes after the answer unless it asks to keep the connection.
    result.closeAfter = requestLine.endsWith("HTTP/1.0");
    bool haveLength = false;
    bool transferEncoding = false;
    bool upgrade = false;            // an Upgrade header...
    bool connectionUpgrade = false;  // ...that Connection names: the parser would switch protocols
    bool keyShaped = false;          // Authorization: Bearer <a key of the right shape>
    int count = 0;

    // Every line the parser could read differently is refused, so both
    // always agree where a request ends.
    const QByteArrayView fields = head.sliced(requestLineEnd + 1);
    qsizetype lineStart = 0;
    while (lineStart < fields.size()) {
        qsizetype lineEnd = fields.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = fields.size();
        const QByteArrayView line = withoutCr(fields.sliced(lineStart, lineEnd - lineStart));
        lineStart = lineEnd + 1;
        if (line.isEmpty())
            break; // the blank line that ends the head
        if (line.front() == ' ' || line.front() == '\t') {
            // Obsolete line folding: the parser glues this line to the one
            // before, so a "Content-Length" here would mean nothing to it.
            refuse(400, "bad_request", QStringLiteral("Header lines may not be folded (a line starts with a space)."));
            return;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)) || !isFieldValue(line.sliced(colon + 1))) {
            refuse(400, "bad_request", QStringLiteral("A header line is not of the form Name: value."));
            return;
        }
        if (++count > m_limits.maxHeaderFields) {
            refuse(431, "headers_too_large",
                   QStringLiteral("The request has more than %1 header fields.").arg(m_limits.maxHeaderFields));
            return;
        }
        if (line.size() > m_limits.maxHeaderFieldBytes) {
            refuse(431, "headers_too_large",
                   QStringLiteral("A header field is larger than %1 KiB.").arg(m_limits.maxHeaderFieldBytes / 1024));
            return;
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));

        if (equalsIgnoreCase(name, "content-length")) {
            bool digits = !value.isEmpty() && value.size() <= kMaxContentLengthDigits;
            for (char c : value)
                digits = digits && c >= '0' && c <= '9';
            const qint64 length = digits ? value.toLongLong() : -1;
            // Two lengths could frame the body two ways: refused, even equal
            // ones (the parser refuses those too).
            if (!digits || haveLength) {
                refuse(400, "bad_request", QStringLiteral("The Content-Length header is invalid."));
                return;
            }
            result.contentLength = length;
            haveLength = true;
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            transferEncoding = true;
        } else if (equalsIgnoreCase(name, "upgrade")) {
            upgrade = true;
        } else if (equalsIgnoreCase(name, "expect")) {
            result.expectContinue = equalsIgnoreCase(value, "100-continue");
        } else if (equalsIgnoreCase(name, "authorization")) {
            keyShaped = value.startsWith("Bearer ")
                && apikeys::hasKeyShape(QString::fromLatin1(trimmed(value.sliced(7))));
        } else if (equalsIgnoreCase(name, "connection")) {
            const QByteArray tokens = value.toByteArray().toLower();
            connectionUpgrade = connectionUpgrade || tokens.contains("upgrade");
            if (tokens.contains("close"))
                result.closeAfter = true;
            else if (tokens.contains("keep-alive"))
                result.closeAfter = false;
        }
    }

    if (transferEncoding && haveLength) {
        // Two framings for one request: the classic smuggling vector (RFC 9112 6.3).
        refuse(400, "bad_request", QStringLiteral("A request may not carry both Content-Length and Transfer-Encoding."));
        return;
    }
    if (transferEncoding) {
        refuse(411, "length_required",
               QStringLiteral("Send the request body with a Content-Length header; chunked uploads are not accepted."));
        return;
    }
    if (upgrade && connectionUpgrade) {
        // The parser would read the rest of the stream as another protocol.
        refuse(400, "bad_request", QStringLiteral("Protocol upgrades are not supported."));
        return;
    }
    // The bulk routes take a larger body from a key holder; every other
    // request, and these without a key, the ordinary cap.
    const qsizetype firstSpace = requestLine.indexOf(' ');
    QByteArrayView path = requestLine.sliced(firstSpace + 1, requestLine.lastIndexOf(' ') - firstSpace - 1);
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path = path.first(query);
    const bool bulkRoute = requestLine.startsWith("POST ") && (path == "/api/links/import" || path == "/api/links/batch");
    const qint64 limit = bulkRoute && keyShaped ? std::max(m_limits.maxKeyedBodyBytes, m_limits.maxBodyBytes) : m_limits.maxBodyBytes;
    if (result.contentLength > limit) {
        refuse(413, "payload_too_large",
               QStringLiteral("The request body is %1 bytes; the limit is %2 bytes (%3 KiB).")
                   .arg(result.contentLength)
                   .arg(limit)
                   .arg(limit / 1024));
        return;
    }
    result.largeBody = result.contentLength > m_limits.maxBodyBytes;
    m_bodyRemaining = result.contentLength;
    if (m_bodyRemaining == 0)
        m_boundary = result.bodyOffset;
    heads.append(result);
}

void RequestFramer::refuse(int status, const char *reason, QString message)
{
    m_inHead = false;
    m_partialHead.clear();
    m_refusal = FramingRefusal{status, reason, std::move(message), m_boundary};
}

} // namespace shortfuse
