#include "ui/traycontroller.h"

#include "ui/settings.h"
#include "ui/theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSystemTrayIcon>

namespace shortfuse {

TrayController::TrayController(Settings &settings, bool trayAvailable, QAction *quitAction, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_available(trayAvailable)
    , m_quit(quitAction)
{
    // A menu has no parent widget here; this object deletes it.
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_show = m_menu->addAction(tr("&Show window"), this, &TrayController::showWindowRequested);
    m_show->setObjectName(QStringLiteral("trayShowAction"));
    m_copyLast = m_menu->addAction(tr("&Copy last link"), this, &TrayController::copyLastLink);
    m_copyLast->setObjectName(QStringLiteral("trayCopyLastAction"));
    m_copyLast->setEnabled(false);
    m_menu->addSeparator();
    if (m_quit)
        m_menu->addAction(m_quit);

    if (!m_available)
        return;
    m_icon = new QSystemTrayIcon(theme::appIcon(), this);
    m_icon->setObjectName(QStringLiteral("trayIcon"));
    m_icon->setToolTip(tr("Shortfuse"));
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT toggleWindowRequested();
        else if (reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayController::notificationClicked);
    m_icon->show();
}

TrayController::~TrayController()
{
    delete m_menu;
}

TrayController::CloseAction TrayController::windowClosing()
{
    if (!m_available)
        return CloseAction::Quit;
    if (!m_settings.value(Settings::Key::TrayNoticeShown).toBool()) {
        m_settings.setValue(Settings::Key::TrayNoticeShown, true);
        m_settings.sync();
        const QString title = tr("Shortfuse is still running");
        const QString message = tr("Your short links keep working while Shortfuse runs in the tray. "
                                   "To stop serving them, choose Quit from the tray icon's menu.");
        if (m_icon)
            m_icon->showMessage(title, message, QSystemTrayIcon::Information, 8000);
        Q_EMIT noticeShown(title, message);
    }
    return CloseAction::HideToTray;
}

void TrayController::setLastShortUrl(const QString &url)
{
    m_lastShortUrl = url;
    m_copyLast->setEnabled(!url.isEmpty());
}

void TrayController::copyLastLink()
{
    if (!m_lastShortUrl.isEmpty())
        QApplication::clipboard()->setText(m_lastShortUrl);
}

void TrayController::showNotification(const QString &title, const QString &message)
{
    if (m_icon)
        m_icon->showMessage(title, message, theme::appIcon(), 8000);
    Q_EMIT notificationShown(title, message);
}

void TrayController::hideIcon()
{
    if (m_icon)
        m_icon->hide();
}

} // namespace shortfuse
