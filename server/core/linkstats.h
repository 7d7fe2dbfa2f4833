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

// A page of the links table, as the desktop window asks for it.
struct LinkListQuery {
    enum class SortBy { Created, Slug, Url, Clicks, Status, Label };
    QString filter;              // matched, case-insensitively, against slug and destination
    SortBy sortBy = SortBy::Created;
    bool descending = true;
    int offset = 0;
    int limit = 200;
};

// The figures of the window's status bar.
struct Totals {
    qint64 links = 0;
    qint64 clicksSince = 0;      // redirects since the given moment
};

} // namespace shortfuse
