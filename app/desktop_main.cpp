// shortfuse: the desktop app. The same link server as shortfuse-server
// (same flags, one definition in ServerOptions), run on a thread of its own,
// with a window to make links and watch their clicks, and a tray icon that
// keeps serving while the window is closed.

#include "app/unixsignals.h"

#include "ui/createpanel.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "server/serverconfig.h"
#include "ui/serverhost.h"
#include "ui/settings.h"
#include "ui/statsview.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// Settings give the defaults; a flag given on the command line wins for this
// run (and is not saved). Flags the settings do not cover come from the
// command line (or its defaults) alone.
shortfuse::ServerConfig effectiveConfig(const shortfuse::Settings &settings, const shortfuse::ServerConfig &flags,
                                        const QCommandLineParser &parser)
{
    shortfuse::ServerConfig config = settings.serverConfig(flags);
    auto given = [&parser](const char *name) { return parser.isSet(QLatin1String(name)); };
    if (given("bind"))
        config.bindAddress = flags.bindAddress;
    if (given("port"))
        config.port = flags.port;
    if (given("base-url"))
        config.baseUrl = flags.baseUrl;
    if (given("rate-limit"))
        config.rateLimitPerMinute = flags.rateLimitPerMinute;
    if (given("trusted-proxy"))
        config.trustedProxies = flags.trustedProxies;
    if (given("data-dir"))
        config.dataDir = flags.dataDir;
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The same application name as shortfuse-server: both use the same
    // default data folder, so the desktop and the headless server share links.
    QCoreApplication::setApplicationName(QStringLiteral("shortfuse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHORTFUSE_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Shortfuse"));
    QGuiApplication::setDesktopFileName(QStringLiteral("invalid.example.Shortfuse"));
    QGuiApplication::setWindowIcon(shortfuse::theme::appIcon());
    // Closing the window may leave the tray icon serving; Quit ends the app.
    QGuiApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shortfuse: short links that redirect N times, then expire. Opens a window and serves "
                       "the links itself."));
    parser.addHelpOption();
    parser.addVersionOption();
    shortfuse::ServerOptions::addTo(parser);
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QStringLiteral("Start with the window hidden in the tray."));
    parser.addOption(minimized);
    QCommandLineOption settingsFile(QStringLiteral("settings"),
                                    QStringLiteral("Read and write settings in this INI file."), QStringLiteral("FILE"));
    parser.addOption(settingsFile);
    // For scripts/screenshots (hidden from --help): save the window and the
    // statistics of SLUG as PNGs into DIR, then quit.
    QCommandLineOption screenshotDir(QStringLiteral("screenshot-dir"), QStringLiteral("Save screenshots, then quit."),
                                     QStringLiteral("DIR"));
    screenshotDir.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotDir);
    QCommandLineOption screenshotSlug(QStringLiteral("screenshot-stats"), QStringLiteral("Link for the stats screenshot."),
                                      QStringLiteral("SLUG"));
    screenshotSlug.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotSlug);
    QCommandLineOption screenshotCreate(QStringLiteral("screenshot-create"),
                                        QStringLiteral("Shorten URL through the panel first."), QStringLiteral("URL"));
    screenshotCreate.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotCreate);

    const shortfuse::Result<shortfuse::ServerConfig> flags =
        shortfuse::ServerOptions::parse(parser, QCoreApplication::arguments());
    if (!flags) {
        std::fprintf(stderr, "shortfuse: %s\n", qPrintable(flags.error().message));
        return 2;
    }

    std::unique_ptr<shortfuse::Settings> settings = parser.isSet(settingsFile)
        ? std::make_unique<shortfuse::Settings>(parser.value(settingsFile))
        : std::make_unique<shortfuse::Settings>();
    shortfuse::installTranslations(settings->value(shortfuse::Settings::Key::Language).toString());

    shortfuse::ServerHost host;
    shortfuse::MainWindow window(host, *settings);

    UnixSignalWatcher signals;
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &window,
                     &shortfuse::MainWindow::quitApplication);

    host.start(effectiveConfig(*settings, *flags, parser));

    const bool hidden = (parser.isSet(minimized) || settings->value(shortfuse::Settings::Key::StartMinimized).toBool())
        && window.closesToTray() && !parser.isSet(screenshotDir);
    if (!hidden)
        window.show();

    if (parser.isSet(screenshotDir)) {
        // scripts/screenshots: once the server runs, make a link through the
        // panel (so the result and its QR code show), let the table load,
        // grab the window; then open the statistics of SLUG and grab again.
        // The window draws itself into the PNGs: no screen grabber needed.
        const QString dir = parser.value(screenshotDir);
        const QString slug = parser.value(screenshotSlug);
        const QString createUrl = parser.value(screenshotCreate);
        window.resize(1280, 900);
        auto grabTo = [&window, dir](const QString &name) {
            QDir().mkpath(dir);
            if (!window.grab().save(QDir(dir).filePath(name)))
                std::fprintf(stderr, "shortfuse: could not save %s\n", qPrintable(QDir(dir).filePath(name)));
        };
        auto shootStats = [&window, grabTo, slug] {
            if (slug.isEmpty()) {
                window.quitApplication();
                return;
            }
            QObject::connect(
                window.statsView(), &shortfuse::StatsView::statsLoaded, &window,
                [&window, grabTo] {
                    QTimer::singleShot(500, &window, [&window, grabTo] {
                        grabTo(QStringLiteral("stats-view.png"));
                        window.quitApplication();
                    });
                },
                Qt::SingleShotConnection);
            window.showStatsFor(slug);
        };
        auto shootMain = [&window, grabTo, shootStats] {
            QTimer::singleShot(1500, &window, [grabTo, shootStats] {
                grabTo(QStringLiteral("main-window.png"));
                shootStats();
            });
        };
        QObject::connect(&host, &shortfuse::ServerHost::started, &window, [&window, createUrl, shootMain] {
            if (createUrl.isEmpty()) {
                shootMain();
                return;
            }
            QObject::connect(window.createPanel(), &shortfuse::CreatePanel::linkCreated, &window, shootMain,
                             Qt::SingleShotConnection);
            window.findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setText(createUrl);
            window.findChild<QSpinBox *>(QStringLiteral("maxClicksSpin"))->setValue(1);
            window.createPanel()->shorten();
        });
        QObject::connect(&host, &shortfuse::ServerHost::startFailed, &app, [] { QCoreApplication::exit(1); });
    }
    return app.exec();
}
