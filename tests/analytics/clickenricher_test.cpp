#include "tests/analytics/analyticstestdata.h"
#include "tests/analytics/mmdbwriter.h"

#include "server/analytics/clickenricher.h"

#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace shortfuse;
using testmmdb::Value;

namespace {

QHostAddress ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}

// Collects qWarning()s while alive, to count the ones create() logs.
class WarningCollector {
public:
    WarningCollector() { s_current = this; m_previous = qInstallMessageHandler(&WarningCollector::handle); }
    ~WarningCollector() { qInstallMessageHandler(m_previous); s_current = nullptr; }
    QStringList warnings;

private:
    static void handle(QtMsgType type, const QMessageLogContext &, const QString &message)
    {
        if (type == QtWarningMsg && s_current)
            s_current->warnings.append(message);
    }
    static inline WarningCollector *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
};

// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

QString writeFile(const QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

AnalyticsPaths realPathsWithGeoIp(const QString &geoipDb, bool explicitly)
{
    AnalyticsPaths paths = testdata::paths();
    paths.geoipDb = geoipDb;
    paths.geoipExplicit = explicitly;
    return paths;
}

} // namespace

TEST(ClickEnricher, EnrichesAClickFromItsAgentAndAddress)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString db = writeFile(dir, "test.mmdb",
                                 testmmdb::build({{QStringLiteral("25.0.0.0/8"),
                                                   Value::map({{"country_code", Value::str("GB")}})}}));
    WarningCollector collector;
    auto created = ClickEnricher::create(realPathsWithGeoIp(db, true));
    ASSERT_TRUE(created.ok()) << created.error().message.toStdString();
    ClickEnricher &enricher = **created;
    EXPECT_TRUE(enricher.hasGeoIp());
    EXPECT_TRUE(collector.warnings.isEmpty()) << collector.warnings.join(QLatin1Char('\n')).toStdString();

    const ClickDetails person = enricher.enrich(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1",
        ip("25.1.2.3"));
    EXPECT_EQ(person.country, std::optional<QString>(QStringLiteral("GB")));
    EXPECT_EQ(person.browser, QStringLiteral("Mobile Safari"));
    EXPECT_EQ(person.browserVersion, QStringLiteral("17"));
    EXPECT_EQ(person.os, QStringLiteral("iOS"));
    EXPECT_EQ(person.device, QStringLiteral("mobile"));
    EXPECT_FALSE(person.bot);
    EXPECT_TRUE(person.botName.isEmpty());
    EXPECT_FALSE(person.linkPreview);

    // iMessage's preview poses as desktop Safari; the click is a bot's.
    const ClickDetails preview = enricher.enrich(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
        "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
        ip("192.168.1.20"));
    EXPECT_EQ(preview.country, std::nullopt);
    EXPECT_EQ(preview.os, QStringLiteral("Mac OS X"));
    EXPECT_EQ(preview.device, QStringLiteral("bot"));
    EXPECT_TRUE(preview.bot);
    EXPECT_EQ(preview.botName, QStringLiteral("iMessage"));
    EXPECT_TRUE(preview.linkPreview);

    const ClickDetails curl = enricher.enrich("curl/8.7.1", ip("127.0.0.1"));
    EXPECT_EQ(curl.device, QStringLiteral("bot"));
    EXPECT_EQ(curl.botName, QStringLiteral("curl"));
    EXPECT_EQ(curl.country, std::nullopt);

    const ClickDetails nothing = enricher.enrich("", QHostAddress());
    EXPECT_EQ(nothing.browser, QStringLiteral("Other"));
    EXPECT_EQ(nothing.os, QStringLiteral("Other"));
    EXPECT_TRUE(nothing.bot);
    EXPECT_EQ(nothing.country, std::nullopt);

    // Same agent, same answer (now from the caches).
    EXPECT_EQ(enricher.enrich("curl/8.7.1", ip("127.0.0.1")), curl);
    EXPECT_EQ(enricher.parser().cacheSize(), 3);
    EXPECT_EQ(enricher.botDetector().cacheSize(), 3);
}

// Agents of 15 KB (the header limit allows 16) are remembered by the 1,024
// bytes the parser reads: 2,000 of them that differ only past that point
// are one memo entry of 1 KiB, where each used to keep its whole 15 KB.
TEST(ClickEnricher, MemoIsKeyedByWhatTheParserReads)
{
    auto created = ClickEnricher::create(realPathsWithGeoIp(QString(), false));
    ASSERT_TRUE(created.ok()) << created.error().message.toStdString();
    ClickEnricher &enricher = **created;
    const QByteArray prefix = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ";
    const QByteArray padded = prefix + QByteArray(15 * 1024 - prefix.size(), 'x');
    ClickDetails first;
    for (int i = 0; i < 2000; ++i) {
        QByteArray agent = padded;
        agent.replace(agent.size() - 8, 8, QByteArray::number(10'000'000 + i));
        const ClickDetails details = enricher.enrich(agent, QHostAddress());
        if (i == 0)
            first = details;
        ASSERT_EQ(details, first);
    }
    EXPECT_EQ(first.browser, QStringLiteral("Firefox"));
    EXPECT_EQ(enricher.memoEntries(), 1);
    EXPECT_LE(enricher.memoKeyBytes(), UserAgentParser::MaxUserAgentLength);
}

TEST(ClickEnricher, WarnsOnceWithoutAGeoIpDatabase)
{
    WarningCollector collector;
    auto created = ClickEnricher::create(realPathsWithGeoIp(QString(), false));
    ASSERT_TRUE(created.ok()) << created.error().message.toStdString();
    EXPECT_FALSE((*created)->hasGeoIp());
    ASSERT_EQ(collector.warnings.size(), 1) << collector.warnings.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(collector.warnings.first().contains(QStringLiteral("GeoIP")));

    // Clicks are enriched without a country and without more warnings.
    for (int i = 0; i < 50; ++i) {
        const ClickDetails details = (*created)->enrich("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
                                                        ip("8.8.8.8"));
        EXPECT_EQ(details.country, std::nullopt);
        EXPECT_EQ(details.browser, QStringLiteral("Firefox"));
    }
    EXPECT_EQ(collector.warnings.size(), 1);
}

TEST(ClickEnricher, ExplicitGeoIpDatabaseMustOpen)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString broken = writeFile(dir, "broken.mmdb", "not a database");

    const auto asked = ClickEnricher::create(realPathsWithGeoIp(broken, true));
    ASSERT_FALSE(asked.ok());
    EXPECT_TRUE(asked.error().message.contains(broken));

    // Found by discovery rather than asked for: a warning, and no country.
    WarningCollector collector;
    auto found = ClickEnricher::create(realPathsWithGeoIp(broken, false));
    ASSERT_TRUE(found.ok()) << found.error().message.toStdString();
    EXPECT_FALSE((*found)->hasGeoIp());
    ASSERT_EQ(collector.warnings.size(), 1);
    EXPECT_TRUE(collector.warnings.first().contains(broken));
}

TEST(ClickEnricher, MissingRulesOrCrawlerListIsAnError)
{
    AnalyticsPaths noRules = testdata::paths();
    noRules.uapRegexes.clear();
    const auto withoutRules = ClickEnricher::create(noRules);
    ASSERT_FALSE(withoutRules.ok());
    EXPECT_TRUE(withoutRules.error().message.contains(QStringLiteral("regexes.yaml")));

    AnalyticsPaths noCrawlers = testdata::paths();
    noCrawlers.crawlersJson = QStringLiteral("/nonexistent/crawlers.json");
    const auto withoutCrawlers = ClickEnricher::create(noCrawlers);
    ASSERT_FALSE(withoutCrawlers.ok());
    EXPECT_TRUE(withoutCrawlers.error().message.contains(QStringLiteral("/nonexistent/crawlers.json")));
}

TEST(AnalyticsPaths, FindsTheShippedData)
{
    const AnalyticsPaths paths = AnalyticsPaths::discover();
    EXPECT_TRUE(QFile::exists(paths.uapRegexes)) << paths.uapRegexes.toStdString();
    EXPECT_TRUE(QFile::exists(paths.crawlersJson))
        << "no crawler list found; scripts/install-deps fetches it into data/crawlers/";
    EXPECT_TRUE(QFile::exists(paths.geoipDb)) << "no GeoIP database found; scripts/install-deps fetches one";
}

TEST(AnalyticsPaths, OverrideThenEnvironmentThenDefaults)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString rules = writeFile(dir, "rules.yaml", "x");
    const QString crawlers = writeFile(dir, "crawlers.json", "[]");
    const QString fromEnv = writeFile(dir, "env.mmdb", "x");
    {
        ScopedEnv a("SHORTFUSE_UAP_REGEXES", rules.toLocal8Bit());
        ScopedEnv b("SHORTFUSE_CRAWLERS_JSON", crawlers.toLocal8Bit());
        ScopedEnv c("SHORTFUSE_GEOIP_DB", fromEnv.toLocal8Bit());
        const AnalyticsPaths env = AnalyticsPaths::discover();
        EXPECT_EQ(env.uapRegexes, rules);
        EXPECT_EQ(env.crawlersJson, crawlers);
        EXPECT_EQ(env.geoipDb, fromEnv);
        EXPECT_TRUE(env.geoipExplicit);

        // --geoip-db wins over the environment, even for a missing file (so
        // the typo is reported when it is opened, not ignored).
        const AnalyticsPaths overridden = AnalyticsPaths::discover(QStringLiteral("/nonexistent/given.mmdb"));
        EXPECT_EQ(overridden.geoipDb, QStringLiteral("/nonexistent/given.mmdb"));
        EXPECT_TRUE(overridden.geoipExplicit);
        EXPECT_EQ(AnalyticsPaths::uapCandidates().first(), rules);
    }
    // Without the environment: Debian's uap-core first, discovered data.
    ScopedEnv a("SHORTFUSE_UAP_REGEXES", QByteArray());
    ScopedEnv b("SHORTFUSE_GEOIP_DB", QByteArray());
    const AnalyticsPaths defaults = AnalyticsPaths::discover();
    if (QFile::exists(QStringLiteral("/usr/share/uap-core/regexes.yaml"))) {
        EXPECT_EQ(defaults.uapRegexes, QStringLiteral("/usr/share/uap-core/regexes.yaml"));
    }
    EXPECT_FALSE(defaults.geoipExplicit);
    EXPECT_TRUE(defaults.geoipDb.endsWith(QStringLiteral("geoip/country.mmdb"))) << defaults.geoipDb.toStdString();
}
