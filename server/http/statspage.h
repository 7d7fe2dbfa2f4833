#pragma once

#include "server/core/linkstats.h"

#include <QByteArray>
#include <QString>

namespace shortfuse {

class Pages;

// GET /stats/<slug>: an HTML page rendered entirely on the server, chart
// included (inline SVG, no script). It shows the destination's host only,
// never the full URL, which for a one-time link may carry the secret.
class StatsPage {
public:
    // `token`: the statistics token the page was opened with (empty: none),
    // carried on to the CSV and JSON links.
    static QByteArray render(const Pages &pages, const LinkStats &stats, const QString &token = {});

    // The clicks-over-time chart as an <svg> element (exposed for tests).
    static QString timelineSvg(const LinkStats &stats);
};

} // namespace shortfuse
