#include "server/storage/storereader.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReader, "shortfuse.reader")

namespace shortfuse {

void StoreReader::failedRead(const Error &cause)
{
    m_failedReads.fetch_add(1, std::memory_order_relaxed);
    qCWarning(lcReader) << "read failed:" << cause.message;
}

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
    return m_worker.start([this] { return m_store->open(); }, [this] { run(); });
}

void StoreReader::stop()
{
    m_worker.stop();
}

void StoreReader::flush(std::function<void()> done)
{
    m_worker.push([target = QPointer<QObject>(m_replyContext), done = std::move(done)](LinkStore &) {
        if (target)
            QMetaObject::invokeMethod(target.data(), done, Qt::QueuedConnection);
    });
}

void StoreReader::run()
{
    for (;;) {
        Job job; // released right after it ran, with what it captured
        if (!m_worker.takeOne(job))
            break; // a stop drops unanswered reads: their clients are going away too
        job(*m_store);
    }
    m_store->close();
}

} // namespace shortfuse
