#pragma once

#include "ui/theme.h"

#include <QCoreApplication>
#include <QGuiApplication>

namespace shortfuse {

// Who the desktop app is to the system, set the same way by the app and by
// the screenshot tool (so screenshots show exactly what users see). The
// application name is shortfuse-server's too: both use the same default
// data folder, so the desktop and the headless server share links.
inline void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("shortfuse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHORTFUSE_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Shortfuse"));
    QGuiApplication::setDesktopFileName(QStringLiteral(SHORTFUSE_APP_ID));
    QGuiApplication::setWindowIcon(theme::appIcon());
    // Closing the window may leave the tray icon serving; Quit ends the app.
    QGuiApplication::setQuitOnLastWindowClosed(false);
}

} // namespace shortfuse
