// The window as the console of a remote server (issue 15): a real
// shortfuse-server started by the test on loopback, reached through its
// management API with an API key, the window offscreen. Every test runs on
// a private session bus (dbus-run-session, see CMakeLists.txt); the tests
// that keep a key start a real Secret Service there (gnome-keyring-daemon,
// its keyrings in the test's own folder), the others have none, as on a
// desktop without a keychain.

#include "tests/gui/guitest.h"

#include "tests/gui/notificationsreceiver.h"
#include "tests/support/serverprocess.h"

#include "server/storage/sqlitelinkstore.h"
#include "server/links/linkservice.h"
#include "ui/addserverdialog.h"
#include "ui/connectionmenu.h"
#include "ui/connections.h"
#include "ui/consoleswitch.h"
#include "ui/keystore.h"
#include "ui/remoteconsole.h"
#include "ui/settingsdialog.h"
#include "ui/statsview.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDialogButtonBox>
#include <QDir>
#include <QMessageBox>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QStatusBar>
#include <QTest>

#include <cstdio>
#include <unistd.h>
#include <memory>

namespace shortfuse::test {
namespace {

// A Secret Service of the test's own on its private bus: gnome-keyring-daemon
// with a fresh "login" keyring, unlocked, in a folder of the test's.
class SecretService {
public:
    explicit SecretService(const QString &home)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
        m_daemon.setProcessEnvironment(environment);
        m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_daemon.start(QStringLiteral("gnome-keyring-daemon"),
                       {QStringLiteral("--foreground"), QStringLiteral("--components=secrets"), QStringLiteral("--unlock")});
        if (!m_daemon.waitForStarted(10'000))
            return;
        m_daemon.write("test-keyring-password");
        m_daemon.closeWriteChannel();
        // Ready once it owns the Secret Service's name on this bus.
        waitUntil([] {
            return QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets"));
        });
    }
    ~SecretService()
    {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(5'000))
            m_daemon.kill();
    }
    bool isUp() const
    {
        return QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets"));
    }

private:
    QProcess m_daemon;
};

class RemoteWindowTest : public GuiTest {
protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        ASSERT_TRUE(m_remoteData.isValid());
        m_remote = std::make_unique<ServerProcess>(
            m_remoteData.path(), QStringList{QStringLiteral("--rate-limit"), QStringLiteral("0"),
                                             QStringLiteral("--stats-rate-limit"), QStringLiteral("0")});
        ASSERT_TRUE(m_remote->start()) << m_remote->startError().toStdString();
        m_key = makeKey(QStringLiteral("laptop"));
        ASSERT_TRUE(m_key.startsWith(QStringLiteral("sf_")));
    }

    QString makeKey(const QString &name) const
    {
        const ProcessRun run = runServerBinary({QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
                                                name, QStringLiteral("--data-dir"), m_remoteData.path()});
        EXPECT_EQ(run.exitCode, 0) << run.standardError.toStdString();
        return QString::fromUtf8(run.standardOutput.trimmed());
    }

    // Adds the remote server through File → Server → Add a server…, as a user would.
    void addRemoteThroughTheDialog(const QString &key)
    {
        m_window->connectionMenu()->addServerAction()->trigger();
        AddServerDialog *dialog = nullptr;
        ASSERT_TRUE(waitUntil([&] {
            dialog = m_window->findChild<AddServerDialog *>(QStringLiteral("addServerDialog"));
            return dialog && dialog->isVisible();
        }));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("serverUrlEdit")), m_remote->baseUrl());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("serverKeyEdit")), key);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("serverNameEdit")), QStringLiteral("VPS"));
        dialog->accept();
    }

    RemoteConsole *remote() const
    {
        return qobject_cast<RemoteConsole *>(m_window->console()->current());
    }
    bool remoteIsRunning() const
    {
        return remote() && remote()->state() == LinkConsole::State::Running;
    }
    QString addressText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("addressLabel"))->text();
    }

    QTemporaryDir m_remoteData;
    std::unique_ptr<ServerProcess> m_remote;
    QString m_key;
};

// The key goes into the keychain, never into the settings file; the
// window reads it back from there at its next start and connects.
TEST_F(RemoteWindowTest, TheKeyIsKeptInTheKeychainNotInTheSettingsFile)
{
    QTemporaryDir keyringHome;
    SecretService secrets(keyringHome.path());
    ASSERT_TRUE(secrets.isUp()) << "gnome-keyring-daemon did not come up on the private bus";

    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    EXPECT_TRUE(addressText().contains(m_remote->baseUrl())) << addressText().toStdString();
    m_settings->sync();
    QFile ini(m_settings->fileName());
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray stored = ini.readAll();
    EXPECT_TRUE(stored.contains(m_remote->baseUrl().toUtf8())) << "the server is in the settings";
    EXPECT_FALSE(stored.contains(m_key.toUtf8())) << "the key must not be in the settings file";
    EXPECT_FALSE(stored.contains("sf_")) << stored.toStdString();

    // In the keychain: a KeyStore of its own reads it back.
    const QString id = m_window->connections()->currentId();
    std::optional<Result<QString>> kept;
    KeyStore store;
    QObject context;
    store.read(id, &context, [&](const Result<QString> &key) { kept = key; });
    ASSERT_TRUE(waitUntil([&] { return kept.has_value(); }));
    ASSERT_TRUE(kept->ok()) << kept->error().message.toStdString();
    EXPECT_EQ(kept->value(), m_key);

    // The next start: the window shows that server again, its key read from the keychain.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_host, *m_settings, false);
    m_window->show();
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    EXPECT_EQ(m_window->connections()->currentId(), id);
}

// No keychain on this desktop: the window says the key cannot be kept,
// works for this run, and asks for the key at the next start.
TEST_F(RemoteWindowTest, WithoutAKeychainTheKeyIsAskedForAtEachStartNeverWrittenDown)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("keychain")))
        << m_window->statusBar()->currentMessage().toStdString();
    m_settings->sync();
    QFile ini(m_settings->fileName());
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains(m_key.toUtf8()));

    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_host, *m_settings, false);
    m_window->show();
    QInputDialog *prompt = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        prompt = m_window->findChild<QInputDialog *>(QStringLiteral("keyPrompt"));
        return prompt && prompt->isVisible();
    }));
    EXPECT_TRUE(prompt->labelText().contains(QStringLiteral("keychain"))) << prompt->labelText().toStdString();
    prompt->setTextValue(m_key);
    prompt->accept();
    EXPECT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
}

// Create in the window with max clicks 1: the short link (the remote
// server's) is on the clipboard; opened once by a client, its row turns
// used up without a refresh (the event stream), and its statistics show
// the click. Then edit and revoke, through the same API.
TEST_F(RemoteWindowTest, AOneTimeLinkMadeRemotelyTurnsUsedUpWhenOpenedAndCanBeEditedAndRevoked)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();

    const QString slug = createThroughPanel(QStringLiteral("https://example.com/remote-invite"), 1);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(QApplication::clipboard()->text(), m_remote->baseUrl() + u'/' + slug);
    EXPECT_EQ(statusOf(slug), LinkTableModel::Status::Active);
    // The embedded server knows nothing of it.
    EXPECT_EQ(http().get(pathOf(slug)).status, 404);

    const HttpResponse opened = HttpClient(m_remote->port()).get(pathOf(slug));
    EXPECT_EQ(opened.status, 302) << opened.describe().toStdString();
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }, 5'000))
        << "the row turns used up from the event stream";

    m_window->showStatsFor(slug);
    EXPECT_TRUE(waitUntil([&] { return m_window->statsView()->stats().has_value()
                                    && m_window->statsView()->stats()->link.clicks == 1; }));
    EXPECT_EQ(m_window->statsView()->stats()->log.size(), 1);

    // Edit (a second click allowed) and revoke, remotely.
    LinkChange change;
    change.maxClicks = std::optional<qint64>(2);
    std::optional<Result<Link>> edited;
    QObject context;
    m_window->console()->updateLink(slug, change, &context, [&](const Result<Link> &link) { edited = link; });
    ASSERT_TRUE(waitUntil([&] { return edited.has_value(); }));
    ASSERT_TRUE(edited->ok()) << edited->error().message.toStdString();
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Active; }));
    EXPECT_EQ(HttpClient(m_remote->port()).get(pathOf(slug)).status, 302);

    std::optional<Result<bool>> revoked;
    m_window->console()->revokeLink(slug, &context, [&](const Result<bool> &done) { revoked = done; });
    ASSERT_TRUE(waitUntil([&] { return revoked.has_value(); }));
    ASSERT_TRUE(revoked->ok() && revoked->value());
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Revoked; }));
}

// The server restarted mid-session: the window says it is reconnecting,
// comes back by itself, and hears of what happened meanwhile from the
// event stream resumed with Last-Event-ID (the click arrives as an event,
// which a plain reload would not give).
TEST_F(RemoteWindowTest, AfterARestartOfTheServerTheWindowReconnectsAndMissesNothing)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/survives"), 5);
    ASSERT_FALSE(slug.isEmpty());
    QList<LinkEvent> heard;
    QObject::connect(m_window->console(), &LinkConsole::linkEvents, m_window.get(),
            [&heard](const QList<LinkEvent> &events) { heard += events; });
    // One click while connected: the stream now has a last event id.
    ASSERT_EQ(HttpClient(m_remote->port()).get(pathOf(slug)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return heard.size() == 1; }));

    const quint16 port = m_remote->port();
    ASSERT_EQ(m_remote->terminate(), 0);
    ASSERT_TRUE(waitUntil([&] { return remote()->state() == LinkConsole::State::Reconnecting; }, 10'000));
    EXPECT_TRUE(addressText().contains(QStringLiteral("Reconnecting"))) << addressText().toStdString();

    m_remote = std::make_unique<ServerProcess>(
        m_remoteData.path(), QStringList{QStringLiteral("--port"), QString::number(port), QStringLiteral("--rate-limit"),
                                         QStringLiteral("0"), QStringLiteral("--stats-rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(m_remote->start()) << m_remote->startError().toStdString();
    // A click before the window is back: it must still hear of it.
    ASSERT_EQ(HttpClient(port).get(pathOf(slug)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 20'000)) << addressText().toStdString();
    ASSERT_TRUE(waitUntil([&] { return heard.size() == 2; }, 10'000)) << heard.size();
    EXPECT_EQ(heard.at(1).slug, slug);
    EXPECT_EQ(heard.at(1).clicks, 2);
    EXPECT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn).startsWith(QStringLiteral("2")); }));
}

// Links for several recipients (one batch, all or nothing) and the click
// log's CSV export, on the remote server, through the window's console.
TEST_F(RemoteWindowTest, ABatchForSeveralRecipientsAndTheCsvExportWorkRemotely)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    QList<CreateRequest> requests;
    for (const char *name : {"Anna", "Ben"}) {
        CreateRequest request;
        request.url = QStringLiteral("https://example.com/party");
        request.maxClicks = 1;
        request.label = QLatin1String(name);
        requests.append(request);
    }
    QObject context;
    std::optional<Result<QList<Link>>> made;
    m_window->console()->createLinks(requests, &context, [&](const Result<QList<Link>> &links) { made = links; });
    ASSERT_TRUE(waitUntil([&] { return made.has_value(); }));
    ASSERT_TRUE(made->ok()) << made->error().message.toStdString();
    ASSERT_EQ(made->value().size(), 2);
    EXPECT_EQ(made->value().at(1).label, QStringLiteral("Ben"));
    const QString slug = made->value().at(0).slug;
    EXPECT_TRUE(waitUntil([&] { return rowOf(slug) >= 0; })) << "the new links show in the table";
    ASSERT_EQ(HttpClient(m_remote->port()).get(pathOf(slug)).status, 302);

    const QString csv = m_dir.filePath(QStringLiteral("clicks.csv"));
    std::optional<Result<qint64>> written;
    m_window->console()->exportClicks(slug, csv, &context, [&](const Result<qint64> &rows) { written = rows; });
    ASSERT_TRUE(waitUntil([&] { return written.has_value(); }));
    ASSERT_TRUE(written->ok()) << written->error().message.toStdString();
    EXPECT_EQ(written->value(), 1);
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().startsWith("at,outcome,"));
}

// A view that closes cancels what it asked for: its answer never arrives
// (a call made after it, on the same connection, has answered by then).
TEST_F(RemoteWindowTest, AClosedViewsRequestIsCancelledAndItsAnswerDropped)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    bool cancelledAnswered = false;
    auto view = std::make_unique<QObject>();
    m_window->console()->countLinks({}, view.get(), [&](const Result<qint64> &) { cancelledAnswered = true; });
    view.reset(); // the view closes while its request is in flight
    QObject later;
    std::optional<Result<qint64>> after;
    m_window->console()->countLinks({}, &later, [&](const Result<qint64> &count) { after = count; });
    ASSERT_TRUE(waitUntil([&] { return after.has_value(); }));
    EXPECT_TRUE(after->ok());
    EXPECT_FALSE(cancelledAnswered);
    EXPECT_TRUE(remoteIsRunning()) << "a cancelled request is no lost connection";
}

// Desktop notifications fire for a remote server's clicks too (its event
// stream feeds the same notifier as the embedded server's journal).
class RemoteNotificationTest : public RemoteWindowTest {
protected:
    bool desktopNotifications() const override { return true; }
    void SetUp() override
    {
        RemoteWindowTest::SetUp();
        if (HasFatalFailure())
            return;
        m_receiver = std::make_unique<NotificationsReceiver>();
        QString error;
        ASSERT_TRUE(m_receiver->registerOnBus(&error)) << qPrintable(error);
    }
    void TearDown() override
    {
        m_receiver.reset();
        RemoteWindowTest::TearDown();
    }
    std::unique_ptr<NotificationsReceiver> m_receiver;
};

TEST_F(RemoteNotificationTest, ARemoteClickIsNotified)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/notify-me"), 3, QStringLiteral("far-invite"));
    ASSERT_EQ(slug, QStringLiteral("far-invite"));
    // A person's browser (a bot's click is quiet by default).
    ASSERT_EQ(HttpClient(m_remote->port())
                  .get(pathOf(slug), {{"User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"}})
                  .status,
              302);
    ASSERT_TRUE(waitUntil([&] { return !m_receiver->calls().isEmpty(); }, 10'000));
    EXPECT_TRUE(m_receiver->calls().constFirst().summary.startsWith(QStringLiteral("far-invite was opened")))
        << m_receiver->calls().constFirst().summary.toStdString();
}

// A key revoked on the server: the window says so (not "network error").
TEST_F(RemoteWindowTest, ARevokedKeyIsSaidPlainly)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    const ProcessRun revoked = runServerBinary({QStringLiteral("keys"), QStringLiteral("revoke"), QStringLiteral("laptop"),
                                                QStringLiteral("--data-dir"), m_remoteData.path()});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.standardError.toStdString();
    // The next thing the window asks is refused.
    m_window->console()->countLinks({}, m_window.get(), [](const Result<qint64> &) {});
    ASSERT_TRUE(waitUntil([&] { return remote()->state() == LinkConsole::State::Failed; }, 10'000));
    EXPECT_TRUE(addressText().contains(QStringLiteral("revoked or mistyped"))) << addressText().toStdString();
}

// Switching back to "This computer" shows the embedded server's links
// again, and each connection keeps its own filter.
TEST_F(RemoteWindowTest, EachConnectionKeepsItsOwnViewAndTheSwitcherGoesBack)
{
    const QString local = createThroughPanel(QStringLiteral("https://example.com/local"), 3);
    ASSERT_FALSE(local.isEmpty());
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    EXPECT_TRUE(waitUntil([&] { return rowOf(local) < 0; })) << "the remote server's table has no local link";
    auto *filter = widget<QLineEdit>("filterEdit");
    filter->setText(QStringLiteral("remote-only"));

    auto *switcher = widget<QComboBox>("connectionSwitcher");
    ASSERT_EQ(switcher->count(), 2);
    m_window->connections()->activate(QString::fromLatin1(Connections::kThisComputer));
    EXPECT_TRUE(m_window->showsThisComputer());
    EXPECT_TRUE(filter->text().isEmpty()) << "this computer's own filter";
    EXPECT_TRUE(waitUntil([&] { return rowOf(local) >= 0; }));
    EXPECT_TRUE(addressText().contains(m_host->listeningUrl())) << addressText().toStdString();
}

// For remote-only use the embedded server can be turned off: it stops
// serving, "This computer" leaves the switcher, the remote is shown.
TEST_F(RemoteWindowTest, TurningThisComputerOffStopsItsServerAndLeavesTheRemote)
{
    addRemoteThroughTheDialog(m_key);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    m_window->connections()->activate(QString::fromLatin1(Connections::kThisComputer));
    const quint16 embeddedPort = m_host->port();

    m_window->openSettings();
    auto *dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
    ASSERT_NE(dialog, nullptr);
    auto *embedded = dialog->findChild<QCheckBox *>(QStringLiteral("embeddedServerCheck"));
    ASSERT_NE(embedded, nullptr);
    EXPECT_TRUE(embedded->isChecked());
    embedded->setChecked(false);
    dialog->accept();

    EXPECT_TRUE(waitUntil([&] { return m_host->state() == ServerHost::State::Stopped; }));
    EXPECT_EQ(HttpClient(embeddedPort).get("/health").status, 0) << "nothing listens there any more";
    EXPECT_TRUE(waitUntil([&] { return remoteIsRunning(); }));
    EXPECT_FALSE(m_window->showsThisComputer());
    const QList<Connections::Entry> entries = m_window->connections()->entries();
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries.constFirst().name, QStringLiteral("VPS"));
    EXPECT_FALSE(m_settings->value(Settings::Key::EmbeddedServer).toBool());
}


// nginx terminating TLS in front of the remote server, as a deployment
// does (Qt 6.4's own TLS listener would bypass the transport guard), with
// a certificate made by the test with openssl: self-signed, so the system
// does not trust it.
class TlsProxy {
public:
    bool start(quint16 upstreamPort)
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary folder"));
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadOther | QFileDevice::ExeOther
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
        QDir(m_dir.path()).mkpath(QStringLiteral("logs"));
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                       QStringLiteral("-keyout"), path("key.pem"), QStringLiteral("-out"), path("cert.pem")});
        if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0)
            return fail(QStringLiteral("openssl: ") + QString::fromUtf8(openssl.readAll()));
        QFile::setPermissions(path("key.pem"), QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup);
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return fail(QStringLiteral("no free port"));
        m_port = probe.serverPort();
        probe.close();
        const QString user = ::geteuid() == 0 ? QStringLiteral("user nobody nogroup;\n") : QString();
        const QString conf = user + QStringLiteral(
            "worker_processes 1;\nerror_log %1/logs/error.log;\nevents { worker_connections 256; }\n"
            "http {\n access_log off;\n client_body_temp_path %1/body; proxy_temp_path %1/proxy;\n"
            " fastcgi_temp_path %1/fastcgi; uwsgi_temp_path %1/uwsgi; scgi_temp_path %1/scgi;\n"
            " server {\n  listen 127.0.0.1:%2 ssl;\n  ssl_certificate %1/cert.pem;\n  ssl_certificate_key %1/key.pem;\n"
            "  location / { proxy_pass http://127.0.0.1:%3; proxy_http_version 1.1; proxy_set_header Connection \"\";\n"
            "   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_buffering off; proxy_read_timeout 1h; }\n"
            " }\n}\n").arg(m_dir.path()).arg(m_port).arg(upstreamPort);
        QFile file(path("nginx.conf"));
        if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0)
            return fail(QStringLiteral("cannot write nginx.conf"));
        file.close();
        m_nginx.setProcessChannelMode(QProcess::MergedChannels);
        m_nginx.start(QStringLiteral("/usr/sbin/nginx"),
                      {QStringLiteral("-p"), m_dir.path() + u'/', QStringLiteral("-e"), path("logs/error.log"),
                       QStringLiteral("-c"), path("nginx.conf"), QStringLiteral("-g"),
                       QStringLiteral("daemon off; pid %1;").arg(path("nginx.pid"))});
        if (!m_nginx.waitForStarted(10'000))
            return fail(QStringLiteral("cannot start nginx: ") + m_nginx.errorString());
        // Ready once it accepts connections on its port.
        const bool up = waitUntil([this] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            return socket.waitForConnected(200) || m_nginx.state() == QProcess::NotRunning;
        });
        if (!up || m_nginx.state() == QProcess::NotRunning)
            return fail(QStringLiteral("nginx did not come up: ") + QString::fromUtf8(m_nginx.readAll()));
        return true;
    }
    ~TlsProxy()
    {
        m_nginx.terminate();
        if (!m_nginx.waitForFinished(10'000))
            m_nginx.kill();
    }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    QByteArray certificateSha256() const
    {
        QFile file(path("cert.pem"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return RemoteConsole::fingerprint(QSslCertificate(file.readAll()));
    }
    const QString &error() const { return m_error; }

private:
    QString path(const char *name) const { return QDir(m_dir.path()).filePath(QLatin1String(name)); }
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }
    QTemporaryDir m_dir;
    QProcess m_nginx;
    quint16 m_port = 0;
    QString m_error;
};

// Through TLS: a certificate the system does not trust is refused with the
// reason; trusted by the user's explicit choice (pinned by its SHA-256,
// remembered), the server is used, also at the next start.
TEST_F(RemoteWindowTest, AnUntrustedCertificateIsRefusedUntilTheUserTrustsThatOne)
{
    QTemporaryDir keyringHome;
    SecretService secrets(keyringHome.path()); // the next start reads the key from here
    ASSERT_TRUE(secrets.isUp());
    TlsProxy proxy;
    ASSERT_TRUE(proxy.start(m_remote->port())) << proxy.error().toStdString();
    m_window->connections()->addRemote(QStringLiteral("TLS"), QUrl(proxy.url()), m_key, m_window.get(), [](const Status &) {});
    ASSERT_TRUE(waitUntil([&] { return remote() && remote()->state() == LinkConsole::State::Failed; }, 15'000))
        << addressText().toStdString();
    EXPECT_TRUE(remote()->lastError().contains(QStringLiteral("certificate is not trusted"))) << remote()->lastError().toStdString();
    EXPECT_TRUE(addressText().contains(QStringLiteral("not trusted"))) << addressText().toStdString();

    QMessageBox *box = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        box = m_window->findChild<QMessageBox *>(QStringLiteral("trustCertificateBox"));
        return box && box->isVisible();
    }));
    const QByteArray sha256 = proxy.certificateSha256();
    ASSERT_FALSE(sha256.isEmpty());
    EXPECT_TRUE(box->text().contains(QString::fromLatin1(sha256))) << "the fingerprint the user must compare";
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("trustCertificateButton")), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/over-tls"), 1);
    EXPECT_FALSE(slug.isEmpty());

    // Remembered: the next start connects without asking.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_host, *m_settings, false);
    m_window->show();
    ASSERT_TRUE(waitUntil([&] { return remoteIsRunning(); }, 15'000)) << addressText().toStdString();
    EXPECT_EQ(m_window->findChild<QMessageBox *>(QStringLiteral("trustCertificateBox")), nullptr);
}

// 100,000 links on the remote server open in the table: the first page
// only (the time it took is printed: measured, not asserted), the true
// total, further pages by the server's keyset cursors as the view scrolls,
// sorting and filtering done by the server.
class RemoteHundredThousandTest : public GuiTest {
protected:
    static constexpr int kLinks = 100'000;

    void SetUp() override
    {
        GuiTest::SetUp();
        ASSERT_TRUE(m_remoteData.isValid());
        const QString dbFile = m_remoteData.filePath(QStringLiteral("shortfuse.db"));
        {
            SqliteLinkStore store(dbFile); // the real schema, from the store's own migrations
            ASSERT_TRUE(store.open().ok());
            store.close();
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("remote-seed"));
            db.setDatabaseName(dbFile);
            ASSERT_TRUE(db.open()) << qPrintable(db.lastError().text());
            QSqlQuery q(db);
            ASSERT_TRUE(q.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %1) "
                "INSERT INTO links(slug, url, max_clicks, clicks, created_at) "
                "SELECT printf('r%06d', i), printf('https://example.com/item/%06d', i), "
                "CASE WHEN i % 4 = 0 THEN 10 END, i % 7, 1700000000000 + i * 1000 FROM n")
                                   .arg(kLinks)))
                << qPrintable(q.lastError().text());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("remote-seed"));
        m_remote = std::make_unique<ServerProcess>(m_remoteData.path(), QStringList{QStringLiteral("--stats-rate-limit"),
                                                                                   QStringLiteral("0")});
        ASSERT_TRUE(m_remote->start()) << m_remote->startError().toStdString();
        // The seeded links belong to no key: an admin key sees them.
        const ProcessRun run = runServerBinary({QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
                                                QStringLiteral("admin"), QStringLiteral("--admin"),
                                                QStringLiteral("--data-dir"), m_remoteData.path()});
        ASSERT_EQ(run.exitCode, 0) << run.standardError.toStdString();
        m_key = QString::fromUtf8(run.standardOutput.trimmed());
    }

    QString slugAt(int row) const
    {
        LinkTableModel *model = m_window->linkModel();
        return model->data(model->index(row, LinkTableModel::SlugColumn), Qt::DisplayRole).toString();
    }

    QTemporaryDir m_remoteData;
    std::unique_ptr<ServerProcess> m_remote;
    QString m_key;
};

TEST_F(RemoteHundredThousandTest, OpenInTheTablePageByPageSortedAndFilteredByTheServer)
{
    LinkTableModel *model = m_window->linkModel();
    QElapsedTimer firstPage;
    firstPage.start();
    bool added = false;
    m_window->connections()->addRemote(QStringLiteral("big"), QUrl(m_remote->baseUrl()), m_key, m_window.get(),
                                       [&](const Status &) { added = true; });
    ASSERT_TRUE(waitUntil([&] { return added && model->totalCount() == kLinks && model->rowCount() > 0
                                    && !model->isLoading(); },
                          30'000))
        << model->totalCount();
    std::printf("[ timing   ] 100,000 remote links: connected and first page of %d rows in %lld ms\n",
                model->rowCount(), firstPage.elapsed());
    RecordProperty("remote_time_to_first_page_ms", int(firstPage.elapsed()));
    EXPECT_EQ(model->rowCount(), LinkTableModel::kPageSize);
    EXPECT_EQ(slugAt(0), QStringLiteral("r099999"));

    // The next page, by the cursor the server gave.
    ASSERT_TRUE(model->canFetchMore({}));
    model->fetchMore({});
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == 2 * LinkTableModel::kPageSize && !model->isLoading(); }));
    EXPECT_EQ(slugAt(LinkTableModel::kPageSize), QStringLiteral("r%1").arg(kLinks - 1 - LinkTableModel::kPageSize, 6, 10, QLatin1Char('0')));

    // Sorted by the server: oldest first.
    m_window->linkTable()->sortByColumn(LinkTableModel::CreatedColumn, Qt::AscendingOrder);
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading() && model->rowCount() > 0 && slugAt(0) == QStringLiteral("r000000"); }));

    // Filtered by the server.
    widget<QLineEdit>("filterEdit")->setText(QStringLiteral("item/04242"));
    ASSERT_TRUE(waitUntil([&] { return !model->isLoading() && model->totalCount() == 10; }, 15'000)) << model->totalCount();
}

} // namespace
} // namespace shortfuse::test
