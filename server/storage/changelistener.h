#pragma once

#include "server/storage/changenotice.h"
#include "server/storage/postgreslinkstore.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace shortfuse {

// Hears what the other servers on a shared PostgreSQL database commit
// (LISTEN on ChangeNotice::kChannel) and reports it on its owner's thread:
// the server drops revoked links from its cache, the desktop's table and
// stats follow clicks that arrive elsewhere. No polling of any table.
//
// It owns a connection of its own on a thread of its own (the QPSQL driver
// delivers notifications through that thread's event loop). A cheap
// "SELECT 1" every few seconds notices a lost connection; after
// reconnecting it reports an overflow notice, since notices sent meanwhile
// are lost and the receivers must refresh.
class ChangeListener final : public QObject {
    Q_OBJECT
public:
    ChangeListener(PostgresAddress address, QByteArray ownSender, QObject *parent = nullptr);
    ~ChangeListener() override;
    Q_DISABLE_COPY_MOVE(ChangeListener)

    // Starts connecting in the background (retrying until it can).
    void start();

Q_SIGNALS:
    // A notice from another server (never from `ownSender`).
    void changed(const shortfuse::RemoteChanges &changes);
    // LISTEN is in place (again); notices from now on arrive.
    void listening();

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
};

} // namespace shortfuse
