#pragma once

#include <QDateTime>

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

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
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
