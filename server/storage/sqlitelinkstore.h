#pragma once

#include "sqllinkstore.h"

namespace shortfuse {

// The embedded default: one SQLite file (Qt's QSQLITE driver), WAL journal,
// and synchronous=FULL so a committed batch survives power loss, not only a
// process crash. Group commit (many claims per transaction) is what keeps
// that affordable. BEGIN IMMEDIATE makes each batch the one writer.
class SqliteLinkStore final : public SqlLinkStore {
public:
    explicit SqliteLinkStore(QString filePath);

    Result<QString> integrityCheck() override;

protected:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    void configure(QSqlDatabase &db) const override;
    Status afterConnect() override;
    QString autoIdType() const override { return QStringLiteral("INTEGER PRIMARY KEY"); }
    QString bigIntType() const override { return QStringLiteral("INTEGER"); }
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString beginSnapshotStatement() const override { return QStringLiteral("BEGIN"); }
    QString caseInsensitiveLike() const override { return QStringLiteral("LIKE"); }

private:
    QString m_path;
};

} // namespace shortfuse
