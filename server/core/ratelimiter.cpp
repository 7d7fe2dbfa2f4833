#include "server/core/ratelimiter.h"

#include "server/core/clientaddress.h"

#include <cmath>

namespace shortfuse {

RateLimiter::RateLimiter(int perMinute, const Clock &clock, int maxClients)
    : m_perMinute(perMinute)
    , m_tokensPerMs(perMinute / 60'000.0)
    , m_clock(clock)
    , m_maxClients(maxClients)
{
}

QByteArray RateLimiter::keyFor(const QHostAddress &client)
{
    const QHostAddress normal = normalizeAddress(client);
    if (normal.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR bytes = normal.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(bytes.c), 8); // the /64
    }
    const quint32 v4 = normal.toIPv4Address();
    return QByteArray(reinterpret_cast<const char *>(&v4), sizeof v4);
}

void RateLimiter::refill(Bucket &bucket, qint64 now) const
{
    const qint64 elapsed = now - bucket.updatedMs;
    if (elapsed > 0) {
        bucket.tokens = std::min<double>(m_perMinute, bucket.tokens + elapsed * m_tokensPerMs);
        bucket.updatedMs = now;
    }
}

RateLimiter::Bucket &RateLimiter::touch(const QByteArray &key, qint64 now)
{
    const auto found = m_buckets.constFind(key);
    if (found != m_buckets.cend()) {
        m_recency.splice(m_recency.end(), m_recency, *found); // now the most recent
        return m_recency.back();
    }
    if (m_buckets.size() >= m_maxClients) {
        m_buckets.remove(m_recency.front().key);
        m_recency.pop_front();
    }
    m_recency.push_back(Bucket{key, double(m_perMinute), now});
    m_buckets.insert(key, std::prev(m_recency.end()));
    return m_recency.back();
}

RateLimiter::Decision RateLimiter::tryAcquire(const QHostAddress &client)
{
    return enabled() ? tryAcquireKey(keyFor(client)) : Decision{};
}

void RateLimiter::refund(const QHostAddress &client)
{
    if (enabled())
        refundKey(keyFor(client));
}

void RateLimiter::refundKey(const QByteArray &key)
{
    const auto it = m_buckets.constFind(key);
    if (it != m_buckets.cend())
        (*it)->tokens = std::min<double>(m_perMinute, (*it)->tokens + 1.0);
}

RateLimiter::Decision RateLimiter::tryAcquireKey(const QByteArray &key)
{
    if (!enabled())
        return {};
    const qint64 now = m_clock.steadyMs();
    Bucket &bucket = touch(key, now);
    refill(bucket, now);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double missing = 1.0 - bucket.tokens;
    const int wait = std::max(1, int(std::ceil(missing / m_tokensPerMs / 1000.0)));
    return {false, wait};
}

Error tooManyRequests(const QString &what, int retryAfterSeconds)
{
    return Error{429, "rate_limited",
                 QStringLiteral("Too many %1 from your address; try again in %2 seconds.").arg(what).arg(retryAfterSeconds),
                 retryAfterSeconds};
}

} // namespace shortfuse
