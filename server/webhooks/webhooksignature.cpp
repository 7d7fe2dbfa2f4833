#include "server/webhooks/webhooksignature.h"

#include <QCryptographicHash>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <array>

namespace shortfuse {

namespace {
constexpr QLatin1String kSecretPrefix("whsec_");
constexpr int kSecretBytes = 24;

// Equal-length byte arrays compared without an early exit, so the time taken
// says nothing about how many leading bytes of a guessed signature match.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false; // the length of a signature is public (HMAC-SHA256, base64)
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QByteArray signatureOf(const QByteArray &key, const QByteArray &messageId, qint64 timestampSeconds,
                       const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(messageId);
    mac.addData(".");
    mac.addData(QByteArray::number(timestampSeconds));
    mac.addData(".");
    mac.addData(body);
    return mac.result().toBase64();
}
} // namespace

QString newWebhookSecret()
{
    std::array<quint32, kSecretBytes / sizeof(quint32)> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), kSecretBytes);
    return kSecretPrefix + QString::fromLatin1(bytes.toBase64());
}

QByteArray webhookSecretKey(const QString &secret)
{
    const QString encoded = secret.startsWith(kSecretPrefix) ? secret.mid(kSecretPrefix.size()) : secret;
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return {};
    return decoded.decoded;
}

QByteArray signWebhook(const QString &secret, const QByteArray &messageId, qint64 timestampSeconds,
                       const QByteArray &body)
{
    const QByteArray key = webhookSecretKey(secret);
    if (key.isEmpty())
        return {};
    return "v1," + signatureOf(key, messageId, timestampSeconds, body);
}

QList<QPair<QByteArray, QByteArray>> standardWebhookHeaders(const QString &secret, const QByteArray &messageId,
                                                            qint64 timestampSeconds, const QByteArray &body)
{
    const QByteArray signature = signWebhook(secret, messageId, timestampSeconds, body);
    if (signature.isEmpty())
        return {};
    return {{"webhook-id", messageId},
            {"webhook-timestamp", QByteArray::number(timestampSeconds)},
            {"webhook-signature", signature}};
}

bool verifyWebhook(const QString &secret, const QByteArray &messageId, const QByteArray &timestampHeader,
                   const QByteArray &signatureHeader, const QByteArray &body, qint64 nowSeconds,
                   qint64 toleranceSeconds)
{
    const QByteArray key = webhookSecretKey(secret);
    if (key.isEmpty() || messageId.isEmpty())
        return false;
    bool isNumber = false;
    const qint64 timestamp = timestampHeader.trimmed().toLongLong(&isNumber);
    // A replayed delivery is refused: its timestamp is signed, so it cannot be refreshed.
    if (!isNumber || timestamp < nowSeconds - toleranceSeconds || timestamp > nowSeconds + toleranceSeconds)
        return false;
    const QByteArray expected = signatureOf(key, messageId, timestamp, body);
    bool matched = false;
    for (const QByteArray &entry : signatureHeader.split(' ')) {
        if (!entry.startsWith("v1,"))
            continue;
        // Every entry is compared, a match or not, so the time does not say which one matched.
        matched |= constantTimeEquals(entry.mid(3), expected);
    }
    return matched;
}

} // namespace shortfuse
