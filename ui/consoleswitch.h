#pragma once

#include "ui/linkconsole.h"

#include <QPointer>

namespace shortfuse {

// The window's widgets hold this one LinkConsole (issue 15); it forwards
// every call to the connection that is current (the embedded server, or a
// remote one) and passes on the current one's signals only. Switching
// connections says so (currentChanged, stateChanged, refreshNeeded), so
// every view reloads from the new server without being rebuilt.
// Uses, never owns, the consoles it switches between.
class ConsoleSwitch final : public LinkConsole {
    Q_OBJECT
public:
    explicit ConsoleSwitch(LinkConsole *current, QObject *parent = nullptr);

    LinkConsole *current() const { return m_current; }
    void setCurrent(LinkConsole *console);

    State state() const override;
    QString lastError() const override;
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

Q_SIGNALS:
    void currentChanged(shortfuse::LinkConsole *console);

private:
    // Calls `call` on the current console, or answers unavailable() when there is none.
    template <typename T, typename Call>
    void forward(QObject *context, Reply<T> done, Call call);

    QPointer<LinkConsole> m_current;
    QList<QMetaObject::Connection> m_relays;
};

} // namespace shortfuse
