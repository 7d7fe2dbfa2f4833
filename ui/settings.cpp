#include "ui/settings.h"

#include <QSettings>

namespace shortfuse {

namespace {

struct KeySpec {
    Settings::Key key;
    const char *name;
    QVariant defaultValue;
};

// The one table of keys and defaults. Server defaults mirror ServerConfig's.
const QList<KeySpec> &keyTable()
{
    static const QList<KeySpec> table = {
        {Settings::Key::BindAddress, "server/bind", QStringLiteral("127.0.0.1")},
        {Settings::Key::Port, "server/port", 8080},
        {Settings::Key::BaseUrl, "server/baseUrl", QString()},
        {Settings::Key::RateLimit, "server/rateLimit", 10},
        {Settings::Key::TrustedProxies, "server/trustedProxies", QString()},
        {Settings::Key::DataDir, "server/dataDir", QString()},  // empty: ServerOptions::defaultDataDir()
        {Settings::Key::CreateAccess, "server/createAccess", QStringLiteral("local")},
        {Settings::Key::PublicStats, "server/publicStats", false},
        // Off by default: a workstation opens no way in unasked.
        {Settings::Key::ReachableFromInternet, "server/reachableFromInternet", false},
        {Settings::Key::ExternalPort, "server/externalPort", 0},
        {Settings::Key::StartMinimized, "window/startMinimized", false},
        {Settings::Key::Language, "window/language", QString()},  // empty: the system's
        {Settings::Key::TrayNoticeShown, "window/trayNoticeShown", false},
        {Settings::Key::WindowGeometry, "window/geometry", QByteArray()},
        {Settings::Key::WindowState, "window/state", QByteArray()},
        // Every claim of a capped link notifies by default: the first
        // question after sending a one-time link is whether it was opened.
        {Settings::Key::NotifyMode, "notifications/mode", QStringLiteral("every")},
        {Settings::Key::NotifyQuietForBots, "notifications/quietForBots", true},
        {Settings::Key::EmbeddedServer, "connections/embedded", true},
        {Settings::Key::CurrentConnection, "connections/current", QString()},
    };
    return table;
}

const KeySpec &spec(Settings::Key key)
{
    for (const KeySpec &s : keyTable()) {
        if (s.key == key)
            return s;
    }
    Q_UNREACHABLE();
}

} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                             QStringLiteral("shortfuse"), QStringLiteral("shortfuse")))
{
}

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QVariant Settings::value(Key key) const
{
    const KeySpec &s = spec(key);
    return m_settings->value(QLatin1String(s.name), s.defaultValue);
}

void Settings::setValue(Key key, const QVariant &value)
{
    const KeySpec &s = spec(key);
    if (m_settings->value(QLatin1String(s.name), s.defaultValue) == value)
        return;
    m_settings->setValue(QLatin1String(s.name), value);
    Q_EMIT changed(key);
}

void Settings::sync()
{
    m_settings->sync();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

ServerConfig Settings::serverConfig(ServerConfig base) const
{
    const QHostAddress bind(value(Key::BindAddress).toString());
    if (!bind.isNull())
        base.bindAddress = bind;
    bool ok = false;
    const uint port = value(Key::Port).toUInt(&ok);
    if (ok && port <= 65535)
        base.port = quint16(port);
    const QString baseUrl = value(Key::BaseUrl).toString();
    if (baseUrl.isEmpty()) {
        base.baseUrl.clear();
    } else if (Result<QString> normal = normalizeBaseUrl(baseUrl)) {
        base.baseUrl = *normal;
    }
    const int rate = value(Key::RateLimit).toInt(&ok);
    if (ok && rate >= 0 && rate <= 1'000'000)
        base.rateLimitPerMinute = rate;
    const QString proxies = value(Key::TrustedProxies).toString().trimmed();
    if (proxies.isEmpty()) {
        base.trustedProxies.clear();
    } else if (Result<QList<Subnet>> subnets = ClientAddressResolver::parseSubnets(proxies)) {
        base.trustedProxies = *subnets;
    }
    const QString dataDir = value(Key::DataDir).toString();
    base.dataDir = dataDir.isEmpty() ? ServerOptions::defaultDataDir() : dataDir;
    if (const std::optional<CreateAccess> access = createAccessFromName(value(Key::CreateAccess).toString()))
        base.createAccess = *access;
    base.publicStats = value(Key::PublicStats).toBool();
    // Any way the router answers, UPnP first: the user asked for a way in, not for a protocol.
    if (value(Key::ReachableFromInternet).toBool())
        base.portMapping = PortMapper::Method::Auto;
    else
        base.portMapping.reset();
    const uint externalPort = value(Key::ExternalPort).toUInt(&ok);
    if (ok && externalPort <= 65535)
        base.externalPort = quint16(externalPort);
    return base;
}

void Settings::setServerConfig(const ServerConfig &config)
{
    setValue(Key::BindAddress, config.bindAddress.toString());
    setValue(Key::Port, int(config.port));
    setValue(Key::BaseUrl, config.baseUrl);
    setValue(Key::RateLimit, config.rateLimitPerMinute);
    setValue(Key::TrustedProxies, subnetsToText(config.trustedProxies));
    setValue(Key::DataDir, config.dataDir == ServerOptions::defaultDataDir() ? QString() : config.dataDir);
    setValue(Key::CreateAccess, createAccessName(config.createAccess));
    setValue(Key::PublicStats, config.publicStats);
    setValue(Key::ReachableFromInternet, config.portMapping.has_value());
    setValue(Key::ExternalPort, int(config.externalPort));
}

QList<Settings::RemoteServer> Settings::remoteServers() const
{
    QList<RemoteServer> servers;
    const int count = m_settings->beginReadArray(QStringLiteral("remotes"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        RemoteServer server;
        server.id = m_settings->value(QStringLiteral("id")).toString();
        server.name = m_settings->value(QStringLiteral("name")).toString();
        server.url = m_settings->value(QStringLiteral("url")).toString();
        server.pinnedSha256 = m_settings->value(QStringLiteral("pinnedSha256")).toByteArray();
        if (!server.id.isEmpty() && !server.url.isEmpty())
            servers.append(server);
    }
    m_settings->endArray();
    return servers;
}

void Settings::setRemoteServers(const QList<RemoteServer> &servers)
{
    m_settings->remove(QStringLiteral("remotes"));
    m_settings->beginWriteArray(QStringLiteral("remotes"), int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        m_settings->setArrayIndex(i);
        const RemoteServer &server = servers.at(i);
        m_settings->setValue(QStringLiteral("id"), server.id);
        m_settings->setValue(QStringLiteral("name"), server.name);
        m_settings->setValue(QStringLiteral("url"), server.url);
        m_settings->setValue(QStringLiteral("pinnedSha256"), server.pinnedSha256);
    }
    m_settings->endArray();
    m_settings->sync();
}

QString Settings::subnetsToText(const QList<Subnet> &subnets)
{
    QStringList parts;
    for (const Subnet &subnet : subnets) {
        const int hostBits = subnet.first.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
        parts.append(subnet.second == hostBits ? subnet.first.toString()
                                               : QStringLiteral("%1/%2").arg(subnet.first.toString()).arg(subnet.second));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace shortfuse
