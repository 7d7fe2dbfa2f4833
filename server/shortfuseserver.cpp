#include "server/shortfuseserver.h"

#include "server/database.h"

#include "server/analytics/clickenricher.h"
#include "server/storage/clickwriter.h"
#include "server/http/guardedtcpserver.h"
#include "server/links/linkqueries.h"
#include "server/links/apikeyservice.h"
#include "server/links/journalfollower.h"
#include "server/http/eventstream.h"
#include "server/webhooks/webhookdispatcher.h"
#include "server/links/linkservice.h"
#include "server/http/accessrules.h"
#include "server/core/addressscope.h"
#include "server/core/metrics.h"
#include "server/http/pages.h"
#include "server/http/previewdetector.h"
#include "server/core/ratelimiter.h"
#include "server/storage/postgreslinkstore.h"
#include "server/reachability/reachabilitymonitor.h"
#include "server/storage/changelistener.h"
#include "server/storage/sqlitechangepoller.h"
#include "server/storage/sqlitelinkstore.h"
#include "server/storage/storereader.h"
#include "server/http/webapplication.h"

#include <QDir>
#include <QFileInfo>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QTemporaryFile>
#include <QTimer>

#include <sys/resource.h>

namespace shortfuse {

namespace {

constexpr qint64 kShutdownFlushMs = 3000;

// Binding beyond loopback never exposes /metrics (issue 14): it then
// answers this machine only, unless --metrics-bind gives it a listener.
WebApplication::PublicMetrics metricsOnPublicListener(const ServerConfig &config)
{
    if (config.metricsBind)
        return WebApplication::PublicMetrics::Nobody;
    return addressScope(config.bindAddress) == AddressScope::Loopback ? WebApplication::PublicMetrics::Everyone
                                                                       : WebApplication::PublicMetrics::LocalOnly;
}
// How long a shutdown waits for the database to take what is queued. When
// it is unreachable that long (PostgreSQL down), the server stops anyway
// rather than hang until a SIGKILL: the click log rows still queued are
// lost and logged as such; capped links never redirected without a commit.
constexpr int kShutdownDatabaseWaitMs = 10'000;

// As many connections as file descriptors allow, keeping some for the
// database and logs; raises the soft descriptor limit to the hard one.
int connectionCapFromFdLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1000;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    const rlim_t usable = limit.rlim_cur > 128 ? limit.rlim_cur - 64 : 64;
    return int(std::min<rlim_t>(usable, 16384));
}

QString httpUrl(const QHostAddress &address, quint16 port)
{
    QString host = address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

Status checkDataDir(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir())
        return Error{1, "data_dir", QStringLiteral("data directory %1 is not usable: it is a file").arg(path)};
    if (!QDir().mkpath(path))
        return Error{1, "data_dir", QStringLiteral("data directory %1 is not usable: cannot create it").arg(path)};
    QTemporaryFile probe(QDir(path).filePath(QStringLiteral(".write-test-XXXXXX")));
    if (!probe.open())
        return Error{1, "data_dir", QStringLiteral("data directory %1 is not usable: %2").arg(path, probe.errorString())};
    return {};
}

} // namespace

ShortfuseServer::ShortfuseServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clientAddresses(m_config.trustedProxies)
{
}

ShortfuseServer::~ShortfuseServer()
{
    // The writer goes first: it commits what is queued and posts its last
    // answers to m_links, which is destroyed (dropping them) right after.
    m_webhooks.reset(); // gives back the leases of deliveries in flight
    m_events.reset();   // its streams end before the follower feeding them goes
    delete m_journal; // its reads in flight answer into nothing once it is gone
    m_journal = nullptr;
    m_changes.reset();
    if (m_links)
        m_links->setCatchUp({}); // it calls the poller, which goes now
    m_sqliteChanges.reset();
    if (m_lookups)
        m_lookups->stop();
    if (m_reader)
        m_reader->stop();
    if (m_writer)
        m_writer->stop();
    m_lookups.reset();
    m_queries.reset();
    m_reader.reset();
    m_writer.reset();
    delete m_metricsHttp;
    m_metricsHttp = nullptr;
    delete m_http;
    m_http = nullptr;
    delete m_links;
    m_links = nullptr;
}

Status ShortfuseServer::start()
{
    if (Status dir = checkDataDir(m_config.dataDir); !dir)
        return dir;

    m_pages = std::make_unique<Pages>(QStringLiteral(SHORTFUSE_VERSION));
    m_createLimiter = std::make_unique<RateLimiter>(m_config.rateLimitPerMinute, m_clock);
    m_statsLimiter = std::make_unique<RateLimiter>(m_config.statsRateLimitPerMinute, m_clock);
    m_keyCreateLimiter = std::make_unique<RateLimiter>(m_config.keyRateLimitPerMinute, m_clock);
    m_links = new LinkService(m_clock, this);
    m_metrics = std::make_unique<Metrics>();
    m_links->setMetrics(m_metrics.get());

    Result<Database> database = databaseFor(m_config);
    if (!database)
        return database.error();
    std::unique_ptr<LinkStore> writeStore = database->makeStore();
    writeStore->setStoreFullAddresses(m_config.storeFullAddresses);
    Result<ClickWriter::Enricher> enricher = makeEnricher();
    if (!enricher)
        return enricher.error();
    m_writer = std::make_unique<ClickWriter>(std::move(writeStore), m_links, std::move(*enricher));
    m_writer->setBatchObserver([metrics = m_metrics.get()](size_t operations) { metrics->observeCommitBatch(operations); });
    // Events committed here: the webhook worker looks at once (thread-safe poke).
    m_writer->setJournalListener([this] {
        if (m_webhooks)
            m_webhooks->poke();
        if (m_journal)
            m_journal->poke(); // the live views and streams, without waiting for the next look
    });
    if (Status opened = m_writer->start(); !opened) {
        m_writer.reset();
        return Error{1, opened.error().reason, opened.error().message};
    }
    m_links->attachWriter(m_writer.get());
    m_links->writerStarted();
    m_reader = std::make_unique<StoreReader>(database->makeStore(), m_links);
    if (Status opened = m_reader->start(); !opened) {
        m_reader.reset();
        return Error{1, opened.error().reason, opened.error().message};
    }
    m_queries = std::make_unique<LinkQueries>(*m_reader);
    // Links the cache does not know are looked up on a reader of their own,
    // so a slow statistics read never delays a redirect.
    m_lookups = std::make_unique<StoreReader>(database->makeStore(), m_links);
    if (Status opened = m_lookups->start(); !opened) {
        m_lookups.reset();
        return Error{1, opened.error().reason, opened.error().message};
    }
    m_links->attachLookups(m_lookups.get());
    m_links->startPresence(); // other servers setting a cap wait for this one from now on
    m_keys = new ApiKeyService(m_clock, this);
    m_keys->attach(m_writer.get(), m_lookups.get());
    if (database->shared) {
        // Other servers' commits: revoked links leave the cache, live views follow.
        m_changes = std::make_unique<ChangeListener>(*database->shared, m_writer->sender());
        connect(m_changes.get(), &ChangeListener::changed, m_links, &LinkService::applyRemoteChanges);
        m_changes->start();
    } else {
        // The same for other processes on this SQLite file, if there are any.
        m_sqliteChanges = std::make_unique<SqliteChangePoller>(database->sqlitePath, m_writer->sender());
        connect(m_sqliteChanges.get(), &SqliteChangePoller::changed, m_links, &LinkService::applyRemoteChanges);
        m_links->setCatchUp([poller = m_sqliteChanges.get()] { poller->catchUp(); });
        m_sqliteChanges->start();
    }

    m_webhooks = std::make_unique<WebhookDispatcher>(
        database->makeStore(), m_clock,
        WebhookDispatcher::Config{m_config.allowPrivateWebhooks, m_config.webhookTimeoutSeconds * 1000});
    if (Status opened = m_webhooks->start(); !opened) {
        m_webhooks.reset();
        return Error{1, opened.error().reason, opened.error().message};
    }
    m_webhooks->setUnlimitedClicksListener(
        [writer = m_writer.get()](bool wanted) { writer->setJournalUnlimitedClicks(wanted); });
    // Events other servers committed (their clicks) reach our webhook worker too:
    // whichever server looks first delivers them.
    const auto pokeWebhooks = [this](const RemoteChanges &changes) {
        if (!changes.notice.clicked.isEmpty() || changes.notice.overflow)
            m_webhooks->poke();
    };
    if (m_changes)
        connect(m_changes.get(), &ChangeListener::changed, this, pokeWebhooks);
    if (m_sqliteChanges)
        connect(m_sqliteChanges.get(), &SqliteChangePoller::changed, this, pokeWebhooks);

    {
        // The server thread's own previewer check (the writer's is busy enriching).
        Result<std::unique_ptr<BotDetector>> bots = BotDetector::load(AnalyticsPaths::discover().crawlersJson);
        if (!bots)
            qWarning("preview protection recognises prefetch headers only: %s", qPrintable(bots.error().message));
        m_previews = std::make_unique<PreviewDetector>(bots ? std::move(*bots) : nullptr);
    }

    TransportLimits limits;
    limits.maxConnections = connectionCapFromFdLimit();
    limits.maxConnectionsPerAddress = m_config.connectionsPerAddress;
    limits.exemptPeers = m_config.trustedProxies;
    limits.idleTimeoutMs = m_config.idleTimeoutSeconds * 1000;
    auto *tcp = new GuardedTcpServer(limits);
    if (!tcp->listen(m_config.bindAddress, m_config.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error{1, "listen",
                     QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_config.bindAddress.toString())
                         .arg(m_config.port)
                         .arg(why)};
    }
    m_tcp = tcp;
    m_http = new QHttpServer(this);
    m_http->bind(m_tcp); // reparents m_tcp under m_http

    if (const std::optional<ListenAddress> &bind = m_config.metricsBind) {
        // The same transport limits: the metrics port is no softer a target.
        auto *metricsTcp = new GuardedTcpServer(limits);
        if (!metricsTcp->listen(bind->address, bind->port)) {
            const QString why = metricsTcp->errorString();
            delete metricsTcp;
            return Error{1, "listen",
                         QStringLiteral("--metrics-bind: cannot listen on %1: %2")
                             .arg(httpUrl(bind->address, bind->port).mid(7), why)};
        }
        m_metricsTcp = metricsTcp;
        m_metricsHttp = new QHttpServer(this);
        m_metricsHttp->bind(m_metricsTcp);
    }

    const QString baseUrl = m_config.effectiveBaseUrl(m_tcp->serverPort());
    m_access = std::make_unique<AccessRules>(AccessRules::Config{m_config.createAccess, m_config.publicStats, baseUrl,
                                                                 m_tcp->serverPort(), m_config.bindAddress});
    m_events = std::make_unique<EventHub>(*m_queries, m_clock, [this] { return journal(); });
    m_web = std::make_unique<WebApplication>(
        WebApplication::Dependencies{*m_links, *m_queries, *m_createLimiter, *m_statsLimiter, m_clientAddresses,
                                     *m_pages, m_clock, *m_previews, *m_metrics, *m_keys, *m_access,
                                     *m_keyCreateLimiter, *m_webhooks, *m_events},
        baseUrl, metricsOnPublicListener(m_config));
    // Every request comes through the missing handler: WebApplication routes
    // it itself, without QHttpServer's per-route regular expressions.
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        m_web->handle(request, std::move(responder));
    });
    if (m_metricsHttp) {
        m_metricsHttp->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            m_web->handleMetricsListener(request, std::move(responder));
        });
    }
    if (m_config.portMapping) {
        m_reachability = new ReachabilityMonitor(m_config.bindAddress, m_tcp->serverPort(), *m_config.portMapping,
                                                 m_config.externalPort, this);
        connect(m_reachability, &ReachabilityMonitor::verdictChanged, this, &ShortfuseServer::onReachabilityChanged);
        m_reachability->start(); // the router is asked on the mapper's thread: serving starts now
    } else {
        m_unmapped = reachabilityVerdict(machineFacts(m_config.bindAddress, m_tcp->serverPort()));
    }
    // Read when /metrics is asked for, on this thread.
    m_metrics->setSampler([this] {
        Metrics::Sample sample;
        sample.databaseWriteErrors = m_writer->counters().failedBatches.load(std::memory_order_relaxed);
        sample.databaseReadErrors = m_reader->failedReads() + m_lookups->failedReads();
        sample.pendingClickRecords = m_writer->pendingRecords();
        sample.unrecordedClicks = m_writer->unrecordedRecords();
        sample.cachedLinks = m_links->cachedLinks();
        sample.openConnections = m_tcp->openConnections();
        const WebhookDispatcher::Counters &hooks = m_webhooks->counters();
        sample.webhookDelivered = hooks.delivered.load(std::memory_order_relaxed);
        sample.webhookFailedAttempts = hooks.failedAttempts.load(std::memory_order_relaxed);
        sample.webhookPending = hooks.pending.load(std::memory_order_relaxed);
        sample.webhookOldestPendingAgeMs = hooks.oldestPendingAgeMs.load(std::memory_order_relaxed);
        sample.webhookDropped = hooks.dropped.load(std::memory_order_relaxed);
        sample.webhookAbandoned = hooks.abandoned.load(std::memory_order_relaxed);
        sample.webhookDisabledEndpoints = hooks.disabledEndpoints.load(std::memory_order_relaxed);
        return sample;
    });
    return {};
}

ReachabilityVerdict ShortfuseServer::reachability() const
{
    return m_reachability ? m_reachability->verdict() : m_unmapped;
}

void ShortfuseServer::onReachabilityChanged(const ReachabilityVerdict &verdict)
{
    // A public address that came or changed: new links carry it, unless
    // --base-url named the links' address.
    const QString local = m_config.effectiveBaseUrl(m_tcp->serverPort());
    m_web->setBaseUrl(effectiveBaseUrl(m_config.baseUrl, verdict, local));
    QString line = m_reachability->describe();
    if (verdict.suggestedBaseUrl && m_web->baseUrl() != *verdict.suggestedBaseUrl)
        line += QStringLiteral(" Links would open there at %1 (--base-url %1 makes them so).").arg(*verdict.suggestedBaseUrl);
    qInfo("%s", qUtf8Printable(line));
    Q_EMIT reachabilityChanged(verdict, m_web->baseUrl());
}

JournalFollower *ShortfuseServer::journal()
{
    if (!m_journal && m_reader) {
        m_journal = new JournalFollower(*m_reader, this);
        // Clicks committed here or heard of from elsewhere: the journal may have grown.
        connect(m_links, &LinkService::clicksChanged, m_journal, &JournalFollower::poke);
        // Links made, changed or revoked, here or elsewhere: their events too.
        connect(m_links, &LinkService::linkCreated, m_journal, &JournalFollower::poke);
        connect(m_links, &LinkService::linkChanged, m_journal, &JournalFollower::poke);
        connect(m_links, &LinkService::linkRevoked, m_journal, &JournalFollower::poke);
        m_journal->start();
    }
    return m_journal;
}

Result<ClickWriter::Enricher> ShortfuseServer::makeEnricher() const
{
    const AnalyticsPaths paths = AnalyticsPaths::discover(m_config.geoipDatabase);
    Result<std::unique_ptr<ClickEnricher>> created = ClickEnricher::create(paths);
    if (!created && paths.geoipExplicit)
        return Error{1, "geoip", created.error().message}; // asked for by name: say so, do not guess
    if (!created) {
        // Clicks are still counted and logged raw; only the details are missing.
        qWarning("click analytics disabled: %s", qPrintable(created.error().message));
        return ClickWriter::Enricher{};
    }
    // Shared so the std::function stays copyable; used by the writer thread only.
    std::shared_ptr<ClickEnricher> enricher = std::move(*created);
    return ClickWriter::Enricher(
        [enricher](const ClickFacts &facts) { return enricher->enrich(facts.userAgent, facts.client); });
}

quint16 ShortfuseServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QString ShortfuseServer::listeningUrl() const
{
    return httpUrl(m_config.bindAddress, port());
}

QString ShortfuseServer::metricsUrl() const
{
    return m_metricsTcp ? httpUrl(m_config.metricsBind->address, m_metricsTcp->serverPort()) : QString();
}

QString ShortfuseServer::baseUrl() const
{
    return m_web ? m_web->baseUrl() : m_config.effectiveBaseUrl(port());
}

void ShortfuseServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (!m_writer || !m_tcp || !m_web) {
        // start() failed part way: nothing was served, only the writer may run.
        if (m_writer)
            m_writer->stop();
        Q_EMIT stopped();
        return;
    }
    m_tcp->close();         // no new connections
    if (m_reachability)
        m_reachability->stop(); // the router forgets the way in (a few seconds at most)
    if (m_metricsTcp)
        m_metricsTcp->close();
    m_web->startDraining(); // no new claims on the open ones
    const qint64 deadline = m_clock.steadyMs() + kShutdownFlushMs;
    // A visit still being looked up may yet claim: its claim must reach the
    // writer's queue before the flush, so that the flush answers it too
    // (never a click used up whose redirect the exit cut off).
    // Leaving once the lookups have answered (their click records are
    // queued by then, and nothing is answered from now on): the leave
    // commits behind every record, so a server setting a cap may stop
    // waiting for this one from then on.
    m_lookups->flush([this, deadline] {
        m_links->leave();
        m_writer->flush([this, deadline] { finishShutdown(deadline); });
    });
    QTimer::singleShot(kShutdownDatabaseWaitMs, this, [this] {
        if (m_stoppedEmitted)
            return;
        qCritical("stopping without committing what is queued: the database did not answer for %d s",
                  kShutdownDatabaseWaitMs / 1000);
        m_flushedEverything = false;
        m_stoppedEmitted = true;
        Q_EMIT stopped();
    });
}

void ShortfuseServer::finishShutdown(qint64 deadlineMs)
{
    // Every answer that waited for a commit has been written to its socket;
    // give the kernel the bytes before the process goes.
    if (m_stoppedEmitted)
        return;
    if (m_tcp->flushAll() || m_clock.steadyMs() >= deadlineMs) {
        m_stoppedEmitted = true;
        Q_EMIT stopped();
        return;
    }
    QTimer::singleShot(10, this, [this, deadlineMs] { finishShutdown(deadlineMs); });
}

} // namespace shortfuse
