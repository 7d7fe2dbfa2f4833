#include "server/core/apikey.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace shortfuse {

namespace {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    // QRandomGenerator::system() is the operating system's CSPRNG.
    for (int i = 0; i < count; ++i)
        bytes[i] = char(QRandomGenerator::system()->bounded(256));
    return bytes;
}

bool isBase64UrlCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_';
}

bool isLowerHex(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f');
}

} // namespace

namespace apikeys {

QString generate()
{
    const QByteArray encoded = randomBytes(kRandomBytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return kPrefix + QString::fromLatin1(encoded);
}

QByteArray hash(QStringView key)
{
    return QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex();
}

bool hasKeyShape(QStringView text)
{
    if (text.size() != kKeyLength || !text.startsWith(kPrefix))
        return false;
    for (QChar c : text.sliced(kPrefix.size()))
        if (!isBase64UrlCharacter(c))
            return false;
    return true;
}

QString shownPrefix(QStringView key)
{
    return key.left(kShownPrefixLength).toString();
}

QString nameProblem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("A key needs a name (--name).");
    if (name.size() > kMaxNameLength)
        return QStringLiteral("A key's name is at most %1 characters.").arg(kMaxNameLength);
    if (name != name.trimmed())
        return QStringLiteral("A key's name does not begin or end with a space.");
    for (QChar c : name)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QStringLiteral("A key's name has no control characters.");
    return {};
}

bool sameHash(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace apikeys

namespace statstokens {

QString generate()
{
    return QString::fromLatin1(randomBytes(16).toHex());
}

bool hasTokenShape(QStringView text)
{
    // 32 from generate(); 64 for links that got theirs from the schema
    // migration on PostgreSQL (two random UUIDs' worth of hex).
    if (text.size() != 32 && text.size() != 64)
        return false;
    for (QChar c : text)
        if (!isLowerHex(c))
            return false;
    return true;
}

} // namespace statstokens

} // namespace shortfuse
