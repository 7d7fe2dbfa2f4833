#include "server/core/creationquota.h"

#include <algorithm>
#include <cmath>

namespace shortfuse {

namespace {

// How much of the previous window still lies within the last 60 s at `ms`
// into the current one.
double previousWeight(qint64 msIntoWindow)
{
    return 1.0 - double(msIntoWindow) / double(CreationQuota::kWindowMs);
}

} // namespace

qint64 CreationQuota::currentWindowLimit(qint64 previousCount) const
{
    const double weighted = double(previousCount) * previousWeight(nowMs - windowStart());
    // The epsilon keeps an exact integer (e.g. 5 - 0.0) from rounding down.
    return std::max<qint64>(0, qint64(std::floor(double(perMinute) - weighted + 1e-9)));
}

int CreationQuota::retryAfterSeconds(qint64 previousCount, qint64 currentCount) const
{
    const qint64 into = nowMs - windowStart();
    qint64 waitMs = kWindowMs - into;  // at the latest: the next window
    if (currentCount + 1 <= perMinute && previousCount > 0) {
        // The previous window's weight (1 - at / window) falls until
        // previous x weight + current + 1 <= perMinute; in integers, so
        // that exact cases do not round up a millisecond.
        const qint64 excess = std::max<qint64>(0, previousCount - (perMinute - currentCount - 1));
        const qint64 at = (kWindowMs * excess + previousCount - 1) / previousCount;
        waitMs = std::clamp<qint64>(at - into, 1, waitMs);
    }
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

} // namespace shortfuse
