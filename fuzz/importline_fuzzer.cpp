// One line of POST /api/links/import (JSON Lines as an export writes them).
// A line that parses must describe a link the store's constraints accept
// (its cap, its counts, its slug, its token), and a link exported again
// must parse back to the same fields.

#include "fuzz/fuzzsupport.h"
#include "server/core/apikey.h"
#include "server/http/linkexchange.h"
#include "server/links/linkrules.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<ImportedLink> parsed = exchange::parseLine(line);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().status == 400);
        FUZZ_CHECK(!parsed.error().reason.isEmpty());
        return 0;
    }
    const NewLink &link = parsed->link;
    FUZZ_CHECK(rules::validateAlias(link.slug).ok());
    FUZZ_CHECK(rules::validateDestinationUrl(link.url).ok());
    FUZZ_CHECK(parsed->clicks >= 0);
    FUZZ_CHECK(!link.maxClicks || (*link.maxClicks >= 1 && parsed->clicks <= *link.maxClicks));
    FUZZ_CHECK(statstokens::hasTokenShape(link.statsToken));
    FUZZ_CHECK(rules::validateLabel(link.label).ok());
    FUZZ_CHECK(!link.ownerKeyId);

    Link stored;
    stored.id = 1;
    stored.slug = link.slug;
    stored.url = link.url;
    stored.maxClicks = link.maxClicks;
    stored.clicks = parsed->clicks;
    stored.createdAtMs = link.createdAtMs;
    stored.revoked = parsed->revoked;
    stored.previewProtection = link.previewProtection;
    stored.passwordHash = link.passwordHash;
    stored.expiresAtMs = link.expiresAtMs;
    stored.expiredUrl = link.expiredUrl;
    stored.label = link.label;
    stored.statsToken = link.statsToken;
    stored.lastClickAtMs = parsed->lastClickAtMs;
    const Result<ImportedLink> again = exchange::parseLine(exchange::jsonLine(stored, QStringLiteral("https://s.example"), 0));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->link.slug == link.slug && again->link.url == link.url);
    FUZZ_CHECK(again->link.maxClicks == link.maxClicks && again->clicks == parsed->clicks);
    FUZZ_CHECK(again->link.createdAtMs == link.createdAtMs && again->link.expiresAtMs == link.expiresAtMs);
    FUZZ_CHECK(again->lastClickAtMs == parsed->lastClickAtMs && again->revoked == parsed->revoked);
    FUZZ_CHECK(again->link.label == link.label && again->link.statsToken == link.statsToken);
    FUZZ_CHECK(again->link.passwordHash == link.passwordHash && again->link.expiredUrl == link.expiredUrl);
    FUZZ_CHECK(again->link.previewProtection == link.previewProtection);
    return 0;
}
