#include "server/links/linkrules.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

QByteArray reasonOf(const Status &status)
{
    return status.ok() ? QByteArray("ok") : status.error().reason;
}

} // namespace

TEST(UrlRules, AcceptsAbsoluteHttpAndHttps)
{
    for (const char *url : {"http://example.com", "https://example.com/", "HTTPS://EXAMPLE.COM/a",
                            "https://example.com/a%20b/%E2%9C%93?q=1&r=%2F#frag", "http://127.0.0.1:8080/x",
                            "https://[2001:db8::1]/path", "https://user@example.com/", "https://bücher.example/ü"}) {
        EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QString::fromUtf8(url))), "ok") << url;
    }
}

TEST(UrlRules, RefusesOtherSchemes)
{
    for (const char *url : {"ftp://example.com/x", "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                            "mailto:a@example.com"}) {
        EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QString::fromLatin1(url))), "unsupported_scheme") << url;
    }
}

TEST(UrlRules, RefusesMalformed)
{
    for (const char *url : {"example.com", "//example.com/x", "http://", "http:///path", "https:example.com",
                            "http://exa mple.com", "http://example.com/a b", "http://example.com/\t",
                            "http://example.com/\nLocation: evil", "http://example.com/\r", "1http://x.com",
                            "http://[::1/x"}) {
        EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QString::fromLatin1(url))), "malformed_url") << url;
    }
    // Control and invisible format characters outside ASCII as well.
    EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QStringLiteral("https://example.com/\u0085"))), "malformed_url");
    EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QStringLiteral("https://example.com/\u200e"))), "malformed_url");
}

TEST(UrlRules, MissingAndLength)
{
    EXPECT_EQ(reasonOf(rules::validateDestinationUrl(QString())), "missing_url");
    const QString prefix = QStringLiteral("https://example.com/");
    const QString atLimit = prefix + QString(rules::kMaxUrlLength - prefix.size(), u'a');
    EXPECT_EQ(atLimit.size(), 2048);
    EXPECT_EQ(reasonOf(rules::validateDestinationUrl(atLimit)), "ok");
    EXPECT_EQ(reasonOf(rules::validateDestinationUrl(atLimit + u'a')), "url_too_long");
}

TEST(UrlRules, ErrorsAreSentences)
{
    const Status status = rules::validateDestinationUrl(QStringLiteral("ftp://x"));
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().status, 400);
    EXPECT_GT(status.error().message.size(), 20);
}

TEST(AliasRules, ShapeAndReservedWords)
{
    for (const char *alias : {"abc", "A-b_9", "---", "___"})
        EXPECT_EQ(reasonOf(rules::validateAlias(QString::fromLatin1(alias))), "ok") << alias;
    EXPECT_EQ(reasonOf(rules::validateAlias(QString(64, u'z'))), "ok");
    EXPECT_EQ(reasonOf(rules::validateAlias(QString(65, u'z'))), "invalid_alias");
    for (const char *alias : {"ab", "", "has space", "dot.dot", "slash/", "ümlaut", "tab\t", "per%41cent"})
        EXPECT_EQ(reasonOf(rules::validateAlias(QString::fromUtf8(alias))), "invalid_alias") << alias;
    for (const char *alias : {"api", "stats", "static", "health", "metrics", "API", "Stats"})
        EXPECT_EQ(reasonOf(rules::validateAlias(QString::fromLatin1(alias))), "reserved_alias") << alias;
    EXPECT_TRUE(rules::isReservedWord(QStringLiteral("favicon.ico")));
    EXPECT_TRUE(rules::isReservedWord(QStringLiteral("robots.txt")));
    EXPECT_FALSE(rules::isReservedWord(QStringLiteral("apis")));
}

TEST(MaxClicksRules, Range)
{
    EXPECT_FALSE(rules::validateMaxClicks(std::nullopt)->has_value());
    EXPECT_EQ(rules::validateMaxClicks(1)->value(), 1);
    EXPECT_EQ(rules::validateMaxClicks(2147483647)->value(), 2147483647);
    for (qint64 bad : {qint64(0), qint64(-1), qint64(2147483648LL), qint64(-2147483648LL)}) {
        const auto result = rules::validateMaxClicks(bad);
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().reason, "invalid_max_clicks");
    }
}

TEST(SlugGeneration, EightAlphanumericCharacters)
{
    for (int i = 0; i < 1000; ++i) {
        const QString slug = rules::generateSlug();
        ASSERT_EQ(slug.size(), 8);
        for (QChar c : slug)
            ASSERT_TRUE(c.isLetterOrNumber() && c.unicode() < 128) << slug.toStdString();
        ASSERT_TRUE(rules::hasSlugShape(slug));
        ASSERT_TRUE(rules::validateAlias(slug).ok());
    }
}

TEST(SlugGeneration, UniformOverTheAlphabet)
{
    // 62 symbols; 40,000 slugs give 320,000 characters, ~5,161 per symbol.
    // A modulo-biased generator skews the first symbols by ~20%; each count
    // must stay within 10% of the mean.
    QHash<QChar, int> counts;
    QSet<QString> seen;
    constexpr int kSlugs = 40'000;
    for (int i = 0; i < kSlugs; ++i) {
        const QString slug = rules::generateSlug();
        seen.insert(slug);
        for (QChar c : slug)
            ++counts[c];
    }
    EXPECT_EQ(seen.size(), kSlugs) << "collisions in 40,000 draws from 62^8 are practically impossible";
    ASSERT_EQ(counts.size(), 62);
    const double mean = kSlugs * 8 / 62.0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        EXPECT_GT(it.value(), mean * 0.9) << QString(it.key()).toStdString();
        EXPECT_LT(it.value(), mean * 1.1) << QString(it.key()).toStdString();
    }
}
