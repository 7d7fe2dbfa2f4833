#include "server/storage/changenotice.h"

#include "server/storage/linkstore.h"

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

QByteArray joinSlugs(const QStringList &slugs)
{
    QByteArray out;
    for (const QString &slug : slugs) {
        if (!out.isEmpty())
            out += ',';
        out += slug.toLatin1(); // slugs are ASCII by rule (linkrules)
    }
    return out;
}

bool splitSlugs(const QByteArray &text, QStringList &into)
{
    if (text.isEmpty())
        return true;
    for (const QByteArray &slug : text.split(',')) {
        const QString part = QString::fromLatin1(slug);
        if (!isSlugText(part))
            return false;
        into.append(part);
    }
    return true;
}

// Every payload starts with the format's version and the sender.
QByteArray headOf(QByteArrayView sender)
{
    return "1;" + sender.toByteArray() + ';';
}

} // namespace

QByteArray ChangeNotice::encode() const
{
    const QByteArray head = headOf(sender);
    if (!overflow) {
        QByteArray full = head + "c=" + joinIds(clicked) + ";n=" + joinIds(created) + ";r=" + joinSlugs(revoked);
        if (!changed.isEmpty() || !purged.isEmpty())
            full += ";u=" + joinSlugs(changed) + ";p=" + joinIds(purged);
        if (full.size() <= kMaxPayload)
            return full;
    }
    return head + '*';
}

bool ChangeNotice::isFrom(QByteArrayView payload, QByteArrayView sender)
{
    return payload.startsWith(headOf(sender));
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
    const bool withChanged = fields.size() == 7;
    if ((fields.size() != 5 && !withChanged) || !fields[2].startsWith("c=") || !fields[3].startsWith("n=")
        || !fields[4].startsWith("r=") || (withChanged && (!fields[5].startsWith("u=") || !fields[6].startsWith("p="))))
        return std::nullopt;
    const std::optional<QList<qint64>> clicked = splitIds(QByteArrayView(fields[2]).sliced(2));
    const std::optional<QList<qint64>> created = splitIds(QByteArrayView(fields[3]).sliced(2));
    if (!clicked || !created)
        return std::nullopt;
    notice.clicked = *clicked;
    notice.created = *created;
    if (!splitSlugs(fields[4].mid(2), notice.revoked))
        return std::nullopt;
    if (withChanged) {
        const std::optional<QList<qint64>> purged = splitIds(QByteArrayView(fields[6]).sliced(2));
        if (!purged || !splitSlugs(fields[5].mid(2), notice.changed))
            return std::nullopt;
        notice.purged = *purged;
        if (notice.changed.isEmpty() && notice.purged.isEmpty())
            return std::nullopt; // encode() writes u= and p= only with something in them
    }
    return notice;
}

std::optional<RemoteChanges> remoteChangesFrom(QByteArrayView payload, const QByteArray &ownSender, LinkReads &reads)
{
    // Our own notice, read from its head before any decoding: the common
    // case on a busy server (its own writer's batches). Every payload
    // decode() accepts begins with that head, so no decoded notice is ours.
    if (ChangeNotice::isFrom(payload, ownSender))
        return std::nullopt;
    std::optional<ChangeNotice> notice = ChangeNotice::decode(payload);
    if (!notice) {
        qWarning("ignored a malformed change notice");
        return std::nullopt;
    }
    RemoteChanges changes{std::move(*notice), {}};
    if (!changes.notice.created.isEmpty()) {
        if (Result<QList<Link>> links = reads.linksByIds(changes.notice.created); links)
            changes.createdLinks = *links;
    }
    return changes;
}

} // namespace shortfuse
