#pragma once

#include "server/core/creationquota.h"
#include "server/core/link.h"
#include "server/core/result.h"
#include "server/storage/linkstore.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

namespace shortfuse {

// Owns the storage connection and the one thread that writes to it.
//
// Every write (new links, click claims, click records) is queued here and
// executed in batches: one transaction, one durable commit, for everything
// that arrived while the previous batch was being committed (group
// commit). Answers run on `replyContext`'s thread once their batch is
// committed, so a capped link's redirect is only sent after its click is on
// disk, and the server's own thread never waits for the disk.
class ClickWriter final {
public:
    using CreateDone = std::function<void(const Result<Link> &)>;
    using ClaimDone = std::function<void(const Result<Claim> &)>;

    struct Counters {
        std::atomic<quint64> batches{0};
        std::atomic<quint64> operations{0};
        std::atomic<quint64> failedBatches{0};
        std::atomic<quint64> largestBatch{0};
    };

    // Learns what it can about a click (browser, country, bot) just before
    // its row is written: on this thread, off the path of the response.
    using Enricher = std::function<ClickDetails(const ClickFacts &)>;

    ClickWriter(std::unique_ptr<LinkStore> store, QObject *replyContext, Enricher enricher = {});
    ~ClickWriter();
    Q_DISABLE_COPY_MOVE(ClickWriter)

    // Opens the store on the writer thread; returns its error if it fails.
    Status start();
    // Commits everything queued, then ends the thread. Idempotent.
    void stop();

    // With a quota, the creation is first counted against that client's
    // budget shared through the database (refused with 429 when spent).
    void create(NewLink link, CreateDone done, std::optional<CreationQuota> quota = std::nullopt);
    // Uses up one click if the link allows it, and logs the request.
    void claim(ClaimRequest request, ClickFacts facts, ClaimDone done);
    // Reads a link's state through the same queue, so the answer is ordered
    // after every claim submitted before it. Uses up nothing, logs nothing.
    // Kind is Redirected for a link that would still redirect.
    void lookup(QString slug, qint64 nowMs, ClaimDone done);
    // Logs a request whose answer did not need the database first: a
    // redirect of an unlimited link (which is counted) or an expired hit.
    void record(qint64 linkId, ClickOutcome outcome, ClickFacts facts);
    // Marks a link revoked; `done` gets false when there is no such link.
    void revoke(QString slug, std::function<void(const Result<bool> &)> done);
    // `done` runs once everything submitted before it is committed.
    void flush(std::function<void()> done);

    // True while so many click records wait that taking more would let
    // memory grow without bound; callers answer 503 instead.
    bool overloaded() const { return m_pendingRecords.load(std::memory_order_relaxed) > kMaxPendingRecords; }
    const Counters &counters() const { return m_counters; }
    // The database's token secret, read when the writer started.
    const QByteArray &secret() const { return m_secret; }
    // A random id for this writer's ChangeNotices, so the server that
    // sent one can tell it from the others'.
    const QByteArray &sender() const { return m_sender; }

    // Called on the reply context's thread after each commit that logged
    // requests (and so may have changed click counts), with the ids of
    // those links, for live views. Set it before start().
    void setCommitListener(std::function<void(const QList<qint64> &)> listener) { m_commitListener = std::move(listener); }
    // Called on the writer thread with the number of operations of each
    // committed batch (for the metrics). Set it before start().
    void setBatchObserver(std::function<void(size_t)> observer) { m_batchObserver = std::move(observer); }
    qint64 pendingRecords() const { return m_pendingRecords.load(std::memory_order_relaxed); }

private:
    struct CreateOp {
        NewLink link;
        CreateDone done;
        std::optional<CreationQuota> quota;
    };
    struct ClaimOp {
        ClaimRequest request;
        ClickFacts facts;
        ClaimDone done;
    };
    struct LookupOp {
        QString slug;
        qint64 nowMs;
        ClaimDone done;
    };
    struct RecordOp {
        qint64 linkId;
        ClickOutcome outcome;
        ClickFacts facts;
    };
    struct RevokeOp {
        QString slug;
        std::function<void(const Result<bool> &)> done;
    };
    struct FlushOp {
        std::function<void()> done;
    };
    using Op = std::variant<CreateOp, ClaimOp, LookupOp, RecordOp, RevokeOp, FlushOp>;
    using Reply = std::function<void()>;

    static constexpr qint64 kMaxPendingRecords = 200'000;
    static constexpr size_t kMaxBatch = 4096;
    static constexpr std::chrono::milliseconds kRecordDelay{10};
    static constexpr int kRecordsPerWake = 1024;

    void enqueue(Op op);
    void run(std::promise<Status> *opened);
    // Returns false when the batch could not be committed.
    bool writeBatch(std::vector<Op> &batch, std::vector<Reply> &replies);
    void failBatch(std::vector<Op> &batch, std::vector<Reply> &replies, const Error &error);
    void postReplies(std::vector<Reply> replies);

    Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts);

    std::unique_ptr<LinkStore> m_store;
    Enricher m_enricher;
    std::function<void(const QList<qint64> &)> m_commitListener;
    std::function<void(size_t)> m_batchObserver;
    QObject *m_replyContext; // outlives the writer: its owner stops the writer first

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Op> m_queue;
    bool m_stopping = false;
    bool m_urgent = false;       // something in the queue has a caller waiting
    int m_recordsWaiting = 0;
    std::thread m_thread;
    std::atomic<qint64> m_pendingRecords{0};
    quint64 m_batchesSincePurge = 0;
    Counters m_counters;
    QByteArray m_secret;
    QByteArray m_sender;
};

} // namespace shortfuse
