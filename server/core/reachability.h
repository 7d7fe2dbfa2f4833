#pragma once

#include <QHostAddress>
#include <QMetaType>
#include <QString>

#include <optional>

namespace shortfuse {

// Whether a short link will open for its recipient (issue 14): the verdict
// the window's status bar and settings and the headless server's log
// show, made from what is known of the server's binding, the router's
// answer to a port-mapping request, and a check of the mapped address.
// Pure: the port mapper gathers the facts, this says what they mean.

// What the router said to a mapping request.
enum class GatewayAnswer {
    NotAsked,  // mapping is off
    Pending,   // asked, no answer yet (it can take seconds)
    NoGateway, // nothing answered UPnP IGD or NAT-PMP
    Refused,   // a gateway answered and refused the mapping
    Mapped,    // mapped: the external address and port are known
};

// What asking the server's own /health through the external address and
// port gave (needs the router to loop a request from inside back in:
// "hairpinning", which many routers do not).
enum class HairpinCheck {
    NotTried,
    Answered, // our own /health answered: the way in works
    NoAnswer, // nothing answered: the router may not hairpin, or the way in does not work
};

struct ReachabilityFacts {
    QHostAddress boundAddress; // what the server listens on (Any, AnyIPv4, AnyIPv6, or one address)
    quint16 port = 0;
    GatewayAnswer gateway = GatewayAnswer::NotAsked;
    QString gatewayError;                     // the router's words, when Refused
    std::optional<QHostAddress> externalAddress;
    quint16 externalPort = 0;
    HairpinCheck hairpin = HairpinCheck::NotTried;
    // A global IPv6 address of this machine, when it has one (no NAT to
    // open for it; a firewall may still block), and whether the server
    // listens on it.
    std::optional<QHostAddress> globalIPv6;
    bool listensOnGlobalIPv6 = false;
};

enum class ReachabilityLevel {
    Internet,     // reachable from the internet (mapped and the external address answered)
    MaybeInternet,// mapped to a public address, but it could not be checked from here
    Network,      // reachable on this network only (or the network outside the router, behind another NAT)
    ThisComputer, // only on this computer
    Checking,     // the router is being asked
};

enum class ReachabilityReason {
    Verified,             // Internet
    NoHairpin,            // MaybeInternet: mapped, the check could not tell
    MappingOff,           // Network: mapping is off
    NoGateway,            // Network: no gateway answered UPnP/NAT-PMP
    GatewayRefused,       // Network: the gateway refused the mapping
    CarrierGradeNat,      // Network: the external address is the carrier's NAT (100.64/10)
    DoubleNat,            // Network: the external address is private/reserved: another router is in front
    GlobalIPv6,           // MaybeInternet: listening on a global IPv6 address (no NAT; a firewall may block)
    LoopbackOnly,         // ThisComputer
    Asking,               // Checking
};

struct ReachabilityVerdict {
    ReachabilityLevel level = ReachabilityLevel::ThisComputer;
    ReachabilityReason reason = ReachabilityReason::LoopbackOnly;
    // One plain sentence for the status bar and the log.
    QString sentence;
    // A base URL that works where the verdict says (the mapped public
    // address; behind a double NAT, the router's address for the network
    // outside it), offered to the user; nullopt when there is none.
    std::optional<QString> suggestedBaseUrl;
    // What it was made from: the window says it in the user's language.
    ReachabilityFacts facts;
};

ReachabilityVerdict reachabilityVerdict(const ReachabilityFacts &facts);

// "http://<address>:<port>" (an IPv6 address in brackets).
QString httpBaseUrl(const QHostAddress &address, quint16 port);

// The base URL short links are made with: the user's own (a dynamic DNS
// name, a tunnel, a proxy) always wins; else the mapped public address
// while mapping works; else the local one.
QString effectiveBaseUrl(const QString &configured, const ReachabilityVerdict &verdict, const QString &local);

} // namespace shortfuse

Q_DECLARE_METATYPE(shortfuse::ReachabilityVerdict)
