#include "ui/desktopnotifier.h"

#include "ui/settings.h"
#include "ui/traycontroller.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QLoggingCategory>
#include <QVariantMap>

Q_LOGGING_CATEGORY(lcNotify, "shortfuse.notify")

namespace shortfuse {

namespace {

// The last claim of a capped link, whichever way the journal writes it.
bool isUsedUp(const LinkEvent &event)
{
    if (event.type == LinkEventType::UsedUp)
        return true;
    const std::optional<qint64> left = event.remaining();
    return event.type == LinkEventType::Clicked && left && *left == 0;
}

} // namespace

QString DesktopNotifier::modeName(Mode mode)
{
    switch (mode) {
    case Mode::EveryClaim:
        return QStringLiteral("every");
    case Mode::UsedUpOnly:
        return QStringLiteral("usedUp");
    case Mode::Never:
        return QStringLiteral("never");
    }
    return QStringLiteral("every");
}

DesktopNotifier::Mode DesktopNotifier::modeFromName(const QString &name)
{
    for (Mode mode : {Mode::EveryClaim, Mode::UsedUpOnly, Mode::Never}) {
        if (modeName(mode) == name)
            return mode;
    }
    return Mode::EveryClaim;  // an unknown stored value: the default
}

DesktopNotifier::DesktopNotifier(Settings &settings, TrayController *tray, QObject *parent)
    : DesktopNotifier(settings, tray, QDBusConnection::sessionBus(), parent)
{
}

DesktopNotifier::DesktopNotifier(Settings &settings, TrayController *tray, const QDBusConnection &bus,
                                 QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_tray(tray)
    , m_bus(bus)
{
    m_window.setInterval(1000);
    connect(&m_window, &QTimer::timeout, this, &DesktopNotifier::onWindowEnd);

    if (m_tray) {
        connect(m_tray, &TrayController::notificationClicked, this, [this] {
            if (m_lastTraySlug)
                Q_EMIT openStatsRequested(*m_lastTraySlug);
        });
        // The tray's own notice shares the balloon: a click on it opens nothing.
        connect(m_tray, &TrayController::noticeShown, this, [this] { m_lastTraySlug.reset(); });
    }

    if (!m_bus.isConnected())
        return;
    const QString service = QLatin1String(kService);
    const QString path = QLatin1String(kPath);
    const QString interface = QLatin1String(kInterface);
    // Matched on the service's name: no other program on the bus can make
    // the window open something by sending these signals.
    m_bus.connect(service, path, interface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(service, path, interface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onNotificationClosed(uint, uint)));
    // A service started after a call failed (the desktop's notification
    // daemon restarted) is used again.
    auto *watcher = new QDBusServiceWatcher(service, m_bus, QDBusServiceWatcher::WatchForRegistration, this);
    connect(watcher, &QDBusServiceWatcher::serviceRegistered, this, [this] { m_serviceUsable = true; });
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::wanted(const LinkEvent &event, Mode mode, bool quietForBots)
{
    if (mode == Mode::Never || !event.maxClicks || (quietForBots && event.bot))
        return false;
    if (event.type != LinkEventType::Clicked && event.type != LinkEventType::UsedUp)
        return false;  // Previewed, ExpiredHit: not claims (see the class comment)
    return isUsedUp(event) || mode == Mode::EveryClaim;
}

void DesktopNotifier::showEvents(const QList<LinkEvent> &events)
{
    // The settings once per batch: a burst of 1,000 events reads them once.
    const Mode mode = modeFromName(m_settings.value(Settings::Key::NotifyMode).toString());
    const bool quietForBots = m_settings.value(Settings::Key::NotifyQuietForBots).toBool();
    for (const LinkEvent &event : events)
        consider(event, mode, quietForBots);
}

void DesktopNotifier::show(const LinkEvent &event)
{
    showEvents({event});
}

void DesktopNotifier::consider(const LinkEvent &event, Mode mode, bool quietForBots)
{
    if (!wanted(event, mode, quietForBots) || alreadyUsedUp(event))
        return;
    if (!m_window.isActive()) {
        send(compose(event, 0));
        m_window.start();
        return;
    }
    auto it = m_gathered.find(event.slug);
    if (it == m_gathered.end()) {
        m_order.append(event.slug);
        it = m_gathered.insert(event.slug, {});
    }
    it->latest = event;
    ++it->count;
}

bool DesktopNotifier::alreadyUsedUp(const LinkEvent &event)
{
    if (!isUsedUp(event))
        return false;
    const auto seen = m_usedUp.constFind(event.slug);
    if (seen != m_usedUp.constEnd() && *seen >= event.clicks)
        return true;
    if (seen == m_usedUp.constEnd()) {
        m_usedUpOrder.enqueue(event.slug);
        if (m_usedUpOrder.size() > kMaxRemembered)
            m_usedUp.remove(m_usedUpOrder.dequeue());
    }
    m_usedUp.insert(event.slug, event.clicks);
    return false;
}

void DesktopNotifier::onWindowEnd()
{
    if (m_gathered.isEmpty()) {
        m_window.stop();  // a quiet window: the next event shows at once
        return;
    }
    if (m_order.size() <= kMaxPerWindow) {
        for (const QString &slug : std::as_const(m_order)) {
            const Gathered &g = m_gathered.value(slug);
            send(compose(g.latest, g.count - 1));
        }
    } else {
        qint64 clicks = 0;
        QStringList names;
        for (const QString &slug : std::as_const(m_order)) {
            clicks += m_gathered.value(slug).count;
            if (names.size() < 5)
                names.append(slug);
        }
        if (m_order.size() > names.size())
            names.append(QStringLiteral("…"));
        send({tr("%1 clicks on %2 links").arg(clicks).arg(m_order.size()), names.join(QStringLiteral(", ")), {}});
    }
    m_gathered.clear();
    m_order.clear();
    // The timer repeats: the next window is open.
}

DesktopNotifier::Notification DesktopNotifier::compose(const LinkEvent &event, int more)
{
    Notification n;
    n.slug = event.slug;
    const std::optional<qint64> left = event.remaining();
    if (isUsedUp(event))
        n.summary = tr("%1 is used up").arg(event.slug);
    else
        n.summary = tr("%1 was opened — %2 of %3 left").arg(event.slug).arg(left.value_or(0)).arg(event.maxClicks.value_or(0));
    // The journal's one sentence, as the chat webhooks show it: who, from where.
    n.body = event.sentence();
    if (more > 0)
        n.body += u'\n' + tr("and %1 more clicks just before").arg(more);
    return n;
}

void DesktopNotifier::send(const Notification &notification)
{
    if (!m_bus.isConnected() || !m_serviceUsable) {
        sendThroughTray(notification);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                       QLatin1String(kInterface), QStringLiteral("Notify"));
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("io.github.shortfuse.Shortfuse")},
    };
    call << QStringLiteral("Shortfuse") << uint(0) << QStringLiteral("shortfuse") << notification.summary
         << notification.body << QStringList{QStringLiteral("default"), tr("Open statistics")} << hints
         << qint32(-1);
    // Asynchronous: the GUI thread never waits for the bus.
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    ++m_pendingCalls;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, notification] {
        watcher->deleteLater();
        --m_pendingCalls;
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            // No service (none on the bus and none activatable), or one that
            // failed: the tray says it instead, and goes on saying it until
            // a service registers.
            qCInfo(lcNotify) << "notification service unavailable, using the tray:" << reply.error().name()
                             << reply.error().message();
            m_serviceUsable = false;
            sendThroughTray(notification);
            return;
        }
        remember(reply.value(), notification.slug);
        ++m_sentDBus;
        Q_EMIT notified(Channel::DBus, notification.summary, notification.body, notification.slug);
    });
}

void DesktopNotifier::sendThroughTray(const Notification &notification)
{
    m_lastTraySlug = notification.slug;
    if (m_tray)
        m_tray->showNotification(notification.summary, notification.body);
    ++m_sentTray;
    Q_EMIT notified(Channel::Tray, notification.summary, notification.body, notification.slug);
}

void DesktopNotifier::remember(uint id, const QString &slug)
{
    if (!m_slugs.contains(id))
        m_ids.enqueue(id);
    m_slugs.insert(id, slug);
    while (m_ids.size() > kMaxRemembered)
        m_slugs.remove(m_ids.dequeue());
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    Q_UNUSED(action);  // "default" (the notification itself) or our one button: both open the statistics
    const auto it = m_slugs.constFind(id);
    if (it == m_slugs.constEnd())
        return;  // another program's notification
    Q_EMIT openStatsRequested(*it);
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    if (m_slugs.remove(id))
        m_ids.removeOne(id);
}

} // namespace shortfuse
