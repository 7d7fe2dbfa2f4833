#include "server/storage/sqlitechangepoller.h"

#include "server/storage/sqlitelinkstore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <memory>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcSqliteChanges, "shortfuse.changes.sqlite")

namespace {
constexpr int kPollerRetryMs = 1'000;
// Read in pages, so a backlog (a process that was busy) costs no more
// memory than this many payloads at once.
constexpr int kNoticesPerRead = 256;
} // namespace

class SqliteChangePoller::Worker final : public QObject {
    Q_OBJECT
public:
    Worker(QString path, QByteArray ownSender)
        : m_path(std::move(path))
        , m_ownSender(std::move(ownSender))
    {
        m_poll.setInterval(kPollMs);
        connect(&m_poll, &QTimer::timeout, this, &Worker::poll);
    }

    void begin()
    {
        m_store = std::make_unique<SqliteLinkStore>(m_path);
        if (Status opened = m_store->open(); !opened) {
            m_store.reset();
            qCDebug(lcSqliteChanges) << "not reading changes yet:" << opened.error().message;
            QTimer::singleShot(kPollerRetryMs, this, &Worker::begin);
            return;
        }
        // The version first: a commit landing between the two reads then
        // changes it again, and the next poll reads that notice.
        const Result<qint64> version = m_store->dataVersion();
        const Result<qint64> last = version ? m_store->lastChangeNoticeId() : Result<qint64>(version.error());
        if (!last) {
            m_store.reset();
            qCDebug(lcSqliteChanges) << "not reading changes yet:" << last.error().message;
            QTimer::singleShot(kPollerRetryMs, this, &Worker::begin);
            return;
        }
        m_version = *version;
        m_lastId = *last; // what was announced before this process started is not news
        m_poll.start();
        Q_EMIT listening();
    }

Q_SIGNALS:
    void changed(const shortfuse::RemoteChanges &changes);
    void listening();

private:
    void poll()
    {
        const Result<qint64> version = m_store->dataVersion();
        if (!version) {
            qCDebug(lcSqliteChanges) << "cannot poll for changes:" << version.error().message;
            return; // the next tick tries again; nothing was read, nothing is lost
        }
        if (*version == m_version)
            return;
        for (;;) {
            const Result<QList<SqliteLinkStore::StoredNotice>> notices
                = m_store->changeNoticesAfter(m_lastId, kNoticesPerRead);
            if (!notices) {
                qCDebug(lcSqliteChanges) << "cannot read changes:" << notices.error().message;
                return; // m_version unchanged: the next tick reads them
            }
            for (const SqliteLinkStore::StoredNotice &stored : *notices)
                deliver(stored);
            if (notices->size() < kNoticesPerRead)
                break;
        }
        m_version = *version;
    }

    void deliver(const SqliteLinkStore::StoredNotice &stored)
    {
        if (stored.id != m_lastId + 1) {
            // Pruned before this process read them: what they said is lost.
            RemoteChanges missed;
            missed.notice.overflow = true;
            Q_EMIT changed(missed);
        }
        m_lastId = stored.id;
        std::optional<ChangeNotice> notice = ChangeNotice::decode(stored.payload);
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

    QString m_path;
    QByteArray m_ownSender;
    std::unique_ptr<SqliteLinkStore> m_store;
    qint64 m_version = 0;
    qint64 m_lastId = 0;
    // A child, so moveToThread() takes it along (a parentless timer would
    // stay on the creating thread and never fire here).
    QTimer m_poll{this};
};

SqliteChangePoller::SqliteChangePoller(QString databasePath, QByteArray ownSender, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(std::move(databasePath), std::move(ownSender)))
{
    qRegisterMetaType<shortfuse::RemoteChanges>();
    m_thread.setObjectName(QStringLiteral("shortfuse-sqlite-changes"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Queued onto the owner's thread: receivers need no locks.
    connect(m_worker, &Worker::changed, this, &SqliteChangePoller::changed, Qt::QueuedConnection);
    connect(m_worker, &Worker::listening, this, &SqliteChangePoller::listening, Qt::QueuedConnection);
}

SqliteChangePoller::~SqliteChangePoller()
{
    m_thread.quit();
    m_thread.wait();
}

void SqliteChangePoller::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::begin, Qt::QueuedConnection);
}

} // namespace shortfuse

#include "sqlitechangepoller.moc"
