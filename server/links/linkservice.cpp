#include "server/links/linkservice.h"

#include "server/links/linkrules.h"
#include "server/storage/storereader.h"

#include <QRandomGenerator>
#include <QTimer>

#include <utility>

namespace shortfuse {

namespace {

// Password guesses: per link (whoever guesses) and per client (whatever link).
constexpr int kGuessesPerLinkPerMinute = 10;
constexpr int kGuessesPerClientPerMinute = 20;

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
    if (request.label) {
        if (Status label = rules::validateLabel(*request.label); !label)
            return label.error();
        link.label = *request.label;
    }
    link.statsToken = statstokens::generate();
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
    // Refused now rather than queued: the Argon2 pool's queue is bounded.
    if (password && m_hasher.full())
        return done(storageOverloaded());
    auto store = [this, done = std::move(done), quota = std::move(quota)](NewLink link) {
        if (m_writer->full())
            return done(storageOverloaded());
        const quint64 asked = m_generation;
        m_writer->create(
            std::move(link), &rules::slugAfterCollision,
            [this, done, asked](const Result<Link> &created) {
                if (created) {
                    remember(*created, asked);
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
    if (notice.overflow || !notice.revoked.isEmpty() || !notice.changed.isEmpty())
        ++m_generation; // a lookup in flight may have read a link before it was revoked or changed there
    if (m_writer)
        m_writer->forgetLinks(notice.purged); // our records for a link deleted there are dropped
    if (notice.overflow) {
        // Anything cached may have been revoked meanwhile.
        m_cache.clear();
        Q_EMIT refreshNeeded();
        acknowledgeCounting();
        return;
    }
    for (const QString &slug : notice.revoked) {
        m_cache.remove(slug);
        Q_EMIT linkRevoked(slug);
    }
    for (const QString &slug : notice.changed) {
        m_cache.remove(slug);
        m_needsClaim.insert(slug); // it may be capped or gated now: its next visit asks the database
        Q_EMIT linkChanged(slug);
    }
    if (!notice.changed.isEmpty())
        acknowledgeCounting(); // a server setting a cap may be waiting for us
    for (const Link &link : changes.createdLinks) {
        noteNeedsClaim(link); // their first click here needs no lookup either
        Q_EMIT linkCreated(link);
    }
    if (!notice.clicked.isEmpty())
        Q_EMIT clicksChanged(notice.clicked);
}

LinkService::CachedLink LinkService::cachedFrom(const Link &link)
{
    return CachedLink{link.id, link.url.toUtf8(), link.expiredUrl.toUtf8(), link.capped(), link.usedUp(),
                      link.hasPassword() || link.previewProtection == PreviewProtection::Confirm,
                      link.previewProtection == PreviewProtection::Auto, link.expiresAtMs, link.passwordHash,
                      link.counting != 0};
}

void LinkService::noteNeedsClaim(const Link &link)
{
    if (link.usedUp() || !link.needsClaim())
        return;
    if (m_needsClaim.inserted() >= kMaxNeedsClaim)
        m_needsClaim.clear();
    m_needsClaim.insert(link.slug);
}

void LinkService::remember(const Link &link, quint64 askedAt)
{
    noteNeedsClaim(link);
    // Read before a revocation that has happened since: the revoked state
    // is what the next visit must find, and the database has it.
    if (askedAt != m_generation)
        return;
    // Only links the cache can answer for: unlimited ungated ones (redirect
    // at once) and used-up ones (expired for good). Anything else goes to
    // the database on every visit anyway, so caching it would only evict
    // entries that help.
    if (!link.usedUp() && link.needsClaim()) {
        m_cache.remove(link.slug);
        return;
    }
    if (m_cache.size() >= kMaxCachedLinks)
        m_cache.clear(); // bounded; starting over is O(1) per insert overall, the database has everything
    m_cache.insert(link.slug, cachedFrom(link));
}

Visit LinkService::overloadedVisit()
{
    return failedVisit(VisitOutcome::Unavailable,
                       Error{503, "overloaded", QStringLiteral("The server is busy recording clicks; try again in a moment."), 1});
}

Visit LinkService::failedVisit(VisitOutcome outcome, Error error)
{
    Visit visit;
    visit.outcome = outcome;
    visit.error = std::move(error);
    return visit;
}

void LinkService::countClaim(VisitOutcome outcome)
{
    if (m_metrics)
        m_metrics->countClaim(outcome);
}

std::optional<Visit> LinkService::visitCached(const QString &slug, ClickFacts &facts, const VisitContext &context)
{
    // Only an answer from the cache needs what other processes committed
    // applied first (a revocation drops the entry). A visit the cache
    // cannot answer goes to the database, which has every commit: a claim
    // of a one-time link, never cached, then costs no look at the change
    // notices, which after each commit meant reading the database on this
    // thread (issue 12: claims).
    if (!m_cache.contains(slug))
        return std::nullopt;
    if (m_catchUp)
        m_catchUp(); // a change another process committed before this request drops the entry first
    const auto it = m_cache.constFind(slug);
    if (it == m_cache.cend())
        return std::nullopt;
    return answerWithoutClaim(*it, facts, context);
}

std::optional<Visit> LinkService::answerWithoutClaim(const CachedLink &link, ClickFacts &facts, const VisitContext &context)
{
    const bool expired = link.usedUp || (link.expiresAtMs && facts.atMs >= *link.expiresAtMs);
    // Anything that needs a decision (a cap, a gate, a previewer at an
    // auto-protected link) goes to the database.
    if (!expired
        && (link.capped || link.gated || link.counting
            || (link.previewAuto && context.previewFetcher && context.previewFetcher())))
        return std::nullopt;
    // Nothing to claim: an unlimited link redirects, an expired one is
    // expired for good. Only the log row is written, after the answer.
    if (m_writer->overloaded())
        return overloadedVisit();
    Visit visit;
    visit.capped = link.capped;
    if (expired) {
        m_writer->record(link.id, VisitOutcome::Expired, std::move(facts));
        visit.outcome = VisitOutcome::Expired;
        visit.location = link.expiredLocation;
        return visit;
    }
    m_writer->record(link.id, VisitOutcome::Redirected, std::move(facts));
    visit.outcome = VisitOutcome::Redirected;
    visit.location = link.location;
    visit.revealsDestination = true;
    return visit;
}

void LinkService::visitClaimed(const QString &slug, ClickFacts facts, const VisitContext &context, VisitDone done)
{
    // Asked now, while the request is alive: the answers below come later.
    ClaimRequest request{slug, facts.atMs, context.previewFetcher && context.previewFetcher(), false, {}, 0};
    // Known, and the database decides: a capped or gated link, or a
    // previewer at a cached auto-protected one.
    if (m_cache.contains(slug) || m_needsClaim.mayContain(slug))
        return claim(std::move(request), std::move(facts), std::move(done));
    // Unknown here: read it beside the writer rather than behind its
    // commits, so a cold redirect of an unlimited link waits for no fsync.
    const quint64 asked = m_generation;
    m_lookups->read<std::optional<Link>>(
        [slug](LinkReads &reads) { return reads.findLink(slug); },
        [this, asked, request = std::move(request), facts = std::move(facts),
         done = std::move(done)](const Result<std::optional<Link>> &found) mutable {
            visitLookedUp(found, asked, std::move(request), std::move(facts), std::move(done));
        });
}

void LinkService::visitLookedUp(const Result<std::optional<Link>> &found, quint64 askedAt, ClaimRequest request,
                                ClickFacts facts, VisitDone done)
{
    // The read side could not answer: the writer's claim decides, as it
    // would have without it (and says so if the database is down).
    if (!found) {
        // Except when it refused for being full: the writer's queue is no
        // place for a flood the reader's could not take.
        if (found.error().reason == "overloaded")
            return done(failedVisit(VisitOutcome::Unavailable, found.error()));
        return claim(std::move(request), std::move(facts), std::move(done));
    }
    // What a claim would have decided is counted as one, so the claims
    // metrics read the same whichever side answered.
    if (!found->has_value()) {
        countClaim(VisitOutcome::NotFound);
        return done(Visit{});
    }
    remember(**found, askedAt);
    // Answered even if it was not remembered: a revocation that raced this
    // visit may come after it.
    const bool previewer = request.previewFetcher;
    std::optional<Visit> now = answerWithoutClaim(cachedFrom(**found), facts, VisitContext{[previewer] { return previewer; }});
    if (!now) // a cap or a gate: only the conditional write decides
        return claim(std::move(request), std::move(facts), std::move(done));
    if (now->outcome != VisitOutcome::Unavailable)
        countClaim(now->outcome);
    done(*now);
}

void LinkService::claim(ClaimRequest request, ClickFacts facts, VisitDone done)
{
    // Refused now rather than queued: the writer's queue is bounded.
    if (m_writer->full())
        return done(failedVisit(VisitOutcome::Unavailable, storageOverloaded()));
    const quint64 asked = m_generation;
    m_writer->claim(std::move(request), std::move(facts), [this, asked, done = std::move(done)](const Result<Claim> &claim) {
        const Visit visit = visitFrom(claim, asked);
        countClaim(visit.outcome);
        done(visit);
    });
}

void LinkService::confirm(const QString &slug, const QString &token, ClickFacts facts, VisitDone done)
{
    const std::optional<ConfirmationTokens::Checked> checked = m_tokens->check(token, slug, facts.atMs);
    if (!checked) {
        return done(failedVisit(VisitOutcome::BadToken,
                                Error{403, "invalid_token",
                                      QStringLiteral("This confirmation is not valid (it expired or was changed). Open the link again.")}));
    }
    ClaimRequest request{slug, facts.atMs, false, true, checked->nonce, checked->expiresMs};
    claim(std::move(request), std::move(facts), std::move(done));
}

void LinkService::refundGuess(const QString &slug, const QHostAddress &client)
{
    m_guessesPerLink.refundKey(slug.toUtf8());
    m_guessesPerClient.refund(client);
}

std::optional<Error> LinkService::throttle(const QString &slug, const QHostAddress &client)
{
    // A guess takes from both budgets when it arrives (so guesses sent all
    // at once are counted while they are being checked) and a right
    // password gives it back: only wrong guesses use the budget up.
    RateLimiter::Decision perLink = m_guessesPerLink.tryAcquireKey(slug.toUtf8());
    if (!perLink.allowed) {
        if (m_metrics)
            m_metrics->countRateLimited(RateLimitKind::Password);
        return throttledError(perLink.retryAfterSeconds);
    }
    RateLimiter::Decision perClient = m_guessesPerClient.tryAcquire(client);
    if (!perClient.allowed) {
        if (m_metrics)
            m_metrics->countRateLimited(RateLimitKind::Password);
        m_guessesPerLink.refundKey(slug.toUtf8());
        return throttledError(perClient.retryAfterSeconds);
    }
    return std::nullopt;
}

Error LinkService::throttledError(int wait)
{
    return Error{429, "too_many_attempts", QStringLiteral("Too many wrong passwords; try again in %1 seconds.").arg(wait),
                 wait};
}

Error LinkService::wrongPasswordError()
{
    return Error{401, "wrong_password", QStringLiteral("That password is not right.")};
}

void LinkService::withLink(const QString &slug, std::function<void(const Result<std::optional<Link>> &)> then)
{
    const quint64 asked = m_generation;
    m_lookups->read<std::optional<Link>>(
        [slug](LinkReads &reads) { return reads.findLink(slug); },
        [this, asked, then = std::move(then)](const Result<std::optional<Link>> &found) {
            if (!found)
                return then(found); // already a plain sentence (the reader logged the cause) or "overloaded"
            if (found->has_value())
                remember(**found, asked);
            then(found);
        });
}

void LinkService::unlock(const QString &slug, const QString &password, ClickFacts facts, VisitDone done)
{
    if (std::optional<Error> throttled = throttle(slug, facts.client))
        return done(failedVisit(VisitOutcome::Throttled, *throttled));
    withLink(slug, [this, slug, password, facts, done](const Result<std::optional<Link>> &found) mutable {
        const Link *link = found && found->has_value() ? &**found : nullptr;
        const bool expired = link && link->exhausted(m_clock.nowMs());
        if (!link || expired || !link->hasPassword())
            refundGuess(slug, facts.client); // no password was checked
        if (link && !link->hasPassword())
            return done(failedVisit(VisitOutcome::Refused,
                                    Error{400, "no_password", QStringLiteral("This link has no password.")}));
        if (!found)
            return done(failedVisit(VisitOutcome::Unavailable, found.error()));
        if (!link)
            return done(Visit{});
        if (expired)
            return done(visitFrom(VisitOutcome::Expired, *link));
        if (m_hasher.full()) {
            refundGuess(slug, facts.client); // no password was checked
            return done(failedVisit(VisitOutcome::Unavailable, storageOverloaded()));
        }
        m_hasher.verify(link->passwordHash, password, this,
                        [this, slug, facts = std::move(facts), done](bool right) mutable {
                            if (!right)
                                return done(failedVisit(VisitOutcome::WrongPassword, wrongPasswordError()));
                            refundGuess(slug, facts.client);
                            ClaimRequest request{slug, facts.atMs, false, true, {}, 0};
                            claim(std::move(request), std::move(facts), done);
                        });
    });
}

void LinkService::checkPassword(const QString &slug, const QString &password, const QHostAddress &client,
                                std::function<void(const Status &)> done)
{
    if (std::optional<Error> throttled = throttle(slug, client))
        return done(*throttled);
    withLink(slug, [this, slug, password, client, done](const Result<std::optional<Link>> &found) {
        const Link *link = found && found->has_value() ? &**found : nullptr;
        if (!link || !link->hasPassword())
            refundGuess(slug, client); // no password was checked
        if (!found)
            return done(found.error());
        if (!link)
            return done(Error{404, "not_found", QStringLiteral("There is no short link called \"%1\".").arg(slug.left(64))});
        if (!link->hasPassword())
            return done(Status{}); // nothing to check
        if (m_hasher.full()) {
            refundGuess(slug, client); // no password was checked
            return done(storageOverloaded());
        }
        m_hasher.verify(link->passwordHash, password, this, [this, slug, client, done](bool right) {
            if (!right)
                return done(wrongPasswordError());
            refundGuess(slug, client);
            done(Status{});
        });
    });
}

void LinkService::inspect(const QString &slug, VisitDone done)
{
    withLink(slug, [this, done = std::move(done)](const Result<std::optional<Link>> &found) {
        if (!found)
            return done(failedVisit(VisitOutcome::Unavailable, found.error()));
        if (!found->has_value())
            return done(Visit{});
        const Link &link = **found;
        done(visitFrom(link.exhausted(m_clock.nowMs()) ? VisitOutcome::Expired : VisitOutcome::Redirected, link));
    });
}

Visit LinkService::visitFrom(const Result<Claim> &claim, quint64 askedAt)
{
    if (!claim)
        return failedVisit(VisitOutcome::Unavailable, claim.error());
    if (claim->outcome != VisitOutcome::NotFound)
        remember(claim->link, askedAt);
    return visitFrom(claim->outcome, claim->link);
}

Visit LinkService::visitFrom(VisitOutcome outcome, const Link &link)
{
    Visit visit;
    visit.outcome = outcome;
    visit.capped = link.capped();
    if (link.maxClicks)
        visit.remaining = std::max<qint64>(0, *link.maxClicks - link.clicks);
    switch (outcome) {
    case VisitOutcome::Expired:
        visit.location = link.expiredUrl.toUtf8();
        break;
    case VisitOutcome::Redirected:
        visit.location = link.url.toUtf8();
        visit.revealsDestination = !link.capped() && !link.hasPassword()
            && link.previewProtection != PreviewProtection::Confirm;
        break;
    case VisitOutcome::NeedsConfirmation:
        visit.token = m_tokens->issue(link.slug, m_clock.nowMs());
        break;
    case VisitOutcome::BadToken: // from a claim: the token's nonce was already used
        visit.error = Error{403, "token_used", QStringLiteral("This confirmation was already used. Open the link again.")};
        break;
    default:
        break;
    }
    return visit;
}

void LinkService::revoke(const QString &slug, std::function<void(const Result<bool> &)> done)
{
    ++m_generation; // lookups answered from now on may have read the link before the revocation
    m_writer->revoke(slug, [this, slug, done = std::move(done)](const Result<bool> &revoked) {
        ++m_generation; // and so may those asked while it was being committed
        if (revoked && *revoked) {
            m_cache.remove(slug); // the next visit reads the revoked state from the database
            Q_EMIT linkRevoked(slug);
        }
        done(revoked);
    });
}

namespace {

Error unknownLink(const QString &slug)
{
    return Error{404, "not_found", QStringLiteral("There is no short link called \"%1\".").arg(slug.left(64))};
}

} // namespace

void LinkService::createBatch(QList<NewLink> links, std::optional<QString> password,
                              std::function<void(const Result<QList<Link>> &)> done)
{
    if (links.size() > kMaxBatch)
        return done(Error{400, "too_many_links", QStringLiteral("A batch makes at most %1 links.").arg(kMaxBatch)});
    if (password && m_hasher.full())
        return done(storageOverloaded());
    auto store = [this, done = std::move(done)](QList<NewLink> links) {
        if (m_writer->full())
            return done(storageOverloaded());
        const quint64 asked = m_generation;
        struct Outcome {
            QList<Link> made;
            std::optional<Error> refused;
        };
        auto outcome = std::make_shared<Outcome>();
        m_writer->write(
            [links, outcome](LinkWrites &writes, ChangeNotice &notice) -> Status {
                for (NewLink link : links) {
                    std::optional<Link> made;
                    for (int attempts = 1; !made; ++attempts) {
                        Result<std::optional<Link>> inserted = writes.insertLink(link);
                        if (!inserted)
                            return inserted.error();
                        if (inserted->has_value()) {
                            made = **inserted;
                            break;
                        }
                        Result<QString> next = rules::slugAfterCollision(link, attempts);
                        if (!next) {
                            // All or nothing: what this batch inserted goes again,
                            // in the same transaction, as if it never was.
                            for (const Link &undo : outcome->made) {
                                if (Result<std::optional<qint64>> gone = writes.purgeLink(undo.slug, std::nullopt); !gone)
                                    return gone.error();
                            }
                            outcome->made.clear();
                            outcome->refused = next.error();
                            return {};
                        }
                        link.slug = *next;
                    }
                    outcome->made.append(*made);
                }
                for (const Link &made : outcome->made)
                    notice.created.append(made.id);
                return {};
            },
            [this, asked, outcome, done](const Status &written) {
                if (!written)
                    return done(written.error());
                if (outcome->refused)
                    return done(*outcome->refused);
                for (const Link &made : outcome->made) {
                    remember(made, asked);
                    Q_EMIT linkCreated(made);
                }
                done(outcome->made);
            });
    };
    if (!password)
        return store(std::move(links));
    m_hasher.hash(*password, this, [links = std::move(links), store](const QString &hash) mutable {
        for (NewLink &link : links)
            link.passwordHash = hash;
        store(std::move(links));
    });
}

Result<LinkUpdate> LinkService::checkChange(const LinkChange &change) const
{
    LinkUpdate update;
    if (change.url) {
        if (Status url = rules::validateDestinationUrl(*change.url); !url)
            return url.error();
        update.url = *change.url;
    }
    if (change.maxClicks) {
        Result<std::optional<int>> cap = rules::validateMaxClicks(*change.maxClicks);
        if (!cap)
            return cap.error();
        update.maxClicks = *cap;
    }
    const bool clearsExpiry = change.expiresAt && !change.expiresAt->has_value();
    if (clearsExpiry && change.expiresIn)
        return Error{400, "conflicting_expiry", QStringLiteral("Give expires-at or expires-in, not both.")};
    if (clearsExpiry) {
        update.expiresAtMs = std::optional<qint64>{};
    } else if (change.expiresAt || change.expiresIn) {
        Result<std::optional<qint64>> expiry =
            rules::expiryFor(change.expiresAt ? *change.expiresAt : std::nullopt, change.expiresIn, m_clock.nowMs());
        if (!expiry)
            return expiry.error();
        update.expiresAtMs = *expiry;
    }
    if (change.expiredUrl) {
        if (*change.expiredUrl) {
            if (Status fallback = rules::validateDestinationUrl(**change.expiredUrl); !fallback)
                return Error{400, "invalid_expired_url", QStringLiteral("expired-url: %1").arg(fallback.error().message)};
        }
        update.expiredUrl = change.expiredUrl->value_or(QString());
    }
    if (change.label) {
        if (*change.label) {
            if (Status label = rules::validateLabel(**change.label); !label)
                return label.error();
        }
        update.label = change.label->value_or(QString());
    }
    if (change.previewProtection) {
        Result<PreviewProtection> protection = rules::previewProtectionFor(change.previewProtection, true);
        if (!protection)
            return protection.error();
        update.previewProtection = *protection;
    }
    if (change.password) {
        if (*change.password) {
            if (Status password = rules::validatePassword(**change.password); !password)
                return password.error();
        } else {
            update.passwordHash = QString(); // cleared; a new one is hashed by update()
        }
    }
    return update;
}

void LinkService::update(const QString &slug, const LinkChange &change, LinkScope scope,
                         std::function<void(const Result<Link> &)> done)
{
    Result<LinkUpdate> checked = checkChange(change);
    if (!checked)
        return done(checked.error());
    const bool newPassword = change.password && change.password->has_value();
    if (newPassword && m_hasher.full())
        return done(storageOverloaded());
    auto submit = [this, slug, scope, done = std::move(done)](LinkUpdate update) {
        if (m_writer->full())
            return done(storageOverloaded());
        // From here on no visit is answered from what was cached, and the
        // next one asks the database (claiming, should the link be capped
        // or gated now), queued after this change. Records of redirects
        // already answered were queued before it: the change runs in a
        // batch of its own, after them, so a new cap counts every one.
        forgetCached(slug);
        auto result = std::make_shared<LinkWrites::UpdateResult>();
        const bool setsCap = update.maxClicks && update.maxClicks->has_value();
        if (!setsCap) {
            m_writer->write(
                [slug, update, owner = scope.ownerKeyId, result](LinkWrites &writes, ChangeNotice &notice) {
                    return applyChange(writes, notice, slug, update, owner, *result);
                },
                [this, slug, result, done](const Status &written) { answerChange(slug, written, *result, done); });
            return;
        }
        // A cap. Should the link be unlimited and other servers run on this
        // database, they may be answering it from their caches and
        // recording those clicks later: the counting handshake (see
        // CountingHandshake in the header). Decided in the writer's
        // transaction, so without other servers it costs one small read.
        auto handshake = std::make_shared<CountingHandshake>();
        handshake->slug = slug;
        handshake->update = update;
        handshake->owner = scope.ownerKeyId;
        handshake->epoch = qint64(QRandomGenerator::system()->generate64() >> 2) + 1;
        handshake->deadlineMs = m_clock.steadyMs() + kAcknowledgeTimeoutMs;
        handshake->done = done;
        // Filled on the writer's thread (which sees no callback of the
        // caller's), read here after the commit.
        struct Marked {
            qint64 linkId = 0;
            qint64 epoch = 0;
        };
        auto marked = std::make_shared<Marked>();
        m_writer->write(
            [slug, update, owner = scope.ownerKeyId, epoch = handshake->epoch, marked, result,
             sender = m_writer->sender(),
             since = m_clock.nowMs() - kServerStaleMs](LinkWrites &writes, ChangeNotice &notice) -> Status {
                Result<qint64> others = writes.otherLiveServers(sender, since);
                if (!others)
                    return others.error();
                if (*others > 0) {
                    Result<std::optional<Link>> counting = writes.beginCounting(slug, owner, epoch);
                    if (!counting)
                        return counting.error();
                    if (counting->has_value() && (*counting)->counting != 0) {
                        // Phase 1 commits with this: every server hears the
                        // link changed and stops answering it from its cache.
                        marked->linkId = (*counting)->id;
                        marked->epoch = (*counting)->counting; // one already under way, if any
                        notice.changed.append(slug);
                        return {};
                    }
                }
                // Alone on the database, or the link is capped (its clicks are
                // claimed already) or unknown: today's one step.
                return applyChange(writes, notice, slug, update, owner, *result);
            },
            [this, handshake, marked, result](const Status &written) {
                if (!written || marked->linkId == 0)
                    return answerChange(handshake->slug, written, *result, handshake->done);
                handshake->linkId = marked->linkId;
                handshake->epoch = marked->epoch;
                forgetCached(handshake->slug);
                Q_EMIT linkChanged(handshake->slug);
                awaitAcknowledgements(handshake);
            });
    };
    if (!newPassword)
        return submit(std::move(*checked));
    m_hasher.hash(**change.password, this, [update = std::move(*checked), submit](const QString &hash) mutable {
        update.passwordHash = hash;
        submit(std::move(update));
    });
}

void LinkService::forgetCached(const QString &slug)
{
    m_cache.remove(slug);
    m_needsClaim.insert(slug);
    ++m_generation; // lookups asked before may have read what the link was
}

Status LinkService::applyChange(LinkWrites &writes, ChangeNotice &notice, const QString &slug, const LinkUpdate &update,
                                std::optional<qint64> owner, LinkWrites::UpdateResult &result)
{
    Result<LinkWrites::UpdateResult> changed = writes.updateLink(slug, update, owner);
    if (!changed)
        return changed.error();
    result = *changed;
    if (result.outcome == LinkWrites::UpdateResult::Outcome::Updated)
        notice.changed.append(slug);
    return {};
}

void LinkService::answerChange(const QString &slug, const Status &written, const LinkWrites::UpdateResult &result,
                               const std::function<void(const Result<Link> &)> &done)
{
    ++m_generation; // lookups asked while it was committing read the old link
    m_cache.remove(slug);
    if (!written)
        return done(written.error());
    switch (result.outcome) {
    case LinkWrites::UpdateResult::Outcome::NotFound:
        return done(unknownLink(slug));
    case LinkWrites::UpdateResult::Outcome::BelowClicks:
        return done(Error{400, "max_clicks_below_clicks",
                          QStringLiteral("max-clicks cannot be below the %1 clicks this link has used.")
                              .arg(result.link.clicks)});
    case LinkWrites::UpdateResult::Outcome::Updated:
        Q_EMIT linkChanged(slug);
        return done(result.link);
    }
}

void LinkService::awaitAcknowledgements(std::shared_ptr<CountingHandshake> handshake)
{
    // Read on the lookups reader, in order with the visits' lookups: when
    // this answer arrives, every lookup asked before it has been answered
    // here too (and its click record queued), so phase 2, queued after,
    // counts this server's clicks as well.
    m_lookups->read<qint64>(
        [linkId = handshake->linkId, epoch = handshake->epoch, sender = m_writer->sender(),
         since = m_clock.nowMs() - kServerStaleMs](LinkReads &reads) {
            return reads.missingAcknowledgements(linkId, epoch, sender, since);
        },
        [this, handshake](const Result<qint64> &missing) {
            if (missing && *missing == 0)
                return finishCounting(handshake);
            if (m_clock.steadyMs() >= handshake->deadlineMs) {
                // The link keeps counting: right, only slower, until a later
                // change of its cap (or max-clicks null) ends that.
                return handshake->done(Error{
                    503, "servers_not_acknowledging",
                    QStringLiteral("Another server on this database did not confirm in time that it counts this "
                                   "link's clicks; the cap was not set (the link now counts every click in the "
                                   "database). Try again."),
                    5});
            }
            QTimer::singleShot(kAcknowledgePollMs, this, [this, handshake] { awaitAcknowledgements(handshake); });
        });
}

void LinkService::finishCounting(std::shared_ptr<CountingHandshake> handshake)
{
    // Phase 2: every live server counts the link's clicks in the database
    // and has committed those it answered before; the cap is set against
    // the clicks counted now (never below them) and the counting ends.
    forgetCached(handshake->slug);
    auto result = std::make_shared<LinkWrites::UpdateResult>();
    m_writer->write(
        [slug = handshake->slug, update = handshake->update, owner = handshake->owner, linkId = handshake->linkId,
         epoch = handshake->epoch, result](LinkWrites &writes, ChangeNotice &notice) -> Status {
            if (Status changed = applyChange(writes, notice, slug, update, owner, *result); !changed)
                return changed;
            if (result->outcome == LinkWrites::UpdateResult::Outcome::Updated)
                return {};
            // Refused (below the clicks counted): back to being answered from caches.
            notice.changed.append(slug);
            return writes.endCounting(linkId, epoch);
        },
        [this, handshake, result](const Status &written) {
            answerChange(handshake->slug, written, *result, handshake->done);
        });
}

void LinkService::startPresence()
{
    if (m_presence.isActive())
        return;
    m_presence.setInterval(kHeartbeatMs);
    connect(&m_presence, &QTimer::timeout, this, &LinkService::beat);
    m_presence.start();
    beat();
}

void LinkService::beat()
{
    if (!m_writer || m_writer->full())
        return; // the next beat; a server that cannot write for kServerStaleMs is presumed gone
    m_writer->write(
        [sender = m_writer->sender(), now = m_clock.nowMs()](LinkWrites &writes, ChangeNotice &) {
            return writes.beat(sender, now);
        },
        [](const Status &) {});
    // Also here, not only on a change notice: a server that started during
    // a handshake, or missed the notice, acknowledges within a beat.
    acknowledgeCounting();
}

void LinkService::leave()
{
    m_presence.stop();
    if (!m_writer)
        return;
    m_writer->write([sender = m_writer->sender()](LinkWrites &writes, ChangeNotice &) { return writes.leave(sender); },
                    [](const Status &) {});
}

void LinkService::acknowledgeCounting()
{
    if (!m_writer || !m_lookups || !m_presence.isActive())
        return; // not one of the servers others wait for
    if (m_acknowledging) {
        m_acknowledgeAgain = true;
        return;
    }
    m_acknowledging = true;
    m_lookups->read<QList<LinkReads::CountingLink>>(
        [sender = m_writer->sender()](LinkReads &reads) { return reads.countingUnacknowledged(sender); },
        [this](const Result<QList<LinkReads::CountingLink>> &found) {
            auto finished = [this] {
                m_acknowledging = false;
                if (std::exchange(m_acknowledgeAgain, false))
                    acknowledgeCounting();
            };
            if (!found || found->isEmpty())
                return finished();
            // Every lookup asked before this read has been answered (the
            // reader answers in order), so every redirect this server
            // answered without a claim has its record queued by now, and no
            // answer from the cache follows: the acknowledgement, a writer
            // batch of its own, commits after all of them.
            for (const LinkReads::CountingLink &link : *found)
                forgetCached(link.slug);
            m_writer->write(
                [links = *found, sender = m_writer->sender(), now = m_clock.nowMs()](LinkWrites &writes,
                                                                                   ChangeNotice &) -> Status {
                    for (const LinkReads::CountingLink &link : links) {
                        if (Status acked = writes.acknowledgeCounting(link.id, sender, link.epoch, now); !acked)
                            return acked;
                    }
                    return {};
                },
                [finished](const Status &) { finished(); });
        });
}

void LinkService::revokeIn(const QString &slug, LinkScope scope, std::function<void(const Result<Link> &)> done)
{
    if (m_writer->full())
        return done(storageOverloaded());
    ++m_generation;
    auto revoked = std::make_shared<std::optional<Link>>();
    m_writer->write(
        [slug, scope, revoked](LinkWrites &writes, ChangeNotice &notice) -> Status {
            LinkUpdate nothing;
            Result<LinkWrites::UpdateResult> found = writes.updateLink(slug, nothing, scope.ownerKeyId); // locks the row
            if (!found)
                return found.error();
            if (found->outcome != LinkWrites::UpdateResult::Outcome::Updated)
                return {};
            Result<bool> done = writes.revokeLink(slug);
            if (!done)
                return done.error();
            Link link = found->link;
            link.revoked = true;
            *revoked = link;
            notice.revoked.append(slug);
            return {};
        },
        [this, slug, revoked, done = std::move(done)](const Status &written) {
            ++m_generation;
            if (!written)
                return done(written.error());
            if (!revoked->has_value())
                return done(unknownLink(slug));
            m_cache.remove(slug);
            Q_EMIT linkRevoked(slug);
            done(**revoked);
        });
}

void LinkService::purge(const QString &slug, LinkScope scope, std::function<void(const Status &)> done)
{
    if (m_writer->full())
        return done(storageOverloaded());
    m_cache.remove(slug);
    ++m_generation;
    auto purged = std::make_shared<bool>(false);
    m_writer->write(
        [slug, scope, purged](LinkWrites &writes, ChangeNotice &notice) -> Status {
            Result<std::optional<qint64>> id = writes.purgeLink(slug, scope.ownerKeyId);
            if (!id)
                return id.error();
            if (!id->has_value())
                return {};
            *purged = true;
            notice.changed.append(slug);
            notice.purged.append(**id);
            return {};
        },
        [this, slug, purged, done = std::move(done)](const Status &written) {
            ++m_generation;
            m_cache.remove(slug);
            if (!written)
                return done(written.error());
            if (!*purged)
                return done(unknownLink(slug));
            Q_EMIT linkChanged(slug);
            done(Status{});
        });
}

void LinkService::importLinks(QList<ImportedLink> links, std::function<void(const Result<QStringList> &)> done)
{
    // Filled on the writer's thread, read here after the commit's answer.
    auto existing = std::make_shared<QStringList>();
    m_writer->write(
        [links = std::move(links), existing](LinkWrites &store, ChangeNotice &) -> Status {
            for (const ImportedLink &link : links) {
                const Result<bool> inserted = store.insertImportedLink(link);
                if (!inserted)
                    return inserted.error();
                if (!*inserted)
                    existing->append(link.link.slug);
            }
            return {};
        },
        [existing, done = std::move(done)](const Status &written) {
            if (!written)
                return done(written.error());
            done(*existing);
        });
}

} // namespace shortfuse
