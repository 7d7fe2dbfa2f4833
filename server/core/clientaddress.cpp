#include "server/core/clientaddress.h"

#include <QStringList>

namespace shortfuse {

ClientAddressResolver::ClientAddressResolver(QList<Subnet> trustedProxies)
    : m_trusted(std::move(trustedProxies))
{
}

Result<QList<Subnet>> ClientAddressResolver::parseSubnets(const QString &commaSeparated)
{
    QList<Subnet> subnets;
    const QStringList parts = commaSeparated.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        Subnet subnet = QHostAddress::parseSubnet(part);
        if (subnet.first.isNull()) {
            // parseSubnet wants a prefix; accept a bare address as a single host.
            const QHostAddress host(part);
            if (host.isNull() || part.contains(u'/')) {
                return Error{2, "invalid_cidr",
                             QStringLiteral("'%1' is not an address or CIDR range (e.g. 10.0.0.0/8 or ::1)").arg(part)};
            }
            subnet = {host, host.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
        }
        subnets.append(subnet);
    }
    if (subnets.isEmpty())
        return Error{2, "invalid_cidr", QStringLiteral("expected one or more CIDR ranges")};
    return subnets;
}

bool ClientAddressResolver::isTrusted(const QHostAddress &address) const
{
    for (const Subnet &subnet : m_trusted) {
        if (address.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress ClientAddressResolver::resolve(const QHostAddress &peer, const QByteArray &forwardedFor) const
{
    // No proxy to believe: the peer as it is (every consumer normalizes;
    // building a new QHostAddress here would cost an allocation per click).
    if (m_trusted.isEmpty() || forwardedFor.isEmpty())
        return peer;
    QHostAddress client = normalizeAddress(peer);
    if (!isTrusted(client))
        return client;

    // Rightmost entries were added by the proxies nearest to us; the first
    // untrusted one is the client. Anything to its left is client-supplied.
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QHostAddress hop = normalizeAddress(QHostAddress(QString::fromLatin1(hops.at(i).trimmed())));
        if (hop.isNull())
            break; // garbage in the chain: keep the last address we could trust
        client = hop;
        if (!isTrusted(hop))
            break;
    }
    return client;
}

QHostAddress normalizeAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4);
    QHostAddress copy = address;
    copy.setScopeId(QString());
    return copy;
}

QString anonymizeAddress(const QHostAddress &address)
{
    const QHostAddress normal = normalizeAddress(address);
    if (normal.protocol() == QAbstractSocket::IPv4Protocol) {
        // Spelt out by hand: this runs for every click, and toString() is slow.
        const quint32 v4 = normal.toIPv4Address();
        return QString::number(v4 >> 24) + u'.' + QString::number((v4 >> 16) & 0xff) + u'.'
            + QString::number((v4 >> 8) & 0xff) + QStringLiteral(".0");
    }
    if (normal.protocol() == QAbstractSocket::IPv6Protocol) {
        Q_IPV6ADDR bytes = normal.toIPv6Address();
        for (int i = 6; i < 16; ++i) // keep 48 bits
            bytes[i] = 0;
        return QHostAddress(bytes).toString();
    }
    return QString();
}

} // namespace shortfuse
