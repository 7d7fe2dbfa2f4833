// The create request as it lands: a JSON body (POST /api/create) and a form
// body (POST /), then the link rules the service applies to what they
// carry. Nothing may crash, and what the parsers accept holds their promises.

#include "fuzz/fuzzsupport.h"
#include "server/http/createrequestparser.h"
#include "server/links/linkrules.h"
#include "server/links/linkservice.h"

using namespace shortfuse;

namespace {

void checkAccepted(const Result<CreateRequest> &parsed)
{
    if (!parsed)
        return;
    const CreateRequest &request = *parsed;
    // The rules must give a verdict on whatever the parser let through.
    (void)rules::validateDestinationUrl(request.url);
    if (!request.alias.isEmpty())
        (void)rules::validateAlias(request.alias);
    if (request.password)
        (void)rules::validatePassword(*request.password);
    (void)rules::previewProtectionFor(request.previewProtection, request.maxClicks.has_value());
    (void)rules::validateMaxClicks(request.maxClicks);
    (void)rules::expiryFor(request.expiresAt, request.expiresIn, 1'700'000'000'000);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    checkAccepted(createparser::fromJson(body));
    checkAccepted(createparser::fromForm(body));
    // One pair per '&'-separated part at most.
    FUZZ_CHECK(createparser::decodeForm(body).size() <= body.count('&') + 1);
    return 0;
}
