// The tray: closing the window keeps the links served (and says so, once),
// the tray menu shows the window, copies the last link and quits after
// every click is committed. Offscreen there is no system tray, so the window
// is told whether there is one (production asks QSystemTrayIcon); the server,
// the HTTP requests and the database are real.

#include "tests/gui/guitest.h"

#include "ui/settings.h"
#include "server/storage/sqlitelinkstore.h"
#include "ui/traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>

namespace shortfuse::test {
namespace {

class TrayTest : public GuiTest {
protected:
    bool trayAvailable() const override { return true; }
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }
};

class NoTrayTest : public GuiTest {
protected:
    bool trayAvailable() const override { return false; }
};

TEST_F(TrayTest, MenuOffersShowWindowCopyLastLinkAndQuit)
{
    TrayController *tray = m_window->tray();
    ASSERT_NE(tray, nullptr);
    EXPECT_TRUE(m_window->closesToTray());
    ASSERT_NE(tray->icon(), nullptr);
    EXPECT_EQ(tray->icon()->contextMenu(), tray->menu());
    const QList<QAction *> actions = tray->menu()->actions();
    EXPECT_TRUE(actions.contains(tray->showAction()));
    EXPECT_TRUE(actions.contains(tray->copyLastAction()));
    EXPECT_TRUE(actions.contains(m_window->findChild<QAction *>(QStringLiteral("quitAction"))));
    // Nothing made yet: nothing to copy.
    EXPECT_FALSE(tray->copyLastAction()->isEnabled());
}

TEST_F(TrayTest, ClosingTheWindowKeepsServingAndSaysSoOnlyTheFirstTime)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/keeps-serving"), 0);
    ASSERT_FALSE(slug.isEmpty());
    TrayController *tray = m_window->tray();
    QSignalSpy notices(tray, &TrayController::noticeShown);
    ASSERT_FALSE(m_settings->value(Settings::Key::TrayNoticeShown).toBool());

    m_window->close();
    EXPECT_TRUE(waitUntil([&] { return !m_window->isVisible(); }));
    EXPECT_TRUE(m_host->isRunning());
    const HttpResponse served = http().get(pathOf(slug));
    EXPECT_EQ(served.status, 302) << qPrintable(served.describe());
    EXPECT_EQ(served.header("Location"), QByteArrayLiteral("https://example.com/keeps-serving"));
    ASSERT_EQ(notices.size(), 1);
    EXPECT_TRUE(notices.at(0).at(1).toString().contains(QStringLiteral("keep working")));

    // Back from the tray, closed again: still serving, no second notice.
    tray->showAction()->trigger();
    EXPECT_TRUE(waitUntil([&] { return m_window->isVisible(); }));
    m_window->close();
    EXPECT_TRUE(waitUntil([&] { return !m_window->isVisible(); }));
    EXPECT_EQ(http().get(pathOf(slug)).status, 302);
    EXPECT_EQ(http().get("/health").status, 200);
    EXPECT_EQ(notices.size(), 1);

    // Remembered in the settings file: the next start does not say it again.
    Settings reread(settingsFile());
    EXPECT_TRUE(reread.value(Settings::Key::TrayNoticeShown).toBool());
    TrayController nextStart(reread, true, nullptr);
    QSignalSpy nextNotices(&nextStart, &TrayController::noticeShown);
    EXPECT_EQ(nextStart.windowClosing(), TrayController::CloseAction::HideToTray);
    EXPECT_EQ(nextNotices.size(), 0);
}

TEST_F(TrayTest, CopyLastLinkPutsTheLastCreatedShortLinkOnTheClipboard)
{
    TrayController *tray = m_window->tray();
    ASSERT_FALSE(createThroughPanel(QStringLiteral("https://example.com/first"), 1).isEmpty());
    const QString second = createThroughPanel(QStringLiteral("https://example.com/second"), 2);
    ASSERT_FALSE(second.isEmpty());
    EXPECT_TRUE(tray->copyLastAction()->isEnabled());
    QApplication::clipboard()->setText(QStringLiteral("something else"));
    tray->copyLastAction()->trigger();
    EXPECT_EQ(QApplication::clipboard()->text(), m_host->shortUrl(second));

    // A link made through the web API of the same server is the last one too.
    const HttpResponse created = http().postJson(
        "/api/create", QByteArrayLiteral(R"({"url": "https://example.com/from-api", "max-clicks": 1})"));
    ASSERT_EQ(created.status, 201) << qPrintable(created.describe());
    const QString apiShortUrl = created.json().value(QStringLiteral("short_url")).toString();
    ASSERT_TRUE(waitUntil([&] { return tray->lastShortUrl() == apiShortUrl; })) << qPrintable(tray->lastShortUrl());
    QApplication::clipboard()->setText(QStringLiteral("something else"));
    tray->copyLastAction()->trigger();
    EXPECT_EQ(QApplication::clipboard()->text(), apiShortUrl);
}

TEST_F(TrayTest, QuitFromTheTrayMenuStopsTheServerAfterCommittingEveryClick)
{
    // Unlimited links' clicks are counted in the writer's batches, after the
    // redirect: exactly what quitting must not lose.
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/counted"), 0);
    ASSERT_FALSE(slug.isEmpty());
    m_window->close();  // to the tray first, as a user would
    ASSERT_TRUE(waitUntil([&] { return !m_window->isVisible(); }));
    constexpr int kClicks = 7;
    for (int i = 0; i < kClicks; ++i)
        ASSERT_EQ(http().get(pathOf(slug)).status, 302);

    QAction *quit = m_window->findChild<QAction *>(QStringLiteral("quitAction"));
    ASSERT_NE(quit, nullptr);
    ASSERT_TRUE(m_window->tray()->menu()->actions().contains(quit));
    QSignalSpy stopped(m_host.get(), &ServerHost::stopped);
    quit->trigger();
    ASSERT_TRUE(waitUntil([&] { return stopped.size() == 1; }));
    EXPECT_EQ(m_host->state(), ServerHost::State::Stopped);
    EXPECT_FALSE(http().get("/health").received());

    SqliteLinkStore store(m_dir.filePath(QStringLiteral("data/shortfuse.db")));
    ASSERT_TRUE(store.open().ok());
    Result<std::optional<Link>> link = store.findLink(slug);
    ASSERT_TRUE(link.ok() && link->has_value());
    EXPECT_EQ((*link)->clicks, kClicks);
    Result<std::optional<LinkStats>> stats = store.linkStats(slug, StatsQuery{});
    ASSERT_TRUE(stats.ok() && stats->has_value());
    EXPECT_EQ((*stats)->humans + (*stats)->bots, kClicks);
    store.close();
}

TEST_F(NoTrayTest, ClosingTheWindowWithoutATrayQuitsSoTheServerIsNotLeftRunningUnseen)
{
    EXPECT_FALSE(m_window->closesToTray());
    EXPECT_EQ(m_window->tray()->icon(), nullptr);
    QSignalSpy notices(m_window->tray(), &TrayController::noticeShown);
    QSignalSpy stopped(m_host.get(), &ServerHost::stopped);
    m_window->close();
    ASSERT_TRUE(waitUntil([&] { return stopped.size() == 1; }));
    EXPECT_FALSE(m_window->isVisible());
    EXPECT_EQ(m_host->state(), ServerHost::State::Stopped);
    EXPECT_EQ(notices.size(), 0);
    EXPECT_FALSE(m_settings->value(Settings::Key::TrayNoticeShown).toBool());
}

} // namespace
} // namespace shortfuse::test
