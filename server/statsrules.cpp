#include "statsrules.h"

#include <QUrl>

namespace shortfuse {

QString referrerHost(const QString &referrer)
{
    if (referrer.isEmpty())
        return QString();
    return QUrl(referrer).host().toLower();
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
