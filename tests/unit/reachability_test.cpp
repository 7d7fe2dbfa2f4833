// Issue 14's pure parts: the address classifier against IANA's
// special-purpose registries, every reachability verdict from its facts
// (public external addresses included, which the network lab cannot
// produce), and the base URL that follows a public mapping.

#include "server/core/addressscope.h"
#include "server/core/reachability.h"
#include "server/webhooks/webhooktarget.h"

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {

AddressScope scopeOf(const char *text)
{
    const QHostAddress address{QString::fromLatin1(text)};
    EXPECT_FALSE(address.isNull()) << text;
    return addressScope(address);
}

TEST(AddressScope, FollowsTheSpecialPurposeRegistries)
{
    const struct {
        const char *address;
        AddressScope scope;
    } cases[] = {
        {"0.0.0.0", AddressScope::Unspecified},       {"0.1.2.3", AddressScope::Unspecified},
        {"127.0.0.1", AddressScope::Loopback},        {"127.255.0.9", AddressScope::Loopback},
        {"169.254.169.254", AddressScope::LinkLocal}, {"10.1.2.3", AddressScope::Private},
        {"172.16.0.1", AddressScope::Private},        {"172.31.255.255", AddressScope::Private},
        {"172.32.0.1", AddressScope::Global},         {"192.168.1.1", AddressScope::Private},
        {"100.64.0.1", AddressScope::SharedCgnat},    {"100.127.255.254", AddressScope::SharedCgnat},
        {"100.128.0.1", AddressScope::Global},        {"192.0.2.1", AddressScope::Documentation},
        {"198.51.100.1", AddressScope::Documentation},{"203.0.113.1", AddressScope::Documentation},
        {"192.0.0.8", AddressScope::SpecialPurpose},  {"198.18.0.1", AddressScope::SpecialPurpose},
        {"198.19.255.1", AddressScope::SpecialPurpose},{"192.88.99.1", AddressScope::SpecialPurpose},
        {"224.0.0.251", AddressScope::Multicast},     {"239.255.255.250", AddressScope::Multicast},
        {"240.0.0.1", AddressScope::Reserved},        {"255.255.255.255", AddressScope::Reserved},
        {"8.8.8.8", AddressScope::Global},            {"1.1.1.1", AddressScope::Global},
        {"::", AddressScope::Unspecified},            {"::1", AddressScope::Loopback},
        {"fe80::1", AddressScope::LinkLocal},         {"fd00::1", AddressScope::Private},
        {"fec0::1", AddressScope::Private},           {"2001:db8::1", AddressScope::Documentation},
        {"3fff::1", AddressScope::Documentation},     {"100::1", AddressScope::SpecialPurpose},
        {"2001::1", AddressScope::SpecialPurpose},    {"64:ff9b:1::1", AddressScope::SpecialPurpose},
        {"ff02::1", AddressScope::Multicast},         {"2a00:1450::1", AddressScope::Global},
        // IPv6 forms of an IPv4 address are what they reach.
        {"::ffff:127.0.0.1", AddressScope::Loopback}, {"::ffff:10.0.0.1", AddressScope::Private},
        {"64:ff9b::100.64.0.1", AddressScope::SharedCgnat}, {"::ffff:8.8.8.8", AddressScope::Global},
        {"::127.0.0.1", AddressScope::Loopback},
    };
    for (const auto &c : cases)
        EXPECT_EQ(scopeOf(c.address), c.scope) << c.address << " is " << addressScopeName(scopeOf(c.address));
    EXPECT_EQ(addressScope(QHostAddress()), AddressScope::Unspecified);
}

// The webhook rule is a policy over the same classes (one definition).
TEST(AddressScope, WebhooksRefuseWhatIsNotOnTheInternetButDocumentation)
{
    for (const char *refused : {"127.0.0.1", "10.0.0.1", "100.64.0.1", "169.254.169.254", "224.0.0.1", "240.0.0.1",
                                "0.0.0.0", "::1", "fd00::1", "fe80::1", "ff02::1", "::ffff:192.168.0.1"})
        EXPECT_TRUE(isPrivateAddress(QHostAddress(QString::fromLatin1(refused)))) << refused;
    for (const char *allowed : {"8.8.8.8", "192.0.2.1", "198.51.100.7", "2001:db8::1", "2a00:1450::1"})
        EXPECT_FALSE(isPrivateAddress(QHostAddress(QString::fromLatin1(allowed)))) << allowed;
}

ReachabilityFacts lanServer()
{
    ReachabilityFacts facts;
    facts.boundAddress = QHostAddress(QHostAddress::AnyIPv4);
    facts.port = 8080;
    return facts;
}

ReachabilityFacts mappedTo(const char *external, HairpinCheck hairpin)
{
    ReachabilityFacts facts = lanServer();
    facts.gateway = GatewayAnswer::Mapped;
    facts.externalAddress = QHostAddress(QString::fromLatin1(external));
    facts.externalPort = 41000;
    facts.hairpin = hairpin;
    return facts;
}

TEST(Reachability, LoopbackOnlyIsThisComputerWhateverTheRouterSays)
{
    ReachabilityFacts facts = mappedTo("8.8.8.8", HairpinCheck::Answered);
    facts.boundAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    const ReachabilityVerdict verdict = reachabilityVerdict(facts);
    EXPECT_EQ(verdict.level, ReachabilityLevel::ThisComputer);
    EXPECT_EQ(verdict.reason, ReachabilityReason::LoopbackOnly);
    EXPECT_TRUE(verdict.sentence.contains(QStringLiteral("127.0.0.1")));
    EXPECT_FALSE(verdict.suggestedBaseUrl);
    facts.boundAddress = QHostAddress(QHostAddress::LocalHostIPv6);
    EXPECT_EQ(reachabilityVerdict(facts).level, ReachabilityLevel::ThisComputer);
}

TEST(Reachability, WithoutAMappingTheNetworkOnlyAndWhy)
{
    ReachabilityFacts facts = lanServer();
    EXPECT_EQ(reachabilityVerdict(facts).reason, ReachabilityReason::MappingOff);
    facts.gateway = GatewayAnswer::Pending;
    EXPECT_EQ(reachabilityVerdict(facts).level, ReachabilityLevel::Checking);
    facts.gateway = GatewayAnswer::NoGateway;
    const ReachabilityVerdict none = reachabilityVerdict(facts);
    EXPECT_EQ(none.level, ReachabilityLevel::Network);
    EXPECT_EQ(none.reason, ReachabilityReason::NoGateway);
    EXPECT_TRUE(none.sentence.contains(QStringLiteral("UPnP or NAT-PMP")));
    facts.gateway = GatewayAnswer::Refused;
    facts.gatewayError = QStringLiteral("718 ConflictInMappingEntry");
    const ReachabilityVerdict refused = reachabilityVerdict(facts);
    EXPECT_EQ(refused.reason, ReachabilityReason::GatewayRefused);
    EXPECT_TRUE(refused.sentence.contains(QStringLiteral("718 ConflictInMappingEntry"))) << refused.sentence.toStdString();
}

TEST(Reachability, APublicMappingThatAnswersIsTheInternet)
{
    const ReachabilityVerdict verdict = reachabilityVerdict(mappedTo("8.8.8.8", HairpinCheck::Answered));
    EXPECT_EQ(verdict.level, ReachabilityLevel::Internet);
    EXPECT_EQ(verdict.reason, ReachabilityReason::Verified);
    EXPECT_EQ(verdict.suggestedBaseUrl, QStringLiteral("http://8.8.8.8:41000"));
}

TEST(Reachability, APublicMappingThatCannotBeCheckedSaysSoPlainly)
{
    for (HairpinCheck hairpin : {HairpinCheck::NoAnswer, HairpinCheck::NotTried}) {
        const ReachabilityVerdict verdict = reachabilityVerdict(mappedTo("8.8.8.8", hairpin));
        EXPECT_EQ(verdict.level, ReachabilityLevel::MaybeInternet);
        EXPECT_EQ(verdict.reason, ReachabilityReason::NoHairpin);
        EXPECT_TRUE(verdict.sentence.contains(QStringLiteral("cannot tell"))) << verdict.sentence.toStdString();
        EXPECT_EQ(verdict.suggestedBaseUrl, QStringLiteral("http://8.8.8.8:41000"));
    }
}

TEST(Reachability, ACarrierGradeNatAddressIsNamedAndNoMappingHelps)
{
    const ReachabilityVerdict verdict = reachabilityVerdict(mappedTo("100.64.0.1", HairpinCheck::NoAnswer));
    EXPECT_EQ(verdict.level, ReachabilityLevel::Network);
    EXPECT_EQ(verdict.reason, ReachabilityReason::CarrierGradeNat);
    EXPECT_TRUE(verdict.sentence.contains(QStringLiteral("100.64.0.1")));
    EXPECT_TRUE(verdict.sentence.contains(QStringLiteral("--base-url")));
    EXPECT_FALSE(verdict.suggestedBaseUrl);
}

TEST(Reachability, APrivateOrReservedExternalAddressIsADoubleNatWithTheOuterNetworksUrl)
{
    for (const char *external : {"192.168.1.20", "10.0.0.2", "198.51.100.1", "203.0.113.1"}) {
        const ReachabilityVerdict verdict = reachabilityVerdict(mappedTo(external, HairpinCheck::Answered));
        EXPECT_EQ(verdict.level, ReachabilityLevel::Network) << external;
        EXPECT_EQ(verdict.reason, ReachabilityReason::DoubleNat) << external;
        EXPECT_TRUE(verdict.sentence.contains(QString::fromLatin1(external))) << verdict.sentence.toStdString();
        EXPECT_EQ(verdict.suggestedBaseUrl, QStringLiteral("http://%1:41000").arg(QString::fromLatin1(external)));
    }
}

TEST(Reachability, AGlobalIPv6AddressTheServerListensOnNeedsNoMapping)
{
    ReachabilityFacts facts = lanServer();
    facts.boundAddress = QHostAddress(QHostAddress::Any);
    facts.gateway = GatewayAnswer::NoGateway;
    facts.globalIPv6 = QHostAddress(QStringLiteral("2a00:1450::5"));
    facts.listensOnGlobalIPv6 = true;
    const ReachabilityVerdict verdict = reachabilityVerdict(facts);
    EXPECT_EQ(verdict.level, ReachabilityLevel::MaybeInternet);
    EXPECT_EQ(verdict.reason, ReachabilityReason::GlobalIPv6);
    EXPECT_EQ(verdict.suggestedBaseUrl, QStringLiteral("http://[2a00:1450::5]:8080"));
    facts.listensOnGlobalIPv6 = false; // bound to IPv4 only: the IPv6 address does not help
    EXPECT_EQ(reachabilityVerdict(facts).reason, ReachabilityReason::NoGateway);
}

TEST(Reachability, TheBaseUrlFollowsAPublicMappingUnlessTheUserSetOne)
{
    const QString local = QStringLiteral("http://192.168.1.5:8080");
    const ReachabilityVerdict first = reachabilityVerdict(mappedTo("8.8.8.8", HairpinCheck::Answered));
    EXPECT_EQ(effectiveBaseUrl(QString(), first, local), QStringLiteral("http://8.8.8.8:41000"));
    // A new DHCP lease on the router: the address changes, the URL follows.
    const ReachabilityVerdict after = reachabilityVerdict(mappedTo("9.9.9.9", HairpinCheck::NoAnswer));
    EXPECT_EQ(effectiveBaseUrl(QString(), after, local), QStringLiteral("http://9.9.9.9:41000"));
    EXPECT_EQ(effectiveBaseUrl(QStringLiteral("https://go.example.org"), after, local), QStringLiteral("https://go.example.org"));
    // Behind a double NAT the outer network's URL is only offered, never applied by itself.
    const ReachabilityVerdict doubleNat = reachabilityVerdict(mappedTo("198.51.100.1", HairpinCheck::Answered));
    EXPECT_EQ(effectiveBaseUrl(QString(), doubleNat, local), local);
    EXPECT_EQ(effectiveBaseUrl(QString(), reachabilityVerdict(lanServer()), local), local);
}

} // namespace
