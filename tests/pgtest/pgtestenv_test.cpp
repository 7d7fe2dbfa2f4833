// The PostgreSQL test environment itself: if these fail, every PostgreSQL
// test after them would fail for reasons that have nothing to do with
// Shortfuse.
#include "tests/support/pgtestenv.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

using namespace shortfuse::test;

namespace {

// A QPSQL connection that removes itself from Qt's registry when it dies.
class Connection {
public:
    Connection(const QString &url, const char *tag)
        : m_name(QStringLiteral("pgtestenv_test_%1_%2").arg(QLatin1String(tag)).arg(++s_counter))
    {
        m_open = openPostgresUrl(url, m_name, &m_error);
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    const QString &error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // Runs one statement; returns false and keeps the error on failure.
    bool exec(const QString &sql, QSqlQuery *out = nullptr)
    {
        QSqlQuery query(db());
        const bool ok = query.exec(sql);
        if (!ok)
            m_error = query.lastError().text();
        if (out)
            *out = std::move(query);
        return ok;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QString m_error;
    bool m_open = false;
};

QVariant scalar(Connection &connection, const QString &sql)
{
    QSqlQuery query;
    if (!connection.exec(sql, &query) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

TEST(PgTestEnv, SharedClusterUrlHasTheDocumentedForm)
{
    const std::optional<QString> url = testPostgresUrl();
    ASSERT_TRUE(url.has_value()) << noTestPostgresMessage().toStdString();
    const QRegularExpression form(
        QStringLiteral("^postgresql://shortfuse:shortfuse@127\\.0\\.0\\.1:[0-9]{1,5}/shortfuse_test$"));
    EXPECT_TRUE(form.match(*url).hasMatch()) << url->toStdString();

    Connection connection(*url, "shared");
    ASSERT_TRUE(connection.isOpen()) << connection.error().toStdString();
    EXPECT_EQ(scalar(connection, QStringLiteral("SELECT current_database()")).toString(), QStringLiteral("shortfuse_test"));
    // Durability is tested against it: no shortcuts in the server's settings.
    EXPECT_EQ(scalar(connection, QStringLiteral("SHOW fsync")).toString(), QStringLiteral("on"));
    EXPECT_EQ(scalar(connection, QStringLiteral("SHOW synchronous_commit")).toString(), QStringLiteral("on"));
    EXPECT_GE(scalar(connection, QStringLiteral("SHOW max_connections")).toInt(), 200);
}

TEST(PgTestEnv, FreshDatabaseIsEmptyAndKeepsWhatIsWritten)
{
    FreshDatabase database;
    ASSERT_TRUE(database.isValid()) << database.error().toStdString();
    EXPECT_TRUE(database.name().startsWith(QStringLiteral("t_")));
    EXPECT_EQ(QUrl(database.url()).path(), QLatin1Char('/') + database.name());

    {
        Connection connection(database.url(), "fresh");
        ASSERT_TRUE(connection.isOpen()) << connection.error().toStdString();
        EXPECT_EQ(scalar(connection, QStringLiteral("SELECT current_database()")).toString(), database.name());
        EXPECT_EQ(scalar(connection,
                         QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                      .toInt(),
                  0);

        ASSERT_TRUE(connection.exec(QStringLiteral("CREATE TABLE links (slug text PRIMARY KEY, clicks integer NOT NULL)")))
            << connection.error().toStdString();
        QSqlQuery insert(connection.db());
        ASSERT_TRUE(insert.prepare(QStringLiteral("INSERT INTO links (slug, clicks) VALUES (?, ?)")));
        insert.addBindValue(QStringLiteral("Grüße-✓"));
        insert.addBindValue(7);
        ASSERT_TRUE(insert.exec()) << insert.lastError().text().toStdString();
    }

    // A second, independent connection reads it back.
    Connection reader(database.url(), "reader");
    ASSERT_TRUE(reader.isOpen()) << reader.error().toStdString();
    QSqlQuery rows;
    ASSERT_TRUE(reader.exec(QStringLiteral("SELECT slug, clicks FROM links"), &rows)) << reader.error().toStdString();
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.value(0).toString(), QStringLiteral("Grüße-✓"));
    EXPECT_EQ(rows.value(1).toInt(), 7);
    EXPECT_FALSE(rows.next());
}

TEST(PgTestEnv, FreshDatabasesAreSeparateAndDroppedAfterwards)
{
    const std::optional<QString> sharedUrl = testPostgresUrl();
    ASSERT_TRUE(sharedUrl.has_value()) << noTestPostgresMessage().toStdString();

    // Several at once, as parallel test processes make them.
    std::vector<std::unique_ptr<FreshDatabase>> databases;
    for (int i = 0; i < 5; ++i) {
        databases.push_back(std::make_unique<FreshDatabase>());
        ASSERT_TRUE(databases.back()->isValid()) << databases.back()->error().toStdString();
    }
    {
        Connection first(databases[0]->url(), "first");
        ASSERT_TRUE(first.isOpen()) << first.error().toStdString();
        ASSERT_TRUE(first.exec(QStringLiteral("CREATE TABLE only_here (x integer)"))) << first.error().toStdString();
    }
    for (size_t i = 1; i < databases.size(); ++i) {
        EXPECT_NE(databases[i]->name(), databases[0]->name());
        Connection other(databases[i]->url(), "other");
        ASSERT_TRUE(other.isOpen()) << other.error().toStdString();
        EXPECT_EQ(scalar(other, QStringLiteral("SELECT to_regclass('only_here') IS NULL")).toBool(), true);
    }

    // Dropping works even while a connection (a server under test) is still open.
    const QString name = databases[0]->name();
    Connection lingering(databases[0]->url(), "lingering");
    ASSERT_TRUE(lingering.isOpen()) << lingering.error().toStdString();
    ASSERT_TRUE(databases[0]->drop()) << databases[0]->error().toStdString();

    Connection admin(*sharedUrl, "admin");
    ASSERT_TRUE(admin.isOpen()) << admin.error().toStdString();
    EXPECT_EQ(scalar(admin, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(name)).toInt(), 0);
}

TEST(PgTestEnv, PausedPostgresFailsConnectionsAndResumesWithTheData)
{
    PrivatePostgres postgres;   // pausing the shared cluster would disturb parallel tests
    ASSERT_TRUE(postgres.isValid()) << postgres.error().toStdString();
    FreshDatabase database(postgres.url());
    ASSERT_TRUE(database.isValid()) << database.error().toStdString();

    Connection before(database.url(), "before");
    ASSERT_TRUE(before.isOpen()) << before.error().toStdString();
    ASSERT_TRUE(before.exec(QStringLiteral("CREATE TABLE claims (id integer)")));
    ASSERT_TRUE(before.exec(QStringLiteral("INSERT INTO claims VALUES (1)")));

    QString error;
    ASSERT_TRUE(postgres.pause(&error)) << error.toStdString();

    // The open connection breaks, and nobody can connect.
    EXPECT_FALSE(before.exec(QStringLiteral("SELECT count(*) FROM claims")));
    {
        Connection during(database.url(), "during");
        EXPECT_FALSE(during.isOpen());
    }

    ASSERT_TRUE(postgres.resume(&error)) << error.toStdString();

    // Same port, same data: the URL still works and the committed row is there.
    Connection after(database.url(), "after");
    ASSERT_TRUE(after.isOpen()) << after.error().toStdString();
    EXPECT_EQ(scalar(after, QStringLiteral("SELECT count(*) FROM claims")).toInt(), 1);

    // An immediate shutdown (a crash): what was committed survives recovery.
    ASSERT_TRUE(after.exec(QStringLiteral("INSERT INTO claims VALUES (2)")));
    ASSERT_TRUE(postgres.crash(&error)) << error.toStdString();
    EXPECT_FALSE(after.exec(QStringLiteral("SELECT 1")));
    ASSERT_TRUE(postgres.resume(&error)) << error.toStdString();
    Connection recovered(database.url(), "recovered");
    ASSERT_TRUE(recovered.isOpen()) << recovered.error().toStdString();
    EXPECT_EQ(scalar(recovered, QStringLiteral("SELECT count(*) FROM claims")).toInt(), 2);
}
