#include "server/storage/clickwriter.h"

#include "server/storage/changenotice.h"
#include "server/links/linkrules.h"
#include "server/core/ratelimiter.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>

Q_LOGGING_CATEGORY(lcWriter, "shortfuse.writer")

namespace shortfuse {

namespace {

constexpr int kSlugAttempts = 16;
constexpr quint64 kBatchesPerPurge = 1024;

// What the click log records for each way a claim can end; nothing for
// an unknown link or a replayed token.
std::optional<ClickOutcome> outcomeOf(Claim::Kind kind)
{
    switch (kind) {
    case Claim::Kind::Redirected: return ClickOutcome::Redirected;
    case Claim::Kind::Expired: return ClickOutcome::Expired;
    case Claim::Kind::Preview: return ClickOutcome::Preview;
    case Claim::Kind::NeedsPassword:
    case Claim::Kind::NeedsConfirmation: return ClickOutcome::Challenged;
    case Claim::Kind::Unknown:
    case Claim::Kind::TokenReused: break;
    }
    return std::nullopt;
}
// How many failed commits in a row a stopping writer tries before it gives
// up on the records it still holds (and says how many in the log).
constexpr int kStopAttempts = 3;

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

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
    std::promise<Status> opened;
    std::future<Status> result = opened.get_future();
    m_thread = std::thread([this, &opened] { run(&opened); });
    Status status = result.get();
    if (!status) {
        m_thread.join();
        return status;
    }
    return {};
}

void ClickWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void ClickWriter::enqueue(Op op)
{
    // Someone waits for this answer (a claim, a creation, a flush): wake
    // the writer now. A log record waits for the next batch instead (at
    // most kRecordDelay, or until kRecordsPerWake have piled up), so a
    // stream of redirects costs a few commits a second, not one wake-up
    // (and context switch) per click.
    const bool urgent = !std::holds_alternative<RecordOp>(op);
    bool wake = urgent;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(op));
        if (urgent)
            m_urgent = true;
        else
            wake = ++m_recordsWaiting == kRecordsPerWake;
    }
    if (wake)
        m_wake.notify_one();
}

void ClickWriter::create(NewLink link, CreateDone done, std::optional<CreationQuota> quota)
{
    enqueue(CreateOp{std::move(link), std::move(done), std::move(quota)});
}

void ClickWriter::claim(ClaimRequest request, ClickFacts facts, ClaimDone done)
{
    enqueue(ClaimOp{std::move(request), std::move(facts), std::move(done)});
}

void ClickWriter::lookup(QString slug, qint64 nowMs, ClaimDone done)
{
    enqueue(LookupOp{std::move(slug), nowMs, std::move(done)});
}

void ClickWriter::record(qint64 linkId, ClickOutcome outcome, ClickFacts facts)
{
    m_pendingRecords.fetch_add(1, std::memory_order_relaxed);
    enqueue(RecordOp{linkId, outcome, std::move(facts)});
}

void ClickWriter::revoke(QString slug, std::function<void(const Result<bool> &)> done)
{
    enqueue(RevokeOp{std::move(slug), std::move(done)});
}

void ClickWriter::flush(std::function<void()> done)
{
    enqueue(FlushOp{std::move(done)});
}

void ClickWriter::run(std::promise<Status> *opened)
{
    {
        Status status = m_store->open();
        if (status) {
            Result<QByteArray> secret = m_store->instanceSecret();
            if (secret)
                m_secret = *secret;
            else
                status = secret.error();
        }
        const bool ok = status.ok();
        opened->set_value(std::move(status));
        if (!ok)
            return;
    }

    int failuresInARow = 0;
    std::vector<Op> batch;
    batch.reserve(kMaxBatch);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, kRecordDelay, [this] {
                return m_urgent || m_stopping || m_recordsWaiting >= kRecordsPerWake;
            });
            if (m_queue.empty() && m_stopping)
                break;
            if (m_queue.empty())
                continue;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_urgent = !m_queue.empty(); // more than one batch waiting: no pause before the next
            m_recordsWaiting = 0;
        }

        std::vector<Reply> replies;
        replies.reserve(batch.size());
        if (writeBatch(batch, replies)) {
            failuresInARow = 0;
            postReplies(std::move(replies));
            batch.clear();
            continue;
        }

        // The batch is rolled back. Claims and creations were answered with
        // an error; click records and flushes go back to the front of the
        // queue to be written by a later batch.
        ++failuresInARow;
        m_counters.failedBatches.fetch_add(1, std::memory_order_relaxed);
        postReplies(std::move(replies));
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            stopping = m_stopping;
            if (!stopping || failuresInARow < kStopAttempts) {
                for (auto it = batch.rbegin(); it != batch.rend(); ++it)
                    m_queue.push_front(std::move(*it));
            }
        }
        if (stopping && failuresInARow >= kStopAttempts) {
            qCCritical(lcWriter, "giving up on %zu unwritten operations at shutdown", batch.size());
            std::vector<Reply> flushes;
            for (Op &op : batch) {
                if (auto *flush = std::get_if<FlushOp>(&op))
                    flushes.push_back(std::move(flush->done));
            }
            postReplies(std::move(flushes));
        }
        batch.clear();
        // Back off so a broken disk is not hammered in a tight loop, then
        // reconnect if the connection itself was lost.
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(200));
        }
        if (Status recovered = m_store->recover(); !recovered)
            qCWarning(lcWriter) << "database still unavailable:" << recovered.error().message;
    }
    m_store->close();
}

bool ClickWriter::writeBatch(std::vector<Op> &batch, std::vector<Reply> &replies)
{
    if (Status begun = m_store->beginBatch(); !begun) {
        qCWarning(lcWriter) << "cannot begin a batch:" << begun.error().message;
        failBatch(batch, replies, begun.error());
        return false;
    }

    QHash<qint64, qint64> unlimitedClicks; // link id -> redirects to count
    qint64 records = 0;
    std::optional<Error> failure;
    // Answers are only handed out once the batch is committed; until then
    // each op keeps its callback, so a failed batch can still answer it.
    std::vector<std::variant<std::monostate, Link, Error, Claim, bool>> outcomes(batch.size());
    QList<qint64> changedLinks; // click counts this batch changed, for live views
    ChangeNotice notice;        // what other servers on the database hear of this batch

    for (size_t i = 0; i < batch.size() && !failure; ++i) {
        std::visit(Overloaded{
                       [&](CreateOp &create) {
                           if (create.quota) {
                               const Result<QuotaDecision> decision = m_store->takeCreationQuota(*create.quota);
                               if (!decision) {
                                   failure = decision.error();
                                   return;
                               }
                               if (!decision->allowed) {
                                   outcomes[i] = tooManyRequests(QStringLiteral("new links"), decision->retryAfterSeconds);
                                   return;
                               }
                           }
                           for (int attempt = 0; attempt < kSlugAttempts; ++attempt) {
                               Result<std::optional<Link>> inserted = m_store->insertLink(create.link);
                               if (!inserted) {
                                   failure = inserted.error();
                                   return;
                               }
                               if (inserted->has_value()) {
                                   outcomes[i] = **inserted;
                                   notice.created.append((*inserted)->id);
                                   return;
                               }
                               if (!create.link.slugGenerated)
                                   break;
                               create.link.slug = rules::generateSlug(); // collision: draw again
                           }
                           outcomes[i] = create.link.slugGenerated
                               ? Error{503, "slug_space_exhausted",
                                       QStringLiteral("Could not find a free short name; please try again.")}
                               : Error{409, "duplicate",
                                       QStringLiteral("The alias \"%1\" is already in use.").arg(create.link.slug)};
                       },
                       [&](ClaimOp &claim) {
                           Result<Claim> result = m_store->claimClick(claim.request);
                           if (!result) {
                               failure = result.error();
                               return;
                           }
                           if (const std::optional<ClickOutcome> outcome = outcomeOf(result->kind)) {
                               changedLinks.append(result->link.id);
                               if (Status s = recordClick(result->link.id, *outcome, claim.facts); !s) {
                                   failure = s.error();
                                   return;
                               }
                           }
                           outcomes[i] = std::move(*result);
                       },
                       [&](LookupOp &lookup) {
                           Result<std::optional<Link>> found = m_store->findLink(lookup.slug);
                           if (!found) {
                               failure = found.error();
                               return;
                           }
                           Claim state;
                           if (found->has_value()) {
                               state.link = **found;
                               state.kind = state.link.exhausted(lookup.nowMs) ? Claim::Kind::Expired
                                                                               : Claim::Kind::Redirected;
                           }
                           outcomes[i] = std::move(state);
                       },
                       [&](RecordOp &record) {
                           ++records;
                           changedLinks.append(record.linkId);
                           if (record.outcome == ClickOutcome::Redirected)
                               ++unlimitedClicks[record.linkId];
                           if (Status s = recordClick(record.linkId, record.outcome, record.facts); !s)
                               failure = s.error();
                       },
                       [&](RevokeOp &revoke) {
                           Result<bool> revoked = m_store->revokeLink(revoke.slug);
                           if (!revoked) {
                               failure = revoked.error();
                               return;
                           }
                           if (*revoked)
                               notice.revoked.append(revoke.slug);
                           outcomes[i] = *revoked;
                       },
                       [&](FlushOp &) {},
                   },
                   batch[i]);
    }

    for (auto it = unlimitedClicks.cbegin(); !failure && it != unlimitedClicks.cend(); ++it) {
        if (Status s = m_store->addClicks(it.key(), it.value()); !s)
            failure = s.error();
    }
    if (!failure && ++m_batchesSincePurge >= kBatchesPerPurge) {
        m_batchesSincePurge = 0;
        if (Status s = m_store->purgeExpired(QDateTime::currentMSecsSinceEpoch()); !s)
            failure = s.error();
    }
    std::sort(changedLinks.begin(), changedLinks.end());
    changedLinks.erase(std::unique(changedLinks.begin(), changedLinks.end()), changedLinks.end());
    if (!failure && m_store->announcesChanges()) {
        notice.sender = m_sender;
        notice.clicked = changedLinks;
        if (!notice.isEmpty()) {
            if (Status s = m_store->announce(notice.encode()); !s)
                failure = s.error();
        }
    }
    if (!failure) {
        if (Status committed = m_store->commitBatch(); !committed)
            failure = committed.error();
    }
    if (failure) {
        qCWarning(lcWriter) << "batch of" << batch.size() << "rolled back:" << failure->message;
        m_store->rollbackBatch();
        failBatch(batch, replies, *failure);
        return false;
    }

    for (size_t i = 0; i < batch.size(); ++i) {
        std::visit(Overloaded{
                       [&](CreateOp &create) {
                           if (auto *link = std::get_if<Link>(&outcomes[i]))
                               replies.push_back([done = std::move(create.done), link = *link] { done(link); });
                           else
                               replies.push_back([done = std::move(create.done), error = std::get<Error>(outcomes[i])] {
                                   done(error);
                               });
                       },
                       [&](ClaimOp &claim) {
                           replies.push_back([done = std::move(claim.done), result = std::get<Claim>(outcomes[i])] {
                               done(result);
                           });
                       },
                       [&](LookupOp &lookup) {
                           replies.push_back([done = std::move(lookup.done), result = std::get<Claim>(outcomes[i])] {
                               done(result);
                           });
                       },
                       [&](RecordOp &) {},
                       [&](RevokeOp &revoke) {
                           replies.push_back([done = std::move(revoke.done), revoked = std::get<bool>(outcomes[i])] {
                               done(revoked);
                           });
                       },
                       [&](FlushOp &flush) { replies.push_back(std::move(flush.done)); },
                   },
                   batch[i]);
    }

    if (m_commitListener && !changedLinks.isEmpty()) {
        // First in line, so views refresh before the answers they may trigger.
        replies.insert(replies.begin(), [listener = m_commitListener, changedLinks] { listener(changedLinks); });
    }
    m_pendingRecords.fetch_sub(records, std::memory_order_relaxed);
    m_counters.batches.fetch_add(1, std::memory_order_relaxed);
    m_counters.operations.fetch_add(batch.size(), std::memory_order_relaxed);
    if (batch.size() > m_counters.largestBatch.load(std::memory_order_relaxed))
        m_counters.largestBatch.store(batch.size(), std::memory_order_relaxed);
    if (m_batchObserver)
        m_batchObserver(batch.size());
    return true;
}

Status ClickWriter::recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts)
{
    if (!m_enricher)
        return m_store->recordClick(linkId, outcome, facts);
    const ClickDetails details = m_enricher(facts);
    return m_store->recordClick(linkId, outcome, facts, &details);
}

void ClickWriter::failBatch(std::vector<Op> &batch, std::vector<Reply> &replies, const Error &cause)
{
    const Error unavailable{503, "storage_unavailable",
                            QStringLiteral("The link database is unavailable right now; please try again. (%1)")
                                .arg(cause.message)};
    std::vector<Op> keep;
    keep.reserve(batch.size());
    for (Op &op : batch) {
        if (auto *create = std::get_if<CreateOp>(&op)) {
            replies.push_back([done = std::move(create->done), unavailable] { done(unavailable); });
        } else if (auto *claim = std::get_if<ClaimOp>(&op)) {
            replies.push_back([done = std::move(claim->done), unavailable] { done(unavailable); });
        } else if (auto *lookup = std::get_if<LookupOp>(&op)) {
            replies.push_back([done = std::move(lookup->done), unavailable] { done(unavailable); });
        } else if (auto *revoke = std::get_if<RevokeOp>(&op)) {
            replies.push_back([done = std::move(revoke->done), unavailable] { done(unavailable); });
        } else {
            keep.push_back(std::move(op)); // records and flushes are retried
        }
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
