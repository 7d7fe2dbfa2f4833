#include "server/storage/changelistener.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QTimer>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcChanges, "shortfuse.changes")

namespace {
constexpr int kRetryMs = 1'000;
constexpr int kPingMs = 3'000;
} // namespace

class ChangeListener::Worker final : public QObject {
    Q_OBJECT
public:
    Worker(PostgresAddress address, QByteArray ownSender)
        : m_address(std::move(address))
        , m_ownSender(std::move(ownSender))
    {
        m_ping.setInterval(kPingMs);
        connect(&m_ping, &QTimer::timeout, this, &Worker::checkConnection);
    }

    void connectAndListen()
    {
        if (!m_store) {
            m_store = std::make_unique<PostgresLinkStore>(m_address);
            if (Status opened = m_store->open(); !opened) {
                m_store.reset();
                return retryLater(opened.error().message);
            }
        } else if (Status recovered = m_store->recover(); !recovered) {
            return retryLater(recovered.error().message);
        }
        QSqlDriver *driver = m_store->driver();
        const QString channel = QString::fromLatin1(ChangeNotice::kChannel);
        if (!driver->subscribeToNotification(channel))
            return retryLater(QStringLiteral("LISTEN failed"));
        // One connection per driver object; a recovered store has a new driver.
        connect(driver, &QSqlDriver::notification, this, &Worker::onNotification, Qt::UniqueConnection);
        m_ping.start();
        if (m_hadConnection) {
            // Whatever was announced while we were away is lost: refresh.
            RemoteChanges missed;
            missed.notice.overflow = true;
            Q_EMIT changed(missed);
        }
        m_hadConnection = true;
        Q_EMIT listening();
    }

Q_SIGNALS:
    void changed(const shortfuse::RemoteChanges &changes);
    void listening();

private:
    void retryLater(const QString &why)
    {
        qCDebug(lcChanges) << "not listening for changes yet:" << why;
        m_ping.stop();
        QTimer::singleShot(kRetryMs, this, &Worker::connectAndListen);
    }

    void checkConnection()
    {
        if (Status alive = m_store->ping(); !alive)
            retryLater(alive.error().message);
    }

    void onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
    {
        if (name != QLatin1StringView(ChangeNotice::kChannel))
            return;
        if (std::optional<RemoteChanges> changes = remoteChangesFrom(payload.toString().toLatin1(), m_ownSender, *m_store))
            Q_EMIT changed(*changes);
    }

    PostgresAddress m_address;
    QByteArray m_ownSender;
    std::unique_ptr<PostgresLinkStore> m_store;
    // A child, so moveToThread() takes it along: a parentless timer stayed
    // on the creating thread, could not be started from this one, and a
    // lost connection went unnoticed for good.
    QTimer m_ping{this};
    bool m_hadConnection = false;
};

ChangeListener::ChangeListener(PostgresAddress address, QByteArray ownSender, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(std::move(address), std::move(ownSender)))
{
    qRegisterMetaType<shortfuse::RemoteChanges>();
    m_thread.setObjectName(QStringLiteral("shortfuse-changes"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Queued onto the owner's thread: receivers need no locks.
    connect(m_worker, &Worker::changed, this, &ChangeListener::changed, Qt::QueuedConnection);
    connect(m_worker, &Worker::listening, this, &ChangeListener::listening, Qt::QueuedConnection);
}

ChangeListener::~ChangeListener()
{
    m_thread.quit();
    m_thread.wait();
}

void ChangeListener::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::connectAndListen, Qt::QueuedConnection);
}

} // namespace shortfuse

#include "changelistener.moc"
