// API keys as clients send them: any Authorization header value, and any
// key name the `keys` command or the settings could be given. Parsing never
// crashes; a header is a key, no key, or a 401; what has the key shape
// hashes to 64 lowercase hex digits; names the rule accepts are 1 to 64
// characters without control characters or surrounding spaces.

#include "fuzz/fuzzsupport.h"
#include "server/core/apikey.h"
#include "server/http/accessrules.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<std::optional<QString>> key = AccessRules::bearerKey(header);
    if (!key) {
        FUZZ_CHECK(key.error().status == 401 && key.error().reason == "invalid_key");
    } else if (key->has_value()) {
        const QString &text = **key;
        if (apikeys::hasKeyShape(text)) {
            FUZZ_CHECK(text.size() == apikeys::kKeyLength && text.startsWith(apikeys::kPrefix));
            const QByteArray hash = apikeys::hash(text);
            FUZZ_CHECK(hash.size() == 64);
            for (char c : hash)
                FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
            FUZZ_CHECK(apikeys::sameHash(hash, apikeys::hash(text)));
            FUZZ_CHECK(apikeys::shownPrefix(text).size() == apikeys::kShownPrefixLength);
        }
    }
    const QString name = QString::fromUtf8(header);
    if (apikeys::nameProblem(name).isEmpty()) {
        FUZZ_CHECK(!name.isEmpty() && name.size() <= apikeys::kMaxNameLength && name == name.trimmed());
        for (QChar c : name)
            FUZZ_CHECK(c.category() != QChar::Other_Control);
    }
    (void)statstokens::hasTokenShape(name);
    return 0;
}
