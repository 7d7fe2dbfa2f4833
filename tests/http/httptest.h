#pragma once

// Shared by the HTTP suite: a fixture that runs a real shortfuse-server on a
// temporary data directory, a read-only view of its database, and small
// helpers for creating links and checking answers.

#include "tests/support/httpclient.h"
#include "tests/support/pgtestenv.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariantList>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace shortfuse::test {

// The server's SQLite file opened read-only, as an outside observer. Opened
// per instance, so each check sees what is committed at that moment.
class LinkDatabase final {
public:
    explicit LinkDatabase(const QString &path);
    ~LinkDatabase();
    LinkDatabase(const LinkDatabase &) = delete;
    LinkDatabase &operator=(const LinkDatabase &) = delete;

    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }

    // First column of the first row; -1 if the query fails or returns nothing.
    qint64 scalar(const QString &sql, const QVariantList &bindings = {}) const;
    // The first column of every row (an id list).
    QList<qint64> ids(const QString &sql) const;
    qint64 linkCount() const;
    qint64 clicksOf(const QString &slug) const;                 // links.clicks
    qint64 clickRows(const QString &slug, int outcome) const;   // rows in the click log
    QString integrityCheck() const;

private:
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    bool m_postgres = false;
    QString m_error;
};

// Click log outcomes, as the database stores them.
constexpr int kRedirected = 1;
constexpr int kExpired = 2;

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout = 10s);

// Runs body(0..threads-1) on that many std::threads, released together by a latch.
void runTogether(int threads, const std::function<void(int)> &body);

// Tallies response statuses (0 = no response).
using StatusCounts = std::map<int, int>;

QByteArray pathOf(const QString &slug);
QString htmlEscaped(const QString &text);

// The server ended with exit code 0; otherwise a failure naming what happened and its stderr.
void expectCleanExit(const ServerProcess &server, int exitCode);

// The error shape of the JSON API: {"error": "<sentence>", "reason": "<code>"}.
// An empty `reason` accepts any non-empty code.
void expectJsonError(const HttpResponse &response, int status, const QString &reason = {});

// False in the sanitizer build (SHORTFUSE_SANITIZED=1): AddressSanitizer's
// shadow memory and quarantine change what a process holds, so tests check
// everything there but the server's resident memory.
bool memoryIsMeasured();

// The server's open-connections gauge, read with a request of its own (not counted).
qint64 openConnections(const HttpClient &client);

// Which database the servers under test use. The whole suite runs twice:
// on SQLite (the default) and, registered again by ctest with
// SHORTFUSE_TEST_BACKEND=postgres, on a fresh PostgreSQL database per test.
bool testingOnPostgres();

// A real server on a fresh data directory, started before each test. Tests
// that need other flags override serverArguments(), or stop it and call
// startServer() with their own.
class ServerTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // Default: creation rate limit off, so tests can create links freely.
    virtual QStringList serverArguments() const;

    // Starts a server on the fixture's data directory (stopping a running one with SIGTERM).
    void startServer(const QStringList &arguments);
    // Variables for the servers startServer() starts from now on (libfaketime...).
    void setServerEnvironment(QStringList variables) { m_environment = std::move(variables); }
    // SIGTERM and restart with the same arguments and data directory; the port may change.
    void restartServer();
    // SIGTERM, expecting exit code 0. Click records written after an answer are then all
    // in the database (the server flushes them before it exits), so counts are final.
    void stopServer();

    ServerProcess &server() { return *m_server; }
    HttpClient client() const { return HttpClient(m_server->port()); }
    QString dataDir() const { return m_dataDir.path(); }
    LinkDatabase database() const;
    // What database() opens: the PostgreSQL URL or the SQLite file's path.
    QString databaseLocation() const;
    // The --db value every server of this test gets ("" on SQLite: the
    // file in the data directory).
    QString databaseUrl() const { return m_postgres ? m_postgres->url() : QString(); }

    HttpResponse create(const QJsonObject &fields) const;
    // `shortfuse-server keys ARGUMENTS...` on this test's database (its
    // data directory, and --db on PostgreSQL), as an owner would run it
    // beside the running server.
    ProcessRun runKeysCommand(const QStringList &arguments) const;
    // A new API key from `keys create --name NAME [--admin]`: the key
    // itself; a test failure if the command fails.
    QByteArray makeKey(const QString &name, bool admin = false) const;
    // Creates a link and returns its slug; records a test failure (and returns "") if not 201.
    QString createLink(const QString &url, std::optional<qint64> maxClicks = {}, const QString &alias = {}) const;
    // GETs /<slug> `times` times in a row and tallies the statuses.
    StatusCounts visit(const QString &slug, int times) const;

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<FreshDatabase> m_postgres;
    QStringList m_arguments;
    std::unique_ptr<ServerProcess> m_server;
    QStringList m_environment;
};

} // namespace shortfuse::test
