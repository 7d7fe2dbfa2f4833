#pragma once

#include "linkstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace shortfuse {

// LinkStore on one SQLite file (Qt's QSQLITE driver): WAL journal, and
// synchronous=FULL so a committed batch survives power loss, not only a
// process crash. Group commit (many claims per transaction) is what keeps
// that affordable.
class SqliteLinkStore final : public LinkStore {
public:
    explicit SqliteLinkStore(QString filePath);
    ~SqliteLinkStore() override;
    Q_DISABLE_COPY_MOVE(SqliteLinkStore)

    Status open() override;
    void close() override;

    Status beginBatch() override;
    Status commitBatch() override;
    void rollbackBatch() override;

    Result<std::optional<Link>> insertLink(const NewLink &link) override;
    Result<Claim> claimClick(const ClaimRequest &request) override;
    using LinkStore::claimClick;
    Result<QByteArray> instanceSecret() override;
    Status purgeUsedTokens(qint64 nowMs) override;
    Status addClicks(qint64 linkId, qint64 count) override;
    Status recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                       const ClickDetails *details = nullptr) override;
    void setStoreFullAddresses(bool full) override { m_storeFullAddresses = full; }
    Result<std::optional<LinkStats>> linkStats(const QString &slug, const StatsQuery &query) override;
    Result<std::optional<Link>> findLink(const QString &slug) override;
    Result<QString> integrityCheck() override;
    Result<bool> revokeLink(const QString &slug) override;
    Result<QList<Link>> listLinks(const LinkListQuery &query) override;
    Result<qint64> countLinks(const QString &filter) override;
    Result<QList<Link>> linksByIds(const QList<qint64> &ids) override;
    Result<Totals> totals(qint64 sinceMs) override;

private:
    Status migrate();
    Status exec(const QString &sql);
    Status prepareStatements();
    Error storageError(const QSqlQuery &query, const char *what) const;

    Result<Breakdown> breakdown(qint64 linkId, const char *column, const QString &emptyLabel);

    QString m_path;
    bool m_storeFullAddresses = false;
    QString m_connectionName;
    QSqlDatabase m_db;
    // Prepared once: the click path runs them thousands of times a second.
    std::unique_ptr<QSqlQuery> m_insertLink;
    std::unique_ptr<QSqlQuery> m_claim;
    std::unique_ptr<QSqlQuery> m_findLink;
    std::unique_ptr<QSqlQuery> m_addClicks;
    std::unique_ptr<QSqlQuery> m_recordClick;
    std::unique_ptr<QSqlQuery> m_useToken;
};

} // namespace shortfuse
