// qhttpserver-302: bare QHttpServer answering every request with
//   302 Found, Location: <url>, Cache-Control: no-store
// Prints "Listening on http://127.0.0.1:PORT" like shortfuse-server.
// Usage: qhttpserver-302 URL [PORT]
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: qhttpserver-302 URL [PORT]\n");
        return 2;
    }
    const QByteArray location(argv[1]);
    const quint16 wanted = argc > 2 ? quint16(QByteArray(argv[2]).toUInt()) : 0;

    QHttpServer server;
    server.setMissingHandler([&location](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write({{QByteArrayLiteral("Location"), location},
                         {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}},
                        QHttpServerResponder::StatusCode::Found);
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, wanted);
    if (port == 0) {
        std::fprintf(stderr, "qhttpserver-302: cannot listen\n");
        return 1;
    }
    std::signal(SIGTERM, [](int) { std::_Exit(0); });
    std::printf("Listening on http://127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
