#pragma once

#include "server/core/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace shortfuse {

using Subnet = QPair<QHostAddress, int>;

// Decides which address a request came from. The socket's peer is the
// truth unless the peer is a proxy the operator trusts, in which case the
// X-Forwarded-For chain is walked from the right past every trusted hop.
class ClientAddressResolver {
public:
    ClientAddressResolver() = default;
    explicit ClientAddressResolver(QList<Subnet> trustedProxies);

    // "10.0.0.0/8,::1" -> subnets; a bare address means a single host.
    static Result<QList<Subnet>> parseSubnets(const QString &commaSeparated);

    QHostAddress resolve(const QHostAddress &peer, const QByteArray &forwardedFor) const;
    bool isTrusted(const QHostAddress &address) const;

private:
    QList<Subnet> m_trusted;
};

// IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes plain IPv4; scope ids are dropped.
QHostAddress normalizeAddress(const QHostAddress &address);

// What is stored about a client by default: IPv4 with the last octet
// zeroed, IPv6 cut to its /48. Never the full address.
QString anonymizeAddress(const QHostAddress &address);

} // namespace shortfuse
