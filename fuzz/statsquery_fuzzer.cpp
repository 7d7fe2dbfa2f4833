// The stats query parameters (?limit=&before=) as a client sends them.

#include "fuzz/fuzzsupport.h"
#include "server/http/statsqueryparser.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString query = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<StatsQuery> parsed = parseStatsQuery(QUrlQuery(query));
    if (parsed) {
        FUZZ_CHECK(parsed->limit >= 1 && parsed->limit <= StatsQuery::kMaxLimit);
        FUZZ_CHECK(!parsed->beforeId || *parsed->beforeId >= 1);
    } else {
        FUZZ_CHECK(parsed.error().status == 400);
    }
    return 0;
}
