#pragma once

#include <QHostAddress>

namespace shortfuse {

// Where an address can be reached from, after IANA's IPv4 and IPv6
// Special-Purpose Address Registries (RFC 6890 and its updates): the one
// classification behind every rule about addresses (who a webhook may
// call, whether a router's external address is on the internet). An IPv6
// address that carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d,
// IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d) is classified as that
// IPv4 address, which is what a connection to it reaches.
enum class AddressScope {
    Unspecified,    // 0.0.0.0, :: (and "this network", 0.0.0.0/8)
    Loopback,       // 127/8, ::1
    LinkLocal,      // 169.254/16, fe80::/10
    Private,        // RFC 1918 (10/8, 172.16/12, 192.168/16), unique-local fc00::/7, site-local fec0::/10
    SharedCgnat,    // 100.64/10: a carrier's NAT (RFC 6598)
    Documentation,  // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
    SpecialPurpose, // not globally reachable for another reason: 192.0.0/24, 198.18/15 (benchmarking),
                    // 192.88.99/24 (6to4 relay), 100::/64 (discard), 64:ff9b:1::/48, 2001::/23 (IETF)
    Multicast,      // 224/4, ff00::/8
    Reserved,       // 240/4 and 255.255.255.255
    Global,         // everything else: on the internet
};

AddressScope addressScope(const QHostAddress &address);

// "loopback", "private", "carrier-grade NAT", ...: for sentences.
const char *addressScopeName(AddressScope scope);

} // namespace shortfuse
