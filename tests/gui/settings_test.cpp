// The settings dialog: what it stores comes back, and applying it restarts
// the server without losing a click. A port in use: the window still opens.

#include "tests/gui/guitest.h"

#include "ui/i18n.h"
#include "ui/reachabilitytext.h"
#include "ui/settingsdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStatusBar>
#include <QTcpServer>
#include <QTest>

namespace shortfuse::test {
namespace {

class SettingsTest : public GuiTest {
protected:
    SettingsDialog *openDialog()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("settingsAction"));
        EXPECT_NE(action, nullptr);
        if (!action)
            return nullptr;
        action->trigger();
        SettingsDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
            return dialog && dialog->isVisible();
        });
        return dialog;
    }

    void pressOk(SettingsDialog *dialog)
    {
        auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"));
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

    template <typename W>
    static W *field(QWidget *dialog, const char *name)
    {
        W *w = dialog->findChild<W *>(QLatin1String(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }
};

TEST_F(SettingsTest, AppliedSettingsAreStoredShownAgainAndRestartTheServerWithoutLosingClicks)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/keep"), 0);
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(http().get(pathOf(slug)).status, 302);
    const quint16 oldPort = m_host->port();

    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    field<QSpinBox>(dialog, "portSpin")->setValue(0);
    auto *base = field<QLineEdit>(dialog, "baseUrlEdit");
    base->clear();
    QTest::keyClicks(base, QStringLiteral("https://sho.rt/"));
    field<QSpinBox>(dialog, "rateLimitSpin")->setValue(7);
    auto *proxies = field<QLineEdit>(dialog, "trustedProxiesEdit");
    proxies->clear();
    QTest::keyClicks(proxies, QStringLiteral("127.0.0.1, 10.0.0.0/8"));
    field<QCheckBox>(dialog, "startMinimizedCheck")->setChecked(true);
    auto *language = field<QComboBox>(dialog, "languageCombo");
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    pressOk(dialog);

    // Restarted with the new settings, on a new port; the clicks are all there.
    ASSERT_TRUE(waitUntil([&] { return m_host->isRunning() && m_host->baseUrl() == QStringLiteral("https://sho.rt"); }));
    EXPECT_NE(m_host->port(), oldPort);
    EXPECT_EQ(m_host->config().rateLimitPerMinute, 7);
    EXPECT_EQ(m_host->config().trustedProxies.size(), 2);
    const std::optional<std::optional<LinkStats>> stats = awaitAnswer<std::optional<LinkStats>>(
        [&](QObject *context, ServerHost::Reply<std::optional<LinkStats>> done) {
            m_host->linkStats(slug, StatsQuery{}, context, done);
        });
    ASSERT_TRUE(stats && stats->has_value());
    EXPECT_EQ((*stats)->link.clicks, 5);
    EXPECT_EQ(http().get(pathOf(slug)).status, 302);

    // Stored in the file, as another instance reads it.
    Settings reread(m_settings->fileName());
    EXPECT_EQ(reread.value(Settings::Key::Port).toInt(), 0);
    EXPECT_EQ(reread.value(Settings::Key::BaseUrl).toString(), QStringLiteral("https://sho.rt"));
    EXPECT_EQ(reread.value(Settings::Key::RateLimit).toInt(), 7);
    EXPECT_EQ(reread.value(Settings::Key::TrustedProxies).toString(), QStringLiteral("127.0.0.1, 10.0.0.0/8"));
    EXPECT_TRUE(reread.value(Settings::Key::StartMinimized).toBool());
    EXPECT_EQ(reread.value(Settings::Key::Language).toString(), QStringLiteral("de"));
    const ServerConfig config = reread.serverConfig(ServerConfig{});
    EXPECT_EQ(config.baseUrl, QStringLiteral("https://sho.rt"));
    EXPECT_EQ(config.dataDir, m_dir.filePath(QStringLiteral("data")));

    // And shown again by the dialog.
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog")); }));
    dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(field<QLineEdit>(dialog, "baseUrlEdit")->text(), QStringLiteral("https://sho.rt"));
    EXPECT_EQ(field<QSpinBox>(dialog, "rateLimitSpin")->value(), 7);
    EXPECT_EQ(field<QLineEdit>(dialog, "trustedProxiesEdit")->text(), QStringLiteral("127.0.0.1, 10.0.0.0/8"));
    EXPECT_TRUE(field<QCheckBox>(dialog, "startMinimizedCheck")->isChecked());
    EXPECT_EQ(field<QComboBox>(dialog, "languageCombo")->currentData().toString(), QStringLiteral("de"));
    dialog->reject();
}

// "Make my links reachable from the internet" (issue 14), without a
// router: off by default, the status bar says links open on this computer
// only (the server listens on loopback); ticking it moves the bind address
// off loopback, unticking brings it back; what is stored turns into a
// mapping request. (With a router, and applied: tests/lab, GuiLabWindow.)
TEST_F(SettingsTest, ReachableFromTheInternetIsOffByDefaultAndMovesTheBindOffLoopback)
{
    EXPECT_FALSE(m_settings->value(Settings::Key::ReachableFromInternet).toBool());
    EXPECT_FALSE(m_settings->serverConfig(serverConfig()).portMapping.has_value());
    EXPECT_EQ(m_host->reachability().level, ReachabilityLevel::ThisComputer);
    auto *internet = widget<QLabel>("internetLabel");
    ASSERT_NE(internet, nullptr);
    EXPECT_TRUE(waitUntil([&] { return internet->text() == ReachabilityText::headline(m_host->reachability()); }));
    EXPECT_TRUE(internet->toolTip().contains(QStringLiteral("127.0.0.1"))) << internet->toolTip().toStdString();
    EXPECT_FALSE(widget<QPushButton>("useSuggestedBaseUrlButton")->isVisible()) << "nothing to offer";

    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *reachable = field<QCheckBox>(dialog, "reachableCheck");
    auto *bind = field<QLineEdit>(dialog, "bindEdit");
    auto *verdict = field<QLabel>(dialog, "reachabilityVerdictLabel");
    ASSERT_TRUE(reachable && bind && verdict);
    EXPECT_FALSE(reachable->isChecked());
    EXPECT_TRUE(verdict->text().contains(ReachabilityText::headline(m_host->reachability()).toHtmlEscaped()));
    reachable->setChecked(true);
    EXPECT_EQ(bind->text(), QStringLiteral("0.0.0.0"));
    reachable->setChecked(false);
    EXPECT_EQ(bind->text(), QStringLiteral("127.0.0.1"));
    // A bind the user chose beyond loopback is theirs: left alone.
    bind->setText(QStringLiteral("192.0.2.10"));
    reachable->setChecked(true);
    reachable->setChecked(false);
    EXPECT_EQ(bind->text(), QStringLiteral("192.0.2.10"));
    dialog->reject(); // applying would ask this machine's real router: only the lab does that

    // Stored (as the dialog's OK stores it), it asks for any mapping, with the port preferred.
    m_settings->setValue(Settings::Key::ReachableFromInternet, true);
    m_settings->setValue(Settings::Key::ExternalPort, 18443);
    const ServerConfig config = m_settings->serverConfig(serverConfig());
    EXPECT_EQ(config.portMapping, PortMapper::Method::Auto);
    EXPECT_EQ(config.externalPort, 18443);
    Settings reread(m_settings->fileName());
    reread.setServerConfig(config);
    EXPECT_TRUE(reread.value(Settings::Key::ReachableFromInternet).toBool());
    EXPECT_EQ(reread.value(Settings::Key::ExternalPort).toInt(), 18443);
}

// The window's side of a router whose external address moves (a new
// lease, a reboot): the status bar says the new address. The verdicts are
// the ones the engine makes (reachabilityVerdict), handed to the window as
// its server would hand them; the router's side is the lab's
// (LabTest.ARestartedRouterGetsItsMappingBackByItself).
TEST_F(SettingsTest, TheStatusBarSaysWhenTheRoutersExternalAddressChanges)
{
    auto verdictFor = [this](const char *external) {
        ReachabilityFacts facts;
        facts.boundAddress = QHostAddress(QHostAddress::AnyIPv4);
        facts.port = m_host->port();
        facts.gateway = GatewayAnswer::Mapped;
        facts.externalAddress = QHostAddress(QLatin1String(external));
        facts.externalPort = m_host->port();
        facts.hairpin = HairpinCheck::Answered;
        return reachabilityVerdict(facts);
    };
    auto *internet = widget<QLabel>("internetLabel");
    ASSERT_NE(internet, nullptr);
    Q_EMIT m_host->reachabilityChanged(verdictFor("198.51.100.7"));
    EXPECT_EQ(internet->text(), ReachabilityText::headline(verdictFor("198.51.100.7")));
    EXPECT_TRUE(m_window->statusBar()->currentMessage().isEmpty()) << "the first address is no change";
    Q_EMIT m_host->reachabilityChanged(verdictFor("198.51.100.8"));
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("198.51.100.8")))
        << m_window->statusBar()->currentMessage().toStdString();
}

TEST_F(SettingsTest, WrongValuesShowNextToTheirFieldAndKeepTheDialogOpen)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *bind = field<QLineEdit>(dialog, "bindEdit");
    bind->setText(QStringLiteral("localhost.invalid"));
    field<QLineEdit>(dialog, "baseUrlEdit")->setText(QStringLiteral("https://sho.rt/?q=1"));
    pressOk(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(field<QLabel>(dialog, "bindError")->isVisible());
    EXPECT_TRUE(field<QLabel>(dialog, "baseUrlError")->isVisible());
    EXPECT_EQ(Settings(m_settings->fileName()).value(Settings::Key::BaseUrl).toString(), QString());
    dialog->reject();
}

// The window's texts are made when it opens: a language chosen in the
// settings shows at the next start, and the dialog says so.
TEST_F(SettingsTest, NewLanguageShowsAtTheNextStartAndTheDialogSaysSo)
{
    const auto english = qScopeGuard([] { installTranslations(QStringLiteral("en")); });
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *note = field<QLabel>(dialog, "languageNote");
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->isVisible());
    EXPECT_EQ(note->text(), QStringLiteral("A new language shows the next time Shortfuse starts."));
    auto *language = field<QComboBox>(dialog, "languageCombo");
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    pressOk(dialog);
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog")); }));

    // This run: still English.
    EXPECT_EQ(widget<QPushButton>("shortenButton")->text(), QStringLiteral("&Shorten"));
    // The next start installs the stored language before its window opens.
    const QString stored = Settings(m_settings->fileName()).value(Settings::Key::Language).toString();
    EXPECT_EQ(stored, QStringLiteral("de"));
    EXPECT_EQ(installTranslations(stored), QStringLiteral("de"));
    {
        Settings settings(m_settings->fileName());
        ServerHost host;
        MainWindow next(host, settings, false);
        auto *shorten = next.findChild<QPushButton *>(QStringLiteral("shortenButton"));
        ASSERT_NE(shorten, nullptr);
        EXPECT_EQ(shorten->text(), QStringLiteral("&Kürzen"));
        SettingsDialog nextDialog(settings, m_host->config(), nullptr, &next);
        auto *nextNote = nextDialog.findChild<QLabel *>(QStringLiteral("languageNote"));
        ASSERT_NE(nextNote, nullptr);
        EXPECT_EQ(nextNote->text(), QStringLiteral("Eine neue Sprache erscheint beim nächsten Start von Shortfuse."));
    }
}

class PortTakenTest : public GuiTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(m_blocker.listen(QHostAddress::LocalHost, 0));
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_host = std::make_unique<ServerHost>();
        m_window = std::make_unique<MainWindow>(*m_host, *m_settings);
        m_window->show();
    }
    QTcpServer m_blocker;
};

TEST_F(PortTakenTest, WindowOpensSaysSoAndAnotherPortCanBeChosen)
{
    ServerConfig config = serverConfig();
    config.port = m_blocker.serverPort();
    m_host->start(config);
    ASSERT_TRUE(waitUntil([&] { return m_host->state() == ServerHost::State::Failed; }));
    auto *banner = widget<QLabel>("serverBannerText");
    EXPECT_TRUE(banner->isVisible());
    EXPECT_TRUE(banner->text().contains(QString::number(config.port))) << qPrintable(banner->text());
    EXPECT_TRUE(m_window->isVisible());

    QTest::mouseClick(widget<QPushButton>("bannerSettingsButton"), Qt::LeftButton);
    SettingsDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
        return dialog && dialog->isVisible();
    }));
    dialog->findChild<QSpinBox *>(QStringLiteral("portSpin"))->setValue(0);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return m_host->isRunning(); }));
    EXPECT_NE(m_host->port(), config.port);
    EXPECT_FALSE(banner->isVisible());
    EXPECT_TRUE(waitUntil([&] { return m_window->isReachable(); }));
    EXPECT_FALSE(createThroughPanel(QStringLiteral("https://example.com/after"), 1).isEmpty());
}

} // namespace
} // namespace shortfuse::test
