#pragma once

#include "server/core/reachability.h"

#include "server/core/clientaddress.h"
#include "server/core/clock.h"
#include "server/core/link.h"

#include <functional>
#include "server/core/result.h"
#include "server/serverconfig.h"

#include <QObject>

#include <memory>

class QHttpServer;

namespace shortfuse {

class AccessRules;
class ApiKeyService;
class ChangeListener;
class SqliteChangePoller;
class JournalFollower;
class EventHub;
class WebhookDispatcher;
class ClickWriter;
class GuardedTcpServer;
class LinkQueries;
class LinkService;
class Metrics;
class Pages;
class PreviewDetector;
class RateLimiter;
class StoreReader;
class WebApplication;

// One running Shortfuse server: storage, writer thread, HTTP listener (and
// with --metrics-bind a second one serving only /metrics).
//
// Threads, decided once:
// - The thread that creates this object (the main thread of
//   shortfuse-server; a dedicated QThread in the desktop app, never the GUI
//   thread) runs QHttpServer, the routing, the link cache and the rate
//   limiter. Nothing on it waits for a disk.
// - ClickWriter's thread owns the database connection and performs every
//   write, in group-committed batches; answers that must wait for
//   durability are posted back to the first thread when their batch is
//   committed.
// - Two StoreReaders each own a read connection and a thread: one for
//   statistics and the window's tables, one for looking up links the
//   cache does not know, so neither waits for the writer's commits nor
//   a redirect for a slow statistics read.
class ReachabilityMonitor;

class ShortfuseServer final : public QObject {
    Q_OBJECT
public:
    explicit ShortfuseServer(ServerConfig config, QObject *parent = nullptr);
    ~ShortfuseServer() override;
    Q_DISABLE_COPY_MOVE(ShortfuseServer)

    // Opens the database, then listens. Each failure is one line for a
    // person (data directory unusable, database unreadable, port taken).
    Status start();

    // Stops accepting connections, answers what is in flight, commits
    // every recorded click, then emits stopped(). Safe to call twice.
    void shutdown();
    // After stopped(): false when the database was unreachable and the
    // shutdown gave up on what was still queued (the exit code says so).
    bool flushedEverything() const { return m_flushedEverything; }

    quint16 port() const;
    QString listeningUrl() const;  // http://ADDR:PORT
    // The --metrics-bind listener's http://ADDR:PORT; empty without one.
    QString metricsUrl() const;
    QString baseUrl() const;
    const ServerConfig &config() const { return m_config; }

    // For the desktop window. LinkService lives on this object's thread:
    // call it through queued invocations. LinkQueries is callable from any
    // thread with a context object of the caller's.
    LinkService *links() const { return m_links; }
    // API keys (the desktop settings); lives on this object's thread too.
    ApiKeyService *keys() const { return m_keys; }
    LinkQueries *queries() const { return m_queries.get(); }
    // Null unless the database is PostgreSQL (which other servers may share).
    ChangeListener *changeListener() const { return m_changes.get(); }
    // Null unless the database is a SQLite file (which other processes may
    // share: the desktop app and a headless server on one data folder).
    SqliteChangePoller *sqliteChanges() const { return m_sqliteChanges.get(); }
    // The events journal as it grows, from this server and every other on
    // the database (the window's notifications). Made and started on the
    // first call, on this object's thread: a headless server reads no
    // journal for nobody.
    JournalFollower *journal();
    // Webhook endpoints and their deliveries (the API, the desktop settings).
    WebhookDispatcher *webhooks() const { return m_webhooks.get(); }
    // Whether links open beyond this computer (issue 14): with
    // --port-mapping, what the router and the check through it said so far;
    // without, what the binding alone allows.
    ReachabilityVerdict reachability() const;

Q_SIGNALS:
    void stopped();
    // The verdict changed (a mapping made, lost or moved to a new address);
    // `baseUrl` is the prefix new links now carry.
    void reachabilityChanged(const shortfuse::ReachabilityVerdict &verdict, const QString &baseUrl);

private:
    void finishShutdown(qint64 deadlineMs);
    // The router's answer or its check changed: log the verdict, follow a public address.
    void onReachabilityChanged(const ReachabilityVerdict &verdict);
    Result<std::function<ClickDetails(const ClickFacts &)>> makeEnricher() const;

    ServerConfig m_config;
    SystemClock m_clock;
    std::unique_ptr<Metrics> m_metrics;       // before the writer, which reports to it
    ClientAddressResolver m_clientAddresses;
    std::unique_ptr<Pages> m_pages;
    std::unique_ptr<PreviewDetector> m_previews;
    std::unique_ptr<RateLimiter> m_createLimiter;
    std::unique_ptr<RateLimiter> m_statsLimiter;
    std::unique_ptr<RateLimiter> m_keyCreateLimiter;
    std::unique_ptr<AccessRules> m_access;    // once the port is known
    ApiKeyService *m_keys = nullptr;          // child QObject
    std::unique_ptr<ChangeListener> m_changes;
    std::unique_ptr<SqliteChangePoller> m_sqliteChanges;
    LinkService *m_links = nullptr;           // child QObject; the writer's reply context
    std::unique_ptr<ClickWriter> m_writer;
    std::unique_ptr<StoreReader> m_reader;    // statistics and the window's tables
    std::unique_ptr<StoreReader> m_lookups;   // links the cache does not know
    std::unique_ptr<LinkQueries> m_queries;   // the read questions, over m_reader
    JournalFollower *m_journal = nullptr;     // child QObject, over m_reader; made by journal()
    std::unique_ptr<WebhookDispatcher> m_webhooks; // its own thread and connection
    GuardedTcpServer *m_tcp = nullptr;        // child of m_http
    QHttpServer *m_http = nullptr;            // child
    GuardedTcpServer *m_metricsTcp = nullptr; // child of m_metricsHttp; only with --metrics-bind
    QHttpServer *m_metricsHttp = nullptr;     // child
    ReachabilityMonitor *m_reachability = nullptr; // child; only with --port-mapping
    ReachabilityVerdict m_unmapped;                // the verdict without --port-mapping
    std::unique_ptr<EventHub> m_events;          // the GET /api/events streams, over journal()
    std::unique_ptr<WebApplication> m_web;
    bool m_shuttingDown = false;
    bool m_stoppedEmitted = false;
    bool m_flushedEverything = true;
};

} // namespace shortfuse
