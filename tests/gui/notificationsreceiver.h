#pragma once

#include <QDBusConnection>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace shortfuse::test {

// A stand-in for the desktop's notification daemon: owns
// org.freedesktop.Notifications on the session bus (the private one of
// `dbus-run-session`, never the user's), records each Notify call and can
// send the signals a daemon sends when the user clicks or closes one.
//
// It talks over a bus connection of its own, so the window's calls travel
// through the real dbus-daemon as they would to a desktop's daemon (Qt short-
// circuits calls to a service owned by the calling connection itself).
class NotificationsReceiver final : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0;  // the id answered
    };

    NotificationsReceiver();
    ~NotificationsReceiver() override;

    // Takes the service name; false (with `error`) if the bus is missing or
    // someone else (a real desktop's daemon) owns it.
    bool registerOnBus(QString *error);

    const QList<Call> &calls() const { return m_calls; }
    // The signals of a daemon.
    void invokeAction(uint id, const QString &action);
    void close(uint id, uint reason = 2);

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout);
    QStringList GetCapabilities();
    void CloseNotification(uint id);

private:
    QString m_connectionName;
    QDBusConnection m_bus;
    QList<Call> m_calls;
    uint m_nextId = 1;
};

} // namespace shortfuse::test
