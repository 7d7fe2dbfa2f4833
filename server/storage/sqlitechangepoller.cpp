#include "server/storage/sqlitechangepoller.h"

#include "server/storage/sqlitelinkstore.h"

#include <QLoggingCategory>

#include <atomic>
#include <cstring>

#include <sqlite3.h>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcSqliteChanges, "shortfuse.changes.sqlite")

namespace {
constexpr int kPollerRetryMs = 1'000;
// Read in pages, so a backlog (a process that was busy) costs no more
// memory than this many payloads at once.
constexpr int kNoticesPerRead = 256;
// The WAL-index header (SQLite's walformat document): two copies of 48
// bytes, the second written after the first; a reader that finds them
// equal has a consistent one.
constexpr size_t kWalIndexHeaderBytes = 48;
static_assert(kWalIndexHeaderBytes % sizeof(quint64) == 0);
constexpr size_t kChangeCounterAt = 8; // iChange: incremented by each commit
constexpr size_t kMaxFrameAt = 16;     // mxFrame: the last valid frame in the WAL
constexpr size_t kSaltAt = 32;         // aSalt[2]: changes when the WAL restarts
constexpr int kWalIndexRegionBytes = 32 * 1024; // SQLite maps the WAL index in regions of this size
} // namespace

SqliteCommitCounter::SqliteCommitCounter(sqlite3 *connection)
{
    sqlite3_file *file = nullptr;
    if (!connection || sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file
        || !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap)
        return;
    // Region 0 holds the header; already mapped by the connection's reads,
    // so this only hands back SQLite's own pointer (bExtend 0: never grows it).
    volatile void *region = nullptr;
    if (file->pMethods->xShmMap(file, 0, kWalIndexRegionBytes, 0, &region) == SQLITE_OK && region)
        m_header = static_cast<const volatile unsigned char *>(region);
}

std::optional<quint64> SqliteCommitCounter::read() const
{
    if (!m_header)
        return std::nullopt;
    // Another process writes this memory: read each copy once, after an
    // acquire fence, and trust only two equal copies. Read a word at a
    // time (the region is page-aligned): asked before every redirect.
    constexpr size_t kWords = kWalIndexHeaderBytes / sizeof(quint64);
    const auto *words = reinterpret_cast<const volatile quint64 *>(m_header);
    quint64 first[kWords];
    quint64 second[kWords];
    std::atomic_thread_fence(std::memory_order_acquire);
    for (size_t i = 0; i < kWords; ++i)
        first[i] = words[i];
    std::atomic_thread_fence(std::memory_order_acquire);
    for (size_t i = 0; i < kWords; ++i)
        second[i] = words[kWords + i];
    if (std::memcmp(first, second, sizeof first) != 0)
        return std::nullopt;
    const auto *bytes = reinterpret_cast<const unsigned char *>(first);
    quint32 change = 0;
    quint32 maxFrame = 0;
    quint32 salt = 0;
    std::memcpy(&change, bytes + kChangeCounterAt, sizeof change);
    std::memcpy(&maxFrame, bytes + kMaxFrameAt, sizeof maxFrame);
    std::memcpy(&salt, bytes + kSaltAt, sizeof salt);
    return (quint64(change) << 32) ^ (quint64(maxFrame) << 16) ^ salt;
}

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
    // After the reads above: the connection has the WAL index open, so the file exists.
    m_commits = std::make_unique<SqliteCommitCounter>(m_store->connection());
    m_version = *version;
    m_lastId = *last; // what was announced before this process started is not news
    m_poll.start();
    Q_EMIT listening();
}

void SqliteChangePoller::catchUp()
{
    if (!m_store)
        return;
    // Read before the real check: a commit landing during it changes the
    // counter again, and the next call looks.
    const std::optional<quint64> commits = m_commits->read();
    if (commits && commits == m_commitsSeen)
        return; // nothing committed anywhere since the last look
    const Result<qint64> version = m_store->dataVersion();
    if (!version) {
        qCDebug(lcSqliteChanges) << "cannot poll for changes:" << version.error().message;
        return; // the next call tries again; nothing was read, nothing is lost
    }
    if (*version == m_version) {
        m_commitsSeen = commits;
        return;
    }
    for (;;) {
        const Result<QList<SqliteLinkStore::StoredNotice>> notices = m_store->changeNoticesAfter(m_lastId, kNoticesPerRead);
        if (!notices) {
            qCDebug(lcSqliteChanges) << "cannot read changes:" << notices.error().message;
            return; // m_version and m_commitsSeen unchanged: the next call reads them
        }
        for (const SqliteLinkStore::StoredNotice &stored : *notices)
            deliver(stored.id, stored.payload);
        if (notices->size() < kNoticesPerRead)
            break;
    }
    m_version = *version;
    m_commitsSeen = commits;
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
    if (std::optional<RemoteChanges> changes = remoteChangesFrom(payload, m_ownSender, *m_store))
        Q_EMIT changed(*changes);
}

} // namespace shortfuse
