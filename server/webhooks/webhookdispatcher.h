#pragma once

#include "server/core/result.h"
#include "server/core/webhookendpoint.h"
#include "server/webhooks/webhooksender.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace shortfuse {

class Clock;
class LinkStore;

// Delivers the events journal to webhook endpoints, at least once, off the
// server's thread: a thread of its own with its own connection, where it
// moves new journal events into the outbox of each endpoint that wants
// them (WebhookStore::fanOut, a cursor shared by every server), leases due
// outbox rows, sends each (WebhookSender: vetted address, timeout, no
// redirects), and records the result: delivered rows go, failed ones are
// retried with exponential backoff and jitter until their endpoint has
// failed for 24 hours and is disabled. Nothing here can slow a redirect:
// the click path only writes the journal row, in its own batch.
//
// A kill -9 loses nothing: the outbox and the cursor are in the database,
// and a lease held by a dead server runs out (kLeaseTimeouts times the
// timeout), after which any server sends it again (the webhook-id stays
// the same, so receivers can drop the duplicate).
class WebhookDispatcher final {
public:
    struct Config {
        bool allowPrivate = false;  // --allow-private-webhooks
        int timeoutMs = 10'000;     // one attempt, resolve to answer
    };
    // Counters for /metrics, readable from any thread.
    struct Counters {
        std::atomic<quint64> delivered{0};
        std::atomic<quint64> failedAttempts{0};
        std::atomic<qint64> pending{0};
        std::atomic<qint64> oldestPendingAgeMs{0};
        std::atomic<qint64> dropped{0};
        std::atomic<qint64> abandoned{0};
        std::atomic<qint64> disabledEndpoints{0};
    };

    WebhookDispatcher(std::unique_ptr<LinkStore> store, const Clock &clock, Config config);
    ~WebhookDispatcher();
    Q_DISABLE_COPY_MOVE(WebhookDispatcher)

    // Opens the store on the dispatcher's thread and starts delivering.
    Status start();
    // Ends what is in flight (their leases are given back, so the next
    // start sends them at once) and the thread. Idempotent.
    void stop();

    // The journal may have grown (a local commit wrote events, another
    // server's clicks were heard): look now rather than at the next tick.
    // Callable from any thread.
    void poke();
    // Told, from the dispatcher's thread, whether some endpoint wants
    // clicks on unlimited links (ClickWriter::setJournalUnlimitedClicks).
    void setUnlimitedClicksListener(std::function<void(bool)> listener);

    // The API's and the window's calls, from any thread; `done` runs on
    // `context`'s thread (dropped if it is gone by then).
    template <typename T>
    using Done = std::function<void(const Result<T> &)>;
    void create(WebhookEndpoint endpoint, QObject *context, Done<WebhookEndpoint> done);
    void list(std::optional<qint64> owner, QObject *context, Done<QList<WebhookEndpoint>> done);
    void remove(qint64 id, std::optional<qint64> owner, QObject *context, Done<bool> done);
    // POST /api/webhooks/<id>/test: one signed test message, sent now,
    // outside the outbox; answers what the endpoint said (429 past
    // kTestsPerMinute for this owner).
    void sendTest(qint64 id, std::optional<qint64> owner, QObject *context, Done<WebhookSender::Outcome> done);

    const Counters &counters() const { return m_counters; }

    // A lease lasts this many attempt timeouts.
    static constexpr int kLeaseTimeouts = 3;
    // Deliveries in flight at once (over every endpoint).
    static constexpr int kMaxInFlight = 16;
    // sendTest() calls per owner (a key, or local requests and the window)
    // per minute; more are refused with 429.
    static constexpr int kTestsPerMinute = 10;

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    Counters m_counters;
    bool m_started = false;
};

} // namespace shortfuse
