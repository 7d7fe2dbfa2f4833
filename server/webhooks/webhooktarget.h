#pragma once

#include "server/core/result.h"

#include <QHostAddress>
#include <QString>
#include <QUrl>

namespace shortfuse {

// Who a webhook may call (issue 13: "not a weapon").

// An endpoint URL as its owner typed it, checked: http or https, a host,
// a valid port (1-65535) when one is given, no user-info (it would be sent
// nowhere and is a classic way to disguise a host), no fragment, at most
// 2048 characters, no whitespace or control characters. Anything else:
// Error{400, "invalid_webhook_url", <why>}.
Result<QUrl> parseWebhookUrl(const QString &text);

// True for an address a webhook must not reach unless the server runs
// with --allow-private-webhooks: loopback (127/8, ::1), unspecified
// (0/8, ::), RFC 1918 (10/8, 172.16/12, 192.168/16), carrier-grade NAT
// (100.64/10), link-local (169.254/16, fe80::/10), multicast (224/4,
// ff00::/8), broadcast and reserved (240/4), unique-local (fc00::/7),
// site-local (fec0::/10), and any of the IPv4 ones written as IPv6
// (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64
// 64:ff9b::a.b.c.d). Documentation ranges (192.0.2/24, 198.51.100/24,
// 203.0.113/24, 2001:db8::/32) are public: tests use them in network
// namespaces of their own.
bool isPrivateAddress(const QHostAddress &address);

} // namespace shortfuse
