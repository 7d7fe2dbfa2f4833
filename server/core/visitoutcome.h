#pragma once

#include <QtGlobal>

#include <optional>

namespace shortfuse {

// How one request for a link ended: the single vocabulary of the storage
// claim, LinkService's answer, the HTTP response and the metrics. Each
// consumer derives what it needs from it in one place: the click log's
// stored code (clickLogOutcome below), the metrics' labels
// (Metrics::countVisit, Metrics::countClaim), the HTTP answer
// (WebApplication::visitResponse).
enum class VisitOutcome : quint8 {
    Redirected,         // sent on to the destination: a click used up (capped) or counted
    Expired,            // used up, revoked or past its expiry
    NotFound,           // no such link
    Preview,            // a recognised previewer: the placeholder page, nothing used up
    NeedsPassword,      // shown the password form; nothing used up
    NeedsConfirmation,  // shown the confirmation page; nothing used up
    BadToken,           // a forged, expired or already used confirmation
    WrongPassword,      // the password form again (401)
    Throttled,          // too many password guesses
    Refused,            // a request that does not fit the link (a password for a link without one)
    Unavailable,        // the database could not answer, or the server is overloaded
};

// What the click log stores of a visit. Coarser than VisitOutcome (both
// challenges are one code) and persisted: the integers are the database's
// `outcome` column and must never be renumbered.
enum class ClickOutcome : int {
    Redirected = 1,
    Expired = 2,    // used up, revoked or past its expiry
    Preview = 3,    // a recognised preview fetcher got the placeholder page
    Challenged = 4, // shown the confirmation or password page; nothing used up
};

// The click-log row a visit is recorded as; nullopt for visits the log does
// not keep (an unknown link, a replayed token, answers no claim gives).
constexpr std::optional<ClickOutcome> clickLogOutcome(VisitOutcome outcome)
{
    switch (outcome) {
    case VisitOutcome::Redirected: return ClickOutcome::Redirected;
    case VisitOutcome::Expired: return ClickOutcome::Expired;
    case VisitOutcome::Preview: return ClickOutcome::Preview;
    case VisitOutcome::NeedsPassword:
    case VisitOutcome::NeedsConfirmation: return ClickOutcome::Challenged;
    case VisitOutcome::NotFound:
    case VisitOutcome::BadToken:
    case VisitOutcome::WrongPassword:
    case VisitOutcome::Throttled:
    case VisitOutcome::Refused:
    case VisitOutcome::Unavailable: break;
    }
    return std::nullopt;
}

} // namespace shortfuse
