#pragma once

#include "server/core/link.h"
#include "server/core/linkstats.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace shortfuse {

class LinkConsole;

// The links table over the store. Holds only the rows fetched so far:
// pages of 200 come from LinkConsole::listLinks as the view scrolls
// (canFetchMore/fetchMore), so 100,000 links cost what is on screen.
// Sorting and filtering are new queries. Live updates never re-read the
// table: a committed click re-reads just the rows it changed (linksByIds),
// a new link goes to the top when the table is newest-first. A link that
// passes its expiry changes status by itself: one single-shot timer is
// armed for the next expiry among the loaded rows, and only the rows whose
// moment came get dataChanged.
class LinkTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SlugColumn,
        LabelColumn,
        DestinationColumn,
        ClicksColumn,
        StatusColumn,
        ExpiresColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role { SlugRole = Qt::UserRole + 1, ShortUrlRole, UrlRole, LinkIdRole, StatusRole, ExpiresAtRole };
    enum class Status { Active, Expired, Revoked };

    static constexpr int kPageSize = 200;

    explicit LinkTableModel(LinkConsole &host, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    // Drops every row and reads the first page again.
    void reload();

    const Link *linkAt(int row) const;
    int rowOfSlug(const QString &slug) const;
    // Links matching the filter, as the store counts them; -1 until known.
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_fetching; }

    static Status statusOf(const Link &link);
    static Status statusOf(const Link &link, qint64 nowMs);
    static QString statusText(Status status);

    // When the expiry timer fires next (ms since the epoch), or -1 when no
    // loaded row has an expiry still ahead.
    qint64 nextExpiryCheckMs() const { return m_nextExpiryMs; }

Q_SIGNALS:
    void totalCountChanged(qint64 total);
    void loaded();  // a page (or a live update) arrived

private:
    void onLinkCreated(const Link &link);
    void onClicksChanged(const QList<qint64> &ids);
    void onLinkRevoked(const QString &slug);
    void onLinkChanged(const QString &slug);
    void refreshRows(const QList<qint64> &ids);
    void removeRow(int row);
    void applyUpdates(const QList<Link> &links);
    void requestCount();
    bool matchesFilter(const Link &link) const;
    void rebuildIndex();
    void scheduleExpiryCheck();
    void onExpiryTimer();

    LinkConsole &m_host;
    QList<Link> m_rows;
    QHash<qint64, int> m_rowOfId;
    QString m_filter;
    LinkListQuery::SortBy m_sortBy = LinkListQuery::SortBy::Created;
    bool m_descending = true;
    quint64 m_generation = 0;  // answers for an older query are dropped
    bool m_fetching = false;
    bool m_exhausted = false;  // the last page came back short
    qint64 m_total = -1;
    QTimer m_reloadLater;      // coalesces reloads after creations in other sort orders
    QTimer m_expiryTimer;      // fires at the next expiry among the loaded rows
    qint64 m_nextExpiryMs = -1;
    qint64 m_expiryCheckedMs = 0;  // statuses shown are right as of this moment
};

} // namespace shortfuse
