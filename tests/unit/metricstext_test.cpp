// The metrics registry's text exposition: escaping, cumulative histogram
// buckets, fixed label sets, and batch sizes observed from other threads.

#include "server/core/metrics.h"

#include <QList>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace shortfuse;

namespace {

QList<QByteArray> linesStartingWith(const QByteArray &text, const QByteArray &prefix)
{
    QList<QByteArray> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(prefix))
            out.append(line);
    }
    return out;
}

} // namespace

TEST(MetricsText, EscapesLabelValues)
{
    EXPECT_EQ(Metrics::escapeLabelValue("plain"), QByteArray("plain"));
    EXPECT_EQ(Metrics::escapeLabelValue("a\\b\"c\nd"), QByteArray("a\\\\b\\\"c\\nd"));
    EXPECT_EQ(Metrics::escapeLabelValue(""), QByteArray(""));
}

// An empty registry still declares every family, with zeroes where the
// label set is fixed, so rate() works from the first scrape.
TEST(MetricsText, EmptyRegistryDeclaresEveryFamily)
{
    const Metrics metrics;
    const QByteArray text = metrics.render();
    for (const char *family :
         {"shortfuse_http_requests_total", "shortfuse_redirects_total", "shortfuse_expired_hits_total",
          "shortfuse_claims_total", "shortfuse_rate_limit_rejections_total", "shortfuse_database_errors_total",
          "shortfuse_redirect_duration_seconds", "shortfuse_commit_batch_size", "shortfuse_links_cached"}) {
        EXPECT_EQ(linesStartingWith(text, QByteArray("# TYPE ") + family + ' ').size(), 1) << family;
        EXPECT_EQ(linesStartingWith(text, QByteArray("# HELP ") + family + ' ').size(), 1) << family;
    }
    EXPECT_TRUE(text.contains("\nshortfuse_claims_total{result=\"refused\"} 0\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_redirect_duration_seconds_bucket{le=\"+Inf\"} 0\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_redirect_duration_seconds_count 0\n"));
    EXPECT_TRUE(linesStartingWith(text, "shortfuse_http_requests_total{").isEmpty()) << "no request, no series";
    EXPECT_TRUE(text.endsWith('\n'));
}

TEST(MetricsText, CountsRequestsByRouteAndStatus)
{
    Metrics metrics;
    metrics.countRequest(MetricsRoute::Redirect, 302);
    metrics.countRequest(MetricsRoute::Redirect, 302);
    metrics.countRequest(MetricsRoute::StatsApi, 429);
    metrics.countRequest(MetricsRoute::Other, 999); // out of range: counted, not written out of bounds
    const QByteArray text = metrics.render();
    EXPECT_TRUE(text.contains("\nshortfuse_http_requests_total{route=\"redirect\",status=\"302\"} 2\n")) << text.toStdString();
    EXPECT_TRUE(text.contains("\nshortfuse_http_requests_total{route=\"stats_api\",status=\"429\"} 1\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_http_requests_total{route=\"other\",status=\"500\"} 1\n"));
    EXPECT_EQ(linesStartingWith(text, "shortfuse_http_requests_total{").size(), 3);
}

// Buckets are cumulative, `le` is inclusive, +Inf equals _count, _sum is in the base unit.
TEST(MetricsText, HistogramsAreCumulative)
{
    Metrics metrics;
    for (size_t ops : {1u, 1u, 2u, 3u, 4096u, 5000u})
        metrics.observeCommitBatch(ops);
    const QByteArray text = metrics.render();
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_bucket{le=\"1\"} 2\n")) << text.toStdString();
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_bucket{le=\"2\"} 3\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_bucket{le=\"4\"} 4\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_bucket{le=\"4096\"} 5\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_bucket{le=\"+Inf\"} 6\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_sum 9103\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_commit_batch_size_count 6\n"));
    const QList<QByteArray> buckets = linesStartingWith(text, "shortfuse_commit_batch_size_bucket{");
    ASSERT_EQ(buckets.size(), 14);
    EXPECT_TRUE(buckets.last().startsWith("shortfuse_commit_batch_size_bucket{le=\"+Inf\"}"));

    // A redirect that started 3 ms ago: seconds, in the 5 ms bucket.
    metrics.observeRedirect(Metrics::nowNs() - 3'000'000);
    const QByteArray after = metrics.render();
    EXPECT_TRUE(after.contains("\nshortfuse_redirect_duration_seconds_bucket{le=\"0.0025\"} 0\n")) << after.toStdString();
    EXPECT_TRUE(after.contains("\nshortfuse_redirect_duration_seconds_bucket{le=\"0.005\"} 1\n"));
    EXPECT_TRUE(after.contains("\nshortfuse_redirect_duration_seconds_sum 0.003"));
    EXPECT_TRUE(after.contains("\nshortfuse_redirect_duration_seconds_count 1\n"));
}

// The writer thread observes batch sizes while the server thread renders:
// no observation is lost.
TEST(MetricsText, BatchSizesFromAnotherThread)
{
    Metrics metrics;
    constexpr int kThreads = 4;
    constexpr int kEach = 20'000;
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t)
        writers.emplace_back([&metrics] {
            for (int i = 0; i < kEach; ++i)
                metrics.observeCommitBatch(size_t(i % 7 + 1));
        });
    for (int i = 0; i < 20; ++i)
        (void)metrics.render();
    for (std::thread &writer : writers)
        writer.join();
    const QByteArray text = metrics.render();
    EXPECT_TRUE(text.contains(QByteArray("\nshortfuse_commit_batch_size_count " + QByteArray::number(kThreads * kEach) + '\n')))
        << text.toStdString();
}

TEST(MetricsText, SampledStateIsRendered)
{
    Metrics metrics;
    metrics.setSampler([] {
        Metrics::Sample sample;
        sample.databaseWriteErrors = 3;
        sample.databaseReadErrors = 1;
        sample.pendingClickRecords = 42;
        sample.cachedLinks = 7;
        sample.openConnections = 2;
        return sample;
    });
    metrics.countClaim(VisitOutcome::Redirected);
    metrics.countRateLimited(RateLimitKind::Password);
    const QByteArray text = metrics.render();
    EXPECT_TRUE(text.contains("\nshortfuse_database_errors_total{operation=\"write\"} 3\n")) << text.toStdString();
    EXPECT_TRUE(text.contains("\nshortfuse_database_errors_total{operation=\"read\"} 1\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_pending_click_records 42\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_links_cached 7\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_open_connections 2\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_claims_total{result=\"granted\"} 1\n"));
    EXPECT_TRUE(text.contains("\nshortfuse_rate_limit_rejections_total{limit=\"password\"} 1\n"));
}
