#pragma once

#include "server/core/clock.h"
#include "server/core/link.h"
#include "server/core/metrics.h"
#include "server/core/ratelimiter.h"
#include "server/core/result.h"
#include "server/core/slugfilter.h"
#include "server/core/visitoutcome.h"
#include "server/links/confirmationtokens.h"
#include "server/links/passwords.h"
#include "server/storage/changenotice.h"
#include "server/storage/clickwriter.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace shortfuse {

class StoreReader;

// What someone asks for when making a link, before any rule is applied.
struct CreateRequest {
    QString url;
    QString alias;                    // empty: generate a slug
    std::optional<qint64> maxClicks;  // nullopt: unlimited
    std::optional<QString> previewProtection;  // nullopt: the default for the link's kind
    std::optional<QString> password;
    std::optional<QString> expiresAt;
    std::optional<qint64> expiresIn;
    std::optional<QString> expiredUrl;
    std::optional<QString> label;
};

// What PATCH /api/links/<slug> and the window's edit dialog may change
// about a link; a field left nullopt stays as it is. The nested optionals
// say "set to nothing": maxClicks {nullopt} is unlimited, expiresAt,
// expiredUrl, label and password {nullopt} clear them.
struct LinkChange {
    std::optional<QString> url;
    std::optional<std::optional<qint64>> maxClicks;
    std::optional<std::optional<QString>> expiresAt;
    std::optional<qint64> expiresIn;
    std::optional<std::optional<QString>> expiredUrl;
    std::optional<std::optional<QString>> label;
    std::optional<QString> previewProtection;
    std::optional<std::optional<QString>> password;

    bool isEmpty() const
    {
        return !url && !maxClicks && !expiresAt && !expiresIn && !expiredUrl && !label && !previewProtection && !password;
    }
};

// Whose links a management call may touch: every link (an admin key, a
// local request, the window), or only those of one API key. A link outside
// the scope is answered as unknown (404): its existence is not revealed.
struct LinkScope {
    std::optional<qint64> ownerKeyId; // nullopt: every link

    static LinkScope everything() { return {}; }
    static LinkScope ownedBy(qint64 keyId) { return LinkScope{keyId}; }
    bool includes(const Link &link) const { return !ownerKeyId || link.ownerKeyId == ownerKeyId; }
};

// How a request to /<slug> is answered.
struct Visit {
    VisitOutcome outcome = VisitOutcome::NotFound;
    QByteArray location;      // Redirected: the destination; Expired: the fallback, if the link has one
    bool capped = false;      // the link has a max-clicks
    bool revealsDestination = false;  // HEAD may show Location (unlimited, ungated)
    std::optional<qint64> remaining;  // clicks left, for the confirmation page
    QString token;            // NeedsConfirmation
    Error error;              // Unavailable, WrongPassword, Throttled, BadToken, Refused: why
};

// The request facts LinkService needs beyond the click facts.
struct VisitContext {
    // Recognised preview bot, link scanner or prefetch. Asked only for
    // links that care (auto preview protection), so most visits never pay.
    std::function<bool()> previewFetcher;
};

// The links as the server thread sees them: applies the rules, keeps a
// cache of what is immutable or monotonic about each link, hands every
// write to the ClickWriter and looks up links the cache does not know on
// a reader of their own. Lives on, and must only be used from, the thread
// that owns the HTTP server. Also the reply context of the writer and of
// the lookups.
//
// The cache never decides whether a capped or gated link may redirect:
// that is the database's conditional write. It remembers where a link
// leads, its gates, its expiry, and that a link is used up (never reverts).
// The one change that can make an entry wrong is a revocation; lookups run
// beside the writer, not after it in its queue, so an answer read before
// a revocation committed could put the old state back. Hence a generation,
// bumped whenever a link may have been revoked (here or on another
// server): an answer enters the cache only if no bump happened since its
// question was asked.
class LinkService final : public QObject {
    Q_OBJECT
public:
    using VisitDone = std::function<void(const Visit &)>;

    LinkService(const Clock &clock, QObject *parent = nullptr);
    ~LinkService() override;
    Q_DISABLE_COPY_MOVE(LinkService)

    // Must be called before the writer starts; reads its secret after.
    void attachWriter(ClickWriter *writer);
    void writerStarted();
    // The reader that looks up links the cache does not know: a reader of
    // their own, so a slow statistics read never delays a redirect.
    void attachLookups(StoreReader *lookups) { m_lookups = lookups; }
    // Claims and refused password guesses are counted there; may be null.
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    // Called before every answer from the cache, to apply (through
    // applyRemoteChanges) whatever other processes committed before it: on
    // a SQLite file they share, SqliteChangePoller::catchUp. Unset when the
    // changes arrive on their own (PostgreSQL's notices) or nobody else writes.
    void setCatchUp(std::function<void()> catchUp) { m_catchUp = std::move(catchUp); }

    // Applies every rule; nothing is stored. The same check the window uses.
    Result<NewLink> prepare(const CreateRequest &request) const;
    // `password`, if any, is hashed off this thread before the link is
    // stored. `quota`: see ClickWriter::create().
    void create(NewLink link, std::optional<QString> password, ClickWriter::CreateDone done,
                std::optional<CreationQuota> quota = std::nullopt);

    // GET /<slug>, in two steps so the common case allocates no callback:
    // visitCached answers from the cache when nothing needs claiming (an
    // unlimited ungated link, a used-up one) and then takes `facts`;
    // otherwise it returns nullopt and visitClaimed asks the database: a
    // link the cache does not know is looked up on the read side first and,
    // if nothing needs claiming, answered like a cached one; a cap or a gate
    // is claimed through the writer.
    std::optional<Visit> visitCached(const QString &slug, ClickFacts &facts, const VisitContext &context);
    void visitClaimed(const QString &slug, ClickFacts facts, const VisitContext &context, VisitDone done);
    // POST /<slug> from the confirmation page.
    void confirm(const QString &slug, const QString &token, ClickFacts facts, VisitDone done);
    // POST /<slug> from the password form.
    void unlock(const QString &slug, const QString &password, ClickFacts facts, VisitDone done);
    // HEAD /<slug>: the same answers, but nothing is used up or logged.
    void inspect(const QString &slug, VisitDone done);
    // Whether `password` opens `slug` (for its stats); throttled like unlock.
    // Ok when it does (or the link has no password); otherwise the error
    // says why not (401 wrong, 429 throttled, 404, 503).
    void checkPassword(const QString &slug, const QString &password, const QHostAddress &client,
                       std::function<void(const Status &)> done);

    // From then on the link answers like a used-up one; `done` gets false
    // for an unknown slug.
    void revoke(const QString &slug, std::function<void(const Result<bool> &)> done);

    // Several links at once (the API's batch, the window's "links for
    // several recipients"), all or nothing in one transaction: each was
    // prepare()d; `password`, if any, is hashed once for all of them. A
    // taken alias refuses the whole batch (409 duplicate, naming it).
    static constexpr int kMaxBatch = 1000;
    void createBatch(QList<NewLink> links, std::optional<QString> password,
                     std::function<void(const Result<QList<Link>> &)> done);

    // Management (the API, the window's edit dialog). Each answers the link
    // as it is afterwards, or 404 not_found when `slug` is unknown or out of
    // `scope`; bad values are 400 with a reason code and change nothing.
    // update() is atomic with concurrent claims on every server: the
    // change is one conditional write in a writer batch of its own (every
    // click answered before it counted first), the cache entry is dropped
    // before it is submitted, and the other servers hear of it with its
    // commit. A cap below the clicks already used is refused
    // (max_clicks_below_clicks); a cap equal to them ends the link at once.
    // A cap set on an unlimited link while other servers run on the
    // database takes the counting handshake (CountingHandshake below), so
    // their redirects answered from caches count too.
    void update(const QString &slug, const LinkChange &change, LinkScope scope,
                std::function<void(const Result<Link> &)> done);
    // revoke() within a scope; done gets the link as revoked.
    void revokeIn(const QString &slug, LinkScope scope, std::function<void(const Result<Link> &)> done);
    // Deletes the link and its click log for good (an erasure request).
    void purge(const QString &slug, LinkScope scope, std::function<void(const Status &)> done);

    // POST /api/links/import: stores every link in one writer batch of its
    // own, all or nothing; a slug already taken is left as it is and named
    // in the answer. The links were checked by the import parser.
    void importLinks(QList<ImportedLink> links, std::function<void(const Result<QStringList> &)> done);

    // This server's presence on the database, for the counting handshake
    // of update(): a heartbeat every kHeartbeatMs (a writer batch of its
    // own), and the acknowledgements other servers setting a cap wait for.
    // Started by the server once its writer and lookups run; leave() when
    // it stops (a server killed instead drops out kServerStaleMs after its
    // last beat).
    void startPresence();
    void leave();

    // The counting handshake's timing. A server whose heartbeat is older
    // than kServerStaleMs is presumed gone (killed, or unable to write to
    // the database: README "Several servers" says what that leaves open);
    // the acknowledgements are awaited longer than that, so a server that
    // dies just before a cap is set drops out instead of failing it; a cap
    // not acknowledged by every live server after kAcknowledgeTimeoutMs is
    // answered 503.
    static constexpr int kHeartbeatMs = 2000;
    static constexpr qint64 kServerStaleMs = 5000;
    static constexpr qint64 kAcknowledgeTimeoutMs = 6000;
    static constexpr int kAcknowledgePollMs = 10;

    int cachedLinks() const { return int(m_cache.size()); }

    // What another server on the same database committed (ChangeListener):
    // revoked links leave the cache, and the live-view signals below fire
    // as if the change had happened here.
    void applyRemoteChanges(const shortfuse::RemoteChanges &changes);

Q_SIGNALS:
    // For live views (the desktop window), emitted on this object's thread.
    void linkCreated(const shortfuse::Link &link);
    void clicksChanged(const QList<qint64> &linkIds);  // requests logged (and counted), after commit
    void linkRevoked(const QString &slug);
    // Changed (update()) or purged, here or on another server: what is
    // shown of it must be read again (a purged link is then gone).
    void linkChanged(const QString &slug);
    // Changes elsewhere were too many to list, or may have been missed
    // (the connection to the database was lost): refresh what is shown.
    void refreshNeeded();

private:
    struct CachedLink {
        qint64 id = 0;
        QByteArray location;
        QByteArray expiredLocation;
        bool capped = false;
        bool usedUp = false;       // capped and used up, or revoked: final
        bool gated = false;        // password or confirmation
        bool previewAuto = false;
        std::optional<qint64> expiresAtMs;
        QString passwordHash;
        bool counting = false;     // never cached (see CountingHandshake); claimed like a cap
    };

    // A cap set through update() on an unlimited link while other servers
    // run on the database, which may answer it from their caches and
    // record those redirects later (ClickWriter::record, lazily):
    //  1. the link is marked `counting` (LinkWrites::beginCounting), in one
    //     commit whose change notice makes every server drop it from its
    //     cache; from then on each of its clicks is claimed in the database;
    //  2. every other server, once it has dropped the link and every
    //     lookup it asked before has been answered, queues an
    //     acknowledgement behind the click records of every redirect it
    //     answered without a claim (acknowledgeCounting());
    //  3. this server polls until every live server has acknowledged
    //     (awaitAcknowledgements()), then sets the cap in a second commit,
    //     not below the clicks counted by then, and the counting ends
    //     (finishCounting()). No acknowledgement in time: 503, the link
    //     keeps counting (correct, only slower).
    // Alone on the database, a cap is the one commit it always was.
    struct CountingHandshake {
        QString slug;
        LinkUpdate update;
        std::optional<qint64> owner;
        qint64 epoch = 0;   // this handshake's number (or the one under way it joined)
        qint64 linkId = 0;  // set once phase 1 marked the link
        qint64 deadlineMs = 0; // steady clock
        std::function<void(const Result<Link> &)> done;
    };
    void awaitAcknowledgements(std::shared_ptr<CountingHandshake> handshake);
    void finishCounting(std::shared_ptr<CountingHandshake> handshake);
    void acknowledgeCounting();
    void beat();
    // No cached answer for the link from now on; lookups in flight are not remembered.
    void forgetCached(const QString &slug);
    static Status applyChange(LinkWrites &writes, ChangeNotice &notice, const QString &slug, const LinkUpdate &update,
                              std::optional<qint64> owner, LinkWrites::UpdateResult &result);
    void answerChange(const QString &slug, const Status &written, const LinkWrites::UpdateResult &result,
                      const std::function<void(const Result<Link> &)> &done);

    static CachedLink cachedFrom(const Link &link);
    // A change's values checked by the rules (no password hashed yet).
    Result<LinkUpdate> checkChange(const LinkChange &change) const;
    // Caches what the database said of a link, unless a revocation may have
    // happened since the question was asked, at generation `askedAt`.
    void remember(const Link &link, quint64 askedAt);
    void noteNeedsClaim(const Link &link);
    // Answers a visit from what is known of the link when nothing needs
    // claiming, and queues its log row; nullopt when the database decides.
    std::optional<Visit> answerWithoutClaim(const CachedLink &link, ClickFacts &facts, const VisitContext &context);
    void visitLookedUp(const Result<std::optional<Link>> &found, quint64 askedAt, ClaimRequest request,
                       ClickFacts facts, VisitDone done);
    Visit visitFrom(const Result<Claim> &claim, quint64 askedAt);
    Visit visitFrom(VisitOutcome outcome, const Link &link);
    void claim(ClaimRequest request, ClickFacts facts, VisitDone done);
    void withLink(const QString &slug, std::function<void(const Result<std::optional<Link>> &)> then);
    void countClaim(VisitOutcome outcome);
    std::optional<Error> throttle(const QString &slug, const QHostAddress &client);
    void refundGuess(const QString &slug, const QHostAddress &client);
    static Visit failedVisit(VisitOutcome outcome, Error error);
    static Error throttledError(int waitSeconds);
    static Error wrongPasswordError();
    static Visit overloadedVisit();

    const Clock &m_clock;
    ClickWriter *m_writer = nullptr;
    StoreReader *m_lookups = nullptr;
    Metrics *m_metrics = nullptr;
    std::function<void()> m_catchUp;
    std::unique_ptr<ConfirmationTokens> m_tokens;
    PasswordHasher m_hasher;
    RateLimiter m_guessesPerLink;
    RateLimiter m_guessesPerClient;
    QHash<QString, CachedLink> m_cache;
    // Slugs of links seen capped or gated: a visit that misses the cache
    // goes to the writer's claim at once instead of being looked up first
    // (a one-time link's first click pays for no extra read). A wrong
    // "maybe" only sends an unlimited link the slower, still right, way.
    SlugFilter m_needsClaim;
    static constexpr qsizetype kMaxNeedsClaim = 4'000'000; // then it starts over (see SlugFilter)
    // Bumped when a revocation is submitted, when it commits, and when
    // another server's revocations (or too many changes to list) are heard.
    quint64 m_generation = 0;
    static constexpr int kMaxCachedLinks = 250'000;
    QTimer m_presence;               // the heartbeat; active once startPresence() ran
    bool m_acknowledging = false;     // one acknowledgeCounting() round at a time
    bool m_acknowledgeAgain = false;  // asked for during it: one more round after
};

} // namespace shortfuse
