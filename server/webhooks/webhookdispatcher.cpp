#include "server/webhooks/webhookdispatcher.h"

#include "server/core/clock.h"
#include "server/core/ratelimiter.h"
#include "server/storage/sqllinkstore.h"
#include "server/storage/webhookstore.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooksignature.h"
#include "server/webhooks/webhooktarget.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <mutex>
#include <condition_variable>

Q_LOGGING_CATEGORY(lcWebhooks, "shortfuse.webhooks")

namespace shortfuse {

namespace {
// How often the worker looks for due retries without being poked.
constexpr int kTickMs = 1'000;
// How often each endpoint's waiting events are counted (and, past the
// bound, the oldest dropped). Each event is read once for it (a tally is
// kept), but a black-holed endpoint's drop also replaces its outbox
// window, a write on the click writer's file: so not too often.
constexpr qint64 kBoundCheckMs = 5'000;
// How often it asks whether an endpoint wants unlimited clicks (an
// endpoint created on another server is heard of within this long).
constexpr qint64 kUnlimitedCheckMs = 5'000;
// Filling outboxes from the journal is a write transaction; on SQLite it
// takes the file's one write lock from the click writer. So at most this
// often while clicks pour in (an event waits at most this long for it)...
constexpr qint64 kFanOutIntervalMs = 100;
// ...and, with no endpoint at all, only this often (to notice one made on
// another server).
constexpr qint64 kIdleFanOutIntervalMs = 10'000;
// How often the outbox's figures for /metrics are read.
constexpr qint64 kBacklogReadMs = 1'000;
// Finished attempts are recorded together, this long after the first of them.
constexpr int kRecordDelayMs = 20;

Error notConnected()
{
    return Error{503, "storage_unavailable", QStringLiteral("webhook delivery is not running")};
}

// Runs `answer` on `context`'s thread, unless the context is gone.
template <typename Fn>
void replyOn(const QPointer<QObject> &context, Fn answer)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(answer), Qt::QueuedConnection);
}
} // namespace

class WebhookDispatcher::Worker final : public QObject {
public:
    Worker(std::unique_ptr<LinkStore> store, const Clock &clock, Config config, Counters &counters)
        : m_linkStore(std::move(store))
        , m_clock(clock)
        , m_config(config)
        , m_counters(counters)
    {
        m_tick.setInterval(kTickMs);
        connect(&m_tick, &QTimer::timeout, this, &Worker::pump);
    }

    Status open()
    {
        auto *sql = dynamic_cast<SqlLinkStore *>(m_linkStore.get());
        if (!sql)
            return Error{500, "storage_error", QStringLiteral("webhook delivery needs an SQL store")};
        if (Status opened = m_linkStore->open(); !opened)
            return opened;
        m_store = std::make_unique<WebhookStore>(*sql);
        m_sender = new WebhookSender(this);
        m_tick.start();
        QTimer::singleShot(0, this, &Worker::pump);
        return {};
    }

    void close()
    {
        m_tick.stop();
        m_closing = true;
        // Given back, so the next start (or another server) sends them at once.
        // What ended is recorded; what is still out is given back.
        (void)m_store->record(std::exchange(m_finished, {}), m_clock.nowMs());
        if (!m_inFlight.isEmpty())
            (void)m_store->release(m_inFlight.keys());
        delete m_sender; // what is still in flight ends ("cancelled"), answered into nothing
        m_sender = nullptr;
        m_store.reset();
        m_linkStore->close();
    }

    void pump()
    {
        if (!m_store || m_closing)
            return;
        m_sincePump.start();
        const qint64 now = m_clock.nowMs();
        const qint64 sinceFanOut = m_sinceFanOut.isValid() ? m_sinceFanOut.elapsed() : kIdleFanOutIntervalMs;
        if (sinceFanOut >= (m_enabledEndpoints > 0 ? kFanOutIntervalMs : kIdleFanOutIntervalMs)) {
            m_sinceFanOut.start();
            refillOutboxes(now);
        } else if (m_enabledEndpoints > 0 && !m_fanOutScheduled) {
            // Poked too soon after the last one: once more when the interval is up.
            m_fanOutScheduled = true;
            QTimer::singleShot(int(kFanOutIntervalMs - sinceFanOut), this, [this] {
                m_fanOutScheduled = false;
                pump();
            });
        }
        if (now - m_unlimitedCheckedAtMs >= kUnlimitedCheckMs && m_unlimitedListener) {
            m_unlimitedCheckedAtMs = now;
            if (const Result<bool> wanted = m_store->anyWantsUnlimitedClicks(); wanted)
                m_unlimitedListener(*wanted);
        }
        const int room = kMaxInFlight - int(m_inFlight.size());
        if (room > 0) {
            const Result<QList<WebhookStore::Due>> due
                = m_store->lease(now, qint64(kLeaseTimeouts) * m_config.timeoutMs, room);
            if (!due)
                noteError(due.error());
            else
                for (const WebhookStore::Due &one : *due)
                    send(one);
        }
        // The metrics' figures: read at most once a second, not on every
        // poke (a poke comes with every commit that wrote events).
        if (m_sinceBacklog.isValid() && m_sinceBacklog.elapsed() < kBacklogReadMs)
            return;
        m_sinceBacklog.start();
        if (const Result<WebhookStore::Backlog> backlog = m_store->backlog(); backlog) {
            m_counters.pending.store(backlog->pending);
            m_counters.oldestPendingAgeMs.store(backlog->oldestCreatedAtMs ? std::max<qint64>(0, now - *backlog->oldestCreatedAtMs) : 0);
            if (backlog->dropped > m_counters.dropped.load())
                qCWarning(lcWebhooks, "%lld undelivered webhook events were dropped: an endpoint's outbox passed %lld",
                          backlog->dropped - m_counters.dropped.load(), kWebhookOutboxBound);
            m_counters.dropped.store(backlog->dropped);
            m_counters.abandoned.store(backlog->abandoned);
            m_counters.disabledEndpoints.store(backlog->disabled);
            m_enabledEndpoints = backlog->enabled;
        }
    }

    // Moves what each endpoint wants from the journal into its outbox
    // window; once a second, also counts what waits (dropping the oldest
    // past the bound). An endpoint whose window is full (a black hole)
    // costs nothing in between.
    void refillOutboxes(qint64 now)
    {
        const bool bound = !m_sinceBoundCheck.isValid() || m_sinceBoundCheck.elapsed() >= kBoundCheckMs;
        if (bound)
            m_sinceBoundCheck.start();
        const Result<QList<qint64>> behind = m_store->behind(bound);
        if (!behind) {
            noteError(behind.error());
            return;
        }
        for (qint64 id : *behind) {
            if (const Result<int> taken = m_store->refill(id, now, bound); !taken) {
                noteError(taken.error());
                return;
            }
        }
    }

    void poke()
    {
        if (m_pokePending)
            return;
        m_pokePending = true; // one pump for a burst of commits, at most every kFanOutIntervalMs
        const qint64 since = m_sincePump.isValid() ? m_sincePump.elapsed() : kFanOutIntervalMs;
        QTimer::singleShot(int(std::max<qint64>(0, kFanOutIntervalMs - since)), this, [this] {
            m_pokePending = false;
            pump();
        });
    }

    void setUnlimitedListener(std::function<void(bool)> listener)
    {
        m_unlimitedListener = std::move(listener);
        m_unlimitedCheckedAtMs = 0;
    }

    void create(WebhookEndpoint endpoint, QPointer<QObject> context, Done<WebhookEndpoint> done)
    {
        Result<WebhookEndpoint> made = [&]() -> Result<WebhookEndpoint> {
            if (!m_store)
                return notConnected();
            // The rules every caller already applied (webhookparser), kept
            // here too: nothing reaches the table that could not be sent.
            if (const Result<QUrl> url = parseWebhookUrl(endpoint.url); !url)
                return url.error();
            if (endpoint.events.isEmpty() || !webhookFormatFromName(endpoint.format))
                return Error{400, "invalid_events", QStringLiteral("A webhook needs at least one event and a known format.")};
            const Result<qint64> owned = m_store->countOwned(endpoint.ownerKeyId);
            if (!owned)
                return owned.error();
            if (*owned >= kMaxWebhooksPerOwner)
                return Error{409, "too_many_webhooks",
                             QStringLiteral("At most %1 webhooks per key; delete one first.").arg(kMaxWebhooksPerOwner)};
            endpoint.createdAtMs = m_clock.nowMs();
            endpoint.secret = newWebhookSecret();
            return m_store->insert(endpoint);
        }();
        if (made && made->unlimitedClicks && m_unlimitedListener)
            m_unlimitedListener(true); // at once, not at the next check
        if (made)
            ++m_enabledEndpoints; // fan out at the usual pace from now on
        replyOn(context, [done = std::move(done), made] { done(made); });
    }

    void list(std::optional<qint64> owner, QPointer<QObject> context, Done<QList<WebhookEndpoint>> done)
    {
        Result<QList<WebhookEndpoint>> listed = m_store ? m_store->list(owner) : Result<QList<WebhookEndpoint>>(notConnected());
        replyOn(context, [done = std::move(done), listed] { done(listed); });
    }

    void remove(qint64 id, std::optional<qint64> owner, QPointer<QObject> context, Done<bool> done)
    {
        Result<bool> removed = m_store ? m_store->remove(id, owner) : Result<bool>(notConnected());
        replyOn(context, [done = std::move(done), removed] { done(removed); });
    }

    void sendTest(qint64 id, std::optional<qint64> owner, QPointer<QObject> context, Done<WebhookSender::Outcome> done)
    {
        // A test is a person's click, not a stream: a few a minute per
        // owner, so a key cannot turn the server into a request cannon
        // aimed at any URL it registers.
        const QByteArray limitKey = owner ? "key:" + QByteArray::number(*owner) : QByteArrayLiteral("local");
        if (const RateLimiter::Decision decision = m_testLimiter.tryAcquireKey(limitKey); !decision.allowed) {
            Result<WebhookSender::Outcome> refused = tooManyRequests(QStringLiteral("test messages"), decision.retryAfterSeconds);
            replyOn(context, [done = std::move(done), refused] { done(refused); });
            return;
        }
        const Result<std::optional<WebhookEndpoint>> found = m_store ? m_store->find(id, owner)
                                                                    : Result<std::optional<WebhookEndpoint>>(notConnected());
        if (!found || !*found) {
            Result<WebhookSender::Outcome> failed = found ? Result<WebhookSender::Outcome>(notFound()) : found.error();
            replyOn(context, [done = std::move(done), failed] { done(failed); });
            return;
        }
        const WebhookEndpoint &endpoint = **found;
        const WebhookFormat format = webhookFormatFromName(endpoint.format).value_or(WebhookFormat::Standard);
        const qint64 now = m_clock.nowMs();
        WebhookPayload payload = renderTestWebhook(format, now);
        const QByteArray messageId = "msg_test_" + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        auto headers = standardWebhookHeaders(endpoint.secret, messageId, now / 1000, payload.body);
        m_sender->send(WebhookSender::Request{QUrl(endpoint.url), std::move(payload), std::move(headers),
                                              m_config.timeoutMs, m_config.allowPrivate},
                       [context, done = std::move(done)](const WebhookSender::Outcome &outcome) {
                           replyOn(context, [done, outcome] { done(Result<WebhookSender::Outcome>(outcome)); });
                       });
    }

private:
    static Error notFound()
    {
        return Error{404, "not_found", QStringLiteral("No such webhook.")};
    }

    void send(const WebhookStore::Due &due)
    {
        const WebhookFormat format = webhookFormatFromName(due.endpoint.format).value_or(WebhookFormat::Standard);
        WebhookPayload payload = renderWebhook(format, due.event);
        // The same id on every attempt: receivers drop a duplicate by it.
        const QByteArray messageId = "msg_" + QByteArray::number(due.event.id); // linkEventId: unique per event
        auto headers = standardWebhookHeaders(due.endpoint.secret, messageId, m_clock.nowMs() / 1000, payload.body);
        m_inFlight.insert(due.outboxId, due);
        m_sender->send(WebhookSender::Request{QUrl(due.endpoint.url), std::move(payload), std::move(headers),
                                              m_config.timeoutMs, m_config.allowPrivate},
                       [this, outboxId = due.outboxId](const WebhookSender::Outcome &outcome) { finished(outboxId, outcome); });
    }

    void finished(qint64 outboxId, const WebhookSender::Outcome &outcome)
    {
        if (m_closing || !m_inFlight.contains(outboxId))
            return; // stopping: close() gave the lease back
        WebhookStore::Finished done;
        done.due = m_inFlight.take(outboxId);
        done.attempt = WebhookStore::Attempt{outcome.status, QString(), outcome.elapsedMs};
        if (outcome.delivered) {
            m_counters.delivered.fetch_add(1, std::memory_order_relaxed);
        } else {
            m_counters.failedAttempts.fetch_add(1, std::memory_order_relaxed);
            done.attempt.error = outcome.error.isEmpty() ? QStringLiteral("HTTP %1").arg(outcome.status) : outcome.error;
            done.retryAtMs = m_clock.nowMs()
                + webhookRetryDelayMs(done.due.attempts + 1, QRandomGenerator::global()->generateDouble());
        }
        m_finished.append(std::move(done));
        if (!m_recordScheduled) {
            m_recordScheduled = true;
            QTimer::singleShot(kRecordDelayMs, this, &Worker::recordFinished);
        }
    }

    // The attempts that ended meanwhile, in one transaction.
    void recordFinished()
    {
        m_recordScheduled = false;
        if (!m_store || m_closing)
            return;
        const QList<WebhookStore::Finished> finished = std::exchange(m_finished, {});
        const Result<QList<qint64>> disabled = m_store->record(finished, m_clock.nowMs());
        if (!disabled) {
            // Not recorded: their leases run out and they are sent again (at least once).
            noteError(disabled.error());
        } else {
            for (qint64 id : *disabled)
                qCWarning(lcWebhooks, "webhook %lld disabled: every delivery failed for 24 hours; its undelivered "
                                      "events are abandoned",
                          id);
        }
        pump(); // room for the next due ones
    }

    void noteError(const Error &error)
    {
        // Once per distinct message: a database outage must not flood the log.
        if (error.message != m_lastError)
            qCWarning(lcWebhooks, "webhook delivery: %s", qUtf8Printable(error.message));
        m_lastError = error.message;
    }

    std::unique_ptr<LinkStore> m_linkStore;
    const Clock &m_clock;
    RateLimiter m_testLimiter{WebhookDispatcher::kTestsPerMinute, m_clock};
    Config m_config;
    Counters &m_counters;
    std::unique_ptr<WebhookStore> m_store;
    WebhookSender *m_sender = nullptr; // child
    QHash<qint64, WebhookStore::Due> m_inFlight; // by outbox id
    QList<WebhookStore::Finished> m_finished;    // ended, not yet recorded
    bool m_recordScheduled = false;
    QElapsedTimer m_sinceFanOut;
    QElapsedTimer m_sinceBoundCheck;
    QElapsedTimer m_sinceBacklog;
    QElapsedTimer m_sincePump;
    bool m_fanOutScheduled = false;
    qint64 m_enabledEndpoints = 1;               // until the first backlog read says
    std::function<void(bool)> m_unlimitedListener;
    qint64 m_unlimitedCheckedAtMs = 0;
    QString m_lastError;
    QTimer m_tick{this};
    bool m_pokePending = false;
    bool m_closing = false;
};

WebhookDispatcher::WebhookDispatcher(std::unique_ptr<LinkStore> store, const Clock &clock, Config config)
    : m_worker(new Worker(std::move(store), clock, config, m_counters))
{
    m_thread.setObjectName(QStringLiteral("shortfuse-webhooks"));
    m_worker->moveToThread(&m_thread);
}

WebhookDispatcher::~WebhookDispatcher()
{
    stop();
    delete m_worker; // its thread has ended: safe to delete from here
}

Status WebhookDispatcher::start()
{
    m_thread.start();
    Status opened;
    QMetaObject::invokeMethod(m_worker, [this, &opened] { opened = m_worker->open(); }, Qt::BlockingQueuedConnection);
    m_started = bool(opened);
    return opened;
}

void WebhookDispatcher::stop()
{
    if (!m_thread.isRunning())
        return;
    if (m_started)
        QMetaObject::invokeMethod(m_worker, [this] { m_worker->close(); }, Qt::BlockingQueuedConnection);
    m_started = false;
    m_thread.quit();
    m_thread.wait();
}

void WebhookDispatcher::poke()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->poke(); }, Qt::QueuedConnection);
}

void WebhookDispatcher::setUnlimitedClicksListener(std::function<void(bool)> listener)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, listener = std::move(listener)] { worker->setUnlimitedListener(listener); },
                              Qt::QueuedConnection);
}

void WebhookDispatcher::create(WebhookEndpoint endpoint, QObject *context, Done<WebhookEndpoint> done)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, endpoint = std::move(endpoint), target = QPointer<QObject>(context), done = std::move(done)]() mutable {
            worker->create(std::move(endpoint), target, std::move(done));
        },
        Qt::QueuedConnection);
}

void WebhookDispatcher::list(std::optional<qint64> owner, QObject *context, Done<QList<WebhookEndpoint>> done)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, owner, target = QPointer<QObject>(context), done = std::move(done)]() mutable {
            worker->list(owner, target, std::move(done));
        },
        Qt::QueuedConnection);
}

void WebhookDispatcher::remove(qint64 id, std::optional<qint64> owner, QObject *context, Done<bool> done)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, owner, target = QPointer<QObject>(context), done = std::move(done)]() mutable {
            worker->remove(id, owner, target, std::move(done));
        },
        Qt::QueuedConnection);
}

void WebhookDispatcher::sendTest(qint64 id, std::optional<qint64> owner, QObject *context, Done<WebhookSender::Outcome> done)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, owner, target = QPointer<QObject>(context), done = std::move(done)]() mutable {
            worker->sendTest(id, owner, target, std::move(done));
        },
        Qt::QueuedConnection);
}

} // namespace shortfuse
