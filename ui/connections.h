#pragma once

#include "server/core/result.h"
#include "ui/settings.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace shortfuse {

class ConsoleSwitch;
class KeyStore;
class LinkConsole;
class RemoteConsole;
class ServerHost;

// The servers the window can show (issue 15): "This computer" (the
// embedded server, unless turned off) and the remote ones in the settings,
// each a URL and an API key kept in the keychain. Owns a RemoteConsole per
// remote server, made when it is first shown; switching points the
// window's ConsoleSwitch at it.
class Connections final : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kThisComputer = ""; // the embedded server's id

    Connections(Settings &settings, ServerHost &embedded, ConsoleSwitch &console, KeyStore &keys,
                QObject *parent = nullptr);

    struct Entry {
        QString id;
        QString name;
    };
    // "This computer" first (while the embedded server is on), then the remotes.
    QList<Entry> entries() const;
    QString currentId() const { return m_current; }
    QString nameOf(const QString &id) const;
    // The remote's console, or null ("This computer", an unknown id, not shown yet).
    RemoteConsole *remote(const QString &id) const { return m_remotes.value(id); }

    // Shows this server: for a remote, its key is read from the keychain
    // and it connects (keyNeeded() when there is no key to read).
    void activate(const QString &id);
    // Adds a remote server: its key into the keychain (or, without one,
    // for this run only: `done` then carries the reason), the rest into
    // the settings; then shows it.
    void addRemote(const QString &name, const QUrl &url, const QString &key, QObject *context,
                   std::function<void(const Status &)> done);
    // Forgets a remote server and its key.
    void removeRemote(const QString &id);
    // The user chose to trust the certificate this remote showed (pinned by its SHA-256): reconnect.
    void trustCertificate(const QString &id, const QByteArray &sha256);
    // The embedded server was turned on or off in the settings: the list
    // follows, and a window that showed it shows the first remote instead.
    void embeddedServerChanged();
    // A key typed in for this run only (no keychain, or none kept).
    void provideKey(const QString &id, const QString &key);

Q_SIGNALS:
    void entriesChanged();
    void currentChanged(const QString &id);
    // The window must ask for this remote's key: `why` says why it is not kept.
    void keyNeeded(const QString &id, const QString &why);

private:
    std::optional<Settings::RemoteServer> remoteServer(const QString &id) const;
    void connectRemote(const Settings::RemoteServer &server, const QString &key);

    Settings &m_settings;
    ServerHost &m_embedded;
    ConsoleSwitch &m_console;
    KeyStore &m_keys;
    QString m_current;
    QHash<QString, RemoteConsole *> m_remotes; // children
    QHash<QString, QString> m_sessionKeys;     // keys typed in this run when the keychain could not keep them
};

} // namespace shortfuse
