#pragma once

#include "server/core/apikey.h"
#include "server/core/reachability.h"
#include "server/core/link.h"
#include "server/core/linkevent.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"
#include "server/core/webhookendpoint.h"
#include "server/serverconfig.h"
#include "server/webhooks/webhooksender.h"
#include "ui/linkconsole.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <optional>

namespace shortfuse {

class ApiKeyService;
class LinkService;
class ShortfuseServer;
class WebhookDispatcher;
class LinkQueries;
struct CreateRequest;
struct LinkChange;

// Runs the embedded ShortfuseServer on a QThread of its own, so nothing the
// server does (a burst of clicks, a slow disk) can stall the GUI thread.
//
// Owns that thread and, on it, the server. Everything public is for the GUI
// thread: start/stop/restart report back with queued signals; link writes go
// to the server's LinkService on its thread and answer on the caller's; reads
// go to the server's StoreReader and answer on the caller's thread too.
//
// The window asks for links as a client of a link service would (list,
// count, stats, create, revoke...), never for the storage behind it: this
// is the one place that knows the links live in an embedded server, so a
// remote server can take its place without the widgets changing.
//
// While no server runs (starting, stopped, failed), reads and writes answer
// at once with an "unavailable" error, never touching a server that is being
// torn down: the GUI side forgets the server's objects before it asks the
// server thread to stop them.
class ServerHost final : public LinkConsole {
    Q_OBJECT
public:
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

    State state() const override { return m_state; }
    const ServerConfig &config() const { return m_config; }
    QString listeningUrl() const { return m_listeningUrl; }
    QString baseUrl() const override { return m_baseUrl; }
    quint16 port() const { return m_port; }
    QString lastError() const override { return m_lastError; }
    // Whether links open beyond this computer (issue 14), as the running
    // server last said; reachabilityChanged() follows every change.
    const ReachabilityVerdict &reachability() const { return m_reachability; }

    // The link calls of LinkConsole, on the embedded server: each answers
    // once, through `done` on `context`'s thread, or unavailable().
    // Applies the server's rules and stores the link, on the server thread.
    void createLink(const CreateRequest &request, QObject *context, Reply<Link> done) override;
    // True if the link was revoked, false if there is no such link.
    void revokeLink(const QString &slug, QObject *context, Reply<bool> done) override;
    // Changes a link through LinkService::update, the same service and
    // rules as PATCH /api/links/<slug>: the link as it is afterwards, or
    // what is wrong (nothing changed then).
    void updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done) override;
    // Several links at once, all or nothing: every request is checked
    // (LinkService::prepare) before any is stored, then all are stored in
    // one transaction (LinkService::createBatch, as POST /api/links/batch
    // does). They share the first request's password. The links come back
    // in the requests' order.
    void createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done) override;

    // API keys (the settings dialog), through the server's ApiKeyService.
    // The key itself is in the answer of createKey only, once.
    struct CreatedKey {
        ApiKey key;
        QString secret;
    };
    void createKey(const QString &name, bool admin, QObject *context, Reply<CreatedKey> done);
    void listKeys(QObject *context, Reply<QList<ApiKey>> done);
    // True if the key was revoked, false if there is no such active key.
    void revokeKey(const QString &name, QObject *context, Reply<bool> done);

    // Webhook endpoints (issue 13, the settings dialog), through the
    // server's WebhookDispatcher (thread-safe: it answers on `context`'s
    // thread). The window is local, as a local API request is: it sees
    // every endpoint, and the endpoints it makes belong to no key.
    // `endpoint` has passed the API's rules (webhookparser::fromJson); the
    // secret is in the answer of createWebhook only, once.
    void createWebhook(WebhookEndpoint endpoint, QObject *context, Reply<WebhookEndpoint> done);
    // Every endpoint with its delivery state (disabled, failing, counts).
    void listWebhooks(QObject *context, Reply<QList<WebhookEndpoint>> done);
    // True if it was deleted, false if there is no such endpoint.
    void deleteWebhook(qint64 id, QObject *context, Reply<bool> done);
    // Sends one signed test event now; answers what the endpoint said.
    void testWebhook(qint64 id, QObject *context, Reply<WebhookSender::Outcome> done);

    // Reads, on the server's reader thread (never the thread that serves
    // redirects, so a slow query cannot hold up a visitor).
    // One page of the links table.
    void listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done) override;
    // How many links match `filter` (all of them when it is empty).
    void countLinks(const QString &filter, QObject *context, Reply<qint64> done) override;
    // The current state of these links (unknown ids are left out).
    void linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done) override;
    // One link's statistics and a page of its click log; nullopt for an unknown slug.
    void linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                   Reply<std::optional<LinkStats>> done) override;
    // The figures of the status bar: links, and redirects since `sinceMs`.
    void totals(qint64 sinceMs, QObject *context, Reply<Totals> done) override;
    // Writes the whole click log of `slug` to `path` as CSV, in the format of
    // /api/stats/<slug>.csv, and answers how many entries it wrote. The file
    // is written on the reader thread too: the GUI thread never waits on a disk.
    void exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done) override;

Q_SIGNALS:
    // (The link events are LinkConsole's signals: the server's, delivered on
    // the GUI thread; linkEvents() is the JournalFollower's, from this server
    // and every other on the same database.)
    // The reachability verdict changed (the router answered, a mapping was
    // lost or moved to a new external address); baseUrl() may have followed.
    void reachabilityChanged(const shortfuse::ReachabilityVerdict &verdict);

private:
    struct Running {
        QString listeningUrl;
        QString metricsUrl;  // empty without --metrics-bind
        QString baseUrl;
        quint16 port = 0;
        LinkService *links = nullptr;
        ApiKeyService *keys = nullptr;
        LinkQueries *queries = nullptr;
        WebhookDispatcher *webhooks = nullptr;
        ReachabilityVerdict reachability;
    };
    class Worker;

    // Runs `job` with the server's LinkService on the server's thread; the
    // answer it gives goes to `done` on `context`'s thread. With no server
    // running, `done` gets unavailable() without touching one.
    template <typename T>
    void onLinksThread(QObject *context, Reply<T> done, std::function<void(LinkService &, Reply<T>)> job);
    // The same with the server's ApiKeyService (on the same thread).
    template <typename T>
    void onKeysThread(QObject *context, Reply<T> done, std::function<void(ApiKeyService &, Reply<T>)> job);
    void setState(State state);
    void startOnThread(const ServerConfig &config);
    void onStarted(const Running &running);
    void onStartFailed(const QString &message);
    void onStopped();
    void onReachabilityChanged(const ReachabilityVerdict &verdict, const QString &baseUrl);

    QThread m_thread;
    Worker *m_worker = nullptr;  // lives on m_thread
    State m_state = State::Stopped;
    ServerConfig m_config;
    std::optional<ServerConfig> m_pendingStart;  // restart: start this once stopped
    QString m_listeningUrl;
    QString m_baseUrl;
    ReachabilityVerdict m_reachability;
    quint16 m_port = 0;
    QString m_lastError;
    // The running server's objects, known on the GUI thread only while Running.
    LinkService *m_links = nullptr;
    ApiKeyService *m_keys = nullptr;
    LinkQueries *m_queries = nullptr;
    WebhookDispatcher *m_webhooks = nullptr;
};

} // namespace shortfuse
