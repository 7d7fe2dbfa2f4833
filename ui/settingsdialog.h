#pragma once

#include "server/core/apikey.h"
#include "server/serverconfig.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTreeWidget;

namespace shortfuse {

class ServerHost;
class Settings;
class WebhooksSection;

// Edits the settings: where the server listens and what it believes, where
// its data lives, how the window starts and what it notifies. OK stores them (QSettings) and,
// when a server setting changed, emits serverSettingsChanged so the window
// restarts the server with them; the running one commits every click first.
// Who may create links and whether statistics are public are server
// settings too. API keys are not settings but records in the database:
// made, listed and revoked at once through the running server (a new key is
// shown once, with a Copy button; only its SHA-256 is stored). Webhook
// endpoints likewise (WebhooksSection).
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    // `current`: the running server's configuration, shown and used for
    // what the dialog does not edit.
    // `host`: the running server, for the API keys; null leaves them out.
    SettingsDialog(Settings &settings, const ServerConfig &current, ServerHost *host, QWidget *parent = nullptr);

    // The keys as last listed.
    const QList<ApiKey> &apiKeys() const { return m_apiKeys; }
    // The key made last while this dialog is open (empty before, and once
    // the dialog is closed it is gone for good).
    QString shownKey() const;
    // Lists the keys again.
    void reloadKeys();

    // The webhooks section (issue 13); null without a host.
    WebhooksSection *webhooks() const { return m_webhooks; }
    // Scrolls to the webhooks (the main window's warning opens them).
    void showWebhooks();

    // The languages offered: code (empty: the system's) and name.
    static QList<QPair<QString, QString>> languages();

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void serverSettingsChanged(const shortfuse::ServerConfig &config);
    // A webhook endpoint was added or deleted.
    void webhooksChanged();

private:
    // Null when a field is wrong; the error is then shown next to it.
    std::optional<ServerConfig> readServerConfig();
    void showError(QLabel *label, const QString &message);
    void browseDataDir();
    QGroupBox *buildKeys();
    // "Make my links reachable from the internet" (issue 14) and what the router said.
    QGroupBox *buildReachability();
    void reachableToggled(bool on);
    void showReachability();
    void createKey();
    void revokeSelectedKey();
    void showKeys(const QList<ApiKey> &keys);
    void updateKeyButtons();

    Settings &m_settings;
    ServerConfig m_current;
    QLineEdit *m_bind = nullptr;
    QLabel *m_bindError = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_baseUrlError = nullptr;
    QSpinBox *m_rateLimit = nullptr;
    QLineEdit *m_proxies = nullptr;
    QLabel *m_proxiesError = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QLabel *m_dataDirError = nullptr;
    QComboBox *m_createAccess = nullptr;
    QCheckBox *m_publicStats = nullptr;
    QCheckBox *m_reachable = nullptr;
    QSpinBox *m_externalPort = nullptr;
    QLabel *m_reachability = nullptr;
    QPushButton *m_useSuggested = nullptr;
    QString m_bindBeforeReachable; // what turning it on replaced (a loopback address), for turning it off
    ServerHost *m_host = nullptr;
    QList<ApiKey> m_apiKeys;
    QTreeWidget *m_keys = nullptr;
    QLineEdit *m_keyName = nullptr;
    QCheckBox *m_keyAdmin = nullptr;
    QPushButton *m_createKey = nullptr;
    QPushButton *m_revokeKey = nullptr;
    QLabel *m_keysError = nullptr;
    QFrame *m_newKeyBox = nullptr;
    QLineEdit *m_newKey = nullptr;
    WebhooksSection *m_webhooks = nullptr;
    QScrollArea *m_scroll = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_embeddedServer = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_notifyMode = nullptr;
    QCheckBox *m_quietForBots = nullptr;
};

} // namespace shortfuse
