#pragma once

#include "clickwriter.h"
#include "clock.h"
#include "link.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace shortfuse {

// What someone asks for when making a link, before any rule is applied.
struct CreateRequest {
    QString url;
    QString alias;                    // empty: generate a slug
    std::optional<qint64> maxClicks;  // nullopt: unlimited
};

// How a visit to /<slug> is answered.
struct Visit {
    enum class Kind { Redirect, Expired, NotFound, Unavailable };
    Kind kind = Kind::NotFound;
    QByteArray location;  // Redirect: the destination, byte-for-byte as stored
    bool capped = false;  // Redirect/Expired: the link has a max-clicks
    Error error;          // Unavailable: why
};

// The links as the server thread sees them: applies the rules, keeps a
// cache of what is immutable or monotonic about each link, and hands every
// write to the ClickWriter. Lives on, and must only be used from, the
// thread that owns the HTTP server. Also the reply context of the writer.
//
// The cache never decides whether a capped link may redirect: that is the
// database's conditional write. It only remembers that a capped link is
// used up (which never reverts) and where an unlimited link leads.
class LinkService final : public QObject {
    Q_OBJECT
public:
    using VisitDone = std::function<void(const Visit &)>;

    LinkService(const Clock &clock, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LinkService)

    // Must be called before the writer starts.
    void attachWriter(ClickWriter *writer);

    // Applies every rule; nothing is stored. The same check the window uses.
    Result<NewLink> prepare(const CreateRequest &request) const;
    void create(NewLink link, ClickWriter::CreateDone done);

    // GET /<slug>, in two steps so the common case allocates no callback:
    // visitCached answers from the cache when nothing needs claiming (an
    // unlimited link, a used-up one) and then takes `facts`; otherwise it
    // returns nullopt and visitClaimed claims through the writer, calling
    // `done` once the claim is committed.
    std::optional<Visit> visitCached(const QString &slug, ClickFacts &facts);
    void visitClaimed(const QString &slug, ClickFacts facts, VisitDone done);
    // HEAD /<slug>: the same answers, but nothing is used up or logged.
    std::optional<Visit> inspectCached(const QString &slug) const;
    void inspectStored(const QString &slug, VisitDone done);

    // From then on the link answers like a used-up one; `done` gets false
    // for an unknown slug.
    void revoke(const QString &slug, std::function<void(const Result<bool> &)> done);

    int cachedLinks() const { return int(m_cache.size()); }

Q_SIGNALS:
    // For live views (the desktop window), emitted on this object's thread.
    void linkCreated(const shortfuse::Link &link);
    void clicksChanged(const QList<qint64> &linkIds);  // after the clicks are committed
    void linkRevoked(const QString &slug);

private:
    struct CachedLink {
        qint64 id = 0;
        QByteArray location;
        bool capped = false;
        bool exhausted = false;  // capped and used up, or revoked: final
    };

    void remember(const Link &link);
    Visit visitFromClaim(const Result<Claim> &claim);
    static Visit overloadedVisit();

    const Clock &m_clock;
    ClickWriter *m_writer = nullptr;
    QHash<QString, CachedLink> m_cache;
    static constexpr int kMaxCachedLinks = 250'000;
};

} // namespace shortfuse
