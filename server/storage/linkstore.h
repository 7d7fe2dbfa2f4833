#pragma once

#include "server/core/apikey.h"
#include "server/core/creationquota.h"
#include "server/core/link.h"
#include "server/core/linkevent.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QString>

#include <chrono>
#include <optional>

namespace shortfuse {

// How much of a click's user agent and referrer the click log keeps (bytes,
// the rest is cut), the same in every store.
inline constexpr int kStoredUserAgentBytes = 1024;
inline constexpr int kStoredReferrerBytes = 1024;

// One attempt to use up a click, with what the server knows about who asks.
struct ClaimRequest {
    QString slug;
    qint64 nowMs = 0;             // expiry is judged at this moment
    bool previewFetcher = false;  // a recognised preview bot, link scanner or prefetch
    bool gateCleared = false;     // the link's password was right / its confirmation posted
    QString tokenNonce;           // a confirmation token's one-use nonce, if any
    qint64 tokenExpiresMs = 0;
};

// The outcome of trying to use up one click of a link: Redirected (a click
// was used up), Expired, NotFound, Preview, NeedsPassword, NeedsConfirmation,
// or BadToken (that confirmation token was already used).
struct Claim {
    VisitOutcome outcome = VisitOutcome::NotFound;
    Link link;  // the link after the claim (valid unless NotFound)
};

// What the writer thread may do with the database: every write, grouped by
// the ClickWriter into one transaction between beginBatch() and
// commitBatch().
class LinkWrites {
public:
    virtual ~LinkWrites() = default;

    // How long the statements of the next batch may wait for another
    // process's lock on the database before they fail (SQLite's busy
    // timeout: a backup holding a write transaction). Engines whose writers
    // only queue on each other's row locks ignore it.
    virtual void setLockWait(std::chrono::milliseconds wait) { Q_UNUSED(wait); }

    virtual Status beginBatch() = 0;
    virtual Status commitBatch() = 0;
    virtual void rollbackBatch() = 0;

    // nullopt when the slug is taken (nothing is written then).
    virtual Result<std::optional<Link>> insertLink(const NewLink &link) = 0;

    // Uses up one click with one atomic conditional write: a capped link
    // is redirected only while clicks < max_clicks (and before its expiry,
    // and past its gate), whoever else is claiming.
    virtual Result<Claim> claimClick(const ClaimRequest &request) = 0;

    // A random secret created with the database and shared by every server
    // on it: the key that signs confirmation tokens.
    virtual Result<QByteArray> instanceSecret() = 0;
    // Forgets what no longer matters: used confirmation tokens that have
    // expired anyway, creation-quota windows older than a minute.
    virtual Status purgeExpired(qint64 nowMs) = 0;

    // Counts one creation against a client's budget shared by every server
    // on this database (see CreationQuota), if the budget allows it.
    virtual Result<QuotaDecision> takeCreationQuota(const CreationQuota &quota) = 0;

    // Moves `writer`'s mark to `batch` in the current batch and returns where
    // it was: the number of that writer's last committed batch (0 for
    // none). A batch whose COMMIT reply was lost may still be in: the next
    // batch learns here whether it is, so its click records are not written
    // twice. The mark's row lock waits for a COMMIT still in flight, so the
    // answer is final.
    virtual Result<qint64> advanceProgress(const QByteArray &writer, qint64 batch, qint64 nowMs) = 0;

    // Counts clicks on an unlimited link whose redirects were already sent
    // (the last at `lastAtMs`). Should the link have been capped since, they
    // count towards the cap, never past it.
    virtual Status addClicks(qint64 linkId, qint64 count, qint64 lastAtMs) = 0;

    // Appends one row to the click log. `details` may be null (nothing
    // learned); the client address is stored anonymized unless
    // setStoreFullAddresses(true).
    virtual Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                               const ClickDetails *details = nullptr) = 0;
    virtual void setStoreFullAddresses(bool full) = 0;
    // Adds an event to the journal; written when the batch commits, after
    // its click rows, so an event exists exactly when its click does.
    // Journal ids follow commit order on every backend (PostgreSQL: the
    // batch takes a database-wide lock just before it writes them, held
    // through its commit; SQLite has one writer at a time), so a reader
    // that has seen id N has seen every event below N.
    virtual Status journal(const LinkEvent &event) = 0;
    // Whether the open batch holds journal events (the store journals a
    // link's creation, change and revocation itself, in the transaction
    // of the write): the writer then tells the journal's followers.
    virtual bool hasPendingEvents() const { return false; }

    // Marks a link revoked: from then on it answers like a used-up one.
    // False when there is no such link.
    virtual Result<bool> revokeLink(const QString &slug) = 0;
    // A link as an export wrote it (POST /api/links/import): its clicks,
    // creation time and state kept. False (nothing written) when its slug
    // is taken.
    virtual Result<bool> insertImportedLink(const ImportedLink &link) = 0;

    // Changes a link in one conditional write (its row lock orders it with
    // every claim, on every server): a cap is set only if the clicks used
    // so far fit under it. `ownerKeyId`: only if the link is that key's.
    struct UpdateResult {
        enum class Outcome { Updated, NotFound, BelowClicks } outcome = Outcome::NotFound;
        Link link; // Updated: the link after the change; BelowClicks: as it is
    };
    virtual Result<UpdateResult> updateLink(const QString &slug, const LinkUpdate &update,
                                            std::optional<qint64> ownerKeyId) = 0;
    // Deletes a link and its click log; the id it had, or nullopt when
    // there is no such link (of that owner).
    virtual Result<std::optional<qint64>> purgeLink(const QString &slug, std::optional<qint64> ownerKeyId) = 0;

    // A cap set on an unlimited link while several servers answer it from
    // their caches: the counting handshake (LinkService::update, schema 11).
    //
    // Notes that the server whose writer is `sender` is running (its
    // heartbeat), or, leaving, that it is not.
    virtual Status beat(const QByteArray &sender, qint64 nowMs) = 0;
    virtual Status leave(const QByteArray &sender) = 0;
    // How many servers other than `sender` beat at `sinceMs` or later.
    virtual Result<qint64> otherLiveServers(const QByteArray &sender, qint64 sinceMs) = 0;
    // Marks an unlimited link `counting` (every click claimed, none answered
    // from a cache) with `epoch`, or keeps the epoch of a handshake already
    // under way on it. Answers the link as it is then: capped (nothing
    // marked), counting, or nullopt when unknown (or another key's).
    virtual Result<std::optional<Link>> beginCounting(const QString &slug, std::optional<qint64> ownerKeyId,
                                                      qint64 epoch) = 0;
    // Ends a handshake that set no cap after all: the link goes back to
    // being answered from caches, if it still counts for `epoch`.
    virtual Status endCounting(qint64 linkId, qint64 epoch) = 0;
    // `sender` no longer answers the link from its cache, and every click
    // it answered before is committed.
    virtual Status acknowledgeCounting(qint64 linkId, const QByteArray &sender, qint64 epoch, qint64 nowMs) = 0;

    // API keys (the `keys` command, the desktop settings). insertApiKey
    // answers nullopt when a key not revoked already has that name;
    // revokeApiKey false when no such key is active. touchApiKey notes a
    // key's use (the server calls it at most once a minute per key).
    virtual Result<std::optional<ApiKey>> insertApiKey(const NewApiKey &key) = 0;
    virtual Result<bool> revokeApiKey(const QString &name, qint64 nowMs) = 0;
    virtual Status touchApiKey(qint64 id, qint64 nowMs) = 0;

    // Tells the other servers on this database what the current batch
    // changed (a ChangeNotice payload), delivered when the batch commits.
    // Only where servers can listen (PostgreSQL); elsewhere nothing is sent.
    virtual bool announcesChanges() const { return false; }
    virtual Status announce(const QByteArray &payload)
    {
        Q_UNUSED(payload);
        return {};
    }
};

// What a reader thread may do with the database: reads that change
// nothing, so they can run on a connection of their own beside the
// writer's (StoreReader) without waiting for its commits.
class LinkReads {
public:
    virtual ~LinkReads() = default;

    virtual Result<std::optional<Link>> findLink(const QString &slug) = 0;

    // Everything the stats views show about one link; nullopt if unknown.
    virtual Result<std::optional<LinkStats>> linkStats(const QString &slug, const StatsQuery &query) = 0;

    // The links table: one page, its size under a filter, single rows by id.
    virtual Result<QList<Link>> listLinks(const LinkListQuery &query) = 0;
    // How many links the query's filters match (its paging and sort ignored).
    virtual Result<qint64> countLinks(const LinkListQuery &query) = 0;
    virtual Result<QList<Link>> linksByIds(const QList<qint64> &ids) = 0;
    // The events journal: its newest id (0 when empty), and up to `limit`
    // events after `afterId`, oldest first, with their link's slug, label,
    // destination host and owner filled in (events of purged links are gone).
    virtual Result<qint64> lastEventId() = 0;
    virtual Result<QList<LinkEvent>> eventsAfter(qint64 afterId, int limit) = 0;
    // Whether a reader that has seen every event up to `eventId` can be
    // given every event after it (the live stream's Last-Event-ID): the
    // id is not beyond the journal's end, and the journal still holds the
    // row it is in (or the last one before it), written at `sinceMs` or
    // later. An id from before what the journal holds (its oldest rows
    // forgotten), older than `sinceMs`, or unknown is not.
    virtual Result<bool> journalResumable(qint64 eventId, qint64 sinceMs) = 0;
    // Links, and redirects since `sinceMs`, of every link or of one key's.
    virtual Result<Totals> totals(qint64 sinceMs, std::optional<qint64> ownerKeyId = std::nullopt) = 0;

    // The key whose SHA-256 is `hash` (revoked ones too: the caller says
    // why it is refused); nullopt when there is none.
    virtual Result<std::optional<ApiKey>> findApiKey(const QByteArray &hash) = 0;
    // Every key, revoked ones last, each group oldest first.
    virtual Result<QList<ApiKey>> listApiKeys() = 0;

    // The counting handshake (see LinkWrites::beginCounting): links that
    // count and have no cap yet, which `sender` has not acknowledged for
    // their epoch; and how many servers other than `sender`, alive at
    // `sinceMs` or later, have not acknowledged `epoch` for the link.
    struct CountingLink {
        qint64 id = 0;
        QString slug;
        qint64 epoch = 0;
    };
    virtual Result<QList<CountingLink>> countingUnacknowledged(const QByteArray &sender) = 0;
    virtual Result<qint64> missingAcknowledgements(qint64 linkId, qint64 epoch, const QByteArray &sender,
                                                   qint64 sinceMs) = 0;

    // The engine's own consistency check; "ok" when healthy.
    virtual Result<QString> integrityCheck() = 0;
};

// One connection to the database, which can both write and read. One
// implementation per database engine; the same test suite runs against
// every implementation.
//
// A store is used from one thread only (Qt SQL connections are per
// thread): the ClickWriter's, which calls only its LinkWrites side, or a
// StoreReader's, which hands its jobs only the LinkReads side.
class LinkStore : public LinkWrites, public LinkReads {
public:
    ~LinkStore() override = default;

    // Connects and brings the schema to the current version. Safe when
    // several processes open the same database at once.
    virtual Status open() = 0;
    virtual void close() = 0;
    // After a failed operation: reconnect if the connection was lost (a
    // database server that restarted). A no-op where nothing can be lost.
    virtual Status recover() { return {}; }
};

// The answer to give for work the database could not do (a connection
// lost, a commit that failed): one sentence wherever it happens. The cause
// is not in it: a driver's message can name the database's host and port,
// which are nobody's business but the operator's, so whoever hands this
// out logs the cause instead (the writer once per failed batch, the
// readers once per failed read).
inline Error storageUnavailable()
{
    // Retry-After: a full disk, a lock or a restarting database server
    // takes seconds to clear, not milliseconds.
    return Error{503, "storage_unavailable",
                 QStringLiteral("The link database is unavailable right now; please try again."), 5};
}

// The answer to give when a queue in front of the database (the writer's,
// a reader's) is full: refused at once, so a flood costs no memory.
inline Error storageOverloaded()
{
    return Error{503, "overloaded", QStringLiteral("The server is busy; try again in a moment."), 1};
}

} // namespace shortfuse
