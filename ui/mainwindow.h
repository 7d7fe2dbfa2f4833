#pragma once

#include "server/core/reachability.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QFrame;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QTabWidget;
class QTableView;

namespace shortfuse {

class ConnectionMenu;
class Connections;
class ConsoleSwitch;
class KeyStore;
class CreatePanel;
class DesktopNotifier;
class LinkTableModel;
class ServerHost;
class Settings;
class SettingsDialog;
class StatsView;
class TrayController;
class WebhookWatcher;

// The desktop window: the create panel on top, then the links table and
// the statistics of one link in two tabs, the server's address and the day's
// totals in the status bar, and (where the desktop has one) a tray icon that
// keeps the server running while the window is closed.
//
// Owns its widgets, the tray controller, the desktop notifier and the
// settings dialog; uses, never owns, the ServerHost and the Settings.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // Asks the desktop whether it has a tray (QSystemTrayIcon::isSystemTrayAvailable()).
    MainWindow(ServerHost &host, Settings &settings, QWidget *parent = nullptr);
    // `trayAvailable` decides what closing the window does: hide to the tray
    // and keep serving, or quit. Tests choose it; production asks the desktop.
    MainWindow(ServerHost &host, Settings &settings, bool trayAvailable, QWidget *parent = nullptr);
    ~MainWindow() override;

    CreatePanel *createPanel() const { return m_create; }
    LinkTableModel *linkModel() const { return m_model; }
    QTableView *linkTable() const { return m_table; }
    StatsView *statsView() const { return m_stats; }
    QTabWidget *tabs() const { return m_tabs; }
    TrayController *tray() const { return m_tray; }
    // The links of the current connection (issue 15): every view asks here.
    ConsoleSwitch *console() const { return m_console; }
    // The servers the window can show, and the switcher between them.
    Connections *connections() const { return m_connections; }
    ConnectionMenu *connectionMenu() const { return m_connectionMenu; }
    // Whether the window shows the embedded server (not a remote one).
    bool showsThisComputer() const;
    // The desktop notifications of the server's link events (issue 13).
    DesktopNotifier *notifier() const { return m_notifier; }
    // Watches for webhook endpoints disabled after failing for 24 hours
    // (issue 13); the window shows a banner while there are any.
    WebhookWatcher *webhookWatcher() const { return m_webhookWatcher; }
    // Closing hides the window (and the server keeps serving) when there is a tray.
    bool closesToTray() const;
    // True once the health check through the listening address answered.
    bool isReachable() const { return m_reachable; }
    // Whether links open from outside (issue 14), in the status bar.
    QLabel *internetLabel() const { return m_internetLabel; }

    // The statistics tab for this link.
    void showStatsFor(const QString &slug);
    // Selects the link's row, if it is loaded.
    bool selectSlug(const QString &slug);

public Q_SLOTS:
    void showAndRaise();
    void openSettings();
    // The edit dialog of the selected link.
    void editCurrentLink();
    // "Links for several recipients".
    void openRecipients();
    // Stops the server (every recorded click is committed), then quits.
    void quitApplication();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The constructor's parts.
    QFrame *buildServerBanner(QWidget *parent);
    QFrame *buildWebhookBanner(QWidget *parent);
    void showDisabledWebhooks(const QStringList &hosts);
    QTabWidget *buildTabs(QWidget *parent);
    QTableView *buildLinkTable(QWidget *parent);
    void buildStatusBar();
    void connectLinkViews();
    void connectServer();  // the server's state and live events
    void restoreWindowGeometry();
    void buildActions();
    void buildMenus();
    void buildTray(bool trayAvailable);
    void updateLinkActions();
    QString currentSlug() const;
    void copyCurrentLink();
    void openCurrentDestination();
    void revokeCurrentLink();
    void onServerStarted();
    void onServerFailed(const QString &message);
    void onServerStateChanged();
    void probeReachability();
    // The router's verdict (issue 14): the status bar, the offer of the
    // address outside the router, a word when the external address moves.
    void showInternetReachability(const ReachabilityVerdict &verdict);
    void useSuggestedBaseUrl();
    // Remote connections (issue 15).
    void buildConnections();
    void addServer();
    void removeCurrentServer();
    void askForKey(const QString &id, const QString &why);
    void onConsoleStateChanged();
    void switchViewState(const QString &id);
    void refreshTotals();
    void scheduleTotals();
    void updateTotalsLabel();
    void updateStatusColors();

    ServerHost &m_host;          // the embedded server (settings, reachability)
    Settings &m_settings;
    ConsoleSwitch *m_console;    // the current connection's links: every view asks here
    KeyStore *m_keyStore = nullptr;          // child
    Connections *m_connections = nullptr;    // child
    ConnectionMenu *m_connectionMenu = nullptr; // child
    // What each connection's views showed (filter, sort, tab), restored when it is shown again.
    struct ViewState {
        QString filter;
        int sortColumn = -1;
        Qt::SortOrder sortOrder = Qt::DescendingOrder;
        int tab = 0;
    };
    QHash<QString, ViewState> m_viewStates;
    QString m_shownConnection;
    QString m_trustOffered; // the remote whose certificate the window last offered to trust

    CreatePanel *m_create = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    LinkTableModel *m_model = nullptr;
    StatsView *m_stats = nullptr;
    QFrame *m_serverBanner = nullptr;
    QLabel *m_serverBannerText = nullptr;
    QPushButton *m_bannerSettings = nullptr;
    QFrame *m_webhookBanner = nullptr;
    QLabel *m_webhookBannerText = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLabel *m_reachLabel = nullptr;
    QLabel *m_internetLabel = nullptr;
    QPushButton *m_useSuggested = nullptr;
    QString m_lastExternalAddress; // the router's, as last mapped: its change is said
    QLabel *m_totalsLabel = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;

    QAction *m_copyLink = nullptr;
    QAction *m_openStats = nullptr;
    QAction *m_openDestination = nullptr;
    QAction *m_revoke = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_recipients = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_focusNew = nullptr;
    QAction *m_focusFilter = nullptr;
    QAction *m_showLinks = nullptr;
    QAction *m_showStats = nullptr;

    TrayController *m_tray = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    WebhookWatcher *m_webhookWatcher = nullptr;

    QNetworkAccessManager *m_network = nullptr;
    QTimer m_probeTimer;
    QTimer m_totalsTimer;  // coalesces refreshes after clicks; also ticks past midnight
    bool m_reachable = false;
    qint64 m_totalLinks = -1;
    qint64 m_clicksToday = -1;
    bool m_quitting = false;
};

} // namespace shortfuse
