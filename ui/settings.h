#pragma once

#include "server/serverconfig.h"

#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace shortfuse {

// The desktop's settings: one table of keys with their defaults (settings.cpp),
// stored with QSettings. Owns the QSettings object; a test or a demo passes a
// file of its own so nothing touches the user's configuration.
class Settings final : public QObject {
    Q_OBJECT
public:
    enum class Key {
        BindAddress,
        Port,
        BaseUrl,
        RateLimit,
        TrustedProxies,
        DataDir,
        CreateAccess,
        PublicStats,
        ReachableFromInternet, // issue 14: ask the router for a port mapping (and listen beyond loopback)
        ExternalPort,          // the router port to ask for; 0: the server's own number
        StartMinimized,
        Language,
        TrayNoticeShown,
        WindowGeometry,
        WindowState,
        NotifyMode,          // desktop notifications (issue 13): "every", "usedUp" or "never"
        NotifyQuietForBots,  // no desktop notification for a bot's click
        EmbeddedServer,      // issue 15: run the embedded server ("This computer"); off for remote-only use
        CurrentConnection,   // the connection the window shows: empty for "This computer", else a remote's id
    };
    Q_ENUM(Key)

    // The user's settings (~/.config/shortfuse/shortfuse.conf on Linux).
    explicit Settings(QObject *parent = nullptr);
    // An INI file of its own.
    explicit Settings(const QString &iniFile, QObject *parent = nullptr);
    ~Settings() override;
    Q_DISABLE_COPY_MOVE(Settings)

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void sync();
    QString fileName() const;

    // The server part of the settings laid over `base`, which carries what
    // the settings do not cover (stats rate limit, GeoIP database, ...).
    // A stored value that no longer parses falls back to `base`'s.
    ServerConfig serverConfig(ServerConfig base) const;
    // Stores the server part of `config`.
    void setServerConfig(const ServerConfig &config);

    // Remote servers the window manages (issue 15). Their API keys are
    // not here: they live in the system keychain (KeyStore).
    struct RemoteServer {
        QString id;            // stable, made when it is added
        QString name;          // the user's word for it
        QString url;           // https://sho.rt
        QByteArray pinnedSha256; // a certificate the user chose to trust, or empty
    };
    QList<RemoteServer> remoteServers() const;
    void setRemoteServers(const QList<RemoteServer> &servers);

    // Subnets as a person writes them: "127.0.0.1, 10.0.0.0/8".
    static QString subnetsToText(const QList<Subnet> &subnets);

Q_SIGNALS:
    void changed(shortfuse::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace shortfuse
