#include "ui/connections.h"

#include "ui/consoleswitch.h"
#include "ui/keystore.h"
#include "ui/remoteconsole.h"
#include "ui/serverhost.h"

#include <QUuid>

namespace shortfuse {

Connections::Connections(Settings &settings, ServerHost &embedded, ConsoleSwitch &console, KeyStore &keys,
                         QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_embedded(embedded)
    , m_console(console)
    , m_keys(keys)
{
}

QList<Connections::Entry> Connections::entries() const
{
    QList<Entry> entries;
    if (m_settings.value(Settings::Key::EmbeddedServer).toBool())
        entries.append({QString::fromLatin1(kThisComputer), tr("This computer")});
    for (const Settings::RemoteServer &server : m_settings.remoteServers())
        entries.append({server.id, server.name.isEmpty() ? server.url : server.name});
    return entries;
}

QString Connections::nameOf(const QString &id) const
{
    for (const Entry &entry : entries()) {
        if (entry.id == id)
            return entry.name;
    }
    return {};
}

std::optional<Settings::RemoteServer> Connections::remoteServer(const QString &id) const
{
    for (const Settings::RemoteServer &server : m_settings.remoteServers()) {
        if (server.id == id)
            return server;
    }
    return std::nullopt;
}

void Connections::activate(const QString &id)
{
    const std::optional<Settings::RemoteServer> server = remoteServer(id);
    if (!server) {
        // "This computer" (or a remote that is gone).
        m_current = QString::fromLatin1(kThisComputer);
        m_console.setCurrent(&m_embedded);
    } else {
        m_current = id;
        if (RemoteConsole *console = m_remotes.value(id)) {
            m_console.setCurrent(console);
        } else if (m_sessionKeys.contains(id)) {
            connectRemote(*server, m_sessionKeys.value(id));
        } else {
            m_console.setCurrent(nullptr); // nothing to show until the key is read
            m_keys.read(id, this, [this, server = *server](const Result<QString> &key) {
                if (!key)
                    return Q_EMIT keyNeeded(server.id, key.error().message);
                if (m_current == server.id)
                    connectRemote(server, *key);
            });
        }
    }
    m_settings.setValue(Settings::Key::CurrentConnection, m_current);
    Q_EMIT currentChanged(m_current);
}

void Connections::connectRemote(const Settings::RemoteServer &server, const QString &key)
{
    RemoteConsole::Connection connection{QUrl(server.url), key, server.pinnedSha256};
    auto *console = new RemoteConsole(connection, this);
    delete m_remotes.take(server.id);
    m_remotes.insert(server.id, console);
    if (m_current == server.id)
        m_console.setCurrent(console);
    console->connectToServer();
}

void Connections::addRemote(const QString &name, const QUrl &url, const QString &key, QObject *context,
                            std::function<void(const Status &)> done)
{
    Settings::RemoteServer server;
    server.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    server.name = name.trimmed();
    server.url = url.toString(QUrl::StripTrailingSlash);
    QList<Settings::RemoteServer> servers = m_settings.remoteServers();
    servers.append(server);
    m_settings.setRemoteServers(servers);
    Q_EMIT entriesChanged();
    m_keys.write(server.id, key, context, [this, server, key, done = std::move(done)](const Status &kept) {
        if (!kept)
            m_sessionKeys.insert(server.id, key); // for this run; asked again at the next start
        activate(server.id);
        done(kept);
    });
}

void Connections::removeRemote(const QString &id)
{
    QList<Settings::RemoteServer> servers = m_settings.remoteServers();
    servers.removeIf([&id](const Settings::RemoteServer &server) { return server.id == id; });
    m_settings.setRemoteServers(servers);
    m_sessionKeys.remove(id);
    m_keys.remove(id, this, [](const Status &) {});
    if (m_current == id)
        activate(QString::fromLatin1(kThisComputer));
    delete m_remotes.take(id);
    Q_EMIT entriesChanged();
}

void Connections::trustCertificate(const QString &id, const QByteArray &sha256)
{
    QList<Settings::RemoteServer> servers = m_settings.remoteServers();
    for (Settings::RemoteServer &server : servers) {
        if (server.id == id)
            server.pinnedSha256 = sha256;
    }
    m_settings.setRemoteServers(servers);
    RemoteConsole *old = m_remotes.value(id);
    const QString key = old ? old->connection().apiKey : m_sessionKeys.value(id);
    if (const std::optional<Settings::RemoteServer> server = remoteServer(id); server && !key.isEmpty())
        connectRemote(*server, key);
}

void Connections::embeddedServerChanged()
{
    Q_EMIT entriesChanged();
    const QList<Entry> shown = entries();
    if (m_current.isEmpty() && !m_settings.value(Settings::Key::EmbeddedServer).toBool() && !shown.isEmpty())
        activate(shown.constFirst().id);
}

void Connections::provideKey(const QString &id, const QString &key)
{
    m_sessionKeys.insert(id, key);
    if (const std::optional<Settings::RemoteServer> server = remoteServer(id); server && m_current == id)
        connectRemote(*server, key);
}

} // namespace shortfuse
