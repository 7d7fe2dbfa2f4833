#include "server/storage/sqlitelinkstore.h"

#include "server/core/clientaddress.h"
#include "server/core/statsrules.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <tuple>

namespace shortfuse {

SqliteLinkStore::SqliteLinkStore(QString filePath)
    : SqlLinkStore(filePath)
    , m_path(std::move(filePath))
{
}

void SqliteLinkStore::configure(QSqlDatabase &db) const
{
    db.setDatabaseName(m_path);
    // Wait for another process's write lock instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
}

Status SqliteLinkStore::afterConnect()
{
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (Status s = exec(QString::fromLatin1(pragma)); !s)
            return s;
    }
    return {};
}

namespace {


// Header bytes as stored text: valid UTF-8 at most `limit` bytes long.
// ASCII (nearly every user agent) goes through untouched.
QByteArray storedText(const QByteArray &bytes, int limit)
{
    const QByteArray cut = bytes.left(limit);
    for (char c : cut) {
        if (uchar(c) >= 0x80)
            return QString::fromUtf8(cut).toUtf8(); // repairs a cut or invalid sequence
    }
    return cut;
}

void bindText(sqlite3_stmt *statement, int index, const QByteArray &utf8)
{
    if (utf8.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

// SqliteChangePoller's read: the notices after an id, oldest first.
constexpr char kNoticesAfterSql[] = "SELECT id, payload FROM change_notices WHERE id > ? ORDER BY id LIMIT ?";

// Prepares `sql` once for the connection's life; `what` names it in the error.
Status prepareStatement(sqlite3 *connection, const char *sql, sqlite3_stmt **statement, const char *what)
{
    if (sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) == SQLITE_OK)
        return {};
    *statement = nullptr;
    return Error{500, "storage_error",
                 QStringLiteral("cannot prepare the %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(connection)))};
}

// A statement that failed with `rc`, worded as the Qt SQL path words it.
Error statementError(const char *what, int rc)
{
    return Error{503, "storage_error",
                 QStringLiteral("Database error while %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errstr(rc)))};
}

// A text column as Qt SQL reads it: a null QString for NULL.
QString columnText(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(statement, column));
}

} // namespace

SqliteLinkStore::~SqliteLinkStore()
{
    releaseBackendStatements();
}

sqlite3 *SqliteLinkStore::connection()
{
    if (!database().isOpen())
        return nullptr;
    const QVariant handle = database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void SqliteLinkStore::setLockWait(std::chrono::milliseconds wait)
{
    if (sqlite3 *db = connection())
        sqlite3_busy_timeout(db, int(wait.count()));
}

Status SqliteLinkStore::fileInPlace()
{
    sqlite3 *db = connection();
    int moved = 0;
    if (!db || sqlite3_file_control(db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || !moved)
        return {};
    return Error{503, "storage_unavailable",
                 QStringLiteral("the database file %1 was deleted or replaced while this server had it open; every write "
                                "is refused, since it would be lost when the process ends. Put the file back (a copy of "
                                "the open one is reachable through /proc/<pid>/fd while this process runs) and restart")
                     .arg(m_path)};
}

Status SqliteLinkStore::beginBatch()
{
    if (Status inPlace = fileInPlace(); !inPlace)
        return inPlace;
    return SqlLinkStore::beginBatch();
}

Status SqliteLinkStore::recover()
{
    if (Status inPlace = fileInPlace(); !inPlace)
        return inPlace;
    return SqlLinkStore::recover();
}

Status SqliteLinkStore::prepareBackendStatements()
{
    releaseBackendStatements();
    sqlite3 *db = connection();
    if (!db)
        return {}; // not the SQLite driver we know: the shared Qt SQL path still works
    static const char clickSql[] =
        "INSERT INTO clicks(link_id, at, outcome, client_address, user_agent, referrer, referrer_host, country, "
        "browser, browser_version, os, device, bot, bot_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static const char eventSql[] =
        "INSERT INTO events(at, type, link_id, clicks, max_clicks, unlimited, country, browser, os, device, bot, bot_name) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    for (const auto &[sql, statement, what] :
         {std::tuple{clickSql, &m_insertClick, "click insert"}, std::tuple{eventSql, &m_insertEvent, "journal insert"},
          std::tuple{claimSql(), &m_claimStatement, "claim"},
          std::tuple{"PRAGMA data_version", &m_dataVersion, "data version read"},
          std::tuple{kNoticesAfterSql, &m_noticesAfter, "change notices read"}}) {
        if (Status prepared = prepareStatement(db, sql, statement, what); !prepared)
            return prepared;
    }
    m_claimParameters = {sqlite3_bind_parameter_index(m_claimStatement, ":slug"),
                         sqlite3_bind_parameter_index(m_claimStatement, ":now"),
                         sqlite3_bind_parameter_index(m_claimStatement, ":cleared"),
                         sqlite3_bind_parameter_index(m_claimStatement, ":preview")};
    return {};
}

void SqliteLinkStore::releaseBackendStatements()
{
    for (sqlite3_stmt **statement : {&m_insertClick, &m_dataVersion, &m_insertEvent, &m_claimStatement, &m_noticesAfter}) {
        sqlite3_finalize(*statement); // a no-op on null
        *statement = nullptr;
    }
}

QString SqliteLinkStore::backendMigration(int version) const
{
    if (version != 13)
        return {};
    // Schema 13 (see kMigrations): the journal and the webhook outbox
    // rebuilt with AUTOINCREMENT, every row and id kept (copying ids into
    // the table sets its sqlite_sequence to the largest). The journal's
    // counter also starts past any position an endpoint holds, in case the
    // newest rows were already deleted before this migration.
    return QStringLiteral(
        "CREATE TABLE events_13 (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, type INTEGER NOT NULL, "
        "link_id INTEGER NOT NULL, clicks INTEGER, max_clicks INTEGER, unlimited INTEGER NOT NULL DEFAULT 0, "
        "country TEXT, browser TEXT, os TEXT, device TEXT, bot INTEGER NOT NULL DEFAULT 0, bot_name TEXT);"
        "INSERT INTO events_13 SELECT id, at, type, link_id, clicks, max_clicks, unlimited, country, browser, os, "
        "device, bot, bot_name FROM events;"
        "DROP TABLE events;"
        "ALTER TABLE events_13 RENAME TO events;"
        "DELETE FROM sqlite_sequence WHERE name = 'events';"
        "INSERT INTO sqlite_sequence(name, seq) SELECT 'events', COALESCE(MAX(last), 0) FROM "
        "(SELECT MAX(id) AS last FROM events UNION ALL SELECT MAX(journal_position) / 4 FROM webhooks);"
        "CREATE TABLE webhook_outbox_13 (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE, event_id INTEGER NOT NULL, "
        "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, lease_until INTEGER, "
        "created_at INTEGER NOT NULL);"
        "INSERT INTO webhook_outbox_13 SELECT id, webhook_id, event_id, attempts, next_attempt_at, lease_until, "
        "created_at FROM webhook_outbox;"
        "DROP TABLE webhook_outbox;"
        "ALTER TABLE webhook_outbox_13 RENAME TO webhook_outbox;"
        "CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at);"
        "CREATE INDEX webhook_outbox_by_hook ON webhook_outbox(webhook_id, id);");
}

Result<std::optional<Link>> SqliteLinkStore::claimRow(const ClaimRequest &request)
{
    sqlite3_stmt *st = m_claimStatement;
    if (!st)
        return SqlLinkStore::claimRow(request);
    const QByteArray slug = request.slug.toUtf8();
    sqlite3_bind_text(st, m_claimParameters.slug, slug.constData(), int(slug.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, m_claimParameters.now, request.nowMs);
    sqlite3_bind_int(st, m_claimParameters.cleared, request.gateCleared ? 1 : 0);
    sqlite3_bind_int(st, m_claimParameters.preview, request.previewFetcher ? 1 : 0);
    // The write happens in this first step; a row back means it changed the link.
    int rc = sqlite3_step(st);
    std::optional<Link> claimed;
    if (rc == SQLITE_ROW) {
        // The columns of CLAIM_COLUMNS, in their order (as linkFromRow reads them).
        Link link;
        link.id = sqlite3_column_int64(st, 0);
        link.url = columnText(st, 1);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            link.maxClicks = sqlite3_column_int(st, 2);
        link.clicks = sqlite3_column_int64(st, 3);
        link.createdAtMs = sqlite3_column_int64(st, 4);
        link.revoked = sqlite3_column_int(st, 5) != 0;
        link.previewProtection = PreviewProtection(std::clamp(sqlite3_column_int(st, 6), 0, 2));
        link.passwordHash = columnText(st, 7);
        if (sqlite3_column_type(st, 8) != SQLITE_NULL)
            link.expiresAtMs = sqlite3_column_int64(st, 8);
        link.expiredUrl = columnText(st, 9);
        link.slug = columnText(st, 10);
        link.counting = sqlite3_column_int64(st, 11);
        claimed = std::move(link);
        rc = sqlite3_step(st); // to the end: a claim changes one link at most (slug is unique)
    }
    const int reset = sqlite3_reset(st);
    if (rc != SQLITE_DONE || reset != SQLITE_OK)
        return statementError("claiming a click", rc != SQLITE_DONE ? rc : reset);
    return claimed;
}

Status SqliteLinkStore::recordClick(qint64 linkId, ClickOutcome outcome, const ClickFacts &facts,
                                    const ClickDetails *details)
{
    if (!m_insertClick)
        return SqlLinkStore::recordClick(linkId, outcome, facts, details);
    sqlite3_stmt *st = m_insertClick;
    const QByteArray referrer = storedText(facts.referrer, kStoredReferrerBytes);
    const QString address = storesFullAddresses() ? normalizeAddress(facts.client).toString() : anonymizeAddress(facts.client);
    sqlite3_bind_int64(st, 1, linkId);
    sqlite3_bind_int64(st, 2, facts.atMs);
    sqlite3_bind_int(st, 3, int(outcome));
    bindText(st, 4, address.toUtf8());
    bindText(st, 5, storedText(facts.userAgent, kStoredUserAgentBytes));
    bindText(st, 6, referrer);
    bindText(st, 7, referrerHost(QString::fromUtf8(referrer)).toUtf8());
    bindText(st, 8, details && details->country ? details->country->toUtf8() : QByteArray());
    bindText(st, 9, details ? details->browser.toUtf8() : QByteArray());
    bindText(st, 10, details ? details->browserVersion.toUtf8() : QByteArray());
    bindText(st, 11, details ? details->os.toUtf8() : QByteArray());
    bindText(st, 12, details ? details->device.toUtf8() : QByteArray());
    sqlite3_bind_int(st, 13, details && details->bot ? 1 : 0);
    bindText(st, 14, details ? details->botName.toUtf8() : QByteArray());
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return statementError("recording a click", rc);
    return {};
}

Status SqliteLinkStore::journal(const LinkEvent &event)
{
    sqlite3_stmt *st = m_insertEvent;
    if (!st)
        return SqlLinkStore::journal(event);
    sqlite3_bind_int64(st, 1, event.atMs);
    sqlite3_bind_int(st, 2, int(event.type));
    sqlite3_bind_int64(st, 3, event.linkId);
    if (event.clicksKnown)
        sqlite3_bind_int64(st, 4, event.clicks);
    else
        sqlite3_bind_null(st, 4);
    if (event.maxClicks)
        sqlite3_bind_int64(st, 5, *event.maxClicks);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int(st, 6, event.unlimitedClick ? 1 : 0);
    bindText(st, 7, event.country.toUtf8());
    bindText(st, 8, event.browser.toUtf8());
    bindText(st, 9, event.os.toUtf8());
    bindText(st, 10, event.device.toUtf8());
    sqlite3_bind_int(st, 11, event.bot ? 1 : 0);
    bindText(st, 12, event.botName.toUtf8());
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return statementError("writing the events journal", rc);
    return {};
}

namespace {
// How long a change notice stays readable: far longer than a poller that
// is running takes to read it. One that lagged more (a process stopped
// in a debugger) finds a gap in the ids and refreshes everything.
constexpr qint64 kNoticeKeepMs = 10 * 60 * 1000;
} // namespace

Status SqliteLinkStore::announce(const QByteArray &payload)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO change_notices(at, payload) VALUES (?, ?)"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(QString::fromLatin1(payload));
    if (!q.exec())
        return storageError(q, "announcing changes");
    return {};
}

Status SqliteLinkStore::purgeExpired(qint64 nowMs)
{
    if (Status purged = SqlLinkStore::purgeExpired(nowMs); !purged)
        return purged;
    // The newest notice always stays: SQLite gives a new row the largest id
    // plus one, and ids must never be reused, or a poller that has seen
    // that id would skip the notice that reused it.
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM change_notices WHERE at < ? "
                             "AND id < (SELECT MAX(id) FROM change_notices)"));
    q.addBindValue(nowMs - kNoticeKeepMs);
    if (!q.exec())
        return storageError(q, "forgetting old change notices");
    return {};
}

Result<qint64> SqliteLinkStore::dataVersion()
{
    // Asked before every answer from a cache (SqliteChangePoller::catchUp):
    // the prepared statement costs a microsecond or two, Qt SQL's path more.
    if (sqlite3_stmt *st = m_dataVersion) {
        const int stepped = sqlite3_step(st);
        const qint64 version = stepped == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (stepped == SQLITE_ROW)
            return version;
        return Error{500, "storage_error",
                     QStringLiteral("cannot read the data version: %1").arg(QString::fromUtf8(sqlite3_errmsg(connection())))};
    }
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return storageError(q, "reading the data version");
    return q.value(0).toLongLong();
}

Result<qint64> SqliteLinkStore::lastChangeNoticeId()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_notices")) || !q.next())
        return storageError(q, "reading the change notices");
    return q.value(0).toLongLong();
}

Result<QList<SqliteLinkStore::StoredNotice>> SqliteLinkStore::changeNoticesAfter(qint64 afterId, int limit)
{
    // Read after every commit this process's own writer makes (the poller
    // cannot tell its commits from another process's): through Qt SQL,
    // which prepares the query anew each time, this cost the thread that
    // answers redirects more than the redirects themselves.
    QList<StoredNotice> notices;
    if (sqlite3_stmt *st = m_noticesAfter) {
        sqlite3_bind_int64(st, 1, afterId);
        sqlite3_bind_int(st, 2, limit);
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            // Written as text from Latin-1 (announce): read back the same bytes.
            notices.append(StoredNotice{sqlite3_column_int64(st, 0), columnText(st, 1).toLatin1()});
        }
        const int reset = sqlite3_reset(st);
        if (rc != SQLITE_DONE || reset != SQLITE_OK)
            return statementError("reading the change notices", rc != SQLITE_DONE ? rc : reset);
        return notices;
    }
    QSqlQuery q(database());
    q.prepare(QLatin1String(kNoticesAfterSql));
    q.addBindValue(afterId);
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(q, "reading the change notices");
    while (q.next())
        notices.append(StoredNotice{q.value(0).toLongLong(), q.value(1).toString().toLatin1()});
    return notices;
}

Result<QString> SqliteLinkStore::integrityCheck()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return storageError(q, "checking integrity");
    return q.value(0).toString();
}

} // namespace shortfuse
