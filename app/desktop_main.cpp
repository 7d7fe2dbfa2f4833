// shortfuse: the desktop app. The same link server as shortfuse-server
// (same flags, one definition in ServerOptions), run on a thread of its own,
// with a window to make links and watch their clicks, and a tray icon that
// keeps serving while the window is closed.

#include "app/applicationidentity.h"
#include "app/unixsignals.h"

#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/serverhost.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include "server/serverconfig.h"

#include <QApplication>
#include <QCommandLineParser>

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
    if (given("create-access"))
        config.createAccess = flags.createAccess;
    if (given("public-stats"))
        config.publicStats = flags.publicStats;
    if (given("port-mapping"))
        config.portMapping = flags.portMapping;
    if (given("external-port"))
        config.externalPort = flags.externalPort;
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    shortfuse::setApplicationIdentity();

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

    // "This computer" can be turned off by those who only use remote servers (issue 15).
    if (settings->value(shortfuse::Settings::Key::EmbeddedServer).toBool())
        host.start(effectiveConfig(*settings, *flags, parser));

    const bool hidden = (parser.isSet(minimized) || settings->value(shortfuse::Settings::Key::StartMinimized).toBool())
        && window.closesToTray();
    if (!hidden)
        window.show();
    return app.exec();
}
