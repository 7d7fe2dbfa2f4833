#pragma once

#include "server/storage/changenotice.h"

#include <QObject>

struct sqlite3;
#include <QTimer>

#include <memory>
#include <optional>

namespace shortfuse {

class SqliteLinkStore;

// Whether any connection, in any process, has committed to a SQLite file
// in WAL mode since the last look, for the price of reading a few bytes of
// memory: the WAL-index header at the start of the shared-memory region
// SQLite maps for every process using the file and rewrites at each commit
// (its layout is documented in SQLite's "WAL-mode file format": a change
// counter, the last valid frame, the WAL's salts). The region is the one
// SQLite itself mapped for `connection` (the VFS's xShmMap): no descriptor
// of our own, since closing any descriptor of the "-shm" file would drop
// the process's locks on it, and another process would then find it unused
// and truncate it under every mapping. Only used to decide whether the real
// check (PRAGMA data_version) is worth running: any doubt reads as "changed".
class SqliteCommitCounter final {
public:
    // `connection` must have read the database in WAL mode (so its shared
    // memory is open) and outlive this object.
    explicit SqliteCommitCounter(sqlite3 *connection);
    Q_DISABLE_COPY_MOVE(SqliteCommitCounter)

    // A value that changes with every commit; nullopt when the header
    // cannot be read (no WAL index, or the two header copies disagree
    // because a commit is under way).
    std::optional<quint64> read() const;

private:
    const volatile unsigned char *m_header = nullptr;
};

// What ChangeListener is for PostgreSQL, for a SQLite file that several
// processes share (the desktop app and a headless server on one data
// folder, or two servers given the same --db file): hears what the other
// processes commit, so a link changed or revoked in one stops being
// answered the old way from the others' caches.
//
// SQLite has no NOTIFY, so each writer puts its batch's ChangeNotice into
// the change_notices table in the batch's own transaction (SqliteLinkStore::
// announce). This reads them on a connection of its own, on its owner's
// thread: catchUp() asks PRAGMA data_version, which changes only when
// another connection has committed, and only then reads the notices past
// the last id it has seen. Even that pragma costs a read transaction and its
// file locks, too much for every redirect, so catchUp() first looks at the
// WAL-index header in the "-shm" file, which every connection's commit
// updates (SqliteCommitCounter): unchanged means nothing was committed. The server
// calls catchUp() before every answer from its cache, so a change committed
// by another process before a request arrives is applied before that
// request is answered; a timer calls it too, so an idle process (the
// window's table) follows within kPollMs. Ids grow with each commit (SQLite
// has one writer at a time), so nothing committed is ever behind that id; a
// gap means notices were pruned before this read them, and receivers are
// told to refresh everything.
class SqliteChangePoller final : public QObject {
    Q_OBJECT
public:
    // An idle process follows other processes' changes within about this long.
    static constexpr int kPollMs = 100;

    SqliteChangePoller(QString databasePath, QByteArray ownSender, QObject *parent = nullptr);
    ~SqliteChangePoller() override;
    Q_DISABLE_COPY_MOVE(SqliteChangePoller)

    // Opens its connection (retrying until the file opens) and starts polling.
    void start();

    // Reports, before it returns, every notice other processes committed
    // since the last call. Cheap when nothing was committed; does nothing
    // before start() has opened the file.
    void catchUp();

Q_SIGNALS:
    // A notice from another process (never from `ownSender`), emitted on
    // the owner's thread, from catchUp() itself.
    void changed(const shortfuse::RemoteChanges &changes);
    // Reading has begun: whatever is committed from now on is heard.
    void listening();

private:
    void open();
    void deliver(qint64 id, const QByteArray &payload);

    QString m_path;
    QByteArray m_ownSender;
    std::unique_ptr<SqliteLinkStore> m_store; // null until the file opened
    std::unique_ptr<SqliteCommitCounter> m_commits;
    std::optional<quint64> m_commitsSeen; // the counter when the last real check began
    qint64 m_version = 0;
    qint64 m_lastId = 0;
    QTimer m_poll;
};

} // namespace shortfuse
