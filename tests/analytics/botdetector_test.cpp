#include "tests/analytics/analyticstestdata.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

struct ExpectedBot {
    const char *userAgent;
    const char *name;
    bool linkPreview;
};

// Real agents of crawlers, command-line tools and the link previews of
// chat and mail apps, as they appear in access logs.
const ExpectedBot Bots[] = {
    {"curl/8.7.1", "curl", false},
    {"Wget/1.21.4", "Wget", false},
    {"python-requests/2.31.0", "python-requests", false},
    {"Go-http-client/2.0", "Go-http-client", false},
    {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", false},
    {"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
     "Googlebot", false},
    {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot", false},
    {"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) "
     "Chrome/116.0.1938.76 Safari/537.36",
     "bingbot", false},
    {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 "
     "Safari/537.36",
     "HeadlessChrome", false},
    // Link previews and link scanners, by their canonical names.
    {"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slack", true},
    {"Slackbot 1.0 (+https://api.slack.com/robots)", "Slack", true},
    {"Slack-ImgProxy (+https://api.slack.com/robots)", "Slack", true},
    {"Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discord", true},
    {"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Facebook", true},
    {"facebookexternalhit/1.1", "Facebook", true},
    {"Twitterbot/1.0", "X (Twitter)", true},
    {"WhatsApp/2.23.20.0 A", "WhatsApp", true},
    {"WhatsApp/2.24.13.76 i", "WhatsApp", true},
    {"TelegramBot (like TwitterBot)", "Telegram", true},
    {"LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "LinkedIn", true},
    // iMessage's preview poses as Safari on a Mac plus the Facebook and
    // Twitter tokens; it is iMessage, not Facebook.
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
     "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
     "iMessage", true},
    // Teams' unfurler still sends the agent it inherited from Skype.
    {"Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
     "Microsoft Teams/Skype", true},
    {"Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5", "Microsoft Teams/Skype", true},
    // Outlook and Office fetch a link before opening it in a browser.
    {"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)", "Microsoft Outlook", true},
    {"Mozilla/4.0 (compatible; ms-office; MSOffice 16)", "Microsoft Office", true},
    {"Microsoft Office Existence Discovery", "Microsoft Office", true},
    {"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b", "Bing Preview",
     true},
    {"MicrosoftPreview/2.0 (+https://aka.ms/MicrosoftPreview)", "Microsoft Preview", true},
    // Previewers nobody named here, flagged by the crawler list's tag.
    {"http.rb/5.1.1 (Mastodon/4.2.10; +https://mastodon.social/)", "Mastodon", true},
    {"Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)", "redditbot", true},
};

// People: current browsers, and in-app browsers whose agents carry an
// app's name (Teams desktop, LinkedIn, Facebook) without being its bot.
const char *const People[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
    "Safari/537.36 Edg/126.0.0.0",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
    "Chrome/121.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.7.00.13456 "
    "Chrome/118.0.5993.159 Electron/27.2.1 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 [LinkedInApp]/9.30.1000",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.36.106;FBBV/614133498;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;"
    "FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/616181367]",
};

class BotDetectorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_parser = testdata::parser();
        m_bots = testdata::bots();
        ASSERT_NE(m_parser, nullptr);
        ASSERT_NE(m_bots, nullptr);
    }
    BotVerdict detect(const char *userAgent) { return m_bots->detect(userAgent, m_parser->parse(userAgent)); }

    UserAgentParser *m_parser = nullptr;
    BotDetector *m_bots = nullptr;
};

} // namespace

TEST_F(BotDetectorTest, LoadsTheCrawlerList)
{
    EXPECT_GT(m_bots->crawlerPatterns(), 1000);
    EXPECT_EQ(m_bots->skippedPatterns(), 0) << "a crawler-user-agents pattern did not compile under PCRE2";
}

TEST_F(BotDetectorTest, NamesBotsAndLinkPreviews)
{
    for (const ExpectedBot &e : Bots) {
        SCOPED_TRACE(e.userAgent);
        const BotVerdict verdict = detect(e.userAgent);
        EXPECT_TRUE(verdict.bot);
        EXPECT_EQ(verdict.name, QLatin1StringView(e.name));
        EXPECT_EQ(verdict.linkPreview, e.linkPreview);
    }
}

TEST_F(BotDetectorTest, PeopleAreNotBots)
{
    for (const char *userAgent : People) {
        SCOPED_TRACE(userAgent);
        const BotVerdict verdict = detect(userAgent);
        EXPECT_FALSE(verdict.bot) << verdict.name.toStdString();
        EXPECT_TRUE(verdict.name.isEmpty());
        EXPECT_FALSE(verdict.linkPreview);
    }
}

TEST_F(BotDetectorTest, UapSpiderRulesCatchWhatTheListMisses)
{
    // Not in the crawler list (checked below), but uap-core's generic
    // spider rule knows a "...bot/<version>" agent.
    const char *agent = "Mozilla/5.0 (compatible; ShortfuseProbeBot/3.1; +https://probe.invalid/bot.html)";
    const UserAgentInfo parsed = m_parser->parse(agent);
    ASSERT_EQ(parsed.deviceFamily, QStringLiteral("Spider"));
    const BotVerdict verdict = m_bots->detect(agent, parsed);
    EXPECT_TRUE(verdict.bot);
    EXPECT_FALSE(verdict.linkPreview);
    EXPECT_FALSE(verdict.name.isEmpty());
    // The same agent with the parser's verdict withheld: only the list
    // speaks, and it does not know this bot.
    EXPECT_FALSE(m_bots->detect(QByteArray(agent).append('x'), UserAgentInfo{}).bot);
}

TEST_F(BotDetectorTest, EmptyUserAgentIsABot)
{
    const BotVerdict verdict = m_bots->detect("", UserAgentInfo{});
    EXPECT_TRUE(verdict.bot);
    EXPECT_EQ(verdict.name, QStringLiteral("no user agent"));
    EXPECT_FALSE(verdict.linkPreview);
}

TEST(BotDetector, CachesVerdictsWithinItsBound)
{
    UserAgentParser *parser = testdata::parser();
    ASSERT_NE(parser, nullptr);
    auto loaded = BotDetector::load(testdata::paths().crawlersJson, 4);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    BotDetector &bots = **loaded;
    EXPECT_EQ(bots.cacheCapacity(), 4);

    const char *slack = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    const BotVerdict first = bots.detect(slack, parser->parse(slack));
    EXPECT_EQ(bots.cacheSize(), 1);
    EXPECT_EQ(bots.detect(slack, parser->parse(slack)), first);
    EXPECT_EQ(bots.cacheSize(), 1);

    for (const ExpectedBot &e : Bots)
        bots.detect(e.userAgent, parser->parse(e.userAgent));
    EXPECT_EQ(bots.cacheSize(), 4);
    for (const ExpectedBot &e : Bots)
        EXPECT_EQ(bots.detect(e.userAgent, parser->parse(e.userAgent)).name, QLatin1StringView(e.name));
    EXPECT_EQ(bots.cacheSize(), 4);
}

TEST(BotDetector, ReportsLoadFailuresWithThePath)
{
    const auto missing = BotDetector::load(QStringLiteral("/nonexistent/crawler-user-agents.json"));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("/nonexistent/crawler-user-agents.json")));

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto write = [&](const char *name, const QByteArray &content) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return path;
    };
    const QString notJson = write("bad.json", "[{\"pattern\": ");
    const auto malformed = BotDetector::load(notJson);
    ASSERT_FALSE(malformed.ok());
    EXPECT_TRUE(malformed.error().message.contains(notJson));
    EXPECT_FALSE(BotDetector::load(write("object.json", "{\"pattern\": \"x\"}")).ok());
    EXPECT_FALSE(BotDetector::load(write("empty.json", "[]")).ok());

    // One bad pattern is skipped, the rest still work.
    auto partly = BotDetector::load(write("partly.json", R"([{"pattern": "(unclosed"}, {"pattern": "ProbeCrawler"}])"));
    ASSERT_TRUE(partly.ok()) << partly.error().message.toStdString();
    EXPECT_EQ((*partly)->skippedPatterns(), 1);
    EXPECT_EQ((*partly)->crawlerPatterns(), 1);
    const BotVerdict verdict = (*partly)->detect("ProbeCrawler/1.0 (+https://probe.invalid)", UserAgentInfo{});
    EXPECT_TRUE(verdict.bot);
    EXPECT_EQ(verdict.name, QStringLiteral("ProbeCrawler"));
}
