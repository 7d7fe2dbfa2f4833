#pragma once

#include "server/core/creationquota.h"
#include "server/core/link.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QString>

#include <optional>

namespace shortfuse {

// One attempt to use up a click, with what the server knows about who asks.
struct ClaimRequest {
    QString slug;
    qint64 nowMs = 0;             // expiry is judged at this moment
    bool previewFetcher = false;  // a recognised preview bot, link scanner or prefetch
    bool gateCleared = false;     // the link's password was right / its confirmation posted
    QString tokenNonce;           // a confirmation token's one-use nonce, if any
    qint64 tokenExpiresMs = 0;
};

// The outcome of trying to use up one click of a link.
struct Claim {
    enum class Kind {
        Redirected,         // a click was used up
        Expired,            // used up, revoked or past its expiry
        Unknown,            // no such link
        Preview,            // auto protection: a previewer gets the placeholder
        NeedsPassword,      // show the password form
        NeedsConfirmation,  // show the confirmation page
        TokenReused,        // that confirmation token was already used
    };
    Kind kind = Kind::Unknown;
    Link link;  // the link after the claim (valid unless Unknown)
};

// Storage of links and clicks. One interface, one implementation per
// database engine; the same test suite runs against every implementation.
//
// A store is used from one thread only (Qt SQL connections are per thread):
// the ClickWriter's thread, which groups many operations into one
// transaction between beginBatch() and commitBatch().
class LinkStore {
public:
    virtual ~LinkStore() = default;

    // Connects and brings the schema to the current version. Safe when
    // several processes open the same database at once.
    virtual Status open() = 0;
    virtual void close() = 0;
    // After a failed operation: reconnect if the connection was lost (a
    // database server that restarted). A no-op where nothing can be lost.
    virtual Status recover() { return {}; }

    virtual Status beginBatch() = 0;
    virtual Status commitBatch() = 0;
    virtual void rollbackBatch() = 0;

    // nullopt when the slug is taken (nothing is written then).
    virtual Result<std::optional<Link>> insertLink(const NewLink &link) = 0;

    // Uses up one click with one atomic conditional write: a capped link
    // is redirected only while clicks < max_clicks (and before its expiry,
    // and past its gate), whoever else is claiming.
    virtual Result<Claim> claimClick(const ClaimRequest &request) = 0;
    Result<Claim> claimClick(const QString &slug) { return claimClick(ClaimRequest{slug, 0, false, true, {}, 0}); }

    // A random secret created with the database and shared by every server
    // on it: the key that signs confirmation tokens.
    virtual Result<QByteArray> instanceSecret() = 0;
    // Forgets what no longer matters: used confirmation tokens that have
    // expired anyway, creation-quota windows older than a minute.
    virtual Status purgeExpired(qint64 nowMs) = 0;

    // Counts one creation against a client's budget shared by every server
    // on this database (see CreationQuota), if the budget allows it.
    virtual Result<QuotaDecision> takeCreationQuota(const CreationQuota &quota) = 0;

    // Counts clicks on an unlimited link whose redirects were already sent.
    virtual Status addClicks(qint64 linkId, qint64 count) = 0;

    // Appends one row to the click log. `details` may be null (nothing
    // learned); the client address is stored anonymized unless
    // setStoreFullAddresses(true).
    virtual Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                               const ClickDetails *details = nullptr) = 0;
    virtual void setStoreFullAddresses(bool full) = 0;

    // Everything the stats views show about one link; nullopt if unknown.
    virtual Result<std::optional<LinkStats>> linkStats(const QString &slug, const StatsQuery &query) = 0;

    virtual Result<std::optional<Link>> findLink(const QString &slug) = 0;

    // Marks a link revoked: from then on it answers like a used-up one.
    // False when there is no such link.
    virtual Result<bool> revokeLink(const QString &slug) = 0;

    // The links table: one page, its size under a filter, single rows by id.
    virtual Result<QList<Link>> listLinks(const LinkListQuery &query) = 0;
    virtual Result<qint64> countLinks(const QString &filter) = 0;
    virtual Result<QList<Link>> linksByIds(const QList<qint64> &ids) = 0;
    virtual Result<Totals> totals(qint64 sinceMs) = 0;

    // Tells the other servers on this database what the current batch
    // changed (a ChangeNotice payload), delivered when the batch commits.
    // Only where servers can listen (PostgreSQL); elsewhere nothing is sent.
    virtual bool announcesChanges() const { return false; }
    virtual Status announce(const QByteArray &payload)
    {
        Q_UNUSED(payload);
        return {};
    }

    // The engine's own consistency check; "ok" when healthy.
    virtual Result<QString> integrityCheck() = 0;
};

} // namespace shortfuse
