#pragma once

#include "server/core/visitoutcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace shortfuse {

// How a link treats fetches that are not a person clicking: chat apps'
// preview bots, mail link scanners, prefetchers.
enum class PreviewProtection : int {
    Off = 0,      // every GET counts
    Auto = 1,     // recognised previewers get a placeholder page and use nothing
    Confirm = 2,  // every GET shows a confirmation page; only its POST claims
};

// A short link as storage knows it.
struct Link {
    qint64 id = 0;
    QString slug;
    QString url;                   // exactly as the creator gave it
    std::optional<int> maxClicks;  // nullopt: unlimited
    qint64 clicks = 0;             // redirects claimed so far
    qint64 createdAtMs = 0;        // UTC, milliseconds since the epoch
    bool revoked = false;
    PreviewProtection previewProtection = PreviewProtection::Off;
    QString passwordHash;          // Argon2id, encoded; empty: no password
    std::optional<qint64> expiresAtMs;
    QString expiredUrl;            // where to send visitors once it has expired
    QString label;                 // the owner's own words for it (a recipient's name, say)
    std::optional<qint64> ownerKeyId;  // the API key that made it; nullopt: the window or anonymous
    QString statsToken;            // whoever holds it may read the statistics
    std::optional<qint64> lastClickAtMs;  // the last redirect
    // Nonzero (a handshake's number) while a cap is being set on this
    // unlimited link across servers: every click is then claimed in the
    // database, none answered from a cache (LinkService::update).
    qint64 counting = 0;

    bool capped() const { return maxClicks.has_value(); }
    bool hasPassword() const { return !passwordHash.isEmpty(); }
    // Whether a click must go through the database's claim: a cap, a gate,
    // or a cap being set (counting).
    bool needsClaim() const
    {
        return capped() || hasPassword() || previewProtection == PreviewProtection::Confirm || counting != 0;
    }
    bool usedUp() const { return revoked || (maxClicks && clicks >= *maxClicks); }
    bool expiredAt(qint64 nowMs) const { return expiresAtMs && nowMs >= *expiresAtMs; }
    // Used up, revoked, or past its expiry when read at `nowMs`.
    bool exhausted(qint64 nowMs) const { return usedUp() || expiredAt(nowMs); }
    bool exhausted() const { return usedUp(); }
};

// What a link is now, as the window's status column, the API's `status`
// field and its `status` filter all say it (one definition): Revoked wins,
// then UsedUp (its cap reached), then Expired (past its expiry), else Active.
enum class LinkStatus { Active, UsedUp, Expired, Revoked };

inline LinkStatus statusOf(const Link &link, qint64 nowMs)
{
    if (link.revoked)
        return LinkStatus::Revoked;
    if (link.maxClicks && link.clicks >= *link.maxClicks)
        return LinkStatus::UsedUp;
    if (link.expiredAt(nowMs))
        return LinkStatus::Expired;
    return LinkStatus::Active;
}

// "active", "used_up", "expired", "revoked".
inline const char *linkStatusName(LinkStatus status)
{
    switch (status) {
    case LinkStatus::Active: return "active";
    case LinkStatus::UsedUp: return "used_up";
    case LinkStatus::Expired: return "expired";
    case LinkStatus::Revoked: return "revoked";
    }
    return "active";
}
// The status named so, for the API's `status` filter; nullopt for any other word.
std::optional<LinkStatus> linkStatusFromName(QStringView name);

// A change to a stored link, its values already checked by the rules
// (LinkService::update); a field left nullopt stays as it is. An empty
// expiredUrl, label or passwordHash clears it; maxClicks {nullopt} and
// expiresAtMs {nullopt} make the link unlimited and without expiry.
struct LinkUpdate {
    std::optional<QString> url;
    std::optional<std::optional<int>> maxClicks;
    std::optional<std::optional<qint64>> expiresAtMs;
    std::optional<QString> expiredUrl;
    std::optional<QString> label;
    std::optional<PreviewProtection> previewProtection;
    std::optional<QString> passwordHash;
};

// What a new link is made of before storage gives it an id.
struct NewLink {
    QString slug;
    QString url;
    std::optional<int> maxClicks;
    qint64 createdAtMs = 0;
    bool slugGenerated = false;    // storage may pick another slug on a collision
    PreviewProtection previewProtection = PreviewProtection::Off;
    QString passwordHash;
    std::optional<qint64> expiresAtMs;
    QString expiredUrl;
    QString label;
    std::optional<qint64> ownerKeyId;
    QString statsToken;
};

// A link as an export describes it, to be stored again as it was
// (POST /api/links/import): counts, creation time and state included.
struct ImportedLink {
    NewLink link;               // slug as given, createdAtMs as exported
    qint64 clicks = 0;
    bool revoked = false;
    std::optional<qint64> lastClickAtMs;
};

// The raw facts of one request to /<slug>, recorded as they arrived.
// Enrichment (browser, country, bot) happens later, off the response path.
struct ClickFacts {
    // What is worth keeping of the headers: the user-agent parser reads no
    // more than 1 KiB (UserAgentParser::MaxUserAgentLength) and the stores
    // keep no more; a referrer's host and path fit in 2 KiB. A click waiting
    // to be written holds no more than this, whatever the client sent.
    static constexpr qsizetype MaxUserAgentBytes = 1024;
    static constexpr qsizetype MaxReferrerBytes = 2048;

    qint64 atMs = 0;
    QHostAddress client;    // the resolved client; anonymized before it is stored
    QByteArray userAgent;
    QByteArray referrer;
};

// What enrichment learned about a click: parsed from its user agent,
// looked up from its address. Computed on the writer thread, never on the
// path of the response.
struct ClickDetails {
    std::optional<QString> country;  // ISO 3166 alpha-2
    QString browser;
    QString browserVersion;          // major version
    QString os;
    QString device;                  // desktop, mobile, tablet, bot, other
    bool bot = false;
    QString botName;
    bool linkPreview = false;        // a chat or mail app's preview fetcher, a link scanner

    friend bool operator==(const ClickDetails &, const ClickDetails &) = default;
};

} // namespace shortfuse
