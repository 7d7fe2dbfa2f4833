#pragma once

#include <QByteArray>

namespace shortfuse {

// The creation rate limit as one budget shared by every server on the same
// database (three servers must not allow three times the limit).
//
// A sliding-window counter per client kept in the database: creations are
// counted per calendar minute, and a new one is allowed while
//   previous minute's count x (share of that minute still in the last 60 s)
//   + this minute's count  <  perMinute.
// The count is taken with one conditional upsert in the transaction that
// creates the link, so servers racing for the last unit of a client's budget
// cannot both get it (PostgreSQL locks the row; SQLite has one writer).
//
// Each server still keeps its in-memory token bucket (RateLimiter) in front,
// so a flood from one address is refused without touching the database.
struct CreationQuota {
    static constexpr qint64 kWindowMs = 60'000;

    QByteArray clientKey;  // RateLimiter::keyFor(): an IPv4 address or an IPv6 /64
    int perMinute = 0;
    qint64 nowMs = 0;      // wall clock: every server on the database shares it

    qint64 windowStart() const { return nowMs - nowMs % kWindowMs; }
    qint64 previousWindowStart() const { return windowStart() - kWindowMs; }

    // The most creations this minute's window may hold, the previous
    // window's weight considered; may be zero.
    qint64 currentWindowLimit(qint64 previousCount) const;
    // When refused: seconds until one more creation would be allowed.
    int retryAfterSeconds(qint64 previousCount, qint64 currentCount) const;
};

struct QuotaDecision {
    bool allowed = true;
    int retryAfterSeconds = 0;
};

} // namespace shortfuse
