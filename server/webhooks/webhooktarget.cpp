#include "server/webhooks/webhooktarget.h"

#include <QPair>

namespace shortfuse {

namespace {
constexpr int kMaxUrlLength = 2048;

Error invalidUrl(const QString &why)
{
    return Error{400, "invalid_webhook_url", why};
}

bool inAnySubnet(const QHostAddress &address, std::initializer_list<const char *> subnets)
{
    for (const char *subnet : subnets) {
        if (address.isInSubnet(QHostAddress::parseSubnet(QString::fromLatin1(subnet))))
            return true;
    }
    return false;
}

bool isPrivateIPv4(const QHostAddress &address)
{
    return inAnySubnet(address, {
                                    "0.0.0.0/8",      // "this network", 0.0.0.0 reaches the local host
                                    "10.0.0.0/8",     // RFC 1918
                                    "100.64.0.0/10",  // carrier-grade NAT
                                    "127.0.0.0/8",    // loopback
                                    "169.254.0.0/16", // link-local (and cloud metadata services)
                                    "172.16.0.0/12",  // RFC 1918
                                    "192.168.0.0/16", // RFC 1918
                                    "224.0.0.0/4",    // multicast
                                    "240.0.0.0/4",    // reserved, and 255.255.255.255 broadcast
                                });
}

// The IPv4 address an IPv6 one carries in its last 32 bits, for the forms
// that reach that IPv4 host: mapped (::ffff:0:0/96), compatible (::/96,
// deprecated but still parsed by stacks), NAT64 (64:ff9b::/96).
std::optional<QHostAddress> embeddedIPv4(const QHostAddress &address)
{
    if (!inAnySubnet(address, {"::ffff:0:0/96", "::/96", "64:ff9b::/96"}))
        return std::nullopt;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    const quint32 ipv4 = (quint32(bytes[12]) << 24) | (quint32(bytes[13]) << 16) | (quint32(bytes[14]) << 8) | bytes[15];
    return QHostAddress(ipv4);
}
} // namespace

Result<QUrl> parseWebhookUrl(const QString &text)
{
    if (text.isEmpty())
        return invalidUrl(QStringLiteral("The webhook URL is empty."));
    if (text.size() > kMaxUrlLength)
        return invalidUrl(QStringLiteral("The webhook URL is longer than %1 characters.").arg(kMaxUrlLength));
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalidUrl(QStringLiteral("The webhook URL contains a space or a control character."));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalidUrl(QStringLiteral("The webhook URL is not a valid URL."));
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return invalidUrl(QStringLiteral("A webhook URL must start with http:// or https://."));
    if (url.host().isEmpty())
        return invalidUrl(QStringLiteral("The webhook URL has no host."));
    if (!url.userInfo().isEmpty() || text.section(QLatin1Char('/'), 2, 2).contains(QLatin1Char('@')))
        return invalidUrl(QStringLiteral("A webhook URL may not contain a user name or password."));
    if (url.hasFragment())
        return invalidUrl(QStringLiteral("A webhook URL may not contain a fragment (#...)."));
    // QUrl takes ":" with no digits as "no port" and refuses more than 65535; 0 it lets through.
    if (url.port() == 0)
        return invalidUrl(QStringLiteral("The webhook URL's port must be between 1 and 65535."));
    return url;
}

bool isPrivateAddress(const QHostAddress &address)
{
    if (address.isNull())
        return true; // nothing to vet: refused, never guessed at
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return isPrivateIPv4(address);
    if (const std::optional<QHostAddress> ipv4 = embeddedIPv4(address))
        return isPrivateIPv4(*ipv4) || address == QHostAddress(QHostAddress::LocalHostIPv6);
    return inAnySubnet(address, {
                                    "::1/128",   // loopback
                                    "::/128",    // unspecified
                                    "fe80::/10", // link-local
                                    "fec0::/10", // site-local (deprecated, still routed on some LANs)
                                    "fc00::/7",  // unique-local
                                    "ff00::/8",  // multicast
                                });
}

} // namespace shortfuse
