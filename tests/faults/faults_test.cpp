// Fault injection against a real shortfuse-server (issue 11, "nothing
// lost"): the disk fills up, another process holds the SQLite write lock,
// the data folder turns read-only, the database file is deleted, the server
// is killed during a schema migration, the wall clock is stepped. Each
// fault must end in a clear error or a clean recovery, never a wrong
// redirect. SQLite only: these are faults of a local data folder.
//
// The disk faults need a mount namespace of the test's own (`unshare -m`,
// root): a tmpfs or a loop-mounted ext4 image mounted there is the server's
// data folder, so nothing on the machine's own disks is touched. Where that
// is not permitted the test is skipped and says why.

#include "tests/http/httptest.h"
#include "server/storage/sqllinkstore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <sys/prctl.h>

#include <csignal>
#include <iostream>
#include <future>
#include <thread>

namespace shortfuse::test {
namespace {

// The version a migration ends at: the server's current schema.
QString latestSchema()
{
    return QString::number(shortfuse::SqlLinkStore::schemaVersion());
}

using SteadyClock = std::chrono::steady_clock;

void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

// Runs a command to its end: its exit code (-1 if it did not run or did
// not end in time), with stdout and stderr in `output`.
int runCommand(const QString &program, const QStringList &arguments, QString *output = nullptr,
               const QByteArray &input = {}, int timeoutMs = 60'000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10'000))
        return -1;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(process.readAll()).trimmed();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// A mount namespace of the test's own: `unshare -m` runs `setup` (a shell
// script; $1 is the mount point, $2... the extra arguments) and then
// sleeps, holding the namespace open until this object dies. The server
// enters it with nsenter (launcher()); the test reaches its files through
// /proc/<pid>/root (outside()). Mounts made here never reach the machine.
class MountNamespace final {
public:
    MountNamespace(const QString &mountPoint, const QString &setup, const QStringList &extra = {})
        : m_mountPoint(mountPoint)
    {
        m_holder.setChildProcessModifier(dieWithParent);
        m_holder.setProcessChannelMode(QProcess::MergedChannels);
        m_holder.start(QStringLiteral("unshare"),
                       QStringList{QStringLiteral("-m"), QStringLiteral("--propagation"), QStringLiteral("private"),
                                   QStringLiteral("sh"), QStringLiteral("-c"),
                                   setup + QStringLiteral(" && echo ready && exec sleep 600"), QStringLiteral("sh"),
                                   mountPoint}
                           + extra);
        m_holder.waitForStarted(10'000);
        QDeadlineTimer deadline(10'000);
        while (!m_holder.canReadLine() && m_holder.state() == QProcess::Running && !deadline.hasExpired())
            m_holder.waitForReadyRead(200);
        const QString line = QString::fromUtf8(m_holder.readLine()).trimmed();
        if (line != QLatin1String("ready")) {
            m_error = QStringLiteral("the namespace's setup failed: ") + line + QString::fromUtf8(m_holder.readAll());
            if (m_holder.error() == QProcess::FailedToStart)
                m_error = QStringLiteral("unshare did not start: ") + m_holder.errorString();
            stop();
        }
    }
    ~MountNamespace() { stop(); }

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    QStringList launcher() const
    {
        return {QStringLiteral("nsenter"), QStringLiteral("-t"), QString::number(m_holder.processId()),
                QStringLiteral("-m"), QStringLiteral("--")};
    }
    // Runs a command inside the namespace.
    int run(const QStringList &command, QString *output = nullptr, const QByteArray &input = {}) const
    {
        const QStringList all = launcher() + command;
        return runCommand(all.first(), all.mid(1), output, input);
    }
    // The path, as the test's own namespace reaches it, of `path` inside this one.
    QString outside(const QString &path) const
    {
        return QStringLiteral("/proc/%1/root%2").arg(m_holder.processId()).arg(path);
    }
    const QString &mountPoint() const { return m_mountPoint; }
    void stop()
    {
        if (m_holder.state() != QProcess::NotRunning) {
            m_holder.kill();
            m_holder.waitForFinished(5'000);
        }
    }

private:
    QString m_mountPoint;
    QProcess m_holder;
    QString m_error;
};

// One value of the server's /metrics; -1 if the series is not there.
double metric(const HttpClient &http, const QByteArray &series)
{
    const HttpResponse response = http.get("/metrics");
    const QByteArray prefix = series + ' ';
    for (const QByteArray &line : response.body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return -1;
}

QString createLinkOn(const HttpClient &http, const QJsonObject &fields)
{
    const HttpResponse response = http.postJson("/api/create", fields);
    if (response.status != 201) {
        ADD_FAILURE() << "creating a link failed: " << response.describe().toStdString();
        return {};
    }
    return response.json().value(QStringLiteral("slug")).toString();
}

QString oneTimeLink(const HttpClient &http, int n)
{
    return createLinkOn(http, {{QStringLiteral("url"), QStringLiteral("https://example.com/once/%1").arg(n)},
                               {QStringLiteral("max-clicks"), 1}});
}

QString unlimitedLink(const HttpClient &http)
{
    return createLinkOn(http, {{QStringLiteral("url"), QStringLiteral("https://example.com/always")}});
}

const QStringList kServerArguments{QStringLiteral("--rate-limit"), QStringLiteral("0")};

// sqlite3's answer to a query on `path` (run inside `ns` when given).
QString sqliteAnswer(const QString &path, const QString &sql, const MountNamespace *ns = nullptr)
{
    QString output;
    const QStringList command{QStringLiteral("sqlite3"), path, sql};
    const int code = ns ? ns->run(command, &output) : runCommand(command.first(), command.mid(1), &output);
    return code == 0 ? output : QStringLiteral("sqlite3 failed (%1): %2").arg(code).arg(output);
}

// ---------------------------------------------------------------------------
// 1. The disk fills up while one-time links are being claimed.

TEST(Faults, DiskFullRefusesClaimsWith503AndRecoversWhenSpaceReturns)
{
    QTemporaryDir scratch;
    const QString dataDir = scratch.filePath(QStringLiteral("data"));
    ASSERT_TRUE(QDir().mkpath(dataDir));
    MountNamespace ns(dataDir, QStringLiteral("mount -t tmpfs -o size=2m tmpfs \"$1\""));
    if (!ns.ok())
        GTEST_SKIP() << "needs a mount namespace with a tmpfs (unshare -m, as root): " << ns.error().toStdString();

    ServerProcess server(dataDir, kServerArguments);
    server.setLauncher(ns.launcher());
    ASSERT_TRUE(server.start()) << server.startError().toStdString() << ns.launcher().join(u' ').toStdString();
    const HttpClient http(server.port());

    constexpr int kLinks = 30;
    QStringList once;
    for (int i = 0; i < kLinks; ++i)
        once << oneTimeLink(http, i);
    const QString always = unlimitedLink(http);
    int alwaysRedirects = 0;
    ASSERT_EQ(http.get(pathOf(always)).status, 302); // now answered from the cache
    ++alwaysRedirects;

    // Fill every byte the tmpfs has left.
    QFile filler(ns.outside(dataDir + QStringLiteral("/filler")));
    ASSERT_TRUE(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) << filler.errorString().toStdString();
    const QByteArray block(16 * 1024, 'x');
    qint64 filled = 0;
    for (;;) {
        const qint64 written = filler.write(block);
        if (written <= 0)
            break;
        filled += written;
        ASSERT_LT(filled, 4 * 1024 * 1024) << "the tmpfs does not fill up";
    }
    filler.close();

    // Claims while the disk is full: a 503 (with Retry-After) or, for the
    // few that still fit in the last free bytes, a 302. Never a redirect
    // that is not on disk.
    QStringList refused;
    QStringList granted;
    for (const QString &slug : once) {
        const HttpResponse response = http.get(pathOf(slug));
        ASSERT_TRUE(response.status == 302 || response.status == 503) << response.describe().toStdString();
        if (response.status == 503) {
            EXPECT_FALSE(response.header("Retry-After").isEmpty()) << response.describe().toStdString();
            refused << slug;
        } else {
            granted << slug;
        }
    }
    EXPECT_GE(refused.size(), kLinks - 3) << "the full disk refused too few claims to mean anything";
    // Unlimited redirects go on (their click rows wait in memory) or get 503.
    for (int i = 0; i < 10; ++i) {
        const HttpResponse response = http.get(pathOf(always));
        ASSERT_TRUE(response.status == 302 || response.status == 503) << response.describe().toStdString();
        alwaysRedirects += response.status == 302 ? 1 : 0;
    }
    EXPECT_EQ(http.get("/health").status, 200);
    // What is not recorded yet is counted, in /metrics and in the log.
    EXPECT_TRUE(waitUntil([&] { return metric(http, "shortfuse_clicks_unrecorded") >= 1; }, 5s))
        << "metric: " << metric(http, "shortfuse_clicks_unrecorded");
    EXPECT_TRUE(waitUntil([&] { return server.stderrText().contains(QLatin1String("unrecorded")); }, 5s))
        << server.stderrText().toStdString();

    // Space returns: service resumes by itself, no restart.
    ASSERT_TRUE(filler.remove()) << filler.errorString().toStdString();
    ASSERT_FALSE(refused.isEmpty());
    int status = 0;
    EXPECT_TRUE(waitUntil(
        [&] {
            status = http.get(pathOf(refused.first())).status;
            return status != 503;
        },
        10s));
    EXPECT_EQ(status, 302) << "a claim refused while the disk was full must not have been used up";
    for (const QString &slug : refused.mid(1))
        EXPECT_EQ(http.get(pathOf(slug)).status, 302) << slug.toStdString();
    for (const QString &slug : once)
        EXPECT_EQ(http.get(pathOf(slug)).status, 400) << slug.toStdString() << " is used up";
    EXPECT_TRUE(waitUntil([&] { return metric(http, "shortfuse_clicks_unrecorded") == 0; }, 5s));

    const int exitCode = server.terminate();
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << server.stderrText().toStdString();
    const QString db = dataDir + QStringLiteral("/shortfuse.db");
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("PRAGMA integrity_check"), &ns), QStringLiteral("ok"));
    // Nothing lost: every redirect of the unlimited link was counted, each
    // one-time link was used up exactly once.
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("SELECT clicks FROM links WHERE slug = '%1'").arg(always), &ns),
              QString::number(alwaysRedirects));
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("SELECT COUNT(*) FROM links WHERE max_clicks = 1 AND clicks = 1"), &ns),
              QString::number(kLinks));
}

// ---------------------------------------------------------------------------
// 2. Another process holds the SQLite write lock (a careless backup).

// Holds `BEGIN IMMEDIATE` on a database in a sqlite3 shell until release().
class LockHolder final {
public:
    explicit LockHolder(const QString &database)
    {
        m_shell.setChildProcessModifier(dieWithParent);
        m_shell.setProcessChannelMode(QProcess::MergedChannels);
        // Interactive: the shell flushes each answer, so "locked" arrives at once.
        m_shell.start(QStringLiteral("sqlite3"), {QStringLiteral("-interactive"), database});
        m_shell.waitForStarted(10'000);
        m_shell.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
        QDeadlineTimer deadline(10'000);
        while (!m_output.contains("locked") && m_shell.state() == QProcess::Running && !deadline.hasExpired()) {
            m_shell.waitForReadyRead(200);
            m_output += m_shell.readAll();
        }
    }
    ~LockHolder() { release(); }
    bool holds() const { return m_output.contains("locked"); }
    const QByteArray &output() const { return m_output; }
    void release()
    {
        if (m_shell.state() == QProcess::NotRunning)
            return;
        m_shell.write("COMMIT;\n.quit\n");
        m_shell.closeWriteChannel();
        if (!m_shell.waitForFinished(5'000))
            m_shell.kill();
    }

private:
    QProcess m_shell;
    QByteArray m_output;
};

struct Timed {
    HttpResponse response;
    qint64 ms = 0;
};

Timed timed(const std::function<HttpResponse()> &request)
{
    QElapsedTimer timer;
    timer.start();
    HttpResponse response = request();
    return Timed{std::move(response), timer.elapsed()};
}

// How long the lock is held, in ms: shorter than the 5 s a request may
// wait (it waits, then succeeds) and longer (it gets 503 after 5 s).
class LockedDatabase : public ::testing::TestWithParam<int> {};

TEST_P(LockedDatabase, RequestsWaitAtMostFiveSecondsCachedRedirectsGoOn)
{
    const int holdMs = GetParam();
    QTemporaryDir dataDir;
    ServerProcess server(dataDir.path(), kServerArguments);
    ASSERT_TRUE(server.start()) << server.startError().toStdString();
    const HttpClient http(server.port());
    const QString first = oneTimeLink(http, 1);
    const QString second = oneTimeLink(http, 2);
    const QString always = unlimitedLink(http);
    ASSERT_EQ(http.get(pathOf(always)).status, 302);
    int alwaysRedirects = 1;

    LockHolder lock(server.databasePath());
    ASSERT_TRUE(lock.holds()) << lock.output().toStdString();
    const auto lockedAt = SteadyClock::now();

    // A claim and a creation need the write lock; both wait for it.
    auto claim = std::async(std::launch::async, [&] { return timed([&] { return http.get(pathOf(first)); }); });
    auto creation = std::async(std::launch::async, [&] {
        return timed([&] { return http.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/new")}}); });
    });
    // Meanwhile whatever needs no write goes on at once.
    for (int i = 0; i < 5; ++i) {
        const Timed redirect = timed([&] { return http.get(pathOf(always)); });
        EXPECT_EQ(redirect.response.status, 302) << redirect.response.describe().toStdString();
        EXPECT_LT(redirect.ms, 1000);
        alwaysRedirects += redirect.response.status == 302 ? 1 : 0;
        const Timed health = timed([&] { return http.get("/health"); });
        EXPECT_EQ(health.response.status, 200);
        EXPECT_LT(health.ms, 1000);
    }
    // The fault's own duration, then the lock goes.
    std::this_thread::sleep_until(lockedAt + std::chrono::milliseconds(holdMs));
    lock.release();
    const Timed claimed = claim.get();
    const Timed created = creation.get();
    if (holdMs < 5000) {
        EXPECT_EQ(claimed.response.status, 302) << claimed.response.describe().toStdString();
        EXPECT_EQ(created.response.status, 201) << created.response.describe().toStdString();
    } else {
        expectJsonError(created.response, 503, QStringLiteral("storage_unavailable"));
        for (const Timed *answer : {&claimed, &created}) {
            EXPECT_EQ(answer->response.status, 503) << answer->response.describe().toStdString();
            EXPECT_FALSE(answer->response.header("Retry-After").isEmpty()) << answer->response.describe().toStdString();
            EXPECT_GE(answer->ms, 4000) << "gave up before the lock wait";
        }
    }
    for (const Timed *answer : {&claimed, &created})
        EXPECT_LE(answer->ms, 5600) << "a request waited longer than 5 s for the database";

    const Timed next = timed([&] { return http.get(pathOf(second)); });
    EXPECT_EQ(next.response.status, 302) << next.response.describe().toStdString();
    EXPECT_LT(next.ms, 1000);
    // A claim refused for the lock used nothing up.
    EXPECT_EQ(http.get(pathOf(first)).status, holdMs < 5000 ? 400 : 302);
    EXPECT_EQ(http.get(pathOf(first)).status, 400);

    const int exitCode = server.terminate();
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << server.stderrText().toStdString();
    EXPECT_EQ(sqliteAnswer(server.databasePath(), QStringLiteral("SELECT clicks FROM links WHERE slug = '%1'").arg(always)),
              QString::number(alwaysRedirects));
}

INSTANTIATE_TEST_SUITE_P(Faults, LockedDatabase, ::testing::Values(2000, 7000),
                         [](const ::testing::TestParamInfo<int> &info) {
                             return "held" + std::to_string(info.param) + "ms";
                         });

// ---------------------------------------------------------------------------
// 3. The data folder turns read-only (what ext4 does on a disk error,
// errors=remount-ro; here through its `abort` mount option).

TEST(Faults, ReadOnlyDataFolderRefusesClaimsAndLosesNothingCommitted)
{
    QTemporaryDir scratch;
    const QString image = scratch.filePath(QStringLiteral("disk.img"));
    const QString dataDir = scratch.filePath(QStringLiteral("data"));
    ASSERT_TRUE(QDir().mkpath(dataDir));
    {
        QFile file(image);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly) && file.resize(16 * 1024 * 1024));
    }
    QString output;
    if (runCommand(QStringLiteral("mkfs.ext4"), {QStringLiteral("-q"), QStringLiteral("-F"), image}, &output) != 0)
        GTEST_SKIP() << "needs mkfs.ext4 (e2fsprogs): " << output.toStdString();
    const QString mountImage = QStringLiteral("mount -o loop \"$2\" \"$1\"");
    auto ns = std::make_unique<MountNamespace>(dataDir, mountImage, QStringList{image});
    if (!ns->ok())
        GTEST_SKIP() << "needs a mount namespace and a loop device (unshare -m, mount -o loop, as root): "
                     << ns->error().toStdString();

    auto server = std::make_unique<ServerProcess>(dataDir, kServerArguments);
    server->setLauncher(ns->launcher());
    ASSERT_TRUE(server->start()) << server->startError().toStdString();
    HttpClient http(server->port());
    const QString usedUp = oneTimeLink(http, 0);
    ASSERT_EQ(http.get(pathOf(usedUp)).status, 302);
    QStringList fresh;
    for (int i = 1; i <= 5; ++i)
        fresh << oneTimeLink(http, i);
    const QString always = unlimitedLink(http);
    ASSERT_EQ(http.get(pathOf(always)).status, 302);

    ASSERT_EQ(ns->run({QStringLiteral("mount"), QStringLiteral("-o"), QStringLiteral("remount,abort"), dataDir}, &output), 0)
        << output.toStdString();

    for (const QString &slug : fresh) {
        const HttpResponse response = http.get(pathOf(slug));
        EXPECT_EQ(response.status, 503) << response.describe().toStdString();
        EXPECT_FALSE(response.header("Retry-After").isEmpty());
    }
    expectJsonError(http.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/x")}}),
                    503, QStringLiteral("storage_unavailable"));
    EXPECT_EQ(http.get(pathOf(usedUp)).status, 400);
    const int alwaysStatus = http.get(pathOf(always)).status;
    EXPECT_TRUE(alwaysStatus == 302 || alwaysStatus == 503) << alwaysStatus;
    EXPECT_EQ(http.get("/health").status, 200);
    EXPECT_TRUE(server->isRunning());
    EXPECT_TRUE(server->stderrText().contains(QLatin1String("rolled back"))) << server->stderrText().toStdString();

    // The disk is gone for this process; an operator repairs and restarts.
    server->kill9();
    ns.reset();
    runCommand(QStringLiteral("e2fsck"), {QStringLiteral("-fy"), image}, &output);
    ns = std::make_unique<MountNamespace>(dataDir, mountImage, QStringList{image});
    ASSERT_TRUE(ns->ok()) << ns->error().toStdString();
    server = std::make_unique<ServerProcess>(dataDir, kServerArguments);
    server->setLauncher(ns->launcher());
    ASSERT_TRUE(server->start()) << server->startError().toStdString();
    http = HttpClient(server->port());
    EXPECT_EQ(http.get(pathOf(usedUp)).status, 400) << "a used-up link must stay used up";
    for (const QString &slug : fresh) {
        EXPECT_EQ(http.get(pathOf(slug)).status, 302) << "a refused claim used nothing up";
        EXPECT_EQ(http.get(pathOf(slug)).status, 400);
    }
    const int exitCode = server->terminate();
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << server->stderrText().toStdString();
    EXPECT_EQ(sqliteAnswer(dataDir + QStringLiteral("/shortfuse.db"), QStringLiteral("PRAGMA integrity_check"), ns.get()),
              QStringLiteral("ok"));
}

// ---------------------------------------------------------------------------
// 4. The database file deleted under the running server.

TEST(Faults, DeletedDatabaseFileRefusesWritesInsteadOfLosingThem)
{
    QTemporaryDir dataDir;
    ServerProcess server(dataDir.path(), kServerArguments);
    ASSERT_TRUE(server.start()) << server.startError().toStdString();
    const HttpClient http(server.port());
    const QString usedUp = oneTimeLink(http, 0);
    ASSERT_EQ(http.get(pathOf(usedUp)).status, 302);
    const QString fresh = oneTimeLink(http, 1);
    const QString always = unlimitedLink(http);
    ASSERT_EQ(http.get(pathOf(always)).status, 302);

    ASSERT_TRUE(QFile::remove(server.databasePath()));

    // Whatever would be written now would vanish with the process: a claim
    // or a creation acknowledged now would be a promise not kept.
    const HttpResponse claim = http.get(pathOf(fresh));
    EXPECT_EQ(claim.status, 503) << claim.describe().toStdString();
    EXPECT_FALSE(claim.header("Retry-After").isEmpty());
    expectJsonError(http.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/x")}}),
                    503, QStringLiteral("storage_unavailable"));
    EXPECT_EQ(http.get(pathOf(usedUp)).status, 400);
    EXPECT_EQ(http.get("/health").status, 200);
    EXPECT_TRUE(waitUntil([&] { return server.stderrText().contains(QLatin1String("deleted")); }, 5s))
        << server.stderrText().toStdString();

    // A restart starts a new, empty database, where the links are unknown:
    // a 404, never a redirect. (Killed, not stopped: a stop would wait its
    // 10 s for the database to take the queued click rows.)
    server.kill9();
    ServerProcess restarted(dataDir.path(), kServerArguments);
    ASSERT_TRUE(restarted.start()) << restarted.startError().toStdString();
    const HttpClient after(restarted.port());
    for (const QString &slug : {usedUp, fresh, always})
        EXPECT_EQ(after.get(pathOf(slug)).status, 404) << slug.toStdString();
    EXPECT_EQ(restarted.terminate(), 0);
}

// ---------------------------------------------------------------------------
// 5. kill -9 at random moments during a schema migration.

// A database of schema version 1 (the first release) with enough click
// rows that migrating it takes a measurable time. Link old1 is a used-up
// one-time link (clicks 1 of 1), old2 an unused one.
QByteArray versionOneDatabase(int links, int clicks)
{
    return QStringLiteral(
               "CREATE TABLE links (id INTEGER PRIMARY KEY AUTOINCREMENT, slug TEXT NOT NULL UNIQUE, url TEXT NOT NULL,"
               " max_clicks INTEGER, clicks BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,"
               " revoked INTEGER NOT NULL DEFAULT 0, CHECK (clicks >= 0),"
               " CHECK (max_clicks IS NULL OR (max_clicks >= 1 AND clicks <= max_clicks)));"
               "CREATE TABLE clicks (id INTEGER PRIMARY KEY AUTOINCREMENT, link_id BIGINT NOT NULL REFERENCES links(id),"
               " at BIGINT NOT NULL, outcome INTEGER NOT NULL, client_address TEXT, user_agent TEXT, referrer TEXT);"
               "CREATE INDEX clicks_by_link ON clicks(link_id, at);"
               "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);"
               "INSERT INTO schema_migrations VALUES (1, 1700000000000);"
               "BEGIN;"
               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1)"
               " INSERT INTO links(slug, url, max_clicks, clicks, created_at)"
               " SELECT 'old' || i, 'https://example.com/old/' || i, 1, i % 2, 1700000000000 + i FROM n;"
               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %2)"
               " INSERT INTO clicks(link_id, at, outcome, client_address, user_agent, referrer)"
               " SELECT 1 + i % %1, 1700000000000 + i, 1, '192.0.2.0', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0',"
               " 'https://example.org/' || (i % 100) FROM n;"
               "COMMIT;")
        .arg(links)
        .arg(clicks)
        .toUtf8();
}

TEST(Faults, KillDuringMigrationThenRestartMigratesCleanly)
{
    constexpr int kLinks = 5'000;
    constexpr int kClicks = 100'000;
    QTemporaryDir dataDir;
    QTemporaryDir probeDir; // a copy, migrated once to learn how long it takes
    const QString db = QDir(dataDir.path()).filePath(QStringLiteral("shortfuse.db"));
    QString output;
    ASSERT_EQ(runCommand(QStringLiteral("sqlite3"), {db}, &output, versionOneDatabase(kLinks, kClicks)), 0)
        << output.toStdString();
    ASSERT_TRUE(QFile::copy(db, QDir(probeDir.path()).filePath(QStringLiteral("shortfuse.db"))));
    const QString pristine = QDir(probeDir.path()).filePath(QStringLiteral("version1.db"));
    ASSERT_TRUE(QFile::copy(db, pristine));

    // How long the migration takes here (the server logs its start and its
    // end), to kill within it.
    qint64 migrationMs = 0;
    {
        ServerProcess probe(probeDir.path(), kServerArguments);
        ASSERT_TRUE(probe.start()) << probe.startError().toStdString();
        EXPECT_EQ(probe.terminate(), 0);
        static const QRegularExpression took(QStringLiteral("migrated database .* to schema version %1 in (\\d+) ms").arg(latestSchema()));
        const QRegularExpressionMatch match = took.match(probe.stderrText());
        ASSERT_TRUE(match.hasMatch()) << probe.stderrText().toStdString();
        migrationMs = match.captured(1).toLongLong();
    }

    const quint32 seed = QRandomGenerator::global()->generate();
    SCOPED_TRACE("random seed " + std::to_string(seed) + ", the migration takes " + std::to_string(migrationMs) + " ms");
    QRandomGenerator random(seed);
    int interrupted = 0;
    for (int kill = 0; kill < 5; ++kill) {
        const int offsetMs = random.bounded(int(migrationMs) + 1);
        QProcess process;
        process.setChildProcessModifier(dieWithParent);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(SHORTFUSE_SERVER_BINARY),
                      QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir.path()}
                          + kServerArguments);
        ASSERT_TRUE(process.waitForStarted(5'000));
        // Waits for the migration to begin (a previous kill may have let it
        // finish: then the server starts listening instead).
        QByteArray output;
        QDeadlineTimer deadline(15'000);
        while (!output.contains("migrating database") && !output.contains("Listening on") && !deadline.hasExpired()
               && process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
            output += process.readAll();
        }
        process.waitForFinished(offsetMs); // the moment of the kill, chosen at random
        process.kill();
        process.waitForFinished(5'000);
        const QString version = sqliteAnswer(db, QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
        SCOPED_TRACE("kill " + std::to_string(kill) + " at " + std::to_string(offsetMs) + " ms into the migration");
        // A migration is one transaction: all of it or none.
        EXPECT_TRUE(version == QLatin1String("1") || version == latestSchema()) << version.toStdString();
        interrupted += version == QLatin1String("1") ? 1 : 0;
        if (version == latestSchema()) {
            // The kill came after the commit: back to version 1, so the
            // next kill has a migration to interrupt too.
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(db + QLatin1String(suffix));
            ASSERT_TRUE(QFile::copy(pristine, db));
        }
    }
    EXPECT_GE(interrupted, 1) << "no kill landed before the migration committed";
    std::cout << "[          ] " << interrupted << " of 5 kills interrupted a " << migrationMs << " ms migration\n";

    ServerProcess server(dataDir.path(), kServerArguments);
    ASSERT_TRUE(server.start()) << server.startError().toStdString();
    const HttpClient http(server.port());
    EXPECT_EQ(http.get("/old1").status, 400) << "a used-up link must stay used up";
    EXPECT_EQ(http.get("/old2").status, 302);
    EXPECT_EQ(http.get("/old2").status, 400);
    const int exitCode = server.terminate();
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << server.stderrText().toStdString();
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("SELECT MAX(version) FROM schema_migrations")), latestSchema());
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("SELECT COUNT(*) FROM clicks WHERE outcome = 1")), QString::number(kClicks + 1));
    EXPECT_EQ(sqliteAnswer(db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

// ---------------------------------------------------------------------------
// 6. The wall clock stepped forward and back by hours around link expiry,
// through libfaketime (only the wall clock moves; the monotonic clock the
// server's timers use is left alone).

TEST(Faults, SteppedClockNeverKeepsALinkPastItsExpiry)
{
    QTemporaryDir dataDir;
    const QString offsetFile = QDir(dataDir.path()).filePath(QStringLiteral("clock-offset"));
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    const auto stepClock = [&](const char *offset) { ASSERT_TRUE(setFakeClock(offsetFile, offset)); };
    stepClock("+0");
    ServerProcess server(dataDir.path(), kServerArguments);
    server.setEnvironment(fakeClock);
    ASSERT_TRUE(server.start()) << server.startError().toStdString();
    const HttpClient http(server.port());
    // An unlimited link (answered from the cache) and a capped one (each
    // visit a claim the database judges), both expiring in an hour.
    const QString cached = createLinkOn(http, {{QStringLiteral("url"), QStringLiteral("https://example.com/cached")},
                                               {QStringLiteral("expires-in"), 3600}});
    const QString claimed = createLinkOn(http, {{QStringLiteral("url"), QStringLiteral("https://example.com/claimed")},
                                                {QStringLiteral("max-clicks"), 100},
                                                {QStringLiteral("expires-in"), 3600}});
    const auto expectStatus = [&](int status, const char *when) {
        for (const QString &slug : {cached, claimed})
            EXPECT_EQ(http.get(pathOf(slug)).status, status) << slug.toStdString() << " " << when;
    };
    expectStatus(302, "right after creation");
    stepClock("+50m");
    expectStatus(302, "10 minutes before expiry");
    stepClock("+2h");
    expectStatus(400, "an hour after expiry");
    stepClock("-3h");
    expectStatus(400, "after the clock stepped back before the expiry");
    stepClock("+0");
    expectStatus(400, "back at creation time");
    const int exitCode = server.terminate();
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << server.stderrText().toStdString();
}

} // namespace
} // namespace shortfuse::test
