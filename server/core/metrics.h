#pragma once

#include "server/core/visitoutcome.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>

namespace shortfuse {

// What requests are counted under: a small fixed set, never the slug or the
// raw path, so nothing a client sends can add a time series.
enum class MetricsRoute : quint8 {
    Redirect,   // GET /<slug>
    Inspect,    // HEAD /<slug>
    Gate,       // POST /<slug>: the confirmation or password form
    Index,      // GET /
    Create,     // POST /api/create and the form's POST /
    StatsApi,   // /api/stats/<slug>
    StatsPage,  // /stats/<slug>
    Health,     // /health
    Static,     // /static/*, /robots.txt, /favicon.ico
    Metrics,    // /metrics
    Management, // /api/links (list, export, import), /api/totals
    Other,      // anything else (unknown paths, 405s, answers while draining)
};
inline constexpr int kMetricsRouteCount = int(MetricsRoute::Other) + 1;

// Whose rate limit refused a request.
enum class RateLimitKind : quint8 { Create, Stats, Password };

namespace metricsdetail {
inline void add(quint64 &counter, quint64 n) { counter += n; }
inline void add(std::atomic<quint64> &counter, quint64 n) { counter.fetch_add(n, std::memory_order_relaxed); }
inline quint64 load(const quint64 &counter) { return counter; }
inline quint64 load(const std::atomic<quint64> &counter) { return counter.load(std::memory_order_relaxed); }
} // namespace metricsdetail

// A histogram over whole-number observations (nanoseconds, operations) with
// fixed upper bounds. Buckets are stored per interval and made cumulative
// when rendered. `Counter` is quint64 for one thread, std::atomic<quint64>
// when another thread observes.
template <typename Counter, std::size_t N>
class Histogram final {
public:
    explicit Histogram(const std::array<qint64, N> &bounds)
        : m_bounds(bounds)
    {
    }

    void observe(qint64 value)
    {
        std::size_t i = 0;
        while (i < N && value > m_bounds[i])
            ++i;
        metricsdetail::add(m_buckets[i], 1);
        metricsdetail::add(m_sum, quint64(std::max<qint64>(value, 0)));
    }

    const std::array<qint64, N> &bounds() const { return m_bounds; }
    // Per-interval counts; the last one is above every bound.
    std::array<quint64, N + 1> counts() const
    {
        std::array<quint64, N + 1> out{};
        for (std::size_t i = 0; i <= N; ++i)
            out[i] = metricsdetail::load(m_buckets[i]);
        return out;
    }
    quint64 sum() const { return metricsdetail::load(m_sum); }

private:
    std::array<qint64, N> m_bounds;
    std::array<Counter, N + 1> m_buckets{};
    Counter m_sum{};
};

// Owns the server's counters and histograms and renders them in the
// Prometheus text exposition format (0.0.4) for GET /metrics.
//
// Everything is updated on the server's thread (plain counters), except the
// commit batch sizes, which the writer thread observes (atomic buckets).
// State owned by other objects (the writer's error count, the cache size,
// open connections) is read at render time through the sampler.
class Metrics final {
public:
    // What the owner of the other objects reports when /metrics is read.
    struct Sample {
        quint64 databaseWriteErrors = 0;  // rolled-back commit batches
        quint64 databaseReadErrors = 0;   // failed reads (statistics, lookups)
        qint64 pendingClickRecords = 0;
        qint64 unrecordedClicks = 0;      // answered requests failed commits could not log yet
        qint64 cachedLinks = 0;
        qint64 openConnections = 0;
        // Webhook delivery (issue 13): attempts by result since start, the
        // outbox over every endpoint, and the only ways an event goes
        // undelivered (dropped past an endpoint's bound, abandoned when its
        // endpoint was disabled after failing for 24 hours).
        quint64 webhookDelivered = 0;
        quint64 webhookFailedAttempts = 0;
        qint64 webhookPending = 0;
        qint64 webhookOldestPendingAgeMs = 0;
        qint64 webhookDropped = 0;
        qint64 webhookAbandoned = 0;
        qint64 webhookDisabledEndpoints = 0;
    };

    Metrics();
    Q_DISABLE_COPY_MOVE(Metrics)

    static constexpr QByteArrayView kContentType = "text/plain; version=0.0.4; charset=utf-8";
    static qint64 nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    // Server thread.
    void countRequest(MetricsRoute route, int status);
    // A visit answered to a client: a redirect (302, or 303 after a form),
    // an expired hit or a preview placeholder is counted; other outcomes
    // have no counter of their own.
    // Inline: the click path counts every redirect.
    void countVisit(VisitOutcome outcome)
    {
        switch (outcome) {
        case VisitOutcome::Redirected: ++m_redirects; return;
        case VisitOutcome::Expired: ++m_expiredHits; return;
        case VisitOutcome::Preview: ++m_previews; return;
        default: return;
        }
    }
    // GET /<slug> answered with the redirect, `startedNs` after it was parsed.
    void observeRedirect(qint64 startedNs) { m_redirectDuration.observe(nowNs() - startedNs); }
    // A decision on whether a click may be used up, by its outcome (the
    // claims_total labels: granted, refused, gated, not_found, failed).
    void countClaim(VisitOutcome outcome);
    void countRateLimited(RateLimitKind kind) { ++m_rateLimited[std::size_t(kind)]; }
    void setSampler(std::function<Sample()> sampler) { m_sampler = std::move(sampler); }

    // Any thread: the number of operations one group commit carried.
    void observeCommitBatch(std::size_t operations) { m_batchSizes.observe(qint64(operations)); }

    QByteArray render() const;

    // A label value as the text format wants it: \ " and newline escaped.
    static QByteArray escapeLabelValue(QByteArrayView value);
    static const char *routeName(MetricsRoute route);

private:
    static constexpr int kMinStatus = 100;
    static constexpr int kStatusCount = 500;  // 100..599

    std::array<quint64, kMetricsRouteCount * kStatusCount> m_requests{};
    quint64 m_redirects = 0;
    quint64 m_expiredHits = 0;
    quint64 m_previews = 0;
    std::array<quint64, 5> m_claims{};
    std::array<quint64, 3> m_rateLimited{};
    Histogram<quint64, 16> m_redirectDuration;
    Histogram<std::atomic<quint64>, 13> m_batchSizes;
    std::function<Sample()> m_sampler;
    double m_startTimeSeconds;
};

} // namespace shortfuse
