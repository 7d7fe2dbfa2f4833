#pragma once

// A webhook endpoint for tests: a real HTTP/1.1 listener on 127.0.0.1 (port
// 0), on a thread of its own, that records every request it receives and
// answers each with the status it is told to (or holds the connection
// without answering: a black hole). Blocking sockets, no Qt event loop, so
// tests can use it beside their blocking HTTP clients.

#include <QByteArray>
#include <QList>
#include <QPair>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace shortfuse::test {

class WebhookReceiver final {
public:
    struct Request {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int answeredWith = 0; // 0: held without an answer
        QByteArray header(const QByteArray &name) const;
    };

    WebhookReceiver();
    ~WebhookReceiver();
    WebhookReceiver(const WebhookReceiver &) = delete;
    WebhookReceiver &operator=(const WebhookReceiver &) = delete;

    quint16 port() const { return m_port; }
    QByteArray url(const QByteArray &path = "/hook") const;

    // The status of the next answers (default 200); 0: never answer.
    void answerWith(int status) { m_status.store(status); }
    QList<Request> requests() const;
    int count() const;

private:
    void serve();
    void handle(int socket);

    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<int> m_status{200};
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    QList<Request> m_requests;
    std::vector<int> m_held; // black-holed connections, closed at the end
    std::thread m_thread;
};

} // namespace shortfuse::test
