#pragma once

#include "server/core/result.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace shortfuse {

// One thread and the queue of work it takes from: any thread pushes items,
// the worker's loop takes them either one at a time (StoreReader) or as a
// whole batch (ClickWriter's group commit). Owns the mutex, the condition
// variable and the stop/join, so the classes using it only say what an
// item is and what to do with it.
//
// Items are urgent (someone waits for the answer: wake the worker now) or
// lazy (a log row: let them pile up, and wake the worker only every
// `lazyItemsPerWake` of them, so a stream of them costs a few wake-ups a
// second instead of one context switch each).
template <typename Item>
class WorkerThread final {
public:
    enum class Urgency { Now, Lazy };

    explicit WorkerThread(int lazyItemsPerWake = 1)
        : m_lazyItemsPerWake(lazyItemsPerWake)
    {
    }
    ~WorkerThread() { stop(); }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // Runs `setup` on the new thread and waits for it, so a database that
    // cannot be opened is reported to the caller; on success the thread
    // goes on with `loop` until it returns.
    Status start(std::function<Status()> setup, std::function<void()> loop)
    {
        std::promise<Status> ready;
        std::future<Status> result = ready.get_future();
        m_thread = std::thread([&ready, setup = std::move(setup), loop = std::move(loop)] {
            Status status = setup();
            const bool ok = status.ok();
            ready.set_value(std::move(status)); // `ready` is gone after this line
            if (ok)
                loop();
        });
        Status status = result.get();
        if (!status)
            m_thread.join();
        return status;
    }

    // Asks the loop to end (takeOne() and takeBatch() say so) and waits
    // for the thread. Idempotent.
    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
    }

    // Callable from any thread.
    void push(Item item, Urgency urgency = Urgency::Now)
    {
        bool wake = urgency == Urgency::Now;
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(item));
            if (wake)
                m_urgent = true;
            else
                wake = ++m_lazyWaiting == m_lazyItemsPerWake;
        }
        if (wake)
            m_wake.notify_one();
    }

    // Worker thread: waits for the next item. False once a stop is asked,
    // even with items left: they are dropped, their askers are going away too.
    bool takeOne(Item &item)
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
        if (m_stopping)
            return false;
        item = std::move(m_queue.front());
        m_queue.pop_front();
        return true;
    }

    // Worker thread: waits until something urgent arrives, enough lazy items
    // have piled up, or `maxDelay` has passed with anything queued; then
    // moves up to `maxItems` into `batch`. After a stop it goes on until the
    // queue is empty, then returns false: everything pushed is handled.
    bool takeBatch(std::vector<Item> &batch, std::size_t maxItems, std::chrono::milliseconds maxDelay)
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait_for(lock, maxDelay, [this] {
                return m_urgent || m_stopping || m_lazyWaiting >= m_lazyItemsPerWake;
            });
            if (m_queue.empty() && m_stopping)
                return false;
            if (!m_queue.empty())
                break;
        }
        while (!m_queue.empty() && batch.size() < maxItems) {
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        m_urgent = !m_queue.empty(); // more than one batch waiting: no pause before the next
        m_lazyWaiting = 0;
        return true;
    }

    // Worker thread: puts `items` back at the front of the queue, in their
    // order, to be taken again by the next batch (at once: they were due).
    void putBack(std::vector<Item> &items)
    {
        std::lock_guard lock(m_mutex);
        for (auto it = items.rbegin(); it != items.rend(); ++it)
            m_queue.push_front(std::move(*it));
        items.clear();
        m_urgent = !m_queue.empty();
    }

    // Worker thread: sleeps for `duration` (backing off after a failure),
    // cut short by any push or stop so waiting work is retried at once.
    void pause(std::chrono::milliseconds duration)
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, duration);
    }

    bool stopRequested() const
    {
        std::lock_guard lock(m_mutex);
        return m_stopping;
    }

private:
    const int m_lazyItemsPerWake;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_queue;
    bool m_stopping = false;
    bool m_urgent = false;  // something in the queue has a caller waiting
    int m_lazyWaiting = 0;
    std::thread m_thread;
};

} // namespace shortfuse
