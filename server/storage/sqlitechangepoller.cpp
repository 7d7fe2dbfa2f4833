#include "server/storage/sqlitechangepoller.h"

#include "server/storage/sqlitelinkstore.h"

#include <QLoggingCategory>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcSqliteChanges, "shortfuse.changes.sqlite")

namespace {
constexpr int kPollerRetryMs = 1'000;
// Read in pages, so a backlog (a process that was busy) costs no more
// memory than this many payloads at once.
constexpr int kNoticesPerRead = 256;
} // namespace

SqliteChangePoller::SqliteChangePoller(QString databasePath, QByteArray ownSender, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_ownSender(std::move(ownSender))
{
    qRegisterMetaType<shortfuse::RemoteChanges>();
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &SqliteChangePoller::catchUp);
}

SqliteChangePoller::~SqliteChangePoller() = default;

void SqliteChangePoller::start()
{
    open();
}

void SqliteChangePoller::open()
{
    auto store = std::make_unique<SqliteLinkStore>(m_path);
    if (Status opened = store->open(); !opened) {
        qCDebug(lcSqliteChanges) << "not reading changes yet:" << opened.error().message;
        QTimer::singleShot(kPollerRetryMs, this, &SqliteChangePoller::open);
        return;
    }
    // The version first: a commit landing between the two reads then
    // changes it again, and the next catchUp() reads that notice.
    const Result<qint64> version = store->dataVersion();
    const Result<qint64> last = version ? store->lastChangeNoticeId() : Result<qint64>(version.error());
    if (!last) {
        qCDebug(lcSqliteChanges) << "not reading changes yet:" << last.error().message;
        QTimer::singleShot(kPollerRetryMs, this, &SqliteChangePoller::open);
        return;
    }
    m_store = std::move(store);
    m_version = *version;
    m_lastId = *last; // what was announced before this process started is not news
    m_poll.start();
    Q_EMIT listening();
}

void SqliteChangePoller::catchUp()
{
    if (!m_store)
        return;
    const Result<qint64> version = m_store->dataVersion();
    if (!version) {
        qCDebug(lcSqliteChanges) << "cannot poll for changes:" << version.error().message;
        return; // the next call tries again; nothing was read, nothing is lost
    }
    if (*version == m_version)
        return;
    for (;;) {
        const Result<QList<SqliteLinkStore::StoredNotice>> notices = m_store->changeNoticesAfter(m_lastId, kNoticesPerRead);
        if (!notices) {
            qCDebug(lcSqliteChanges) << "cannot read changes:" << notices.error().message;
            return; // m_version unchanged: the next call reads them
        }
        for (const SqliteLinkStore::StoredNotice &stored : *notices)
            deliver(stored.id, stored.payload);
        if (notices->size() < kNoticesPerRead)
            break;
    }
    m_version = *version;
}

void SqliteChangePoller::deliver(qint64 id, const QByteArray &payload)
{
    if (id != m_lastId + 1) {
        // Pruned before this process read them: what they said is lost.
        RemoteChanges missed;
        missed.notice.overflow = true;
        Q_EMIT changed(missed);
    }
    m_lastId = id;
    std::optional<ChangeNotice> notice = ChangeNotice::decode(payload);
    if (!notice) {
        qCWarning(lcSqliteChanges) << "ignored a malformed change notice";
        return;
    }
    if (notice->sender == m_ownSender)
        return;
    RemoteChanges changes{std::move(*notice), {}};
    if (!changes.notice.created.isEmpty()) {
        // Read back here, on this connection, so receivers get whole links.
        if (Result<QList<Link>> links = m_store->linksByIds(changes.notice.created); links)
            changes.createdLinks = *links;
    }
    Q_EMIT changed(changes);
}

} // namespace shortfuse
