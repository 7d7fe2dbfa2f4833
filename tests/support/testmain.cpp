// main() for every GoogleTest suite: a QCoreApplication must exist for Qt's
// networking, SQL and event loop, and no test may need a display.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own event dispatcher, as shortfuse-server uses (app/server_main.cpp):
    // suites that host the server in process run it as it runs in production.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shortfuse-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
