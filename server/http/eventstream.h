#pragma once

#include "server/core/clock.h"
#include "server/core/linkevent.h"
#include "server/http/httpresponse.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace shortfuse {

class JournalFollower;
class LinkQueries;

namespace sse {
// One Server-Sent Event: "id: <id>\nevent: <name>\ndata: <one-line JSON>\n\n".
QByteArray event(qint64 id, const char *name, const QJsonObject &data);
// A journal event as the stream sends it: its data() plus slug, type, at.
QByteArray linkEvent(const LinkEvent &event);
// The client's Last-Event-ID (header, else ?last_event_id=): nullopt when
// it sent none; -1 for one that is no event id (text, negative, too long).
std::optional<qint64> lastEventId(const QByteArray &header, const QString &query, bool hasQuery);
} // namespace sse

class EventHub;

// One client's GET /api/events (owned by the hub; gone with its connection).
// It starts at a journal position (the client's Last-Event-ID, or the
// journal's end), replays what came after it page by page as the client
// reads (as ExportStream does), and once it has caught up with the hub's
// follower it takes the live events the hub hands it.
class EventStream final : public QObject {
    Q_OBJECT
public:
    EventStream(EventHub &hub, http::ReplyChannel reply, std::optional<qint64> ownerKeyId, std::optional<qint64> keyId,
                std::optional<qint64> resumeFrom);

    std::optional<qint64> keyId() const { return m_keyId; }
    bool live() const { return m_state == State::Live; }
    // Live events (oldest first, each formatted once by the hub).
    void deliver(const QList<LinkEvent> &events, QList<QByteArray> &formatted);
    // The shared keep-alive tick: a comment when nothing was sent since the last one.
    void tick();
    // The follower's position became known: a stream waiting for it goes on.
    void followerStarted() { pump(); }
    qint64 unsentBytes() const { return m_reply.pendingBytes(); }
    // Closes the connection at once (a client that does not keep up, a revoked key).
    void drop(const char *why);
    // Ends the answer cleanly (the server stops).
    void end();

private:
    enum class State { Waiting, Validating, Positioning, Replaying, Live, Ended };
    void begin();
    void pump();
    void positionAtEnd(bool reset);
    void onReplayPage(const QList<LinkEvent> &events);
    bool wants(const LinkEvent &event) const
    {
        return !m_ownerKeyId || event.ownerKeyId == m_ownerKeyId;
    }
    void send(const QByteArray &bytes);

    EventHub &m_hub;
    http::ReplyChannel m_reply;
    std::optional<qint64> m_ownerKeyId; // nullopt: every link's events
    std::optional<qint64> m_keyId;      // the key it was opened with (checked again each tick)
    std::optional<qint64> m_resumeFrom; // -1: an id that cannot be resumed from
    State m_state = State::Waiting;
    bool m_reading = false;
    bool m_sentSinceTick = false;
    qint64 m_position = 0; // every event up to this id was read (and sent if wanted)
};

// Every open GET /api/events of this server. One journal follower feeds
// them all (the journal is read once per new batch, whatever the number
// of streams, each event formatted once) and one timer keeps them all
// alive; each stream gets only the events of its key's links (every link's
// for an admin key or a local request). Memory is bounded per stream and
// in all: a stream whose client leaves more than kMaxUnsentBytes unread is
// dropped, as are the most behind while all streams together hold more
// than kMaxUnsentTotalBytes. The client resumes with Last-Event-ID.
class EventHub final : public QObject {
    Q_OBJECT
public:
    using FollowerSource = std::function<JournalFollower *()>;
    static constexpr int kKeepAliveMs = 15'000;
    static constexpr qint64 kMaxUnsentBytes = 512 * 1024;
    static constexpr qint64 kMaxUnsentTotalBytes = 64 * 1024 * 1024;
    // A replaying stream reads its next page only below this much unsent.
    static constexpr qint64 kRefillBelowBytes = 64 * 1024;
    static constexpr int kReplayPage = 500;

    EventHub(LinkQueries &queries, const Clock &clock, FollowerSource follower, QObject *parent = nullptr);
    ~EventHub() override;

    // `reply`'s connection reads no further request (the caller stopped it).
    // `ownerKeyId`: whose links' events (nullopt: every link's); `keyId`:
    // the key that opened it, whose revocation ends it; `resumeFrom`: the
    // client's Last-Event-ID (sse::lastEventId).
    void open(http::ReplyChannel reply, std::optional<qint64> ownerKeyId, std::optional<qint64> keyId,
              std::optional<qint64> resumeFrom);
    // Ends every stream (the server stops); no new one opens.
    void endAll();
    int streamCount() const { return int(m_streams.size()); }

    LinkQueries &queries() { return m_queries; }
    const Clock &clock() const { return m_clock; }
    // The follower's position (nullopt until it has started); makes it on first use.
    std::optional<qint64> followerPosition();
    void forget(EventStream *stream);

private:
    void onEvents(const QList<LinkEvent> &events);
    void onTick();
    void boundMemory();
    JournalFollower *follower();

    LinkQueries &m_queries;
    const Clock &m_clock;
    FollowerSource m_followerSource;
    QPointer<JournalFollower> m_follower;
    QList<EventStream *> m_streams;
    QTimer m_keepAlive;
    bool m_ended = false;
    bool m_checkingKeys = false;
};

} // namespace shortfuse
