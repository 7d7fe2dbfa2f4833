#include "server/storage/webhookstore.h"

#include "server/storage/sqllinkstore.h"

#include <QSet>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace shortfuse {

namespace {

const char *const kEndpointColumns =
    "id, url, events, slugs, label, format, secret, owner_key_id, created_at, failing_since, disabled_at, "
    "last_attempt_at, last_result, delivered, dropped, abandoned";
// The attempts kept per endpoint (what GET /api/webhooks shows of its history).
constexpr int kAttemptsKept = 100;

QVariant optionalBigInt(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qlonglong>());
}

std::optional<qint64> optionalFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

WebhookEndpoint endpointFromRow(const QSqlQuery &q)
{
    WebhookEndpoint endpoint;
    endpoint.id = q.value(0).toLongLong();
    endpoint.url = q.value(1).toString();
    decodeWebhookEvents(q.value(2).toString(), endpoint);
    endpoint.slugs = q.value(3).toString().split(u'\n', Qt::SkipEmptyParts);
    endpoint.label = q.value(4).toString();
    endpoint.format = q.value(5).toString();
    endpoint.secret = q.value(6).toString();
    endpoint.ownerKeyId = optionalFrom(q.value(7));
    endpoint.createdAtMs = q.value(8).toLongLong();
    endpoint.failingSinceMs = optionalFrom(q.value(9));
    endpoint.disabledAtMs = optionalFrom(q.value(10));
    endpoint.lastAttemptAtMs = optionalFrom(q.value(11));
    endpoint.lastResult = q.value(12).toString();
    endpoint.delivered = q.value(13).toLongLong();
    endpoint.dropped = q.value(14).toLongLong();
    endpoint.abandoned = q.value(15).toLongLong();
    return endpoint;
}

// " AND owner_key_id = ?" for a key's scope, nothing for everything.
QString ownerCondition(const std::optional<qint64> &owner)
{
    return owner ? QStringLiteral(" AND owner_key_id = ?") : QString();
}

} // namespace

WebhookStore::WebhookStore(SqlLinkStore &store)
    : m_store(store)
{
}

Result<WebhookEndpoint> WebhookStore::insert(const WebhookEndpoint &endpoint)
{
    // It hears of what happens from now on: its position is the journal's end.
    const Result<qint64> end = m_store.lastEventId();
    if (!end)
        return end.error();
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(QStringLiteral("INSERT INTO webhooks(url, events, slugs, label, format, secret, owner_key_id, created_at, "
                             "journal_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(endpoint.url);
    q.addBindValue(encodeWebhookEvents(endpoint));
    q.addBindValue(endpoint.slugs.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(endpoint.slugs.join(u'\n')));
    q.addBindValue(endpoint.label.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(endpoint.label));
    q.addBindValue(endpoint.format);
    q.addBindValue(endpoint.secret);
    q.addBindValue(optionalBigInt(endpoint.ownerKeyId));
    q.addBindValue(endpoint.createdAtMs);
    q.addBindValue(*end);
    if (!q.exec() || !q.next())
        return m_store.queryError(q, "adding a webhook");
    WebhookEndpoint stored = endpoint;
    stored.id = q.value(0).toLongLong();
    return stored;
}

Result<QList<WebhookEndpoint>> WebhookStore::list(std::optional<qint64> owner)
{
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(QStringLiteral("SELECT %1, (SELECT COUNT(*) FROM webhook_outbox o WHERE o.webhook_id = webhooks.id) "
                             "+ CASE WHEN disabled_at IS NULL THEN journal_waiting ELSE 0 END "
                             "FROM webhooks WHERE 1 = 1%2 ORDER BY id DESC")
                  .arg(QLatin1String(kEndpointColumns), ownerCondition(owner)));
    if (owner)
        q.addBindValue(*owner);
    if (!q.exec())
        return m_store.queryError(q, "listing webhooks");
    QList<WebhookEndpoint> endpoints;
    while (q.next()) {
        WebhookEndpoint endpoint = endpointFromRow(q);
        endpoint.pending = q.value(16).toLongLong();
        endpoints.append(std::move(endpoint));
    }
    return endpoints;
}

Result<std::optional<WebhookEndpoint>> WebhookStore::find(qint64 id, std::optional<qint64> owner)
{
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(QStringLiteral("SELECT %1 FROM webhooks WHERE id = ?%2").arg(QLatin1String(kEndpointColumns), ownerCondition(owner)));
    q.addBindValue(id);
    if (owner)
        q.addBindValue(*owner);
    if (!q.exec())
        return m_store.queryError(q, "reading a webhook");
    if (!q.next())
        return std::optional<WebhookEndpoint>{};
    return std::optional<WebhookEndpoint>{endpointFromRow(q)};
}

Result<bool> WebhookStore::remove(qint64 id, std::optional<qint64> owner)
{
    if (Status begun = m_store.beginBatch(); !begun)
        return begun.error();
    QSqlQuery q(m_store.sqlConnection());
    // The outbox first (SQLite only cascades with foreign keys on; say it anyway).
    q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE webhook_id IN (SELECT id FROM webhooks WHERE id = ?%1)")
                  .arg(ownerCondition(owner)));
    q.addBindValue(id);
    if (owner)
        q.addBindValue(*owner);
    bool ok = q.exec();
    QSqlQuery attempts(m_store.sqlConnection());
    if (ok) {
        attempts.prepare(QStringLiteral("DELETE FROM webhook_attempts WHERE webhook_id IN (SELECT id FROM webhooks WHERE id = ?%1)")
                             .arg(ownerCondition(owner)));
        attempts.addBindValue(id);
        if (owner)
            attempts.addBindValue(*owner);
        ok = attempts.exec();
    }
    QSqlQuery hook(m_store.sqlConnection());
    if (ok) {
        hook.prepare(QStringLiteral("DELETE FROM webhooks WHERE id = ?%1").arg(ownerCondition(owner)));
        hook.addBindValue(id);
        if (owner)
            hook.addBindValue(*owner);
        ok = hook.exec();
    }
    if (!ok) {
        const Error error = m_store.queryError(hook.lastError().isValid() ? hook : attempts.lastError().isValid() ? attempts : q,
                                               "deleting a webhook");
        m_store.rollbackBatch();
        return error;
    }
    const bool removed = hook.numRowsAffected() > 0;
    if (Status committed = m_store.commitBatch(); !committed) {
        m_store.rollbackBatch();
        return committed.error();
    }
    return removed;
}

Result<qint64> WebhookStore::countOwned(std::optional<qint64> owner)
{
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(owner ? QStringLiteral("SELECT COUNT(*) FROM webhooks WHERE owner_key_id = ?")
                    : QStringLiteral("SELECT COUNT(*) FROM webhooks WHERE owner_key_id IS NULL"));
    if (owner)
        q.addBindValue(*owner);
    if (!q.exec() || !q.next())
        return m_store.queryError(q, "counting webhooks");
    return q.value(0).toLongLong();
}

Result<bool> WebhookStore::anyWantsUnlimitedClicks()
{
    QSqlQuery q(m_store.sqlConnection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM webhooks WHERE disabled_at IS NULL AND events LIKE '%unlimited%'"))
        || !q.next())
        return m_store.queryError(q, "reading webhooks");
    return q.value(0).toLongLong() > 0;
}

Result<QList<qint64>> WebhookStore::behind(bool bound)
{
    const Result<qint64> last = m_store.lastEventId();
    if (!last)
        return last.error();
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(QStringLiteral("SELECT id FROM webhooks w WHERE disabled_at IS NULL AND journal_position < ?%1")
                  .arg(bound ? QString()
                             : QStringLiteral(" AND (SELECT COUNT(*) FROM webhook_outbox o WHERE o.webhook_id = w.id) < %1")
                                   .arg(kWebhookOutboxWindow)));
    q.addBindValue(*last);
    if (!q.exec())
        return m_store.queryError(q, "reading webhooks");
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

namespace {
// Journal rows read per query while an endpoint's events are sought, and
// at most per refill (the rest waits for the next one, a tick later).
constexpr int kRowsPerRead = 2'000;
constexpr int kRowsPerRefill = 50'000;
} // namespace

Result<int> WebhookStore::refill(qint64 endpointId, qint64 nowMs, bool bound)
{
    // 1. Read, without a write lock: the endpoint, its outbox, and the
    //    events after its position that it wants.
    Result<std::optional<WebhookEndpoint>> found = find(endpointId, std::nullopt);
    if (!found)
        return found.error();
    if (!*found || (*found)->disabledAtMs) {
        m_tallies.remove(endpointId);
        return 0;
    }
    const WebhookEndpoint &endpoint = **found;
    qint64 from = 0;
    {
        QSqlQuery q(m_store.sqlConnection());
        q.prepare(QStringLiteral("SELECT journal_position, (SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ?) "
                                 "FROM webhooks WHERE id = ?"));
        q.addBindValue(endpointId);
        q.addBindValue(endpointId);
        if (!q.exec() || !q.next())
            return m_store.queryError(q, "reading a webhook's position");
        from = q.value(0).toLongLong();
        const qint64 outboxRows = q.value(1).toLongLong();
        if (!bound && outboxRows >= kWebhookOutboxWindow)
            return 0; // no room, and no need to count
    }
    // What the last refill read, if the position has not moved since.
    Tally tally = m_tallies.take(endpointId);
    if (tally.position != from)
        tally = Tally{from, from, {}};
    QList<Wanted> &wanted = tally.wanted;
    qint64 &readTo = tally.readTo; // the last event id read
    bool readAll = false;          // up to the journal's end
    for (int rows = 0; rows < kRowsPerRefill; rows += kRowsPerRead) {
        Result<QList<LinkEvent>> events = m_store.eventKeysAfter(readTo, kRowsPerRead, endpoint.filtersByLink());
        if (!events)
            return events.error();
        if (events->isEmpty()) {
            readAll = true;
            break;
        }
        for (const LinkEvent &event : *events) {
            if (endpoint.wants(event))
                wanted.append(Wanted{event.id, event.atMs});
            readTo = event.id;
        }
        // Without a count to make, the window's room is all that is sought.
        if (!bound && wanted.size() >= kWebhookOutboxWindow)
            break;
    }
    if (readTo == from)
        return 0;

    // 2. Write, in one transaction: the position first, and only if it is
    //    still where the reading began (else another server moved it: its
    //    events are taken; this one's reading is stale and is dropped).
    if (Status begun = m_store.beginBatch(); !begun)
        return begun.error();
    const auto fail = [this](const Error &error) -> Result<int> {
        m_store.rollbackBatch();
        return error;
    };
    QSqlQuery rows(m_store.sqlConnection());
    rows.prepare(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ?"));
    rows.addBindValue(endpointId);
    if (!rows.exec() || !rows.next())
        return fail(m_store.queryError(rows, "reading a webhook outbox"));
    qint64 outboxRows = rows.value(0).toLongLong();
    rows.finish();
    qint64 dropped = 0;
    if (bound) {
        qint64 over = outboxRows + wanted.size() - kWebhookOutboxBound;
        if (over > 0) {
            // Oldest first: the outbox's (not those being sent right now),
            // then the journal's.
            QSqlQuery drop(m_store.sqlConnection());
            drop.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE id IN (SELECT id FROM webhook_outbox WHERE "
                                        "webhook_id = ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY event_id LIMIT ?)"));
            drop.addBindValue(endpointId);
            drop.addBindValue(nowMs);
            drop.addBindValue(over);
            if (!drop.exec())
                return fail(m_store.queryError(drop, "bounding a webhook outbox"));
            const qint64 fromOutbox = std::max(0, drop.numRowsAffected());
            outboxRows -= fromOutbox;
            const qint64 fromJournal = std::min<qint64>(over - fromOutbox, wanted.size());
            wanted.erase(wanted.begin(), wanted.begin() + fromJournal);
            dropped = fromOutbox + fromJournal;
        }
    }
    const qint64 room = std::max<qint64>(0, kWebhookOutboxWindow - outboxRows);
    const qint64 taken = std::min<qint64>(room, wanted.size());
    // Past everything read when all it wanted was taken; else just past the
    // last event taken (and past what was dropped).
    qint64 position = readTo;
    if (taken < wanted.size())
        position = wanted[taken].id - 1;
    // What still waits in the journal: counted when everything was read
    // (or a count was asked for); else at least what was seen, and at
    // least the last count less what was taken now.
    const qint64 waiting = wanted.size() - taken;
    const bool counted = bound || readAll;
    QSqlQuery move(m_store.sqlConnection());
    move.prepare(QStringLiteral("UPDATE webhooks SET journal_position = ?, dropped = dropped + ?, journal_waiting = "
                                "CASE WHEN ? = 1 OR journal_waiting - ? < ? THEN ? ELSE journal_waiting - ? END, "
                                "waiting_since = ? WHERE id = ? AND journal_position = ? AND disabled_at IS NULL"));
    move.addBindValue(position);
    move.addBindValue(dropped);
    move.addBindValue(counted ? 1 : 0);
    move.addBindValue(taken);
    move.addBindValue(waiting);
    move.addBindValue(waiting);
    move.addBindValue(taken);
    move.addBindValue(waiting > 0 ? QVariant(wanted[taken].atMs) : QVariant(QMetaType::fromType<qlonglong>()));
    move.addBindValue(endpointId);
    move.addBindValue(from);
    if (!move.exec())
        return fail(m_store.queryError(move, "moving a webhook's position"));
    if (move.numRowsAffected() != 1) {
        m_store.rollbackBatch(); // moved meanwhile (or disabled): nothing to do here
        return 0;
    }
    QSqlQuery put(m_store.sqlConnection());
    put.prepare(QStringLiteral("INSERT INTO webhook_outbox(webhook_id, event_id, attempts, next_attempt_at, created_at) "
                               "VALUES (?, ?, 0, ?, ?)"));
    for (qint64 i = 0; i < taken; ++i) {
        put.bindValue(0, endpointId);
        put.bindValue(1, wanted[i].id);
        put.bindValue(2, nowMs);
        put.bindValue(3, wanted[i].atMs); // the event's time: what "oldest pending" measures
        if (!put.exec())
            return fail(m_store.queryError(put, "filling a webhook outbox"));
    }
    if (Status committed = m_store.commitBatch(); !committed)
        return fail(committed.error());
    // Kept for the next refill: what is still wanted after the new position.
    wanted.erase(wanted.begin(), wanted.begin() + taken);
    tally.position = position;
    m_tallies.insert(endpointId, std::move(tally));
    return int(taken);
}

Result<QList<WebhookStore::Due>> WebhookStore::lease(qint64 nowMs, qint64 leaseMs, int limit)
{
    {
        // The same: a write transaction only when something is due.
        QSqlQuery peek(m_store.sqlConnection());
        peek.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM webhook_outbox WHERE next_attempt_at <= ? AND "
                                    "(lease_until IS NULL OR lease_until <= ?) LIMIT 1) due"));
        peek.addBindValue(nowMs);
        peek.addBindValue(nowMs);
        if (!peek.exec() || !peek.next())
            return m_store.queryError(peek, "reading the webhook outbox");
        if (peek.value(0).toLongLong() == 0)
            return QList<Due>{};
    }
    if (Status begun = m_store.beginBatch(); !begun)
        return begun.error();
    const auto fail = [this](const Error &error) -> Result<QList<Due>> {
        m_store.rollbackBatch();
        return error;
    };
    QSqlQuery q(m_store.sqlConnection());
    q.prepare(QStringLiteral(
                  "UPDATE webhook_outbox SET lease_until = ? WHERE id IN ("
                  "SELECT o.id FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id "
                  "WHERE o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?) AND w.disabled_at IS NULL "
                  "ORDER BY o.next_attempt_at, o.id LIMIT ?%1) RETURNING id, webhook_id, event_id, attempts")
                  .arg(m_store.isPostgres() ? QStringLiteral(" FOR UPDATE OF o SKIP LOCKED") : QString()));
    q.addBindValue(nowMs + leaseMs);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(limit);
    if (!q.exec())
        return fail(m_store.queryError(q, "leasing webhook deliveries"));
    struct Leased {
        qint64 outboxId, webhookId, eventId;
        int attempts;
    };
    QList<Leased> leased;
    while (q.next())
        leased.append(Leased{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt()});
    q.finish();
    if (Status committed = m_store.commitBatch(); !committed)
        return fail(committed.error());
    if (leased.isEmpty())
        return QList<Due>{};

    // What to send: the events and the endpoints, read after the lease.
    QList<qint64> eventIds;
    QHash<qint64, WebhookEndpoint> endpoints;
    for (const Leased &row : leased) {
        eventIds.append(row.eventId);
        if (!endpoints.contains(row.webhookId)) {
            Result<std::optional<WebhookEndpoint>> endpoint = find(row.webhookId, std::nullopt);
            if (!endpoint)
                return endpoint.error();
            if (*endpoint)
                endpoints.insert(row.webhookId, **endpoint);
        }
    }
    Result<QList<LinkEvent>> events = m_store.eventsByIds(eventIds);
    if (!events)
        return events.error();
    QHash<qint64, LinkEvent> byId;
    for (const LinkEvent &event : *events)
        byId.insert(event.id, event);
    QList<Due> due;
    for (const Leased &row : leased) {
        if (!byId.contains(row.eventId) || !endpoints.contains(row.webhookId)) {
            // Its link was purged (an erasure) or the endpoint deleted: nothing to send, ever.
            QSqlQuery gone(m_store.sqlConnection());
            gone.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE id = ?"));
            gone.addBindValue(row.outboxId);
            if (!gone.exec())
                return m_store.queryError(gone, "clearing the webhook outbox");
            continue;
        }
        due.append(Due{row.outboxId, row.attempts, endpoints.value(row.webhookId), byId.value(row.eventId)});
    }
    return due;
}

Status WebhookStore::release(const QList<qint64> &outboxIds)
{
    for (qint64 id : outboxIds) {
        QSqlQuery q(m_store.sqlConnection());
        q.prepare(QStringLiteral("UPDATE webhook_outbox SET lease_until = NULL WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return m_store.queryError(q, "giving back webhook leases");
    }
    return {};
}

namespace {
Status recordAttempt(SqlLinkStore &store, const WebhookStore::Due &due, qint64 nowMs, const WebhookStore::Attempt &attempt)
{
    QSqlQuery q(store.sqlConnection());
    q.prepare(QStringLiteral("INSERT INTO webhook_attempts(webhook_id, event_id, at, status, error, elapsed_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(due.endpoint.id);
    q.addBindValue(due.event.id);
    q.addBindValue(nowMs);
    q.addBindValue(attempt.status ? QVariant(attempt.status) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(attempt.error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(attempt.error.left(500)));
    q.addBindValue(attempt.elapsedMs);
    if (!q.exec())
        return store.queryError(q, "recording a webhook attempt");
    // Only the newest attempts are kept: the history is for the owner's eyes, not an archive.
    QSqlQuery prune(store.sqlConnection());
    prune.prepare(QStringLiteral("DELETE FROM webhook_attempts WHERE webhook_id = ? AND id <= (SELECT id FROM "
                                 "webhook_attempts WHERE webhook_id = ? ORDER BY id DESC LIMIT 1 OFFSET %1)")
                      .arg(kAttemptsKept));
    prune.addBindValue(due.endpoint.id);
    prune.addBindValue(due.endpoint.id);
    if (!prune.exec())
        return store.queryError(prune, "pruning webhook attempts");
    return {};
}

QString resultText(const WebhookStore::Attempt &attempt)
{
    if (attempt.error.isEmpty())
        return QString::number(attempt.status);
    return attempt.status ? QStringLiteral("%1 %2").arg(attempt.status).arg(attempt.error) : attempt.error;
}
} // namespace

Status WebhookStore::writeDelivered(const Finished &finished, qint64 nowMs)
{
    QSqlQuery done(m_store.sqlConnection());
    done.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE id = ?"));
    done.addBindValue(finished.due.outboxId);
    if (!done.exec())
        return m_store.queryError(done, "clearing a delivered webhook");
    if (Status recorded = recordAttempt(m_store, finished.due, nowMs, finished.attempt); !recorded)
        return recorded;
    QSqlQuery well(m_store.sqlConnection());
    well.prepare(QStringLiteral("UPDATE webhooks SET failing_since = NULL, delivered = delivered + 1, "
                                "last_attempt_at = ?, last_result = ? WHERE id = ?"));
    well.addBindValue(nowMs);
    well.addBindValue(resultText(finished.attempt));
    well.addBindValue(finished.due.endpoint.id);
    if (!well.exec())
        return m_store.queryError(well, "recording a delivered webhook");
    return {};
}

Result<bool> WebhookStore::writeFailed(const Finished &finished, qint64 nowMs)
{
    const Due &due = finished.due;
    QSqlQuery retry(m_store.sqlConnection());
    retry.prepare(QStringLiteral("UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL "
                                 "WHERE id = ?"));
    retry.addBindValue(finished.retryAtMs);
    retry.addBindValue(due.outboxId);
    if (!retry.exec())
        return m_store.queryError(retry, "scheduling a webhook retry");
    if (Status recorded = recordAttempt(m_store, due, nowMs, finished.attempt); !recorded)
        return recorded.error();
    QSqlQuery ill(m_store.sqlConnection());
    ill.prepare(QStringLiteral("UPDATE webhooks SET failing_since = COALESCE(failing_since, ?), last_attempt_at = ?, "
                               "last_result = ? WHERE id = ? RETURNING failing_since, disabled_at"));
    ill.addBindValue(nowMs);
    ill.addBindValue(nowMs);
    ill.addBindValue(resultText(finished.attempt));
    ill.addBindValue(due.endpoint.id);
    if (!ill.exec())
        return m_store.queryError(ill, "recording a failed webhook");
    const bool disable = ill.next() && ill.value(1).isNull() && nowMs - ill.value(0).toLongLong() >= kWebhookDisableAfterMs;
    ill.finish();
    if (!disable)
        return false;
    // Failing for a day: disabled, and what waits for it is abandoned, counted.
    QSqlQuery count(m_store.sqlConnection());
    count.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ?) + journal_waiting "
                                 "FROM webhooks WHERE id = ?"));
    count.addBindValue(due.endpoint.id);
    count.addBindValue(due.endpoint.id);
    if (!count.exec() || !count.next())
        return m_store.queryError(count, "disabling a webhook");
    const qint64 abandoned = count.value(0).toLongLong();
    count.finish();
    QSqlQuery clear(m_store.sqlConnection());
    clear.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE webhook_id = ?"));
    clear.addBindValue(due.endpoint.id);
    if (!clear.exec())
        return m_store.queryError(clear, "disabling a webhook");
    QSqlQuery off(m_store.sqlConnection());
    off.prepare(QStringLiteral("UPDATE webhooks SET disabled_at = ?, abandoned = abandoned + ?, journal_waiting = 0, "
                               "waiting_since = NULL WHERE id = ?"));
    off.addBindValue(nowMs);
    off.addBindValue(abandoned);
    off.addBindValue(due.endpoint.id);
    if (!off.exec())
        return m_store.queryError(off, "disabling a webhook");
    return true;
}

Result<QList<qint64>> WebhookStore::record(const QList<Finished> &finished, qint64 nowMs)
{
    if (finished.isEmpty())
        return QList<qint64>{};
    if (Status begun = m_store.beginBatch(); !begun)
        return begun.error();
    QList<qint64> disabled;
    for (const Finished &one : finished) {
        if (disabled.contains(one.due.endpoint.id))
            continue; // its outbox is gone with it
        if (!one.attempt.error.isEmpty()) {
            const Result<bool> off = writeFailed(one, nowMs);
            if (!off) {
                m_store.rollbackBatch();
                return off.error();
            }
            if (*off)
                disabled.append(one.due.endpoint.id);
        } else if (Status written = writeDelivered(one, nowMs); !written) {
            m_store.rollbackBatch();
            return written.error();
        }
    }
    if (Status committed = m_store.commitBatch(); !committed) {
        m_store.rollbackBatch();
        return committed.error();
    }
    return disabled;
}

Result<WebhookStore::Backlog> WebhookStore::backlog()
{
    QSqlQuery q(m_store.sqlConnection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*), MIN(created_at) FROM webhook_outbox")) || !q.next())
        return m_store.queryError(q, "reading the webhook outbox");
    Backlog backlog{q.value(0).toLongLong(), optionalFrom(q.value(1))};
    q.finish();
    // And what waits in the journal (as of each endpoint's last refill).
    if (!q.exec(QStringLiteral("SELECT COALESCE(SUM(journal_waiting), 0), MIN(waiting_since) FROM webhooks "
                               "WHERE disabled_at IS NULL"))
        || !q.next())
        return m_store.queryError(q, "reading webhooks");
    backlog.pending += q.value(0).toLongLong();
    if (const std::optional<qint64> since = optionalFrom(q.value(1)); since)
        backlog.oldestCreatedAtMs = std::min(backlog.oldestCreatedAtMs.value_or(*since), *since);
    QSqlQuery lost(m_store.sqlConnection());
    if (!lost.exec(QStringLiteral("SELECT COALESCE(SUM(dropped), 0), COALESCE(SUM(abandoned), 0), "
                                  "COUNT(disabled_at), COUNT(*) - COUNT(disabled_at) FROM webhooks"))
        || !lost.next())
        return m_store.queryError(lost, "reading webhooks");
    backlog.dropped = lost.value(0).toLongLong();
    backlog.abandoned = lost.value(1).toLongLong();
    backlog.disabled = lost.value(2).toLongLong();
    backlog.enabled = lost.value(3).toLongLong();
    return backlog;
}

} // namespace shortfuse
