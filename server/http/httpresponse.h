#pragma once

#include "server/http/guardedtcpserver.h"
#include "server/core/metrics.h"
#include "server/core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <utility>

class QHttpServerRequest;
class QHttpServerResponder;

namespace shortfuse::http {

using Header = std::pair<QByteArray, QByteArray>;

// A complete answer, built by a handler and written in one piece.
struct Response {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<Header> headers;

    static Response json(int status, const QJsonObject &object);
    // {"error": sentence, "reason": code} with the error's status.
    static Response jsonError(const Error &error);
    // An HTML page with the security headers every page carries.
    static Response html(int status, QByteArray page);
    Response &withHeader(QByteArray name, QByteArray value);
};

// Where an answer goes, captured when the request arrives so the answer can
// be written later (after a group commit) without touching the request.
// The socket is guarded: a client that hung up simply gets nothing.
// With `metrics`, the answer is counted there under the channel's route
// when it is sent.
class ReplyChannel {
public:
    ReplyChannel(const QHttpServerRequest &request, QHttpServerResponder &responder, Metrics *metrics = nullptr);

    void setRoute(MetricsRoute route) { m_route = route; }
    // When the request reached the application (Metrics::nowNs()); 0 without metrics.
    qint64 startedNs() const { return m_startedNs; }

    void send(const Response &response);
    // Ends the connection once this answer is out.
    void closeAfterwards() { m_ticket.closeAfter = true; }
    // The click path's answer, kept apart so it costs one small buffer.
    void sendRedirect(const QByteArray &location);

    // An answer written in parts as the client reads it (an export). Its
    // turn comes once every answer before it is out (isTurn). With HTTP/1.1
    // keep-alive the body is chunked; otherwise it ends with the connection.
    bool isTurn() const { return m_socket && m_socket->isTurnOf(m_ticket); }
    GuardedSocket *socket() const { return m_socket; }
    void sendHead(int status, const QByteArray &contentType, const QList<Header> &headers);
    void sendPart(const QByteArray &bytes);
    void finish();
    // The answer's bytes written but not yet taken by the kernel.
    qint64 pendingBytes() const { return m_socket ? m_socket->bytesToWrite() : 0; }

private:
    void write(const QByteArray &bytes);

    QPointer<GuardedSocket> m_socket;
    GuardedSocket::Ticket m_ticket;
    Metrics *m_metrics = nullptr;
    qint64 m_startedNs = 0;
    MetricsRoute m_route = MetricsRoute::Other;
    bool m_headOnly = false;
};

} // namespace shortfuse::http
