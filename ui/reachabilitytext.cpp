#include "ui/reachabilitytext.h"

namespace shortfuse {

namespace {

QString mappedUrl(const ReachabilityFacts &facts)
{
    return facts.externalAddress ? httpBaseUrl(*facts.externalAddress, facts.externalPort) : QString();
}

} // namespace

QString ReachabilityText::headline(const ReachabilityVerdict &verdict)
{
    switch (verdict.level) {
    case ReachabilityLevel::Internet:
        return tr("Reachable from the internet");
    case ReachabilityLevel::MaybeInternet:
        return tr("Maybe reachable from the internet");
    case ReachabilityLevel::Network:
        return tr("Reachable on this network only");
    case ReachabilityLevel::ThisComputer:
        return tr("Only on this computer");
    case ReachabilityLevel::Checking:
        return tr("Asking the router…");
    }
    return {};
}

QString ReachabilityText::sentence(const ReachabilityVerdict &verdict)
{
    const ReachabilityFacts &facts = verdict.facts;
    const QString external = facts.externalAddress ? facts.externalAddress->toString() : QString();
    const QString elsewhere = tr("Use IPv6, a tunnel, or a proxy with its own address (a public base URL).");
    switch (verdict.reason) {
    case ReachabilityReason::Verified:
        return tr("Links open from the internet at %1.").arg(mappedUrl(facts));
    case ReachabilityReason::NoHairpin:
        return tr("The router maps %1 to this server, but this computer cannot tell whether it opens from the "
                  "internet (the router may not loop requests back to it): to be sure, ask someone outside to "
                  "open a link.")
            .arg(mappedUrl(facts));
    case ReachabilityReason::MappingOff:
        return tr("Links open on this network only: no port is mapped on the router.");
    case ReachabilityReason::NoGateway:
        if (facts.gateway == GatewayAnswer::Mapped)
            return tr("Links open on this network only: the router mapped the port but did not say its external "
                      "address.");
        return tr("Links open on this network only: no router answered UPnP or NAT-PMP.");
    case ReachabilityReason::GatewayRefused:
        return tr("Links open on this network only: the router refused the port mapping (%1).")
            .arg(facts.gatewayError.isEmpty() ? tr("no reason given") : facts.gatewayError);
    case ReachabilityReason::CarrierGradeNat:
        return tr("Links open on this network only: the router's external address %1 is in your provider's "
                  "carrier-grade NAT (100.64.0.0/10), so no mapping can help.")
                   .arg(external)
            + u' ' + elsewhere;
    case ReachabilityReason::DoubleNat:
        return tr("Links open on this network and the one outside the router, at %1: that is not a public "
                  "address, another router is in front, so the internet cannot reach it.")
                   .arg(mappedUrl(facts))
            + u' ' + elsewhere;
    case ReachabilityReason::GlobalIPv6: {
        // Why IPv4 does not reach it, then the IPv6 way in.
        ReachabilityFacts ipv4Only = facts;
        ipv4Only.globalIPv6.reset();
        return sentence(reachabilityVerdict(ipv4Only)) + u' '
            + tr("Over IPv6 the server is on the internet at %1 (no NAT to open; a firewall may still block it).")
                  .arg(facts.globalIPv6 ? facts.globalIPv6->toString() : QString());
    }
    case ReachabilityReason::LoopbackOnly:
        return tr("Links open only on this computer: the server listens on %1 (loopback) only.")
            .arg(facts.boundAddress.toString());
    case ReachabilityReason::Asking:
        return tr("Asking the router for a port mapping…");
    }
    return verdict.sentence;
}

} // namespace shortfuse
