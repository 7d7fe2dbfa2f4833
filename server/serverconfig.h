#pragma once

#include "clientaddress.h"
#include "result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

class QCommandLineParser;

namespace shortfuse {

// Everything that shapes one running server. Filled from the command line
// by ServerOptions, and by the desktop settings dialog later on.
struct ServerConfig {
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080;
    QString dataDir;               // where the SQLite file lives
    QString databaseUrl;           // --db; empty: sqlite://<dataDir>/shortfuse.db
    QString baseUrl;               // empty: http://<bind>:<port> once listening
    int rateLimitPerMinute = 10;   // creations per client per minute; 0 = off
    QList<Subnet> trustedProxies;  // peers whose X-Forwarded-For is believed
    int statsRateLimitPerMinute = 30;  // stats look-ups per client per minute; 0 = off
    bool storeFullAddresses = false;   // default: addresses are anonymized before storage
    QString geoipDatabase;             // empty: look in the usual places

    // The public prefix of short links, without a trailing slash.
    QString effectiveBaseUrl(quint16 boundPort) const;
};

// The one definition of the server's flags, shared by `shortfuse-server`
// and `shortfuse` so the two cannot drift apart.
class ServerOptions {
public:
    static void addTo(QCommandLineParser &parser);
    // Bad values come back as an Error whose message is one line for stderr.
    static Result<ServerConfig> read(const QCommandLineParser &parser);
    static QString defaultDataDir();
};

// http(s)://host[:port][/path] without query or fragment; trailing '/' removed.
Result<QString> normalizeBaseUrl(const QString &url);

} // namespace shortfuse
