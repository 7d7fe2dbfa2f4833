#pragma once

#include "server/core/clock.h"
#include "server/core/result.h"

#include <QHash>
#include <QHostAddress>

#include <list>

namespace shortfuse {

// At most `perMinute` events per client per minute, as a token bucket per
// client key (a refill of perMinute/60 tokens a second, a burst of
// perMinute). IPv6 clients are keyed by their /64, which one subscriber
// usually owns whole.
//
// Memory stays bounded whatever addresses arrive: at `maxClients` tracked
// keys, the bucket touched longest ago makes room for the newcomer (it has
// refilled the most; forgetting it costs its owner at most one fresh
// budget). A newcomer is never refused for want of room, so a flood of
// addresses cannot lock everyone else out, and every call is O(1).
class RateLimiter {
public:
    struct Decision {
        bool allowed = true;
        int retryAfterSeconds = 0;  // when refused: how long until a token exists
    };

    RateLimiter(int perMinute, const Clock &clock, int maxClients = 100'000);

    bool enabled() const { return m_perMinute > 0; }
    int perMinute() const { return m_perMinute; }
    Decision tryAcquire(const QHostAddress &client);
    // The same budget keyed by anything else (a link, for password guesses).
    Decision tryAcquireKey(const QByteArray &key);
    // Gives back an event taken by tryAcquire (one that turned out not to
    // count, such as a right password).
    void refund(const QHostAddress &client);
    void refundKey(const QByteArray &key);
    int trackedClients() const { return int(m_buckets.size()); }

    // The key a client's budget is kept under: its IPv4 address, or the /64
    // of its IPv6 address. Also the key of the shared CreationQuota.
    static QByteArray keyFor(const QHostAddress &client);

private:
    struct Bucket {
        QByteArray key;
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    // Least recently touched first; the hash points into it.
    using Recency = std::list<Bucket>;

    void refill(Bucket &bucket, qint64 now) const;
    Bucket &touch(const QByteArray &key, qint64 now);

    int m_perMinute;
    double m_tokensPerMs;
    const Clock &m_clock;
    int m_maxClients;
    Recency m_recency;
    QHash<QByteArray, Recency::iterator> m_buckets;
};

// The 429 every rate limit answers with: "Too many <what> from your address".
Error tooManyRequests(const QString &what, int retryAfterSeconds);

} // namespace shortfuse
