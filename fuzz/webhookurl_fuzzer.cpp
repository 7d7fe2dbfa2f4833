// A webhook endpoint URL as an owner (or anyone with a key) sends it to
// POST /api/webhooks, and the same text as a header value (the ntfy title
// is made from a slug or label the same way).

#include "fuzz/fuzzsupport.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooktarget.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<QUrl> parsed = parseWebhookUrl(text);
    if (parsed) {
        const QUrl &url = *parsed;
        FUZZ_CHECK(text.size() <= 2048);
        FUZZ_CHECK(url.isValid());
        FUZZ_CHECK(url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
        FUZZ_CHECK(!url.host().isEmpty());
        FUZZ_CHECK(url.userInfo().isEmpty());
        FUZZ_CHECK(!url.hasFragment());
        FUZZ_CHECK(url.port() == -1 || (url.port() >= 1 && url.port() <= 65535));
        // What the sender writes on the request line and in Host: no byte
        // that could end a line.
        const QByteArray wire = url.host(QUrl::FullyEncoded).toLatin1() + url.path(QUrl::FullyEncoded).toLatin1()
                                + url.query(QUrl::FullyEncoded).toLatin1();
        FUZZ_CHECK(!wire.contains('\r') && !wire.contains('\n') && !wire.contains(' ') && !wire.contains('\0'));
        const QHostAddress address(url.host());
        if (!address.isNull())
            (void)isPrivateAddress(address);
    } else {
        FUZZ_CHECK(parsed.error().status == 400);
        FUZZ_CHECK(parsed.error().reason == "invalid_webhook_url");
    }
    const QByteArray title = safeHeaderValue(text);
    for (const char c : title)
        FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) != 0x7f);
    return 0;
}
