#include "server/http/statsqueryparser.h"

namespace shortfuse {

Result<StatsQuery> parseStatsQuery(const QUrlQuery &params)
{
    StatsQuery query;
    if (params.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = params.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > StatsQuery::kMaxLimit)
            return Error{400, "invalid_limit",
                         QStringLiteral("limit must be a whole number from 1 to %1.").arg(StatsQuery::kMaxLimit)};
    }
    if (params.hasQueryItem(QStringLiteral("before"))) {
        bool ok = false;
        const qint64 before = params.queryItemValue(QStringLiteral("before")).toLongLong(&ok);
        if (!ok || before < 1)
            return Error{400, "invalid_before", QStringLiteral("before must be the next_before value of the previous page.")};
        query.beforeId = before;
    }
    return query;
}

} // namespace shortfuse
