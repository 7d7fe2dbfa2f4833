#include "server/storage/sqlitelinkstore.h"

#include "server/core/clientaddress.h"
#include "server/core/clock.h"
#include "server/core/statsrules.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcStore, "shortfuse.store")

namespace shortfuse {

namespace {

// Each schema version is applied once, in order, inside one transaction.
// Append new versions; never edit an applied one. {{id}} and {{bigint}}
// are the backend's words for an auto-increment key and a 64-bit integer.
const char *const kMigrations[] = {
    // 1: links and the click log.
    "CREATE TABLE links ("
    "  id {{id}},"
    "  slug TEXT NOT NULL UNIQUE,"
    "  url TEXT NOT NULL,"
    "  max_clicks INTEGER,"
    "  clicks {{bigint}} NOT NULL DEFAULT 0,"
    "  created_at {{bigint}} NOT NULL,"
    "  revoked INTEGER NOT NULL DEFAULT 0,"
    "  CHECK (clicks >= 0),"
    // The cap, enforced by the database too: no bug upstream can overrun it.
    "  CHECK (max_clicks IS NULL OR (max_clicks >= 1 AND clicks <= max_clicks))"
    ");"
    "CREATE TABLE clicks ("
    "  id {{id}},"
    "  link_id {{bigint}} NOT NULL REFERENCES links(id),"
    "  at {{bigint}} NOT NULL,"
    "  outcome INTEGER NOT NULL,"
    "  client_address TEXT,"
    "  user_agent TEXT,"
    "  referrer TEXT"
    ");"
    "CREATE INDEX clicks_by_link ON clicks(link_id, at);",
    // 2: what enrichment learns about each click; the log is read per link
    // newest first, which an index on link_id (rowid appended) serves.
    "ALTER TABLE clicks ADD COLUMN country TEXT;"
    "ALTER TABLE clicks ADD COLUMN browser TEXT;"
    "ALTER TABLE clicks ADD COLUMN browser_version TEXT;"
    "ALTER TABLE clicks ADD COLUMN os TEXT;"
    "ALTER TABLE clicks ADD COLUMN device TEXT;"
    "ALTER TABLE clicks ADD COLUMN bot INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE clicks ADD COLUMN bot_name TEXT;"
    "ALTER TABLE clicks ADD COLUMN referrer_host TEXT;"
    "DROP INDEX clicks_by_link;"
    "CREATE INDEX clicks_by_link ON clicks(link_id);",
    // 3: the desktop's links table pages newest first; the status bar counts today's clicks.
    "CREATE INDEX links_by_created ON links(created_at);"
    "CREATE INDEX clicks_by_time ON clicks(at);",
    // 4: links that survive the real internet: preview protection (0 off,
    // 1 auto, 2 confirm), passwords (Argon2id), expiry, a fallback URL; the
    // confirmation tokens already used; the secret that signs them.
    "ALTER TABLE links ADD COLUMN preview_protection INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE links ADD COLUMN password_hash TEXT;"
    "ALTER TABLE links ADD COLUMN expires_at {{bigint}};"
    "ALTER TABLE links ADD COLUMN expired_url TEXT;"
    "CREATE TABLE used_tokens (nonce TEXT PRIMARY KEY, expires_at {{bigint}} NOT NULL);"
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 5: the creation rate limit shared by every server on the database:
    // creations per client (hex of its address or IPv6 /64) per minute.
    "CREATE TABLE creation_quota ("
    "  client_key TEXT NOT NULL,"
    "  window_start {{bigint}} NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  PRIMARY KEY (client_key, window_start)"
    ");",
    // 6: what a process on a shared SQLite file tells the others there (the
    // desktop app and a headless server, say): one ChangeNotice payload per
    // committed batch, read past the last id seen (SqliteChangePoller).
    // PostgreSQL servers NOTIFY each other instead; there it stays empty.
    "CREATE TABLE change_notices ("
    "  id {{id}},"
    "  at {{bigint}} NOT NULL,"
    "  payload TEXT NOT NULL"
    ");",
    // 7: each writer's last committed batch of click records, moved on in
    // the batch's own transaction: after a COMMIT whose reply was lost the
    // writer learns here whether the batch is in, instead of writing its
    // click rows and counts a second time.
    "CREATE TABLE writer_progress ("
    "  writer TEXT PRIMARY KEY,"
    "  batch {{bigint}} NOT NULL,"
    "  previous {{bigint}} NOT NULL,"
    "  at {{bigint}} NOT NULL"
    ");",
    // 8: owner access (issue 12). API keys, stored only as the SHA-256 of
    // the key (a name is unique among keys not revoked; revoked ones stay,
    // for the links they made); each link's owner key, label, statistics
    // token (existing links get one here) and last redirect (the window and
    // the API sort by it; set by the claim itself, so it costs no query).
    "CREATE TABLE api_keys ("
    "  id {{id}},"
    "  name TEXT NOT NULL,"
    "  key_hash TEXT NOT NULL UNIQUE,"
    "  prefix TEXT NOT NULL,"
    "  admin INTEGER NOT NULL DEFAULT 0,"
    "  created_at {{bigint}} NOT NULL,"
    "  last_used_at {{bigint}},"
    "  revoked_at {{bigint}}"
    ");"
    "CREATE UNIQUE INDEX api_keys_active_name ON api_keys(name) WHERE revoked_at IS NULL;"
    "ALTER TABLE links ADD COLUMN owner_key_id {{bigint}} REFERENCES api_keys(id);"
    "ALTER TABLE links ADD COLUMN label TEXT;"
    "ALTER TABLE links ADD COLUMN stats_token TEXT;"
    "ALTER TABLE links ADD COLUMN last_click_at {{bigint}};"
    "UPDATE links SET stats_token = {{random_token}};"
    "UPDATE links SET last_click_at = (SELECT MAX(at) FROM clicks WHERE clicks.link_id = links.id AND clicks.outcome = 1);"
    "CREATE INDEX links_by_owner ON links(owner_key_id, created_at);",
    // 9: know the moment a link is opened (issue 13). The events journal:
    // one row per event, written in the transaction of the click that
    // produced it, ids in commit order (see LinkWrites::journal); the
    // link's slug, label and host are read from links when it is read.
    // Webhook endpoints, their outbox (one row per event still to deliver
    // to an endpoint, with its retry schedule and the lease of the server
    // sending it), the attempts made, and the journal position up to which
    // events were put into the outbox.
    "CREATE TABLE events ("
    "  id {{id}},"
    "  at {{bigint}} NOT NULL,"
    "  type INTEGER NOT NULL,"
    "  link_id {{bigint}} NOT NULL,"
    "  clicks {{bigint}},"
    "  max_clicks INTEGER,"
    "  unlimited INTEGER NOT NULL DEFAULT 0,"
    "  country TEXT,"
    "  browser TEXT,"
    "  os TEXT,"
    "  device TEXT,"
    "  bot INTEGER NOT NULL DEFAULT 0,"
    "  bot_name TEXT"
    ");"
    "CREATE INDEX events_by_link ON events(link_id);"
    "CREATE TABLE webhooks ("
    "  id {{id}},"
    "  url TEXT NOT NULL,"
    "  events TEXT NOT NULL,"
    "  slugs TEXT,"
    "  label TEXT,"
    "  format TEXT NOT NULL,"
    "  secret TEXT NOT NULL,"
    "  owner_key_id {{bigint}} REFERENCES api_keys(id),"
    "  created_at {{bigint}} NOT NULL,"
    "  failing_since {{bigint}},"
    "  disabled_at {{bigint}},"
    "  delivered {{bigint}} NOT NULL DEFAULT 0,"
    "  dropped {{bigint}} NOT NULL DEFAULT 0,"
    "  abandoned {{bigint}} NOT NULL DEFAULT 0,"
    "  last_attempt_at {{bigint}},"
    "  last_result TEXT"
    ");"
    "CREATE TABLE webhook_outbox ("
    "  id {{id}},"
    "  webhook_id {{bigint}} NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,"
    "  event_id {{bigint}} NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at {{bigint}} NOT NULL,"
    "  lease_until {{bigint}},"
    "  created_at {{bigint}} NOT NULL"
    ");"
    "CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at);"
    "CREATE INDEX webhook_outbox_by_hook ON webhook_outbox(webhook_id, id);"
    "CREATE TABLE webhook_attempts ("
    "  id {{id}},"
    "  webhook_id {{bigint}} NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,"
    "  event_id {{bigint}} NOT NULL,"
    "  at {{bigint}} NOT NULL,"
    "  status INTEGER,"
    "  error TEXT,"
    "  elapsed_ms INTEGER"
    ");"
    "CREATE INDEX webhook_attempts_by_hook ON webhook_attempts(webhook_id, id);"
    "CREATE TABLE journal_cursors (name TEXT PRIMARY KEY, last_id {{bigint}} NOT NULL);"
    "INSERT INTO journal_cursors(name, last_id) VALUES ('webhooks', 0);",
    // 10: cheaper events (issue 13's benchmark). A claim that uses a link up
    // writes one journal row holding both its events (LinkEventType), and
    // each webhook endpoint reads the journal from a position of its own:
    // its outbox holds only a window of its events (WebhookStore::refill),
    // so a black-holed endpoint costs no write per event. What waits in
    // the journal for an endpoint (and since when) is kept beside its
    // position. Ids in the outbox and the attempts become event ids
    // (linkEventId); a schema-9 click row written just before its used-up
    // row is folded into that row. The shared cursor goes.
    "ALTER TABLE webhooks ADD COLUMN journal_position {{bigint}} NOT NULL DEFAULT 0;"
    "ALTER TABLE webhooks ADD COLUMN journal_waiting {{bigint}} NOT NULL DEFAULT 0;"
    "ALTER TABLE webhooks ADD COLUMN waiting_since {{bigint}};"
    "UPDATE webhooks SET journal_position = (SELECT last_id FROM journal_cursors WHERE name = 'webhooks') * 4 + 3;"
    "UPDATE webhook_outbox SET event_id = COALESCE("
    "  (SELECT u.id * 4 FROM events c JOIN events u ON u.id = c.id + 1 AND u.type = 2 AND u.link_id = c.link_id "
    "   WHERE c.id = webhook_outbox.event_id AND c.type = 1),"
    "  (SELECT e.id * 4 + e.type - 1 FROM events e WHERE e.id = webhook_outbox.event_id),"
    "  webhook_outbox.event_id * 4);"
    "UPDATE webhook_attempts SET event_id = COALESCE("
    "  (SELECT u.id * 4 FROM events c JOIN events u ON u.id = c.id + 1 AND u.type = 2 AND u.link_id = c.link_id "
    "   WHERE c.id = webhook_attempts.event_id AND c.type = 1),"
    "  (SELECT e.id * 4 + e.type - 1 FROM events e WHERE e.id = webhook_attempts.event_id),"
    "  webhook_attempts.event_id * 4);"
    "DELETE FROM events WHERE type = 1 AND EXISTS (SELECT 1 FROM events u WHERE u.id = events.id + 1 AND u.type = 2 "
    "AND u.link_id = events.link_id);"
    "DROP TABLE journal_cursors;",
    // 11: a cap set on an unlimited link while several servers answer it
    // from their caches (LinkService::update, the counting handshake). A
    // link's `counting` is nonzero (a handshake's number) while every click
    // of it must be claimed in the database, none answered from a cache;
    // `servers` holds each running server's heartbeat (its writer's
    // sender id); `counting_acks` says a server has stopped answering a
    // counting link from its cache and committed every click it answered
    // before (for the handshake `epoch`).
    "ALTER TABLE links ADD COLUMN counting {{bigint}} NOT NULL DEFAULT 0;"
    "CREATE INDEX links_counting ON links(counting) WHERE counting <> 0;"
    "CREATE TABLE servers (sender TEXT PRIMARY KEY, seen_at {{bigint}} NOT NULL);"
    "CREATE TABLE counting_acks ("
    "  link_id {{bigint}} NOT NULL,"
    "  sender TEXT NOT NULL,"
    "  epoch {{bigint}} NOT NULL,"
    "  at {{bigint}} NOT NULL,"
    "  PRIMARY KEY (link_id, sender)"
    ");",
    // 12: the journal loses its index by link: it cost every claim a
    // second b-tree insert, for the one statement that used it, a purge
    // deleting the link's events, which now reads the journal (a week of
    // events at most) instead. A purge is rare; claims are not.
    "DROP INDEX events_by_link;",
    // 13: an id the journal or the webhook outbox gave is never given
    // again. Endpoints and live streams keep their place in the journal as
    // an event id, and a delivery deletes its outbox row by id: an id
    // given twice is an event skipped, or a delivery deleting another's
    // row. PostgreSQL's identity columns never reuse a value. SQLite's
    // INTEGER PRIMARY KEY gives the largest id plus one, so deleting the
    // newest row (a purged link's events, the weekly prune) let the next
    // row take its id: SQLite rebuilds both tables with AUTOINCREMENT
    // (SqliteLinkStore::backendMigration). Nothing is shared.
    "",
};

constexpr qint64 kProgressKeepMs = 7LL * 24 * 60 * 60 * 1000;
constexpr qint64 kServersKeepMs = 24LL * 60 * 60 * 1000;
constexpr qint64 kJournalKeepMs = 7LL * 24 * 60 * 60 * 1000;
// Nothing the live stream may still replay is forgotten, with or without webhooks.
static_assert(kJournalKeepMs >= kLiveResumeWindowMs);
constexpr int kEventsPrunedPerPurge = 10'000;
constexpr int kBreakdownLimit = 50;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("shortfuse-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

// "%" and "_" in a filter are literal text, not wildcards.
QString likePattern(const QString &filter)
{
    QString escaped = filter;
    escaped.replace(u'\\', QLatin1String("\\\\")).replace(u'%', QLatin1String("\\%")).replace(u'_', QLatin1String("\\_"));
    return u'%' + escaped + u'%';
}

// Every query that returns a link returns these columns, in this order.
#define LINK_COLUMNS \
    "id, url, max_clicks, clicks, created_at, revoked, preview_protection, password_hash, expires_at, expired_url, slug, " \
    "counting, label, owner_key_id, stats_token, last_click_at"
// What a claim hands back: only what the visit and the cache use (the
// first twelve of LINK_COLUMNS), so the click path reads no label or token.
#define CLAIM_COLUMNS \
    "id, url, max_clicks, clicks, created_at, revoked, preview_protection, password_hash, expires_at, expired_url, slug, " \
    "counting"
const char *const kLinkColumns = LINK_COLUMNS;

// `full`: the row has every column of LINK_COLUMNS, not only CLAIM_COLUMNS.
Link linkFromRow(const QSqlQuery &q, bool full = true)
{
    Link link;
    link.id = q.value(0).toLongLong();
    link.url = q.value(1).toString();
    if (!q.value(2).isNull())
        link.maxClicks = q.value(2).toInt();
    link.clicks = q.value(3).toLongLong();
    link.createdAtMs = q.value(4).toLongLong();
    link.revoked = q.value(5).toInt() != 0;
    link.previewProtection = PreviewProtection(std::clamp(q.value(6).toInt(), 0, 2));
    link.passwordHash = q.value(7).toString();
    if (!q.value(8).isNull())
        link.expiresAtMs = q.value(8).toLongLong();
    link.expiredUrl = q.value(9).toString();
    link.slug = q.value(10).toString();
    link.counting = q.value(11).toLongLong();
    if (!full)
        return link;
    link.label = q.value(12).toString();
    if (!q.value(13).isNull())
        link.ownerKeyId = q.value(13).toLongLong();
    link.statsToken = q.value(14).toString();
    if (!q.value(15).isNull())
        link.lastClickAtMs = q.value(15).toLongLong();
    return link;
}

} // namespace

SqlLinkStore::SqlLinkStore(QString description)
    : m_description(std::move(description))
    , m_connectionName(nextConnectionName())
{
}

SqlLinkStore::~SqlLinkStore()
{
    closeConnection();
}

QString SqlLinkStore::ddl(QString sql) const
{
    return sql.replace(QLatin1String("{{id}}"), autoIdType())
        .replace(QLatin1String("{{bigint}}"), bigIntType())
        .replace(QLatin1String("{{random_token}}"), randomTokenExpression());
}

Error SqlLinkStore::storageError(const QSqlQuery &query, const char *what) const
{
    return Error{503, "storage_error",
                 QStringLiteral("Database error while %1: %2")
                     .arg(QLatin1String(what), query.lastError().text())};
}

Error SqlLinkStore::notConnected() const
{
    return Error{503, "storage_unavailable", QStringLiteral("Not connected to database %1").arg(m_description)};
}

Status SqlLinkStore::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return storageError(q, "running a statement");
    return {};
}

Status SqlLinkStore::open()
{
    m_db = QSqlDatabase::addDatabase(driverName(), m_connectionName);
    configure(m_db);
    if (!m_db.open()) {
        return Error{500, "storage_unavailable",
                     QStringLiteral("cannot open database %1: %2").arg(m_description, m_db.lastError().text())};
    }
    if (Status ready = afterConnect(); !ready) {
        return Error{500, "storage_unavailable",
                     QStringLiteral("cannot use database %1: %2").arg(m_description, ready.error().message)};
    }
    if (Status migrated = migrate(); !migrated)
        return migrated;
    return prepareStatements();
}

Status SqlLinkStore::recover()
{
    // A lost connection (the database server restarted) keeps failing
    // until it is opened again; prepared statements die with it.
    closeConnection();
    m_db = QSqlDatabase::addDatabase(driverName(), m_connectionName);
    configure(m_db);
    if (!m_db.open())
        return Error{503, "storage_unavailable", m_db.lastError().text()};
    if (Status ready = afterConnect(); !ready)
        return ready;
    return prepareStatements();
}

void SqlLinkStore::close()
{
    closeConnection();
}

void SqlLinkStore::closeConnection()
{
    releaseBackendStatements();
    m_insertLink.reset();
    m_claim.reset();
    m_findLink.reset();
    m_addClicks.reset();
    m_useToken.reset();
    m_advanceProgress.reset();
    m_insertClickRows.clear();
    m_pendingClicks.clear();
    m_insertEvent.reset();
    m_pendingEvents.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

int SqlLinkStore::schemaVersion()
{
    return int(std::size(kMigrations));
}

Status SqlLinkStore::migrate()
{
    // The backend's exclusive lock comes first, so servers starting on one
    // database at once migrate one after the other, never both.
    if (Status s = exec(beginWriteStatement()); !s)
        return s;
    auto fail = [this](Status s) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return Error{500, "migration_failed",
                     QStringLiteral("cannot migrate %1: %2").arg(m_description, s.error().message)};
    };
    if (const QString lock = migrationLockStatement(); !lock.isEmpty()) {
        if (Status s = exec(lock); !s)
            return fail(s);
    }
    if (Status s = exec(ddl(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                           " version INTEGER PRIMARY KEY, applied_at {{bigint}} NOT NULL)")));
        !s)
        return fail(s);

    QSqlQuery current(m_db);
    if (!current.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !current.next())
        return fail(storageError(current, "reading the schema version"));
    const int version = current.value(0).toInt();
    current.finish();

    const int latest = schemaVersion();
    if (version > latest) {
        (void)exec(QStringLiteral("ROLLBACK"));
        return Error{500, "schema_too_new",
                     QStringLiteral("database %1 has schema version %2, newer than this Shortfuse understands (%3)")
                         .arg(m_description)
                         .arg(version)
                         .arg(latest)};
    }
    // An existing database being upgraded can take a while (indexes over
    // the whole click log): the operator learns why the start is slow, and
    // that stopping it now is safe (one transaction: all or nothing).
    QElapsedTimer took;
    took.start();
    if (version > 0 && version < latest) {
        qCInfo(lcStore, "migrating database %s from schema version %d to %d (one transaction: safe to interrupt)",
               qUtf8Printable(m_description), version, latest);
    }
    for (int v = version + 1; v <= latest; ++v) {
        const QString sql = ddl(QString::fromLatin1(kMigrations[v - 1])) + backendMigration(v);
        const QStringList statements = sql.split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (Status s = exec(statement); !s)
                return fail(s);
        }
        QSqlQuery mark(m_db);
        mark.prepare(QStringLiteral("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)"));
        mark.addBindValue(v);
        mark.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!mark.exec())
            return fail(storageError(mark, "recording the schema version"));
    }
    if (Status s = exec(QStringLiteral("COMMIT")); !s)
        return fail(s);
    if (version > 0 && version < latest)
        qCInfo(lcStore, "migrated database %s to schema version %d in %lld ms", qUtf8Printable(m_description), latest,
               static_cast<long long>(took.elapsed()));
    return {};
}

const char *SqlLinkStore::claimSql()
{
    // The whole rule in one conditional write: the cap, revocation,
    // expiry, and the gates (password, confirmation, auto preview
    // protection) that only a cleared request may pass.
    return "UPDATE links SET clicks = clicks + 1, last_click_at = :now "
           "WHERE slug = :slug AND revoked = 0 AND (max_clicks IS NULL OR clicks < max_clicks) "
           "AND (expires_at IS NULL OR expires_at > :now) "
           "AND (:cleared = 1 OR (password_hash IS NULL AND preview_protection <> 2 "
           "AND (preview_protection <> 1 OR :preview = 0))) "
           "RETURNING " CLAIM_COLUMNS;
}

Status SqlLinkStore::prepareStatements()
{
    auto prepare = [this](std::unique_ptr<QSqlQuery> &query, const char *sql) -> Status {
        query = std::make_unique<QSqlQuery>(m_db);
        if (!query->prepare(QString::fromLatin1(sql)))
            return storageError(*query, "preparing a statement");
        return {};
    };
    const std::pair<std::unique_ptr<QSqlQuery> *, const char *> statements[] = {
        {&m_insertLink,
         "INSERT INTO links(slug, url, max_clicks, clicks, created_at, preview_protection, password_hash, expires_at, "
         "expired_url, label, owner_key_id, stats_token) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT(slug) DO NOTHING RETURNING id"},
        {&m_claim, claimSql()},
        {&m_findLink, "SELECT " LINK_COLUMNS " FROM links WHERE slug = ?"},
        {&m_useToken, "INSERT INTO used_tokens(nonce, expires_at) VALUES (?, ?) ON CONFLICT(nonce) DO NOTHING RETURNING nonce"},
        // Redirects of a link that was unlimited when they were answered.
        // Had it been capped since (PATCH), they count towards the cap, but
        // never past it: the database's CHECK holds, and the link ends.
        {&m_addClicks,
         "UPDATE links SET clicks = CASE WHEN max_clicks IS NULL OR clicks + ? <= max_clicks THEN clicks + ? "
         "ELSE max_clicks END, last_click_at = CASE WHEN last_click_at IS NULL OR last_click_at < ? THEN ? "
         "ELSE last_click_at END WHERE id = ?"},
        // In SET every right-hand side reads the row as it was: `previous`
        // gets the old mark, and RETURNING hands it back.
        {&m_advanceProgress,
         "INSERT INTO writer_progress(writer, batch, previous, at) VALUES (?, ?, 0, ?) "
         "ON CONFLICT(writer) DO UPDATE SET previous = writer_progress.batch, batch = excluded.batch, "
         "at = excluded.at RETURNING previous"},

    };
    for (const auto &[query, sql] : statements) {
        if (Status s = prepare(*query, sql); !s)
            return s;
    }
    return prepareBackendStatements();
}

Status SqlLinkStore::beginBatch()
{
    return exec(beginWriteStatement());
}

Status SqlLinkStore::commitBatch()
{
    if (Status written = writePendingClicks(); !written)
        return written;
    if (Status written = writePendingEvents(); !written)
        return written;
    return exec(QStringLiteral("COMMIT"));
}

void SqlLinkStore::rollbackBatch()
{
    m_pendingClicks.clear();
    m_pendingEvents.clear();
    (void)exec(QStringLiteral("ROLLBACK"));
}

Status SqlLinkStore::writePendingClicks()
{
    // On an error the batch is rolled back, which drops the rows too; the
    // vector keeps its capacity from batch to batch.
    const std::vector<ClickRow> &pending = m_pendingClicks;
    for (size_t first = 0; first < pending.size(); first += kClickRowsPerInsert) {
        const int rows = int(std::min<size_t>(kClickRowsPerInsert, pending.size() - first));
        std::unique_ptr<QSqlQuery> &q = m_insertClickRows[rows];
        if (!q) {
            QString sql = QStringLiteral(
                "INSERT INTO clicks(link_id, at, outcome, client_address, user_agent, referrer, referrer_host, "
                "country, browser, browser_version, os, device, bot, bot_name) VALUES ");
            const QString row = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < rows; ++i)
                sql += (i ? QStringLiteral(", ") : QString()) + row;
            q = std::make_unique<QSqlQuery>(m_db);
            if (!q->prepare(sql)) {
                const Error error = storageError(*q, "preparing the click log insert");
                q.reset();
                return error;
            }
        }
        int column = 0;
        for (int i = 0; i < rows; ++i)
            for (const QVariant &value : pending[first + size_t(i)])
                q->bindValue(column++, value);
        if (!q->exec())
            return storageError(*q, "recording clicks");
        q->finish();
    }
    m_pendingClicks.clear();
    return {};
}

Status SqlLinkStore::journal(const LinkEvent &event)
{
    m_pendingEvents.push_back(event);
    return {};
}

Status SqlLinkStore::writePendingEvents()
{
    if (m_pendingEvents.empty())
        return {};
    // Last in the batch and held through its commit: ids then follow
    // commit order across every writer on the database.
    if (const QString lock = journalLockStatement(); !lock.isEmpty()) {
        if (Status locked = exec(lock); !locked)
            return locked;
    }
    static const QVariant nullText(QMetaType::fromType<QString>());
    auto text = [](const QString &value) { return value.isEmpty() ? nullText : QVariant(value); };
    if (!m_insertEvent) {
        m_insertEvent = std::make_unique<QSqlQuery>(m_db);
        if (!m_insertEvent->prepare(QStringLiteral(
                "INSERT INTO events(at, type, link_id, clicks, max_clicks, unlimited, country, browser, os, device, "
                "bot, bot_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            const Error error = storageError(*m_insertEvent, "preparing the journal insert");
            m_insertEvent.reset();
            return error;
        }
    }
    QSqlQuery &q = *m_insertEvent;
    for (const LinkEvent &event : m_pendingEvents) {
        q.bindValue(0, event.atMs);
        q.bindValue(1, int(event.type));
        q.bindValue(2, event.linkId);
        q.bindValue(3, event.clicksKnown ? QVariant(event.clicks) : QVariant(QMetaType::fromType<qlonglong>()));
        q.bindValue(4, event.maxClicks ? QVariant(*event.maxClicks) : QVariant(QMetaType::fromType<qlonglong>()));
        q.bindValue(5, event.unlimitedClick ? 1 : 0);
        q.bindValue(6, text(event.country));
        q.bindValue(7, text(event.browser));
        q.bindValue(8, text(event.os));
        q.bindValue(9, text(event.device));
        q.bindValue(10, event.bot ? 1 : 0);
        q.bindValue(11, text(event.botName));
        if (!q.exec())
            return storageError(q, "writing the events journal");
    }
    q.finish();
    m_pendingEvents.clear();
    return {};
}

Result<qint64> SqlLinkStore::lastEventId()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, type FROM events ORDER BY id DESC LIMIT 1")))
        return storageError(q, "reading the events journal");
    if (!q.next())
        return qint64(0);
    return linkEventId(q.value(0).toLongLong(), LinkEventType(q.value(1).toInt()));
}

void SqlLinkStore::journalLinkWrite(LinkEventType type, const Link &link, qint64 atMs)
{
    LinkEvent event;
    event.type = type;
    event.atMs = atMs;
    event.linkId = link.id;
    event.clicks = link.clicks;
    event.maxClicks = link.maxClicks;
    m_pendingEvents.push_back(std::move(event));
}

Result<bool> SqlLinkStore::journalResumable(qint64 eventId, qint64 sinceMs)
{
    if (eventId < 0)
        return false;
    const Result<qint64> last = lastEventId();
    if (!last)
        return last.error();
    if (eventId > *last)
        return false; // an id this database never gave (or a journal begun anew)
    QSqlQuery q(m_db);
    // The row the id is in, or the last one before it: the journal forgets
    // its oldest rows first, so when that row is still there every row
    // after it is too (but those of links purged since, which nobody may see).
    q.prepare(QStringLiteral("SELECT at FROM events WHERE id <= ? ORDER BY id DESC LIMIT 1"));
    q.addBindValue(journalRowOf(eventId));
    if (!q.exec())
        return storageError(q, "reading the events journal");
    if (q.next())
        return q.value(0).toLongLong() >= sinceMs;
    q.finish();
    // Nothing at or before it: fine only while the journal holds no row at
    // all, i.e. the reader saw an empty journal and nothing came since.
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) || !q.next())
        return storageError(q, "reading the events journal");
    return q.value(0).toLongLong() == 0;
}

namespace {
// The journal's columns with the link's, as readEvents() reads them.
const char *const kEventColumns =
    "e.id, e.at, e.type, e.link_id, COALESCE(e.clicks, l.clicks), e.max_clicks, e.unlimited, e.country, e.browser, "
    "e.os, e.device, e.bot, e.bot_name, l.slug, l.label, l.url, l.owner_key_id";

// Appends the events of one journal row, read into `event`: one, or two
// for a used-up claim's row (its click, then the link's end; see
// LinkEventType), each with its id (linkEventId); only those `keep` takes.
template <typename Keep>
void appendRowEvents(QList<LinkEvent> &events, LinkEvent event, qint64 row, Keep keep)
{
    if (event.type == LinkEventType::UsedUp) {
        LinkEvent click = event;
        click.type = LinkEventType::Clicked;
        click.id = linkEventId(row, click.type);
        if (keep(click.id))
            events.append(std::move(click));
    }
    event.id = linkEventId(row, event.type);
    if (keep(event.id))
        events.append(std::move(event));
}

// The events of the rows `q` reads (appendRowEvents).
template <typename Keep>
QList<LinkEvent> readEvents(QSqlQuery &q, Keep keep)
{
    QList<LinkEvent> events;
    while (q.next()) {
        LinkEvent event;
        const qint64 row = q.value(0).toLongLong();
        event.atMs = q.value(1).toLongLong();
        event.type = LinkEventType(q.value(2).toInt());
        event.linkId = q.value(3).toLongLong();
        event.clicks = q.value(4).toLongLong();
        if (!q.value(5).isNull())
            event.maxClicks = q.value(5).toLongLong();
        event.unlimitedClick = q.value(6).toInt() != 0;
        event.country = q.value(7).toString();
        event.browser = q.value(8).toString();
        event.os = q.value(9).toString();
        event.device = q.value(10).toString();
        event.bot = q.value(11).toInt() != 0;
        event.botName = q.value(12).toString();
        event.slug = q.value(13).toString();
        event.label = q.value(14).toString();
        event.destinationHost = QUrl(q.value(15).toString()).host();
        if (!q.value(16).isNull())
            event.ownerKeyId = q.value(16).toLongLong();
        appendRowEvents(events, std::move(event), row, keep);
    }
    return events;
}
} // namespace

Result<QList<LinkEvent>> SqlLinkStore::eventsAfter(qint64 afterId, int limit)
{
    QSqlQuery q(m_db);
    // From the row `afterId` is in: its second event may be still to come.
    q.prepare(QStringLiteral("SELECT %1 FROM events e JOIN links l ON l.id = e.link_id WHERE e.id >= ? ORDER BY e.id LIMIT ?")
                  .arg(QLatin1String(kEventColumns)));
    q.addBindValue(journalRowOf(afterId));
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(q, "reading the events journal");
    return readEvents(q, [afterId](qint64 id) { return id > afterId; });
}

Result<QList<LinkEvent>> SqlLinkStore::eventKeysAfter(qint64 afterId, int limit, bool withLink)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(withLink ? QStringLiteral("SELECT e.id, e.at, e.type, e.link_id, e.unlimited, l.slug, l.label, l.owner_key_id "
                                        "FROM events e JOIN links l ON l.id = e.link_id WHERE e.id >= ? ORDER BY e.id LIMIT ?")
                       : QStringLiteral("SELECT e.id, e.at, e.type, e.link_id, e.unlimited FROM events e "
                                        "WHERE e.id >= ? ORDER BY e.id LIMIT ?"));
    q.addBindValue(journalRowOf(afterId));
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(q, "reading the events journal");
    QList<LinkEvent> events;
    while (q.next()) {
        LinkEvent event;
        const qint64 row = q.value(0).toLongLong();
        event.atMs = q.value(1).toLongLong();
        event.type = LinkEventType(q.value(2).toInt());
        event.linkId = q.value(3).toLongLong();
        event.unlimitedClick = q.value(4).toInt() != 0;
        if (withLink) {
            event.slug = q.value(5).toString();
            event.label = q.value(6).toString();
            if (!q.value(7).isNull())
                event.ownerKeyId = q.value(7).toLongLong();
        }
        appendRowEvents(events, std::move(event), row, [afterId](qint64 id) { return id > afterId; });
    }
    return events;
}

Result<QList<LinkEvent>> SqlLinkStore::eventsByIds(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<LinkEvent>{};
    QSet<qint64> rows;
    for (qint64 id : ids)
        rows.insert(journalRowOf(id));
    QStringList marks;
    for (qsizetype i = 0; i < rows.size(); ++i)
        marks.append(QStringLiteral("?"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM events e JOIN links l ON l.id = e.link_id WHERE e.id IN (%2) ORDER BY e.id")
                  .arg(QLatin1String(kEventColumns), marks.join(u',')));
    for (qint64 row : rows)
        q.addBindValue(row);
    if (!q.exec())
        return storageError(q, "reading the events journal");
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    return readEvents(q, [&wanted](qint64 id) { return wanted.contains(id); });
}

Result<std::optional<Link>> SqlLinkStore::insertLink(const NewLink &link)
{
    if (!m_insertLink)
        return notConnected();
    QSqlQuery &q = *m_insertLink;
    q.bindValue(0, link.slug);
    q.bindValue(1, link.url);
    q.bindValue(2, link.maxClicks ? QVariant(*link.maxClicks) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(3, link.createdAtMs);
    q.bindValue(4, int(link.previewProtection));
    q.bindValue(5, link.passwordHash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.passwordHash));
    q.bindValue(6, link.expiresAtMs ? QVariant(*link.expiresAtMs) : QVariant(QMetaType::fromType<qlonglong>()));
    q.bindValue(7, link.expiredUrl.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.expiredUrl));
    q.bindValue(8, link.label.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.label));
    q.bindValue(9, link.ownerKeyId ? QVariant(*link.ownerKeyId) : QVariant(QMetaType::fromType<qlonglong>()));
    q.bindValue(10, link.statsToken);
    if (!q.exec())
        return storageError(q, "creating a link");
    if (!q.next()) {
        q.finish();
        return std::optional<Link>{}; // slug taken
    }
    Link stored;
    stored.id = q.value(0).toLongLong();
    q.finish();
    stored.slug = link.slug;
    stored.url = link.url;
    stored.maxClicks = link.maxClicks;
    stored.createdAtMs = link.createdAtMs;
    stored.previewProtection = link.previewProtection;
    stored.passwordHash = link.passwordHash;
    stored.expiresAtMs = link.expiresAtMs;
    stored.expiredUrl = link.expiredUrl;
    stored.label = link.label;
    stored.ownerKeyId = link.ownerKeyId;
    stored.statsToken = link.statsToken;
    journalLinkWrite(LinkEventType::Created, stored, link.createdAtMs);
    return std::optional<Link>{stored};
}

Result<Claim> SqlLinkStore::claimClick(const ClaimRequest &request)
{
    if (!request.tokenNonce.isEmpty()) {
        // A confirmation token works once: its nonce goes in before the claim.
        if (!m_useToken)
            return notConnected();
        QSqlQuery &use = *m_useToken;
        use.bindValue(0, request.tokenNonce);
        use.bindValue(1, request.tokenExpiresMs);
        if (!use.exec())
            return storageError(use, "using a confirmation token");
        const bool fresh = use.next();
        use.finish();
        if (!fresh) {
            Result<std::optional<Link>> link = findLink(request.slug);
            if (!link)
                return link.error();
            return Claim{VisitOutcome::BadToken, link->value_or(Link{})};
        }
    }

    Result<std::optional<Link>> claimed = claimRow(request);
    if (!claimed)
        return claimed.error();
    if (*claimed)
        return Claim{VisitOutcome::Redirected, std::move(**claimed)};

    // Nothing changed: say why, in the order a visitor should hear it.
    Result<std::optional<Link>> existing = findLink(request.slug);
    if (!existing)
        return existing.error();
    if (!existing->has_value())
        return Claim{VisitOutcome::NotFound, {}};
    const Link &link = **existing;
    VisitOutcome outcome = VisitOutcome::Expired;
    if (link.exhausted(request.nowMs))
        outcome = VisitOutcome::Expired;
    else if (!request.gateCleared && link.hasPassword())
        outcome = VisitOutcome::NeedsPassword;
    else if (!request.gateCleared && link.previewProtection == PreviewProtection::Confirm)
        outcome = VisitOutcome::NeedsConfirmation;
    else if (request.previewFetcher && link.previewProtection == PreviewProtection::Auto)
        outcome = VisitOutcome::Preview;
    return Claim{outcome, link};
}

Result<std::optional<Link>> SqlLinkStore::claimRow(const ClaimRequest &request)
{
    if (!m_claim)
        return notConnected();
    QSqlQuery &q = *m_claim;
    q.bindValue(QStringLiteral(":slug"), request.slug);
    q.bindValue(QStringLiteral(":now"), request.nowMs);
    q.bindValue(QStringLiteral(":cleared"), request.gateCleared ? 1 : 0);
    q.bindValue(QStringLiteral(":preview"), request.previewFetcher ? 1 : 0);
    if (!q.exec())
        return storageError(q, "claiming a click");
    std::optional<Link> claimed;
    if (q.next())
        claimed = linkFromRow(q, false);
    q.finish();
    return claimed;
}

Result<QByteArray> SqlLinkStore::instanceSecret()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES ('token_secret', ?) ON CONFLICT(key) DO NOTHING"));
    QByteArray fresh(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(fresh.data()), fresh.size() / 4);
    q.addBindValue(QString::fromLatin1(fresh.toBase64()));
    if (!q.exec())
        return storageError(q, "creating the token secret");
    if (!q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'token_secret'")) || !q.next())
        return storageError(q, "reading the token secret");
    return QByteArray::fromBase64(q.value(0).toString().toLatin1());
}

Status SqlLinkStore::purgeExpired(qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM used_tokens WHERE expires_at < ?"));
    q.addBindValue(nowMs);
    if (!q.exec())
        return storageError(q, "forgetting used tokens");
    // Only the current and the previous minute count towards a budget.
    q.prepare(QStringLiteral("DELETE FROM creation_quota WHERE window_start < ?"));
    q.addBindValue(CreationQuota{{}, 0, nowMs}.previousWindowStart());
    if (!q.exec())
        return storageError(q, "forgetting old creation counts");
    // Marks of writers gone for a week: a writer holds a batch it is unsure
    // of for seconds (until the database answers again), never that long.
    q.prepare(QStringLiteral("DELETE FROM writer_progress WHERE at < ?"));
    q.addBindValue(nowMs - kProgressKeepMs);
    if (!q.exec())
        return storageError(q, "forgetting old writer marks");
    // Servers gone for a day (killed: a clean stop deletes its own row), and
    // their acknowledgements: a live server acknowledges again when asked.
    q.prepare(QStringLiteral("DELETE FROM servers WHERE seen_at < ?"));
    q.addBindValue(nowMs - kServersKeepMs);
    if (!q.exec())
        return storageError(q, "forgetting servers gone");
    q.prepare(QStringLiteral("DELETE FROM counting_acks WHERE at < ?"));
    q.addBindValue(nowMs - kServersKeepMs);
    if (!q.exec())
        return storageError(q, "forgetting old acknowledgements");
    // The journal keeps a week (a live stream resumes within a day; a
    // webhook endpoint is disabled after a day of failures), and never an
    // event an enabled endpoint has not read past or still has in its
    // outbox. Oldest first, a bounded number per call: the rows walked are
    // those being deleted (`id <= ?` stops the walk at the first row kept).
    q.prepare(QStringLiteral("SELECT (SELECT MIN(journal_position) FROM webhooks WHERE disabled_at IS NULL), "
                             "(SELECT MIN(event_id) FROM webhook_outbox)"));
    if (!q.exec() || !q.next())
        return storageError(q, "reading webhook positions");
    qint64 needed = std::numeric_limits<qint64>::max(); // the last event id no endpoint needs
    if (!q.value(0).isNull())
        needed = std::min(needed, q.value(0).toLongLong());
    if (!q.value(1).isNull())
        needed = std::min(needed, q.value(1).toLongLong() - 1);
    q.finish();
    // A row goes once its last event (id × 4 + its place, see linkEventId and linkEventSlot) is not needed.
    q.prepare(QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id <= ? "
                             "AND id * 4 + CASE WHEN type > 4 THEN 3 ELSE type - 1 END <= ? "
                             "AND at < ? ORDER BY id LIMIT %1)")
                  .arg(kEventsPrunedPerPurge));
    q.addBindValue(journalRowOf(needed));
    q.addBindValue(needed);
    q.addBindValue(nowMs - kJournalKeepMs);
    if (!q.exec())
        return storageError(q, "forgetting old journal events");
    return {};
}

Result<QuotaDecision> SqlLinkStore::takeCreationQuota(const CreationQuota &quota)
{
    const QString key = QString::fromLatin1(quota.clientKey.toHex());
    const auto countIn = [&](qint64 windowStart) -> Result<qint64> {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT count FROM creation_quota WHERE client_key = ? AND window_start = ?"));
        q.addBindValue(key);
        q.addBindValue(windowStart);
        if (!q.exec())
            return storageError(q, "reading a creation count");
        return q.next() ? q.value(0).toLongLong() : 0;
    };
    // The previous minute is over: its count no longer changes.
    const Result<qint64> previous = countIn(quota.previousWindowStart());
    if (!previous)
        return previous.error();
    const qint64 limit = quota.currentWindowLimit(*previous);
    if (limit > 0) {
        // One atomic conditional write: the row is counted up only while
        // under the limit, whichever server asks at the same moment.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "INSERT INTO creation_quota (client_key, window_start, count) VALUES (?, ?, 1) "
            "ON CONFLICT (client_key, window_start) DO UPDATE SET count = creation_quota.count + 1 "
            "WHERE creation_quota.count < ? RETURNING count"));
        q.addBindValue(key);
        q.addBindValue(quota.windowStart());
        q.addBindValue(limit);
        if (!q.exec())
            return storageError(q, "counting a creation");
        if (q.next())
            return QuotaDecision{};
    }
    const Result<qint64> current = countIn(quota.windowStart());
    if (!current)
        return current.error();
    return QuotaDecision{false, quota.retryAfterSeconds(*previous, *current)};
}

Result<qint64> SqlLinkStore::advanceProgress(const QByteArray &writer, qint64 batch, qint64 nowMs)
{
    if (!m_advanceProgress)
        return notConnected();
    QSqlQuery &q = *m_advanceProgress;
    q.bindValue(0, QString::fromLatin1(writer));
    q.bindValue(1, batch);
    q.bindValue(2, nowMs);
    if (!q.exec() || !q.next())
        return storageError(q, "marking a batch");
    const qint64 previous = q.value(0).toLongLong();
    q.finish();
    return previous;
}

Status SqlLinkStore::addClicks(qint64 linkId, qint64 count, qint64 lastAtMs)
{
    if (!m_addClicks)
        return notConnected();
    QSqlQuery &q = *m_addClicks;
    q.bindValue(0, count);
    q.bindValue(1, count);
    q.bindValue(2, lastAtMs);
    q.bindValue(3, lastAtMs);
    q.bindValue(4, linkId);
    if (!q.exec())
        return storageError(q, "counting clicks");
    q.finish();
    return {};
}

Status SqlLinkStore::recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                                    const ClickDetails *details)
{
    static const QVariant nullText(QMetaType::fromType<QString>());
    auto text = [](const QString &value) { return value.isEmpty() ? nullText : QVariant(value); };
    const QString referrer = facts.referrer.isEmpty() ? QString() : QString::fromUtf8(facts.referrer.left(kStoredReferrerBytes));
    const QString address = m_storeFullAddresses ? normalizeAddress(facts.client).toString() : anonymizeAddress(facts.client);

    // Written with the batch's other click rows when it commits.
    m_pendingClicks.push_back(ClickRow{
        linkId,
        facts.atMs,
        int(outcome),
        text(address),
        facts.userAgent.isEmpty() ? nullText : QVariant(QString::fromUtf8(facts.userAgent.left(kStoredUserAgentBytes))),
        text(referrer),
        text(referrerHost(referrer)),
        details && details->country ? QVariant(*details->country) : nullText,
        text(details ? details->browser : QString()),
        text(details ? details->browserVersion : QString()),
        text(details ? details->os : QString()),
        text(details ? details->device : QString()),
        details && details->bot ? 1 : 0,
        text(details ? details->botName : QString()),
    });
    return {};
}

Result<std::optional<Link>> SqlLinkStore::findLink(const QString &slug)
{
    if (!m_findLink)
        return notConnected();
    QSqlQuery &q = *m_findLink;
    q.bindValue(0, slug);
    if (!q.exec())
        return storageError(q, "looking up a link");
    if (!q.next()) {
        q.finish();
        return std::optional<Link>{};
    }
    Link link = linkFromRow(q);
    q.finish();
    return std::optional<Link>{link};
}

Result<Breakdown> SqlLinkStore::breakdown(qint64 linkId, const char *column, const QString &emptyLabel)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1, COUNT(*) AS n FROM clicks WHERE link_id = ? AND outcome = 1 "
                             "GROUP BY %1 ORDER BY n DESC, %1 LIMIT %2")
                  .arg(QLatin1String(column))
                  .arg(kBreakdownLimit));
    q.addBindValue(linkId);
    if (!q.exec())
        return storageError(q, "reading click statistics");
    Breakdown rows;
    while (q.next()) {
        const QString label = q.value(0).toString();
        rows.append({label.isEmpty() ? emptyLabel : label, q.value(1).toLongLong()});
    }
    return rows;
}

Result<std::optional<LinkStats>> SqlLinkStore::linkStats(const QString &slug, const StatsQuery &query)
{
    // One read transaction: every figure comes from the same snapshot, the
    // link's own click count included (read before it, a commit landing in
    // between showed a click in the log but not in the count).
    if (Status s = exec(beginSnapshotStatement()); !s)
        return s.error();
    auto done = [this](auto value) {
        (void)exec(QStringLiteral("COMMIT"));
        return value;
    };
    Result<std::optional<Link>> found = findLink(slug);
    if (!found)
        return done(Result<std::optional<LinkStats>>(found.error()));
    if (!found->has_value())
        return done(Result<std::optional<LinkStats>>(std::optional<LinkStats>{}));

    LinkStats stats;
    stats.link = **found;
    stats.asOfMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 id = stats.link.id;

    QSqlQuery totals(m_db);
    totals.prepare(QStringLiteral("SELECT MIN(at), MAX(at), COALESCE(SUM(bot), 0), COUNT(*) FROM clicks "
                                  "WHERE link_id = ? AND outcome = 1"));
    totals.addBindValue(id);
    if (!totals.exec() || !totals.next())
        return done(Result<std::optional<LinkStats>>(storageError(totals, "reading click statistics")));
    if (!totals.value(0).isNull()) {
        stats.firstClickMs = totals.value(0).toLongLong();
        stats.lastClickMs = totals.value(1).toLongLong();
    }
    stats.bots = totals.value(2).toLongLong();
    stats.humans = totals.value(3).toLongLong() - stats.bots;

    QSqlQuery expired(m_db);
    expired.prepare(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE link_id = ? AND outcome = 2"));
    expired.addBindValue(id);
    if (!expired.exec() || !expired.next())
        return done(Result<std::optional<LinkStats>>(storageError(expired, "reading click statistics")));
    stats.expiredHits = expired.value(0).toLongLong();

    const std::pair<Breakdown *, std::pair<const char *, QString>> breakdowns[] = {
        {&stats.byCountry, {"country", QStringLiteral("unknown")}},
        {&stats.byBrowser, {"browser", QStringLiteral("unknown")}},
        {&stats.byOs, {"os", QStringLiteral("unknown")}},
        {&stats.byReferrerHost, {"referrer_host", QStringLiteral("direct")}},
    };
    for (const auto &[target, spec] : breakdowns) {
        Result<Breakdown> rows = breakdown(id, spec.first, spec.second);
        if (!rows)
            return done(Result<std::optional<LinkStats>>(rows.error()));
        *target = *rows;
    }

    static const QString logColumns = QStringLiteral(
        "id, at, outcome, country, browser, browser_version, os, device, referrer, bot, bot_name");
    auto entryFrom = [](const QSqlQuery &row) {
        ClickLogEntry e;
        e.id = row.value(0).toLongLong();
        e.atMs = row.value(1).toLongLong();
        e.outcome = ClickOutcome(row.value(2).toInt());
        e.country = row.value(3).toString();
        e.browser = row.value(4).toString();
        e.browserVersion = row.value(5).toString();
        e.os = row.value(6).toString();
        e.device = row.value(7).toString();
        e.referrer = row.value(8).toString();
        e.bot = row.value(9).toInt() != 0;
        e.botName = row.value(10).toString();
        return e;
    };

    QSqlQuery first(m_db);
    first.prepare(QStringLiteral("SELECT %1 FROM clicks WHERE link_id = ? AND outcome = 1 ORDER BY id LIMIT 1")
                      .arg(logColumns));
    first.addBindValue(id);
    if (!first.exec())
        return done(Result<std::optional<LinkStats>>(storageError(first, "reading click statistics")));
    if (first.next())
        stats.firstClaim = entryFrom(first);

    if (stats.firstClickMs) {
        stats.bucketMs = timelineBucketMs(*stats.lastClickMs - *stats.firstClickMs);
        QSqlQuery timeline(m_db);
        timeline.prepare(QStringLiteral("SELECT (at / ?) * ?, COUNT(*) FROM clicks WHERE link_id = ? AND outcome = 1 "
                                        "GROUP BY 1 ORDER BY 1"));
        timeline.addBindValue(stats.bucketMs);
        timeline.addBindValue(stats.bucketMs);
        timeline.addBindValue(id);
        if (!timeline.exec())
            return done(Result<std::optional<LinkStats>>(storageError(timeline, "reading click statistics")));
        while (timeline.next())
            stats.timeline.append({timeline.value(0).toLongLong(), timeline.value(1).toLongLong()});
    }

    const int limit = std::clamp(query.limit, 1, StatsQuery::kMaxLimit);
    QSqlQuery log(m_db);
    log.prepare(QStringLiteral("SELECT %1 FROM clicks WHERE link_id = ? AND id < ? ORDER BY id DESC LIMIT ?")
                    .arg(logColumns));
    log.addBindValue(id);
    log.addBindValue(query.beforeId.value_or(std::numeric_limits<qint64>::max()));
    log.addBindValue(limit + 1); // one more tells whether another page exists
    if (!log.exec())
        return done(Result<std::optional<LinkStats>>(storageError(log, "reading the click log")));
    while (log.next())
        stats.log.append(entryFrom(log));
    if (stats.log.size() > limit) {
        stats.log.removeLast();
        stats.nextBefore = stats.log.constLast().id;
    }
    return done(Result<std::optional<LinkStats>>(std::optional<LinkStats>{std::move(stats)}));
}


Result<bool> SqlLinkStore::revokeLink(const QString &slug)
{
    QSqlQuery q(m_db);
    // Journaled once, when it actually ends (revoking it again changes nothing).
    q.prepare(QStringLiteral("UPDATE links SET revoked = 1 WHERE slug = ? AND revoked = 0 RETURNING %1")
                  .arg(QLatin1String(kLinkColumns)));
    q.addBindValue(slug);
    if (!q.exec())
        return storageError(q, "revoking a link");
    if (q.next()) {
        const Link revoked = linkFromRow(q);
        q.finish();
        journalLinkWrite(LinkEventType::Revoked, revoked, wallClockMs());
        return true;
    }
    q.finish();
    q.prepare(QStringLiteral("SELECT 1 FROM links WHERE slug = ?"));
    q.addBindValue(slug);
    if (!q.exec())
        return storageError(q, "revoking a link");
    return q.next();
}

Result<LinkStore::UpdateResult> SqlLinkStore::updateLink(const QString &slug, const LinkUpdate &update,
                                                        std::optional<qint64> ownerKeyId)
{
    // Only the columns that change; names come from this code, values are bound.
    QStringList sets;
    QVariantList values;
    const QVariant nullText(QMetaType::fromType<QString>());
    const auto text = [&](const QString &value) { return value.isEmpty() ? nullText : QVariant(value); };
    if (update.url) {
        sets << QStringLiteral("url = ?");
        values << *update.url;
    }
    if (update.maxClicks) {
        // A cap (or none) decided: a counting handshake on it is over.
        sets << QStringLiteral("max_clicks = ?") << QStringLiteral("counting = 0");
        values << (*update.maxClicks ? QVariant(**update.maxClicks) : QVariant(QMetaType::fromType<int>()));
    }
    if (update.expiresAtMs) {
        sets << QStringLiteral("expires_at = ?");
        values << (*update.expiresAtMs ? QVariant(**update.expiresAtMs) : QVariant(QMetaType::fromType<qlonglong>()));
    }
    if (update.expiredUrl) {
        sets << QStringLiteral("expired_url = ?");
        values << text(*update.expiredUrl);
    }
    if (update.label) {
        sets << QStringLiteral("label = ?");
        values << text(*update.label);
    }
    if (update.previewProtection) {
        sets << QStringLiteral("preview_protection = ?");
        values << int(*update.previewProtection);
    }
    if (update.passwordHash) {
        sets << QStringLiteral("password_hash = ?");
        values << text(*update.passwordHash);
    }
    const bool changes = !sets.isEmpty();
    if (!changes)
        sets << QStringLiteral("slug = slug"); // nothing to change: still answers the link as it is
    // A new cap must hold the clicks already used (the schema's CHECK
    // says so too); the claims' own conditional writes then keep to it.
    const QString capFits = update.maxClicks && *update.maxClicks ? QStringLiteral(" AND clicks <= ?") : QString();
    if (!capFits.isEmpty())
        values << **update.maxClicks;
    QSqlQuery q(m_db);
    QString sql = QStringLiteral("UPDATE links SET %1 WHERE slug = ?").arg(sets.join(QStringLiteral(", ")));
    if (ownerKeyId)
        sql += QStringLiteral(" AND owner_key_id = ?");
    sql += capFits + QStringLiteral(" RETURNING ") + QLatin1String(kLinkColumns);
    if (!q.prepare(sql))
        return storageError(q, "preparing a link change");
    const qsizetype setValues = capFits.isEmpty() ? values.size() : values.size() - 1;
    for (qsizetype i = 0; i < setValues; ++i)
        q.addBindValue(values.at(i));
    q.addBindValue(slug);
    if (ownerKeyId)
        q.addBindValue(*ownerKeyId);
    if (!capFits.isEmpty())
        q.addBindValue(values.constLast());
    if (!q.exec())
        return storageError(q, "changing a link");
    if (q.next()) {
        UpdateResult result{UpdateResult::Outcome::Updated, linkFromRow(q)};
        q.finish();
        if (changes)
            journalLinkWrite(LinkEventType::Changed, result.link, wallClockMs());
        return result;
    }
    q.finish();
    // Nothing changed: an unknown link (or another key's), or a cap below its clicks.
    Result<std::optional<Link>> existing = findLink(slug);
    if (!existing)
        return existing.error();
    if (!existing->has_value() || (ownerKeyId && (*existing)->ownerKeyId != ownerKeyId))
        return UpdateResult{};
    return UpdateResult{UpdateResult::Outcome::BelowClicks, **existing};
}

Result<std::optional<qint64>> SqlLinkStore::purgeLink(const QString &slug, std::optional<qint64> ownerKeyId)
{
    // The link's row lock first (revoking it): it waits for a claim in
    // flight on it, and no claim passes after. Then its click log (rows a
    // writer committed before the lock included), then the link itself.
    QSqlQuery q(m_db);
    q.prepare(ownerKeyId ? QStringLiteral("UPDATE links SET revoked = 1 WHERE slug = ? AND owner_key_id = ? RETURNING id")
                         : QStringLiteral("UPDATE links SET revoked = 1 WHERE slug = ? RETURNING id"));
    q.addBindValue(slug);
    if (ownerKeyId)
        q.addBindValue(*ownerKeyId);
    if (!q.exec())
        return storageError(q, "deleting a link");
    if (!q.next())
        return std::optional<qint64>{};
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    // Its events still to be written in this batch (a batch's creation undone) go with it.
    std::erase_if(m_pendingEvents, [id](const LinkEvent &event) { return event.linkId == id; });
    // (The events by a scan of the journal, which keeps a week at most: it
    // has no index by link, which every claim would pay for; see schema 12.)
    for (const char *sql : {"DELETE FROM clicks WHERE link_id = ?", "DELETE FROM events WHERE link_id = ?",
                            "DELETE FROM counting_acks WHERE link_id = ?", "DELETE FROM links WHERE id = ?"}) {
        QSqlQuery remove(m_db);
        remove.prepare(QString::fromLatin1(sql));
        remove.addBindValue(id);
        if (!remove.exec())
            return storageError(remove, "deleting a link and its click log");
    }
    return std::optional<qint64>{id};
}

Status SqlLinkStore::beat(const QByteArray &sender, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO servers(sender, seen_at) VALUES (?, ?) "
                             "ON CONFLICT(sender) DO UPDATE SET seen_at = excluded.seen_at"));
    q.addBindValue(QString::fromLatin1(sender));
    q.addBindValue(nowMs);
    if (!q.exec())
        return storageError(q, "noting this server's heartbeat");
    return {};
}

Status SqlLinkStore::leave(const QByteArray &sender)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM servers WHERE sender = ?"));
    q.addBindValue(QString::fromLatin1(sender));
    if (!q.exec())
        return storageError(q, "noting that this server stops");
    return {};
}

Result<qint64> SqlLinkStore::otherLiveServers(const QByteArray &sender, qint64 sinceMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM servers WHERE seen_at >= ? AND sender <> ?"));
    q.addBindValue(sinceMs);
    q.addBindValue(QString::fromLatin1(sender));
    if (!q.exec() || !q.next())
        return storageError(q, "reading which servers run");
    return q.value(0).toLongLong();
}

Result<std::optional<Link>> SqlLinkStore::beginCounting(const QString &slug, std::optional<qint64> ownerKeyId,
                                                        qint64 epoch)
{
    // The link's row lock, as a claim takes it: claims on other servers
    // commit before or after this mark, never beside it.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE links SET counting = CASE WHEN counting = 0 THEN ? ELSE counting END "
                             "WHERE slug = ? AND max_clicks IS NULL%1 RETURNING %2")
                  .arg(ownerKeyId ? QStringLiteral(" AND owner_key_id = ?") : QString(), QLatin1String(kLinkColumns)));
    q.addBindValue(epoch);
    q.addBindValue(slug);
    if (ownerKeyId)
        q.addBindValue(*ownerKeyId);
    if (!q.exec())
        return storageError(q, "marking a link counting");
    if (q.next()) {
        Link link = linkFromRow(q);
        q.finish();
        return std::optional<Link>{link};
    }
    q.finish();
    // Not marked: unknown, another key's, or capped already.
    Result<std::optional<Link>> existing = findLink(slug);
    if (!existing)
        return existing.error();
    if (!existing->has_value() || (ownerKeyId && (*existing)->ownerKeyId != ownerKeyId))
        return std::optional<Link>{};
    return existing;
}

Status SqlLinkStore::endCounting(qint64 linkId, qint64 epoch)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE links SET counting = 0 WHERE id = ? AND counting = ?"));
    q.addBindValue(linkId);
    q.addBindValue(epoch);
    if (!q.exec())
        return storageError(q, "ending a link's counting");
    return {};
}

Status SqlLinkStore::acknowledgeCounting(qint64 linkId, const QByteArray &sender, qint64 epoch, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO counting_acks(link_id, sender, epoch, at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(link_id, sender) DO UPDATE SET epoch = excluded.epoch, at = excluded.at"));
    q.addBindValue(linkId);
    q.addBindValue(QString::fromLatin1(sender));
    q.addBindValue(epoch);
    q.addBindValue(nowMs);
    if (!q.exec())
        return storageError(q, "acknowledging a link's counting");
    return {};
}

Result<QList<LinkReads::CountingLink>> SqlLinkStore::countingUnacknowledged(const QByteArray &sender)
{
    // links_counting holds only the few links that count: this reads no table.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT l.id, l.slug, l.counting FROM links l WHERE l.counting <> 0 AND l.max_clicks IS NULL "
                             "AND NOT EXISTS (SELECT 1 FROM counting_acks a WHERE a.link_id = l.id AND a.sender = ? "
                             "AND a.epoch = l.counting)"));
    q.addBindValue(QString::fromLatin1(sender));
    if (!q.exec())
        return storageError(q, "reading the links that count");
    QList<CountingLink> links;
    while (q.next())
        links.append(CountingLink{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    return links;
}

Result<qint64> SqlLinkStore::missingAcknowledgements(qint64 linkId, qint64 epoch, const QByteArray &sender,
                                                     qint64 sinceMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM servers s WHERE s.seen_at >= ? AND s.sender <> ? AND NOT EXISTS "
                             "(SELECT 1 FROM counting_acks a WHERE a.link_id = ? AND a.sender = s.sender AND a.epoch = ?)"));
    q.addBindValue(sinceMs);
    q.addBindValue(QString::fromLatin1(sender));
    q.addBindValue(linkId);
    q.addBindValue(epoch);
    if (!q.exec() || !q.next())
        return storageError(q, "reading which servers acknowledged a link's counting");
    return q.value(0).toLongLong();
}

namespace {

const char *const kKeyColumns = "id, name, prefix, admin, created_at, last_used_at, revoked_at";

ApiKey keyFromRow(const QSqlQuery &q)
{
    ApiKey key;
    key.id = q.value(0).toLongLong();
    key.name = q.value(1).toString();
    key.prefix = q.value(2).toString();
    key.admin = q.value(3).toInt() != 0;
    key.createdAtMs = q.value(4).toLongLong();
    if (!q.value(5).isNull())
        key.lastUsedAtMs = q.value(5).toLongLong();
    if (!q.value(6).isNull())
        key.revokedAtMs = q.value(6).toLongLong();
    return key;
}

} // namespace

Result<std::optional<ApiKey>> SqlLinkStore::insertApiKey(const NewApiKey &key)
{
    // The partial unique index on active names is the arbiter: two
    // `keys create` at once with one name cannot both succeed.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO api_keys(name, key_hash, prefix, admin, created_at) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT DO NOTHING RETURNING %1")
                  .arg(QLatin1String(kKeyColumns)));
    q.addBindValue(key.name);
    q.addBindValue(QString::fromLatin1(key.hash));
    q.addBindValue(key.prefix.isNull() ? QStringLiteral("") : key.prefix); // a null QString binds as NULL
    q.addBindValue(key.admin ? 1 : 0);
    q.addBindValue(key.createdAtMs);
    if (!q.exec())
        return storageError(q, "creating an API key");
    if (!q.next())
        return std::optional<ApiKey>{};
    return std::optional<ApiKey>{keyFromRow(q)};
}

Result<bool> SqlLinkStore::revokeApiKey(const QString &name, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(name);
    if (!q.exec())
        return storageError(q, "revoking an API key");
    return q.numRowsAffected() > 0;
}

Status SqlLinkStore::touchApiKey(qint64 id, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)"));
    q.addBindValue(nowMs);
    q.addBindValue(id);
    q.addBindValue(nowMs);
    if (!q.exec())
        return storageError(q, "noting an API key's use");
    return {};
}

Result<std::optional<ApiKey>> SqlLinkStore::findApiKey(const QByteArray &hash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1, key_hash FROM api_keys WHERE key_hash = ?").arg(QLatin1String(kKeyColumns)));
    q.addBindValue(QString::fromLatin1(hash));
    if (!q.exec())
        return storageError(q, "looking up an API key");
    // The index found the row; the comparison that decides takes the same
    // time wherever the hashes differ.
    if (!q.next() || !apikeys::sameHash(q.value(7).toString().toLatin1(), hash))
        return std::optional<ApiKey>{};
    return std::optional<ApiKey>{keyFromRow(q)};
}

Result<QList<ApiKey>> SqlLinkStore::listApiKeys()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM api_keys ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, id")
                    .arg(QLatin1String(kKeyColumns))))
        return storageError(q, "listing API keys");
    QList<ApiKey> keys;
    while (q.next())
        keys.append(keyFromRow(q));
    return keys;
}

namespace {

// A statement's text and its positional values, built together so a value
// can never land on the wrong "?".
struct SqlParts {
    QString sql;
    QVariantList values;
    void add(QStringView text) { sql += text; }
    void add(QStringView text, const QVariant &value)
    {
        sql += text;
        values.append(value);
    }
};

// LinkStatus (core/link.h) in SQL, judged at the moment bound to its one
// "?": the same order of checks as Link::statusAt.
constexpr QStringView kStatusExpression =
    u"(CASE WHEN revoked <> 0 THEN 3 WHEN max_clicks IS NOT NULL AND clicks >= max_clicks THEN 1 "
    u"WHEN expires_at IS NOT NULL AND expires_at <= ? THEN 2 ELSE 0 END)";

// The sort's expression (column names come from this switch, never from
// the caller) and whether it needs the query's moment bound.
QStringView sortExpression(LinkListQuery::SortBy by)
{
    switch (by) {
    case LinkListQuery::SortBy::Created: return u"created_at";
    case LinkListQuery::SortBy::Slug: return u"slug";
    case LinkListQuery::SortBy::Url: return u"url";
    case LinkListQuery::SortBy::Clicks: return u"clicks";
    case LinkListQuery::SortBy::Status: return kStatusExpression;
    case LinkListQuery::SortBy::LastClick: return u"COALESCE(last_click_at, -1)";
    // No label is stored as NULL; as '' it sorts the same on every engine.
    case LinkListQuery::SortBy::Label: return u"COALESCE(label, '')";
    }
    return u"created_at";
}

qint64 momentOf(const LinkListQuery &query)
{
    return query.asOfMs > 0 ? query.asOfMs : QDateTime::currentMSecsSinceEpoch();
}

// The WHERE clause a list and its count share; `like` is the backend's
// case-insensitive LIKE.
void appendFilters(SqlParts &parts, const LinkListQuery &query, const QString &like)
{
    parts.add(u" WHERE 1 = 1");
    if (!query.filter.isEmpty()) {
        const QString pattern = likePattern(query.filter);
        parts.add(QStringLiteral(" AND (slug %1 ? ESCAPE '\\'").arg(like), pattern);
        parts.add(QStringLiteral(" OR url %1 ? ESCAPE '\\'").arg(like), pattern);
        parts.add(QStringLiteral(" OR label %1 ? ESCAPE '\\')").arg(like), pattern);
    }
    if (query.ownerKeyId)
        parts.add(u" AND owner_key_id = ?", *query.ownerKeyId);
    if (query.label)
        parts.add(u" AND label = ?", *query.label);
    if (query.status) {
        parts.add(u" AND ");
        parts.add(kStatusExpression, momentOf(query));
        parts.add(u" = ?", int(*query.status));
    }
}

} // namespace

Result<QList<Link>> SqlLinkStore::listLinks(const LinkListQuery &query)
{
    SqlParts parts;
    parts.add(QStringLiteral("SELECT %1 FROM links").arg(QLatin1String(kLinkColumns)));
    appendFilters(parts, query, caseInsensitiveLike());
    const QStringView expression = sortExpression(query.sortBy);
    const bool needsMoment = query.sortBy == LinkListQuery::SortBy::Status;
    auto addExpression = [&] {
        if (needsMoment)
            parts.add(expression, momentOf(query));
        else
            parts.add(expression);
    };
    if (query.after) {
        // Keyset: the rows after (value, id) in the sort's direction.
        const QVariant value = LinkListQuery::sortsByText(query.sortBy) ? QVariant(query.after->text)
                                                                        : QVariant(query.after->number);
        const QStringView beyond = query.descending ? u" < ?" : u" > ?";
        parts.add(u" AND (");
        addExpression();
        parts.add(beyond, value);
        parts.add(u" OR (");
        addExpression();
        parts.add(u" = ?", value);
        parts.add(QString(QStringLiteral(" AND id") + beyond), query.after->id);
        parts.add(u"))");
    }
    const QString direction = query.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    parts.add(u" ORDER BY ");
    addExpression();
    parts.add(QString(direction + QStringLiteral(", id") + direction));
    parts.add(u" LIMIT ?", std::clamp(query.limit, 1, 10'000));
    parts.add(u" OFFSET ?", query.after ? 0 : std::max(0, query.offset));

    QSqlQuery q(m_db);
    q.prepare(parts.sql);
    for (const QVariant &value : std::as_const(parts.values))
        q.addBindValue(value);
    if (!q.exec())
        return storageError(q, "listing links");
    QList<Link> links;
    while (q.next())
        links.append(linkFromRow(q));
    return links;
}

Result<qint64> SqlLinkStore::countLinks(const LinkListQuery &query)
{
    SqlParts parts;
    parts.add(u"SELECT COUNT(*) FROM links");
    appendFilters(parts, query, caseInsensitiveLike());
    QSqlQuery q(m_db);
    q.prepare(parts.sql);
    for (const QVariant &value : std::as_const(parts.values))
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return storageError(q, "counting links");
    return q.value(0).toLongLong();
}

Result<bool> SqlLinkStore::insertImportedLink(const ImportedLink &imported)
{
    const NewLink &link = imported.link;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO links(slug, url, max_clicks, clicks, created_at, revoked, preview_protection, password_hash, "
        "expires_at, expired_url, label, owner_key_id, stats_token, last_click_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(slug) DO NOTHING RETURNING id"));
    // A null QString binds as NULL: the optional columns stay NULL when empty.
    q.addBindValue(link.slug);
    q.addBindValue(link.url);
    q.addBindValue(link.maxClicks ? QVariant(*link.maxClicks) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(imported.clicks);
    q.addBindValue(link.createdAtMs);
    q.addBindValue(imported.revoked ? 1 : 0);
    q.addBindValue(int(link.previewProtection));
    q.addBindValue(link.passwordHash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.passwordHash));
    q.addBindValue(link.expiresAtMs ? QVariant(*link.expiresAtMs) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(link.expiredUrl.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.expiredUrl));
    q.addBindValue(link.label.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(link.label));
    q.addBindValue(link.ownerKeyId ? QVariant(*link.ownerKeyId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(link.statsToken);
    q.addBindValue(imported.lastClickAtMs ? QVariant(*imported.lastClickAtMs) : QVariant(QMetaType::fromType<qint64>()));
    if (!q.exec())
        return storageError(q, "importing a link");
    if (!q.next())
        return false; // its slug is taken: nothing was made
    Link made;
    made.id = q.value(0).toLongLong();
    q.finish();
    made.clicks = imported.clicks;
    made.maxClicks = link.maxClicks;
    journalLinkWrite(LinkEventType::Created, made, wallClockMs());
    return true;
}

Result<QList<Link>> SqlLinkStore::linksByIds(const QList<qint64> &ids)
{
    QList<Link> links;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM links WHERE id = ?").arg(QLatin1String(kLinkColumns)));
    for (qint64 id : ids) {
        q.bindValue(0, id);
        if (!q.exec())
            return storageError(q, "reading links");
        if (q.next())
            links.append(linkFromRow(q));
        q.finish();
    }
    return links;
}

Result<Totals> SqlLinkStore::totals(qint64 sinceMs, std::optional<qint64> ownerKeyId)
{
    QSqlQuery q(m_db);
    if (!ownerKeyId) {
        q.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM links), "
                                 "(SELECT COUNT(*) FROM clicks WHERE at >= ? AND outcome = 1)"));
        q.addBindValue(sinceMs);
    } else {
        // One key's links (links_by_owner); its clicks since the moment
        // through clicks_by_time, each matched to its link by primary key.
        q.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM links WHERE owner_key_id = ?), "
                                 "(SELECT COUNT(*) FROM clicks JOIN links ON links.id = clicks.link_id "
                                 "WHERE clicks.at >= ? AND clicks.outcome = 1 AND links.owner_key_id = ?)"));
        q.addBindValue(*ownerKeyId);
        q.addBindValue(sinceMs);
        q.addBindValue(*ownerKeyId);
    }
    if (!q.exec() || !q.next())
        return storageError(q, "counting links and clicks");
    return Totals{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

} // namespace shortfuse
