#include "server/storage/storereader.h"

#include <QMetaObject>

namespace shortfuse {

StoreReader::StoreReader(std::unique_ptr<LinkStore> store, QObject *replyContext)
    : m_store(std::move(store))
    , m_replyContext(replyContext)
{
}

StoreReader::~StoreReader()
{
    stop();
}

Status StoreReader::start()
{
    std::promise<Status> opened;
    std::future<Status> result = opened.get_future();
    m_thread = std::thread([this, &opened] { run(&opened); });
    Status status = result.get();
    if (!status)
        m_thread.join();
    return status;
}

void StoreReader::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void StoreReader::enqueue(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void StoreReader::run(std::promise<Status> *opened)
{
    {
        Status status = m_store->open();
        const bool ok = status.ok();
        opened->set_value(std::move(status));
        if (!ok)
            return;
    }
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
            if (m_stopping)
                break; // unanswered reads are dropped: their clients are going away too
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job(*m_store);
    }
    m_store->close();
}

} // namespace shortfuse
