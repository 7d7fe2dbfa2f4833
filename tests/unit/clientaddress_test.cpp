#include "server/core/clientaddress.h"

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
QHostAddress ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}
} // namespace

TEST(ClientAddress, ParsesSubnetsAndBareAddresses)
{
    const auto subnets = ClientAddressResolver::parseSubnets(QStringLiteral("10.0.0.0/8, 127.0.0.1,::1,fd00::/8"));
    ASSERT_TRUE(subnets.ok());
    ASSERT_EQ(subnets->size(), 4);
    EXPECT_EQ(subnets->at(1).second, 32);
    EXPECT_EQ(subnets->at(2).second, 128);
    for (const char *bad : {"10.0.0.0/99", "nothost", "1.2.3.4/", "", ",", "300.1.1.1"})
        EXPECT_FALSE(ClientAddressResolver::parseSubnets(QString::fromLatin1(bad)).ok()) << bad;
}

TEST(ClientAddress, IgnoresForwardedForFromUntrustedPeers)
{
    const ClientAddressResolver resolver(*ClientAddressResolver::parseSubnets(QStringLiteral("10.0.0.0/8")));
    EXPECT_EQ(resolver.resolve(ip("203.0.113.5"), "198.51.100.1"), ip("203.0.113.5"));
    const ClientAddressResolver none;
    EXPECT_EQ(none.resolve(ip("127.0.0.1"), "198.51.100.1"), ip("127.0.0.1"));
}

TEST(ClientAddress, WalksTheChainPastTrustedHops)
{
    const ClientAddressResolver resolver(*ClientAddressResolver::parseSubnets(QStringLiteral("10.0.0.0/8,127.0.0.1")));
    // client-supplied junk, real client, then two of our proxies
    EXPECT_EQ(resolver.resolve(ip("127.0.0.1"), "1.1.1.1, 198.51.100.7, 10.0.0.2"), ip("198.51.100.7"));
    EXPECT_EQ(resolver.resolve(ip("10.1.2.3"), "198.51.100.7"), ip("198.51.100.7"));
    // Everything trusted: the leftmost is as far as we can see.
    EXPECT_EQ(resolver.resolve(ip("10.1.2.3"), "10.0.0.9,10.0.0.8"), ip("10.0.0.9"));
    // Garbage stops the walk at the last address we could trust.
    EXPECT_EQ(resolver.resolve(ip("10.1.2.3"), "not-an-ip, 10.0.0.8"), ip("10.0.0.8"));
    // IPv4-mapped peers match IPv4 ranges.
    EXPECT_EQ(resolver.resolve(ip("::ffff:10.0.0.1"), "198.51.100.7"), ip("198.51.100.7"));
}

TEST(ClientAddress, AnonymizesBeforeStorage)
{
    EXPECT_EQ(anonymizeAddress(ip("203.0.113.77")), QStringLiteral("203.0.113.0"));
    EXPECT_EQ(anonymizeAddress(ip("::ffff:203.0.113.77")), QStringLiteral("203.0.113.0"));
    EXPECT_EQ(anonymizeAddress(ip("2001:db8:abcd:1234:5678::1")), QStringLiteral("2001:db8:abcd::"));
    EXPECT_EQ(anonymizeAddress(QHostAddress()), QString());
}
