#include "linkservice.h"

#include "linkrules.h"

namespace shortfuse {

LinkService::LinkService(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

Result<NewLink> LinkService::prepare(const CreateRequest &request) const
{
    if (Status url = rules::validateDestinationUrl(request.url); !url)
        return url.error();
    NewLink link;
    link.url = request.url;
    if (request.alias.isEmpty()) {
        link.slug = rules::generateSlug();
        link.slugGenerated = true;
    } else {
        if (Status alias = rules::validateAlias(request.alias); !alias)
            return alias.error();
        link.slug = request.alias;
    }
    Result<std::optional<int>> maxClicks = rules::validateMaxClicks(request.maxClicks);
    if (!maxClicks)
        return maxClicks.error();
    link.maxClicks = *maxClicks;
    link.createdAtMs = m_clock.nowMs();
    return link;
}

void LinkService::attachWriter(ClickWriter *writer)
{
    m_writer = writer;
    m_writer->setCommitListener([this](const QList<qint64> &ids) { Q_EMIT clicksChanged(ids); });
}

void LinkService::create(NewLink link, ClickWriter::CreateDone done)
{
    m_writer->create(std::move(link), [this, done = std::move(done)](const Result<Link> &created) {
        if (created) {
            remember(*created);
            Q_EMIT linkCreated(*created);
        }
        done(created);
    });
}

void LinkService::revoke(const QString &slug, std::function<void(const Result<bool> &)> done)
{
    m_writer->revoke(slug, [this, slug, done = std::move(done)](const Result<bool> &revoked) {
        if (revoked && *revoked) {
            m_cache.remove(slug); // the next visit reads the revoked state from the database
            Q_EMIT linkRevoked(slug);
        }
        done(revoked);
    });
}

void LinkService::remember(const Link &link)
{
    if (m_cache.size() >= kMaxCachedLinks)
        m_cache.erase(m_cache.begin()); // bounded: an arbitrary entry goes, the database still has it
    m_cache.insert(link.slug, CachedLink{link.id, link.url.toUtf8(), link.capped(), link.exhausted()});
}

Visit LinkService::overloadedVisit()
{
    return Visit{Visit::Kind::Unavailable, {}, false,
                 Error{503, "overloaded", QStringLiteral("The server is busy recording clicks; try again in a moment.")}};
}

std::optional<Visit> LinkService::visitCached(const QString &slug, ClickFacts &facts)
{
    const auto it = m_cache.constFind(slug);
    if (it == m_cache.cend() || (it->capped && !it->exhausted))
        return std::nullopt; // a click to claim: only the database may decide
    // Nothing to claim: an unlimited link redirects, a used-up one is
    // expired for good. Only the log row is written, after the answer.
    if (m_writer->overloaded())
        return overloadedVisit();
    const ClickOutcome outcome = it->capped ? ClickOutcome::Expired : ClickOutcome::Redirected;
    m_writer->record(it->id, outcome, std::move(facts));
    if (outcome == ClickOutcome::Expired)
        return Visit{Visit::Kind::Expired, {}, true, {}};
    return Visit{Visit::Kind::Redirect, it->location, false, {}};
}

void LinkService::visitClaimed(const QString &slug, ClickFacts facts, VisitDone done)
{
    m_writer->claim(slug, std::move(facts), [this, done = std::move(done)](const Result<Claim> &claim) {
        done(visitFromClaim(claim));
    });
}

std::optional<Visit> LinkService::inspectCached(const QString &slug) const
{
    const auto it = m_cache.constFind(slug);
    if (it == m_cache.cend() || (it->capped && !it->exhausted))
        return std::nullopt;
    if (it->exhausted)
        return Visit{Visit::Kind::Expired, {}, true, {}};
    return Visit{Visit::Kind::Redirect, it->location, false, {}};
}

void LinkService::inspectStored(const QString &slug, VisitDone done)
{
    m_writer->lookup(slug, [this, done = std::move(done)](const Result<Claim> &state) {
        done(visitFromClaim(state));
    });
}

Visit LinkService::visitFromClaim(const Result<Claim> &claim)
{
    if (!claim)
        return Visit{Visit::Kind::Unavailable, {}, false, claim.error()};
    switch (claim->kind) {
    case Claim::Kind::Unknown:
        return Visit{Visit::Kind::NotFound, {}, false, {}};
    case Claim::Kind::Expired:
        remember(claim->link);
        return Visit{Visit::Kind::Expired, {}, claim->link.capped(), {}};
    case Claim::Kind::Redirected:
        remember(claim->link);
        return Visit{Visit::Kind::Redirect, claim->link.url.toUtf8(), claim->link.capped(), {}};
    }
    Q_UNREACHABLE();
}

} // namespace shortfuse
