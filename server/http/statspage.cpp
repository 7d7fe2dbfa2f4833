#include "server/http/statspage.h"

#include "server/http/pages.h"
#include "server/http/statsformat.h"

#include <QUrl>

namespace shortfuse {

namespace {

QString esc(const QString &text)
{
    return Pages::escape(text);
}

QString when(const std::optional<qint64> &ms)
{
    return ms ? statsformat::isoUtc(*ms).replace(u'T', u' ') : QStringLiteral("never");
}

QString breakdownTable(const QString &caption, const Breakdown &rows)
{
    QString html = QStringLiteral("<table class=\"data\"><caption>%1</caption>").arg(esc(caption));
    if (rows.isEmpty())
        html += QStringLiteral("<tr><td class=\"empty\">no clicks yet</td></tr>");
    for (const auto &[label, count] : rows)
        html += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td></tr>").arg(esc(label)).arg(count);
    return html + QStringLiteral("</table>");
}

QString describeClick(const ClickLogEntry &e)
{
    QStringList parts;
    parts << (e.country.isEmpty() ? QStringLiteral("unknown country") : e.country);
    parts << (e.browser.isEmpty() ? QStringLiteral("unknown browser")
                                  : (e.browserVersion.isEmpty() ? e.browser : e.browser + u' ' + e.browserVersion));
    if (!e.os.isEmpty())
        parts << e.os;
    parts << (e.bot ? QStringLiteral("bot") + (e.botName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.botName))
                    : QStringLiteral("human"));
    return parts.join(QStringLiteral(", "));
}

QString clickLogTable(const LinkStats &stats)
{
    if (stats.log.isEmpty())
        return QStringLiteral("<p class=\"empty\">Nobody has opened this link yet.</p>");
    QString html = QStringLiteral(
        "<div class=\"log-wrap\"><table class=\"data\"><thead><tr><th>When (UTC)</th><th>Outcome</th><th>Country</th>"
        "<th>Browser</th><th>OS</th><th>Device</th><th>Bot</th><th>Referrer</th></tr></thead><tbody>");
    for (const ClickLogEntry &e : stats.log) {
        const QString browser = e.browserVersion.isEmpty() ? e.browser : e.browser + u' ' + e.browserVersion;
        const QString bot = e.bot ? (e.botName.isEmpty() ? QStringLiteral("yes") : e.botName) : QStringLiteral("no");
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td>"
                               "<td>%8</td></tr>")
                    .arg(esc(when(e.atMs)), esc(statsformat::outcomeName(e.outcome)), esc(e.country), esc(browser),
                         esc(e.os), esc(e.device), esc(bot), esc(e.referrer));
    }
    return html + QStringLiteral("</tbody></table></div>");
}

} // namespace

QString StatsPage::timelineSvg(const LinkStats &stats)
{
    if (stats.timeline.isEmpty())
        return QStringLiteral("<p class=\"empty\">No clicks yet.</p>");
    constexpr int width = 640, height = 180, left = 36, bottom = 22, top = 10;
    const qint64 first = stats.timeline.constFirst().first;
    const qint64 last = stats.timeline.constLast().first;
    const qint64 buckets = (last - first) / stats.bucketMs + 1;
    qint64 peak = 1;
    for (const auto &point : stats.timeline)
        peak = std::max(peak, point.second);
    const double slot = double(width - left) / double(buckets);
    const double plotHeight = height - bottom - top;

    QString svg = QStringLiteral("<svg class=\"chart\" viewBox=\"0 0 %1 %2\" role=\"img\" aria-label=\"%3\" "
                                 "xmlns=\"http://www.w3.org/2000/svg\">")
                      .arg(width)
                      .arg(height)
                      .arg(esc(QStringLiteral("Clicks per %1 minutes, peak %2").arg(stats.bucketMs / 60'000).arg(peak)));
    svg += QStringLiteral("<line class=\"axis\" x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\"/>")
               .arg(left)
               .arg(height - bottom)
               .arg(width);
    for (const auto &[start, clicks] : stats.timeline) {
        const double x = left + double((start - first) / stats.bucketMs) * slot;
        const double h = plotHeight * double(clicks) / double(peak);
        svg += QStringLiteral("<rect class=\"bar\" x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"><title>%5: %6</title></rect>")
                   .arg(x, 0, 'f', 1)
                   .arg(height - bottom - h, 0, 'f', 1)
                   .arg(std::max(1.0, slot * 0.8), 0, 'f', 1)
                   .arg(h, 0, 'f', 1)
                   .arg(esc(when(start)))
                   .arg(clicks);
    }
    svg += QStringLiteral("<text x=\"0\" y=\"%1\">%2</text>").arg(top + 10).arg(peak);
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text>").arg(left).arg(height - 6).arg(esc(when(first)));
    if (last != first) {
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>")
                   .arg(width)
                   .arg(height - 6)
                   .arg(esc(when(last)));
    }
    return svg + QStringLiteral("</svg>");
}

QByteArray StatsPage::render(const Pages &pages, const LinkStats &stats, const QString &token)
{
    const Link &link = stats.link;
    const std::optional<qint64> remaining = stats.remaining();
    const QString breakdowns = QStringLiteral("<div class=\"tables\">") + breakdownTable(QStringLiteral("Country"), stats.byCountry)
        + breakdownTable(QStringLiteral("Browser"), stats.byBrowser) + breakdownTable(QStringLiteral("Operating system"), stats.byOs)
        + breakdownTable(QStringLiteral("Referrer"), stats.byReferrerHost) + QStringLiteral("</div>");

    return pages.renderStats(
        {
            {"slug", link.slug},
            {"label_text", link.label.isEmpty() ? QStringLiteral("none") : link.label},
            {"token_query", token.isEmpty() ? QString() : QStringLiteral("?token=") + QString::fromLatin1(QUrl::toPercentEncoding(token))},
            {"destination_host", QUrl(link.url).host()},
            {"status", stats.expired() ? QStringLiteral("expired") : QStringLiteral("active")},
            {"status_class", stats.expired() ? QStringLiteral("expired") : QStringLiteral("active")},
            {"clicks_text", link.maxClicks ? QStringLiteral("%1 of %2").arg(link.clicks).arg(*link.maxClicks)
                                           : QStringLiteral("%1 (no limit)").arg(link.clicks)},
            {"remaining_text", remaining ? QString::number(*remaining) : QStringLiteral("unlimited")},
            {"created_at", when(link.createdAtMs)},
            {"first_claim", stats.firstClaim ? when(stats.firstClaim->atMs) + QStringLiteral(" — ") + describeClick(*stats.firstClaim)
                                             : QStringLiteral("not yet")},
            {"last_click", when(stats.lastClickMs)},
            {"humans", QString::number(stats.humans)},
            {"bots", QString::number(stats.bots)},
            {"expired_hits", QString::number(stats.expiredHits)},
        },
        {
            {"timeline_svg", timelineSvg(stats)},
            {"breakdowns", breakdowns},
            {"click_log", clickLogTable(stats)},
        });
}

} // namespace shortfuse
