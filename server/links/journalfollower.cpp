#include "server/links/journalfollower.h"

#include "server/storage/storereader.h"

#include <QLoggingCategory>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcJournal, "shortfuse.journal")

JournalFollower::JournalFollower(StoreReader &reader, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
{
    qRegisterMetaType<shortfuse::LinkEvent>();
    qRegisterMetaType<QList<shortfuse::LinkEvent>>();
    m_fallback.setInterval(kFallbackMs);
    connect(&m_fallback, &QTimer::timeout, this, &JournalFollower::poke);
}

void JournalFollower::start()
{
    m_reading = true;
    m_reader.read<qint64>(
        [](LinkReads &reads) { return reads.lastEventId(); },
        [this](const Result<qint64> &last) {
            m_reading = false;
            if (!last) {
                // The database is down: the fallback timer tries again.
                qCDebug(lcJournal) << "cannot read the journal's end yet:" << last.error().message;
                QTimer::singleShot(kFallbackMs, this, &JournalFollower::start);
                return;
            }
            m_lastId = *last;
            m_fallback.start();
            Q_EMIT started();
            if (m_again)
                poke();
        },
        this);
}

void JournalFollower::poke()
{
    if (!m_lastId || m_reading) {
        m_again = true; // read once the read in flight (or the start) is done
        return;
    }
    read();
}

void JournalFollower::read()
{
    m_reading = true;
    m_again = false;
    const qint64 after = *m_lastId;
    m_reader.read<QList<LinkEvent>>(
        [after](LinkReads &reads) { return reads.eventsAfter(after, kMaxEventsPerRead); },
        [this](const Result<QList<LinkEvent>> &events) {
            m_reading = false;
            if (!events) {
                qCDebug(lcJournal) << "cannot read the journal:" << events.error().message;
                return; // the next poke or the fallback timer tries again
            }
            if (!events->isEmpty()) {
                m_lastId = events->constLast().id;
                Q_EMIT eventsArrived(*events);
            }
            // A full page means there may be more; a poke meanwhile too.
            if (events->size() == kMaxEventsPerRead || m_again)
                read();
        },
        this);
}

} // namespace shortfuse
