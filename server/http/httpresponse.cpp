#include "server/http/httpresponse.h"

#include "server/http/httpstatus.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>

namespace shortfuse::http {

namespace {

// No scripts but our own, no inline code, nothing from other hosts.
const QByteArray kContentSecurityPolicy =
    QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");

} // namespace

Response Response::json(int status, const QJsonObject &object)
{
    return Response{status, QByteArrayLiteral("application/json"),
                    QJsonDocument(object).toJson(QJsonDocument::Compact),
                    {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                     {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}};
}

Response Response::jsonError(const Error &error)
{
    Response response = json(error.status, QJsonObject{{QStringLiteral("error"), error.message},
                                                       {QStringLiteral("reason"), QString::fromLatin1(error.reason)}});
    if (error.retryAfterSeconds > 0)
        response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfterSeconds));
    // RFC 6750: a request that needs an API key, or sent a bad one, says
    // which scheme to use (and, for a bad one, that the token was refused).
    if (error.reason == "key_required")
        response.withHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"shortfuse\""));
    else if (error.reason == "invalid_key" || error.reason == "revoked_key")
        response.withHeader(QByteArrayLiteral("WWW-Authenticate"),
                            QByteArrayLiteral("Bearer realm=\"shortfuse\", error=\"invalid_token\""));
    return response;
}

Response Response::html(int status, QByteArray page)
{
    return Response{status, QByteArrayLiteral("text/html; charset=utf-8"), std::move(page),
                    {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                     {QByteArrayLiteral("Content-Security-Policy"), kContentSecurityPolicy},
                     {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
                     {QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")},
                     {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")}}};
}

Response &Response::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

ReplyChannel::ReplyChannel(const QHttpServerRequest &request, QHttpServerResponder &responder, Metrics *metrics)
    : m_socket(qobject_cast<GuardedSocket *>(responder.socket()))
    , m_metrics(metrics)
    , m_startedNs(metrics ? Metrics::nowNs() : 0)
    , m_headOnly(request.method() == QHttpServerRequest::Method::Head)
{
    // Every connection is accepted by GuardedTcpServer, so the cast holds.
    Q_ASSERT(m_socket);
    if (m_socket)
        m_ticket = m_socket->takeTicket();
}

void ReplyChannel::send(const Response &response)
{
    if (m_metrics)
        m_metrics->countRequest(m_route, response.status);
    QByteArray out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    for (const Header &header : response.headers)
        out += header.first + ": " + header.second + "\r\n";
    if (m_ticket.closeAfter)
        out += "Connection: close\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
    if (!m_headOnly)
        out += response.body;
    write(out);
}

void ReplyChannel::sendRedirect(const QByteArray &location)
{
    if (m_metrics)
        m_metrics->countRequest(m_route, 302);
    QByteArray out;
    out.reserve(160 + location.size());
    // Referrer-Policy: the destination does not learn the short link, which
    // for a one-time link may itself be a secret.
    out += "HTTP/1.1 302 Found\r\nLocation: " + location
        + "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n";
    if (m_ticket.closeAfter)
        out += "Connection: close\r\n";
    out += "Content-Length: 0\r\n\r\n";
    write(out);
}

void ReplyChannel::sendHead(int status, const QByteArray &contentType, const QList<Header> &headers)
{
    if (m_metrics)
        m_metrics->countRequest(m_route, status);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    for (const Header &header : headers)
        out += header.first + ": " + header.second + "\r\n";
    out += m_ticket.closeAfter ? "Connection: close\r\n\r\n" : "Transfer-Encoding: chunked\r\n\r\n";
    if (m_socket)
        m_socket->writePart(m_ticket, out);
}

void ReplyChannel::sendPart(const QByteArray &bytes)
{
    if (!m_socket || bytes.isEmpty())
        return;
    if (m_ticket.closeAfter)
        return m_socket->writePart(m_ticket, bytes);
    m_socket->writePart(m_ticket, QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
}

void ReplyChannel::finish()
{
    // The last chunk; without chunking, the close that deliver() makes ends the body.
    write(m_ticket.closeAfter ? QByteArray() : QByteArrayLiteral("0\r\n\r\n"));
}

void ReplyChannel::write(const QByteArray &bytes)
{
    if (!m_socket)
        return; // the client left; its click (if any) is recorded all the same
    m_socket->deliver(m_ticket, bytes);
}

} // namespace shortfuse::http
