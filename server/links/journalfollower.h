#pragma once

#include "server/core/linkevent.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace shortfuse {

class StoreReader;

// Follows the database-wide events journal for this process's live views
// (the window's desktop notifications, the GET /api/events streams): reports each event committed after
// it started, whichever server's click produced it, in journal order, once.
// It reads on the lookups' reader thread (never the server's thread) when
// told the journal may have grown: after each local commit that wrote
// events, when another server's or process's changes are heard, and once a
// second in case a notice was missed.
class JournalFollower final : public QObject {
    Q_OBJECT
public:
    explicit JournalFollower(StoreReader &reader, QObject *parent = nullptr);

    // Begins at the journal's end: what happened before is not news.
    void start();
    // The journal may have grown: read what is new (coalesced: one read at a time).
    void poke();
    // The id of the last event reported (or of the journal's end when it
    // started); nullopt until start() has read the journal's end.
    std::optional<qint64> position() const { return m_lastId; }

Q_SIGNALS:
    // start() has read the journal's end: position() is known from now on.
    void started();
    // New events, oldest first, with their link's slug, label and host filled in.
    void eventsArrived(const QList<shortfuse::LinkEvent> &events);

private:
    void read();

    StoreReader &m_reader;
    std::optional<qint64> m_lastId; // unset until start() has read the journal's end
    bool m_reading = false;
    bool m_again = false;
    QTimer m_fallback;
    static constexpr int kMaxEventsPerRead = 500;
    static constexpr int kFallbackMs = 1000;
};

} // namespace shortfuse
