#pragma once

#include "server/core/link.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace shortfuse {

// One row of a link's click log, as enriched when it was recorded.
struct ClickLogEntry {
    qint64 id = 0;
    qint64 atMs = 0;
    ClickOutcome outcome = ClickOutcome::Redirected;
    QString country;  // ISO 3166 alpha-2, empty when unknown
    QString browser;
    QString browserVersion;
    QString os;
    QString device;
    QString referrer;
    bool bot = false;
    QString botName;
};

// Which part of the click log to return.
struct StatsQuery {
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 1000;
    int limit = kDefaultLimit;
    std::optional<qint64> beforeId;  // only entries older than this one
};

using Breakdown = QList<QPair<QString, qint64>>;  // label -> count, largest first

// Everything the stats API, the stats page and the desktop charts show
// about one link. One query layer fills it for all three.
struct LinkStats {
    Link link;
    qint64 asOfMs = 0;                    // when these figures were read
    bool expired() const { return link.exhausted(asOfMs); }
    std::optional<qint64> firstClickMs;   // first redirect
    std::optional<qint64> lastClickMs;    // last redirect
    std::optional<ClickLogEntry> firstClaim;
    // Breakdowns, bots and humans count redirects (what used the link up);
    // requests after expiry are counted apart and listed in the log.
    Breakdown byCountry;
    Breakdown byBrowser;
    Breakdown byOs;
    Breakdown byReferrerHost;
    qint64 bots = 0;
    qint64 humans = 0;
    qint64 expiredHits = 0;
    qint64 bucketMs = 3'600'000;               // timeline bucket width
    QList<QPair<qint64, qint64>> timeline;     // bucket start ms -> redirects
    QList<ClickLogEntry> log;                  // newest first
    std::optional<qint64> nextBefore;          // cursor for the next page

    std::optional<qint64> remaining() const
    {
        if (!link.maxClicks)
            return std::nullopt;
        return std::max<qint64>(0, *link.maxClicks - link.clicks);
    }
};

// A page of the links table (the window) or of GET /api/links.
struct LinkListQuery {
    enum class SortBy { Created, Slug, Url, Clicks, Status, LastClick, Label };
    // Where the next page starts: just after the row with this sort value
    // (`number` for numeric sorts, `text` for slug, destination and label) and id,
    // in the sort's direction (keyset paging: rows inserted meanwhile never
    // shift a page). Replaces `offset`.
    struct Position {
        qint64 number = 0;
        QString text;
        qint64 id = 0;
    };

    QString filter;              // matched, case-insensitively, against slug, destination and label
    std::optional<LinkStatus> status;    // only links with this status at `asOfMs`
    std::optional<QString> label;        // only links with exactly this label
    std::optional<qint64> ownerKeyId;    // only this API key's links (nullopt: every link)
    qint64 asOfMs = 0;           // the moment status is judged at (0: the time of the query)
    SortBy sortBy = SortBy::Created;
    bool descending = true;
    int offset = 0;
    int limit = 200;
    std::optional<Position> after;

    static bool sortsByText(SortBy by) { return by == SortBy::Slug || by == SortBy::Url || by == SortBy::Label; }
    // `link`'s place in this sort: what the store orders by (a link never
    // clicked sorts as last_click_at -1; status by its LinkStatus number).
    Position positionOf(const Link &link) const
    {
        Position p;
        p.id = link.id;
        switch (sortBy) {
        case SortBy::Created: p.number = link.createdAtMs; break;
        case SortBy::Slug: p.text = link.slug; break;
        case SortBy::Url: p.text = link.url; break;
        case SortBy::Clicks: p.number = link.clicks; break;
        case SortBy::Status: p.number = int(statusOf(link, asOfMs)); break;
        case SortBy::LastClick: p.number = link.lastClickAtMs.value_or(-1); break;
        case SortBy::Label: p.text = link.label; break; // no label sorts as an empty one
        }
        return p;
    }
};

// The figures of the window's status bar.
struct Totals {
    qint64 links = 0;
    qint64 clicksSince = 0;      // redirects since the given moment
};

} // namespace shortfuse
