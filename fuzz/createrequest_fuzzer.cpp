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
    if (request.label)
        (void)rules::validateLabel(*request.label);
}

bool sameRequest(const CreateRequest &a, const CreateRequest &b)
{
    return a.url == b.url && a.alias == b.alias && a.maxClicks == b.maxClicks
        && a.previewProtection == b.previewProtection && a.password == b.password && a.expiresAt == b.expiresAt
        && a.expiresIn == b.expiresIn && a.expiredUrl == b.expiredUrl && a.label == b.label;
}

// The form's promises: a browser sends empty fields for options left alone,
// so an accepted form has a URL and no option that is present but empty;
// every text but the password is trimmed; and an API key field ("key", read
// by the web layer) changes nothing about the link.
void checkForm(const QByteArray &body)
{
    const Result<CreateRequest> parsed = createparser::fromForm(body);
    checkAccepted(parsed);
    if (parsed) {
        const CreateRequest &request = *parsed;
        FUZZ_CHECK(!request.url.isEmpty() && request.url == request.url.trimmed());
        FUZZ_CHECK(request.alias == request.alias.trimmed());
        for (const std::optional<QString> *option :
             {&request.previewProtection, &request.expiresAt, &request.expiredUrl, &request.label}) {
            FUZZ_CHECK(!*option || (!(*option)->isEmpty() && **option == (*option)->trimmed()));
        }
        FUZZ_CHECK(!request.password || !request.password->isEmpty());
    }
    const Result<CreateRequest> keyed = createparser::fromForm(body + "&key=sf_x%26y&key=");
    FUZZ_CHECK(parsed.ok() == keyed.ok());
    FUZZ_CHECK(!parsed || sameRequest(*parsed, *keyed));
    FUZZ_CHECK(parsed || parsed.error().reason == keyed.error().reason);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    checkAccepted(createparser::fromJson(body));
    checkForm(body);
    // One pair per '&'-separated part at most.
    FUZZ_CHECK(createparser::decodeForm(body).size() <= body.count('&') + 1);
    return 0;
}
