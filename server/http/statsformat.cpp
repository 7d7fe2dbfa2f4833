#include "server/http/statsformat.h"

#include "server/core/statsrules.h"

#include <QDateTime>
#include <QJsonArray>

namespace shortfuse::statsformat {

namespace {

QJsonValue optionalTime(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject breakdownJson(const Breakdown &rows)
{
    QJsonObject object;
    for (const auto &[label, count] : rows)
        object.insert(label, count);
    return object;
}

QJsonObject entryJson(const ClickLogEntry &e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("at"), isoUtc(e.atMs)},
        {QStringLiteral("outcome"), outcomeName(e.outcome)},
        {QStringLiteral("country"), textOrNull(e.country)},
        {QStringLiteral("browser"), textOrNull(e.browser)},
        {QStringLiteral("browser_version"), textOrNull(e.browserVersion)},
        {QStringLiteral("os"), textOrNull(e.os)},
        {QStringLiteral("device"), textOrNull(e.device)},
        {QStringLiteral("referrer"), textOrNull(e.referrer)},
        {QStringLiteral("bot"), e.bot},
        {QStringLiteral("bot_name"), textOrNull(e.botName)},
    };
}

} // namespace

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString outcomeName(ClickOutcome outcome)
{
    switch (outcome) {
    case ClickOutcome::Redirected: return QStringLiteral("redirected");
    case ClickOutcome::Expired: return QStringLiteral("expired");
    case ClickOutcome::Preview: return QStringLiteral("preview");
    case ClickOutcome::Challenged: return QStringLiteral("challenged");
    }
    return QStringLiteral("unknown");
}

QJsonObject toJson(const LinkStats &stats)
{
    QJsonArray timeline;
    for (const auto &[start, clicks] : stats.timeline)
        timeline.append(QJsonObject{{QStringLiteral("t"), isoUtc(start)}, {QStringLiteral("clicks"), clicks}});
    QJsonArray log;
    for (const ClickLogEntry &entry : stats.log)
        log.append(entryJson(entry));
    const std::optional<qint64> remaining = stats.remaining();

    return QJsonObject{
        {QStringLiteral("slug"), stats.link.slug},
        {QStringLiteral("label"), stats.link.label.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(stats.link.label)},
        {QStringLiteral("created_at"), isoUtc(stats.link.createdAtMs)},
        {QStringLiteral("max_clicks"), stats.link.maxClicks ? QJsonValue(*stats.link.maxClicks) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("clicks"), stats.link.clicks},
        {QStringLiteral("remaining"), remaining ? QJsonValue(*remaining) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("expired"), stats.expired()},
        {QStringLiteral("first_click_at"), optionalTime(stats.firstClickMs)},
        {QStringLiteral("last_click_at"), optionalTime(stats.lastClickMs)},
        {QStringLiteral("by_country"), breakdownJson(stats.byCountry)},
        {QStringLiteral("by_browser"), breakdownJson(stats.byBrowser)},
        {QStringLiteral("by_os"), breakdownJson(stats.byOs)},
        {QStringLiteral("by_referrer_host"), breakdownJson(stats.byReferrerHost)},
        {QStringLiteral("bots"), stats.bots},
        {QStringLiteral("humans"), stats.humans},
        {QStringLiteral("expired_hits"), stats.expiredHits},
        {QStringLiteral("timeline_bucket_seconds"), stats.bucketMs / 1000},
        {QStringLiteral("timeline"), timeline},
        {QStringLiteral("click_log"), log},
        {QStringLiteral("next_before"), stats.nextBefore ? QJsonValue(*stats.nextBefore) : QJsonValue(QJsonValue::Null)},
    };
}

QByteArray toCsv(const LinkStats &stats)
{
    QString out = QStringLiteral("at,outcome,country,browser,browser_version,os,device,referrer,bot,bot_name\r\n");
    for (const ClickLogEntry &e : stats.log) {
        const QStringList cells{isoUtc(e.atMs), outcomeName(e.outcome), e.country, e.browser, e.browserVersion,
                                e.os, e.device, e.referrer, e.bot ? QStringLiteral("true") : QStringLiteral("false"),
                                e.botName};
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i)
                out += u',';
            out += csvCell(cells.at(i));
        }
        out += QLatin1String("\r\n");
    }
    return out.toUtf8();
}

} // namespace shortfuse::statsformat
