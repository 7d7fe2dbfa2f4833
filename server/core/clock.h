#pragma once

#include <QDateTime>

#include <algorithm>
#include <atomic>
#include <chrono>

namespace shortfuse {

// Where the engine reads the time. Production uses SystemClock; tests use a
// clock they can move, so nothing time-dependent needs a sleeping test.
class Clock {
public:
    virtual ~Clock() = default;
    // Wall-clock UTC milliseconds since the epoch, for records people read.
    virtual qint64 nowMs() const = 0;
    // Monotonic milliseconds, for durations (rate limits, timeouts).
    virtual qint64 steadyMs() const = 0;
};

// The machine's wall clock, except that it never goes back within this
// process: each reading is the latest of the clock and every earlier
// reading. Expiry is judged by this clock, so a link that has expired stays
// expired when the machine's clock is stepped back (NTP, a wrong manual
// set, a VM restored), and a link never redirects after its expiry by the
// latest time the process has seen. One high-water mark for the whole
// process (an inline function's static), so every SystemClock agrees.
inline qint64 wallClockMs()
{
    static std::atomic<qint64> highest{0};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 seen = highest.load(std::memory_order_relaxed);
    while (now > seen && !highest.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
    return std::max(now, seen);
}

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return wallClockMs(); }
    qint64 steadyMs() const override
    {
        using namespace std::chrono;
        return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
    }
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000) : m_now(startMs), m_steady(1'000) {}
    qint64 nowMs() const override { return m_now; }
    qint64 steadyMs() const override { return m_steady; }
    void advance(qint64 ms)
    {
        m_now += ms;
        m_steady += ms;
    }

private:
    qint64 m_now;
    qint64 m_steady;
};

} // namespace shortfuse
