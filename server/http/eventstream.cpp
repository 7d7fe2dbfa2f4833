#include "server/http/eventstream.h"

#include "server/http/guardedtcpserver.h"
#include "server/http/statsformat.h"
#include "server/links/journalfollower.h"
#include "server/links/linkqueries.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace shortfuse {

Q_LOGGING_CATEGORY(lcEvents, "shortfuse.events")

namespace sse {

QByteArray event(qint64 id, const char *name, const QJsonObject &data)
{
    // Compact JSON is one line (a newline inside a string is escaped), as
    // one `data:` field must be.
    return "id: " + QByteArray::number(id) + "\nevent: " + name + "\ndata: "
        + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray linkEvent(const LinkEvent &linkEvent)
{
    QJsonObject data = linkEvent.data();
    data.insert(QStringLiteral("type"), QLatin1String(linkEventTypeName(linkEvent.type)));
    data.insert(QStringLiteral("at"), statsformat::isoUtc(linkEvent.atMs));
    return event(linkEvent.id, linkEventTypeName(linkEvent.type), data);
}

std::optional<qint64> lastEventId(const QByteArray &header, const QString &query, bool hasQuery)
{
    QByteArray text = header.trimmed();
    if (text.isEmpty() && hasQuery)
        text = query.trimmed().toLatin1();
    if (text.isEmpty())
        return std::nullopt; // none sent (EventSource sends none before its first id)
    // Only what this server hands out: a decimal id of at most 18 digits
    // (no sign, no spaces, no overflow). Anything else cannot be resumed from.
    if (text.size() > 18 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return text.toLongLong();
}

} // namespace sse

namespace {
const QByteArray kKeepAlive = QByteArrayLiteral(": keep-alive\n\n");

QJsonObject positionData(qint64 id)
{
    return QJsonObject{{QStringLiteral("last_event_id"), QString::number(id)}};
}
} // namespace

EventStream::EventStream(EventHub &hub, http::ReplyChannel reply, std::optional<qint64> ownerKeyId,
                         std::optional<qint64> keyId, std::optional<qint64> resumeFrom)
    : QObject(&hub)
    , m_hub(hub)
    , m_reply(std::move(reply))
    , m_ownerKeyId(ownerKeyId)
    , m_keyId(keyId)
    , m_resumeFrom(resumeFrom)
{
    if (GuardedSocket *socket = m_reply.socket()) {
        // Output drained (or the answers before this one went out): go on.
        connect(socket, &QIODevice::bytesWritten, this, &EventStream::pump);
        const auto gone = [this] {
            if (m_state == State::Ended)
                return;
            m_state = State::Ended;
            m_hub.forget(this);
            deleteLater();
        };
        connect(socket, &QObject::destroyed, this, gone);
        connect(socket, &QAbstractSocket::disconnected, this, gone);
    }
}

void EventStream::pump()
{
    GuardedSocket *socket = m_reply.socket();
    if (m_state == State::Ended)
        return;
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        drop("its connection is gone");
        return;
    }
    if (m_state == State::Waiting) {
        if (m_reply.isTurn())
            begin();
        return;
    }
    if (m_state != State::Replaying || m_reading || m_reply.pendingBytes() >= EventHub::kRefillBelowBytes)
        return;
    m_reading = true;
    // Every event up to what the follower has reported was committed before
    // this read begins: if the read finds none of them (those of links
    // purged since are not read), the position may still move past them.
    const qint64 followerAtRead = m_hub.followerPosition().value_or(0);
    m_hub.queries().eventsAfter(m_position, EventHub::kReplayPage, this,
                                [this, followerAtRead](const Result<QList<LinkEvent>> &events) {
                                    m_reading = false;
                                    if (!events) {
                                        // The client reconnects and resumes from what it got.
                                        drop("the journal cannot be read");
                                        return;
                                    }
                                    if (events->isEmpty())
                                        m_position = std::max(m_position, followerAtRead);
                                    onReplayPage(*events);
                                });
}

void EventStream::begin()
{
    m_reply.sendHead(200, QByteArrayLiteral("text/event-stream; charset=utf-8"),
                     {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                      {QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")},
                      {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}});
    if (!m_resumeFrom)
        return positionAtEnd(false);
    if (*m_resumeFrom < 0)
        return positionAtEnd(true);
    m_state = State::Validating;
    const qint64 from = *m_resumeFrom;
    m_hub.queries().journalResumable(from, m_hub.clock().nowMs() - kLiveResumeWindowMs, this,
                                     [this, from](const Result<bool> &resumable) {
                                         if (!resumable)
                                             return drop("the journal cannot be read");
                                         if (!*resumable)
                                             return positionAtEnd(true);
                                         m_position = from;
                                         m_state = State::Replaying;
                                         pump();
                                     });
}

void EventStream::positionAtEnd(bool reset)
{
    m_state = State::Positioning;
    m_hub.queries().lastEventId(this, [this, reset](const Result<qint64> &end) {
        if (!end)
            return drop("the journal cannot be read");
        m_position = *end;
        // The client's position is lost (or was never this database's): it
        // reloads what it shows, and hears what happens from here on.
        if (reset)
            send(sse::event(m_position, "reset", positionData(m_position)));
        m_state = State::Replaying;
        pump();
    });
}

void EventStream::onReplayPage(const QList<LinkEvent> &events)
{
    if (m_state != State::Replaying)
        return;
    for (const LinkEvent &event : events) {
        m_position = event.id;
        if (wants(event))
            send(sse::linkEvent(event));
    }
    if (m_state != State::Replaying)
        return; // dropped while sending
    if (!events.isEmpty())
        return pump();
    // Caught up with the journal as read; live once the follower has
    // reported nothing this stream has not read (else read what it has).
    const std::optional<qint64> follower = m_hub.followerPosition();
    if (!follower)
        return; // it starts: followerStarted() comes back here
    if (*follower > m_position)
        return pump();
    m_state = State::Live;
    send(sse::event(m_position, "ready", positionData(m_position)));
}

void EventStream::deliver(const QList<LinkEvent> &events, QList<QByteArray> &formatted)
{
    for (qsizetype i = 0; i < events.size() && m_state == State::Live; ++i) {
        const LinkEvent &event = events.at(i);
        if (event.id <= m_position)
            continue; // read while catching up
        m_position = event.id;
        if (!wants(event))
            continue;
        if (formatted[i].isEmpty())
            formatted[i] = sse::linkEvent(event);
        send(formatted[i]);
    }
}

void EventStream::tick()
{
    if (m_state == State::Waiting || m_state == State::Ended)
        return;
    if (!m_sentSinceTick)
        send(kKeepAlive);
    m_sentSinceTick = false;
}

void EventStream::send(const QByteArray &bytes)
{
    if (m_state == State::Ended)
        return;
    m_reply.sendPart(bytes);
    m_sentSinceTick = true;
    if (m_reply.pendingBytes() > EventHub::kMaxUnsentBytes)
        drop("its client does not read what it is sent");
}

void EventStream::drop(const char *why)
{
    if (m_state == State::Ended)
        return;
    qCDebug(lcEvents, "event stream closed: %s", why);
    m_state = State::Ended;
    if (GuardedSocket *socket = m_reply.socket())
        socket->resetAndClose();
    m_hub.forget(this);
    deleteLater();
}

void EventStream::end()
{
    if (m_state == State::Ended)
        return;
    const bool started = m_state != State::Waiting;
    m_state = State::Ended;
    if (GuardedSocket *socket = m_reply.socket()) {
        if (started) {
            m_reply.finish(); // the last chunk
            socket->disconnectFromHost();
        } else {
            socket->abort();
        }
    }
    m_hub.forget(this);
    deleteLater();
}

EventHub::EventHub(LinkQueries &queries, const Clock &clock, FollowerSource follower, QObject *parent)
    : QObject(parent)
    , m_queries(queries)
    , m_clock(clock)
    , m_followerSource(std::move(follower))
{
    // One timer for every stream, running while there is one.
    m_keepAlive.setInterval(kKeepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &EventHub::onTick);
}

EventHub::~EventHub()
{
    endAll();
}

JournalFollower *EventHub::follower()
{
    if (!m_follower && m_followerSource) {
        m_follower = m_followerSource();
        if (m_follower) {
            connect(m_follower, &JournalFollower::eventsArrived, this, &EventHub::onEvents);
            connect(m_follower, &JournalFollower::started, this, [this] {
                const QList<EventStream *> streams = m_streams;
                for (EventStream *stream : streams)
                    stream->followerStarted();
            });
        }
    }
    return m_follower;
}

std::optional<qint64> EventHub::followerPosition()
{
    JournalFollower *source = follower();
    return source ? source->position() : std::nullopt;
}

void EventHub::open(http::ReplyChannel reply, std::optional<qint64> ownerKeyId, std::optional<qint64> keyId,
                    std::optional<qint64> resumeFrom)
{
    if (m_ended) {
        if (GuardedSocket *socket = reply.socket())
            socket->abort();
        return;
    }
    follower(); // its start (one read of the journal's end) begins now
    auto *stream = new EventStream(*this, std::move(reply), ownerKeyId, keyId, resumeFrom);
    m_streams.append(stream);
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
    stream->followerStarted(); // begins it, if its turn has come
}

void EventHub::forget(EventStream *stream)
{
    m_streams.removeOne(stream);
    if (m_streams.isEmpty())
        m_keepAlive.stop();
}

void EventHub::endAll()
{
    m_ended = true;
    const QList<EventStream *> streams = m_streams;
    for (EventStream *stream : streams)
        stream->end();
    m_streams.clear();
    m_keepAlive.stop();
}

void EventHub::onEvents(const QList<LinkEvent> &events)
{
    // Each event is formatted once, for the first stream that wants it.
    QList<QByteArray> formatted(events.size());
    const QList<EventStream *> streams = m_streams; // a stream may drop out while sending
    for (EventStream *stream : streams) {
        if (stream->live())
            stream->deliver(events, formatted);
    }
    boundMemory();
}

void EventHub::boundMemory()
{
    qint64 total = 0;
    for (const EventStream *stream : std::as_const(m_streams))
        total += stream->unsentBytes();
    if (total <= kMaxUnsentTotalBytes)
        return;
    // The streams furthest behind go first; they resume with Last-Event-ID.
    QList<EventStream *> byUnsent = m_streams;
    std::sort(byUnsent.begin(), byUnsent.end(),
              [](const EventStream *a, const EventStream *b) { return a->unsentBytes() > b->unsentBytes(); });
    for (EventStream *stream : byUnsent) {
        if (total <= kMaxUnsentTotalBytes)
            break;
        total -= stream->unsentBytes();
        stream->drop("the streams' unsent output is over its bound");
    }
}

void EventHub::onTick()
{
    const QList<EventStream *> streams = m_streams;
    QSet<qint64> keys;
    for (EventStream *stream : streams) {
        stream->tick();
        if (stream->keyId())
            keys.insert(*stream->keyId());
    }
    boundMemory();
    // A key revoked anywhere ends its streams within a tick: one read for all.
    if (keys.isEmpty() || m_checkingKeys)
        return;
    m_checkingKeys = true;
    m_queries.revokedKeys(QList<qint64>(keys.cbegin(), keys.cend()), this, [this](const Result<QList<qint64>> &revoked) {
        m_checkingKeys = false;
        if (!revoked || revoked->isEmpty())
            return;
        const QSet<qint64> gone(revoked->cbegin(), revoked->cend());
        const QList<EventStream *> open = m_streams;
        for (EventStream *stream : open) {
            if (stream->keyId() && gone.contains(*stream->keyId()))
                stream->drop("its key was revoked");
        }
    });
}

} // namespace shortfuse
