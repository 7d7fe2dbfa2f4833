#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

#include <functional>

// Runs the event loop until `condition` holds or `timeoutMs` passes, and
// says which. Tests wait on conditions this way, never on fixed sleeps.
inline bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}
