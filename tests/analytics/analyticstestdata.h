#pragma once

// The real data every analytics test runs on, loaded once per process:
// uap-core's rules (Debian package uap-core) and the crawler list and the
// country database that scripts/install-deps puts in <repo>/data. Missing
// data fails the tests (with the reason): they never fetch anything.

#include "server/analytics/analyticspaths.h"
#include "server/analytics/botdetector.h"
#include "server/analytics/useragentparser.h"

#include <gtest/gtest.h>

#include <QString>

#include <memory>
#include <ostream>

// Failure messages show QStrings as text, not as arrays of UTF-16 units.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace shortfuse::testdata {

inline const AnalyticsPaths &paths()
{
    static const AnalyticsPaths found = AnalyticsPaths::discover();
    return found;
}

// Shared by the tests that only read through it; a test that checks the
// cache makes its own parser so it starts from an empty cache.
inline UserAgentParser *parser()
{
    static const auto loaded = UserAgentParser::load(paths().uapRegexes);
    if (!loaded) {
        ADD_FAILURE() << loaded.error().message.toStdString();
        return nullptr;
    }
    return loaded->get();
}

inline BotDetector *bots()
{
    static const auto loaded = BotDetector::load(paths().crawlersJson);
    if (!loaded) {
        ADD_FAILURE() << loaded.error().message.toStdString()
                      << " (scripts/install-deps fetches the crawler list into data/)";
        return nullptr;
    }
    return loaded->get();
}

} // namespace shortfuse::testdata
