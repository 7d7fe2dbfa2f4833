// PATCH /api/links/<slug> bodies and POST /api/links/batch bodies, as a
// key holder sends them: parsing never crashes, refusals are 400s with a
// reason, and what parses keeps the parsers' promises; a change that
// parses is then checked by the link rules without crashing either.

#include "fuzz/fuzzsupport.h"
#include "server/core/clock.h"
#include "server/http/createrequestparser.h"
#include "server/http/linkchangeparser.h"
#include "server/links/linkrules.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    const Result<LinkChange> change = changeparser::fromJson(body);
    if (!change) {
        FUZZ_CHECK(change.error().status == 400 && !change.error().reason.isEmpty());
    } else {
        // "null" means clear for these, never a value.
        if (change->maxClicks && *change->maxClicks)
            (void)rules::validateMaxClicks(*change->maxClicks);
        if (change->label && *change->label)
            (void)rules::validateLabel(**change->label);
        if (change->expiresIn)
            FUZZ_CHECK(*change->expiresIn >= 0);
        if (change->expiresAt || change->expiresIn) {
            const std::optional<QString> at = change->expiresAt ? *change->expiresAt : std::nullopt;
            if (const auto expiry = rules::expiryFor(at, change->expiresIn, 1'700'000'000'000); expiry && *expiry)
                FUZZ_CHECK(**expiry > 1'700'000'000'000);
        }
    }

    const Result<createparser::BatchRequest> batch = createparser::batchFromJson(body);
    if (!batch) {
        FUZZ_CHECK(batch.error().status == 400 && !batch.error().reason.isEmpty());
    } else {
        FUZZ_CHECK(!batch->labels.isEmpty() && batch->labels.size() <= LinkService::kMaxBatch);
        FUZZ_CHECK(batch->aliases.isEmpty() || batch->aliases.size() == batch->labels.size());
        FUZZ_CHECK(!batch->common.label && batch->common.alias.isEmpty()); // per link, in the lists
    }
    return 0;
}
