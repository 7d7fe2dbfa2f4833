#include "ui/remoteconsole.h"

#include "ui/remotejson.h"

#include "server/http/linklistparser.h"
#include "server/http/statsformat.h"
#include "server/links/linkservice.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QSslError>
#include <QUrlQuery>

#include <memory>

namespace shortfuse {

namespace {

constexpr int kMaxRetryDelayMs = 30'000;

// What the window says of a failure that is not an HTTP answer.
QString networkSentence(QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return RemoteConsole::tr("The server refused the connection (is it running?).");
    case QNetworkReply::HostNotFoundError:
        return RemoteConsole::tr("The server's name was not found.");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return RemoteConsole::tr("The server did not answer in time.");
    default:
        return reply->errorString();
    }
}

// `route` + the slug, percent-encoded (a slug from an event is the server's word, not ours).
QString linkPath(const QString &route, const QString &slug)
{
    return route + QString::fromLatin1(QUrl::toPercentEncoding(slug));
}

// The listing a keyset cursor belongs to: the same sort, order and filters.
QString listingKey(const LinkListQuery &query)
{
    return linklist::sortName(query.sortBy) + (query.descending ? u'd' : u'a') + u'\x1f' + query.filter + u'\x1f'
        + (query.status ? QString::fromLatin1(linkStatusName(*query.status)) : QString()) + u'\x1f'
        + query.label.value_or(QStringLiteral("\x1e"));
}

template <typename T>
void answer(const QPointer<QObject> &context, const LinkConsole::Reply<T> &done, const Result<T> &result)
{
    if (context)
        done(result);
}

} // namespace

RemoteConsole::RemoteConsole(Connection connection, QObject *parent)
    : LinkConsole(parent)
    , m_connection(std::move(connection))
    , m_network(new QNetworkAccessManager(this))
{
    // The pinned certificate, and nothing else, may pass despite its errors.
    connect(m_network, &QNetworkAccessManager::sslErrors, this, [this](QNetworkReply *reply, const QList<QSslError> &errors) {
        const QSslCertificate shown = reply->sslConfiguration().peerCertificate();
        if (!m_connection.pinnedSha256.isEmpty() && fingerprint(shown) == m_connection.pinnedSha256) {
            reply->ignoreSslErrors(errors);
            return;
        }
        m_refusedCertificate = shown;
        QStringList why;
        for (const QSslError &error : errors)
            why.append(error.errorString());
        reply->setProperty("shortfuse_tls", why.join(QStringLiteral("; ")));
    });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteConsole::connectToServer);
    m_streamSilence.setSingleShot(true);
    m_streamSilence.setInterval(kStreamSilenceMs);
    connect(&m_streamSilence, &QTimer::timeout, this, [this] {
        if (m_stream)
            m_stream->abort(); // finished() follows: reconnect and resume
    });
    m_poll.setInterval(kPollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_state == State::Running)
            Q_EMIT refreshNeeded();
    });
}

RemoteConsole::~RemoteConsole()
{
    if (QNetworkReply *old = m_stream.data()) {
        m_stream.clear();
        old->abort();
    }
}

QByteArray RemoteConsole::fingerprint(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
}

QString RemoteConsole::baseUrl() const
{
    QString url = m_connection.baseUrl.toString(QUrl::StripTrailingSlash);
    return url;
}

void RemoteConsole::setState(State state, const QString &error)
{
    if (!error.isEmpty() || state == State::Running)
        m_lastError = error;
    if (m_state == state)
        return;
    const State before = m_state;
    m_state = state;
    Q_EMIT stateChanged(state);
    if (state == State::Running) {
        Q_EMIT started(baseUrl());
        if (before == State::Reconnecting)
            Q_EMIT refreshNeeded(); // what changed meanwhile is re-read
    } else if (state == State::Failed) {
        Q_EMIT startFailed(m_lastError);
    }
}

QNetworkRequest RemoteConsole::request(const QString &pathAndQuery) const
{
    QNetworkRequest request(QUrl(baseUrl() + pathAndQuery));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_connection.apiKey.toUtf8());
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

void RemoteConsole::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, QObject *context,
                         Handler handler, const QByteArray &accept)
{
    QNetworkRequest req = request(pathAndQuery);
    req.setRawHeader(QByteArrayLiteral("Accept"), accept);
    if (!body.isNull())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network->sendCustomRequest(req, verb, body);
    // A view that closes cancels what it asked for.
    QPointer<QObject> target(context);
    if (context)
        connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
    connect(reply, &QNetworkReply::finished, this, [this, reply, target, handler = std::move(handler)] {
        reply->deleteLater();
        if (!target)
            return;
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        if (answer.status == 0) {
            const QString tls = reply->property("shortfuse_tls").toString();
            if (!tls.isEmpty()) {
                answer.error = Error{495, "untrusted_certificate",
                                     tr("The server's certificate is not trusted: %1").arg(tls)};
                setState(State::Failed, answer.error->message);
            } else {
                answer.error = Error{503, "unreachable", networkSentence(reply)};
                if (m_state == State::Running)
                    lostConnection(answer.error->message);
            }
        } else if (answer.status < 200 || answer.status > 299) {
            answer.error = remotejson::errorFromAnswer(answer.status, answer.body);
            if (answer.status == 401) {
                answer.error->message = tr("The server refused the API key: it was revoked or mistyped.");
                setState(State::Failed, answer.error->message);
            }
        }
        handler(answer);
    });
}

void RemoteConsole::connectToServer()
{
    m_retry.stop();
    if (m_state != State::Reconnecting)
        setState(State::Starting);
    // Who we are: a key the server knows answers its totals.
    send("GET", QStringLiteral("/api/totals"), QByteArray(), this, [this](const Answer &answer) {
        if (answer.error) {
            if (m_state == State::Failed)
                return; // a refused key or certificate: the user must act
            if (answer.status == 0) {
                setState(State::Reconnecting, answer.error->message);
                retrySoon();
                return;
            }
            setState(State::Failed, answer.error->message);
            return;
        }
        m_retryDelayMs = 1000;
        setState(State::Running);
        openStream();
    });
}

void RemoteConsole::disconnectFromServer()
{
    m_retry.stop();
    m_poll.stop();
    m_streamSilence.stop();
    if (QNetworkReply *old = m_stream.data()) {
        m_stream.clear();
        old->abort();
    }
    setState(State::Stopped);
}

void RemoteConsole::lostConnection(const QString &why)
{
    if (m_state == State::Failed || m_state == State::Stopped)
        return;
    setState(State::Reconnecting, why);
    retrySoon();
}

void RemoteConsole::retrySoon()
{
    if (m_retry.isActive())
        return;
    m_retry.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, kMaxRetryDelayMs);
}

// --- the event stream -----------------------------------------------------

void RemoteConsole::openStream()
{
    // The old stream's end is no news: forget it before it ends.
    if (QNetworkReply *old = m_stream.data()) {
        m_stream.clear();
        old->abort();
    }
    QNetworkRequest req = request(QStringLiteral("/api/events"));
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream"));
    req.setTransferTimeout(0); // a stream is quiet between events; its keep-alive comments come every 15 s
    if (!m_lastEventId.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Last-Event-ID"), m_lastEventId);
    m_streamBuffer.clear();
    QNetworkReply *stream = m_network->get(req);
    m_stream = stream;
    m_streamSilence.start();
    connect(stream, &QNetworkReply::readyRead, this, &RemoteConsole::readStream);
    connect(stream, &QNetworkReply::finished, this, [this, stream] {
        stream->deleteLater();
        if (stream != m_stream)
            return;
        m_streamSilence.stop();
        const int status = stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 404 || status == 405) {
            // A server from before the event stream: read again now and then instead.
            if (!m_poll.isActive())
                m_poll.start();
            return;
        }
        if (status == 401) {
            setState(State::Failed, tr("The server refused the API key: it was revoked or mistyped."));
            return;
        }
        if (stream->error() == QNetworkReply::OperationCanceledError
            && (m_state == State::Stopped || m_state == State::Failed))
            return; // closed on purpose
        // The stream ended (the server restarted, the network went): resume after the last event seen.
        lostConnection(stream->error() == QNetworkReply::NoError ? tr("The server closed the event stream.")
                                                                 : networkSentence(stream));
    });
}

void RemoteConsole::readStream()
{
    if (!m_stream)
        return;
    m_streamSilence.start(); // it is alive
    m_streamBuffer += m_stream->readAll();
    // Events end with an empty line (RFC 8895 / the HTML event-stream format).
    for (;;) {
        qsizetype end = m_streamBuffer.indexOf("\n\n");
        if (end < 0)
            break;
        const QByteArray block = m_streamBuffer.left(end);
        m_streamBuffer.remove(0, end + 2);
        QByteArray type = QByteArrayLiteral("message");
        QByteArray id;
        QByteArray data;
        for (const QByteArray &rawLine : block.split('\n')) {
            const QByteArray line = rawLine.endsWith('\r') ? rawLine.chopped(1) : rawLine;
            if (line.isEmpty() || line.startsWith(':'))
                continue; // a keep-alive comment
            const qsizetype colon = line.indexOf(':');
            const QByteArray field = colon < 0 ? line : line.left(colon);
            QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
            if (value.startsWith(' '))
                value.remove(0, 1);
            if (field == "event")
                type = value;
            else if (field == "id")
                id = value;
            else if (field == "data")
                data += data.isEmpty() ? value : '\n' + value;
        }
        if (!id.isEmpty())
            m_lastEventId = id;
        dispatchEvent(type, id, data);
    }
    // A stream that sends no event boundary for this long is misbehaving: drop what it sent.
    if (m_streamBuffer.size() > 1024 * 1024)
        m_stream->abort();
}

void RemoteConsole::dispatchEvent(const QByteArray &type, const QByteArray &id, const QByteArray &data)
{
    if (type == "reset") {
        Q_EMIT refreshNeeded(); // too much was missed to replay: read everything again
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(data).object();
    const QString slug = json.value(u"slug").toString();
    if (slug.isEmpty())
        return;
    if (type == "link.created") {
        // The event names the link; the table wants all of it.
        send("GET", linkPath(QStringLiteral("/api/links/"), slug), QByteArray(), this,
             [this](const Answer &answer) {
                 if (answer.error)
                     return;
                 if (Result<Link> link = remotejson::linkFromJson(QJsonDocument::fromJson(answer.body).object()))
                     Q_EMIT linkCreated(remember(*link));
             });
        return;
    }
    if (type == "link.changed") {
        Q_EMIT linkChanged(slug);
        return;
    }
    if (type == "link.revoked") {
        Q_EMIT linkRevoked(slug);
        return;
    }
    const std::optional<LinkEventType> eventType = linkEventTypeFromName(QString::fromLatin1(type));
    if (!eventType)
        return; // a kind this window does not know yet
    LinkEvent event;
    event.id = id.toLongLong();
    event.type = *eventType;
    event.linkId = idFor(slug);
    event.slug = slug;
    event.label = json.value(u"label").toString();
    event.destinationHost = json.value(u"destination_host").toString();
    event.clicks = json.value(u"clicks").toInteger();
    if (json.value(u"max_clicks").isDouble())
        event.maxClicks = json.value(u"max_clicks").toInteger();
    event.country = json.value(u"country").toString();
    event.browser = json.value(u"browser").toString();
    event.os = json.value(u"os").toString();
    event.device = json.value(u"device").toString();
    event.bot = json.value(u"bot").toBool();
    event.botName = json.value(u"bot_name").toString();
    event.atMs = QDateTime::fromString(json.value(u"at").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    if (event.type == LinkEventType::Clicked || event.type == LinkEventType::UsedUp)
        Q_EMIT clicksChanged({event.linkId});
    Q_EMIT linkEvents({event});
}

// --- ids ------------------------------------------------------------------

qint64 RemoteConsole::idFor(const QString &slug)
{
    auto it = m_ids.constFind(slug);
    if (it != m_ids.constEnd())
        return *it;
    const qint64 id = m_nextId++;
    m_ids.insert(slug, id);
    m_slugs.insert(id, slug);
    return id;
}

Link RemoteConsole::remember(Link link)
{
    link.id = idFor(link.slug);
    m_known.insert(link.slug, link);
    return link;
}

// --- writes ---------------------------------------------------------------

void RemoteConsole::createLink(const CreateRequest &request, QObject *context, Reply<Link> done)
{
    const QByteArray body = QJsonDocument(remotejson::createRequestJson(request)).toJson(QJsonDocument::Compact);
    send("POST", QStringLiteral("/api/create"), body, context, [this, done](const Answer &answer) {
        if (answer.error)
            return done(*answer.error);
        Result<Link> link = remotejson::linkFromJson(QJsonDocument::fromJson(answer.body).object());
        if (!link)
            return done(link.error());
        const Link made = remember(*link);
        done(made);
        Q_EMIT linkCreated(made);
    });
}

void RemoteConsole::createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done)
{
    const QByteArray body = QJsonDocument(remotejson::batchJson(requests)).toJson(QJsonDocument::Compact);
    send("POST", QStringLiteral("/api/links/batch"), body, context, [this, done](const Answer &answer) {
        if (answer.error)
            return done(*answer.error);
        QList<Link> made;
        for (const QJsonValue &value : QJsonDocument::fromJson(answer.body).object().value(u"links").toArray()) {
            Result<Link> link = remotejson::linkFromJson(value.toObject());
            if (!link)
                return done(link.error());
            made.append(remember(*link));
        }
        done(made);
        Q_EMIT refreshNeeded();
    });
}

void RemoteConsole::updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done)
{
    const QByteArray body = QJsonDocument(remotejson::linkChangeJson(change)).toJson(QJsonDocument::Compact);
    send("PATCH", linkPath(QStringLiteral("/api/links/"), slug), body, context,
         [this, done, slug](const Answer &answer) {
             if (answer.error)
                 return done(*answer.error);
             Result<Link> link = remotejson::linkFromJson(QJsonDocument::fromJson(answer.body).object());
             if (!link)
                 return done(link.error());
             done(remember(*link));
             Q_EMIT linkChanged(slug);
         });
}

void RemoteConsole::revokeLink(const QString &slug, QObject *context, Reply<bool> done)
{
    send("DELETE", linkPath(QStringLiteral("/api/links/"), slug), QByteArray(),
         context, [this, done, slug](const Answer &answer) {
             if (answer.status == 404)
                 return done(false);
             if (answer.error)
                 return done(*answer.error);
             done(true);
             Q_EMIT linkRevoked(slug);
         });
}

// --- reads ----------------------------------------------------------------

void RemoteConsole::listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("sort"), linklist::sortName(query.sortBy));
    params.addQueryItem(QStringLiteral("order"), query.descending ? QStringLiteral("desc") : QStringLiteral("asc"));
    if (!query.filter.isEmpty())
        params.addQueryItem(QStringLiteral("q"), query.filter);
    if (query.status)
        params.addQueryItem(QStringLiteral("status"), QString::fromLatin1(linkStatusName(*query.status)));
    if (query.label)
        params.addQueryItem(QStringLiteral("label"), *query.label);
    params.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(query.limit, 1, 1000)));
    const QString listing = listingKey(query);
    if (query.after) {
        // The next page of one the server gave: its cursor was kept with the page's last row.
        const QString cursor = m_cursors.value(listing + u'\x1f' + QString::number(query.after->id));
        if (cursor.isEmpty()) {
            QPointer<QObject> target(context);
            QMetaObject::invokeMethod(
                this, [target, done] { answer<QList<Link>>(target, done, QList<Link>{}); }, Qt::QueuedConnection);
            return;
        }
        params.addQueryItem(QStringLiteral("cursor"), cursor);
    }
    send("GET", QStringLiteral("/api/links?") + params.toString(QUrl::FullyEncoded), QByteArray(), context,
         [this, done, listing](const Answer &answer) {
             if (answer.error)
                 return done(*answer.error);
             const QJsonObject page = QJsonDocument::fromJson(answer.body).object();
             QList<Link> links;
             for (const QJsonValue &value : page.value(u"links").toArray()) {
                 Result<Link> link = remotejson::linkFromJson(value.toObject());
                 if (!link)
                     return done(link.error());
                 links.append(remember(*link));
             }
             const QJsonValue next = page.value(u"next_cursor");
             if (!links.isEmpty() && next.isString())
                 m_cursors.insert(listing + u'\x1f' + QString::number(links.constLast().id), next.toString());
             done(links);
         });
}

void RemoteConsole::countLinks(const QString &filter, QObject *context, Reply<qint64> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    if (!filter.isEmpty())
        params.addQueryItem(QStringLiteral("q"), filter);
    send("GET", QStringLiteral("/api/links?") + params.toString(QUrl::FullyEncoded), QByteArray(), context,
         [done](const Answer &answer) {
             if (answer.error)
                 return done(*answer.error);
             done(QJsonDocument::fromJson(answer.body).object().value(u"total").toInteger());
         });
}

void RemoteConsole::linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done)
{
    // One GET per link (the API reads links by slug); they answer together.
    struct Gathered {
        int waiting = 0;
        QList<Link> links;
        std::optional<Error> error;
    };
    auto gathered = std::make_shared<Gathered>();
    QStringList slugs;
    for (qint64 id : ids) {
        const QString slug = m_slugs.value(id);
        if (!slug.isEmpty())
            slugs.append(slug);
    }
    if (slugs.isEmpty()) {
        QPointer<QObject> target(context);
        QMetaObject::invokeMethod(this, [target, done] { answer<QList<Link>>(target, done, QList<Link>{}); },
                                  Qt::QueuedConnection);
        return;
    }
    gathered->waiting = int(slugs.size());
    for (const QString &slug : std::as_const(slugs)) {
        send("GET", linkPath(QStringLiteral("/api/links/"), slug), QByteArray(),
             context, [this, gathered, done](const Answer &answer) {
                 if (answer.error && answer.status != 404)
                     gathered->error = *answer.error;
                 else if (!answer.error) {
                     if (Result<Link> link = remotejson::linkFromJson(QJsonDocument::fromJson(answer.body).object()))
                         gathered->links.append(remember(*link));
                 }
                 if (--gathered->waiting > 0)
                     return;
                 if (gathered->error)
                     return done(*gathered->error);
                 done(gathered->links);
             });
    }
}

void RemoteConsole::linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                              Reply<std::optional<LinkStats>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (query.beforeId)
        params.addQueryItem(QStringLiteral("before"), QString::number(*query.beforeId));
    send("GET", linkPath(QStringLiteral("/api/stats/"), slug) + u'?'
             + params.toString(QUrl::FullyEncoded),
         QByteArray(), context, [this, done, slug](const Answer &answer) {
             if (answer.status == 404)
                 return done(std::optional<LinkStats>{});
             if (answer.error)
                 return done(*answer.error);
             Result<LinkStats> stats = remotejson::statsFromJson(QJsonDocument::fromJson(answer.body).object());
             if (!stats)
                 return done(stats.error());
             // The statistics leave out what the table read of the link (its destination, its state).
             if (m_known.contains(slug)) {
                 Link link = m_known.value(slug);
                 link.clicks = stats->link.clicks;
                 link.maxClicks = stats->link.maxClicks;
                 link.lastClickAtMs = stats->lastClickMs;
                 stats->link = link;
             } else {
                 stats->link.id = idFor(slug);
             }
             done(std::optional<LinkStats>(*stats));
         });
}

void RemoteConsole::totals(qint64 sinceMs, QObject *context, Reply<Totals> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("since"), statsformat::isoUtc(sinceMs));
    send("GET", QStringLiteral("/api/totals?") + params.toString(QUrl::FullyEncoded), QByteArray(), context,
         [done](const Answer &answer) {
             if (answer.error)
                 return done(*answer.error);
             const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
             done(Totals{json.value(u"links").toInteger(), json.value(u"clicks_today").toInteger()});
         });
}

void RemoteConsole::exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done)
{
    send("GET", linkPath(QStringLiteral("/api/stats/"), slug) + QStringLiteral(".csv"),
         QByteArray(), context,
         [done, path](const Answer &answer) {
             if (answer.error)
                 return done(*answer.error);
             QSaveFile file(path);
             if (!file.open(QIODevice::WriteOnly) || file.write(answer.body) < 0 || !file.commit())
                 return done(Error{500, "write_failed", tr("Could not write %1: %2").arg(path, file.errorString())});
             // Rows after the header line.
             done(qint64(std::max<qsizetype>(0, answer.body.count('\n') - 1)));
         },
         QByteArrayLiteral("text/csv"));
}

} // namespace shortfuse
