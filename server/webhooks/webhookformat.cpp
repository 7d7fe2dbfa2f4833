#include "server/webhooks/webhookformat.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace shortfuse {

namespace {
struct FormatName {
    WebhookFormat format;
    const char *name;
};
constexpr FormatName kFormatNames[] = {
    {WebhookFormat::Standard, "standard"},
    {WebhookFormat::Slack, "slack"},
    {WebhookFormat::Discord, "discord"},
    {WebhookFormat::Ntfy, "ntfy"},
};

constexpr char kTestType[] = "webhook.test";
constexpr char kTestSentence[] = "Shortfuse test message";
constexpr QByteArrayView kJson = "application/json";

// "2026-12-01T10:00:00.000Z": always UTC, always milliseconds, so every
// receiver parses one shape.
QString isoTimestamp(qint64 atMs)
{
    return QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

WebhookPayload standardPayload(const QString &type, qint64 atMs, const QJsonObject &data)
{
    const QJsonObject event{
        {QStringLiteral("type"), type},
        {QStringLiteral("timestamp"), isoTimestamp(atMs)},
        {QStringLiteral("data"), data},
    };
    return {compactJson(event), kJson.toByteArray(), {}};
}

// The chat formats carry one human sentence; slug is the ntfy title's subject.
WebhookPayload sentencePayload(WebhookFormat format, const QString &sentence, const QString &subject)
{
    switch (format) {
    case WebhookFormat::Slack:
        return {compactJson({{QStringLiteral("text"), sentence}}), kJson.toByteArray(), {}};
    case WebhookFormat::Discord:
        return {compactJson({{QStringLiteral("content"), sentence}}), kJson.toByteArray(), {}};
    case WebhookFormat::Ntfy:
    case WebhookFormat::Standard:
        break;
    }
    return {sentence.toUtf8(), "text/plain; charset=utf-8",
            {{"Title", safeHeaderValue(QStringLiteral("Shortfuse: %1").arg(subject))}}};
}
} // namespace

const char *webhookFormatName(WebhookFormat format)
{
    for (const FormatName &entry : kFormatNames) {
        if (entry.format == format)
            return entry.name;
    }
    return "standard";
}

std::optional<WebhookFormat> webhookFormatFromName(QStringView name)
{
    for (const FormatName &entry : kFormatNames) {
        if (name == QLatin1String(entry.name))
            return entry.format;
    }
    return std::nullopt;
}

WebhookPayload renderWebhook(WebhookFormat format, const LinkEvent &event)
{
    if (format == WebhookFormat::Standard)
        return standardPayload(QString::fromLatin1(linkEventTypeName(event.type)), event.atMs, event.data());
    return sentencePayload(format, event.sentence(), event.slug);
}

WebhookPayload renderTestWebhook(WebhookFormat format, qint64 atMs)
{
    const QString sentence = QString::fromLatin1(kTestSentence);
    if (format == WebhookFormat::Standard)
        return standardPayload(QString::fromLatin1(kTestType), atMs, {{QStringLiteral("message"), sentence}});
    return sentencePayload(format, sentence, QStringLiteral("test"));
}

QByteArray safeHeaderValue(const QString &text, int maxChars)
{
    QString clean;
    clean.reserve(std::min<qsizetype>(text.size(), maxChars));
    bool ascii = true;
    for (const QChar c : text) {
        if (clean.size() >= maxChars)
            break;
        // C0 and C1 controls and DEL; also the Unicode line and paragraph
        // separators, which some clients treat as line breaks.
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029)
            continue;
        if (c.isLowSurrogate() && clean.isEmpty())
            continue;
        ascii = ascii && u < 0x80;
        clean.append(c);
    }
    // A cut in the middle of a surrogate pair would leave half a character.
    if (!clean.isEmpty() && clean.back().isHighSurrogate())
        clean.chop(1);
    if (ascii)
        return clean.toLatin1().trimmed();
    return "=?UTF-8?B?" + clean.toUtf8().toBase64() + "?=";
}

} // namespace shortfuse
