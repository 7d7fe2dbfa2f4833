#include "server/storage/clickwriter.h"

#include "server/storage/changenotice.h"
#include "server/core/clock.h"
#include "server/core/ratelimiter.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <limits>

Q_LOGGING_CATEGORY(lcWriter, "shortfuse.writer")

namespace shortfuse {

namespace {

constexpr quint64 kBatchesPerPurge = 1024;
// How many failed commits in a row a stopping writer tries before it gives
// up on the records it still holds (and says how many in the log).
constexpr int kStopAttempts = 3;
// After a failed batch: long enough not to hammer a broken disk in a tight loop.
constexpr std::chrono::milliseconds kFailureBackoff{200};
// While the database keeps failing, one log line this often (not one per
// retry, five a second, which would bury everything else in the log).
constexpr qint64 kFailureLogIntervalMs = 10'000;

// What one pending record holds in memory, for the overload limit.
qint64 recordBytes(const ClickFacts &facts)
{
    return qint64(sizeof(facts)) + facts.userAgent.size() + facts.referrer.size();
}

} // namespace

struct ClickWriter::BatchEffects {
    struct Redirects {
        qint64 count = 0;
        qint64 lastAtMs = 0;
    };
    QHash<qint64, Redirects> unlimitedClicks; // link id -> redirects to count
    qint64 records = 0;
    qint64 recordBytes = 0;
    QList<qint64> changedLinks; // click counts this batch changed, for live views
    qint64 events = 0;          // journal events this batch wrote
    ChangeNotice notice;        // what other servers on the database hear of this batch
};

ClickWriter::ClickWriter(std::unique_ptr<LinkStore> store, QObject *replyContext, Enricher enricher)
    : m_store(std::move(store))
    , m_enricher(std::move(enricher))
    , m_replyContext(replyContext)
    , m_sender(QByteArray::number(QRandomGenerator::system()->generate64(), 36))
{
}

ClickWriter::~ClickWriter()
{
    stop();
}

Status ClickWriter::start()
{
    return m_worker.start([this] { return open(); }, [this] { run(); });
}

void ClickWriter::stop()
{
    m_worker.stop();
}

Status ClickWriter::open()
{
    if (Status opened = m_store->open(); !opened)
        return opened;
    Result<QByteArray> secret = database().instanceSecret();
    if (!secret)
        return secret.error();
    m_secret = *secret;
    return {};
}

void ClickWriter::enqueue(Op op)
{
    // Someone waits for this answer (a claim, a creation, a flush): wake
    // the writer now. A log record waits for the next batch instead (at
    // most kRecordDelay, or until kRecordsPerWake have piled up), so a
    // stream of redirects costs a few commits a second, not one wake-up
    // (and context switch) per click.
    using Urgency = WorkerThread<Op>::Urgency;
    const Urgency urgency = std::holds_alternative<RecordOp>(op) ? Urgency::Lazy : Urgency::Now;
    m_worker.push(std::move(op), urgency);
}

void ClickWriter::create(NewLink link, SlugTaken onTaken, CreateDone done, std::optional<CreationQuota> quota)
{
    m_waitingRequests.fetch_add(1, std::memory_order_relaxed);
    enqueue(CreateOp{std::move(link), std::move(onTaken), std::move(done), std::move(quota), std::nullopt, steadyNowMs()});
}

void ClickWriter::claim(ClaimRequest request, ClickFacts facts, ClaimDone done)
{
    m_waitingRequests.fetch_add(1, std::memory_order_relaxed);
    enqueue(ClaimOp{std::move(request), std::move(facts), std::move(done), {}, steadyNowMs()});
}

void ClickWriter::record(qint64 linkId, VisitOutcome outcome, ClickFacts facts)
{
    m_pendingRecords.fetch_add(1, std::memory_order_relaxed);
    m_pendingRecordBytes.fetch_add(recordBytes(facts), std::memory_order_relaxed);
    enqueue(RecordOp{linkId, outcome, std::move(facts)});
}

void ClickWriter::revoke(QString slug, std::function<void(const Result<bool> &)> done)
{
    enqueue(RevokeOp{std::move(slug), std::move(done), false, steadyNowMs()});
}

void ClickWriter::flush(std::function<void()> done)
{
    enqueue(FlushOp{std::move(done)});
}

void ClickWriter::write(Write write, std::function<void(const Status &)> done)
{
    enqueue(WriteOp{std::move(write), std::move(done), steadyNowMs()});
}

void ClickWriter::forgetLinks(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    std::lock_guard lock(m_forgottenMutex);
    for (qint64 id : ids)
        m_forgotten.insert(id);
    m_anyForgotten.store(true, std::memory_order_release);
}

bool ClickWriter::forgotten(qint64 linkId) const
{
    if (!m_anyForgotten.load(std::memory_order_acquire))
        return false;
    std::lock_guard lock(m_forgottenMutex);
    return m_forgotten.contains(linkId);
}

void ClickWriter::isolateWrites(std::vector<Op> &batch)
{
    // While the database refuses batches, click records put back after a
    // failure lead the queue, and a write cut off behind them would wait
    // until they commit (a full disk: for as long as it stays full), and
    // every claim behind the write with it. Such a write is refused now,
    // as its own attempt would most likely have been; never applied, it
    // leaves no order to keep, and the claims after it get their answer.
    if (m_failuresInARow > 0 && !batch.empty() && std::holds_alternative<RecordOp>(batch.front())) {
        const Error unavailable = storageUnavailable();
        std::vector<Reply> refused;
        const auto writes = std::remove_if(batch.begin(), batch.end(), [&](Op &op) {
            WriteOp *write = std::get_if<WriteOp>(&op);
            return write && fail(*write, unavailable, refused);
        });
        batch.erase(writes, batch.end());
        postReplies(std::move(refused));
    }
    const auto first = std::find_if(batch.begin(), batch.end(),
                                    [](const Op &op) { return std::holds_alternative<WriteOp>(op); });
    if (first == batch.end() || batch.size() == 1)
        return;
    const auto cut = first == batch.begin() ? first + 1 : first;
    std::vector<Op> rest(std::make_move_iterator(cut), std::make_move_iterator(batch.end()));
    batch.erase(cut, batch.end());
    m_worker.putBack(rest);
}

qint64 ClickWriter::steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::chrono::milliseconds ClickWriter::lockWaitFor(const std::vector<Op> &batch)
{
    // Someone who has already waited (behind a batch that waited for the
    // lock itself) gets only the rest of their kMaxLockWait: so no request
    // waits for a locked database longer than that in all.
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (const Op &op : batch) {
        std::visit(
            [&](const auto &op) {
                if constexpr (requires { op.queuedAtMs; })
                    oldest = std::min(oldest, op.queuedAtMs);
            },
            op);
    }
    if (oldest == std::numeric_limits<qint64>::max())
        return kMaxLockWait; // click records only: nobody waits for them
    const qint64 left = kMaxLockWait.count() - (steadyNowMs() - oldest);
    return std::chrono::milliseconds(std::clamp<qint64>(left, 0, kMaxLockWait.count()));
}

void ClickWriter::noteFailedBatch(const Error &cause)
{
    ++m_failuresInARow;
    // Every record waiting now is one a working database would have had.
    const qint64 unrecorded = m_pendingRecords.load(std::memory_order_relaxed);
    m_unrecorded.store(unrecorded, std::memory_order_relaxed);
    const qint64 now = steadyNowMs();
    if (m_failuresInARow > 1 && now - m_lastFailureLogMs < kFailureLogIntervalMs)
        return;
    m_lastFailureLogMs = now;
    qCWarning(lcWriter, "%s (%llu failed commits in a row): %s; claims and creations get 503, "
                        "%lld click records are unrecorded (kept in memory and written once the database takes writes again)",
              m_failuresInARow == 1 ? "batch rolled back" : "batches still rolled back",
              static_cast<unsigned long long>(m_failuresInARow), qUtf8Printable(cause.message),
              static_cast<long long>(unrecorded));
}

void ClickWriter::noteCommittedBatch(qint64 recordsWritten)
{
    qint64 left = m_unrecorded.load(std::memory_order_relaxed);
    if (left > 0)
        m_unrecorded.store(std::max<qint64>(0, left - recordsWritten), std::memory_order_relaxed);
    if (m_failuresInARow > 0) {
        qCWarning(lcWriter, "the database takes writes again after %llu failed commits",
                  static_cast<unsigned long long>(m_failuresInARow));
        m_failuresInARow = 0;
    }
}

void ClickWriter::run()
{
    std::vector<Op> batch;
    batch.reserve(kMaxBatch);
    while (m_worker.takeBatch(batch, kMaxBatch, kRecordDelay)) {
        isolateWrites(batch);
        // Claims and creations leave the queue here for good (a failed
        // batch answers them): what full() counts is what still waits.
        const auto requests = std::count_if(batch.begin(), batch.end(), [](const Op &op) {
            return std::holds_alternative<ClaimOp>(op) || std::holds_alternative<CreateOp>(op);
        });
        m_waitingRequests.fetch_sub(requests, std::memory_order_relaxed);
        orderByLink(batch);
        database().setLockWait(lockWaitFor(batch));
        std::vector<Reply> replies;
        replies.reserve(batch.size());
        if (writeBatch(batch, replies)) {
            postReplies(std::move(replies));
            batch.clear();
            continue;
        }

        // The batch is rolled back. Claims and creations were answered with
        // an error; click records and flushes go back to the front of the
        // queue to be written by a later batch.
        m_counters.failedBatches.fetch_add(1, std::memory_order_relaxed);
        postReplies(std::move(replies));
        if (!m_worker.stopRequested() || m_failuresInARow < quint64(kStopAttempts)) {
            m_worker.putBack(batch);
        } else {
            qCCritical(lcWriter, "giving up on %zu unwritten operations at shutdown (%lld click records unrecorded)",
                       batch.size(), static_cast<long long>(m_unrecorded.load(std::memory_order_relaxed)));
            std::vector<Reply> flushes;
            for (Op &op : batch) {
                if (auto *flush = std::get_if<FlushOp>(&op))
                    flushes.push_back(std::move(flush->done));
            }
            postReplies(std::move(flushes));
        }
        batch.clear();
        // Back off, then reconnect if the connection itself was lost.
        m_worker.pause(kFailureBackoff);
        if (Status recovered = m_store->recover(); !recovered && m_failuresInARow == 1)
            qCWarning(lcWriter) << "database still unavailable:" << recovered.error().message;
    }
    m_store->close();
}

bool ClickWriter::writeBatch(std::vector<Op> &batch, std::vector<Reply> &replies)
{
    if (Status begun = database().beginBatch(); !begun) {
        noteFailedBatch(Error{begun.error().status, begun.error().reason,
                              QStringLiteral("cannot begin a batch: ") + begun.error().message});
        failBatch(batch, replies);
        return false;
    }

    ++m_batchNumber;
    const Result<bool> marked = markProgress(batch);
    BatchEffects effects;
    Status written = marked ? Status{} : Status(marked.error());
    for (size_t i = 0; i < batch.size() && written; ++i)
        written = std::visit([&](auto &op) { return apply(op, effects); }, batch[i]);
    if (written)
        written = finish(effects);
    // Events the store journaled itself (a link made, changed or revoked).
    const bool journaled = effects.events > 0 || database().hasPendingEvents();
    if (written)
        written = database().commitBatch();
    if (!written) {
        database().rollbackBatch();
        noteFailedBatch(Error{written.error().status, written.error().reason,
                              QStringLiteral("batch of %1: %2").arg(batch.size()).arg(written.error().message)});
        if (marked && *marked)
            noteUncertain(batch);
        failBatch(batch, replies);
        return false;
    }

    // A purge committed here: records still queued for the link are dropped
    // (a WriteOp is a batch of its own, so none was in this one).
    forgetLinks(effects.notice.purged);
    for (Op &op : batch)
        std::visit([&](auto &op) { answer(op, replies); }, op);
    if (m_journalListener && journaled)
        replies.push_back(m_journalListener);
    if (m_commitListener && !effects.changedLinks.isEmpty()) {
        // First in line, so views refresh before the answers they may trigger.
        replies.insert(replies.begin(),
                       [listener = m_commitListener, changed = effects.changedLinks] { listener(changed); });
    }
    noteCommittedBatch(effects.records);
    m_pendingRecords.fetch_sub(effects.records, std::memory_order_relaxed);
    m_pendingRecordBytes.fetch_sub(effects.recordBytes, std::memory_order_relaxed);
    m_counters.batches.fetch_add(1, std::memory_order_relaxed);
    m_counters.operations.fetch_add(batch.size(), std::memory_order_relaxed);
    if (batch.size() > m_counters.largestBatch.load(std::memory_order_relaxed))
        m_counters.largestBatch.store(batch.size(), std::memory_order_relaxed);
    if (m_batchObserver)
        m_batchObserver(batch.size());
    return true;
}

void ClickWriter::orderByLink(std::vector<Op> &batch)
{
    // A batch holds every row lock it takes until its commit, so two
    // batches that take two locks in opposite orders (two servers on one
    // database, or a writer and another's) can each hold what the other
    // waits for: a deadlock PostgreSQL breaks by failing a whole batch. So
    // every batch takes its locks in one global order:
    //  1. creation_quota rows (a creation with a quota counts itself there),
    //     by client key: two clients creating on two servers at once took
    //     them in arrival order, which differs from server to server, and a
    //     creation arriving before a claim on one server and after it on
    //     the other held a quota row while waiting for a link row;
    //  2. link rows, by slug: claims and revocations (and the new rows of
    //     the creations, which conflict only with the same slug being
    //     inserted elsewhere at that moment);
    //  3. the counts of unlimited links, by id (finish()).
    // So creations go first, then claims and revocations. The sorts are
    // stable, so one link's claims and revocation keep their arrival order
    // (who gets the last click of a cap does not change). They fill the
    // places such operations had; records and flushes keep theirs.
    std::vector<size_t> slots;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (std::holds_alternative<CreateOp>(batch[i]) || std::holds_alternative<ClaimOp>(batch[i])
            || std::holds_alternative<RevokeOp>(batch[i]))
            slots.push_back(i);
    }
    // (phase, the lock's key): creations by quota key (none first), then
    // link rows by slug.
    const auto lockKey = [&](size_t i) -> std::pair<int, QByteArray> {
        if (const auto *create = std::get_if<CreateOp>(&batch[i]))
            return {0, create->quota ? create->quota->clientKey : QByteArray()};
        if (const auto *claim = std::get_if<ClaimOp>(&batch[i]))
            return {1, claim->request.slug.toUtf8()};
        return {1, std::get<RevokeOp>(batch[i]).slug.toUtf8()};
    };
    std::vector<std::pair<std::pair<int, QByteArray>, size_t>> keyed;
    keyed.reserve(slots.size());
    for (size_t i : slots)
        keyed.emplace_back(lockKey(i), i);
    const auto byKey = [](const auto &a, const auto &b) { return a.first < b.first; };
    if (std::is_sorted(keyed.begin(), keyed.end(), byKey))
        return;
    std::stable_sort(keyed.begin(), keyed.end(), byKey);
    std::vector<Op> sorted;
    sorted.reserve(keyed.size());
    for (const auto &entry : keyed)
        sorted.push_back(std::move(batch[entry.second]));
    for (size_t i = 0; i < slots.size(); ++i)
        batch[slots[i]] = std::move(sorted[i]);
}

Status ClickWriter::apply(CreateOp &op, BatchEffects &effects)
{
    if (op.quota) {
        const Result<QuotaDecision> decision = database().takeCreationQuota(*op.quota);
        if (!decision)
            return decision.error();
        if (!decision->allowed) {
            op.result = tooManyRequests(QStringLiteral("new links"), decision->retryAfterSeconds);
            return {};
        }
    }
    for (int attempts = 1;; ++attempts) {
        Result<std::optional<Link>> inserted = database().insertLink(op.link);
        if (!inserted)
            return inserted.error();
        if (inserted->has_value()) {
            effects.notice.created.append((*inserted)->id);
            op.result = std::move(**inserted);
            return {};
        }
        // Taken: the links layer draws another slug, or says why not.
        Result<QString> next = op.onTaken(op.link, attempts);
        if (!next) {
            op.result = next.error();
            return {};
        }
        op.link.slug = std::move(*next);
    }
}

Status ClickWriter::apply(ClaimOp &op, BatchEffects &effects)
{
    Result<Claim> claimed = database().claimClick(op.request);
    if (!claimed)
        return claimed.error();
    op.result = std::move(*claimed);
    return log(op.result.link.id, op.result.outcome, op.facts, effects, &op.result.link);
}

Result<bool> ClickWriter::markProgress(const std::vector<Op> &batch)
{
    // Only records are written again after a failed batch (claims and
    // creations are answered with an error); without them nothing to mark.
    const bool records = std::any_of(batch.begin(), batch.end(),
                                     [](const Op &op) { return std::holds_alternative<RecordOp>(op); });
    if (!records)
        return false;
    const Result<qint64> committed
        = database().advanceProgress(m_sender, m_batchNumber, QDateTime::currentMSecsSinceEpoch());
    if (!committed)
        return committed.error();
    if (m_unresolvedBatch != 0) {
        // Only batches that moved the mark and then failed are unresolved,
        // and each later one that moves it resolves them: so the mark
        // stands at the unresolved batch exactly when it committed.
        m_batchCommitted[m_unresolvedBatch] = *committed >= m_unresolvedBatch;
        if (*committed >= m_unresolvedBatch)
            qCInfo(lcWriter, "batch %lld was committed though its commit failed: its click records stay written once",
                   m_unresolvedBatch);
        m_unresolvedBatch = 0;
        while (m_batchCommitted.size() > kKeptFates)
            m_batchCommitted.erase(m_batchCommitted.begin());
    }
    return true;
}

void ClickWriter::noteUncertain(std::vector<Op> &batch)
{
    m_unresolvedBatch = m_batchNumber;
    for (Op &op : batch) {
        if (auto *record = std::get_if<RecordOp>(&op); record && record->writtenIn == m_batchNumber)
            record->uncertainIn = m_batchNumber;
    }
}

bool ClickWriter::committedAlready(const RecordOp &op) const
{
    if (op.uncertainIn == 0)
        return false;
    const auto fate = m_batchCommitted.find(op.uncertainIn);
    // Unknown (cannot happen while a failed batch's records are retried by
    // the next batch): writing twice is the lesser harm than losing.
    return fate != m_batchCommitted.end() && fate->second;
}

Status ClickWriter::apply(RecordOp &op, BatchEffects &effects)
{
    ++effects.records;
    effects.recordBytes += recordBytes(op.facts);
    if (committedAlready(op))
        return {}; // its row and its count are in the database already
    if (forgotten(op.linkId))
        return {}; // the link was deleted for good, with its click log
    op.writtenIn = m_batchNumber;
    if (op.outcome == VisitOutcome::Redirected) {
        BatchEffects::Redirects &redirects = effects.unlimitedClicks[op.linkId];
        ++redirects.count;
        redirects.lastAtMs = std::max(redirects.lastAtMs, op.facts.atMs);
    }
    return log(op.linkId, op.outcome, op.facts, effects);
}

Status ClickWriter::apply(RevokeOp &op, BatchEffects &effects)
{
    Result<bool> revoked = database().revokeLink(op.slug);
    if (!revoked)
        return revoked.error();
    if (*revoked)
        effects.notice.revoked.append(op.slug);
    op.revoked = *revoked;
    return {};
}

Status ClickWriter::apply(FlushOp &, BatchEffects &)
{
    return {}; // answered once the batch it is in commits
}

Status ClickWriter::apply(WriteOp &op, BatchEffects &effects)
{
    return op.write(database(), effects.notice);
}

Status ClickWriter::finish(BatchEffects &effects)
{
    // In id order, not the hash's (which differs from process to process):
    // two servers on one database then lock these rows in the same order
    // and cannot deadlock on them.
    std::vector<std::pair<qint64, BatchEffects::Redirects>> counts;
    counts.reserve(size_t(effects.unlimitedClicks.size()));
    for (auto it = effects.unlimitedClicks.cbegin(); it != effects.unlimitedClicks.cend(); ++it)
        counts.emplace_back(it.key(), it.value());
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[id, redirects] : counts) {
        if (Status counted = database().addClicks(id, redirects.count, redirects.lastAtMs); !counted)
            return counted;
    }
    if (++m_batchesSincePurge >= kBatchesPerPurge) {
        m_batchesSincePurge = 0;
        if (Status purged = database().purgeExpired(wallClockMs()); !purged)
            return purged;
    }
    QList<qint64> &changed = effects.changedLinks;
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    if (database().announcesChanges()) {
        effects.notice.sender = m_sender;
        effects.notice.clicked = changed;
        if (!effects.notice.isEmpty())
            return database().announce(effects.notice.encode());
    }
    return {};
}

Status ClickWriter::log(qint64 linkId, VisitOutcome outcome, const ClickFacts &facts, BatchEffects &effects,
                        const Link *claimed)
{
    const std::optional<ClickOutcome> logged = clickLogOutcome(outcome);
    if (!logged)
        return {};
    effects.changedLinks.append(linkId);
    if (!m_enricher) {
        if (Status journaled = journal(linkId, outcome, facts, nullptr, claimed, effects); !journaled)
            return journaled;
        return database().recordClick(linkId, *logged, facts);
    }
    const ClickDetails details = m_enricher(facts);
    if (Status journaled = journal(linkId, outcome, facts, &details, claimed, effects); !journaled)
        return journaled;
    return database().recordClick(linkId, *logged, facts, &details);
}

Status ClickWriter::journal(qint64 linkId, VisitOutcome outcome, const ClickFacts &facts, const ClickDetails *details,
                            const Link *claimed, BatchEffects &effects)
{
    LinkEvent event;
    event.atMs = facts.atMs;
    event.linkId = linkId;
    if (details) {
        event.country = details->country.value_or(QString());
        event.browser = details->browser;
        event.os = details->os;
        event.device = details->device;
        event.bot = details->bot;
        event.botName = details->botName;
    }
    if (claimed) {
        event.clicks = claimed->clicks;
        if (claimed->maxClicks)
            event.maxClicks = *claimed->maxClicks;
    } else {
        event.clicksKnown = false; // a record: its count is added at the end of the batch
    }
    const bool capped = claimed && claimed->capped();
    switch (outcome) {
    case VisitOutcome::Redirected:
        if (!capped) {
            // An unlimited link (answered from the cache, or a gated one claimed).
            if (!m_journalUnlimited.load(std::memory_order_relaxed))
                return {};
            event.unlimitedClick = true;
            event.clicksKnown = false;
        }
        // The last click of a cap: one row holds both its events (see
        // LinkEventType), so a one-time link's claim writes one row, not two.
        event.type = capped && claimed->usedUp() ? LinkEventType::UsedUp : LinkEventType::Clicked;
        break;
    case VisitOutcome::Expired:
        event.type = LinkEventType::ExpiredHit;
        break;
    case VisitOutcome::Preview:
        event.type = LinkEventType::Previewed;
        break;
    default:
        return {}; // challenges (a password form, a confirmation page) are no event
    }
    if (Status written = database().journal(event); !written)
        return written;
    ++effects.events;
    return {};
}

void ClickWriter::answer(CreateOp &op, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), result = std::move(*op.result)] { done(result); });
}

void ClickWriter::answer(ClaimOp &op, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), result = std::move(op.result)] { done(result); });
}

void ClickWriter::answer(RecordOp &, std::vector<Reply> &)
{
}

void ClickWriter::answer(RevokeOp &op, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), revoked = op.revoked] { done(revoked); });
}

void ClickWriter::answer(FlushOp &op, std::vector<Reply> &replies)
{
    replies.push_back(std::move(op.done));
}

void ClickWriter::answer(WriteOp &op, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done)] { done(Status{}); });
}

bool ClickWriter::fail(CreateOp &op, const Error &error, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), error] { done(error); });
    return true;
}

bool ClickWriter::fail(ClaimOp &op, const Error &error, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), error] { done(error); });
    return true;
}

bool ClickWriter::fail(RecordOp &, const Error &, std::vector<Reply> &)
{
    return false;
}

bool ClickWriter::fail(RevokeOp &op, const Error &error, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), error] { done(error); });
    return true;
}

bool ClickWriter::fail(FlushOp &, const Error &, std::vector<Reply> &)
{
    return false;
}

bool ClickWriter::fail(WriteOp &op, const Error &error, std::vector<Reply> &replies)
{
    replies.push_back([done = std::move(op.done), error] { done(error); });
    return true;
}

void ClickWriter::failBatch(std::vector<Op> &batch, std::vector<Reply> &replies)
{
    const Error unavailable = storageUnavailable(); // the cause is in the log, never in an answer
    std::vector<Op> keep;
    keep.reserve(batch.size());
    for (Op &op : batch) {
        const bool answered = std::visit([&](auto &op) { return fail(op, unavailable, replies); }, op);
        if (!answered)
            keep.push_back(std::move(op)); // records and flushes are retried
    }
    batch = std::move(keep);
}

void ClickWriter::postReplies(std::vector<Reply> replies)
{
    if (replies.empty())
        return;
    QMetaObject::invokeMethod(
        m_replyContext,
        [replies = std::move(replies)] {
            for (const Reply &reply : replies)
                reply();
        },
        Qt::QueuedConnection);
}

} // namespace shortfuse
