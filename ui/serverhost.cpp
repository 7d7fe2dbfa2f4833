#include "ui/serverhost.h"

#include "server/links/journalfollower.h"

#include "server/http/statsformat.h"
#include "server/links/apikeyservice.h"
#include "server/links/linkservice.h"
#include "server/links/linkqueries.h"
#include "server/shortfuseserver.h"
#include "server/webhooks/webhookdispatcher.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <cstdio>
#include <memory>

namespace shortfuse {

// Lives on the server thread and owns the server there. Only ever touched
// from that thread.
class ServerHost::Worker final : public QObject {
public:
    std::unique_ptr<ShortfuseServer> server;

    // Shuts the server down (committing every click), destroys it on this
    // thread, then runs `then` here.
    void stopServer(std::function<void()> then)
    {
        if (!server) {
            then();
            return;
        }
        ShortfuseServer *s = server.get();
        connect(s, &ShortfuseServer::stopped, this, [this, s, then = std::move(then)] {
            // Not from inside the server's own signal: destroy it on the next turn.
            QMetaObject::invokeMethod(
                this,
                [this, s, then] {
                    if (server.get() == s)
                        server.reset();
                    then();
                },
                Qt::QueuedConnection);
        });
        s->shutdown();
    }
};

namespace {

template <typename F>
void postTo(const QPointer<QObject> &context, F &&f)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::forward<F>(f), Qt::QueuedConnection);
}

// Asks `ask` of the running server's queries; with none (no server
// running), answers unavailable() on `context`'s thread without touching one.
template <typename T, typename Ask>
void askQueries(LinkQueries *queries, QObject *context, ServerHost::Reply<T> done, Ask ask)
{
    if (!queries) {
        postTo(context, [done = std::move(done)] { done(ServerHost::unavailable()); });
        return;
    }
    ask(*queries, std::move(done));
}

} // namespace

ServerHost::ServerHost(QObject *parent)
    : LinkConsole(parent)
    , m_worker(new Worker)
{
    qRegisterMetaType<shortfuse::Link>();
    qRegisterMetaType<QList<qint64>>();
    qRegisterMetaType<shortfuse::ReachabilityVerdict>();
    m_thread.setObjectName(QStringLiteral("shortfuse-server"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

ServerHost::~ServerHost()
{
    m_links = nullptr;
    m_keys = nullptr;
    m_queries = nullptr;
    m_webhooks = nullptr;
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stopServer([] { QThread::currentThread()->quit(); }); }, Qt::QueuedConnection);
    m_thread.wait();
    delete m_worker;
}


void ServerHost::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServerHost::start(const ServerConfig &config)
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping) {
        restart(config);
        return;
    }
    startOnThread(config);
}

void ServerHost::restart(const ServerConfig &config)
{
    switch (m_state) {
    case State::Stopped:
    case State::Failed:
        startOnThread(config);
        return;
    case State::Starting:
    case State::Running:
        m_pendingStart = config;
        stop();
        return;
    case State::Stopping:
    case State::Reconnecting: // a remote console's state, never the embedded server's
        m_pendingStart = config;
        return;
    }
}

void ServerHost::startOnThread(const ServerConfig &config)
{
    m_config = config;
    m_lastError.clear();
    setState(State::Starting);
    Worker *worker = m_worker;
    QPointer<QObject> self(this);
    QMetaObject::invokeMethod(
        worker,
        [worker, self, host = this, config] {
            auto server = std::make_unique<ShortfuseServer>(config);
            if (Status status = server->start(); !status) {
                const QString message = status.error().message;
                server.reset();
                postTo(self, [host, message] { host->onStartFailed(message); });
                return;
            }
            // Signal to signal: queued to the host's (GUI) thread by Qt.
            LinkService *links = server->links();
            connect(links, &LinkService::linkCreated, host, &ServerHost::linkCreated);
            connect(links, &LinkService::clicksChanged, host, &ServerHost::clicksChanged);
            connect(links, &LinkService::linkRevoked, host, &ServerHost::linkRevoked);
            connect(links, &LinkService::linkChanged, host, &ServerHost::linkChanged);
            connect(links, &LinkService::refreshNeeded, host, &ServerHost::refreshNeeded);
            connect(server->journal(), &JournalFollower::eventsArrived, host, &ServerHost::linkEvents);
            connect(server.get(), &ShortfuseServer::reachabilityChanged, host, &ServerHost::onReachabilityChanged);
            const Running running{server->listeningUrl(), server->metricsUrl(), server->baseUrl(), server->port(),
                                  links, server->keys(), server->queries(), server->webhooks(),
                                  server->reachability()};
            worker->server = std::move(server);
            postTo(self, [host, running] { host->onStarted(running); });
        },
        Qt::QueuedConnection);
}

void ServerHost::onStarted(const Running &running)
{
    if (m_state != State::Starting) {
        // stop() was called meanwhile; the worker is already stopping it.
        return;
    }
    m_listeningUrl = running.listeningUrl;
    m_baseUrl = running.baseUrl;
    m_port = running.port;
    m_links = running.links;
    m_keys = running.keys;
    m_queries = running.queries;
    m_webhooks = running.webhooks;
    m_reachability = running.reachability;
    // The line scripts and tests wait for, exactly as shortfuse-server prints it.
    std::printf("Listening on %s\n", qPrintable(m_listeningUrl));
    if (!running.metricsUrl.isEmpty())
        std::printf("Metrics on %s\n", qPrintable(running.metricsUrl));
    std::fflush(stdout);
    setState(State::Running);
    Q_EMIT started(m_listeningUrl);
    Q_EMIT reachabilityChanged(m_reachability);
}

void ServerHost::onReachabilityChanged(const ReachabilityVerdict &verdict, const QString &baseUrl)
{
    if (m_state != State::Running)
        return; // from a server being stopped
    m_reachability = verdict;
    m_baseUrl = baseUrl;
    Q_EMIT reachabilityChanged(verdict);
}

void ServerHost::onStartFailed(const QString &message)
{
    m_lastError = message;
    std::fprintf(stderr, "shortfuse: %s\n", qPrintable(message));
    std::fflush(stderr);
    if (m_pendingStart) {
        const ServerConfig next = *m_pendingStart;
        m_pendingStart.reset();
        startOnThread(next);
        return;
    }
    setState(State::Failed);
    Q_EMIT startFailed(message);
}

void ServerHost::stop()
{
    if (m_state == State::Stopped || m_state == State::Failed) {
        if (m_pendingStart) {
            const ServerConfig next = *m_pendingStart;
            m_pendingStart.reset();
            startOnThread(next);
        } else {
            Q_EMIT stopped();
        }
        return;
    }
    if (m_state == State::Stopping)
        return;
    // Forget the server's objects first: nothing on this thread may reach
    // them once the server thread starts tearing them down.
    m_links = nullptr;
    m_keys = nullptr;
    m_queries = nullptr;
    m_webhooks = nullptr;
    setState(State::Stopping);
    Worker *worker = m_worker;
    QPointer<QObject> self(this);
    QMetaObject::invokeMethod(
        worker,
        [worker, self, host = this] {
            worker->stopServer([self, host] { postTo(self, [host] { host->onStopped(); }); });
        },
        Qt::QueuedConnection);
}

void ServerHost::onStopped()
{
    m_port = 0;
    m_reachability = {};
    m_listeningUrl.clear();
    setState(State::Stopped);
    Q_EMIT stopped();
    if (m_pendingStart) {
        const ServerConfig next = *m_pendingStart;
        m_pendingStart.reset();
        startOnThread(next);
    }
}

template <typename T>
void ServerHost::onLinksThread(QObject *context, Reply<T> done, std::function<void(LinkService &, Reply<T>)> job)
{
    if (!m_links) {
        postTo(context, [done = std::move(done)] { done(unavailable()); });
        return;
    }
    LinkService *links = m_links;
    QPointer<QObject> target(context);
    QMetaObject::invokeMethod(
        links,
        [links, target, job = std::move(job), done = std::move(done)] {
            job(*links, [target, done](const Result<T> &answer) { postTo(target, [done, answer] { done(answer); }); });
        },
        Qt::QueuedConnection);
}

template <typename T>
void ServerHost::onKeysThread(QObject *context, Reply<T> done, std::function<void(ApiKeyService &, Reply<T>)> job)
{
    if (!m_keys) {
        postTo(context, [done = std::move(done)] { done(unavailable()); });
        return;
    }
    ApiKeyService *keys = m_keys;
    QPointer<QObject> target(context);
    QMetaObject::invokeMethod(
        keys,
        [keys, target, job = std::move(job), done = std::move(done)] {
            job(*keys, [target, done](const Result<T> &answer) { postTo(target, [done, answer] { done(answer); }); });
        },
        Qt::QueuedConnection);
}

void ServerHost::createLink(const CreateRequest &request, QObject *context, Reply<Link> done)
{
    onLinksThread<Link>(context, std::move(done), [request](LinkService &links, Reply<Link> reply) {
        Result<NewLink> prepared = links.prepare(request);
        if (!prepared)
            return reply(prepared.error());
        links.create(std::move(*prepared), request.password, std::move(reply));
    });
}

void ServerHost::revokeLink(const QString &slug, QObject *context, Reply<bool> done)
{
    onLinksThread<bool>(context, std::move(done),
                        [slug](LinkService &links, Reply<bool> reply) { links.revoke(slug, std::move(reply)); });
}

void ServerHost::updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done)
{
    onLinksThread<Link>(context, std::move(done), [slug, change](LinkService &links, Reply<Link> reply) {
        links.update(slug, change, LinkScope::everything(), std::move(reply));
    });
}

void ServerHost::createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done)
{
    onLinksThread<QList<Link>>(context, std::move(done), [requests](LinkService &links, Reply<QList<Link>> reply) {
        // Every rule first: one bad value and nothing is stored. Then one
        // transaction (LinkService::createBatch, as POST /api/links/batch):
        // a taken alias refuses the whole batch. The recipients share one
        // password, hashed once.
        QList<NewLink> prepared;
        prepared.reserve(requests.size());
        for (const CreateRequest &request : requests) {
            Result<NewLink> link = links.prepare(request);
            if (!link)
                return reply(link.error());
            prepared.append(std::move(*link));
        }
        const std::optional<QString> password = requests.isEmpty() ? std::nullopt : requests.constFirst().password;
        links.createBatch(std::move(prepared), password, std::move(reply));
    });
}

void ServerHost::createKey(const QString &name, bool admin, QObject *context, Reply<CreatedKey> done)
{
    onKeysThread<CreatedKey>(context, std::move(done), [name, admin](ApiKeyService &keys, Reply<CreatedKey> reply) {
        keys.create(name, admin, [reply = std::move(reply)](const Result<ApiKeyService::Created> &created) {
            if (!created)
                return reply(created.error());
            reply(CreatedKey{created->key, created->secret});
        });
    });
}

void ServerHost::listKeys(QObject *context, Reply<QList<ApiKey>> done)
{
    onKeysThread<QList<ApiKey>>(context, std::move(done),
                                [](ApiKeyService &keys, Reply<QList<ApiKey>> reply) { keys.list(std::move(reply)); });
}

void ServerHost::revokeKey(const QString &name, QObject *context, Reply<bool> done)
{
    onKeysThread<bool>(context, std::move(done),
                       [name](ApiKeyService &keys, Reply<bool> reply) { keys.revoke(name, std::move(reply)); });
}

namespace {

// Asks `ask` of the running server's webhook dispatcher, which is
// thread-safe and answers on `context`'s thread itself; with none running,
// unavailable() on `context`'s thread without touching one.
template <typename T, typename Ask>
void askWebhooks(WebhookDispatcher *webhooks, QObject *context, ServerHost::Reply<T> done, Ask ask)
{
    if (!webhooks) {
        postTo(context, [done = std::move(done)] { done(ServerHost::unavailable()); });
        return;
    }
    ask(*webhooks, std::move(done));
}

} // namespace

void ServerHost::createWebhook(WebhookEndpoint endpoint, QObject *context, Reply<WebhookEndpoint> done)
{
    // Made here, it belongs to no key (as a local request's does): whatever
    // the caller left in ownerKeyId is not the window's to choose.
    endpoint.ownerKeyId.reset();
    askWebhooks<WebhookEndpoint>(m_webhooks, context, std::move(done), [&](WebhookDispatcher &webhooks, auto reply) {
        webhooks.create(std::move(endpoint), context, std::move(reply));
    });
}

void ServerHost::listWebhooks(QObject *context, Reply<QList<WebhookEndpoint>> done)
{
    askWebhooks<QList<WebhookEndpoint>>(m_webhooks, context, std::move(done), [&](WebhookDispatcher &webhooks, auto reply) {
        webhooks.list(std::nullopt, context, std::move(reply));
    });
}

void ServerHost::deleteWebhook(qint64 id, QObject *context, Reply<bool> done)
{
    askWebhooks<bool>(m_webhooks, context, std::move(done), [&](WebhookDispatcher &webhooks, auto reply) {
        webhooks.remove(id, std::nullopt, context, std::move(reply));
    });
}

void ServerHost::testWebhook(qint64 id, QObject *context, Reply<WebhookSender::Outcome> done)
{
    askWebhooks<WebhookSender::Outcome>(m_webhooks, context, std::move(done), [&](WebhookDispatcher &webhooks, auto reply) {
        webhooks.sendTest(id, std::nullopt, context, std::move(reply));
    });
}

void ServerHost::listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done)
{
    askQueries<QList<Link>>(m_queries, context, std::move(done), [&](LinkQueries &queries, auto reply) {
        queries.listLinks(query, context, std::move(reply));
    });
}

void ServerHost::countLinks(const QString &filter, QObject *context, Reply<qint64> done)
{
    askQueries<qint64>(m_queries, context, std::move(done), [&](LinkQueries &queries, auto reply) {
        queries.countLinks(filter, context, std::move(reply));
    });
}

void ServerHost::linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done)
{
    askQueries<QList<Link>>(m_queries, context, std::move(done), [&](LinkQueries &queries, auto reply) {
        queries.linksByIds(ids, context, std::move(reply));
    });
}

void ServerHost::linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                           Reply<std::optional<LinkStats>> done)
{
    askQueries<std::optional<LinkStats>>(m_queries, context, std::move(done), [&](LinkQueries &queries, auto reply) {
        queries.linkStats(slug, query, context, std::move(reply));
    });
}

void ServerHost::totals(qint64 sinceMs, QObject *context, Reply<Totals> done)
{
    askQueries<Totals>(m_queries, context, std::move(done), [&](LinkQueries &queries, auto reply) {
        queries.totals(sinceMs, context, std::move(reply));
    });
}

void ServerHost::exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done)
{
    // The CSV is written on the reader's thread too: the caller's thread
    // never waits on the disk.
    auto write = [path](const LinkStats &all) -> Result<qint64> {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(statsformat::toCsv(all)) < 0 || !file.commit())
            return Error{500, "write_failed", tr("Could not write %1: %2").arg(path, file.errorString())};
        return qint64(all.log.size());
    };
    // The window says "no link" in its own language.
    auto translated = [slug, done = std::move(done)](const Result<qint64> &written) {
        if (!written && written.error().reason == "not_found")
            return done(Error{404, "not_found", tr("There is no link %1.").arg(slug)});
        done(written);
    };
    askQueries<qint64>(m_queries, context, std::move(translated), [&](LinkQueries &queries, auto reply) {
        queries.exportClicks(slug, std::move(write), context, std::move(reply));
    });
}

} // namespace shortfuse
