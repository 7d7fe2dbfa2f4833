// Change notices as they arrive from the database (any payload another
// process could NOTIFY): decoding never crashes, and whatever decodes
// encodes back to a payload that decodes to the same notice.

#include "fuzz/fuzzsupport.h"
#include "server/storage/changenotice.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView payload(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<ChangeNotice> notice = ChangeNotice::decode(payload);
    if (!notice)
        return 0;
    const QByteArray again = notice->encode();
    FUZZ_CHECK(again.size() <= ChangeNotice::kMaxPayload);
    const std::optional<ChangeNotice> round = ChangeNotice::decode(again);
    FUZZ_CHECK(round);
    FUZZ_CHECK(round->sender == notice->sender && round->overflow == notice->overflow);
    if (!round->overflow && !notice->overflow) {
        FUZZ_CHECK(round->clicked == notice->clicked && round->created == notice->created);
        FUZZ_CHECK(round->revoked == notice->revoked);
        FUZZ_CHECK(round->changed == notice->changed && round->purged == notice->purged);
    }
    return 0;
}
