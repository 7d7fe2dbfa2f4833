#pragma once

#include "server/core/linkevent.h"
#include "server/core/result.h"
#include "server/core/webhookendpoint.h"

#include <QHash>
#include <QList>

#include <optional>

namespace shortfuse {

class SqlLinkStore;

// The webhook tables (schemas 9 and 10) on one store's connection: the
// endpoints the API manages, each with its position in the events journal,
// and the outbox the delivery worker fills from the journal and empties by
// delivering. Used on the connection's own
// thread (the delivery worker's), one call at a time; every write is its
// own transaction. `owner`: nullopt reaches every endpoint (an admin key,
// a local request, the window), a key's id only that key's.
class WebhookStore final {
public:
    explicit WebhookStore(SqlLinkStore &store);

    Result<WebhookEndpoint> insert(const WebhookEndpoint &endpoint);
    // With their pending counts; newest first.
    Result<QList<WebhookEndpoint>> list(std::optional<qint64> owner);
    Result<std::optional<WebhookEndpoint>> find(qint64 id, std::optional<qint64> owner);
    // Deletes the endpoint and its outbox; false when unknown (or out of scope).
    Result<bool> remove(qint64 id, std::optional<qint64> owner);
    Result<qint64> countOwned(std::optional<qint64> owner);
    // Whether an enabled endpoint wants clicks on unlimited links.
    Result<bool> anyWantsUnlimitedClicks();

    // Each endpoint reads the events journal from a position of its own.
    // Its outbox holds a window (kWebhookOutboxWindow) of the events it
    // wants, being sent or waiting for a retry; the rest wait in the
    // journal, costing nothing (a black-holed endpoint adds no write per
    // click). refill() moves the next events an endpoint wants into its
    // outbox, as far as the window has room, and the position past them
    // and past the events it does not want. With `bound`, it also counts
    // what waits in the journal and, past kWebhookOutboxBound waiting in
    // all, drops the oldest (from the outbox first, then by moving the
    // position), counted in `dropped`; the count is kept beside the
    // position for list() and backlog().
    // The journal is read before any write lock is taken (on SQLite that
    // lock is the click writer's too); the position then moves only if it
    // is still where the reading began, so two servers filling one
    // endpoint never both take an event. Answers how many events it took.
    Result<int> refill(qint64 endpointId, qint64 nowMs, bool bound);
    // The enabled endpoints refill() may have work for: those whose
    // position is behind the journal's end (with `bound`: every one that
    // is behind; else only those with room in their window).
    Result<QList<qint64>> behind(bool bound);

    // An outbox row due for an attempt, leased to this worker.
    struct Due {
        qint64 outboxId = 0;
        int attempts = 0;          // made before this one
        WebhookEndpoint endpoint;  // with its secret
        LinkEvent event;
    };
    // Leases up to `limit` due rows for `leaseMs` (another server takes
    // them once the lease runs out: this one died mid-delivery). On
    // PostgreSQL rows another server holds are skipped (SKIP LOCKED).
    // Rows whose event is gone (its link purged) are deleted, not returned.
    Result<QList<Due>> lease(qint64 nowMs, qint64 leaseMs, int limit);

    // Gives leases back unattempted (the server is stopping): due again at once.
    Status release(const QList<qint64> &outboxIds);

    struct Attempt {
        int status = 0;            // the HTTP status, 0 when none came
        QString error;             // empty when delivered
        qint64 elapsedMs = 0;
    };
    // One attempt's end. Delivered (no error): the row goes, the endpoint
    // is well again. Failed: retried at `retryAtMs`; an endpoint failing for
    // kWebhookDisableAfterMs is disabled and its outbox abandoned (counted).
    struct Finished {
        Due due;
        Attempt attempt;
        qint64 retryAtMs = 0;
    };
    // Records attempts that ended, in one transaction (the delivery worker
    // gathers them: a write per delivery would take SQLite's one write lock
    // from the click writer a thousand times a second). Answers the
    // endpoints this disabled.
    Result<QList<qint64>> record(const QList<Finished> &finished, qint64 nowMs);

    // For /metrics: the outbox, and what went undelivered, over every endpoint.
    struct Backlog {
        qint64 pending = 0;
        std::optional<qint64> oldestCreatedAtMs;
        qint64 dropped = 0;    // past the per-endpoint bound
        qint64 abandoned = 0;  // when their endpoint was disabled
        qint64 disabled = 0;   // endpoints disabled
        qint64 enabled = 0;    // endpoints delivering
    };
    Result<Backlog> backlog();

private:
    Status writeDelivered(const Finished &finished, qint64 nowMs);
    Result<bool> writeFailed(const Finished &finished, qint64 nowMs);

    // What refill() last learnt of an endpoint's journal: the events it
    // wants after `position`, read up to `readTo`. Valid while the
    // endpoint's position in the database is still `position`; then the
    // next refill reads only what came after `readTo` (a black-holed
    // endpoint behind by thousands of events is not read again each second).
    struct Wanted {
        qint64 id;
        qint64 atMs;
    };
    struct Tally {
        qint64 position = 0;
        qint64 readTo = 0;
        QList<Wanted> wanted;
    };
    QHash<qint64, Tally> m_tallies; // by endpoint id

    SqlLinkStore &m_store;
};

} // namespace shortfuse
