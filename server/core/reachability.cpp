#include "server/core/reachability.h"

#include "server/core/addressscope.h"

namespace shortfuse {

namespace {

bool listensBeyondLoopback(const QHostAddress &bound)
{
    return addressScope(bound) != AddressScope::Loopback;
}

ReachabilityVerdict verdict(ReachabilityLevel level, ReachabilityReason reason, QString sentence,
                            std::optional<QString> baseUrl = std::nullopt)
{
    return ReachabilityVerdict{level, reason, std::move(sentence), std::move(baseUrl)};
}

// Without a mapping: the LAN, or the internet over IPv6 when the server
// listens on a global IPv6 address.
ReachabilityVerdict withoutMapping(const ReachabilityFacts &facts, ReachabilityReason reason, const QString &why)
{
    if (facts.globalIPv6 && facts.listensOnGlobalIPv6) {
        return verdict(ReachabilityLevel::MaybeInternet, ReachabilityReason::GlobalIPv6,
                       QStringLiteral("%1 Over IPv6 the server is on the internet at %2 (no NAT to open; a firewall "
                                      "may still block it).")
                           .arg(why, facts.globalIPv6->toString()),
                       httpBaseUrl(*facts.globalIPv6, facts.port));
    }
    return verdict(ReachabilityLevel::Network, reason, why);
}

} // namespace

// The verdict without its facts (reachabilityVerdict adds them).
static ReachabilityVerdict verdictOf(const ReachabilityFacts &facts);

QString httpBaseUrl(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

ReachabilityVerdict reachabilityVerdict(const ReachabilityFacts &facts)
{
    ReachabilityVerdict made = verdictOf(facts);
    made.facts = facts;
    return made;
}

static ReachabilityVerdict verdictOf(const ReachabilityFacts &facts)
{
    if (!listensBeyondLoopback(facts.boundAddress)) {
        return verdict(ReachabilityLevel::ThisComputer, ReachabilityReason::LoopbackOnly,
                       QStringLiteral("Links open only on this computer: the server listens on %1 (loopback) only.")
                           .arg(facts.boundAddress.toString()));
    }
    switch (facts.gateway) {
    case GatewayAnswer::NotAsked:
        return withoutMapping(facts, ReachabilityReason::MappingOff,
                              QStringLiteral("Links open on this network only: no port is mapped on the router."));
    case GatewayAnswer::Pending:
        return verdict(ReachabilityLevel::Checking, ReachabilityReason::Asking,
                       QStringLiteral("Asking the router for a port mapping…"));
    case GatewayAnswer::NoGateway:
        return withoutMapping(facts, ReachabilityReason::NoGateway,
                              QStringLiteral("Links open on this network only: no router answered UPnP or NAT-PMP."));
    case GatewayAnswer::Refused:
        return withoutMapping(facts, ReachabilityReason::GatewayRefused,
                              QStringLiteral("Links open on this network only: the router refused the port mapping (%1).")
                                  .arg(facts.gatewayError.isEmpty() ? QStringLiteral("no reason given") : facts.gatewayError));
    case GatewayAnswer::Mapped:
        break;
    }
    if (!facts.externalAddress) {
        return withoutMapping(facts, ReachabilityReason::NoGateway,
                              QStringLiteral("Links open on this network only: the router mapped the port but did not "
                                             "say its external address."));
    }
    const QHostAddress &external = *facts.externalAddress;
    const QString mapped = httpBaseUrl(external, facts.externalPort);
    switch (addressScope(external)) {
    case AddressScope::Global:
        break;
    case AddressScope::SharedCgnat:
        return withoutMapping(facts, ReachabilityReason::CarrierGradeNat,
                              QStringLiteral("Links open on this network only: the router's external address %1 is in "
                                             "your provider's carrier-grade NAT (100.64.0.0/10), so no mapping can help. "
                                             "Use IPv6, a tunnel, or a proxy with its own address (--base-url).")
                                  .arg(external.toString()));
    default: {
        // Another router in front of this one: the mapped port opens the
        // way from the network between the two, not from the internet.
        ReachabilityVerdict behind = withoutMapping(
            facts, ReachabilityReason::DoubleNat,
            QStringLiteral("Links open on this network and the one outside the router (%1 is a %2 address: another "
                           "router is in front, so the internet cannot reach it). Use IPv6, a tunnel, or a proxy with "
                           "its own address (--base-url).")
                .arg(external.toString(), QString::fromLatin1(addressScopeName(addressScope(external)))));
        if (!behind.suggestedBaseUrl)
            behind.suggestedBaseUrl = mapped;
        return behind;
    }
    }
    switch (facts.hairpin) {
    case HairpinCheck::Answered:
        return verdict(ReachabilityLevel::Internet, ReachabilityReason::Verified,
                       QStringLiteral("Links open from the internet at %1.").arg(mapped), mapped);
    case HairpinCheck::NoAnswer:
    case HairpinCheck::NotTried:
        break;
    }
    return verdict(ReachabilityLevel::MaybeInternet, ReachabilityReason::NoHairpin,
                   QStringLiteral("The router maps %1 to this server, but this computer cannot tell whether it opens "
                                  "from the internet (the router may not loop requests back to it): to be sure, ask "
                                  "someone outside to open a link.")
                       .arg(mapped),
                   mapped);
}

QString effectiveBaseUrl(const QString &configured, const ReachabilityVerdict &verdict, const QString &local)
{
    if (!configured.isEmpty())
        return configured;
    const bool publicMapping = verdict.reason == ReachabilityReason::Verified || verdict.reason == ReachabilityReason::NoHairpin;
    if (publicMapping && verdict.suggestedBaseUrl)
        return *verdict.suggestedBaseUrl;
    return local;
}

} // namespace shortfuse
