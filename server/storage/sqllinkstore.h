#pragma once

#include "server/storage/linkstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace shortfuse {

// LinkStore in SQL through Qt SQL: every query, the schema and its
// migrations, written once. The statements are standard SQL that SQLite and
// PostgreSQL both run (conditional UPDATE ... RETURNING, INSERT ... ON
// CONFLICT DO NOTHING); a backend subclass supplies only the connection and
// the few words that differ (key types, locking, case-insensitive LIKE).
class SqlLinkStore : public LinkStore {
public:
    ~SqlLinkStore() override;
    Q_DISABLE_COPY_MOVE(SqlLinkStore)

    // The schema version open() migrates every database to (the last migration's).
    static int schemaVersion();

    Status open() override;
    void close() override;
    Status recover() override;

    Status beginBatch() override;
    Status commitBatch() override;
    void rollbackBatch() override;

    Result<std::optional<Link>> insertLink(const NewLink &link) override;
    Result<Claim> claimClick(const ClaimRequest &request) override;
    Result<QByteArray> instanceSecret() override;
    Status purgeExpired(qint64 nowMs) override;
    Result<QuotaDecision> takeCreationQuota(const CreationQuota &quota) override;
    Result<qint64> advanceProgress(const QByteArray &writer, qint64 batch, qint64 nowMs) override;
    Status addClicks(qint64 linkId, qint64 count, qint64 lastAtMs) override;
    Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                       const ClickDetails *details = nullptr) override;
    void setStoreFullAddresses(bool full) override { m_storeFullAddresses = full; }
    Result<std::optional<LinkStats>> linkStats(const QString &slug, const StatsQuery &query) override;
    Result<std::optional<Link>> findLink(const QString &slug) override;
    Result<bool> revokeLink(const QString &slug) override;
    Result<UpdateResult> updateLink(const QString &slug, const LinkUpdate &update,
                                    std::optional<qint64> ownerKeyId) override;
    Result<std::optional<qint64>> purgeLink(const QString &slug, std::optional<qint64> ownerKeyId) override;
    Status beat(const QByteArray &sender, qint64 nowMs) override;
    Status leave(const QByteArray &sender) override;
    Result<qint64> otherLiveServers(const QByteArray &sender, qint64 sinceMs) override;
    Result<std::optional<Link>> beginCounting(const QString &slug, std::optional<qint64> ownerKeyId,
                                              qint64 epoch) override;
    Status endCounting(qint64 linkId, qint64 epoch) override;
    Status acknowledgeCounting(qint64 linkId, const QByteArray &sender, qint64 epoch, qint64 nowMs) override;
    Result<QList<CountingLink>> countingUnacknowledged(const QByteArray &sender) override;
    Result<qint64> missingAcknowledgements(qint64 linkId, qint64 epoch, const QByteArray &sender,
                                           qint64 sinceMs) override;
    Result<std::optional<ApiKey>> insertApiKey(const NewApiKey &key) override;
    Result<bool> revokeApiKey(const QString &name, qint64 nowMs) override;
    Status touchApiKey(qint64 id, qint64 nowMs) override;
    Result<std::optional<ApiKey>> findApiKey(const QByteArray &hash) override;
    Result<QList<ApiKey>> listApiKeys() override;
    Result<QList<Link>> listLinks(const LinkListQuery &query) override;
    Result<qint64> countLinks(const LinkListQuery &query) override;
    Result<QList<Link>> linksByIds(const QList<qint64> &ids) override;
    Status journal(const LinkEvent &event) override;
    Result<qint64> lastEventId() override;
    Result<QList<LinkEvent>> eventsAfter(qint64 afterId, int limit) override;
    Result<bool> journalResumable(qint64 eventId, qint64 sinceMs) override;
    bool hasPendingEvents() const override { return !m_pendingEvents.empty(); }
    Result<Totals> totals(qint64 sinceMs, std::optional<qint64> ownerKeyId = std::nullopt) override;
    Result<bool> insertImportedLink(const ImportedLink &link) override;

    // The journal events with these ids (those of purged links are gone), oldest first.
    Result<QList<LinkEvent>> eventsByIds(const QList<qint64> &ids);
    // As eventsAfter, with only what WebhookEndpoint::wants() reads (id,
    // type, time, link, unlimited; with `withLink`, the link's slug, label
    // and owner too): the webhook worker reads each event an endpoint is
    // behind by once. Without `withLink` a purged link's events are read
    // too (their outbox rows are dropped when leased).
    Result<QList<LinkEvent>> eventKeysAfter(qint64 afterId, int limit, bool withLink);
    // For WebhookStore, which works on this connection (on its own thread).
    QSqlDatabase &sqlConnection() { return m_db; }
    // PostgreSQL: several servers lease deliveries with FOR UPDATE SKIP LOCKED.
    bool isPostgres() const { return driverName() == QLatin1String("QPSQL"); }
    Error queryError(const QSqlQuery &query, const char *what) const { return storageError(query, what); }

protected:
    // `description` names the database in messages (never with a password).
    explicit SqlLinkStore(QString description);

    virtual QString driverName() const = 0;
    virtual void configure(QSqlDatabase &db) const = 0;
    virtual Status afterConnect() { return {}; }
    virtual QString autoIdType() const = 0;             // replaces {{id}} in the schema
    virtual QString bigIntType() const = 0;             // replaces {{bigint}}
    virtual QString beginWriteStatement() const = 0;    // starts a batch or a migration
    virtual QString migrationLockStatement() const { return {}; }
    // Statements this backend alone runs after schema version `version`'s
    // shared ones, in the same transaction (`;`-separated, none by default).
    virtual QString backendMigration(int version) const
    {
        Q_UNUSED(version);
        return {};
    }
    // Taken just before a batch writes its journal events (empty: none needed).
    virtual QString journalLockStatement() const { return {}; }
    virtual QString beginSnapshotStatement() const = 0; // one consistent read
    virtual QString caseInsensitiveLike() const = 0;
    // replaces {{random_token}}: an SQL expression for a fresh statistics
    // token (statstokens::hasTokenShape), at least 128 random bits
    virtual QString randomTokenExpression() const = 0;
    // A backend's own statements, prepared after the shared ones and
    // released before the connection closes.
    virtual Status prepareBackendStatements() { return {}; }
    // The claim's one conditional write (claimSql(), the rule of every
    // visit): the link as the claim left it, or nothing when the rule
    // refused. Qt SQL here; SQLite runs the same statement through its C API.
    virtual Result<std::optional<Link>> claimRow(const ClaimRequest &request);
    // Its text: named parameters :slug, :now, :cleared, :preview; it
    // returns the link's columns in the order linkFromClaimColumns()
    // (sqllinkstore.cpp) and SqliteLinkStore::claimRow read them.
    static const char *claimSql();
    virtual void releaseBackendStatements() {}

    Status exec(const QString &sql);
    Error storageError(const QSqlQuery &query, const char *what) const;
    // A recover() that could not reconnect leaves no prepared statements:
    // the operations that use them say so, until a later recover() works.
    Error notConnected() const;
    bool storesFullAddresses() const { return m_storeFullAddresses; }
    QSqlDatabase &database() { return m_db; }
    const QString &description() const { return m_description; }

private:
    Status migrate();
    Status prepareStatements();
    void closeConnection();
    QString ddl(QString sql) const;

    Result<Breakdown> breakdown(qint64 linkId, const char *column, const QString &emptyLabel);

    QString m_description;
    bool m_storeFullAddresses = false;
    QString m_connectionName;
    QSqlDatabase m_db;
    // Prepared once: the click path runs them thousands of times a second.
    std::unique_ptr<QSqlQuery> m_insertLink;
    std::unique_ptr<QSqlQuery> m_claim;
    std::unique_ptr<QSqlQuery> m_findLink;
    std::unique_ptr<QSqlQuery> m_addClicks;
    std::unique_ptr<QSqlQuery> m_useToken;
    std::unique_ptr<QSqlQuery> m_advanceProgress;

    // Click rows of the open batch, written by commitBatch() with one
    // multi-row INSERT per kClickRowsPerInsert rows: on a database server
    // each statement is a network round trip, and one per click capped what
    // a writer could record (~15,000 a second on PostgreSQL).
    static constexpr int kClickColumns = 14;
    static constexpr int kClickRowsPerInsert = 256;
    using ClickRow = std::array<QVariant, kClickColumns>;
    std::vector<ClickRow> m_pendingClicks;
    std::map<int, std::unique_ptr<QSqlQuery>> m_insertClickRows;  // by row count, prepared once
    Status writePendingClicks();
    // The batch's journal events, written by commitBatch() after its clicks.
    std::vector<LinkEvent> m_pendingEvents;
    std::unique_ptr<QSqlQuery> m_insertEvent;
    Status writePendingEvents();
    // Journals a management write's event (created, changed, revoked) of
    // `link` as it now is, into the open batch.
    void journalLinkWrite(LinkEventType type, const Link &link, qint64 atMs);
};

} // namespace shortfuse
