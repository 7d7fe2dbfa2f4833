// POST /api/webhooks bodies, as any key holder sends them: parsing never
// crashes, refusals are 400s with one of the documented reasons, and what
// parses is an endpoint the delivery worker can use (a URL it would send
// to, known events and format, bounded slugs and label) whose events
// survive the round trip through the database's text form.

#include "fuzz/fuzzsupport.h"
#include "server/http/webhookrequestparser.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooktarget.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<WebhookEndpoint> parsed = webhookparser::fromJson(body);
    if (!parsed) {
        static const QList<QByteArray> reasons = {"invalid_json",   "unknown_field", "invalid_webhook_url", "invalid_events",
                                                  "invalid_slugs",  "invalid_label", "invalid_format"};
        FUZZ_CHECK(parsed.error().status == 400);
        FUZZ_CHECK(reasons.contains(QByteArray(parsed.error().reason)));
        return 0;
    }
    const WebhookEndpoint &endpoint = *parsed;
    FUZZ_CHECK(parseWebhookUrl(endpoint.url).ok());
    FUZZ_CHECK(!endpoint.events.isEmpty());
    FUZZ_CHECK(webhookFormatFromName(endpoint.format).has_value());
    FUZZ_CHECK(endpoint.slugs.size() <= webhookparser::kMaxSlugs);
    FUZZ_CHECK(endpoint.label.size() <= 200);
    for (const QString &slug : endpoint.slugs)
        FUZZ_CHECK(!slug.contains(u'\n')); // the database keeps them one per line
    // Nothing but what the parser is documented to set.
    FUZZ_CHECK(endpoint.id == 0 && endpoint.secret.isEmpty() && !endpoint.ownerKeyId && endpoint.createdAtMs == 0);
    WebhookEndpoint decoded;
    decodeWebhookEvents(encodeWebhookEvents(endpoint), decoded);
    FUZZ_CHECK(decoded.events == endpoint.events);
    FUZZ_CHECK(decoded.unlimitedClicks == endpoint.unlimitedClicks);
    return 0;
}
