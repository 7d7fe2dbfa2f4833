#pragma once

// Shared by the GUI suite: the real main window over a real embedded server
// on port 0 and a temporary data folder, driven through its widgets.

#include "ui/createpanel.h"
#include "ui/linktablemodel.h"
#include "ui/mainwindow.h"
#include "ui/serverhost.h"
#include "ui/settings.h"

#include "tests/support/httpclient.h"
#include "tests/support/waituntil.h"

#include <QPushButton>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>

// Readable QStrings in GoogleTest's failure messages.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace shortfuse::test {

// One answer of the window's own server: `call` gets a context and a reply
// to pass to a ServerHost call; waits for the reply. nullopt on an error or
// when no answer came in time.
template <typename T>
std::optional<T> awaitAnswer(const std::function<void(QObject *, ServerHost::Reply<T>)> &call)
{
    std::optional<Result<T>> answer;
    QObject context;
    call(&context, [&answer](const Result<T> &result) { answer = result; });
    if (!waitUntil([&] { return answer.has_value(); }) || !answer->ok())
        return std::nullopt;
    return answer->value();
}

class GuiTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // Port 0, the temporary data folder, no creation rate limit, and
    // X-Forwarded-For believed from 127.0.0.1 (so tests can play clients).
    virtual ServerConfig serverConfig() const;
    // What the window is told about the desktop's tray; by default what the
    // desktop says (none, offscreen).
    virtual bool trayAvailable() const;
    // Desktop notifications (issue 13) stay off unless a suite wants them:
    // the GUI suite runs on the developer's own session bus, whose
    // notification daemon must not show the tests' clicks. The notification
    // suite turns them on, on a private bus of its own.
    virtual bool desktopNotifications() const { return false; }
    void startServer(const ServerConfig &config);

    template <typename W>
    W *widget(const char *name) const
    {
        W *w = m_window->findChild<W *>(QLatin1String(name));
        EXPECT_NE(w, nullptr) << "no widget " << name;
        return w;
    }

    // Types into the create panel and presses Shorten; returns the new
    // link's slug once it is in the table, or an empty string.
    QString createThroughPanel(const QString &url, int maxClicks, const QString &alias = {});
    int rowOf(const QString &slug) const { return m_window->linkModel()->rowOfSlug(slug); }
    QString cell(const QString &slug, int column) const;
    LinkTableModel::Status statusOf(const QString &slug) const;
    HttpClient http() const { return HttpClient(m_host->port()); }
    QByteArray pathOf(const QString &slug) const { return '/' + slug.toUtf8(); }
    qint64 linkCount();

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ServerHost> m_host;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace shortfuse::test
