#pragma once

#include "server/serverconfig.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace shortfuse {

class Settings;

// Edits the settings: where the server listens and what it believes, where
// its data lives, and how the window starts. OK stores them (QSettings) and,
// when a server setting changed, emits serverSettingsChanged so the window
// restarts the server with them; the running one commits every click first.
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    // `current`: the running server's configuration, shown and used for
    // what the dialog does not edit.
    SettingsDialog(Settings &settings, const ServerConfig &current, QWidget *parent = nullptr);

    // The languages offered: code (empty: the system's) and name.
    static QList<QPair<QString, QString>> languages();

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void serverSettingsChanged(const shortfuse::ServerConfig &config);

private:
    // Null when a field is wrong; the error is then shown next to it.
    std::optional<ServerConfig> readServerConfig();
    void showError(QLabel *label, const QString &message);
    void browseDataDir();

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
    QCheckBox *m_startMinimized = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace shortfuse
