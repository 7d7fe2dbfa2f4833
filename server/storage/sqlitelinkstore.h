#pragma once

#include "server/storage/sqllinkstore.h"

struct sqlite3;
struct sqlite3_stmt;

namespace shortfuse {

// The embedded default: one SQLite file (Qt's QSQLITE driver), WAL journal,
// and synchronous=FULL so a committed batch survives power loss, not only a
// process crash. Group commit (many claims per transaction) is what keeps
// that affordable. BEGIN IMMEDIATE makes each batch the one writer.
class SqliteLinkStore final : public SqlLinkStore {
public:
    explicit SqliteLinkStore(QString filePath);

    ~SqliteLinkStore() override;
    Result<QString> integrityCheck() override;
    // The click log's insert, straight through SQLite's C API: it runs for
    // every click, and Qt SQL's per-value QVariant and placeholder handling
    // cost more than SQLite's own work.
    Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                       const ClickDetails *details = nullptr) override;
    void setLockWait(std::chrono::milliseconds wait) override;
    // The journal's insert, at once through SQLite's C API (a claim's event
    // costs as little as its click row): one writer at a time means ids
    // follow commit order without a lock.
    Status journal(const LinkEvent &event) override;
    // Both refuse when the file was deleted or replaced under the server
    // (see fileInPlace()).
    Status beginBatch() override;
    Status recover() override;

    // Other processes may share the file (the desktop app and a headless
    // server): each batch's notice goes into change_notices, in the batch's
    // own transaction, where their SqliteChangePoller reads it.
    bool announcesChanges() const override { return true; }
    Status announce(const QByteArray &payload) override;
    Status purgeExpired(qint64 nowMs) override;

    // For SqliteChangePoller, on a connection of its own.
    // PRAGMA data_version: changes whenever another connection commits.
    Result<qint64> dataVersion();
    // The newest notice's id (0 when there is none).
    Result<qint64> lastChangeNoticeId();
    struct StoredNotice {
        qint64 id = 0;
        QByteArray payload;
    };
    // Up to `limit` notices with ids above `afterId`, oldest first.
    Result<QList<StoredNotice>> changeNoticesAfter(qint64 afterId, int limit);

protected:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    void configure(QSqlDatabase &db) const override;
    Status afterConnect() override;
    QString autoIdType() const override { return QStringLiteral("INTEGER PRIMARY KEY"); }
    QString bigIntType() const override { return QStringLiteral("INTEGER"); }
    QString backendMigration(int version) const override;
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString beginSnapshotStatement() const override { return QStringLiteral("BEGIN"); }
    QString caseInsensitiveLike() const override { return QStringLiteral("LIKE"); }
    QString randomTokenExpression() const override { return QStringLiteral("lower(hex(randomblob(16)))"); }
    Status prepareBackendStatements() override;
    void releaseBackendStatements() override;
    // The claim, the writer's work for every first click, straight through
    // SQLite's C API: Qt SQL's named placeholders and a QVariant per
    // returned column cost the writer thread more than SQLite's own work.
    Result<std::optional<Link>> claimRow(const ClaimRequest &request) override;

public:
    // The open connection's handle, or null when there is none
    // (SqliteCommitCounter reads the WAL index through it).
    sqlite3 *connection();

private:
    // An error while the file this connection writes to is no longer the
    // one at the path (deleted, or replaced by another file): every write
    // would go to a file nothing can open again, lost when the process
    // ends. Reopening is no way out either: it would create a new, empty
    // database at the path. So writes are refused until a restart.
    Status fileInPlace();

    QString m_path;
    sqlite3_stmt *m_insertClick = nullptr;
    sqlite3_stmt *m_dataVersion = nullptr;
    sqlite3_stmt *m_insertEvent = nullptr;
    sqlite3_stmt *m_claimStatement = nullptr; // claimSql()
    sqlite3_stmt *m_noticesAfter = nullptr;
    struct ClaimParameters {
        int slug = 0, now = 0, cleared = 0, preview = 0;
    } m_claimParameters;
};

} // namespace shortfuse
