// Confirmation tokens as a client hands them back: no token the fuzzer
// makes up is accepted (it cannot know the secret), and every token the
// server issues is accepted for its own link only.

#include "fuzz/fuzzsupport.h"
#include "server/links/confirmationtokens.h"
#include "server/links/linkrules.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Fields fields(data, size);
    const QString token = fields.nextString();
    // The slugs tokens are issued for: the shape the router accepts.
    const QString slug = fields.nextString();
    if (!rules::hasSlugShape(slug))
        return 0;
    const ConfirmationTokens tokens(QByteArrayLiteral("a secret the fuzzer never sees, 32 bytes long!"));
    const qint64 now = 1'700'000'000'000;

    FUZZ_CHECK(!tokens.check(token, slug, now));
    const QString issued = tokens.issue(slug, now);
    const auto checked = tokens.check(issued, slug, now);
    FUZZ_CHECK(checked && checked->expiresMs == now + ConfirmationTokens::kLifetimeMs);
    FUZZ_CHECK(!tokens.check(issued, slug + QLatin1Char('x'), now));
    FUZZ_CHECK(!tokens.check(issued, slug, now + ConfirmationTokens::kLifetimeMs + 1));
    return 0;
}
