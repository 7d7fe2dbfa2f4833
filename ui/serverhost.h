#pragma once

#include "server/core/link.h"
#include "server/links/linkservice.h"
#include "server/core/result.h"
#include "server/serverconfig.h"
#include "server/storage/storereader.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <optional>

namespace shortfuse {

class ShortfuseServer;

// Runs the embedded ShortfuseServer on a QThread of its own, so nothing the
// server does (a burst of clicks, a slow disk) can stall the GUI thread.
//
// Owns that thread and, on it, the server. Everything public is for the GUI
// thread: start/stop/restart report back with queued signals; link writes go
// to the server's LinkService on its thread and answer on the caller's; reads
// go to the server's StoreReader and answer on the caller's thread too.
//
// While no server runs (starting, stopped, failed), reads and writes answer
// at once with an "unavailable" error, never touching a server that is being
// torn down: the GUI side forgets the server's objects before it asks the
// server thread to stop them.
class ServerHost final : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Failed, Stopping };
    Q_ENUM(State)

    explicit ServerHost(QObject *parent = nullptr);
    // Stops the server (every recorded click is committed) and joins the thread.
    ~ServerHost() override;
    Q_DISABLE_COPY_MOVE(ServerHost)

    // Starts a server with `config`; started() or startFailed() follows.
    // Prints "Listening on http://ADDR:PORT" to stdout once it listens.
    void start(const ServerConfig &config);
    // Stops the running server (flushing every click), then starts anew.
    void restart(const ServerConfig &config);
    // stopped() follows once every click is committed.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    const ServerConfig &config() const { return m_config; }
    QString listeningUrl() const { return m_listeningUrl; }
    QString baseUrl() const { return m_baseUrl; }
    quint16 port() const { return m_port; }
    QString lastError() const { return m_lastError; }
    // Base URL + "/" + slug.
    QString shortUrl(const QString &slug) const;

    // Applies the server's rules and stores the link, on the server thread;
    // `done` runs on `context`'s thread (dropped if `context` is gone).
    void createLink(const CreateRequest &request, QObject *context, std::function<void(const Result<Link> &)> done);
    void revokeLink(const QString &slug, QObject *context, std::function<void(const Result<bool> &)> done);

    // Runs `job` on the server's reader thread; `done` on `context`'s thread.
    template <typename T>
    void read(std::function<Result<T>(LinkReads &)> job, QObject *context, std::function<void(const Result<T> &)> done)
    {
        if (!m_reader) {
            QMetaObject::invokeMethod(context, [done = std::move(done)] { done(unavailable()); }, Qt::QueuedConnection);
            return;
        }
        m_reader->read<T>(std::move(job), std::move(done), context);
    }

    static Error unavailable();

Q_SIGNALS:
    void stateChanged(shortfuse::ServerHost::State state);
    void started(const QString &listeningUrl);
    void startFailed(const QString &message);
    void stopped();

    // The server's live events, delivered on the GUI thread.
    void linkCreated(const shortfuse::Link &link);
    void clicksChanged(const QList<qint64> &linkIds);
    void linkRevoked(const QString &slug);
    // Other servers on a shared database changed more than could be listed.
    void refreshNeeded();

private:
    struct Running {
        QString listeningUrl;
        QString metricsUrl;  // empty without --metrics-bind
        QString baseUrl;
        quint16 port = 0;
        LinkService *links = nullptr;
        StoreReader *reader = nullptr;
    };
    class Worker;

    void setState(State state);
    void startOnThread(const ServerConfig &config);
    void onStarted(const Running &running);
    void onStartFailed(const QString &message);
    void onStopped();

    QThread m_thread;
    Worker *m_worker = nullptr;  // lives on m_thread
    State m_state = State::Stopped;
    ServerConfig m_config;
    std::optional<ServerConfig> m_pendingStart;  // restart: start this once stopped
    QString m_listeningUrl;
    QString m_baseUrl;
    quint16 m_port = 0;
    QString m_lastError;
    // The running server's objects, known on the GUI thread only while Running.
    LinkService *m_links = nullptr;
    StoreReader *m_reader = nullptr;
};

} // namespace shortfuse
