#include "server/core/metrics.h"

#include <QDateTime>

#include <optional>

namespace shortfuse {

namespace {

// The click path's answer takes microseconds from the cache and a group
// commit (an fsync) for a capped link; the bounds cover both.
constexpr std::array<qint64, 16> kRedirectBoundsNs = {
    10'000,      25'000,      50'000,      100'000,       250'000,     500'000,
    1'000'000,   2'500'000,   5'000'000,   10'000'000,    25'000'000,  50'000'000,
    100'000'000, 250'000'000, 1'000'000'000, 5'000'000'000,
};
// Up to ClickWriter's largest batch (4096).
constexpr std::array<qint64, 13> kBatchBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

constexpr std::array<const char *, 5> kClaimResults = {"granted", "refused", "gated", "not_found", "failed"};
enum ClaimLabel : std::size_t { Granted, Refused, Gated, NotFound, Failed };

// The claims_total label a decision is counted under; nullopt for answers
// no claim gives (they are decided before the database is asked).
std::optional<ClaimLabel> claimLabelOf(VisitOutcome outcome)
{
    switch (outcome) {
    case VisitOutcome::Redirected: return Granted;
    case VisitOutcome::Expired: return Refused;
    case VisitOutcome::NotFound: return NotFound;
    case VisitOutcome::Unavailable: return Failed;
    case VisitOutcome::Preview:
    case VisitOutcome::NeedsPassword:
    case VisitOutcome::NeedsConfirmation:
    case VisitOutcome::BadToken: return Gated;
    case VisitOutcome::WrongPassword:
    case VisitOutcome::Throttled:
    case VisitOutcome::Refused: break;
    }
    return std::nullopt;
}
constexpr std::array<const char *, 3> kRateLimits = {"create", "stats", "password"};

// A decimal without exponent or trailing zeros ("0.000025", "1", "2.5").
QByteArray decimal(double value, int maxDecimals)
{
    QByteArray text = QByteArray::number(value, 'f', maxDecimals);
    if (text.contains('.')) {
        while (text.endsWith('0'))
            text.chop(1);
        if (text.endsWith('.'))
            text.chop(1);
    }
    return text;
}

QByteArray escapeHelp(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray label(const char *name, QByteArrayView value)
{
    QByteArray out(name);
    out.append("=\"").append(Metrics::escapeLabelValue(value)).append('"');
    return out;
}

// Appends families in the text format: HELP and TYPE once, then samples.
class Exposition final {
public:
    void family(const QByteArray &name, const char *type, const char *help)
    {
        m_out.append("# HELP ").append(name).append(' ').append(escapeHelp(help));
        m_out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
    }
    // `labels` is empty or `a="x",b="y"` with escaped values.
    void sample(const QByteArray &name, const QByteArray &labels, const QByteArray &value)
    {
        m_out.append(name);
        if (!labels.isEmpty())
            m_out.append('{').append(labels).append('}');
        m_out.append(' ').append(value).append('\n');
    }
    void sample(const QByteArray &name, const QByteArray &labels, quint64 value)
    {
        sample(name, labels, QByteArray::number(value));
    }

    template <typename Counter, std::size_t N>
    void histogram(const QByteArray &name, const char *help, const Histogram<Counter, N> &histogram, double unit,
                   int decimals)
    {
        family(name, "histogram", help);
        // One snapshot of the buckets, so +Inf and _count agree even while
        // another thread observes.
        const std::array<quint64, N + 1> counts = histogram.counts();
        const QByteArray bucket = name + QByteArrayLiteral("_bucket");
        quint64 cumulative = 0;
        for (std::size_t i = 0; i < N; ++i) {
            cumulative += counts[i];
            sample(bucket, label("le", decimal(double(histogram.bounds()[i]) * unit, decimals)), cumulative);
        }
        cumulative += counts[N];
        sample(bucket, label("le", "+Inf"), cumulative);
        sample(name + QByteArrayLiteral("_sum"), {}, decimal(double(histogram.sum()) * unit, decimals));
        sample(name + QByteArrayLiteral("_count"), {}, cumulative);
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};


} // namespace

Metrics::Metrics()
    : m_redirectDuration(kRedirectBoundsNs)
    , m_batchSizes(kBatchBounds)
    , m_startTimeSeconds(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0)
{
}

const char *Metrics::routeName(MetricsRoute route)
{
    switch (route) {
    case MetricsRoute::Redirect: return "redirect";
    case MetricsRoute::Inspect: return "inspect";
    case MetricsRoute::Gate: return "gate";
    case MetricsRoute::Index: return "index";
    case MetricsRoute::Create: return "create";
    case MetricsRoute::StatsApi: return "stats_api";
    case MetricsRoute::StatsPage: return "stats_page";
    case MetricsRoute::Health: return "health";
    case MetricsRoute::Static: return "static";
    case MetricsRoute::Metrics: return "metrics";
    case MetricsRoute::Management: return "management";
    case MetricsRoute::Other: break;
    }
    return "other";
}

void Metrics::countRequest(MetricsRoute route, int status)
{
    // Statuses are the server's own; anything out of range would be a bug,
    // counted as a 500 rather than written out of bounds.
    if (status < kMinStatus || status >= kMinStatus + kStatusCount)
        status = 500;
    ++m_requests[std::size_t(route) * kStatusCount + std::size_t(status - kMinStatus)];
}

void Metrics::countClaim(VisitOutcome outcome)
{
    if (const std::optional<ClaimLabel> label = claimLabelOf(outcome))
        ++m_claims[*label];
}

QByteArray Metrics::escapeLabelValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray Metrics::render() const
{
    const Sample sampled = m_sampler ? m_sampler() : Sample{};
    Exposition text;

    text.family("shortfuse_build_info", "gauge", "The running version of Shortfuse; always 1.");
    text.sample("shortfuse_build_info", label("version", SHORTFUSE_VERSION), 1);
    text.family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.");
    text.sample("process_start_time_seconds", {}, decimal(m_startTimeSeconds, 3));

    text.family("shortfuse_http_requests_total", "counter",
                "HTTP requests answered, by route (a fixed set, never the path) and status code.");
    for (int route = 0; route < kMetricsRouteCount; ++route) {
        const QByteArray routeLabel = label("route", routeName(MetricsRoute(route)));
        for (int status = 0; status < kStatusCount; ++status) {
            if (const quint64 n = m_requests[std::size_t(route) * kStatusCount + std::size_t(status)]) {
                QByteArray labels = routeLabel;
                labels.append(',').append(label("status", QByteArray::number(status + kMinStatus)));
                text.sample("shortfuse_http_requests_total", labels, n);
            }
        }
    }

    text.family("shortfuse_redirects_total", "counter",
                "Visitors sent on to a link's destination (302, or 303 after a confirmation or password).");
    text.sample("shortfuse_redirects_total", {}, m_redirects);
    text.family("shortfuse_expired_hits_total", "counter",
                "Requests for a link that was used up, past its expiry or revoked.");
    text.sample("shortfuse_expired_hits_total", {}, m_expiredHits);
    text.family("shortfuse_previews_total", "counter",
                "Preview fetchers and prefetches answered with the placeholder page, using up nothing.");
    text.sample("shortfuse_previews_total", {}, m_previews);

    text.family("shortfuse_claims_total", "counter",
                "Conditional click claims sent to the database, by result.");
    for (std::size_t i = 0; i < kClaimResults.size(); ++i)
        text.sample("shortfuse_claims_total", label("result", kClaimResults[i]), m_claims[i]);

    text.family("shortfuse_rate_limit_rejections_total", "counter",
                "Requests refused with 429 by a rate limit, by limit.");
    for (std::size_t i = 0; i < kRateLimits.size(); ++i)
        text.sample("shortfuse_rate_limit_rejections_total", label("limit", kRateLimits[i]), m_rateLimited[i]);

    text.family("shortfuse_database_errors_total", "counter",
                "Database failures: rolled-back commit batches (write) and failed statistics reads (read).");
    text.sample("shortfuse_database_errors_total", label("operation", "write"), sampled.databaseWriteErrors);
    text.sample("shortfuse_database_errors_total", label("operation", "read"), sampled.databaseReadErrors);

    text.histogram("shortfuse_redirect_duration_seconds",
                   "Time from a parsed GET /<slug> to its redirect handed to the socket; for a capped link "
                   "this includes the durable claim.",
                   m_redirectDuration, 1e-9, 9);
    text.histogram("shortfuse_commit_batch_size", "Operations carried by one group commit of the writer.",
                   m_batchSizes, 1.0, 0);

    text.family("shortfuse_pending_click_records", "gauge", "Click records queued for the writer, not yet committed.");
    text.sample("shortfuse_pending_click_records", {}, quint64(std::max<qint64>(0, sampled.pendingClickRecords)));
    text.family("shortfuse_clicks_unrecorded", "gauge",
                "Click records of answered requests that failed commits could not write yet (kept in memory); 0 while the database works.");
    text.sample("shortfuse_clicks_unrecorded", {}, quint64(std::max<qint64>(0, sampled.unrecordedClicks)));
    text.family("shortfuse_links_cached", "gauge", "Links the server thread answers from memory.");
    text.sample("shortfuse_links_cached", {}, quint64(std::max<qint64>(0, sampled.cachedLinks)));
    text.family("shortfuse_open_connections", "gauge", "Open client connections on the public listener.");
    text.sample("shortfuse_open_connections", {}, quint64(std::max<qint64>(0, sampled.openConnections)));

    text.family("shortfuse_webhook_deliveries_total", "counter",
                "Webhook delivery attempts by this server since it started, by result.");
    text.sample("shortfuse_webhook_deliveries_total", label("result", "delivered"), sampled.webhookDelivered);
    text.sample("shortfuse_webhook_deliveries_total", label("result", "failed"), sampled.webhookFailedAttempts);
    text.family("shortfuse_webhook_outbox_depth", "gauge", "Webhook deliveries waiting, over every endpoint (database-wide).");
    text.sample("shortfuse_webhook_outbox_depth", {}, quint64(std::max<qint64>(0, sampled.webhookPending)));
    text.family("shortfuse_webhook_oldest_pending_seconds", "gauge", "Age of the oldest webhook delivery waiting.");
    text.sample("shortfuse_webhook_oldest_pending_seconds", {},
                quint64(std::max<qint64>(0, sampled.webhookOldestPendingAgeMs) / 1000));
    text.family("shortfuse_webhook_undelivered_total", "counter",
                "Webhook events never to be delivered (database-wide): dropped past an endpoint's outbox bound, or "
                "abandoned when their endpoint was disabled after failing for 24 hours.");
    text.sample("shortfuse_webhook_undelivered_total", label("reason", "dropped"),
                quint64(std::max<qint64>(0, sampled.webhookDropped)));
    text.sample("shortfuse_webhook_undelivered_total", label("reason", "abandoned"),
                quint64(std::max<qint64>(0, sampled.webhookAbandoned)));
    text.family("shortfuse_webhook_endpoints_disabled", "gauge", "Webhook endpoints disabled after failing for 24 hours.");
    text.sample("shortfuse_webhook_endpoints_disabled", {}, quint64(std::max<qint64>(0, sampled.webhookDisabledEndpoints)));

    return text.take();
}

} // namespace shortfuse
