#pragma once

#include "ui/linkconsole.h"

#include <QByteArray>
#include <QHash>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace shortfuse {

// A remote shortfuse-server as a LinkConsole (issue 15): every call is one
// request to its management API with the connection's API key, answered
// asynchronously (nothing waits on the network; a reply whose context is
// gone is dropped and its request aborted). Live events come from its
// GET /api/events stream, resumed with Last-Event-ID after a break.
//
// TLS is verified against the system's certificates. A certificate that
// fails (self-signed, another name) is refused with the reason, unless the
// user chose to trust exactly that certificate (its SHA-256, pinned).
// A server that answered before and stops answering is Reconnecting, and
// retried with a growing pause; a refused key (401) is Failed, with a
// sentence saying the key was revoked or mistyped.
class RemoteConsole final : public LinkConsole {
    Q_OBJECT
public:
    struct Connection {
        QUrl baseUrl;           // https://sho.rt (or http://...)
        QString apiKey;         // sf_...
        QByteArray pinnedSha256; // the one certificate the user chose to trust, or empty
    };

    explicit RemoteConsole(Connection connection, QObject *parent = nullptr);
    ~RemoteConsole() override;

    // Asks the server who we are (GET /api/totals), then opens the event
    // stream: Running, or Failed with lastError().
    void connectToServer();
    void disconnectFromServer();

    const Connection &connection() const { return m_connection; }
    // The certificate the server showed when it was refused, for "trust it".
    const QSslCertificate &refusedCertificate() const { return m_refusedCertificate; }
    // The SHA-256 of a certificate, as it is pinned.
    static QByteArray fingerprint(const QSslCertificate &certificate);

    State state() const override { return m_state; }
    QString lastError() const override { return m_lastError; }
    QString baseUrl() const override;

    void createLink(const CreateRequest &request, QObject *context, Reply<Link> done) override;
    void createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done) override;
    void updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done) override;
    void revokeLink(const QString &slug, QObject *context, Reply<bool> done) override;
    void listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done) override;
    void countLinks(const QString &filter, QObject *context, Reply<qint64> done) override;
    void linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done) override;
    void linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                   Reply<std::optional<LinkStats>> done) override;
    void totals(qint64 sinceMs, QObject *context, Reply<Totals> done) override;
    void exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done) override;

    // How long one call may take before it fails (the window never waits on it).
    static constexpr int kRequestTimeoutMs = 15'000;
    // A server without GET /api/events (older than issue 15) is read again this often.
    static constexpr int kPollIntervalMs = 30'000;
    static constexpr int kStreamSilenceMs = 45'000;

private:
    struct Answer {
        int status = 0;         // 0: no HTTP answer (see error)
        QByteArray body;
        std::optional<Error> error; // set unless the status is 2xx
    };
    using Handler = std::function<void(const Answer &)>;

    // One request; `handler` runs on this object's thread with the answer,
    // unless `context` is gone (then the request is aborted).
    void send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, QObject *context,
              Handler handler, const QByteArray &accept = QByteArrayLiteral("application/json"));
    QNetworkRequest request(const QString &pathAndQuery) const;
    void setState(State state, const QString &error = {});
    // A network failure (not an HTTP answer) of a running connection.
    void lostConnection(const QString &why);
    void retrySoon();

    // The event stream.
    void openStream();
    void readStream();
    void dispatchEvent(const QByteArray &type, const QByteArray &id, const QByteArray &data);

    // Ids for slugs: the API has none, the window's table keys rows by them.
    qint64 idFor(const QString &slug);
    Link remember(Link link);

    Connection m_connection;
    QNetworkAccessManager *m_network = nullptr; // child
    State m_state = State::Stopped;
    QString m_lastError;
    QSslCertificate m_refusedCertificate;
    QTimer m_retry;
    QTimer m_poll; // only for a server without the event stream
    // A stream that has sent nothing, not even its keep-alive comment (every
    // 15 s), for this long is dead (a peer gone without closing): reconnect.
    QTimer m_streamSilence;
    int m_retryDelayMs = 1000;

    QPointer<QNetworkReply> m_stream;
    QByteArray m_streamBuffer;
    QByteArray m_lastEventId;

    QHash<QString, qint64> m_ids;        // slug -> the window's id for it
    QHash<qint64, QString> m_slugs;      // and back
    qint64 m_nextId = 1;
    QHash<QString, Link> m_known;        // the links last read, by slug (statistics carry no URL)
    // Keyset pages: the server's cursor for the page after a row, by the
    // listing it belongs to and that row's id.
    QHash<QString, QString> m_cursors;
};

} // namespace shortfuse
