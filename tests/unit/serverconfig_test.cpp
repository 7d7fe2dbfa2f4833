#include "server/serverconfig.h"

#include "server/core/addressscope.h"
#include "server/reachability/reachabilitymonitor.h"

#include <QCommandLineParser>
#include <QUrl>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
Result<ServerConfig> parse(QStringList args)
{
    QCommandLineParser parser;
    ServerOptions::addTo(parser);
    args.prepend(QStringLiteral("shortfuse-server"));
    if (!parser.parse(args))
        return Error{2, "usage", parser.errorText()};
    return ServerOptions::read(parser);
}
} // namespace

TEST(ServerOptions, Defaults)
{
    const auto config = parse({});
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->bindAddress, QHostAddress(QHostAddress::LocalHost));
    EXPECT_EQ(config->port, 8080);
    EXPECT_EQ(config->rateLimitPerMinute, 10);
    EXPECT_FALSE(config->dataDir.isEmpty());
    EXPECT_EQ(config->effectiveBaseUrl(8080), QStringLiteral("http://127.0.0.1:8080"));
}

TEST(ServerOptions, ReadsEveryFlag)
{
    const auto config = parse({QStringLiteral("--bind"), QStringLiteral("::1"), QStringLiteral("--port"), QStringLiteral("0"),
                               QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--base-url"),
                               QStringLiteral("https://sho.rt/x/"), QStringLiteral("--rate-limit"), QStringLiteral("0"),
                               QStringLiteral("--trusted-proxy"), QStringLiteral("10.0.0.0/8,::1"),
                               QStringLiteral("--trusted-proxy"), QStringLiteral("192.168.0.0/16")});
    ASSERT_TRUE(config.ok()) << config.error().message.toStdString();
    EXPECT_EQ(config->bindAddress, QHostAddress(QHostAddress::LocalHostIPv6));
    EXPECT_EQ(config->port, 0);
    EXPECT_EQ(config->dataDir, QStringLiteral("/tmp/x"));
    EXPECT_EQ(config->baseUrl, QStringLiteral("https://sho.rt/x"));
    EXPECT_EQ(config->rateLimitPerMinute, 0);
    EXPECT_EQ(config->trustedProxies.size(), 3);

    ServerConfig v6;
    v6.bindAddress = QHostAddress(QHostAddress::LocalHostIPv6);
    EXPECT_EQ(v6.effectiveBaseUrl(80), QStringLiteral("http://[::1]:80"));
}

// --external-port (issue 14): the router port asked for; absent, the server's own number.
TEST(ServerOptions, ExternalPortIsTheRouterPortToAskFor)
{
    const auto none = parse({});
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->externalPort, 0);
    EXPECT_FALSE(none->portMapping.has_value());
    const auto given = parse({QStringLiteral("--port-mapping"), QStringLiteral("natpmp"), QStringLiteral("--external-port"),
                              QStringLiteral("18443")});
    ASSERT_TRUE(given.ok()) << given.error().message.toStdString();
    EXPECT_EQ(given->externalPort, 18443);
    EXPECT_EQ(given->portMapping, PortMapper::Method::Natpmp);
    for (const char *bad : {"0", "65536", "-5", "http", ""}) {
        const auto refused = parse({QStringLiteral("--external-port"), QLatin1String(bad)});
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_EQ(refused.error().status, 2);
        EXPECT_TRUE(refused.error().message.startsWith(QStringLiteral("--external-port"))) << bad;
    }
}

// Listening on every interface, links carry this machine's address on its
// network, never 0.0.0.0, which no recipient can open.
TEST(ServerOptions, AWildcardBindMakesLinksWithThisMachinesAddress)
{
    for (const QHostAddress &wildcard : {QHostAddress(QHostAddress::AnyIPv4), QHostAddress(QHostAddress::Any),
                                         QHostAddress(QHostAddress::AnyIPv6)}) {
        ServerConfig config;
        config.bindAddress = wildcard;
        const QString base = config.effectiveBaseUrl(8080);
        const QHostAddress host(QUrl(base).host());
        EXPECT_FALSE(host.isNull()) << base.toStdString();
        EXPECT_NE(addressScope(host), AddressScope::Unspecified) << base.toStdString();
        EXPECT_EQ(host, lanIPv4Address().value_or(QHostAddress(QHostAddress::LocalHost))) << base.toStdString();
        EXPECT_TRUE(base.endsWith(QStringLiteral(":8080"))) << base.toStdString();
    }
}

TEST(ServerOptions, BadValuesAreUsageErrors)
{
    const QList<QStringList> bad = {
        {QStringLiteral("--port"), QStringLiteral("70000")},      {QStringLiteral("--port"), QStringLiteral("abc")},
        {QStringLiteral("--port"), QStringLiteral("-1")},         {QStringLiteral("--bind"), QStringLiteral("nothost")},
        {QStringLiteral("--rate-limit"), QStringLiteral("-1")},   {QStringLiteral("--rate-limit"), QStringLiteral("x")},
        {QStringLiteral("--trusted-proxy"), QStringLiteral("10.0.0.0/99")},
        {QStringLiteral("--base-url"), QStringLiteral("ftp://x")}, {QStringLiteral("--base-url"), QStringLiteral("https://x/?q")},
        {QStringLiteral("--data-dir"), QString()},                {QStringLiteral("--no-such-flag")},
    };
    for (const QStringList &args : bad) {
        const auto config = parse(args);
        ASSERT_FALSE(config.ok()) << args.join(u' ').toStdString();
        EXPECT_EQ(config.error().status, 2);
        EXPECT_FALSE(config.error().message.contains(u'\n')) << "one line";
    }
}

TEST(ServerOptions, MetricsBindTakesHostAndPort)
{
    EXPECT_FALSE(parse({})->metricsBind.has_value()) << "without the flag /metrics stays on the public listener";

    const auto v4 = parse({QStringLiteral("--metrics-bind"), QStringLiteral("127.0.0.1:9100")});
    ASSERT_TRUE(v4.ok()) << v4.error().message.toStdString();
    ASSERT_TRUE(v4->metricsBind.has_value());
    EXPECT_EQ(v4->metricsBind->address, QHostAddress(QHostAddress::LocalHost));
    EXPECT_EQ(v4->metricsBind->port, 9100);

    const auto v6 = parse({QStringLiteral("--metrics-bind"), QStringLiteral("[::1]:0")});
    ASSERT_TRUE(v6.ok()) << v6.error().message.toStdString();
    EXPECT_EQ(v6->metricsBind->address, QHostAddress(QHostAddress::LocalHostIPv6));
    EXPECT_EQ(v6->metricsBind->port, 0);

    for (const char *bad : {"127.0.0.1", "127.0.0.1:", ":9100", "localhost:9100", "::1:9100", "[::1]", "[::1]9100",
                            "[127.0.0.1]:9100", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+80", "127.0.0.1: 80",
                            "127.0.0.1:0x50", ""}) {
        const auto config = parse({QStringLiteral("--metrics-bind"), QString::fromUtf8(bad)});
        ASSERT_FALSE(config.ok()) << bad;
        EXPECT_EQ(config.error().status, 2) << bad;
        EXPECT_TRUE(config.error().message.startsWith(QStringLiteral("--metrics-bind: "))) << bad;
        EXPECT_FALSE(config.error().message.contains(u'\n')) << "one line";
    }
}
