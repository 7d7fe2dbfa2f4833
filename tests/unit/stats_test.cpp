#include "server/http/pages.h"
#include "server/http/statsformat.h"
#include "server/http/statspage.h"
#include "server/core/statsrules.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

LinkStats sampleStats()
{
    LinkStats stats;
    stats.link = Link{7, QStringLiteral("demo"), QStringLiteral("https://secret.example/path?token=s3cr3t"), 3, 2,
                      1'700'000'000'000, false};
    stats.firstClickMs = 1'700'000'060'000;
    stats.lastClickMs = 1'700'000'120'000;
    ClickLogEntry hostile;
    hostile.id = 2;
    hostile.atMs = 1'700'000'120'000;
    hostile.referrer = QStringLiteral("<script>alert(1)</script>");
    hostile.browser = QStringLiteral("=HYPERLINK(\"http://evil\")");
    hostile.country = QStringLiteral("DE");
    ClickLogEntry first;
    first.id = 1;
    first.atMs = 1'700'000'060'000;
    first.bot = true;
    first.botName = QStringLiteral("Slack");
    stats.firstClaim = first;
    stats.log = {hostile, first};
    stats.byReferrerHost = {{QStringLiteral("<b>evil</b>"), 1}, {QStringLiteral("direct"), 1}};
    stats.bucketMs = 60'000;
    stats.timeline = {{1'700'000'040'000, 1}, {1'700'000'100'000, 1}};
    stats.bots = 1;
    stats.humans = 1;
    return stats;
}

} // namespace

TEST(StatsRules, ReferrerHost)
{
    EXPECT_EQ(referrerHost(QStringLiteral("https://News.Example.com/a?b")), QStringLiteral("news.example.com"));
    EXPECT_EQ(referrerHost(QString()), QString());
    EXPECT_EQ(referrerHost(QStringLiteral("not a url")), QString());
}

TEST(StatsRules, TimelineBucketsStayFew)
{
    EXPECT_EQ(timelineBucketMs(0), 60'000);
    EXPECT_EQ(timelineBucketMs(3'600'000), 60'000);
    EXPECT_EQ(timelineBucketMs(3'600'001), 300'000);
    EXPECT_EQ(timelineBucketMs(2LL * 24 * 3'600'000), 3'600'000);
    EXPECT_EQ(timelineBucketMs(30LL * 24 * 3'600'000), 86'400'000);
    EXPECT_EQ(timelineBucketMs(365LL * 24 * 3'600'000), 7 * 86'400'000LL);
}

TEST(StatsRules, CsvCellsNeverRunAsFormulas)
{
    EXPECT_EQ(csvCell(QStringLiteral("=1+1")), QStringLiteral("'=1+1"));
    EXPECT_EQ(csvCell(QStringLiteral("+cmd")), QStringLiteral("'+cmd"));
    EXPECT_EQ(csvCell(QStringLiteral("-2")), QStringLiteral("'-2"));
    EXPECT_EQ(csvCell(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
    EXPECT_EQ(csvCell(QStringLiteral("\tx")), QStringLiteral("'\tx"));
    EXPECT_EQ(csvCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    EXPECT_EQ(csvCell(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    EXPECT_EQ(csvCell(QStringLiteral("=HYPERLINK(\"x\",\"y\")")), QStringLiteral("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""));
    EXPECT_EQ(csvCell(QStringLiteral("plain")), QStringLiteral("plain"));
}

TEST(StatsFormat, JsonHasEveryField)
{
    const QJsonObject json = statsformat::toJson(sampleStats());
    for (const char *key : {"slug", "created_at", "max_clicks", "clicks", "remaining", "expired", "first_click_at",
                            "last_click_at", "by_country", "by_browser", "by_os", "by_referrer_host", "bots", "humans",
                            "timeline", "click_log"})
        EXPECT_TRUE(json.contains(QLatin1String(key))) << key;
    EXPECT_EQ(json.value(QStringLiteral("remaining")).toInt(), 1);
    EXPECT_FALSE(json.value(QStringLiteral("expired")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("first_click_at")).toString(), QStringLiteral("2023-11-14T22:14:20.000Z"));
    const QJsonArray log = json.value(QStringLiteral("click_log")).toArray();
    ASSERT_EQ(log.size(), 2);
    const QJsonObject newest = log.at(0).toObject();
    for (const char *key : {"at", "outcome", "country", "browser", "browser_version", "os", "device", "referrer", "bot",
                            "bot_name"})
        EXPECT_TRUE(newest.contains(QLatin1String(key))) << key;
    EXPECT_EQ(newest.value(QStringLiteral("outcome")).toString(), QStringLiteral("redirected"));
    EXPECT_EQ(json.value(QStringLiteral("timeline")).toArray().at(0).toObject().value(QStringLiteral("t")).toString(),
              QStringLiteral("2023-11-14T22:14:00.000Z"));
}

TEST(StatsFormat, CsvIsTheLogWithFormulasNeutralised)
{
    const QByteArray csv = statsformat::toCsv(sampleStats());
    const QList<QByteArray> lines = csv.split('\n');
    EXPECT_TRUE(lines.at(0).startsWith("at,outcome,country,browser"));
    EXPECT_TRUE(lines.at(1).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")) << lines.at(1).constData();
    EXPECT_TRUE(lines.at(2).contains(",true,Slack")) << lines.at(2).constData();
}

TEST(StatsPage, EscapesClientValuesAndHidesTheFullUrl)
{
    const Pages pages(QStringLiteral("1"));
    const QByteArray html = StatsPage::render(pages, sampleStats());
    EXPECT_FALSE(html.contains("<script>alert(1)")) << "a hostile referrer must not reach the page as markup";
    EXPECT_TRUE(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(html.contains("<b>evil</b>"));
    EXPECT_TRUE(html.contains("secret.example"));
    EXPECT_FALSE(html.contains("s3cr3t")) << "only the destination's host is shown";
    EXPECT_FALSE(html.contains("/path")) << "only the destination's host is shown";
    EXPECT_TRUE(html.contains("<svg")) << "the timeline is drawn on the server";
    EXPECT_TRUE(html.contains("Slack")) << "the first claim says it was a bot";
    EXPECT_TRUE(html.contains("active"));
    EXPECT_FALSE(html.contains("<script")) << "the page needs no script at all";
}

TEST(StatsPage, TimelineHasOneBarPerBucket)
{
    const QString svg = StatsPage::timelineSvg(sampleStats());
    EXPECT_EQ(svg.count(QStringLiteral("<rect")), 2);
    LinkStats empty;
    EXPECT_FALSE(StatsPage::timelineSvg(empty).contains(QStringLiteral("<svg")));
}
