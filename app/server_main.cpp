// shortfuse-server: the headless Shortfuse server. Links QtCore, QtNetwork,
// QtSql and QtHttpServer only, never QtWidgets, so it runs on machines
// without a display.

#include "app/unixsignals.h"

#include "server/keyscommand.h"
#include "server/serverconfig.h"
#include "server/shortfuseserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher: the headless server needs no GLib
    // integration, and GLib's main loop costs measurably per request.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shortfuse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHORTFUSE_VERSION));

    // `shortfuse-server keys ...` manages API keys and exits.
    if (QCoreApplication::arguments().value(1) == QLatin1String("keys"))
        return shortfuse::runKeysCommand(QCoreApplication::arguments(), stdout, stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shortfuse server: short links that redirect N times, then expire.\n"
                       "API keys: shortfuse-server keys create --name NAME [--admin] | keys list | keys revoke NAME"));
    parser.addHelpOption();
    parser.addVersionOption();
    shortfuse::ServerOptions::addTo(parser);

    shortfuse::Result<shortfuse::ServerConfig> config =
        shortfuse::ServerOptions::parse(parser, QCoreApplication::arguments());
    if (!config) {
        std::fprintf(stderr, "shortfuse-server: %s\n", qPrintable(config.error().message));
        return 2;
    }

    shortfuse::ShortfuseServer server(*config);
    if (shortfuse::Status started = server.start(); !started) {
        std::fprintf(stderr, "shortfuse-server: %s\n", qPrintable(started.error().message.simplified()));
        return 1;
    }

    UnixSignalWatcher signals;
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &server, &shortfuse::ShortfuseServer::shutdown);
    QObject::connect(&server, &shortfuse::ShortfuseServer::stopped, &app, &QCoreApplication::quit);

    std::printf("Listening on %s\n", qPrintable(server.listeningUrl()));
    if (const QString metrics = server.metricsUrl(); !metrics.isEmpty())
        std::printf("Metrics on %s\n", qPrintable(metrics));
    std::fflush(stdout);
    const int code = app.exec();
    // A shutdown that could not commit everything (the database was gone)
    // must not look like a clean one to systemd or a script.
    return server.flushedEverything() ? code : 1;
}
