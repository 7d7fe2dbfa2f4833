#pragma once

#include "server/core/link.h"
#include "server/core/linkevent.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace shortfuse {

struct CreateRequest;
struct LinkChange;

// The one service the window talks to about links (issue 15): make them,
// list, page, count and read them, change and revoke them, hear of their
// clicks. Two implementations: the embedded server (ServerHost) and a
// remote shortfuse-server reached through its management API
// (RemoteConsole), so every feature of the window reaches both by
// construction. The window's widgets hold a ConsoleSwitch, which forwards
// to whichever connection is current.
//
// Every call answers once, through `done` on `context`'s thread (dropped
// if `context` is gone by then), with the server's answer or an Error;
// none blocks the caller.
class LinkConsole : public QObject {
    Q_OBJECT
public:
    // Running: answering. Starting: starting (embedded) or connecting
    // (remote). Failed: could not start, or the remote server refused us
    // (a wrong key, an untrusted certificate): lastError() says why.
    // Reconnecting: a remote server that answered before and does not now;
    // retried by itself.
    enum class State { Stopped, Starting, Running, Failed, Stopping, Reconnecting };
    Q_ENUM(State)

    template <typename T>
    using Reply = std::function<void(const Result<T> &)>;

    using QObject::QObject;
    ~LinkConsole() override = default;

    virtual State state() const = 0;
    bool isRunning() const { return state() == State::Running; }
    virtual QString lastError() const = 0;
    // The prefix short links are made with.
    virtual QString baseUrl() const = 0;
    // Base URL + "/" + slug.
    QString shortUrl(const QString &slug) const { return baseUrl() + u'/' + slug; }
    // The link's statistics page with its token, as the creation answer gives it.
    QString statsUrl(const Link &link) const
    {
        return baseUrl() + QStringLiteral("/stats/") + link.slug + QStringLiteral("?token=") + link.statsToken;
    }

    // Writes.
    virtual void createLink(const CreateRequest &request, QObject *context, Reply<Link> done) = 0;
    // All or nothing, in the requests' order; they share the first request's password.
    virtual void createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done) = 0;
    // The link as it is afterwards, or what is wrong (nothing changed then).
    virtual void updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done) = 0;
    // True if the link was revoked, false if there is no such link.
    virtual void revokeLink(const QString &slug, QObject *context, Reply<bool> done) = 0;

    // Reads.
    // One page of the links table (keyset: `query.after` is the last row's place).
    virtual void listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done) = 0;
    // How many links match `filter` (all of them when it is empty).
    virtual void countLinks(const QString &filter, QObject *context, Reply<qint64> done) = 0;
    // The current state of these links (unknown ids are left out).
    virtual void linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done) = 0;
    // One link's statistics and a page of its click log; nullopt for an unknown slug.
    virtual void linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                           Reply<std::optional<LinkStats>> done) = 0;
    // The status bar's figures: links, and redirects since `sinceMs`.
    virtual void totals(qint64 sinceMs, QObject *context, Reply<Totals> done) = 0;
    // The whole click log of `slug` as CSV into `path`; how many entries were written.
    virtual void exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done) = 0;

    // "The server is not running" (embedded) / "not connected" (remote).
    static Error unavailable();

Q_SIGNALS:
    void stateChanged(shortfuse::LinkConsole::State state);
    void started(const QString &listeningUrl);
    void startFailed(const QString &message);
    void stopped();

    // Live events, on the GUI thread.
    void linkCreated(const shortfuse::Link &link);
    void clicksChanged(const QList<qint64> &linkIds);
    void linkRevoked(const QString &slug);
    // A link was changed or purged (here or elsewhere): re-read it.
    void linkChanged(const QString &slug);
    // More changed than could be listed (another server, a reconnection): reload.
    void refreshNeeded();
    // The events journal (issue 13): clicks on capped links, used up,
    // previews held off, late arrivals; oldest first, each once.
    void linkEvents(const QList<shortfuse::LinkEvent> &events);
};

} // namespace shortfuse
