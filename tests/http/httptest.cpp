#include "tests/http/httptest.h"

#include <QAtomicInteger>
#include <QJsonValue>
#include <QSqlError>
#include <QSqlQuery>

#include <latch>
#include <thread>
#include <vector>

namespace shortfuse::test {

LinkDatabase::LinkDatabase(const QString &path)
{
    static QAtomicInteger<int> counter;
    m_connectionName = QStringLiteral("observer-%1").arg(counter.fetchAndAddRelaxed(1));
    if (path.startsWith(QLatin1String("postgresql://"))) {
        m_postgres = true;
        m_open = openPostgresUrl(path, m_connectionName, &m_error);
        m_db = QSqlDatabase::database(m_connectionName, false);
        return;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    m_open = m_db.open();
    if (!m_open)
        m_error = m_db.lastError().text();
}

LinkDatabase::~LinkDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

qint64 LinkDatabase::scalar(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        ADD_FAILURE() << "query failed: " << sql.toStdString() << ": " << query.lastError().text().toStdString();
        return -1;
    }
    return query.value(0).toLongLong();
}

QList<qint64> LinkDatabase::ids(const QString &sql) const
{
    QSqlQuery query(m_db);
    QList<qint64> ids;
    if (!query.exec(sql)) {
        ADD_FAILURE() << "query failed: " << sql.toStdString() << ": " << query.lastError().text().toStdString();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

qint64 LinkDatabase::linkCount() const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM links"));
}

qint64 LinkDatabase::clicksOf(const QString &slug) const
{
    return scalar(QStringLiteral("SELECT clicks FROM links WHERE slug = ?"), {slug});
}

qint64 LinkDatabase::clickRows(const QString &slug, int outcome) const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM clicks JOIN links ON links.id = clicks.link_id "
                                 "WHERE links.slug = ? AND clicks.outcome = ?"),
                  {slug, outcome});
}

QString LinkDatabase::integrityCheck() const
{
    QSqlQuery query(m_db);
    if (m_postgres) // PostgreSQL checks its own pages; a working read is what can be asked
        return query.exec(QStringLiteral("SELECT 1")) && query.next() ? QStringLiteral("ok") : query.lastError().text();
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next())
        return QStringLiteral("query failed: ") + query.lastError().text();
    return query.value(0).toString();
}

qint64 openConnections(const HttpClient &client)
{
    const QByteArray text = client.get("/metrics").body;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("shortfuse_open_connections "))
            return line.mid(27).trimmed().toLongLong() - 1;
    }
    return -1;
}

bool memoryIsMeasured()
{
    return qEnvironmentVariable("SHORTFUSE_SANITIZED") != QLatin1String("1");
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return condition();
        std::this_thread::sleep_for(5ms); // poll interval, not a wait for anything in particular
    }
    return true;
}

void runTogether(int threads, const std::function<void(int)> &body)
{
    std::latch start(threads);
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads));
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back([&start, &body, i] {
            start.arrive_and_wait();
            body(i);
        });
    }
    for (std::thread &worker : workers)
        worker.join();
}

QByteArray pathOf(const QString &slug)
{
    return '/' + slug.toUtf8();
}

QString htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\'', QStringLiteral("&#39;"));
}

void expectCleanExit(const ServerProcess &server, int exitCode)
{
    EXPECT_EQ(exitCode, 0) << ServerProcess::describeExit(exitCode) << "; server stderr:\n"
                           << server.stderrText().toStdString();
}

void expectJsonError(const HttpResponse &response, int status, const QString &reason)
{
    EXPECT_EQ(response.status, status) << response.describe().toStdString();
    EXPECT_TRUE(response.header("Content-Type").startsWith("application/json")) << response.describe().toStdString();
    const QJsonObject body = response.json();
    const QString code = body.value(QStringLiteral("reason")).toString();
    if (reason.isEmpty()) {
        EXPECT_FALSE(code.isEmpty()) << response.describe().toStdString();
    } else {
        EXPECT_EQ(code, reason) << response.describe().toStdString();
    }
    const QString sentence = body.value(QStringLiteral("error")).toString();
    EXPECT_GE(sentence.trimmed().size(), 10) << "the error should be a sentence: " << response.describe().toStdString();
}

void ServerTest::SetUp()
{
    ASSERT_TRUE(m_dataDir.isValid());
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments()));
}

void ServerTest::TearDown()
{
    if (m_server && m_server->isRunning()) {
        expectCleanExit(*m_server, m_server->terminate());
    }
}

QStringList ServerTest::serverArguments() const
{
    return {QStringLiteral("--rate-limit"), QStringLiteral("0")};
}

bool testingOnPostgres()
{
    return qgetenv("SHORTFUSE_TEST_BACKEND") == "postgres";
}

void ServerTest::startServer(const QStringList &arguments)
{
    if (m_server && m_server->isRunning()) {
        ASSERT_NO_FATAL_FAILURE(stopServer());
    }
    if (testingOnPostgres() && !m_postgres) {
        m_postgres = std::make_unique<FreshDatabase>();
        ASSERT_TRUE(m_postgres->isValid()) << m_postgres->error().toStdString();
    }
    m_arguments = arguments;
    QStringList withDatabase = arguments;
    if (m_postgres && !arguments.contains(QStringLiteral("--db")))
        withDatabase << QStringLiteral("--db") << m_postgres->url();
    m_server = std::make_unique<ServerProcess>(m_dataDir.path(), withDatabase);
    if (!m_environment.isEmpty())
        m_server->setEnvironment(m_environment);
    ASSERT_TRUE(m_server->start()) << m_server->startError().toStdString();
}

void ServerTest::restartServer()
{
    startServer(m_arguments);
}

void ServerTest::stopServer()
{
    expectCleanExit(*m_server, m_server->terminate());
}

LinkDatabase ServerTest::database() const
{
    return LinkDatabase(databaseLocation());
}

QString ServerTest::databaseLocation() const
{
    return m_postgres ? m_postgres->url() : m_server->databasePath();
}

HttpResponse ServerTest::create(const QJsonObject &fields) const
{
    return client().postJson("/api/create", fields);
}

ProcessRun ServerTest::runKeysCommand(const QStringList &arguments) const
{
    QStringList all = QStringList{QStringLiteral("keys")} + arguments;
    all << QStringLiteral("--data-dir") << dataDir();
    if (!databaseUrl().isEmpty())
        all << QStringLiteral("--db") << databaseUrl();
    return runServerBinary(all);
}

QByteArray ServerTest::makeKey(const QString &name, bool admin) const
{
    QStringList arguments{QStringLiteral("create"), QStringLiteral("--name"), name};
    if (admin)
        arguments << QStringLiteral("--admin");
    const ProcessRun run = runKeysCommand(arguments);
    EXPECT_EQ(run.exitCode, 0) << run.standardError.toStdString();
    return run.standardOutput.trimmed();
}

QString ServerTest::createLink(const QString &url, std::optional<qint64> maxClicks, const QString &alias) const
{
    QJsonObject fields{{QStringLiteral("url"), url}};
    if (maxClicks)
        fields.insert(QStringLiteral("max-clicks"), *maxClicks);
    if (!alias.isEmpty())
        fields.insert(QStringLiteral("alias"), alias);
    const HttpResponse response = create(fields);
    if (response.status != 201) {
        ADD_FAILURE() << "creating a link to " << url.toStdString() << " failed: " << response.describe().toStdString();
        return {};
    }
    return response.json().value(QStringLiteral("slug")).toString();
}

StatusCounts ServerTest::visit(const QString &slug, int times) const
{
    StatusCounts counts;
    const HttpClient http = client();
    for (int i = 0; i < times; ++i)
        ++counts[http.get(pathOf(slug)).status];
    return counts;
}

} // namespace shortfuse::test
