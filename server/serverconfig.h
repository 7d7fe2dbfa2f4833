#pragma once

#include "server/reachability/portmapper.h"

#include "server/core/access.h"
#include "server/core/clientaddress.h"
#include "server/core/result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace shortfuse {

// An address and port to listen on (port 0: the OS picks one).
struct ListenAddress {
    QHostAddress address;
    quint16 port = 0;
};

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
    // Open connections per client address (trusted proxies are exempt); 0 = no limit.
    int connectionsPerAddress = 256;
    // A connection that sends nothing, or whose answers the client does not
    // read, for this long is closed.
    int idleTimeoutSeconds = 60;
    QString geoipDatabase;             // empty: look in the usual places
    // Who may make links without an API key (issue 12).
    CreateAccess createAccess = CreateAccess::Local;
    // Statistics readable by anyone who knows a slug (off: only the owner,
    // local requests and holders of the link's statistics token).
    bool publicStats = false;
    int keyRateLimitPerMinute = 600;   // creations per API key per minute; 0 = off
    // Webhook endpoints may be on loopback, private or link-local addresses (a LAN's own services).
    bool allowPrivateWebhooks = false;
    int webhookTimeoutSeconds = 10;    // one delivery attempt, resolve to answer
    // --metrics-bind: /metrics on a listener of its own (and not on the
    // public one); nullopt: /metrics on the public listener.
    std::optional<ListenAddress> metricsBind;
    // --port-mapping: ask the router for a way in from the internet
    // (issue 14); nullopt: off.
    std::optional<PortMapper::Method> portMapping;
    // --external-port: the router port to ask for; 0: the server's own number.
    quint16 externalPort = 0;

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
    // The whole command line of either executable, after addTo(), the help
    // and version options and the caller's own: --help and --version print
    // and exit; an unknown flag, a stray argument or a bad value is an
    // Error whose message is one line for stderr (the caller exits with 2).
    static Result<ServerConfig> parse(QCommandLineParser &parser, const QStringList &arguments);
    static QString defaultDataDir();
};

// HOST:PORT with HOST an IP address (an IPv6 one in brackets: [::1]:9100).
// Errors name the flag `flag`.
Result<ListenAddress> parseListenAddress(const QString &text, const QString &flag);

// http(s)://host[:port][/path] without query or fragment; trailing '/' removed.
Result<QString> normalizeBaseUrl(const QString &url);

} // namespace shortfuse
