#pragma once

#include "server/core/linkevent.h"
#include "server/core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace shortfuse {

// A webhook endpoint as the owner set it up (POST /api/webhooks, the
// desktop settings) and as its deliveries stand.
struct WebhookEndpoint {
    qint64 id = 0;
    QString url;
    QList<LinkEventType> events;    // the event types it receives
    bool unlimitedClicks = false;   // also link.clicked for unlimited links (each redirect a delivery)
    QStringList slugs;              // only these links; empty: every link in scope
    QString label;                  // only links with this label; empty: any
    QString format = QStringLiteral("standard"); // standard, slack, discord, ntfy
    QString secret;                 // whsec_...; shown once, at creation
    std::optional<qint64> ownerKeyId; // a non-admin key's endpoint hears only that key's links
    qint64 createdAtMs = 0;
    std::optional<qint64> failingSinceMs;  // every attempt since has failed
    std::optional<qint64> disabledAtMs;    // failing for 24 hours: no more deliveries
    std::optional<qint64> lastAttemptAtMs;
    QString lastResult;             // "200", "timeout", "address not allowed: ..."
    qint64 delivered = 0;
    qint64 dropped = 0;             // oldest undelivered events dropped past the outbox bound
    qint64 abandoned = 0;           // undelivered when the endpoint was disabled
    qint64 pending = 0;             // events waiting in its outbox (read with the list)

    // The one rule of who hears what: an enabled endpoint, an event since it
    // was made, the event's type
    // subscribed (a click on an unlimited link only if asked for), the
    // link among its slugs or with its label when it has those, and the
    // link within its key's scope.
    bool wants(const LinkEvent &event) const;
    // Whether wants() looks at the event's link (its slug, label or owner),
    // or only at the event itself (its type, time and whether unlimited).
    bool filtersByLink() const { return ownerKeyId || !slugs.isEmpty() || !label.isEmpty(); }
};

// The subscription as stored: event names separated by commas, plus
// "unlimited" when clicks on unlimited links are wanted.
QString encodeWebhookEvents(const WebhookEndpoint &endpoint);
void decodeWebhookEvents(const QString &text, WebhookEndpoint &endpoint);

// Retries: the wait before attempt `attempt` + 1 after `attempt` failed
// attempts (5 s doubling to at most an hour), spread by ±20 % with
// `jitter` in [0, 1) so endpoints that failed together do not retry together.
qint64 webhookRetryDelayMs(int attempt, double jitter);
// An endpoint failing for this long is disabled (its outbox is abandoned).
constexpr qint64 kWebhookDisableAfterMs = 24LL * 60 * 60 * 1000;
// At most this many undelivered events per endpoint; past it the oldest go.
constexpr qint64 kWebhookOutboxBound = 10'000;
// Of those, at most this many are in the endpoint's outbox (being sent or
// waiting for a retry); the rest wait in the events journal, where they
// cost nothing until there is room.
constexpr qint64 kWebhookOutboxWindow = 256;
// At most this many endpoints per key (or for local requests).
constexpr int kMaxWebhooksPerOwner = 50;

} // namespace shortfuse
