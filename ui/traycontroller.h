#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace shortfuse {

class Settings;

// What the tray means for the window: its menu (show window, copy last
// link, quit), the icon itself, what closing the window does, and its
// balloon (the first-close notice; desktop notifications where the desktop
// has no notification service).
//
// Owns the menu and its show/copy actions, and the QSystemTrayIcon, which
// exists only when `trayAvailable` (production passes
// QSystemTrayIcon::isSystemTrayAvailable()). The menu and the decisions
// exist either way, so they can be exercised where no tray is visible
// (offscreen, Xvfb). Uses, never owns, the Settings (where the first-close
// notice is remembered) and the quit action (the window's own).
//
// Without a tray, closing the window has to quit: nothing else could bring
// the window back while the server kept running unseen.
class TrayController final : public QObject {
    Q_OBJECT
public:
    enum class CloseAction { HideToTray, Quit };

    TrayController(Settings &settings, bool trayAvailable, QAction *quitAction, QObject *parent = nullptr);
    ~TrayController() override;
    Q_DISABLE_COPY_MOVE(TrayController)

    bool isAvailable() const { return m_available; }
    // Null without a tray.
    QSystemTrayIcon *icon() const { return m_icon; }
    QMenu *menu() const { return m_menu; }
    QAction *showAction() const { return m_show; }
    QAction *copyLastAction() const { return m_copyLast; }
    QAction *quitAction() const { return m_quit; }

    // The window is being closed (not quit): with a tray it hides and the
    // server keeps serving, and the first time ever (remembered in the
    // settings) a notice says so; without one the application quits.
    CloseAction windowClosing();

    // The short link "Copy last link" puts on the clipboard; empty disables it.
    void setLastShortUrl(const QString &url);
    QString lastShortUrl() const { return m_lastShortUrl; }
    void copyLastLink();

    // Hides the icon (the application is quitting).
    void hideIcon();

    // A desktop notification through the tray's balloon, where the desktop
    // has no notification service (DesktopNotifier falls back to it).
    // Without a tray icon nothing shows, but notificationShown says what
    // would have.
    void showNotification(const QString &title, const QString &message);

Q_SIGNALS:
    void showWindowRequested();
    // A single click on the icon: hide the window if it shows, else show it.
    void toggleWindowRequested();
    // The first-close notice, as shown in the tray's balloon.
    void noticeShown(const QString &title, const QString &message);
    // A balloon of showNotification, as shown.
    void notificationShown(const QString &title, const QString &message);
    // The user clicked a balloon (the icon's messageClicked).
    void notificationClicked();

private:
    Settings &m_settings;
    bool m_available;
    QAction *m_quit;
    QMenu *m_menu = nullptr;
    QAction *m_show = nullptr;
    QAction *m_copyLast = nullptr;
    QSystemTrayIcon *m_icon = nullptr;
    QString m_lastShortUrl;
};

} // namespace shortfuse
