#include "server/core/addressscope.h"

#include <optional>

namespace shortfuse {

namespace {

bool inAnySubnet(const QHostAddress &address, std::initializer_list<const char *> subnets)
{
    for (const char *subnet : subnets) {
        if (address.isInSubnet(QHostAddress::parseSubnet(QString::fromLatin1(subnet))))
            return true;
    }
    return false;
}

// The IPv4 address an IPv6 one carries in its last 32 bits, for the forms
// that reach that IPv4 host: mapped (::ffff:0:0/96), compatible (::/96,
// deprecated but still parsed by stacks), NAT64 (64:ff9b::/96). Not :: and
// ::1 themselves, which are IPv6's own.
std::optional<QHostAddress> embeddedIPv4(const QHostAddress &address)
{
    if (!inAnySubnet(address, {"::ffff:0:0/96", "::/96", "64:ff9b::/96"}) || inAnySubnet(address, {"::/127"}))
        return std::nullopt;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    const quint32 ipv4 = (quint32(bytes[12]) << 24) | (quint32(bytes[13]) << 16) | (quint32(bytes[14]) << 8) | bytes[15];
    return QHostAddress(ipv4);
}

AddressScope ipv4Scope(const QHostAddress &address)
{
    if (inAnySubnet(address, {"0.0.0.0/8"}))
        return AddressScope::Unspecified;
    if (inAnySubnet(address, {"127.0.0.0/8"}))
        return AddressScope::Loopback;
    if (inAnySubnet(address, {"169.254.0.0/16"}))
        return AddressScope::LinkLocal; // also where cloud metadata services answer
    if (inAnySubnet(address, {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}))
        return AddressScope::Private;
    if (inAnySubnet(address, {"100.64.0.0/10"}))
        return AddressScope::SharedCgnat;
    if (inAnySubnet(address, {"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"}))
        return AddressScope::Documentation;
    if (inAnySubnet(address, {"192.0.0.0/24", "198.18.0.0/15", "192.88.99.0/24"}))
        return AddressScope::SpecialPurpose;
    if (inAnySubnet(address, {"224.0.0.0/4"}))
        return AddressScope::Multicast;
    if (inAnySubnet(address, {"240.0.0.0/4"}))
        return AddressScope::Reserved; // 255.255.255.255 included
    return AddressScope::Global;
}

} // namespace

AddressScope addressScope(const QHostAddress &address)
{
    if (address.isNull())
        return AddressScope::Unspecified;
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return ipv4Scope(address);
    if (address == QHostAddress(QHostAddress::LocalHostIPv6))
        return AddressScope::Loopback;
    if (address == QHostAddress(QHostAddress::AnyIPv6))
        return AddressScope::Unspecified;
    if (const std::optional<QHostAddress> ipv4 = embeddedIPv4(address))
        return ipv4Scope(*ipv4);
    if (inAnySubnet(address, {"fe80::/10"}))
        return AddressScope::LinkLocal;
    if (inAnySubnet(address, {"fc00::/7", "fec0::/10"}))
        return AddressScope::Private;
    if (inAnySubnet(address, {"2001:db8::/32", "3fff::/20"}))
        return AddressScope::Documentation;
    if (inAnySubnet(address, {"100::/64", "64:ff9b:1::/48", "2001::/23"}))
        return AddressScope::SpecialPurpose;
    if (inAnySubnet(address, {"ff00::/8"}))
        return AddressScope::Multicast;
    return AddressScope::Global;
}

const char *addressScopeName(AddressScope scope)
{
    switch (scope) {
    case AddressScope::Unspecified: return "unspecified";
    case AddressScope::Loopback: return "loopback";
    case AddressScope::LinkLocal: return "link-local";
    case AddressScope::Private: return "private";
    case AddressScope::SharedCgnat: return "carrier-grade NAT";
    case AddressScope::Documentation: return "documentation";
    case AddressScope::SpecialPurpose: return "special-purpose";
    case AddressScope::Multicast: return "multicast";
    case AddressScope::Reserved: return "reserved";
    case AddressScope::Global: return "global";
    }
    return "unknown";
}

} // namespace shortfuse
