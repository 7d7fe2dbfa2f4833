#include "server/storage/postgreslinkstore.h"

#include "server/storage/changenotice.h"

#include <QSqlError>
#include <QUrl>
#include <QVariant>

namespace shortfuse {

namespace {
// Any constant shared by every Shortfuse server: the advisory lock's key.
constexpr qint64 kMigrationLockKey = 0x5f5f'5f46'5553'45LL; // "__FUSE"
// Serialises the writers' journal inserts with their commits (LinkWrites::journal).
constexpr qint64 kJournalLockKey = 0x5f5f'4a4f'5552'4eLL; // "__JOURN"
} // namespace

Result<PostgresAddress> PostgresAddress::fromUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        || parsed.host().isEmpty() || parsed.path().size() < 2) {
        return Error{2, "usage",
                     QStringLiteral("--db: expected postgresql://user:password@host:port/dbname, got '%1'")
                         .arg(QUrl(url).toString(QUrl::RemovePassword))};
    }
    PostgresAddress address;
    address.host = parsed.host();
    address.port = parsed.port(5432);
    address.user = parsed.userName();
    address.password = parsed.password();
    address.database = parsed.path().mid(1);
    return address;
}

QString PostgresAddress::describe() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

PostgresLinkStore::PostgresLinkStore(PostgresAddress address)
    : SqlLinkStore(address.describe())
    , m_address(std::move(address))
{
}

void PostgresLinkStore::configure(QSqlDatabase &db) const
{
    db.setHostName(m_address.host);
    db.setPort(m_address.port);
    db.setUserName(m_address.user);
    db.setPassword(m_address.password);
    db.setDatabaseName(m_address.database);
    // Fail fast when the server is away; the writer retries.
    db.setConnectOptions(QStringLiteral("connect_timeout=3"));
}

Status PostgresLinkStore::afterConnect()
{
    // Durable commits (the default, said explicitly): a 302 of a capped
    // link leaves only after its click is on disk.
    return exec(QStringLiteral("SET synchronous_commit = on"));
}

Status PostgresLinkStore::announce(const QByteArray &payload)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(QString::fromLatin1(ChangeNotice::kChannel));
    q.addBindValue(QString::fromLatin1(payload));
    if (!q.exec())
        return Error{503, "storage_unavailable", QStringLiteral("announcing changes: %1").arg(q.lastError().text())};
    return {};
}

Status PostgresLinkStore::ping()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT 1")))
        return Error{503, "storage_unavailable", q.lastError().text()};
    return {};
}

QString PostgresLinkStore::journalLockStatement() const
{
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kJournalLockKey);
}

QString PostgresLinkStore::migrationLockStatement() const
{
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey);
}

Result<QString> PostgresLinkStore::integrityCheck()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT 1")) || !q.next())
        return storageError(q, "checking the connection");
    return QStringLiteral("ok");
}

} // namespace shortfuse
