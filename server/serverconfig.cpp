#include "server/serverconfig.h"

#include "server/links/linkrules.h"
#include "server/reachability/reachabilitymonitor.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace shortfuse {

namespace {

Error usageError(const QString &message)
{
    return Error{2, "usage", message};
}

} // namespace

QString ServerConfig::effectiveBaseUrl(quint16 boundPort) const
{
    if (!baseUrl.isEmpty())
        return baseUrl;
    // "Every interface" is no address a recipient can open: links then
    // carry this machine's address on its network.
    const bool wildcard = bindAddress == QHostAddress(QHostAddress::Any) || bindAddress == QHostAddress(QHostAddress::AnyIPv4)
        || bindAddress == QHostAddress(QHostAddress::AnyIPv6);
    if (wildcard)
        return httpBaseUrl(lanIPv4Address().value_or(QHostAddress(QHostAddress::LocalHost)), boundPort);
    return httpBaseUrl(bindAddress, boundPort);
}

Result<QString> normalizeBaseUrl(const QString &url)
{
    if (Status valid = rules::validateDestinationUrl(url); !valid)
        return usageError(QStringLiteral("--base-url: %1").arg(valid.error().message));
    const QUrl parsed(url, QUrl::StrictMode);
    if (parsed.hasQuery() || parsed.hasFragment())
        return usageError(QStringLiteral("--base-url: '%1' must not have a query or fragment").arg(url));
    QString normal = url;
    while (normal.endsWith(u'/'))
        normal.chop(1);
    return normal;
}

Result<ListenAddress> parseListenAddress(const QString &text, const QString &flag)
{
    const Error bad = usageError(
        QStringLiteral("--%1: '%2' is not HOST:PORT with an IP address (try 127.0.0.1:9100 or [::1]:9100)")
            .arg(flag, text.left(200)));
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(QLatin1String("]:"));
        if (close < 0)
            return bad;
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0 || text.indexOf(u':') != colon) // a bare IPv6 address needs its brackets
            return bad;
        host = text.left(colon);
        port = text.mid(colon + 1);
    }
    const QHostAddress address(host);
    if (host.isEmpty() || address.isNull())
        return bad;
    if (text.startsWith(u'[') && address.protocol() != QAbstractSocket::IPv6Protocol)
        return bad;
    const bool digits = !port.isEmpty() && port.size() <= 5
        && std::all_of(port.cbegin(), port.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    const uint number = digits ? port.toUInt() : 0;
    if (!digits || number > 65535)
        return bad;
    return ListenAddress{address, quint16(number)};
}

QString ServerOptions::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

void ServerOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDR")},
        {QStringLiteral("port"), QStringLiteral("TCP port; 0 lets the OS pick (default 8080)."), QStringLiteral("N")},
        {QStringLiteral("data-dir"),
         QStringLiteral("Folder for the database (default %1).").arg(defaultDataDir()), QStringLiteral("DIR")},
        {QStringLiteral("base-url"),
         QStringLiteral("Public prefix of short links (default http://<bind>:<port>)."), QStringLiteral("URL")},
        {QStringLiteral("rate-limit"),
         QStringLiteral("Link creations per minute per client address; 0 turns the limit off (default 10)."),
         QStringLiteral("N")},
        {QStringLiteral("trusted-proxy"),
         QStringLiteral("Believe X-Forwarded-For from peers in these ranges (comma-separated, repeatable)."),
         QStringLiteral("CIDR[,CIDR...]")},
        {QStringLiteral("max-connections-per-ip"),
         QStringLiteral("Open connections per client address; trusted proxies are exempt; 0 turns the limit off "
                        "(default 256)."),
         QStringLiteral("N")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("Seconds a connection may send nothing, or leave its answers unread, before it is closed "
                        "(default 60)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("stats-rate-limit"),
         QStringLiteral("Statistics look-ups per minute per client address; 0 turns the limit off (default 30)."),
         QStringLiteral("N")},
        {QStringLiteral("store-full-ip"),
         QStringLiteral("Store clients' full IP addresses (default: IPv4 /24, IPv6 /48).")},
        {QStringLiteral("geoip-db"), QStringLiteral("MaxMind-format country database for click locations."),
         QStringLiteral("PATH")},
        {QStringLiteral("db"),
         QStringLiteral("Database: sqlite:///path/file.db (default: shortfuse.db in the data folder) or "
                        "postgresql://user:password@host:port/dbname, shared by several servers."),
         QStringLiteral("URL")},
        {QStringLiteral("create-access"),
         QStringLiteral("Who may make links without an API key: local (this machine only), keys (nobody) or public "
                        "(anyone, within --rate-limit) (default local)."),
         QStringLiteral("local|keys|public")},
        {QStringLiteral("public-stats"),
         QStringLiteral("Anyone who knows a slug may read its statistics (default: only its owner key, an admin key, "
                        "this machine and holders of the link's statistics URL).")},
        {QStringLiteral("key-rate-limit"),
         QStringLiteral("Link creations per minute per API key; 0 turns the limit off (default 600)."),
         QStringLiteral("N")},
        {QStringLiteral("allow-private-webhooks"),
         QStringLiteral("Webhook endpoints may be on loopback, private, link-local or multicast addresses (default: "
                        "refused, checked against the address actually connected).")},
        {QStringLiteral("webhook-timeout"),
         QStringLiteral("Seconds one webhook delivery attempt may take, from resolving the name to the answer "
                        "(default 10)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("port-mapping"),
         QStringLiteral("Ask the router for a port forwarded to this server: upnp (UPnP IGD), natpmp (NAT-PMP), "
                        "auto (UPnP, then NAT-PMP) or off (default). The mapping, the router's external address and "
                        "whether links open from the internet are logged; it is renewed while the server runs and "
                        "removed when it stops. Needs --bind beyond loopback."),
         QStringLiteral("METHOD")},
        {QStringLiteral("external-port"),
         QStringLiteral("With --port-mapping: the port to ask for on the router's external address (default: the "
                        "server's own port number; another is taken when the router has that one in use)."),
         QStringLiteral("PORT")},
        {QStringLiteral("metrics-bind"),
         QStringLiteral("Serve GET /metrics (Prometheus) on this address only, not on the public listener; "
                        "port 0 lets the OS pick (default: /metrics on the public listener, answered only to "
                        "requests from this machine when --bind is beyond loopback)."),
         QStringLiteral("ADDR:PORT")},
    });
}

Result<ServerConfig> ServerOptions::parse(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments))
        return Error{2, "usage", parser.errorText() + QStringLiteral(" (see --help)")};
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        return Error{2, "usage",
                     QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().constFirst())};
    }
    return read(parser);
}

Result<ServerConfig> ServerOptions::read(const QCommandLineParser &parser)
{
    ServerConfig config;

    if (parser.isSet(QStringLiteral("bind"))) {
        const QString value = parser.value(QStringLiteral("bind"));
        const QHostAddress address(value);
        if (address.isNull())
            return usageError(QStringLiteral("--bind: '%1' is not an IP address (try 127.0.0.1 or 0.0.0.0)").arg(value));
        config.bindAddress = address;
    }

    if (parser.isSet(QStringLiteral("port"))) {
        const QString value = parser.value(QStringLiteral("port"));
        bool ok = false;
        const uint port = value.toUInt(&ok);
        if (!ok || port > 65535)
            return usageError(QStringLiteral("--port: '%1' is not a port number from 0 to 65535").arg(value));
        config.port = quint16(port);
    }

    config.dataDir = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir"))
                                                              : defaultDataDir();
    if (config.dataDir.isEmpty())
        return usageError(QStringLiteral("--data-dir: the folder name is empty"));

    if (parser.isSet(QStringLiteral("base-url"))) {
        Result<QString> base = normalizeBaseUrl(parser.value(QStringLiteral("base-url")));
        if (!base)
            return base.error();
        config.baseUrl = *base;
    }

    struct NumberFlag {
        const char *name;
        int *target;
        int min;
        int max;
    };
    for (const NumberFlag &flag : {NumberFlag{"rate-limit", &config.rateLimitPerMinute, 0, 1'000'000},
                                   NumberFlag{"stats-rate-limit", &config.statsRateLimitPerMinute, 0, 1'000'000},
                                   NumberFlag{"max-connections-per-ip", &config.connectionsPerAddress, 0, 1'000'000},
                                   NumberFlag{"idle-timeout", &config.idleTimeoutSeconds, 1, 86'400},
                                   NumberFlag{"key-rate-limit", &config.keyRateLimitPerMinute, 0, 1'000'000},
                                   NumberFlag{"webhook-timeout", &config.webhookTimeoutSeconds, 1, 300}}) {
        const QString name = QLatin1String(flag.name);
        if (!parser.isSet(name))
            continue;
        const QString value = parser.value(name);
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok || number < flag.min || number > flag.max)
            return usageError(QStringLiteral("--%1: '%2' is not a number from %3 to %4")
                                  .arg(name, value)
                                  .arg(flag.min)
                                  .arg(flag.max));
        *flag.target = number;
    }

    config.storeFullAddresses = parser.isSet(QStringLiteral("store-full-ip"));
    config.publicStats = parser.isSet(QStringLiteral("public-stats"));
    config.allowPrivateWebhooks = parser.isSet(QStringLiteral("allow-private-webhooks"));
    if (parser.isSet(QStringLiteral("create-access"))) {
        const QString value = parser.value(QStringLiteral("create-access"));
        const std::optional<CreateAccess> access = createAccessFromName(value);
        if (!access)
            return usageError(QStringLiteral("--create-access: '%1' is not local, keys or public").arg(value.left(64)));
        config.createAccess = *access;
    }
    // Checked when the server starts (a bad or unreachable database is exit code 1).
    config.databaseUrl = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("geoip-db"))) {
        config.geoipDatabase = parser.value(QStringLiteral("geoip-db"));
        if (!QFileInfo(config.geoipDatabase).isReadable())
            return usageError(QStringLiteral("--geoip-db: cannot read '%1'").arg(config.geoipDatabase));
    }

    if (parser.isSet(QStringLiteral("port-mapping"))) {
        const QString method = parser.value(QStringLiteral("port-mapping"));
        if (method != QLatin1String("off")) {
            config.portMapping = PortMapper::methodFromName(method);
            if (!config.portMapping)
                return usageError(QStringLiteral("--port-mapping: '%1' is not upnp, natpmp, auto or off").arg(method));
        }
    }

    if (parser.isSet(QStringLiteral("external-port"))) {
        const QString value = parser.value(QStringLiteral("external-port"));
        bool ok = false;
        const uint port = value.toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return usageError(QStringLiteral("--external-port: '%1' is not a port number from 1 to 65535").arg(value.left(64)));
        config.externalPort = quint16(port);
    }

    if (parser.isSet(QStringLiteral("metrics-bind"))) {
        Result<ListenAddress> metrics =
            parseListenAddress(parser.value(QStringLiteral("metrics-bind")), QStringLiteral("metrics-bind"));
        if (!metrics)
            return metrics.error();
        config.metricsBind = *metrics;
    }

    for (const QString &value : parser.values(QStringLiteral("trusted-proxy"))) {
        Result<QList<Subnet>> subnets = ClientAddressResolver::parseSubnets(value);
        if (!subnets)
            return usageError(QStringLiteral("--trusted-proxy: %1").arg(subnets.error().message));
        config.trustedProxies.append(*subnets);
    }

    return config;
}

} // namespace shortfuse
