#pragma once

#include "server/core/creationquota.h"
#include "server/core/link.h"
#include "server/core/result.h"
#include "server/storage/changenotice.h"
#include "server/storage/linkstore.h"
#include "server/storage/workerthread.h"

#include <QObject>
#include <QSet>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

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
    // What to do when a new link's slug is taken, decided by the links
    // layer (storage knows no slug rules): given the link and how many
    // slugs were tried so far, the next slug to try, or the error to answer.
    using SlugTaken = std::function<Result<QString>(const NewLink &link, int attempts)>;

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

    // Stores a new link; when its slug is taken, `onTaken` says what next.
    // With a quota, the creation is first counted against that client's
    // budget shared through the database (refused with 429 when spent).
    void create(NewLink link, SlugTaken onTaken, CreateDone done, std::optional<CreationQuota> quota = std::nullopt);
    // Uses up one click if the link allows it, and logs the request.
    void claim(ClaimRequest request, ClickFacts facts, ClaimDone done);
    // Logs a request whose answer did not need the database first: a
    // redirect of an unlimited link (which is counted) or an expired hit.
    void record(qint64 linkId, VisitOutcome outcome, ClickFacts facts);
    // Marks a link revoked; `done` gets false when there is no such link.
    // Answered after every claim submitted before it.
    void revoke(QString slug, std::function<void(const Result<bool> &)> done);
    // `done` runs once everything submitted before it is committed.
    void flush(std::function<void()> done);

    // A management write (API keys, a link's change or purge, a batch of
    // links, an import): `write` runs on the writer thread in a batch of its
    // own, so every click record submitted before it is committed first (a
    // cap set on an unlimited link counts every redirect already answered),
    // and it takes its row locks alone (no lock-order rule to keep). What
    // it adds to `notice` reaches the other servers with its commit. It
    // returns a database failure only (the batch is then rolled back);
    // an answer for the caller (a refusal included) goes through what it
    // captures. `done` runs on the reply context's thread after the commit,
    // with the failure if there was one.
    using Write = std::function<Status(LinkWrites &, ChangeNotice &notice)>;
    void write(Write write, std::function<void(const Status &)> done);

    // Links deleted for good (a purge here or on another server): click
    // records still queued for them are dropped, not written (their rows
    // would reference a link that no longer exists, and fail every batch
    // they are in). Callable from any thread; takes effect at once, also
    // for a batch being retried.
    void forgetLinks(const QList<qint64> &ids);

    // True while so many click records (or so many of their bytes: each
    // carries a user agent and a referrer) wait that taking more would let
    // memory grow without bound; callers answer 503 instead.
    bool overloaded() const
    {
        return m_pendingRecords.load(std::memory_order_relaxed) > kMaxPendingRecords
            || m_pendingRecordBytes.load(std::memory_order_relaxed) > kMaxPendingRecordBytes;
    }
    // True while kMaxWaitingRequests claims and creations wait for a batch:
    // callers answer 503 at once instead of queueing more (a flood of
    // visits to capped links must not grow the queue without bound).
    bool full() const { return m_waitingRequests.load(std::memory_order_relaxed) >= kMaxWaitingRequests; }
    // How many claims and creations wait for a batch.
    qint64 waitingRequests() const { return m_waitingRequests.load(std::memory_order_relaxed); }
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
    // Called on the reply context's thread after each commit that wrote
    // events to the journal (JournalFollower, the webhook dispatcher).
    // Set it before start().
    void setJournalListener(std::function<void()> listener) { m_journalListener = std::move(listener); }
    // Whether redirects of unlimited links go into the journal too: only
    // while some webhook endpoint asks for them (a busy unlimited link must
    // not turn each redirect into a delivery). Callable from any thread.
    void setJournalUnlimitedClicks(bool journal) { m_journalUnlimited.store(journal, std::memory_order_relaxed); }
    // Called on the writer thread with the number of operations of each
    // committed batch (for the metrics). Set it before start().
    void setBatchObserver(std::function<void(size_t)> observer) { m_batchObserver = std::move(observer); }
    qint64 pendingRecords() const { return m_pendingRecords.load(std::memory_order_relaxed); }
    // Click records (requests already answered) that failed commits could
    // not write: at each failed commit, every record then waiting; each
    // commit that works takes off what it wrote. 0 while the database works.
    qint64 unrecordedRecords() const { return m_unrecorded.load(std::memory_order_relaxed); }
    qint64 pendingRecordBytes() const { return m_pendingRecordBytes.load(std::memory_order_relaxed); }

private:
    // One queued operation each. Those with a caller keep their result
    // beside their callback until the batch commits: only then is the
    // answer handed out, and a batch that fails can still answer instead.
    // Operations someone waits for carry when they were queued (steady
    // clock, ms), so no batch makes them wait for a lock past kMaxLockWait.
    struct CreateOp {
        NewLink link;
        SlugTaken onTaken;
        CreateDone done;
        std::optional<CreationQuota> quota;
        std::optional<Result<Link>> result;
        qint64 queuedAtMs = 0;
    };
    struct ClaimOp {
        ClaimRequest request;
        ClickFacts facts;
        ClaimDone done;
        Claim result;
        qint64 queuedAtMs = 0;
    };
    struct RecordOp {
        qint64 linkId;
        VisitOutcome outcome;
        ClickFacts facts;
        qint64 writtenIn = 0;   // the batch that wrote this record (its number)
        qint64 uncertainIn = 0; // a failed batch that wrote it, which may have committed anyway
    };
    struct RevokeOp {
        QString slug;
        std::function<void(const Result<bool> &)> done;
        bool revoked = false;
        qint64 queuedAtMs = 0;
    };
    struct FlushOp {
        std::function<void()> done;
    };
    struct WriteOp {
        Write write;
        std::function<void(const Status &)> done;
        qint64 queuedAtMs = 0;
    };
    using Op = std::variant<CreateOp, ClaimOp, RecordOp, RevokeOp, FlushOp, WriteOp>;
    using Reply = std::function<void()>;
    // What a batch changes beyond its operations' own answers (defined in the .cpp).
    struct BatchEffects;

public:
    static constexpr qint64 kMaxPendingRecords = 200'000;
    // What the pending records may hold in all (user agents are cut to
    // 1 KiB and referrers to 2 KiB when the facts are taken, so this bites
    // before the count only for floods of large headers).
    static constexpr qint64 kMaxPendingRecordBytes = 64 * 1024 * 1024;
    // A few batches' worth: enough for any burst the writer can absorb in a
    // second or so, small enough that a flood is refused, not queued.
    static constexpr qint64 kMaxWaitingRequests = 4096;
    // The longest a claim, creation or revocation waits for another
    // process's lock on the database (a backup holding a write
    // transaction) before it is answered 503: long enough to ride out a
    // short lock, short enough that no client hangs.
    static constexpr std::chrono::milliseconds kMaxLockWait{5000};

private:
    static constexpr size_t kMaxBatch = 4096;
    static constexpr std::chrono::milliseconds kRecordDelay{10};
    static constexpr int kRecordsPerWake = 1024;

    void enqueue(Op op);
    Status open();
    void run();
    // Returns false when the batch could not be committed.
    bool writeBatch(std::vector<Op> &batch, std::vector<Reply> &replies);
    // Answers what a failed batch cannot keep with storageUnavailable(); the
    // caller has logged the cause.
    void failBatch(std::vector<Op> &batch, std::vector<Reply> &replies);
    void postReplies(std::vector<Reply> replies);
    // How long this batch may wait for another process's lock: what is left
    // of kMaxLockWait for the longest-waiting request in it.
    static std::chrono::milliseconds lockWaitFor(const std::vector<Op> &batch);
    static qint64 steadyNowMs();
    // The log of a failing database: the first failure, then one line every
    // kFailureLogInterval while it lasts, and one when writes work again.
    void noteFailedBatch(const Error &cause);
    void noteCommittedBatch(qint64 recordsWritten);

    // Puts the batch's creations (by quota key), then its claims and
    // revocations (by slug), in one global lock order (see the .cpp).
    static void orderByLink(std::vector<Op> &batch);
    // Each operation's part of a batch; an error rolls the whole batch back.
    Status apply(CreateOp &op, BatchEffects &effects);
    Status apply(ClaimOp &op, BatchEffects &effects);
    Status apply(RecordOp &op, BatchEffects &effects);
    Status apply(RevokeOp &op, BatchEffects &effects);
    Status apply(FlushOp &op, BatchEffects &effects);
    Status apply(WriteOp &op, BatchEffects &effects);
    // What the batch owes once its operations are applied: counts of
    // unlimited links, the periodic purge, the notice to other servers.
    Status finish(BatchEffects &effects);
    // Each operation's answer once its batch is committed.
    static void answer(CreateOp &op, std::vector<Reply> &replies);
    static void answer(ClaimOp &op, std::vector<Reply> &replies);
    static void answer(RecordOp &op, std::vector<Reply> &replies);
    static void answer(RevokeOp &op, std::vector<Reply> &replies);
    static void answer(FlushOp &op, std::vector<Reply> &replies);
    static void answer(WriteOp &op, std::vector<Reply> &replies);
    // After a failed batch: answers `op` with `error` (true), or leaves it
    // to be retried by the next batch (false: records and flushes).
    static bool fail(CreateOp &op, const Error &error, std::vector<Reply> &replies);
    static bool fail(ClaimOp &op, const Error &error, std::vector<Reply> &replies);
    static bool fail(RecordOp &op, const Error &error, std::vector<Reply> &replies);
    static bool fail(RevokeOp &op, const Error &error, std::vector<Reply> &replies);
    static bool fail(FlushOp &op, const Error &error, std::vector<Reply> &replies);
    static bool fail(WriteOp &op, const Error &error, std::vector<Reply> &replies);
    // Cuts `batch` before its first WriteOp (or after it, when it comes
    // first) and puts the rest back in the queue: a WriteOp is a batch alone.
    void isolateWrites(std::vector<Op> &batch);

    // Moves this writer's mark in the database to the batch being written,
    // if it holds click records, and learns from the old mark whether the
    // last batch that failed after its mark (a COMMIT whose reply was lost)
    // committed after all: its records are then not written again.
    // Returns whether the mark was moved.
    Result<bool> markProgress(const std::vector<Op> &batch);
    // After a failed batch whose mark was moved: its records may be in.
    void noteUncertain(std::vector<Op> &batch);
    bool committedAlready(const RecordOp &op) const;

    // Appends the click-log row for a visit, if the log keeps that outcome.
    // `claimed`: the link as its claim left it (null for a record).
    Status log(qint64 linkId, VisitOutcome outcome, const ClickFacts &facts, BatchEffects &effects,
               const Link *claimed = nullptr);
    // The journal's events for one logged visit (LinkWrites::journal).
    Status journal(qint64 linkId, VisitOutcome outcome, const ClickFacts &facts, const ClickDetails *details,
                   const Link *claimed, BatchEffects &effects);
    // The only side of the store the writer uses.
    LinkWrites &database() { return *m_store; }

    bool forgotten(qint64 linkId) const;

    std::unique_ptr<LinkStore> m_store;
    Enricher m_enricher;
    mutable std::mutex m_forgottenMutex;
    QSet<qint64> m_forgotten;                  // under m_forgottenMutex
    std::atomic<bool> m_anyForgotten{false};   // so the click path takes no lock until a purge
    std::function<void(const QList<qint64> &)> m_commitListener;
    std::function<void()> m_journalListener;
    std::atomic<bool> m_journalUnlimited{false};
    std::function<void(size_t)> m_batchObserver;
    QObject *m_replyContext; // outlives the writer: its owner stops the writer first

    WorkerThread<Op> m_worker{kRecordsPerWake};
    std::atomic<qint64> m_pendingRecords{0};
    std::atomic<qint64> m_pendingRecordBytes{0};
    std::atomic<qint64> m_waitingRequests{0}; // claims and creations not yet taken into a batch
    std::atomic<qint64> m_unrecorded{0};
    quint64 m_failuresInARow = 0;       // writer thread only
    qint64 m_lastFailureLogMs = 0;      // writer thread only (steady)
    quint64 m_batchesSincePurge = 0;
    // Batches are numbered for markProgress(). At most one failed batch is
    // unresolved at a time (the next batch that moves the mark resolves
    // it); the fates of the last few are kept for their records, which
    // the next batch takes (they go back to the front of the queue).
    qint64 m_batchNumber = 0;
    qint64 m_unresolvedBatch = 0;
    std::map<qint64, bool> m_batchCommitted;
    static constexpr size_t kKeptFates = 16;
    Counters m_counters;
    QByteArray m_secret;
    QByteArray m_sender;
};

} // namespace shortfuse
