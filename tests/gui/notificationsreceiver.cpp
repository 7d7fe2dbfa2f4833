#include "tests/gui/notificationsreceiver.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QUuid>

namespace shortfuse::test {

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

} // namespace

NotificationsReceiver::NotificationsReceiver()
    : m_connectionName(QStringLiteral("notifications-receiver-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_connectionName))
{
}

NotificationsReceiver::~NotificationsReceiver()
{
    if (m_bus.isConnected()) {
        m_bus.unregisterObject(kPath);
        m_bus.unregisterService(kService);
    }
    QDBusConnection::disconnectFromBus(m_connectionName);
}

bool NotificationsReceiver::registerOnBus(QString *error)
{
    if (!m_bus.isConnected()) {
        *error = QStringLiteral("no session bus (run the test under dbus-run-session): ") + m_bus.lastError().message();
        return false;
    }
    if (!m_bus.registerObject(kPath, this, QDBusConnection::ExportAllSlots)) {
        *error = QStringLiteral("cannot register the object: ") + m_bus.lastError().message();
        return false;
    }
    if (!m_bus.registerService(kService)) {
        *error = QStringLiteral("cannot own org.freedesktop.Notifications (a real desktop's daemon? run the test "
                                "under dbus-run-session): ")
            + m_bus.lastError().message();
        return false;
    }
    return true;
}

uint NotificationsReceiver::Notify(const QString &appName, uint replacesId, const QString &appIcon,
                                   const QString &summary, const QString &body, const QStringList &actions,
                                   const QVariantMap &hints, int expireTimeout)
{
    const uint id = m_nextId++;
    m_calls.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
    return id;
}

QStringList NotificationsReceiver::GetCapabilities()
{
    return {QStringLiteral("actions"), QStringLiteral("body")};
}

void NotificationsReceiver::CloseNotification(uint id)
{
    close(id, 3);
}

void NotificationsReceiver::invokeAction(uint id, const QString &action)
{
    QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, QStringLiteral("ActionInvoked"));
    signal << id << action;
    m_bus.send(signal);
}

void NotificationsReceiver::close(uint id, uint reason)
{
    QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, QStringLiteral("NotificationClosed"));
    signal << id << reason;
    m_bus.send(signal);
}

} // namespace shortfuse::test
