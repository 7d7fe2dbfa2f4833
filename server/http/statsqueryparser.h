#pragma once

#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QUrlQuery>

namespace shortfuse {

// The stats API's and page's query parameters: limit (1 to 1000) and before
// (the next_before of the previous page). Reasons: invalid_limit, invalid_before.
Result<StatsQuery> parseStatsQuery(const QUrlQuery &params);

} // namespace shortfuse
