#include "sqlitelinkstore.h"

#include <QSqlError>
#include <QVariant>

namespace shortfuse {

SqliteLinkStore::SqliteLinkStore(QString filePath)
    : SqlLinkStore(filePath)
    , m_path(std::move(filePath))
{
}

void SqliteLinkStore::configure(QSqlDatabase &db) const
{
    db.setDatabaseName(m_path);
    // Wait for another process's write lock instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
}

Status SqliteLinkStore::afterConnect()
{
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (Status s = exec(QString::fromLatin1(pragma)); !s)
            return s;
    }
    return {};
}

Result<QString> SqliteLinkStore::integrityCheck()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return storageError(q, "checking integrity");
    return q.value(0).toString();
}

} // namespace shortfuse
