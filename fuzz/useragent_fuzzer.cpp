// User agents: uap-core's rules (the parser), the crawler list (the bot
// detector) and the preview check. Nothing crashes, the memo gives the same
// answer as a fresh parse, and only the first 1,024 bytes count.

#include "fuzz/fuzzsupport.h"
#include "server/analytics/analyticspaths.h"
#include "server/analytics/botdetector.h"
#include "server/analytics/useragentparser.h"

#include <memory>

using namespace shortfuse;

namespace {

std::unique_ptr<UserAgentParser> g_parser;
std::unique_ptr<BotDetector> g_bots;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const AnalyticsPaths paths = AnalyticsPaths::discover();
    auto parser = UserAgentParser::load(paths.uapRegexes, 64);
    auto bots = BotDetector::load(paths.crawlersJson, 64);
    if (!parser || !bots) {
        std::fprintf(stderr, "useragent fuzzer: the analytics data is missing (run scripts/install-deps)\n");
        std::abort();
    }
    g_parser = std::move(*parser);
    g_bots = std::move(*bots);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView agent(reinterpret_cast<const char *>(data), qsizetype(size));
    const UserAgentInfo first = g_parser->parse(agent);
    FUZZ_CHECK(g_parser->parse(agent) == first);  // from the memo now
    FUZZ_CHECK(g_parser->parse(agent.first(std::min<qsizetype>(agent.size(), UserAgentParser::MaxUserAgentLength)))
               == first);
    const BotVerdict verdict = g_bots->detect(agent, first);
    const BotVerdict again = g_bots->detect(agent, first);
    FUZZ_CHECK(verdict == again);
    FUZZ_CHECK(g_parser->cacheSize() <= 64 && g_bots->cacheSize() <= 64);
    return 0;
}
