#include "server/core/statsrules.h"


namespace shortfuse {

QString referrerHost(const QString &referrer)
{
    // By hand rather than with QUrl: this runs for every click.
    // scheme://[userinfo@]host[:port][/?#...]
    const qsizetype schemeEnd = referrer.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return QString();
    qsizetype start = schemeEnd + 3;
    qsizetype end = start;
    while (end < referrer.size() && referrer.at(end) != u'/' && referrer.at(end) != u'?' && referrer.at(end) != u'#')
        ++end;
    QStringView authority = QStringView(referrer).sliced(start, end - start);
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0)
        authority = authority.sliced(at + 1);
    if (authority.startsWith(u'[')) { // IPv6 literal
        const qsizetype close = authority.indexOf(u']');
        return close > 0 ? authority.sliced(1, close - 1).toString().toLower() : QString();
    }
    if (const qsizetype colon = authority.indexOf(u':'); colon >= 0)
        authority = authority.first(colon);
    for (QChar c : authority) {
        if (c.isSpace() || c == u'\\')
            return QString(); // not a URL a browser would have sent
    }
    return authority.toString().toLower();
}

qint64 timelineBucketMs(qint64 spanMs)
{
    constexpr qint64 minute = 60'000;
    for (qint64 width : {minute, 5 * minute, 60 * minute, 24 * 60 * minute}) {
        if (spanMs <= width * 60)
            return width;
    }
    return 7 * 24 * 60 * minute;
}

QString csvCell(const QString &value)
{
    QString cell = value;
    // =, +, -, @, tab and carriage return start a formula in Excel, LibreOffice
    // and Google Sheets; a leading apostrophe makes the cell plain text.
    if (!cell.isEmpty()
        && (cell.front() == u'=' || cell.front() == u'+' || cell.front() == u'-' || cell.front() == u'@'
            || cell.front() == u'\t' || cell.front() == u'\r'))
        cell.prepend(u'\'');
    if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') || cell.contains(u'\r')) {
        cell.replace(u'"', QLatin1String("\"\""));
        cell = u'"' + cell + u'"';
    }
    return cell;
}

} // namespace shortfuse
