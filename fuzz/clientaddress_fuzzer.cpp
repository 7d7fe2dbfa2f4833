// X-Forwarded-For and the --trusted-proxies list: any header value gives
// an address (the peer's when the header says nothing usable), and an
// untrusted peer is never replaced by what it claims.

#include "fuzz/fuzzsupport.h"
#include "server/core/clientaddress.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Fields fields(data, size);
    const QByteArray forwardedFor = fields.next();
    const QString subnets = fields.nextString();

    (void)ClientAddressResolver::parseSubnets(subnets);
    const QHostAddress untrusted(QStringLiteral("203.0.113.7"));
    const QHostAddress proxy(QStringLiteral("127.0.0.1"));
    const ClientAddressResolver resolver(*ClientAddressResolver::parseSubnets(QStringLiteral("127.0.0.0/8")));

    FUZZ_CHECK(resolver.resolve(untrusted, forwardedFor) == untrusted);
    const QHostAddress resolved = resolver.resolve(proxy, forwardedFor);
    FUZZ_CHECK(!resolved.isNull());
    (void)anonymizeAddress(resolved);
    return 0;
}
