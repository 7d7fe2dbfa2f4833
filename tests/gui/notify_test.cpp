// Desktop notifications (issue 13): the real window over a real embedded
// server tells a notification daemon on a private session bus (the ctest
// command runs under `dbus-run-session` with notify-session-bus.conf, so no
// daemon of the machine is reachable) about the link events the server
// hands it, as the settings say, and a click on a notification opens that
// link's statistics. The daemon is NotificationsReceiver, on the bus.
//
// The events come through ServerHost::linkEvents. Until the journal's
// follower emits it, the unit-level tests here emit it themselves, as the
// follower would; EndToEnd claims a link through the HTTP port instead.

#include "tests/gui/guitest.h"
#include "tests/gui/notificationsreceiver.h"
#include "tests/support/serverprocess.h"

#include "ui/desktopnotifier.h"
#include "ui/settingsdialog.h"
#include "ui/statsview.h"
#include "ui/traycontroller.h"

#include <QAction>
#include <QDir>
#include <QCheckBox>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDialogButtonBox>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTest>

namespace shortfuse::test {
namespace {

const QByteArray kFirefoxWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0";

LinkEvent claim(const QString &slug, qint64 clicks, std::optional<qint64> maxClicks,
                LinkEventType type = LinkEventType::Clicked)
{
    LinkEvent event;
    event.type = type;
    event.slug = slug;
    event.clicks = clicks;
    event.maxClicks = maxClicks;
    event.country = QStringLiteral("DE");
    event.browser = QStringLiteral("Firefox");
    event.os = QStringLiteral("Windows");
    return event;
}

LinkEvent byBot(LinkEvent event, LinkEventType type = LinkEventType::Clicked)
{
    event.type = type;
    event.bot = true;
    event.botName = QStringLiteral("Googlebot");
    return event;
}

class DesktopNotificationTest : public GuiTest {
protected:
    // A tray, so closing the window hides it (the notification must bring it back).
    bool trayAvailable() const override { return true; }
    bool desktopNotifications() const override { return true; }
    virtual bool withReceiver() const { return true; }

    void SetUp() override
    {
        GuiTest::SetUp();
        if (HasFatalFailure())
            return;
        notifier()->setWindowMs(200);  // the 1 s coalescing window, shortened to keep the test fast
        if (!withReceiver())
            return;
        m_receiver = std::make_unique<NotificationsReceiver>();
        QString error;
        ASSERT_TRUE(m_receiver->registerOnBus(&error)) << qPrintable(error);
    }

    void TearDown() override
    {
        m_receiver.reset();
        GuiTest::TearDown();
    }

    DesktopNotifier *notifier() const { return m_window->notifier(); }
    void emitEvents(const QList<LinkEvent> &events) { Q_EMIT m_host->linkEvents(events); }
    int received() const { return int(m_receiver->calls().size()); }
    bool receivedAndIdle(int count) const { return received() >= count && notifier()->isIdle(); }
    bool statsShowing(const QString &slug) const
    {
        return m_window->isVisible() && m_window->tabs()->currentWidget() == m_window->statsView()
            && m_window->statsView()->slug() == slug;
    }

    std::unique_ptr<NotificationsReceiver> m_receiver;
};

class NoNotificationServiceTest : public DesktopNotificationTest {
protected:
    bool withReceiver() const override { return false; }
};

TEST_F(DesktopNotificationTest, AClaimIsShownThroughTheNotificationService)
{
    LinkEvent event = claim(QStringLiteral("spring-invite"), 31, 60);
    emitEvents({event});
    ASSERT_TRUE(waitUntil([&] { return received() == 1; }));
    const NotificationsReceiver::Call &call = m_receiver->calls().at(0);
    EXPECT_EQ(call.appName, QStringLiteral("Shortfuse"));
    EXPECT_EQ(call.replacesId, 0u);
    EXPECT_EQ(call.summary, QStringLiteral("spring-invite was opened — 29 of 60 left"));
    EXPECT_EQ(call.body, event.sentence());
    EXPECT_TRUE(call.body.contains(QStringLiteral("Firefox on Windows"))) << qPrintable(call.body);
    EXPECT_EQ(call.actions, (QStringList{QStringLiteral("default"), QStringLiteral("Open statistics")}));
    EXPECT_EQ(call.expireTimeout, -1);
    ASSERT_TRUE(waitUntil([&] { return notifier()->sentThroughDBus() == 1; }));
    EXPECT_EQ(notifier()->sentThroughTray(), 0);

    // The last claim, written as a click with nothing left and as "used
    // up", notifies once.
    ASSERT_TRUE(waitUntil([&] { return notifier()->isIdle(); }));
    emitEvents({claim(QStringLiteral("invite-anna"), 1, 1),
                claim(QStringLiteral("invite-anna"), 1, 1, LinkEventType::UsedUp)});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(2); }));
    EXPECT_EQ(received(), 2);
    EXPECT_EQ(m_receiver->calls().at(1).summary, QStringLiteral("invite-anna is used up"));
}

TEST_F(DesktopNotificationTest, SettingsDecideWhatNotifies)
{
    // Only when a link is used up: a claim with clicks left says nothing.
    m_settings->setValue(Settings::Key::NotifyMode, QStringLiteral("usedUp"));
    emitEvents({claim(QStringLiteral("half-way"), 1, 60), claim(QStringLiteral("done"), 1, 1, LinkEventType::UsedUp)});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(1); }));
    ASSERT_EQ(received(), 1);
    EXPECT_EQ(m_receiver->calls().at(0).summary, QStringLiteral("done is used up"));

    // Never: not even a used-up link. The marker after it, shown once every
    // claim notifies again, proves nothing came before it.
    m_settings->setValue(Settings::Key::NotifyMode, QStringLiteral("never"));
    emitEvents({claim(QStringLiteral("silent"), 1, 1, LinkEventType::UsedUp)});
    m_settings->setValue(Settings::Key::NotifyMode, QStringLiteral("every"));
    emitEvents({claim(QStringLiteral("marker-1"), 1, 5)});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(2); }));
    ASSERT_EQ(received(), 2);
    EXPECT_EQ(m_receiver->calls().at(1).summary, QStringLiteral("marker-1 was opened — 4 of 5 left"));

    // Quiet for bots (the default): a bot's claim says nothing; neither do
    // unlimited links, previews held off or late arrivals (not claims), nor
    // the live stream's management events (a link made, changed, revoked).
    ASSERT_TRUE(m_settings->value(Settings::Key::NotifyQuietForBots).toBool());
    emitEvents({byBot(claim(QStringLiteral("crawled"), 1, 5)), claim(QStringLiteral("unlimited"), 7, std::nullopt),
                byBot(claim(QStringLiteral("previewed"), 0, 5), LinkEventType::Previewed),
                claim(QStringLiteral("too-late"), 5, 5, LinkEventType::ExpiredHit),
                claim(QStringLiteral("made"), 0, 5, LinkEventType::Created),
                claim(QStringLiteral("changed"), 5, 5, LinkEventType::Changed),
                claim(QStringLiteral("revoked"), 1, 5, LinkEventType::Revoked),
                claim(QStringLiteral("marker-2"), 1, 5)});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(3); }));
    ASSERT_EQ(received(), 3);
    EXPECT_EQ(m_receiver->calls().at(2).summary, QStringLiteral("marker-2 was opened — 4 of 5 left"));

    // Not quiet: the bot's claim notifies, and says who.
    m_settings->setValue(Settings::Key::NotifyQuietForBots, false);
    emitEvents({byBot(claim(QStringLiteral("crawled"), 2, 5))});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(4); }));
    ASSERT_EQ(received(), 4);
    EXPECT_EQ(m_receiver->calls().at(3).summary, QStringLiteral("crawled was opened — 3 of 5 left"));
    EXPECT_TRUE(m_receiver->calls().at(3).body.contains(QStringLiteral("Googlebot")));
}

TEST_F(DesktopNotificationTest, TheSettingsDialogStoresWhatNotifies)
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("settingsAction"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    SettingsDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
        return dialog && dialog->isVisible();
    }));
    auto *mode = dialog->findChild<QComboBox *>(QStringLiteral("notifyModeCombo"));
    auto *quiet = dialog->findChild<QCheckBox *>(QStringLiteral("quietForBotsCheck"));
    ASSERT_TRUE(mode && quiet);
    // The defaults: every claim of a capped link, quiet for bots.
    EXPECT_EQ(mode->currentData().toString(), QStringLiteral("every"));
    EXPECT_TRUE(quiet->isChecked());
    EXPECT_EQ(mode->count(), 3);

    mode->setCurrentIndex(mode->findData(QStringLiteral("usedUp")));
    quiet->setChecked(false);
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog")); }));

    Settings reread(m_dir.filePath(QStringLiteral("settings.ini")));
    EXPECT_EQ(reread.value(Settings::Key::NotifyMode).toString(), QStringLiteral("usedUp"));
    EXPECT_FALSE(reread.value(Settings::Key::NotifyQuietForBots).toBool());

    // Applied at once: a claim with clicks left no longer notifies, a bot's last one does.
    emitEvents({claim(QStringLiteral("half-way"), 1, 60), byBot(claim(QStringLiteral("bot-done"), 1, 1))});
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(1); }));
    ASSERT_EQ(received(), 1);
    EXPECT_EQ(m_receiver->calls().at(0).summary, QStringLiteral("bot-done is used up"));
}

TEST_F(DesktopNotificationTest, ClickingTheNotificationOpensThatLinksStatisticsFromTheTray)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/notified"), 60);
    ASSERT_FALSE(slug.isEmpty());
    m_window->close();  // to the tray
    ASSERT_TRUE(waitUntil([&] { return !m_window->isVisible(); }));
    ASSERT_NE(m_window->tabs()->currentWidget(), m_window->statsView());

    emitEvents({claim(slug, 1, 60)});
    ASSERT_TRUE(waitUntil([&] { return received() == 1 && notifier()->sentThroughDBus() == 1; }));
    // Another program's notification id opens nothing.
    m_receiver->invokeAction(m_receiver->calls().at(0).id + 100, QStringLiteral("default"));
    m_receiver->invokeAction(m_receiver->calls().at(0).id, QStringLiteral("default"));
    ASSERT_TRUE(waitUntil([&] { return statsShowing(slug); }));
}

TEST_F(DesktopNotificationTest, ABurstOfClaimsBecomesAFewNotifications)
{
    // A batch of 1,000 claims of one link: the first at once, then one with the rest.
    QList<LinkEvent> burst;
    for (int i = 1; i <= 1000; ++i)
        burst.append(claim(QStringLiteral("burst"), i, 2000));
    emitEvents(burst);
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(2); }));
    ASSERT_EQ(received(), 2);
    EXPECT_EQ(m_receiver->calls().at(0).summary, QStringLiteral("burst was opened — 1999 of 2000 left"));
    EXPECT_EQ(m_receiver->calls().at(1).summary, QStringLiteral("burst was opened — 1000 of 2000 left"));
    EXPECT_TRUE(m_receiver->calls().at(1).body.contains(QStringLiteral("and 998 more clicks just before")))
        << qPrintable(m_receiver->calls().at(1).body);

    // 1,000 claims over 50 links: the first at once, then one summary.
    QList<LinkEvent> spread;
    for (int i = 0; i < 1000; ++i)
        spread.append(claim(QStringLiteral("link-%1").arg(i % 50), i / 50 + 1, 100));
    emitEvents(spread);
    ASSERT_TRUE(waitUntil([&] { return receivedAndIdle(4); }));
    ASSERT_EQ(received(), 4);
    EXPECT_EQ(m_receiver->calls().at(2).summary, QStringLiteral("link-0 was opened — 99 of 100 left"));
    EXPECT_EQ(m_receiver->calls().at(3).summary, QStringLiteral("999 clicks on 50 links"));
}

TEST_F(NoNotificationServiceTest, WithoutAServiceTheTrayBalloonSaysItAndItsClickOpensTheStatistics)
{
    // The private bus has no daemon and can start none.
    ASSERT_TRUE(QDBusConnection::sessionBus().isConnected()) << "run under dbus-run-session";
    ASSERT_FALSE(QDBusConnection::sessionBus().interface()->isServiceRegistered(QString::fromLatin1(DesktopNotifier::kService)));
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/balloon"), 60);
    ASSERT_FALSE(slug.isEmpty());
    m_window->close();  // to the tray (its first-close notice is a balloon too)
    ASSERT_TRUE(waitUntil([&] { return !m_window->isVisible(); }));

    TrayController *tray = m_window->tray();
    QSignalSpy balloons(tray, &TrayController::notificationShown);
    emitEvents({claim(slug, 1, 60)});
    ASSERT_TRUE(waitUntil([&] { return balloons.size() == 1; }));
    EXPECT_EQ(balloons.at(0).at(0).toString(), QStringLiteral("%1 was opened — 59 of 60 left").arg(slug));
    EXPECT_EQ(notifier()->sentThroughTray(), 1);
    EXPECT_EQ(notifier()->sentThroughDBus(), 0);

    ASSERT_NE(tray->icon(), nullptr);
    Q_EMIT tray->icon()->messageClicked();
    ASSERT_TRUE(waitUntil([&] { return statsShowing(slug); }));
}

TEST_F(DesktopNotificationTest, EndToEndAClaimThroughTheHttpPortNotifies)
{
    // Needs the journal's follower wired to ServerHost::linkEvents.
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/end-to-end"), 3);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_EQ(http().get(pathOf(slug), {{"User-Agent", kFirefoxWindows}}).status, 302);
    ASSERT_TRUE(waitUntil([&] { return received() >= 1; }, 5000)) << "no Notify call for a claim";
    EXPECT_EQ(m_receiver->calls().at(0).summary, QStringLiteral("%1 was opened — 2 of 3 left").arg(slug));

    // Its click opens the statistics, which hold that claim.
    ASSERT_TRUE(waitUntil([&] { return notifier()->sentThroughDBus() == 1; }));
    m_receiver->invokeAction(m_receiver->calls().at(0).id, QStringLiteral("default"));
    ASSERT_TRUE(waitUntil([&] { return statsShowing(slug); }));
}

// The journal is database-wide: a claim on a headless server sharing the
// window's database (here its SQLite file) notifies in the window too.
TEST_F(DesktopNotificationTest, AClaimOnAnotherServerOfTheDatabaseNotifiesToo)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/elsewhere"), 4);
    ASSERT_FALSE(slug.isEmpty());
    QTemporaryDir otherData;
    const QString file = QDir(serverConfig().dataDir).filePath(QStringLiteral("shortfuse.db"));
    ServerProcess other(otherData.path(), {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                           QStringLiteral("sqlite://") + file});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    ASSERT_EQ(HttpClient(other.port()).get(pathOf(slug), {{"User-Agent", kFirefoxWindows}}).status, 302);
    ASSERT_TRUE(waitUntil([&] { return received() >= 1; }, 5000)) << "no Notify call for a claim made elsewhere";
    EXPECT_EQ(m_receiver->calls().at(0).summary, QStringLiteral("%1 was opened — 3 of 4 left").arg(slug));
    EXPECT_EQ(other.terminate(), 0);
}

} // namespace
} // namespace shortfuse::test
