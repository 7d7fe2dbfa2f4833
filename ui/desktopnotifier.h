#pragma once

#include "server/core/linkevent.h"

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QTimer>

#include <optional>

namespace shortfuse {

class Settings;
class TrayController;

// Tells the owner on the desktop that a link was opened (issue 13): "spring-
// invite was opened — 29 of 60 left", "invite-anna is used up". Clicking the
// notification asks for that link's statistics (openStatsRequested).
//
// Sends through the freedesktop notification service
// (org.freedesktop.Notifications over the session bus, Qt DBus), always with
// asynchronous calls: the GUI thread never waits on the bus. Where there is
// no session bus, or the service answers a call with an error (not on the
// bus, not activatable), the notification goes to the tray's balloon
// instead, and so do the following ones until the service appears on the bus.
//
// Which events notify (the settings, read at each event so a change applies
// at once):
//  - EveryClaim: each claim of a capped link (Clicked) and its last one
//    (UsedUp); UsedUpOnly: only the last; Never: nothing.
//  - Previewed and ExpiredHit never notify: the settings speak of claims,
//    and neither consumes one. A chat app's link preview or a visitor who
//    comes back after the link ended would otherwise interrupt the owner for
//    something that changed nothing; the webhooks carry them for whoever
//    wants them.
//  - Clicks of unlimited links never notify (a busy link would flood the desktop).
//  - "Quiet for bots" drops events whose `bot` is set.
//  - The last claim may come as a Clicked with nothing left and as a UsedUp:
//    it notifies once, as "used up".
//
// Bounded rate: a burst must not become a burst of popups. The first event
// after a quiet spell shows at once and opens a window (1 s by default).
// What arrives during the window is gathered per link; at its end each link
// gets one notification for its latest event with "N more" (so at most one
// per link per window), or, past kMaxPerWindow links, a single summary
// "N clicks on M links" (which opens the window without a link). A window
// that showed something opens the next; an empty one ends the spell.
//
// Uses, never owns, the Settings and the TrayController.
class DesktopNotifier final : public QObject {
    Q_OBJECT
public:
    enum class Mode { EveryClaim, UsedUpOnly, Never };
    Q_ENUM(Mode)
    enum class Channel { DBus, Tray };
    Q_ENUM(Channel)

    static constexpr auto kService = "org.freedesktop.Notifications";
    static constexpr auto kPath = "/org/freedesktop/Notifications";
    static constexpr auto kInterface = "org.freedesktop.Notifications";
    // Links shown one by one at the end of a window; more get one summary.
    static constexpr int kMaxPerWindow = 3;
    // Notification ids remembered for ActionInvoked (the oldest are forgotten).
    static constexpr int kMaxRemembered = 200;

    // The settings' names of the modes ("every", "usedUp", "never").
    static QString modeName(Mode mode);
    static Mode modeFromName(const QString &name);

    // `bus`: where the notification service is looked for; the session bus
    // in production.
    DesktopNotifier(Settings &settings, TrayController *tray, QObject *parent = nullptr);
    DesktopNotifier(Settings &settings, TrayController *tray, const QDBusConnection &bus, QObject *parent = nullptr);
    ~DesktopNotifier() override;
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

    // One event, as the settings and the rate bound allow.
    void show(const LinkEvent &event);
    // ServerHost::linkEvents: each in turn.
    void showEvents(const QList<LinkEvent> &events);

    // Whether `event` notifies at all under these settings (before the rate bound).
    static bool wanted(const LinkEvent &event, Mode mode, bool quietForBots);

    // The coalescing window (tests shorten it).
    void setWindowMs(int ms) { m_window.setInterval(ms); }
    int windowMs() const { return m_window.interval(); }
    // Nothing gathered, no window open, no call to the service awaiting its answer.
    bool isIdle() const { return !m_window.isActive() && m_gathered.isEmpty() && m_pendingCalls == 0; }
    // Notifications handed to each channel so far.
    int sentThroughDBus() const { return m_sentDBus; }
    int sentThroughTray() const { return m_sentTray; }

Q_SIGNALS:
    // The user clicked a notification of `slug` (empty: a summary of several links).
    void openStatsRequested(const QString &slug);
    // A notification was handed to `channel` (for tests and diagnostics).
    void notified(shortfuse::DesktopNotifier::Channel channel, const QString &summary, const QString &body,
                  const QString &slug);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    struct Gathered {
        LinkEvent latest;
        int count = 0;
    };
    struct Notification {
        QString summary;
        QString body;
        QString slug;  // empty for a summary of several links
    };

    // One event under these settings: shown, gathered into the open window, or dropped.
    void consider(const LinkEvent &event, Mode mode, bool quietForBots);
    // The last claim seen twice (Clicked with nothing left, then UsedUp)?
    bool alreadyUsedUp(const LinkEvent &event);
    void onWindowEnd();
    static Notification compose(const LinkEvent &event, int more);
    void send(const Notification &notification);
    void sendThroughTray(const Notification &notification);
    void remember(uint id, const QString &slug);

    Settings &m_settings;
    TrayController *m_tray;
    QDBusConnection m_bus;
    // False after the service failed a call, until it appears on the bus.
    bool m_serviceUsable = true;
    QTimer m_window;
    // Links gathered in the open window, in order of first arrival.
    QList<QString> m_order;
    QHash<QString, Gathered> m_gathered;
    // id -> slug of the notifications shown through the service, bounded.
    QHash<uint, QString> m_slugs;
    QQueue<uint> m_ids;
    // slug -> clicks of the used-up notifications shown, bounded.
    QHash<QString, qint64> m_usedUp;
    QQueue<QString> m_usedUpOrder;
    // What a click on the tray's balloon opens; nullopt when the last
    // balloon was not a notification (the tray's first-close notice).
    std::optional<QString> m_lastTraySlug;
    int m_pendingCalls = 0;
    int m_sentDBus = 0;
    int m_sentTray = 0;
};

} // namespace shortfuse
