// The click analytics as a client sees them: what each click records, the
// stats API (JSON and CSV), the stats page and the stats rate limit.

#include "tests/http/httptest.h"

#include <QJsonArray>

namespace shortfuse::test {
namespace {

const QByteArray kFirefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const QByteArray kSlackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

class StatsTest : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--stats-rate-limit"),
                QStringLiteral("0"), QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1")};
    }

    QJsonObject stats(const QString &slug, const QByteArray &query = {}) const
    {
        const HttpResponse response = client().get("/api/stats/" + slug.toUtf8() + query);
        EXPECT_EQ(response.status, 200) << response.describe().toStdString();
        return response.json();
    }
};

// Each click is logged with its time, outcome, browser, OS, device, bot
// verdict, referrer and (from a trusted proxy's X-Forwarded-For) country.
TEST_F(StatsTest, ClicksAppearWithTheirDetails)
{
    // Preview protection off: here the bot is meant to use a click up.
    const HttpResponse created = create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/secret?token=abc")},
                                                    {QStringLiteral("max-clicks"), 2},
                                                    {QStringLiteral("preview-protection"), QStringLiteral("off")}});
    ASSERT_EQ(created.status, 201) << created.describe().toStdString();
    const QString slug = created.json().value(QStringLiteral("slug")).toString();
    EXPECT_EQ(client().get(pathOf(slug), {{"User-Agent", kFirefoxLinux},
                                          {"Referer", "https://news.example.com/item?id=1"},
                                          {"X-Forwarded-For", "8.8.8.8"}}).status,
              302);
    EXPECT_EQ(client().get(pathOf(slug), {{"User-Agent", kSlackbot}}).status, 302);
    EXPECT_EQ(client().get(pathOf(slug), {{"User-Agent", kFirefoxLinux}}).status, 400);

    // Records are committed in the background; the stats catch up promptly.
    QJsonObject json;
    ASSERT_TRUE(waitUntil([&] {
        json = stats(slug);
        return json.value(QStringLiteral("click_log")).toArray().size() == 3;
    }));
    EXPECT_EQ(json.value(QStringLiteral("slug")).toString(), slug);
    EXPECT_EQ(json.value(QStringLiteral("clicks")).toInt(), 2);
    EXPECT_EQ(json.value(QStringLiteral("max_clicks")).toInt(), 2);
    EXPECT_EQ(json.value(QStringLiteral("remaining")).toInt(), 0);
    EXPECT_TRUE(json.value(QStringLiteral("expired")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("bots")).toInt(), 1);
    EXPECT_EQ(json.value(QStringLiteral("humans")).toInt(), 1);
    EXPECT_FALSE(json.value(QStringLiteral("first_click_at")).toString().isEmpty());
    EXPECT_EQ(json.value(QStringLiteral("by_referrer_host")).toObject().value(QStringLiteral("news.example.com")).toInt(), 1);
    EXPECT_EQ(json.value(QStringLiteral("by_country")).toObject().value(QStringLiteral("US")).toInt(), 1);
    EXPECT_EQ(json.value(QStringLiteral("by_browser")).toObject().value(QStringLiteral("Firefox")).toInt(), 1);

    const QJsonArray log = json.value(QStringLiteral("click_log")).toArray();
    const QJsonObject expired = log.at(0).toObject();   // newest first
    const QJsonObject bot = log.at(1).toObject();
    const QJsonObject human = log.at(2).toObject();
    EXPECT_EQ(expired.value(QStringLiteral("outcome")).toString(), QStringLiteral("expired"));
    EXPECT_EQ(bot.value(QStringLiteral("outcome")).toString(), QStringLiteral("redirected"));
    EXPECT_TRUE(bot.value(QStringLiteral("bot")).toBool());
    EXPECT_EQ(bot.value(QStringLiteral("bot_name")).toString(), QStringLiteral("Slack"));
    EXPECT_FALSE(human.value(QStringLiteral("bot")).toBool());
    EXPECT_EQ(human.value(QStringLiteral("browser")).toString(), QStringLiteral("Firefox"));
    EXPECT_EQ(human.value(QStringLiteral("browser_version")).toString(), QStringLiteral("128"));
    EXPECT_EQ(human.value(QStringLiteral("os")).toString(), QStringLiteral("Linux"));
    EXPECT_EQ(human.value(QStringLiteral("device")).toString(), QStringLiteral("desktop"));
    EXPECT_EQ(human.value(QStringLiteral("country")).toString(), QStringLiteral("US"));
    EXPECT_EQ(human.value(QStringLiteral("referrer")).toString(), QStringLiteral("https://news.example.com/item?id=1"));

    // The address is stored anonymized; the full one never reaches the database.
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE client_address = '8.8.8.0'")), 1);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE client_address = '8.8.8.8'")), 0);
}

TEST_F(StatsTest, UnknownSlugIs404)
{
    expectJsonError(client().get("/api/stats/nosuchlink"), 404, QStringLiteral("not_found"));
    const HttpResponse page = client().get("/stats/nosuchlink");
    EXPECT_EQ(page.status, 404);
    EXPECT_TRUE(page.header("Content-Type").startsWith("text/html"));
}

// A hostile referrer shows as text, and the page shows the destination's host only.
TEST_F(StatsTest, PageEscapesClientValuesAndHidesTheUrl)
{
    const QString slug = createLink(QStringLiteral("https://files.example.org/download/s3cr3t-token"), 1);
    client().get(pathOf(slug), {{"Referer", "<script>alert(1)</script>"}, {"User-Agent", "<img src=x onerror=alert(2)>"}});
    HttpResponse page;
    ASSERT_TRUE(waitUntil([&] {
        page = client().get("/stats/" + slug.toUtf8());
        return page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    })) << page.describe().toStdString();
    EXPECT_EQ(page.status, 200);
    EXPECT_FALSE(page.body.contains("<script>alert(1)"));
    EXPECT_FALSE(page.body.contains("<img src=x"));
    EXPECT_TRUE(page.body.contains("files.example.org"));
    EXPECT_FALSE(page.body.contains("s3cr3t-token"));
    EXPECT_TRUE(page.body.contains("<svg")) << "the chart is drawn on the server";
    EXPECT_TRUE(page.body.contains("expired"));
    EXPECT_TRUE(page.hasHeader("Content-Security-Policy"));
}

TEST_F(StatsTest, CsvExportNeutralisesFormulas)
{
    const QString slug = createLink(QStringLiteral("https://example.com/"));
    client().get(pathOf(slug), {{"Referer", "=cmd|' /C calc'!A0"}});
    HttpResponse csv;
    ASSERT_TRUE(waitUntil([&] {
        csv = client().get("/api/stats/" + slug.toUtf8() + ".csv");
        return csv.body.count('\n') >= 2;
    }));
    EXPECT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("Content-Type").startsWith("text/csv"));
    EXPECT_TRUE(csv.body.startsWith("at,outcome,country,browser,browser_version,os,device,referrer,bot,bot_name"));
    EXPECT_TRUE(csv.body.contains(",'=cmd|' /C calc'!A0,")) << csv.body.constData();
    EXPECT_EQ(client().get("/api/stats/" + slug.toUtf8() + "?format=csv").body, csv.body);
}

TEST_F(StatsTest, ClickLogIsPaginated)
{
    const QString slug = createLink(QStringLiteral("https://example.com/"));
    ASSERT_EQ(visit(slug, 5)[302], 5);
    QJsonObject first;
    ASSERT_TRUE(waitUntil([&] {
        first = stats(slug, "?limit=2");
        return first.value(QStringLiteral("clicks")).toInt() == 5;
    }));
    ASSERT_EQ(first.value(QStringLiteral("click_log")).toArray().size(), 2);
    const qint64 cursor = first.value(QStringLiteral("next_before")).toInteger();
    ASSERT_GT(cursor, 0);
    const QJsonObject rest = stats(slug, "?limit=10&before=" + QByteArray::number(cursor));
    EXPECT_EQ(rest.value(QStringLiteral("click_log")).toArray().size(), 3);
    EXPECT_TRUE(rest.value(QStringLiteral("next_before")).isNull());

    expectJsonError(client().get("/api/stats/" + slug.toUtf8() + "?limit=0"), 400, QStringLiteral("invalid_limit"));
    expectJsonError(client().get("/api/stats/" + slug.toUtf8() + "?limit=1001"), 400, QStringLiteral("invalid_limit"));
    expectJsonError(client().get("/api/stats/" + slug.toUtf8() + "?before=x"), 400, QStringLiteral("invalid_before"));
}

class StatsRateLimitTest : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--stats-rate-limit"),
                QStringLiteral("3")};
    }
};

// Stats look-ups are limited per client; redirects are not.
TEST_F(StatsRateLimitTest, FourthLookupInAMinuteIsRefused)
{
    const QString slug = createLink(QStringLiteral("https://example.com/"));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(client().get("/api/stats/" + slug.toUtf8()).status, 200);
    const HttpResponse limited = client().get("/stats/" + slug.toUtf8());
    EXPECT_EQ(limited.status, 429);
    EXPECT_GT(limited.header("Retry-After").toInt(), 0);
    expectJsonError(client().get("/api/stats/" + slug.toUtf8()), 429, QStringLiteral("rate_limited"));
    EXPECT_EQ(visit(slug, 10)[302], 10);
}

class FullAddressTest : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--store-full-ip")};
    }
};

TEST_F(FullAddressTest, OptInStoresTheWholeAddress)
{
    const QString slug = createLink(QStringLiteral("https://example.com/"));
    ASSERT_EQ(visit(slug, 1)[302], 1);
    ASSERT_TRUE(waitUntil([&] {
        return database().scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE client_address = '127.0.0.1'")) == 1;
    }));
}

} // namespace
} // namespace shortfuse::test
