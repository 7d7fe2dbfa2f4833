#pragma once

// Tests against a real PostgreSQL (issue 5).
//
// ctest starts one throwaway cluster for the whole run (fixture `postgres`:
// tests/CMakeLists.txt, scripts/pg-test-cluster) and writes its URL,
//   postgresql://shortfuse:shortfuse@127.0.0.1:PORT/shortfuse_test
// to SHORTFUSE_PG_URL_FILE (<build>/pgtest/url). The role `shortfuse` may
// create databases; a test takes a FreshDatabase of its own so that tests
// running in parallel never see each other's rows.
//
// Pausing the shared cluster disrupts every PostgreSQL test running at the
// same moment (ctest -j). A test that stops PostgreSQL (outage, restart)
// starts a PrivatePostgres of its own and pauses that one.

#include <QString>

#include <optional>

namespace shortfuse::test {

// The URL of the shared test cluster, read from SHORTFUSE_PG_URL_FILE (the
// environment variable of that name overrides the compiled-in path);
// nullopt when the file is missing, i.e. the `postgres` fixture did not run.
std::optional<QString> testPostgresUrl();

// The folder of the shared test cluster (the one holding the url file).
QString testPostgresClusterDir();

// One line for a test that has no URL: how to get one.
QString noTestPostgresMessage();

// `url` with its database name replaced.
QString postgresUrlWithDatabase(const QString &url, const QString &database);

// A new, empty database t_<pid>_<n>_<random> on the cluster of `clusterUrl`
// (created with CREATE DATABASE through QPSQL as the URL's role), dropped
// again (WITH (FORCE): leftover connections of servers under test are cut)
// when this object dies. Safe to use from test processes running in parallel.
class FreshDatabase final {
public:
    // On the shared test cluster.
    FreshDatabase();
    explicit FreshDatabase(const QString &clusterUrl);
    ~FreshDatabase();
    FreshDatabase(const FreshDatabase &) = delete;
    FreshDatabase &operator=(const FreshDatabase &) = delete;

    bool isValid() const { return !m_url.isEmpty(); }
    // Why it is not valid: one line.
    const QString &error() const { return m_error; }

    // postgresql://shortfuse:shortfuse@127.0.0.1:PORT/t_..., for --db and for
    // openPostgresUrl().
    const QString &url() const { return m_url; }
    const QString &name() const { return m_name; }

    // Drops the database now (also done by the destructor). Returns false
    // and sets error() if the drop fails.
    bool drop();

private:
    void create(const QString &clusterUrl);

    QString m_clusterUrl;
    QString m_name;
    QString m_url;
    QString m_error;
};

// Opens a QPSQL connection named `connectionName` (must be unique in the
// process) to `url`; returns false with a one-line `error` on failure. The
// caller closes it and calls QSqlDatabase::removeDatabase(connectionName).
bool openPostgresUrl(const QString &url, const QString &connectionName, QString *error = nullptr,
                     int connectTimeoutSeconds = 5);

// Runs `scripts/pg-test-cluster <command> <clusterDir>`; false with the
// script's one-line message in `error` on failure.
bool runPgTestCluster(const QString &command, const QString &clusterDir, QString *error = nullptr);

// Stops (fast shutdown) and starts again the cluster in `clusterDir` (by
// default the shared one: see the warning at the top), on the same port with
// the same data. pausePostgres returns once the server is down,
// resumePostgres once it accepts connections again.
bool pausePostgres(const QString &clusterDir = testPostgresClusterDir(), QString *error = nullptr);
bool resumePostgres(const QString &clusterDir = testPostgresClusterDir(), QString *error = nullptr);
// Like pausePostgres, but an immediate shutdown (no checkpoint, like a crash).
bool crashPostgres(const QString &clusterDir = testPostgresClusterDir(), QString *error = nullptr);

// A cluster of one test's own, in a temporary folder, stopped and removed
// when this object dies: for tests that stop PostgreSQL. Starting one takes
// a few seconds.
class PrivatePostgres final {
public:
    PrivatePostgres();   // starts it; see isValid()/error()
    ~PrivatePostgres();
    PrivatePostgres(const PrivatePostgres &) = delete;
    PrivatePostgres &operator=(const PrivatePostgres &) = delete;

    bool isValid() const { return !m_url.isEmpty(); }
    const QString &error() const { return m_error; }
    // postgresql://shortfuse:shortfuse@127.0.0.1:PORT/shortfuse_test
    const QString &url() const { return m_url; }
    const QString &clusterDir() const { return m_dir; }

    bool pause(QString *error = nullptr) { return pausePostgres(m_dir, error); }
    bool resume(QString *error = nullptr) { return resumePostgres(m_dir, error); }
    bool crash(QString *error = nullptr) { return crashPostgres(m_dir, error); }

private:
    QString m_parentDir;
    QString m_dir;
    QString m_url;
    QString m_error;
};

} // namespace shortfuse::test
