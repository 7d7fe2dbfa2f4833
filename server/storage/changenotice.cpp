#include "server/storage/changenotice.h"

namespace shortfuse {

namespace {

// Text a revoked slug in a payload may be: the characters slugs are made
// of, as many as the longest alias. What makes a valid slug is the links
// layer's rule; here it only matters that a payload can carry nothing that
// breaks its format or is not a slug at all.
bool isSlugText(QStringView text)
{
    constexpr qsizetype kLongestSlug = 64;
    if (text.isEmpty() || text.size() > kLongestSlug)
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool slugChar = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'_' || u == u'-';
        if (!slugChar)
            return false;
    }
    return true;
}

QByteArray joinIds(const QList<qint64> &ids)
{
    QByteArray out;
    for (const qint64 id : ids) {
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(id);
    }
    return out;
}

std::optional<QList<qint64>> splitIds(QByteArrayView text)
{
    QList<qint64> ids;
    if (text.isEmpty())
        return ids;
    for (const QByteArray &part : text.toByteArray().split(',')) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (!ok || id <= 0)
            return std::nullopt;
        ids.append(id);
    }
    return ids;
}

} // namespace

QByteArray ChangeNotice::encode() const
{
    const QByteArray head = "1;" + sender + ';';
    if (!overflow) {
        QByteArray slugs;
        for (const QString &slug : revoked) {
            if (!slugs.isEmpty())
                slugs += ',';
            slugs += slug.toLatin1();  // slugs are ASCII by rule (linkrules)
        }
        const QByteArray full = head + "c=" + joinIds(clicked) + ";n=" + joinIds(created) + ";r=" + slugs;
        if (full.size() <= kMaxPayload)
            return full;
    }
    return head + '*';
}

std::optional<ChangeNotice> ChangeNotice::decode(QByteArrayView payload)
{
    const QList<QByteArray> fields = payload.toByteArray().split(';');
    if (fields.size() < 3 || fields[0] != "1" || fields[1].isEmpty())
        return std::nullopt;
    ChangeNotice notice;
    notice.sender = fields[1];
    if (fields.size() == 3 && fields[2] == "*") {
        notice.overflow = true;
        return notice;
    }
    if (fields.size() != 5 || !fields[2].startsWith("c=") || !fields[3].startsWith("n=") || !fields[4].startsWith("r="))
        return std::nullopt;
    const std::optional<QList<qint64>> clicked = splitIds(QByteArrayView(fields[2]).sliced(2));
    const std::optional<QList<qint64>> created = splitIds(QByteArrayView(fields[3]).sliced(2));
    if (!clicked || !created)
        return std::nullopt;
    notice.clicked = *clicked;
    notice.created = *created;
    const QByteArray slugs = fields[4].mid(2);
    if (!slugs.isEmpty()) {
        for (const QByteArray &slug : slugs.split(',')) {
            const QString text = QString::fromLatin1(slug);
            if (!isSlugText(text))
                return std::nullopt;
            notice.revoked.append(text);
        }
    }
    return notice;
}

} // namespace shortfuse
