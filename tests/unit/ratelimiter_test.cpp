#include "server/core/clock.h"
#include "server/core/creationquota.h"
#include "server/core/ratelimiter.h"

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
const QHostAddress kAlice(QStringLiteral("203.0.113.7"));
const QHostAddress kBob(QStringLiteral("198.51.100.9"));
} // namespace

TEST(RateLimiter, AllowsBurstThenRefusesWithRetryAfter)
{
    ManualClock clock;
    RateLimiter limiter(3, clock);
    EXPECT_TRUE(limiter.tryAcquire(kAlice).allowed);
    EXPECT_TRUE(limiter.tryAcquire(kAlice).allowed);
    EXPECT_TRUE(limiter.tryAcquire(kAlice).allowed);
    const RateLimiter::Decision refused = limiter.tryAcquire(kAlice);
    EXPECT_FALSE(refused.allowed);
    // 3 per minute refill one token every 20 s.
    EXPECT_EQ(refused.retryAfterSeconds, 20);
    // Another client has its own budget.
    EXPECT_TRUE(limiter.tryAcquire(kBob).allowed);
}

TEST(RateLimiter, RefillsOverTime)
{
    ManualClock clock;
    RateLimiter limiter(60, clock); // one a second
    for (int i = 0; i < 60; ++i)
        ASSERT_TRUE(limiter.tryAcquire(kAlice).allowed) << i;
    EXPECT_FALSE(limiter.tryAcquire(kAlice).allowed);
    clock.advance(999);
    EXPECT_FALSE(limiter.tryAcquire(kAlice).allowed);
    clock.advance(2);
    EXPECT_TRUE(limiter.tryAcquire(kAlice).allowed);
    EXPECT_FALSE(limiter.tryAcquire(kAlice).allowed);
    clock.advance(60'000);
    for (int i = 0; i < 60; ++i)
        ASSERT_TRUE(limiter.tryAcquire(kAlice).allowed) << i;
    EXPECT_FALSE(limiter.tryAcquire(kAlice).allowed) << "never more than one minute's worth";
}

TEST(RateLimiter, ZeroMeansOff)
{
    ManualClock clock;
    RateLimiter limiter(0, clock);
    EXPECT_FALSE(limiter.enabled());
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter.tryAcquire(kAlice).allowed);
    EXPECT_EQ(limiter.trackedClients(), 0);
}

TEST(RateLimiter, Ipv6ClientsShareTheirSlash64)
{
    ManualClock clock;
    RateLimiter limiter(2, clock);
    EXPECT_TRUE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2::1"))).allowed);
    EXPECT_TRUE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))).allowed);
    EXPECT_FALSE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2:abcd::1"))).allowed);
    EXPECT_TRUE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:3::1"))).allowed);
    // IPv4-mapped addresses count as their IPv4 address.
    EXPECT_TRUE(limiter.tryAcquire(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))).allowed);
    EXPECT_TRUE(limiter.tryAcquire(QHostAddress(QStringLiteral("192.0.2.1"))).allowed);
    EXPECT_FALSE(limiter.tryAcquire(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))).allowed);
}

// A flood of addresses neither grows memory past the cap nor locks anyone
// out: with every tracked bucket in use, a newcomer is still served (the
// bucket touched longest ago makes room), and a client that keeps coming
// back keeps its own, spent, bucket.
TEST(RateLimiter, AddressFloodIsBoundedAndLocksNobodyOut)
{
    ManualClock clock;
    RateLimiter limiter(2, clock, /*maxClients=*/100);
    const QHostAddress regular(QStringLiteral("192.0.2.7"));
    ASSERT_TRUE(limiter.tryAcquire(regular).allowed);
    ASSERT_TRUE(limiter.tryAcquire(regular).allowed);
    ASSERT_FALSE(limiter.tryAcquire(regular).allowed);
    for (quint32 i = 0; i < 10'000; ++i) {
        ASSERT_TRUE(limiter.tryAcquire(QHostAddress(0x0a000000u + i)).allowed) << "newcomer " << i << " refused";
        if (i % 50 == 0) { // the regular client comes back now and then: still limited
            ASSERT_FALSE(limiter.tryAcquire(regular).allowed) << "after " << i << " newcomers";
        }
    }
    EXPECT_EQ(limiter.trackedClients(), 100);
}

// The shared creation budget's sliding window (the database keeps the counts).
TEST(CreationQuota, FullPreviousMinuteLeavesNothingAtItsEnd)
{
    const qint64 minute = 1'700'000'040'000;  // a window start (a multiple of 60 s)
    ASSERT_EQ(minute % CreationQuota::kWindowMs, 0);
    CreationQuota quota{"k", 10, minute};
    EXPECT_EQ(quota.windowStart(), minute);
    EXPECT_EQ(quota.previousWindowStart(), minute - 60'000);
    EXPECT_EQ(quota.currentWindowLimit(0), 10);
    // Right after a minute with 10 creations, those still count in full.
    EXPECT_EQ(quota.currentWindowLimit(10), 0);
    // Half way through the minute, half of them have slid out.
    quota.nowMs = minute + 30'000;
    EXPECT_EQ(quota.currentWindowLimit(10), 5);
    EXPECT_EQ(quota.currentWindowLimit(3), 8);  // 10 - 1.5, rounded down
    quota.nowMs = minute + 59'999;
    EXPECT_EQ(quota.currentWindowLimit(10), 9);
}

TEST(CreationQuota, RetryAfterIsWhenTheNextCreationFits)
{
    const qint64 minute = 1'700'000'040'000;
    CreationQuota quota{"k", 10, minute + 15'000};
    // This minute already full: wait for the next one (45 s).
    EXPECT_EQ(quota.retryAfterSeconds(0, 10), 45);
    // 10 last minute, 2 now, 15 s in: 10 x 0.75 + 2 = 9.5 + 1 > 10. One more
    // fits once 10 x w + 3 <= 10, w <= 0.7, i.e. 18 s into the minute: 3 s.
    EXPECT_EQ(quota.retryAfterSeconds(10, 2), 3);
    EXPECT_GE(quota.retryAfterSeconds(10, 0), 1);
}
