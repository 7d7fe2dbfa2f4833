#include "tests/analytics/analyticstestdata.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

struct Expected {
    const char *userAgent;
    const char *browser;
    const char *major;
    const char *os;
    DeviceType device;
};

// Real agents as current browsers send them (versions of mid-2024 and
// later; only the numbers change from release to release).
const Expected Browsers[] = {
    // Chrome on Windows 10/11 (Chrome reports NT 10.0 for both)
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
     "Safari/537.36",
     "Chrome", "126", "Windows", DeviceType::Desktop},
    // Firefox on Linux
    {"Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox", "127", "Linux",
     DeviceType::Desktop},
    // Firefox on Ubuntu
    {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "128", "Ubuntu",
     DeviceType::Desktop},
    // Safari on macOS
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
     "Safari/605.1.15",
     "Safari", "17", "Mac OS X", DeviceType::Desktop},
    // Safari on an iPhone
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1",
     "Mobile Safari", "17", "iOS", DeviceType::Mobile},
    // Safari on an iPad (mobile site requested, as iPad mini does by default)
    {"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
     "Mobile/15E148 Safari/604.1",
     "Mobile Safari", "17", "iOS", DeviceType::Tablet},
    // Edge on Windows
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
     "Safari/537.36 Edg/126.0.0.0",
     "Edge", "126", "Windows", DeviceType::Desktop},
    // Chrome on an Android phone (reduced user agent: model "K", Android 10)
    {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
     "Safari/537.36",
     "Chrome Mobile", "126", "Android", DeviceType::Mobile},
    // Chrome on an Android tablet: the same without "Mobile"
    {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
     "Chrome", "126", "Android", DeviceType::Tablet},
    // Samsung Internet on a Galaxy phone
    {"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
     "Chrome/121.0.0.0 Mobile Safari/537.36",
     "Samsung Internet", "25", "Android", DeviceType::Mobile},
    // Firefox on Android
    {"Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0", "Firefox Mobile", "127", "Android",
     DeviceType::Mobile},
    // Chrome on an iPhone
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
     "Chrome Mobile iOS", "126", "iOS", DeviceType::Mobile},
    // Chrome on a Chromebook
    {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
     "Safari/537.36",
     "Chrome", "126", "Chrome OS", DeviceType::Desktop},
};

} // namespace

// Tests that only read go through the process-wide parser (loading the
// rules takes a while); SetUp stops a test when they did not load.
class UserAgentParserTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_parser = testdata::parser();
        ASSERT_NE(m_parser, nullptr);
    }
    UserAgentParser *m_parser = nullptr;
};

TEST_F(UserAgentParserTest, LoadsEveryUapCoreRule)
{
    UserAgentParser &parser = *m_parser;
    // uap-core 0.16 has ~1,150 rules; far fewer means a section was lost.
    EXPECT_GT(parser.ruleCount(), 1000);
    EXPECT_EQ(parser.skippedRules(), 0) << "a uap-core regex did not compile under PCRE2";
}

TEST_F(UserAgentParserTest, ReadsCurrentBrowsers)
{
    UserAgentParser &parser = *m_parser;
    for (const Expected &e : Browsers) {
        SCOPED_TRACE(e.userAgent);
        const UserAgentInfo info = parser.parse(e.userAgent);
        EXPECT_EQ(info.browser, QLatin1StringView(e.browser));
        EXPECT_EQ(info.browserMajor, QLatin1StringView(e.major));
        EXPECT_EQ(info.os, QLatin1StringView(e.os));
        EXPECT_EQ(deviceTypeName(info.deviceType), deviceTypeName(e.device));
    }
}

TEST_F(UserAgentParserTest, AppliesReplacementsWithGroups)
{
    UserAgentParser &parser = *m_parser;
    // os_replacement "iOS" with os_v1_replacement from the group; the
    // device rule builds family "iPhone" and brand "Apple" from replacements.
    const UserAgentInfo iphone = parser.parse(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1");
    EXPECT_EQ(iphone.osMajor, QStringLiteral("17"));
    EXPECT_EQ(iphone.deviceFamily, QStringLiteral("iPhone"));
    EXPECT_EQ(iphone.deviceBrand, QStringLiteral("Apple"));
    // The spec's own example: family_replacement 'Firefox ($1)' takes group 1,
    // the version comes from the following groups.
    const UserAgentInfo minefield =
        parser.parse("Mozilla/5.0 (Windows; Windows NT 5.1; rv:2.0b3pre) Gecko/20100727 Minefield/4.0.1pre");
    EXPECT_EQ(minefield.browser, QStringLiteral("Firefox (Minefield)"));
    EXPECT_EQ(minefield.browserMajor, QStringLiteral("4"));
    // A device rule with regex_flag 'i' matches regardless of case.
    const UserAgentInfo samsung = parser.parse(
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
        "Chrome/121.0.0.0 Mobile Safari/537.36");
    EXPECT_EQ(samsung.deviceBrand, QStringLiteral("Samsung"));
    EXPECT_EQ(samsung.deviceModel, QStringLiteral("SM-S918B"));
}

TEST_F(UserAgentParserTest, MarksUapSpidersAsBots)
{
    UserAgentParser &parser = *m_parser;
    const UserAgentInfo googlebot = parser.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
    EXPECT_EQ(googlebot.deviceFamily, QStringLiteral("Spider"));
    EXPECT_EQ(googlebot.deviceType, DeviceType::Bot);
    EXPECT_EQ(googlebot.browser, QStringLiteral("Googlebot"));
    EXPECT_EQ(googlebot.browserMajor, QStringLiteral("2"));
}

TEST_F(UserAgentParserTest, EmptyAndUnknownAgentsAreOther)
{
    UserAgentParser &parser = *m_parser;
    const UserAgentInfo empty = parser.parse("");
    EXPECT_EQ(empty, UserAgentInfo{});
    EXPECT_EQ(empty.browser, QStringLiteral("Other"));
    EXPECT_EQ(empty.os, QStringLiteral("Other"));
    EXPECT_EQ(empty.deviceFamily, QStringLiteral("Other"));
    EXPECT_TRUE(empty.browserMajor.isEmpty());
    EXPECT_EQ(empty.deviceType, DeviceType::Other);

    const UserAgentInfo curl = parser.parse("curl/8.7.1");
    EXPECT_EQ(curl.os, QStringLiteral("Other"));
    EXPECT_EQ(curl.deviceType, DeviceType::Other);
    const UserAgentInfo junk = parser.parse("\x01\x02 not a user agent \xff");
    EXPECT_EQ(junk.browser, QStringLiteral("Other"));
}

TEST_F(UserAgentParserTest, CutsOverlongAgents)
{
    UserAgentParser &parser = *m_parser;
    // What a real agent starts with decides; the padding past the cut is
    // neither parsed nor kept as a cache key.
    const QByteArray base(Browsers[0].userAgent);
    const QByteArray padded = base + QByteArray(UserAgentParser::MaxUserAgentLength, ' ');
    const QByteArray longer = padded + QByteArray(8000, 'x');
    const QByteArray otherTail = padded + QByteArray(8000, 'y');
    const UserAgentInfo info = parser.parse(longer);
    EXPECT_EQ(info.browser, QStringLiteral("Chrome"));
    const qsizetype cached = parser.cacheSize();
    EXPECT_EQ(parser.parse(otherTail), info);
    EXPECT_EQ(parser.cacheSize(), cached);  // same first 1024 bytes: same entry
}

TEST(UserAgentParser, CachesResultsWithinItsBound)
{
    auto loaded = UserAgentParser::load(testdata::paths().uapRegexes, 3);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    UserAgentParser &parser = **loaded;
    EXPECT_EQ(parser.cacheCapacity(), 3);
    EXPECT_EQ(parser.cacheSize(), 0);

    const UserAgentInfo first = parser.parse(Browsers[0].userAgent);
    EXPECT_EQ(parser.cacheSize(), 1);
    const UserAgentInfo again = parser.parse(Browsers[0].userAgent);
    EXPECT_EQ(again, first);
    EXPECT_EQ(parser.cacheSize(), 1);

    for (const Expected &e : Browsers)
        parser.parse(e.userAgent);
    EXPECT_EQ(parser.cacheSize(), 3);
    // Evicted entries are parsed again, to the same answer.
    for (const Expected &e : Browsers) {
        const UserAgentInfo info = parser.parse(e.userAgent);
        EXPECT_EQ(info.browser, QLatin1StringView(e.browser));
        EXPECT_LE(parser.cacheSize(), 3);
    }
    // Thousands of distinct agents (a flood of random ones) stay bounded.
    for (int i = 0; i < 2000; ++i)
        parser.parse(QByteArray(QByteArray("Mozilla/5.0 (X11; Linux x86_64) Probe/") + QByteArray::number(i)));
    EXPECT_EQ(parser.cacheSize(), 3);
}

TEST_F(UserAgentParserTest, DefaultCacheHoldsTenThousand)
{
    UserAgentParser &parser = *m_parser;
    EXPECT_EQ(parser.cacheCapacity(), 10'000);
}

TEST(UserAgentParser, ReportsLoadFailuresWithThePath)
{
    const auto missing = UserAgentParser::load(QStringLiteral("/nonexistent/regexes.yaml"));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("/nonexistent/regexes.yaml")))
        << missing.error().message.toStdString();

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString broken = dir.filePath(QStringLiteral("broken.yaml"));
    QFile file(broken);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("user_agent_parsers:\n  - regex: 'unterminated\n    [\n");
    file.close();
    const auto malformed = UserAgentParser::load(broken);
    ASSERT_FALSE(malformed.ok());
    EXPECT_TRUE(malformed.error().message.contains(broken)) << malformed.error().message.toStdString();

    const QString empty = dir.filePath(QStringLiteral("empty.yaml"));
    QFile emptyFile(empty);
    ASSERT_TRUE(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.write("os_parsers: []\n");
    emptyFile.close();
    EXPECT_FALSE(UserAgentParser::load(empty).ok());
}

TEST(UserAgentParser, SkipsARuleThatDoesNotCompile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rules.yaml"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("user_agent_parsers:\n"
               "  - regex: '(Broken'\n"
               "  - regex: '(Probe)/(\\d+)'\n"
               "    family_replacement: 'Probe $1 $9'\n"
               "os_parsers:\n"
               "  - regex: 'Linux'\n"
               "    os_replacement: 'Linux'\n"
               "device_parsers:\n"
               "  - regex: 'PROBE'\n"
               "    regex_flag: 'i'\n"
               "    device_replacement: 'Probe Device'\n"
               "    brand_replacement: 'Generic'\n"
               "    model_replacement: '$1'\n");
    file.close();
    auto loaded = UserAgentParser::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ((*loaded)->skippedRules(), 1);
    EXPECT_EQ((*loaded)->ruleCount(), 3);
    const UserAgentInfo info = (*loaded)->parse("Probe/7 (X11; Linux x86_64)");
    // "$9" names a group the regex does not have: it inserts nothing and the
    // result is trimmed.
    EXPECT_EQ(info.browser, QStringLiteral("Probe Probe"));
    EXPECT_EQ(info.browserMajor, QStringLiteral("7"));
    EXPECT_EQ(info.os, QStringLiteral("Linux"));
    EXPECT_EQ(info.deviceFamily, QStringLiteral("Probe Device"));
    EXPECT_EQ(info.deviceBrand, QStringLiteral("Generic"));
    EXPECT_EQ(info.deviceModel, QString());
    EXPECT_EQ(info.deviceType, DeviceType::Desktop);
}
