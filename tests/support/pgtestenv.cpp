#include "tests/support/pgtestenv.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <cstdio>

#ifndef SHORTFUSE_PG_URL_FILE
#error "SHORTFUSE_PG_URL_FILE must be defined (tests/CMakeLists.txt)"
#endif
#ifndef SHORTFUSE_PG_TEST_CLUSTER_SCRIPT
#error "SHORTFUSE_PG_TEST_CLUSTER_SCRIPT must be defined (tests/CMakeLists.txt)"
#endif

namespace shortfuse::test {

namespace {

QString urlFilePath()
{
    const QString fromEnvironment = qEnvironmentVariable("SHORTFUSE_PG_URL_FILE");
    return fromEnvironment.isEmpty() ? QStringLiteral(SHORTFUSE_PG_URL_FILE) : fromEnvironment;
}

// A name no other test process, in this run or an earlier one, has used.
QString uniqueSuffix()
{
    static std::atomic<unsigned> counter{0};
    return QStringLiteral("%1_%2_%3")
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetch_add(1))
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

QString uniqueConnectionName(const char *purpose)
{
    return QStringLiteral("pgtestenv_%1_%2").arg(QLatin1String(purpose), uniqueSuffix());
}

// Runs `sql` on a short-lived connection to `url`. Retries a few times while
// PostgreSQL reports a conflict that goes away by itself (another process
// creating a database from the same template at this very moment).
bool executeOnce(const QString &url, const QString &sql, QString *error)
{
    const QString connectionName = uniqueConnectionName("admin");
    bool ok = false;
    {
        QString openError;
        if (!openPostgresUrl(url, connectionName, &openError)) {
            if (error)
                *error = openError;
        } else {
            QSqlDatabase db = QSqlDatabase::database(connectionName, false);
            for (int attempt = 0; attempt < 20; ++attempt) {
                QSqlQuery query(db);
                if (query.exec(sql)) {
                    ok = true;
                    break;
                }
                const QString message = query.lastError().text();
                if (error)
                    *error = QStringLiteral("%1: %2").arg(sql, message);
                if (!message.contains(QLatin1String("being accessed by other users")))
                    break;
                QThread::msleep(100);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok;
}

} // namespace

std::optional<QString> testPostgresUrl()
{
    QFile file(urlFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString url = QString::fromUtf8(file.readAll()).trimmed();
    if (url.isEmpty())
        return std::nullopt;
    return url;
}

QString testPostgresClusterDir()
{
    return QFileInfo(urlFilePath()).absolutePath();
}

QString noTestPostgresMessage()
{
    return QStringLiteral("no test PostgreSQL: %1 is missing. Run the test through ctest (fixture "
                          "`postgres`), or start one by hand: scripts/pg-test-cluster start %2")
        .arg(urlFilePath(), testPostgresClusterDir());
}

QString postgresUrlWithDatabase(const QString &url, const QString &database)
{
    QUrl parsed(url);
    parsed.setPath(QLatin1Char('/') + database);
    return parsed.toString();
}

bool openPostgresUrl(const QString &url, const QString &connectionName, QString *error,
                     int connectTimeoutSeconds)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid()
        || (parsed.scheme() != QLatin1String("postgresql") && parsed.scheme() != QLatin1String("postgres"))
        || parsed.host().isEmpty() || parsed.path().size() < 2) {
        if (error)
            *error = QStringLiteral("not a postgresql://user:password@host:port/dbname URL: %1").arg(url);
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        if (error)
            *error = QStringLiteral("Qt's QPSQL driver is missing (Debian: libqt6sql6-psql; run scripts/install-deps)");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(parsed.host());
    db.setPort(parsed.port(5432));
    db.setUserName(parsed.userName(QUrl::FullyDecoded));
    db.setPassword(parsed.password(QUrl::FullyDecoded));
    db.setDatabaseName(parsed.path(QUrl::FullyDecoded).mid(1));
    db.setConnectOptions(QStringLiteral("connect_timeout=%1").arg(connectTimeoutSeconds));
    if (!db.open()) {
        if (error)
            *error = QStringLiteral("cannot connect to %1: %2").arg(url, db.lastError().text());
        return false;
    }
    return true;
}

FreshDatabase::FreshDatabase()
{
    const std::optional<QString> url = testPostgresUrl();
    if (!url) {
        m_error = noTestPostgresMessage();
        return;
    }
    create(*url);
}

FreshDatabase::FreshDatabase(const QString &clusterUrl)
{
    create(clusterUrl);
}

void FreshDatabase::create(const QString &clusterUrl)
{
    m_clusterUrl = clusterUrl;
    const QString name = QStringLiteral("t_") + uniqueSuffix();
    if (!executeOnce(clusterUrl, QStringLiteral("CREATE DATABASE \"%1\"").arg(name), &m_error))
        return;
    m_name = name;
    m_url = postgresUrlWithDatabase(clusterUrl, name);
    m_error.clear();
}

FreshDatabase::~FreshDatabase()
{
    if (!m_name.isEmpty() && !drop())
        std::fprintf(stderr, "pgtestenv: could not drop the test database: %s\n", qPrintable(m_error));
}

bool FreshDatabase::drop()
{
    if (m_name.isEmpty())
        return true;
    if (!executeOnce(m_clusterUrl, QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name),
                     &m_error))
        return false;
    m_name.clear();
    m_url.clear();
    return true;
}

bool runPgTestCluster(const QString &command, const QString &clusterDir, QString *error)
{
    QProcess process;
    process.setProgram(QStringLiteral(SHORTFUSE_PG_TEST_CLUSTER_SCRIPT));
    process.setArguments({command, clusterDir});
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    // pg_ctl waits up to 60 s for a start or a stop; the fallbacks after it
    // take a little longer.
    const bool finished = process.waitForFinished(150'000);
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return true;
    if (error) {
        if (!finished) {
            process.kill();
            process.waitForFinished(5'000);
            *error = QStringLiteral("pg-test-cluster %1 %2: timed out").arg(command, clusterDir);
        } else {
            const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
            *error = stderrText.isEmpty()
                ? QStringLiteral("pg-test-cluster %1 %2 failed (%3)").arg(command, clusterDir, process.errorString())
                : stderrText;
        }
    }
    return false;
}

bool pausePostgres(const QString &clusterDir, QString *error)
{
    return runPgTestCluster(QStringLiteral("pause"), clusterDir, error);
}

bool resumePostgres(const QString &clusterDir, QString *error)
{
    return runPgTestCluster(QStringLiteral("resume"), clusterDir, error);
}

bool crashPostgres(const QString &clusterDir, QString *error)
{
    return runPgTestCluster(QStringLiteral("crash"), clusterDir, error);
}

PrivatePostgres::PrivatePostgres()
{
    // A folder only for this cluster; the script creates and owns the one
    // inside it (and hands it to the `postgres` user when run as root, so
    // the parent has to be enterable by that user).
    m_parentDir = QDir(QDir::tempPath()).filePath(QStringLiteral("shortfuse-pgprivate-") + uniqueSuffix());
    if (!QDir().mkpath(m_parentDir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_parentDir);
        return;
    }
    QFile::setPermissions(m_parentDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                           | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                           | QFileDevice::ReadOther | QFileDevice::ExeOther);
    m_dir = QDir(m_parentDir).filePath(QStringLiteral("cluster"));
    if (!runPgTestCluster(QStringLiteral("start"), m_dir, &m_error))
        return;
    QFile file(QDir(m_dir).filePath(QStringLiteral("url")));
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("pg-test-cluster start wrote no %1").arg(file.fileName());
        return;
    }
    m_url = QString::fromUtf8(file.readAll()).trimmed();
}

PrivatePostgres::~PrivatePostgres()
{
    if (m_dir.isEmpty())
        return;
    QString error;
    if (!runPgTestCluster(QStringLiteral("stop"), m_dir, &error))
        std::fprintf(stderr, "pgtestenv: %s\n", qPrintable(error));
    QDir(m_parentDir).removeRecursively();
}

} // namespace shortfuse::test
