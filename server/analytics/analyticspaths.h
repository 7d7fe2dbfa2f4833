#pragma once

#include <QString>
#include <QStringList>

namespace shortfuse {

// Where the analytics data files are, found once at startup. Each path is
// empty when nothing was found; ClickEnricher::create() turns that into an
// error (user agents, crawlers) or one warning (GeoIP).
//
// Search order for each file, first hit wins:
//   1. the explicit override (GeoIP only: --geoip-db), taken as given even
//      if the file is missing, so a typo is reported rather than ignored;
//   2. the environment: SHORTFUSE_UAP_REGEXES, SHORTFUSE_CRAWLERS_JSON,
//      SHORTFUSE_GEOIP_DB, likewise taken as given;
//   3. Debian's /usr/share/uap-core/regexes.yaml (user-agent rules only);
//   4. <source dir>/data/..., the folder scripts/install-deps fills (the
//      source dir is compiled in, so a development build finds it);
//   5. <directory of the executable>/../share/shortfuse/... for installs.
struct AnalyticsPaths {
    QString uapRegexes;
    QString crawlersJson;
    QString geoipDb;
    bool geoipExplicit = false;  // came from the override or the environment

    static AnalyticsPaths discover(const QString &geoipOverride = {});

    // The candidates discover() tries for each file, in order; for
    // messages that say where a missing file was looked for.
    static QStringList uapCandidates();
    static QStringList crawlerCandidates();
    static QStringList geoipCandidates();
};

} // namespace shortfuse
