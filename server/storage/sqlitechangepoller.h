#pragma once

#include "server/storage/changenotice.h"

#include <QObject>
#include <QThread>

namespace shortfuse {

// What ChangeListener is for PostgreSQL, for a SQLite file that several
// processes share (the desktop app and a headless server on one data
// folder, or two servers given the same --db file): hears what the other
// processes commit and reports it on its owner's thread, so a link revoked
// in one stops redirecting from the others' caches.
//
// SQLite has no NOTIFY, so each writer puts its batch's ChangeNotice into
// the change_notices table in the batch's own transaction (SqliteLinkStore::
// announce). This reads them on a connection and a thread of its own: every
// kPollMs it asks PRAGMA data_version, which changes only when another
// connection has committed (a few microseconds, no table read), and only
// then reads the notices past the last id it has seen. Ids grow with each
// commit (SQLite has one writer at a time), so nothing committed is ever
// behind that id; a gap means notices were pruned before this read them,
// and receivers are told to refresh everything.
class SqliteChangePoller final : public QObject {
    Q_OBJECT
public:
    // A revocation reaches the other processes within about this long.
    static constexpr int kPollMs = 100;

    SqliteChangePoller(QString databasePath, QByteArray ownSender, QObject *parent = nullptr);
    ~SqliteChangePoller() override;
    Q_DISABLE_COPY_MOVE(SqliteChangePoller)

    // Starts reading in the background (retrying until the file opens).
    void start();

Q_SIGNALS:
    // A notice from another process (never from `ownSender`).
    void changed(const shortfuse::RemoteChanges &changes);
    // Polling has begun: whatever is committed from now on is heard.
    void listening();

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread; deleted when it finishes
};

} // namespace shortfuse
