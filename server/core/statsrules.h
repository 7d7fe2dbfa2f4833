#pragma once

#include <QString>

// Small rules shared by every place that computes or shows statistics.
namespace shortfuse {

// The host of a referrer URL, lowercased; empty when there is none.
QString referrerHost(const QString &referrer);

// A timeline bucket width that gives at most about 60 buckets over `spanMs`:
// one minute, five minutes, an hour, a day or a week.
qint64 timelineBucketMs(qint64 spanMs);

// A CSV cell that a spreadsheet will show as text, never run as a formula.
QString csvCell(const QString &value);

} // namespace shortfuse
