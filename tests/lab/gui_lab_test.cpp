// The desktop window in the network lab (issue 14): the real main window,
// offscreen, with its embedded server in the lab's LAN namespace, behind
// the lab's router. The user turns on "Make my links reachable from the
// internet"; the window says what the router answered (its external
// address is a documentation one, so: another router is in front) and
// offers that address for links; applied, a one-time link made in the
// window opens once for a visitor outside the router, then shows the
// expired page; /metrics answers this computer only; quitting removes
// the mapping from the router.
//
// A window cannot move into a namespace once it runs (sockets and threads
// are made in the namespace of the thread that makes them), so the test
// runs itself again inside the LAN namespace (nsenter, then the same test
// with SHORTFUSE_GUI_LAB_WAN set): that inner run drives the window; this
// outer run owns the lab, removes it whatever happens, and checks the
// router afterwards.
#include "tests/gui/guitest.h"
#include "tests/support/netlab.h"

#include "ui/reachabilitytext.h"
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>

#include <gtest/gtest.h>

namespace shortfuse::test {
namespace {

constexpr const char *kInnerVariable = "SHORTFUSE_GUI_LAB_WAN";       // the WAN namespace: set in the inner run only
constexpr const char *kExternalVariable = "SHORTFUSE_GUI_LAB_EXTERNAL"; // the router's external address
// The window's server listens on this port: a fixed one, so the restart
// that applies a new base URL keeps the port the router maps (the LAN
// namespace is the test's own: nothing else listens there).
constexpr quint16 kServerPort = 18090;

bool isInnerRun()
{
    return qEnvironmentVariableIsSet(kInnerVariable);
}

// curl in the WAN namespace: "STATUS LOCATION", or curl's exit code when nothing answered.
QString visitFromOutside(const QString &url)
{
    QProcess curl;
    curl.setProcessChannelMode(QProcess::MergedChannels);
    curl.start(QStringLiteral("nsenter"),
               {QStringLiteral("--net=/run/netns/") + qEnvironmentVariable(kInnerVariable), QStringLiteral("curl"),
                QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("--max-time"),
                QStringLiteral("5"), QStringLiteral("-w"), QStringLiteral("%{http_code} %{redirect_url}"), url});
    // The window's server answers on its own thread: waiting here holds up nothing it needs.
    if (!curl.waitForFinished(15'000))
        return QStringLiteral("curl did not finish");
    if (curl.exitCode() != 0)
        return QStringLiteral("curl exit %1").arg(curl.exitCode());
    return QString::fromUtf8(curl.readAll()).trimmed();
}

class GuiLabWindow : public GuiTest {
protected:
    void SetUp() override
    {
        if (!isInnerRun())
            return; // the outer run makes the lab; the window runs in the inner one
        GuiTest::SetUp();
    }
    void TearDown() override
    {
        if (isInnerRun())
            GuiTest::TearDown();
    }
    ServerConfig serverConfig() const override
    {
        ServerConfig config = GuiTest::serverConfig();
        config.port = kServerPort;
        return config;
    }

    // The inner run of the current test inside the lab's LAN namespace;
    // its whole output goes into this test's log.
    void runInsideLab(const NetLab &lab)
    {
        const ::testing::TestInfo *test = ::testing::UnitTest::GetInstance()->current_test_info();
        QProcess inner;
        inner.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QLatin1String(kInnerVariable), lab.namespaceName(NetLab::Side::Wan));
        environment.insert(QLatin1String(kExternalVariable), lab.externalAddress());
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        inner.setProcessEnvironment(environment);
        inner.start(QStringLiteral("nsenter"),
                    lab.launcher(NetLab::Side::Lan).mid(1)
                        + QStringList{QCoreApplication::applicationFilePath(),
                                      QStringLiteral("--gtest_filter=%1.%2").arg(QLatin1String(test->test_suite_name()),
                                                                                 QLatin1String(test->name()))});
        ASSERT_TRUE(inner.waitForStarted(10'000)) << inner.errorString().toStdString();
        const bool finished = inner.waitForFinished(150'000);
        if (!finished)
            inner.kill();
        inner.waitForFinished(5'000);
        const QString output = QString::fromUtf8(inner.readAll());
        EXPECT_TRUE(finished) << "the window in the lab did not finish in time:\n" << output.toStdString();
        EXPECT_EQ(inner.exitCode(), 0) << "the window in the lab:\n"
                                       << output.toStdString() << "\ngateway:\n"
                                       << lab.gatewayLog().toStdString();
        // Shown in the test's log either way: the inner run's own assertions.
        std::printf("--- the window in the lab ---\n%s--- end ---\n", qPrintable(output));
    }

    SettingsDialog *openSettings()
    {
        m_window->openSettings();
        SettingsDialog *dialog = m_window->findChild<SettingsDialog *>();
        EXPECT_NE(dialog, nullptr);
        return dialog;
    }
};

TEST_F(GuiLabWindow, TurnedOnTheWindowSaysTheRouterIsBehindAnotherAndItsAddressServesAVisitorOutside)
{
    if (!isInnerRun()) {
        SHORTFUSE_REQUIRE_NETLAB();
        NetLab lab;
        ASSERT_TRUE(lab.isUp()) << lab.error().toStdString();
        runInsideLab(lab);
        // The window has quit: the router holds no mapping for it any more.
        const LabRun rules = lab.run(NetLab::Side::Router, {QStringLiteral("nft"), QStringLiteral("list"),
                                                            QStringLiteral("table"), QStringLiteral("ip"),
                                                            QStringLiteral("sflab")});
        EXPECT_EQ(rules.exitCode, 0) << rules.output.toStdString();
        EXPECT_FALSE(rules.output.contains(QStringLiteral("dnat"))) << rules.output.toStdString();
        EXPECT_FALSE(lab.gatewayLog().isEmpty()) << "the window never asked the router";
        return;
    }

    // --- inside the LAN namespace: the window ---
    const QString external = qEnvironmentVariable(kExternalVariable);
    auto *internet = widget<QLabel>("internetLabel");
    ASSERT_NE(internet, nullptr);
    // Off by default, listening on loopback: said so.
    EXPECT_TRUE(waitUntil([&] { return !internet->text().isEmpty(); }));
    EXPECT_EQ(internet->text(), ReachabilityText::headline(m_host->reachability()));
    EXPECT_EQ(m_host->reachability().level, ReachabilityLevel::ThisComputer);

    // The user turns it on: the bind address leaves loopback, OK restarts the server with a mapping.
    SettingsDialog *dialog = openSettings();
    ASSERT_NE(dialog, nullptr);
    auto *reachable = dialog->findChild<QCheckBox *>(QStringLiteral("reachableCheck"));
    auto *bind = dialog->findChild<QLineEdit *>(QStringLiteral("bindEdit"));
    ASSERT_NE(reachable, nullptr);
    ASSERT_NE(bind, nullptr);
    reachable->setChecked(true);
    EXPECT_EQ(bind->text(), QStringLiteral("0.0.0.0"));
    dialog->accept();
    EXPECT_TRUE(m_settings->value(Settings::Key::ReachableFromInternet).toBool());

    // The router answered: a documentation address, so another router is in front. Said, and named.
    ASSERT_TRUE(waitUntil([&] { return m_host->isRunning() && m_host->reachability().reason == ReachabilityReason::DoubleNat; },
                          30'000))
        << "verdict: " << m_host->reachability().sentence.toStdString();
    const QString outside = QStringLiteral("http://%1:%2").arg(external).arg(kServerPort);
    EXPECT_EQ(internet->text(), ReachabilityText::headline(m_host->reachability()));
    EXPECT_TRUE(internet->toolTip().contains(outside)) << internet->toolTip().toStdString();
    // Not applied unasked: new links still carry this computer's own address.
    EXPECT_NE(m_host->baseUrl(), outside);

    // /metrics: for this computer, not for the network (the server now listens beyond loopback).
    EXPECT_EQ(http().get("/metrics").status, 200);
    EXPECT_TRUE(visitFromOutside(outside + QStringLiteral("/metrics")).startsWith(QStringLiteral("404")));

    // Offered in the status bar; applied on request.
    auto *use = widget<QPushButton>("useSuggestedBaseUrlButton");
    ASSERT_NE(use, nullptr);
    ASSERT_TRUE(waitUntil([&] { return use->isVisible(); }));
    EXPECT_TRUE(use->text().contains(outside)) << use->text().toStdString();
    QTest::mouseClick(use, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return m_host->isRunning() && m_host->baseUrl() == outside; }, 30'000))
        << "base URL: " << m_host->baseUrl().toStdString();
    EXPECT_EQ(m_settings->value(Settings::Key::BaseUrl).toString(), outside);
    EXPECT_FALSE(use->isVisible());

    // A one-time link made in the window carries the address outside the router...
    const QString destination = QStringLiteral("https://example.com/invite");
    const QString slug = createThroughPanel(destination, 1);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(m_window->createPanel()->lastShortUrl(), outside + u'/' + slug);
    // ...the router maps it again after the restart...
    ASSERT_TRUE(waitUntil([&] { return m_host->reachability().reason == ReachabilityReason::DoubleNat; }, 30'000));
    // ...and a visitor outside the router opens it once, then finds it used up.
    EXPECT_EQ(visitFromOutside(outside + u'/' + slug), QStringLiteral("302 ") + destination);
    EXPECT_TRUE(visitFromOutside(outside + u'/' + slug).startsWith(QStringLiteral("400")));
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }));
}

} // namespace
} // namespace shortfuse::test
