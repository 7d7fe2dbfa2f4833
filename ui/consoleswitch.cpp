#include "ui/consoleswitch.h"

namespace shortfuse {

ConsoleSwitch::ConsoleSwitch(LinkConsole *current, QObject *parent)
    : LinkConsole(parent)
{
    setCurrent(current);
}

void ConsoleSwitch::setCurrent(LinkConsole *console)
{
    if (console == m_current)
        return;
    for (const QMetaObject::Connection &relay : std::as_const(m_relays))
        disconnect(relay);
    m_relays.clear();
    m_current = console;
    if (console) {
        // Only the current console's events reach the views: a background
        // connection's clicks must not land in another server's table.
        m_relays = {
            connect(console, &LinkConsole::stateChanged, this, &LinkConsole::stateChanged),
            connect(console, &LinkConsole::started, this, &LinkConsole::started),
            connect(console, &LinkConsole::startFailed, this, &LinkConsole::startFailed),
            connect(console, &LinkConsole::stopped, this, &LinkConsole::stopped),
            connect(console, &LinkConsole::linkCreated, this, &LinkConsole::linkCreated),
            connect(console, &LinkConsole::clicksChanged, this, &LinkConsole::clicksChanged),
            connect(console, &LinkConsole::linkRevoked, this, &LinkConsole::linkRevoked),
            connect(console, &LinkConsole::linkChanged, this, &LinkConsole::linkChanged),
            connect(console, &LinkConsole::refreshNeeded, this, &LinkConsole::refreshNeeded),
            connect(console, &LinkConsole::linkEvents, this, &LinkConsole::linkEvents),
        };
    }
    Q_EMIT currentChanged(console);
    Q_EMIT stateChanged(state());
    if (isRunning())
        Q_EMIT started(baseUrl());
    Q_EMIT refreshNeeded();
}

LinkConsole::State ConsoleSwitch::state() const
{
    return m_current ? m_current->state() : State::Stopped;
}

QString ConsoleSwitch::lastError() const
{
    return m_current ? m_current->lastError() : QString();
}

QString ConsoleSwitch::baseUrl() const
{
    return m_current ? m_current->baseUrl() : QString();
}

template <typename T, typename Call>
void ConsoleSwitch::forward(QObject *context, Reply<T> done, Call call)
{
    if (!m_current) {
        QPointer<QObject> target(context);
        QMetaObject::invokeMethod(
            this, [target, done = std::move(done)] { if (target) done(unavailable()); }, Qt::QueuedConnection);
        return;
    }
    call(*m_current, std::move(done));
}

void ConsoleSwitch::createLink(const CreateRequest &request, QObject *context, Reply<Link> done)
{
    forward<Link>(context, std::move(done), [&](LinkConsole &c, auto reply) { c.createLink(request, context, std::move(reply)); });
}

void ConsoleSwitch::createLinks(const QList<CreateRequest> &requests, QObject *context, Reply<QList<Link>> done)
{
    forward<QList<Link>>(context, std::move(done),
                         [&](LinkConsole &c, auto reply) { c.createLinks(requests, context, std::move(reply)); });
}

void ConsoleSwitch::updateLink(const QString &slug, const LinkChange &change, QObject *context, Reply<Link> done)
{
    forward<Link>(context, std::move(done),
                  [&](LinkConsole &c, auto reply) { c.updateLink(slug, change, context, std::move(reply)); });
}

void ConsoleSwitch::revokeLink(const QString &slug, QObject *context, Reply<bool> done)
{
    forward<bool>(context, std::move(done), [&](LinkConsole &c, auto reply) { c.revokeLink(slug, context, std::move(reply)); });
}

void ConsoleSwitch::listLinks(const LinkListQuery &query, QObject *context, Reply<QList<Link>> done)
{
    forward<QList<Link>>(context, std::move(done),
                         [&](LinkConsole &c, auto reply) { c.listLinks(query, context, std::move(reply)); });
}

void ConsoleSwitch::countLinks(const QString &filter, QObject *context, Reply<qint64> done)
{
    forward<qint64>(context, std::move(done), [&](LinkConsole &c, auto reply) { c.countLinks(filter, context, std::move(reply)); });
}

void ConsoleSwitch::linksByIds(const QList<qint64> &ids, QObject *context, Reply<QList<Link>> done)
{
    forward<QList<Link>>(context, std::move(done),
                         [&](LinkConsole &c, auto reply) { c.linksByIds(ids, context, std::move(reply)); });
}

void ConsoleSwitch::linkStats(const QString &slug, const StatsQuery &query, QObject *context,
                              Reply<std::optional<LinkStats>> done)
{
    forward<std::optional<LinkStats>>(context, std::move(done), [&](LinkConsole &c, auto reply) {
        c.linkStats(slug, query, context, std::move(reply));
    });
}

void ConsoleSwitch::totals(qint64 sinceMs, QObject *context, Reply<Totals> done)
{
    forward<Totals>(context, std::move(done), [&](LinkConsole &c, auto reply) { c.totals(sinceMs, context, std::move(reply)); });
}

void ConsoleSwitch::exportClicks(const QString &slug, const QString &path, QObject *context, Reply<qint64> done)
{
    forward<qint64>(context, std::move(done),
                    [&](LinkConsole &c, auto reply) { c.exportClicks(slug, path, context, std::move(reply)); });
}

} // namespace shortfuse
