#pragma once

#include "server/core/linkstats.h"

#include <QByteArray>
#include <QJsonObject>

// The stats API's two formats, from the one LinkStats the query layer fills.
namespace shortfuse::statsformat {

QString isoUtc(qint64 ms);
QString outcomeName(ClickOutcome outcome);

// GET /api/stats/<slug>
QJsonObject toJson(const LinkStats &stats);
// GET /api/stats/<slug>.csv: the click log, formulas neutralised.
QByteArray toCsv(const LinkStats &stats);

} // namespace shortfuse::statsformat
