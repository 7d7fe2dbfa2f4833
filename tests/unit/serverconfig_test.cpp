#include "server/serverconfig.h"

#include <QCommandLineParser>

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
