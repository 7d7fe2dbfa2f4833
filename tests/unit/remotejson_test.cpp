// The remote console's JSON (ui/remotejson.h) against the server's own
// formats: what the window sends parses, with the API's own parsers, into
// exactly what it asked for; what the server answers reads back into the
// same link and statistics. A field added on one side and not the other
// fails here.

#include "ui/remotejson.h"

#include "server/http/createrequestparser.h"
#include "server/http/linkchangeparser.h"
#include "server/http/statsformat.h"
#include "server/links/linkservice.h"

#include <QDateTime>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

QByteArray bytes(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

CreateRequest everyOption()
{
    CreateRequest request;
    request.url = QStringLiteral("https://example.com/a?b=c");
    request.alias = QStringLiteral("spring-invite");
    request.maxClicks = 3;
    request.previewProtection = QStringLiteral("confirm");
    request.password = QStringLiteral("correct horse");
    request.expiresAt = QStringLiteral("2030-01-02T03:04:05Z");
    request.expiredUrl = QStringLiteral("https://example.com/late");
    request.label = QStringLiteral("Anna");
    return request;
}

} // namespace

TEST(RemoteJson, ACreationParsesWithTheApisParserIntoWhatWasAsked)
{
    const CreateRequest asked = everyOption();
    const Result<CreateRequest> parsed = createparser::fromJson(bytes(remotejson::createRequestJson(asked)));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    EXPECT_EQ(parsed->url, asked.url);
    EXPECT_EQ(parsed->alias, asked.alias);
    EXPECT_EQ(parsed->maxClicks, asked.maxClicks);
    EXPECT_EQ(parsed->previewProtection, asked.previewProtection);
    EXPECT_EQ(parsed->password, asked.password);
    EXPECT_EQ(parsed->expiresAt, asked.expiresAt);
    EXPECT_EQ(parsed->expiredUrl, asked.expiredUrl);
    EXPECT_EQ(parsed->label, asked.label);

    CreateRequest unlimited;
    unlimited.url = QStringLiteral("https://example.com/");
    unlimited.expiresIn = 3600;
    const Result<CreateRequest> plain = createparser::fromJson(bytes(remotejson::createRequestJson(unlimited)));
    ASSERT_TRUE(plain.ok()) << plain.error().message.toStdString();
    EXPECT_FALSE(plain->maxClicks.has_value());
    EXPECT_EQ(plain->expiresIn, 3600);
    EXPECT_TRUE(plain->alias.isEmpty());
}

TEST(RemoteJson, ABatchParsesIntoOneLinkPerLabelWithTheFirstsOptions)
{
    CreateRequest anna = everyOption();
    anna.alias.clear();
    CreateRequest ben = anna;
    ben.label = QStringLiteral("Ben");
    const Result<createparser::BatchRequest> parsed = createparser::batchFromJson(bytes(remotejson::batchJson({anna, ben})));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    EXPECT_EQ(parsed->labels, (QStringList{QStringLiteral("Anna"), QStringLiteral("Ben")}));
    EXPECT_TRUE(parsed->aliases.isEmpty());
    EXPECT_EQ(parsed->common.url, anna.url);
    EXPECT_EQ(parsed->common.maxClicks, anna.maxClicks);
    EXPECT_EQ(parsed->common.password, anna.password);
}

TEST(RemoteJson, AChangeParsesWithTheApisParserIncludingSettingToNothing)
{
    LinkChange change;
    change.url = QStringLiteral("https://example.com/new");
    change.maxClicks = std::optional<qint64>{};          // unlimited
    change.expiresAt = std::optional<QString>{};         // cleared
    change.expiredUrl = std::optional<QString>(QStringLiteral("https://example.com/gone"));
    change.label = std::optional<QString>{};             // cleared
    change.previewProtection = QStringLiteral("off");
    change.password = std::optional<QString>(QStringLiteral("another secret"));
    const Result<LinkChange> parsed = changeparser::fromJson(bytes(remotejson::linkChangeJson(change)));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    EXPECT_EQ(parsed->url, change.url);
    EXPECT_EQ(parsed->maxClicks, change.maxClicks);
    EXPECT_EQ(parsed->expiresAt, change.expiresAt);
    EXPECT_EQ(parsed->expiredUrl, change.expiredUrl);
    EXPECT_EQ(parsed->label, change.label);
    EXPECT_EQ(parsed->previewProtection, change.previewProtection);
    EXPECT_EQ(parsed->password, change.password);
    // Nothing asked, nothing sent.
    EXPECT_TRUE(remotejson::linkChangeJson(LinkChange{}).isEmpty());
}

TEST(RemoteJson, TheServersStatisticsReadBackIntoTheSameFigures)
{
    LinkStats stats;
    stats.link.slug = QStringLiteral("abc123");
    stats.link.label = QStringLiteral("Anna");
    stats.link.maxClicks = 5;
    stats.link.clicks = 3;
    stats.link.createdAtMs = 1'700'000'000'000;
    stats.firstClickMs = 1'700'000'100'000;
    stats.lastClickMs = 1'700'000'300'000;
    stats.byCountry = {{QStringLiteral("DE"), 2}, {QStringLiteral("FR"), 1}};
    stats.byBrowser = {{QStringLiteral("Firefox"), 3}};
    stats.byOs = {{QStringLiteral("Linux"), 1}, {QStringLiteral("Windows"), 2}};
    stats.bots = 1;
    stats.humans = 2;
    stats.expiredHits = 4;
    stats.bucketMs = 3'600'000;
    stats.timeline = {{1'699'999'200'000, 3}};
    ClickLogEntry entry;
    entry.id = 9;
    entry.atMs = 1'700'000'300'000;
    entry.outcome = ClickOutcome::Expired;
    entry.country = QStringLiteral("DE");
    entry.browser = QStringLiteral("Firefox");
    entry.browserVersion = QStringLiteral("120");
    entry.os = QStringLiteral("Linux");
    entry.device = QStringLiteral("desktop");
    entry.referrer = QStringLiteral("https://mail.example/");
    entry.bot = true;
    entry.botName = QStringLiteral("Slackbot");
    stats.log = {entry};
    stats.nextBefore = 9;

    const Result<LinkStats> read = remotejson::statsFromJson(statsformat::toJson(stats));
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read->link.slug, stats.link.slug);
    EXPECT_EQ(read->link.label, stats.link.label);
    EXPECT_EQ(read->link.maxClicks, stats.link.maxClicks);
    EXPECT_EQ(read->link.clicks, stats.link.clicks);
    EXPECT_EQ(read->link.createdAtMs, stats.link.createdAtMs);
    EXPECT_EQ(read->firstClickMs, stats.firstClickMs);
    EXPECT_EQ(read->lastClickMs, stats.lastClickMs);
    EXPECT_EQ(read->byCountry, stats.byCountry) << "largest first, as the server orders them";
    EXPECT_EQ(read->byBrowser, stats.byBrowser);
    EXPECT_EQ(read->byOs, (Breakdown{{QStringLiteral("Windows"), 2}, {QStringLiteral("Linux"), 1}}));
    EXPECT_EQ(read->bots, 1);
    EXPECT_EQ(read->humans, 2);
    EXPECT_EQ(read->expiredHits, 4);
    EXPECT_EQ(read->bucketMs, stats.bucketMs);
    EXPECT_EQ(read->timeline, stats.timeline);
    ASSERT_EQ(read->log.size(), 1);
    const ClickLogEntry &back = read->log.constFirst();
    EXPECT_EQ(back.id, entry.id);
    EXPECT_EQ(back.atMs, entry.atMs);
    EXPECT_EQ(back.outcome, entry.outcome);
    EXPECT_EQ(back.country, entry.country);
    EXPECT_EQ(back.browserVersion, entry.browserVersion);
    EXPECT_EQ(back.device, entry.device);
    EXPECT_EQ(back.referrer, entry.referrer);
    EXPECT_TRUE(back.bot);
    EXPECT_EQ(back.botName, entry.botName);
    EXPECT_EQ(read->nextBefore, stats.nextBefore);
}

TEST(RemoteJson, AnErrorAnswerKeepsTheApisReasonAndANonJsonOneSaysTheStatus)
{
    const Error refused = remotejson::errorFromAnswer(409, R"({"error": "This alias is taken.", "reason": "duplicate"})");
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.reason, QByteArray("duplicate"));
    EXPECT_EQ(refused.message, QStringLiteral("This alias is taken."));
    const Error proxy = remotejson::errorFromAnswer(502, "<html>Bad Gateway</html>");
    EXPECT_EQ(proxy.reason, QByteArray("http_502"));
    EXPECT_TRUE(proxy.message.contains(QStringLiteral("502")));
}

TEST(RemoteJson, ALinkWithoutSlugOrUrlIsABadAnswerNotAnEmptyRow)
{
    EXPECT_FALSE(remotejson::linkFromJson(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://x.example/")}}).ok());
    EXPECT_FALSE(remotejson::linkFromJson(QJsonObject{{QStringLiteral("slug"), QStringLiteral("abc")}}).ok());
    const Result<Link> link = remotejson::linkFromJson(QJsonObject{
        {QStringLiteral("slug"), QStringLiteral("abc")},
        {QStringLiteral("url"), QStringLiteral("https://x.example/")},
        {QStringLiteral("max_clicks"), 2},
        {QStringLiteral("clicks"), 2},
        {QStringLiteral("status"), QStringLiteral("revoked")},
        {QStringLiteral("password_protected"), true},
        {QStringLiteral("created_at"), QStringLiteral("2026-12-01T10:00:00.000Z")},
    });
    ASSERT_TRUE(link.ok());
    EXPECT_TRUE(link->revoked);
    EXPECT_TRUE(link->hasPassword());
    EXPECT_TRUE(link->usedUp());
    EXPECT_EQ(link->createdAtMs, QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
}
