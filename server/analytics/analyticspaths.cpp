#include "server/analytics/analyticspaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace shortfuse {

namespace {

// The repository the build came from (set by CMake); the data folder that
// scripts/install-deps fills lives at its top.
QString sourceDataDir()
{
#ifdef SHORTFUSE_SOURCE_DIR
    return QStringLiteral(SHORTFUSE_SOURCE_DIR "/data");
#else
    return {};
#endif
}

// Only when a QCoreApplication exists: applicationDirPath() needs one.
QString installedDataDir()
{
    if (!QCoreApplication::instance())
        return {};
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/shortfuse"));
}

QStringList candidates(const char *envVar, std::initializer_list<QString> systemPaths, const QString &relative)
{
    QStringList list;
    if (const QString fromEnv = qEnvironmentVariable(envVar); !fromEnv.isEmpty())
        list.append(fromEnv);
    for (const QString &path : systemPaths)
        list.append(path);
    if (const QString dir = sourceDataDir(); !dir.isEmpty())
        list.append(dir + QLatin1Char('/') + relative);
    if (const QString dir = installedDataDir(); !dir.isEmpty())
        list.append(dir + QLatin1Char('/') + relative);
    return list;
}

// The environment's path is taken as given (it was asked for explicitly);
// every other candidate must exist.
QString firstUsable(const char *envVar, const QStringList &list)
{
    if (const QString fromEnv = qEnvironmentVariable(envVar); !fromEnv.isEmpty())
        return fromEnv;
    for (const QString &path : list) {
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

} // namespace

QStringList AnalyticsPaths::uapCandidates()
{
    return candidates("SHORTFUSE_UAP_REGEXES", {QStringLiteral("/usr/share/uap-core/regexes.yaml")},
                      QStringLiteral("uap-core/regexes.yaml"));
}

QStringList AnalyticsPaths::crawlerCandidates()
{
    return candidates("SHORTFUSE_CRAWLERS_JSON", {}, QStringLiteral("crawlers/crawler-user-agents.json"));
}

QStringList AnalyticsPaths::geoipCandidates()
{
    return candidates("SHORTFUSE_GEOIP_DB", {}, QStringLiteral("geoip/country.mmdb"));
}

AnalyticsPaths AnalyticsPaths::discover(const QString &geoipOverride)
{
    AnalyticsPaths paths;
    paths.uapRegexes = firstUsable("SHORTFUSE_UAP_REGEXES", uapCandidates());
    paths.crawlersJson = firstUsable("SHORTFUSE_CRAWLERS_JSON", crawlerCandidates());
    if (!geoipOverride.isEmpty()) {
        paths.geoipDb = geoipOverride;
        paths.geoipExplicit = true;
    } else {
        paths.geoipDb = firstUsable("SHORTFUSE_GEOIP_DB", geoipCandidates());
        paths.geoipExplicit = !qEnvironmentVariableIsEmpty("SHORTFUSE_GEOIP_DB");
    }
    return paths;
}

} // namespace shortfuse
