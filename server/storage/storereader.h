#pragma once

#include "server/core/result.h"
#include "server/storage/linkstore.h"
#include "server/storage/workerthread.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

namespace shortfuse {

// Owns a read-only use of the database on a thread of its own, so reads
// (statistics over many clicks, a link the cache does not know) never
// hold up the server's thread or the writer's commits. Jobs run in order;
// each posts its answer to the reply context's thread.
class StoreReader final {
public:
    StoreReader(std::unique_ptr<LinkStore> store, QObject *replyContext);
    ~StoreReader();
    Q_DISABLE_COPY_MOVE(StoreReader)

    Status start();
    void stop();
    // Reads the database could not answer (for the metrics).
    quint64 failedReads() const { return m_failedReads.load(std::memory_order_relaxed); }
    // How many jobs wait for this reader.
    qint64 waitingJobs() const { return m_waiting.load(std::memory_order_relaxed); }

    // Past this many waiting jobs a read is answered storageOverloaded() at
    // once and nothing is queued: a flood of lookups (unknown slugs, HEADs,
    // statistics) must not grow the queue without bound. A few seconds of
    // the reader's work at worst.
    static constexpr qint64 kMaxWaitingJobs = 4096;

    // Runs `job` on the reader thread, then `done` with its result on the
    // thread of `context` (default: the reply context). Callable from any
    // thread; an answer whose context is gone by then is dropped.
    template <typename T>
    void read(std::function<Result<T>(LinkReads &)> job, std::function<void(const Result<T> &)> done,
              QObject *context = nullptr)
    {
        QPointer<QObject> target = context ? context : m_replyContext;
        if (m_waiting.load(std::memory_order_relaxed) >= kMaxWaitingJobs) {
            // Full: refused now, and still answered on the context's thread
            // as every answer is, so callers need no second path.
            if (target)
                QMetaObject::invokeMethod(
                    target.data(), [done] { done(storageOverloaded()); }, Qt::QueuedConnection);
            return;
        }
        m_waiting.fetch_add(1, std::memory_order_relaxed);
        m_worker.push([job = std::move(job), done = std::move(done), target, this](LinkStore &store) {
            m_waiting.fetch_sub(1, std::memory_order_relaxed);
            Result<T> result = job(store);
            if (!result) {
                // The driver's message is for the log only: it can name the
                // database's host and port.
                failedRead(result.error());
                result = storageUnavailable();
                (void)store.recover(); // the next read gets a fresh connection if this one died
            }
            if (target)
                QMetaObject::invokeMethod(target.data(), [done, result = std::move(result)] { done(result); },
                                          Qt::QueuedConnection);
        });
    }

    // `done` runs on the reply context's thread once every read submitted
    // before it is answered there (answers are queued to that thread in order).
    void flush(std::function<void()> done);

private:
    // Sees the whole store (to reconnect after a failure); hands the job only its reads.
    using Job = std::function<void(LinkStore &)>;
    void run();
    // Counts and logs a read the database could not answer.
    void failedRead(const Error &cause);

    std::unique_ptr<LinkStore> m_store;
    QObject *m_replyContext; // outlives the reader: its owner stops the reader first
    WorkerThread<Job> m_worker;
    std::atomic<quint64> m_failedReads{0};
    std::atomic<qint64> m_waiting{0}; // jobs pushed and not yet started
};

} // namespace shortfuse
