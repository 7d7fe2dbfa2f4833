#include "ui/linktablemodel.h"

#include "ui/linkconsole.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace shortfuse {

LinkTableModel::LinkTableModel(LinkConsole &host, QObject *parent)
    : QAbstractTableModel(parent)
    , m_host(host)
{
    m_reloadLater.setSingleShot(true);
    m_reloadLater.setInterval(300);
    connect(&m_reloadLater, &QTimer::timeout, this, &LinkTableModel::reload);
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &LinkTableModel::onExpiryTimer);
    // New rows may bring an earlier expiry (updates re-arm in applyUpdates).
    connect(this, &QAbstractItemModel::rowsInserted, this, &LinkTableModel::scheduleExpiryCheck);
    connect(this, &QAbstractItemModel::modelReset, this, &LinkTableModel::scheduleExpiryCheck);

    connect(&host, &LinkConsole::started, this, &LinkTableModel::reload);
    connect(&host, &LinkConsole::linkCreated, this, &LinkTableModel::onLinkCreated);
    connect(&host, &LinkConsole::clicksChanged, this, &LinkTableModel::onClicksChanged);
    connect(&host, &LinkConsole::linkRevoked, this, &LinkTableModel::onLinkRevoked);
    connect(&host, &LinkConsole::linkChanged, this, &LinkTableModel::onLinkChanged);
    connect(&host, &LinkConsole::refreshNeeded, this, &LinkTableModel::reload);
}

int LinkTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LinkTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

LinkTableModel::Status LinkTableModel::statusOf(const Link &link)
{
    return statusOf(link, QDateTime::currentMSecsSinceEpoch());
}

LinkTableModel::Status LinkTableModel::statusOf(const Link &link, qint64 nowMs)
{
    // The one definition the API's `status` shares (core/link.h); the
    // window shows a used-up link as expired, as its visitors see it.
    switch (shortfuse::statusOf(link, nowMs)) {
    case LinkStatus::Revoked: return Status::Revoked;
    case LinkStatus::UsedUp:
    case LinkStatus::Expired: return Status::Expired;
    case LinkStatus::Active: break;
    }
    return Status::Active;
}

QString LinkTableModel::statusText(Status status)
{
    switch (status) {
    case Status::Active:
        return tr("active");
    case Status::Expired:
        return tr("expired");
    case Status::Revoked:
        return tr("revoked");
    }
    return {};
}

QVariant LinkTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Link &link = m_rows.at(index.row());
    switch (role) {
    case SlugRole:
        return link.slug;
    case ShortUrlRole:
        return m_host.shortUrl(link.slug);
    case UrlRole:
        return link.url;
    case LinkIdRole:
        return link.id;
    case StatusRole:
        return int(statusOf(link));
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case SlugColumn:
            return link.slug;
        case LabelColumn:
            return link.label;
        case DestinationColumn:
            return link.url;
        case ClicksColumn:
            return link.maxClicks ? tr("%1 / %2").arg(QLocale().toString(link.clicks), QLocale().toString(*link.maxClicks))
                                  : tr("%1 / unlimited").arg(QLocale().toString(link.clicks));
        case StatusColumn: {
            QString text = statusText(statusOf(link));
            // Gated links say so; the password itself is never known here.
            if (link.hasPassword())
                text += QStringLiteral(" · ") + tr("password");
            if (link.previewProtection == PreviewProtection::Confirm)
                text += QStringLiteral(" · ") + tr("confirm");
            return text;
        }
        case ExpiresColumn:
            if (!link.expiresAtMs)
                return QString();
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*link.expiresAtMs).toLocalTime(),
                                      QLocale::ShortFormat);
        case CreatedColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(link.createdAtMs).toLocalTime(),
                                      QLocale::ShortFormat);
        }
        break;
    case ExpiresAtRole:
        return link.expiresAtMs ? QVariant(*link.expiresAtMs) : QVariant();
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SlugColumn:
            return m_host.shortUrl(link.slug);
        case LabelColumn:
            return link.label.isEmpty() ? QVariant() : QVariant(link.label);
        case DestinationColumn:
            return link.url;
        case StatusColumn: {
            QStringList lines;
            if (link.hasPassword())
                lines << tr("Visitors must enter a password.");
            switch (link.previewProtection) {
            case PreviewProtection::Auto:
                lines << tr("Preview protection: auto");
                break;
            case PreviewProtection::Confirm:
                lines << tr("Preview protection: confirm (visitors press Continue)");
                break;
            case PreviewProtection::Off:
                lines << tr("Preview protection: off");
                break;
            }
            if (!link.expiredUrl.isEmpty())
                lines << tr("After expiry: %1").arg(link.expiredUrl);
            return lines.join(u'\n');
        }
        case ExpiresColumn:
            if (!link.expiresAtMs)
                return {};
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*link.expiresAtMs).toLocalTime(),
                                      QLocale::LongFormat);
        case CreatedColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(link.createdAtMs).toLocalTime(),
                                      QLocale::LongFormat);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ClicksColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        // Used-up and revoked links fade, in whatever palette is in force.
        if (statusOf(link) != Status::Active)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    }
    return {};
}

QVariant LinkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SlugColumn:
        return tr("Short link");
    case LabelColumn:
        return tr("Label");
    case DestinationColumn:
        return tr("Destination");
    case ClicksColumn:
        return tr("Clicks");
    case StatusColumn:
        return tr("Status");
    case ExpiresColumn:
        return tr("Expires");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

bool LinkTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_host.isRunning() && !m_exhausted && !m_fetching;
}

void LinkTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    LinkListQuery query;
    query.filter = m_filter;
    query.sortBy = m_sortBy;
    query.descending = m_descending;
    // Keyset paging: the next page starts after the last row loaded, so rows
    // made meanwhile shift nothing, and a remote server (whose API pages by
    // cursors only) is asked exactly as the embedded one.
    query.asOfMs = QDateTime::currentMSecsSinceEpoch(); // the last row's status, judged now
    if (!m_rows.isEmpty())
        query.after = query.positionOf(m_rows.constLast());
    query.limit = kPageSize;
    const quint64 generation = m_generation;
    m_host.listLinks(query, this, [this, generation](const Result<QList<Link>> &page) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        if (!page) {
            m_exhausted = true;  // a failed read is not retried in a loop; reload() starts over
            return;
        }
        QList<Link> fresh;
        fresh.reserve(page->size());
        for (const Link &link : *page) {
            if (!m_rowOfId.contains(link.id))  // a row inserted live may come again
                fresh.append(link);
        }
        if (page->size() < kPageSize)
            m_exhausted = true;
        if (!fresh.isEmpty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (const Link &link : fresh) {
                m_rowOfId.insert(link.id, int(m_rows.size()));
                m_rows.append(link);
            }
            endInsertRows();
        }
        Q_EMIT loaded();
    });
}

void LinkTableModel::requestCount()
{
    const quint64 generation = m_generation;
    m_host.countLinks(m_filter, this, [this, generation](const Result<qint64> &count) {
        if (generation != m_generation || !count)
            return;
        m_total = *count;
        Q_EMIT totalCountChanged(m_total);
    });
}

void LinkTableModel::reload()
{
    m_reloadLater.stop();
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    m_fetching = false;
    m_exhausted = false;
    endResetModel();
    m_total = -1;
    Q_EMIT totalCountChanged(m_total);
    if (!m_host.isRunning())
        return;
    requestCount();
    fetchMore({});
}

void LinkTableModel::sort(int column, Qt::SortOrder order)
{
    using SortBy = LinkListQuery::SortBy;
    SortBy by = SortBy::Created;
    switch (column) {
    case SlugColumn: by = SortBy::Slug; break;
    case LabelColumn: by = SortBy::Label; break;
    case DestinationColumn: by = SortBy::Url; break;
    case ClicksColumn: by = SortBy::Clicks; break;
    case StatusColumn: by = SortBy::Status; break;
    case ExpiresColumn: return;  // the store has no such order: the rows stay as they are
    default: by = SortBy::Created; break;
    }
    const bool descending = order == Qt::DescendingOrder;
    if (by == m_sortBy && descending == m_descending && !m_rows.isEmpty())
        return;
    m_sortBy = by;
    m_descending = descending;
    reload();
}

void LinkTableModel::setFilter(const QString &text)
{
    const QString filter = text.trimmed();
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

const Link *LinkTableModel::linkAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

int LinkTableModel::rowOfSlug(const QString &slug) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).slug == slug)
            return row;
    }
    return -1;
}

bool LinkTableModel::matchesFilter(const Link &link) const
{
    return m_filter.isEmpty() || link.slug.contains(m_filter, Qt::CaseInsensitive)
        || link.url.contains(m_filter, Qt::CaseInsensitive);
}

void LinkTableModel::rebuildIndex()
{
    m_rowOfId.clear();
    m_rowOfId.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOfId.insert(m_rows.at(row).id, row);
}

void LinkTableModel::onLinkCreated(const Link &link)
{
    if (!matchesFilter(link) || m_rowOfId.contains(link.id))
        return;
    if (m_total >= 0) {
        ++m_total;
        Q_EMIT totalCountChanged(m_total);
    }
    if (m_sortBy == LinkListQuery::SortBy::Created && m_descending) {
        // Newest first: the new link is the store's first row too, so the
        // offsets of later pages stay right.
        beginInsertRows({}, 0, 0);
        m_rows.prepend(link);
        rebuildIndex();
        endInsertRows();
        Q_EMIT loaded();
    } else if (m_sortBy == LinkListQuery::SortBy::Created && m_exhausted) {
        // Oldest first and everything loaded: it belongs at the end.
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.append(link);
        m_rowOfId.insert(link.id, row);
        endInsertRows();
        Q_EMIT loaded();
    } else {
        m_reloadLater.start();  // its place depends on the sort: ask the store
    }
}

void LinkTableModel::onClicksChanged(const QList<qint64> &ids)
{
    QList<qint64> shown;
    for (qint64 id : ids) {
        if (m_rowOfId.contains(id))
            shown.append(id);
    }
    refreshRows(shown);
}

void LinkTableModel::onLinkRevoked(const QString &slug)
{
    const int row = rowOfSlug(slug);
    if (row >= 0)
        refreshRows({m_rows.at(row).id});
}

void LinkTableModel::onLinkChanged(const QString &slug)
{
    // Changed (the edit dialog, PATCH, another server) or purged: read the
    // row again; a row the store no longer has goes.
    const int row = rowOfSlug(slug);
    if (row < 0)
        return;
    const qint64 id = m_rows.at(row).id;
    const quint64 generation = m_generation;
    m_host.linksByIds({id}, this, [this, generation, id](const Result<QList<Link>> &links) {
        if (generation != m_generation || !links)
            return;
        if (links->isEmpty()) {
            if (const auto it = m_rowOfId.constFind(id); it != m_rowOfId.cend())
                removeRow(*it);
            return;
        }
        applyUpdates(*links);
    });
}

void LinkTableModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    rebuildIndex();
    endRemoveRows();
    if (m_total > 0) {
        --m_total;
        Q_EMIT totalCountChanged(m_total);
    }
    Q_EMIT loaded();
}

void LinkTableModel::refreshRows(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    const quint64 generation = m_generation;
    m_host.linksByIds(ids, this, [this, generation](const Result<QList<Link>> &links) {
        if (generation != m_generation || !links)
            return;
        applyUpdates(*links);
    });
}

void LinkTableModel::applyUpdates(const QList<Link> &links)
{
    for (const Link &link : links) {
        const auto it = m_rowOfId.constFind(link.id);
        if (it == m_rowOfId.cend())
            continue;
        const int row = *it;
        m_rows[row] = link;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    scheduleExpiryCheck();  // a used-up or revoked row no longer needs its expiry watched
    Q_EMIT loaded();
}

void LinkTableModel::scheduleExpiryCheck()
{
    // The next moment a loaded row turns from active to expired. One timer
    // for the whole table, re-armed whenever the rows change.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_expiryCheckedMs == 0 || m_expiryCheckedMs > now)
        m_expiryCheckedMs = now;
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Link &link : std::as_const(m_rows)) {
        if (link.expiresAtMs && *link.expiresAtMs > m_expiryCheckedMs && !link.usedUp())
            next = std::min(next, *link.expiresAtMs);
    }
    if (next == std::numeric_limits<qint64>::max()) {
        m_nextExpiryMs = -1;
        m_expiryTimer.stop();
        return;
    }
    m_nextExpiryMs = next;
    // QTimer takes an int; far expiries are looked at again in a day.
    const qint64 wait = std::clamp<qint64>(next - now + 1, 0, 24LL * 3600 * 1000);
    m_expiryTimer.start(int(wait));
}

void LinkTableModel::onExpiryTimer()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 since = m_expiryCheckedMs;
    m_expiryCheckedMs = now;
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        const Link &link = m_rows.at(row);
        if (!link.expiresAtMs || *link.expiresAtMs <= since || *link.expiresAtMs > now || link.usedUp())
            continue;
        // Rows that expired together usually sit together: one signal per run.
        if (first >= 0 && row != last + 1) {
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
            first = -1;
        }
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    scheduleExpiryCheck();  // the next one (or again, if woken early)
}

} // namespace shortfuse
