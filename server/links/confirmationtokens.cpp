#include "server/links/confirmationtokens.h"

#include <QCryptographicHash>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace shortfuse {

namespace {
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QByteArray ConfirmationTokens::sign(const QByteArray &payload) const
{
    return QMessageAuthenticationCode::hash(payload, m_secret, QCryptographicHash::Sha256);
}

QString ConfirmationTokens::issue(const QString &slug, qint64 nowMs) const
{
    quint32 nonce[4];
    QRandomGenerator::system()->fillRange(nonce);
    const QByteArray payload = slug.toUtf8() + '|' + QByteArray::number(nowMs + kLifetimeMs) + '|'
        + QByteArray(reinterpret_cast<const char *>(nonce), sizeof nonce).toHex();
    return QString::fromLatin1(payload.toBase64(kBase64) + '.' + sign(payload).toBase64(kBase64));
}

std::optional<ConfirmationTokens::Checked> ConfirmationTokens::check(const QString &token, const QString &slug,
                                                                      qint64 nowMs) const
{
    if (token.size() > 512)
        return std::nullopt;
    const QByteArray bytes = token.toLatin1();
    const qsizetype dot = bytes.indexOf('.');
    if (dot <= 0)
        return std::nullopt;
    constexpr auto strict = QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors;
    const QByteArray::FromBase64Result payloadResult = QByteArray::fromBase64Encoding(bytes.left(dot), strict);
    const QByteArray::FromBase64Result macResult = QByteArray::fromBase64Encoding(bytes.mid(dot + 1), strict);
    if (!payloadResult || !macResult)
        return std::nullopt;
    const QByteArray &payload = payloadResult.decoded;
    const QByteArray &mac = macResult.decoded;
    // Only the exact encoding issue() produced: no padding, no other bits
    // in the last character, nothing appended.
    if (payload.toBase64(kBase64) + '.' + mac.toBase64(kBase64) != bytes)
        return std::nullopt;
    const QByteArray expected = sign(payload);
    // Compare in constant time: the MAC must not leak byte by byte.
    if (mac.size() != expected.size())
        return std::nullopt;
    quint8 difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= quint8(mac.at(i) ^ expected.at(i));
    if (difference != 0)
        return std::nullopt;

    // slug|expiry|nonce, split from the right: the last two fields never
    // contain '|', the slug is whatever comes before them.
    const qsizetype nonceBar = payload.lastIndexOf('|');
    const qsizetype expiryBar = nonceBar > 0 ? payload.lastIndexOf('|', nonceBar - 1) : -1;
    if (expiryBar < 0 || payload.left(expiryBar) != slug.toUtf8())
        return std::nullopt;
    bool ok = false;
    const qint64 expires = payload.mid(expiryBar + 1, nonceBar - expiryBar - 1).toLongLong(&ok);
    if (!ok || expires <= nowMs)
        return std::nullopt;
    return Checked{QString::fromLatin1(payload.mid(nonceBar + 1)), expires};
}

} // namespace shortfuse
