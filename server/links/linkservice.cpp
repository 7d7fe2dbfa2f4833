#include "server/links/linkservice.h"

#include "server/links/linkrules.h"

namespace shortfuse {

namespace {

// Password guesses: per link (whoever guesses) and per client (whatever link).
constexpr int kGuessesPerLinkPerMinute = 10;
constexpr int kGuessesPerClientPerMinute = 20;

ClaimResult claimResultOf(const Result<Claim> &claim)
{
    if (!claim)
        return ClaimResult::Failed;
    switch (claim->kind) {
    case Claim::Kind::Redirected: return ClaimResult::Granted;
    case Claim::Kind::Expired: return ClaimResult::Refused;
    case Claim::Kind::Unknown: return ClaimResult::NotFound;
    case Claim::Kind::Preview:
    case Claim::Kind::NeedsPassword:
    case Claim::Kind::NeedsConfirmation:
    case Claim::Kind::TokenReused: break;
    }
    return ClaimResult::Gated;
}

} // namespace

LinkService::LinkService(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_guessesPerLink(kGuessesPerLinkPerMinute, clock)
    , m_guessesPerClient(kGuessesPerClientPerMinute, clock)
{
}

LinkService::~LinkService() = default;

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
    Result<PreviewProtection> protection = rules::previewProtectionFor(request.previewProtection, link.maxClicks.has_value());
    if (!protection)
        return protection.error();
    link.previewProtection = *protection;
    if (request.password) {
        if (Status password = rules::validatePassword(*request.password); !password)
            return password.error();
    }
    link.createdAtMs = m_clock.nowMs();
    Result<std::optional<qint64>> expiry = rules::expiryFor(request.expiresAt, request.expiresIn, link.createdAtMs);
    if (!expiry)
        return expiry.error();
    link.expiresAtMs = *expiry;
    if (request.expiredUrl) {
        if (Status fallback = rules::validateDestinationUrl(*request.expiredUrl); !fallback) {
            return Error{400, "invalid_expired_url",
                         QStringLiteral("expired-url: %1").arg(fallback.error().message)};
        }
        link.expiredUrl = *request.expiredUrl;
    }
    return link;
}

void LinkService::attachWriter(ClickWriter *writer)
{
    m_writer = writer;
    m_writer->setCommitListener([this](const QList<qint64> &ids) { Q_EMIT clicksChanged(ids); });
}

void LinkService::writerStarted()
{
    m_tokens = std::make_unique<ConfirmationTokens>(m_writer->secret());
}

void LinkService::create(NewLink link, std::optional<QString> password, ClickWriter::CreateDone done,
                         std::optional<CreationQuota> quota)
{
    auto store = [this, done = std::move(done), quota = std::move(quota)](NewLink link) {
        m_writer->create(
            std::move(link),
            [this, done](const Result<Link> &created) {
                if (created) {
                    remember(*created);
                    Q_EMIT linkCreated(*created);
                }
                done(created);
            },
            quota);
    };
    if (!password)
        return store(std::move(link));
    m_hasher.hash(*password, this, [link = std::move(link), store](const QString &hash) mutable {
        link.passwordHash = hash;
        store(std::move(link));
    });
}

void LinkService::applyRemoteChanges(const RemoteChanges &changes)
{
    const ChangeNotice &notice = changes.notice;
    if (notice.overflow) {
        // Anything cached may have been revoked meanwhile.
        m_cache.clear();
        Q_EMIT refreshNeeded();
        return;
    }
    for (const QString &slug : notice.revoked) {
        m_cache.remove(slug);
        Q_EMIT linkRevoked(slug);
    }
    for (const Link &link : changes.createdLinks)
        Q_EMIT linkCreated(link);
    if (!notice.clicked.isEmpty())
        Q_EMIT clicksChanged(notice.clicked);
}

void LinkService::remember(const Link &link)
{
    // Only links the cache can answer for: unlimited ungated ones (redirect
    // at once) and used-up ones (expired for good). Anything else goes to
    // the database on every visit anyway, so caching it would only evict
    // entries that help.
    const bool gated = link.hasPassword() || link.previewProtection == PreviewProtection::Confirm;
    if (!link.usedUp() && (link.capped() || gated)) {
        m_cache.remove(link.slug);
        return;
    }
    if (m_cache.size() >= kMaxCachedLinks)
        m_cache.clear(); // bounded; starting over is O(1) per insert overall, the database has everything
    m_cache.insert(link.slug, CachedLink{link.id, link.url.toUtf8(), link.expiredUrl.toUtf8(), link.capped(),
                                         link.usedUp(), link.hasPassword() || link.previewProtection == PreviewProtection::Confirm,
                                         link.previewProtection == PreviewProtection::Auto, link.expiresAtMs,
                                         link.passwordHash});
}

Visit LinkService::overloadedVisit()
{
    Visit visit;
    visit.kind = Visit::Kind::Unavailable;
    visit.error = Error{503, "overloaded", QStringLiteral("The server is busy recording clicks; try again in a moment."), 1};
    return visit;
}

std::optional<Visit> LinkService::visitCached(const QString &slug, ClickFacts &facts, const VisitContext &context)
{
    const auto it = m_cache.constFind(slug);
    if (it == m_cache.cend())
        return std::nullopt;
    const bool expired = it->usedUp || (it->expiresAtMs && facts.atMs >= *it->expiresAtMs);
    // Anything that needs a decision (a cap, a gate, a previewer at an
    // auto-protected link) goes to the database.
    if (!expired && (it->capped || it->gated || (it->previewAuto && context.previewFetcher && context.previewFetcher())))
        return std::nullopt;
    // Nothing to claim: an unlimited link redirects, an expired one is
    // expired for good. Only the log row is written, after the answer.
    if (m_writer->overloaded())
        return overloadedVisit();
    Visit visit;
    visit.capped = it->capped;
    if (expired) {
        m_writer->record(it->id, ClickOutcome::Expired, std::move(facts));
        visit.kind = Visit::Kind::Expired;
        visit.location = it->expiredLocation;
        return visit;
    }
    m_writer->record(it->id, ClickOutcome::Redirected, std::move(facts));
    visit.kind = Visit::Kind::Redirect;
    visit.location = it->location;
    visit.revealsDestination = true;
    return visit;
}

void LinkService::visitClaimed(const QString &slug, ClickFacts facts, const VisitContext &context, VisitDone done)
{
    ClaimRequest request{slug, facts.atMs, context.previewFetcher && context.previewFetcher(), false, {}, 0};
    claim(std::move(request), std::move(facts), std::move(done));
}

void LinkService::claim(ClaimRequest request, ClickFacts facts, VisitDone done)
{
    m_writer->claim(std::move(request), std::move(facts), [this, done = std::move(done)](const Result<Claim> &claim) {
        if (m_metrics)
            m_metrics->countClaim(claimResultOf(claim));
        done(visitFrom(claim));
    });
}

void LinkService::confirm(const QString &slug, const QString &token, ClickFacts facts, VisitDone done)
{
    const std::optional<ConfirmationTokens::Checked> checked = m_tokens->check(token, slug, facts.atMs);
    if (!checked) {
        Visit visit;
        visit.kind = Visit::Kind::BadToken;
        visit.error = Error{403, "invalid_token",
                            QStringLiteral("This confirmation is not valid (it expired or was changed). Open the link again.")};
        return done(visit);
    }
    ClaimRequest request{slug, facts.atMs, false, true, checked->nonce, checked->expiresMs};
    claim(std::move(request), std::move(facts), std::move(done));
}

void LinkService::refundGuess(const QString &slug, const QHostAddress &client)
{
    m_guessesPerLink.refundKey(slug.toUtf8());
    m_guessesPerClient.refund(client);
}

std::optional<Visit> LinkService::throttle(const QString &slug, const QHostAddress &client)
{
    // A guess takes from both budgets when it arrives (so guesses sent all
    // at once are counted while they are being checked) and a right
    // password gives it back: only wrong guesses use the budget up.
    RateLimiter::Decision perLink = m_guessesPerLink.tryAcquireKey(slug.toUtf8());
    if (!perLink.allowed) {
        if (m_metrics)
            m_metrics->countRateLimited(RateLimitKind::Password);
        return throttledVisit(perLink.retryAfterSeconds);
    }
    RateLimiter::Decision perClient = m_guessesPerClient.tryAcquire(client);
    if (!perClient.allowed) {
        if (m_metrics)
            m_metrics->countRateLimited(RateLimitKind::Password);
        m_guessesPerLink.refundKey(slug.toUtf8());
        return throttledVisit(perClient.retryAfterSeconds);
    }
    return std::nullopt;
}

Visit LinkService::throttledVisit(int wait)
{
    Visit visit;
    visit.kind = Visit::Kind::Throttled;
    visit.error = Error{429, "too_many_attempts",
                        QStringLiteral("Too many wrong passwords; try again in %1 seconds.").arg(wait), wait};
    return visit;
}

void LinkService::withLink(const QString &slug, std::function<void(const Result<Claim> &)> then)
{
    m_writer->lookup(slug, m_clock.nowMs(), std::move(then));
}

void LinkService::unlock(const QString &slug, const QString &password, ClickFacts facts, VisitDone done)
{
    if (std::optional<Visit> throttled = throttle(slug, facts.client))
        return done(*throttled);
    withLink(slug, [this, slug, password, facts, done](const Result<Claim> &state) mutable {
        if (!state || state->kind == Claim::Kind::Unknown || state->kind == Claim::Kind::Expired
            || !state->link.hasPassword())
            refundGuess(slug, facts.client); // no password was checked
        if (state && state->kind != Claim::Kind::Unknown && !state->link.hasPassword()) {
            Visit visit;
            visit.kind = Visit::Kind::Refused;
            visit.error = Error{400, "no_password", QStringLiteral("This link has no password.")};
            return done(visit);
        }
        if (!state || state->kind == Claim::Kind::Unknown || state->kind == Claim::Kind::Expired)
            return done(visitFrom(state));
        m_hasher.verify(state->link.passwordHash, password, this,
                        [this, slug, facts = std::move(facts), done](bool right) mutable {
                            if (right)
                                refundGuess(slug, facts.client);
                            if (!right) {
                                Visit visit;
                                visit.kind = Visit::Kind::WrongPassword;
                                visit.error = Error{401, "wrong_password", QStringLiteral("That password is not right.")};
                                return done(visit);
                            }
                            ClaimRequest request{slug, facts.atMs, false, true, {}, 0};
                            claim(std::move(request), std::move(facts), done);
                        });
    });
}

void LinkService::checkPassword(const QString &slug, const QString &password, const QHostAddress &client,
                                std::function<void(const Visit &)> done)
{
    if (std::optional<Visit> throttled = throttle(slug, client))
        return done(*throttled);
    withLink(slug, [this, slug, password, client, done](const Result<Claim> &state) {
        if (!state || state->kind == Claim::Kind::Unknown || !state->link.hasPassword())
            refundGuess(slug, client); // no password was checked
        if (!state || state->kind == Claim::Kind::Unknown)
            return done(visitFrom(state));
        if (!state->link.hasPassword()) {
            Visit open;
            open.kind = Visit::Kind::Redirect; // nothing to check
            return done(open);
        }
        m_hasher.verify(state->link.passwordHash, password, this, [this, slug, client, done](bool right) {
            if (right)
                refundGuess(slug, client);
            Visit visit;
            visit.kind = right ? Visit::Kind::Redirect : Visit::Kind::WrongPassword;
            if (!right)
                visit.error = Error{401, "wrong_password", QStringLiteral("That password is not right.")};
            done(visit);
        });
    });
}

void LinkService::inspect(const QString &slug, VisitDone done)
{
    withLink(slug, [this, done = std::move(done)](const Result<Claim> &state) { done(visitFrom(state)); });
}

Visit LinkService::visitFrom(const Result<Claim> &claim)
{
    Visit visit;
    if (!claim) {
        visit.kind = Visit::Kind::Unavailable;
        visit.error = claim.error();
        return visit;
    }
    const Link &link = claim->link;
    if (claim->kind != Claim::Kind::Unknown)
        remember(link);
    visit.capped = link.capped();
    if (link.maxClicks)
        visit.remaining = std::max<qint64>(0, *link.maxClicks - link.clicks);
    switch (claim->kind) {
    case Claim::Kind::Unknown:
        visit.kind = Visit::Kind::NotFound;
        break;
    case Claim::Kind::Expired:
        visit.kind = Visit::Kind::Expired;
        visit.location = link.expiredUrl.toUtf8();
        break;
    case Claim::Kind::Redirected:
        visit.kind = Visit::Kind::Redirect;
        visit.location = link.url.toUtf8();
        visit.revealsDestination = !link.capped() && !link.hasPassword()
            && link.previewProtection != PreviewProtection::Confirm;
        break;
    case Claim::Kind::Preview:
        visit.kind = Visit::Kind::Preview;
        break;
    case Claim::Kind::NeedsPassword:
        visit.kind = Visit::Kind::NeedsPassword;
        break;
    case Claim::Kind::NeedsConfirmation:
        visit.kind = Visit::Kind::NeedsConfirmation;
        visit.token = m_tokens->issue(link.slug, m_clock.nowMs());
        break;
    case Claim::Kind::TokenReused:
        visit.kind = Visit::Kind::BadToken;
        visit.error = Error{403, "token_used", QStringLiteral("This confirmation was already used. Open the link again.")};
        break;
    }
    return visit;
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

} // namespace shortfuse
