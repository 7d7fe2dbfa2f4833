// The link rules on any text: destination URLs, aliases, expiry, passwords
// and the slug shape the router trusts. Fields are NUL-separated. What the
// rules accept keeps their documented promises.

#include "fuzz/fuzzsupport.h"
#include "server/links/linkrules.h"

#include <QUrl>

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Fields fields(data, size);
    const QString url = fields.nextString();
    const QString alias = fields.nextString();
    const QString expiresAt = fields.nextString();
    const QString password = fields.nextString();

    if (rules::validateDestinationUrl(url)) {
        const QUrl parsed(url, QUrl::StrictMode);
        FUZZ_CHECK(url.size() <= 2048);
        FUZZ_CHECK(parsed.isValid() && !parsed.host().isEmpty());
        FUZZ_CHECK(parsed.scheme() == QLatin1String("http") || parsed.scheme() == QLatin1String("https"));
        for (QChar c : url)
            FUZZ_CHECK(!c.isSpace() && c.unicode() >= 0x20 && c.unicode() != 0x7f);
    }
    if (rules::validateAlias(alias)) {
        // An accepted alias must be routable, and never a route of the server.
        FUZZ_CHECK(rules::hasSlugShape(alias));
        FUZZ_CHECK(!rules::isReservedWord(alias));
        FUZZ_CHECK(alias.size() >= 3 && alias.size() <= 64);
    }
    (void)rules::hasSlugShape(url);
    const qint64 now = 1'700'000'000'000;
    if (const auto expiry = rules::expiryFor(expiresAt, std::nullopt, now); expiry && *expiry)
        FUZZ_CHECK(**expiry > now);
    if (rules::validatePassword(password)) {
        // The limits count characters (code points), not UTF-16 units.
        const qsizetype characters = password.toUcs4().size();
        FUZZ_CHECK(characters >= rules::kMinPasswordLength && characters <= rules::kMaxPasswordLength);
    }
    (void)rules::previewProtectionFor(alias, true);
    return 0;
}
