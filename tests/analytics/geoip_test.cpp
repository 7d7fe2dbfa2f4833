#include "tests/analytics/analyticstestdata.h"
#include "tests/analytics/mmdbwriter.h"

#include "server/analytics/geoip.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace shortfuse;
using testmmdb::Value;

namespace {

QHostAddress ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}

std::optional<QString> code(const char *text)
{
    return QString::fromLatin1(text);
}

Value maxmindCountry(const char *iso)
{
    return Value::map({{"country", Value::map({{"iso_code", Value::str(iso)}, {"geoname_id", Value::u32(1)}})}});
}

// A database made here, so each answer is known: MaxMind's layout, its
// registered_country fallback, ip-location-db's layout, bad codes, and
// entries for private and loopback ranges that must never be consulted.
class GeoIpTestDatabase : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("test.mmdb"));
        QFile file(m_path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(testmmdb::build({
            {QStringLiteral("25.0.0.0/8"), maxmindCountry("GB")},
            {QStringLiteral("41.0.0.0/8"),
             Value::map({{"registered_country", Value::map({{"iso_code", Value::str("ZA")}})}})},
            {QStringLiteral("45.0.0.0/8"),
             Value::map({{"country", Value::map({{"iso_code", Value::str("xx1")}})},
                         {"registered_country", Value::map({{"iso_code", Value::str("nl")}})}})},
            {QStringLiteral("46.0.0.0/8"), Value::map({{"country", Value::map({{"names", Value::map({})}})}})},
            {QStringLiteral("2a01::/16"), Value::map({{"country_code", Value::str("FR")}})},
            {QStringLiteral("10.0.0.0/8"), maxmindCountry("US")},
            {QStringLiteral("127.0.0.0/8"), maxmindCountry("US")},
            {QStringLiteral("192.168.0.0/16"), maxmindCountry("AU")},
            {QStringLiteral("fd00::/8"), Value::map({{"country_code", Value::str("US")}})},
        }));
        file.close();
        auto opened = GeoIpLookup::open(m_path);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        m_geo = std::move(*opened);
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<GeoIpLookup> m_geo;
};

} // namespace

TEST_F(GeoIpTestDatabase, ReadsMaxMindAndIpLocationDbLayouts)
{
    EXPECT_EQ(m_geo->databaseType(), QStringLiteral("Shortfuse-Test-Country"));
    EXPECT_EQ(m_geo->countryCode(ip("25.1.2.3")), code("GB"));
    // No country (anycast, satellite): the registered country is the answer.
    EXPECT_EQ(m_geo->countryCode(ip("41.7.8.9")), code("ZA"));
    // A country code that is not two letters is skipped for the fallback,
    // and codes come back upper-case.
    EXPECT_EQ(m_geo->countryCode(ip("45.0.0.1")), code("NL"));
    // An entry without any code.
    EXPECT_EQ(m_geo->countryCode(ip("46.0.0.1")), std::nullopt);
    // ip-location-db's top-level country_code, over IPv6.
    EXPECT_EQ(m_geo->countryCode(ip("2a01:e0a:1::1")), code("FR"));
    // IPv4-mapped IPv6 is looked up as the IPv4 address it is.
    EXPECT_EQ(m_geo->countryCode(ip("::ffff:25.1.2.3")), code("GB"));
    // Not in the database at all.
    EXPECT_EQ(m_geo->countryCode(ip("26.0.0.1")), std::nullopt);
    EXPECT_EQ(m_geo->countryCode(ip("2a02::1")), std::nullopt);
}

TEST_F(GeoIpTestDatabase, NeverLooksUpPrivateOrLoopbackAddresses)
{
    // The database has (wrong) entries for these; they must not be used.
    for (const char *address : {"10.1.2.3", "127.0.0.1", "192.168.1.1", "::ffff:192.168.1.1", "fd12:3456::1", "::1"})
        EXPECT_EQ(m_geo->countryCode(ip(address)), std::nullopt) << address;
    EXPECT_EQ(m_geo->countryCode(QHostAddress()), std::nullopt);
}

TEST(GeoIp, KnowsWhichAddressesAreGloballyRoutable)
{
    for (const char *address : {"0.1.2.3", "10.0.0.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "172.16.0.1",
                                "172.31.255.255", "192.0.2.1", "192.168.0.1", "198.18.0.1", "198.51.100.7",
                                "203.0.113.9", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1",
                                "fc00::1", "fd00::1", "2001:db8::1", "ff02::1", "::ffff:10.0.0.1"})
        EXPECT_FALSE(GeoIpLookup::isGloballyRoutable(ip(address))) << address;
    for (const char *address : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "193.99.144.80",
                                "2001:4860:4860::8888", "2003::1", "::ffff:8.8.8.8"})
        EXPECT_TRUE(GeoIpLookup::isGloballyRoutable(ip(address))) << address;
    EXPECT_FALSE(GeoIpLookup::isGloballyRoutable(QHostAddress()));
}

TEST(GeoIp, OpenFailuresNameThePath)
{
    const auto missing = GeoIpLookup::open(QStringLiteral("/nonexistent/country.mmdb"));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("/nonexistent/country.mmdb")));

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString notMmdb = dir.filePath(QStringLiteral("not.mmdb"));
    QFile file(notMmdb);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this is not a MaxMind database\n");
    file.close();
    const auto invalid = GeoIpLookup::open(notMmdb);
    ASSERT_FALSE(invalid.ok());
    EXPECT_TRUE(invalid.error().message.contains(notMmdb));
    EXPECT_FALSE(GeoIpLookup::open(QString()).ok());
}

// The database scripts/install-deps ships (ip-location-db country, built
// from registry data). Addresses whose country is not in doubt: allocated
// for decades to organisations in one country.
TEST(GeoIpShippedDatabase, KnowsWellKnownPublicAddresses)
{
    const QString path = testdata::paths().geoipDb;
    ASSERT_FALSE(path.isEmpty()) << "no GeoIP database found; scripts/install-deps fetches one into data/geoip/";
    auto opened = GeoIpLookup::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    const GeoIpLookup &geo = **opened;

    EXPECT_EQ(geo.countryCode(ip("8.8.8.8")), code("US"));                // Google DNS
    EXPECT_EQ(geo.countryCode(ip("9.9.9.9")), code("US"));                // Quad9 (registered in the US)
    EXPECT_EQ(geo.countryCode(ip("193.99.144.80")), code("DE"));          // heise.de
    EXPECT_EQ(geo.countryCode(ip("80.156.86.1")), code("DE"));            // Deutsche Telekom
    EXPECT_EQ(geo.countryCode(ip("133.1.1.1")), code("JP"));              // Osaka University
    EXPECT_EQ(geo.countryCode(ip("::ffff:8.8.8.8")), code("US"));         // mapped form of the same
    EXPECT_EQ(geo.countryCode(ip("2001:4860:4860::8888")), code("US"));   // Google DNS over IPv6
    EXPECT_EQ(geo.countryCode(ip("2003::1")), code("DE"));                // Deutsche Telekom's IPv6 /19

    // Loopback and private ranges, some of which this free database wrongly
    // places in a country (192.168.0.0/16 and 172.16.0.0/12 in "AU").
    for (const char *address : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
                                "198.51.100.1", "::1", "fe80::1", "fd12::1", "2001:db8::1"})
        EXPECT_EQ(geo.countryCode(ip(address)), std::nullopt) << address;
}
