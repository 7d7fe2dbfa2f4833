#include "tests/webhooks/printers.h"
#include "server/webhooks/webhookformat.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
// 2026-12-01T10:00:00.000Z
const qint64 kAtMs = QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();

LinkEvent clickedEvent()
{
    LinkEvent event;
    event.id = 7;
    event.type = LinkEventType::Clicked;
    event.atMs = kAtMs + 123;
    event.slug = QStringLiteral("spring-invite");
    event.destinationHost = QStringLiteral("example.org");
    event.clicks = 31;
    event.maxClicks = 60;
    event.country = QStringLiteral("DE");
    event.browser = QStringLiteral("Firefox");
    event.os = QStringLiteral("Windows");
    return event;
}

QJsonObject parsedObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << body.toStdString();
    return document.object();
}

QByteArray headerValue(const WebhookPayload &payload, const QByteArray &name)
{
    for (const auto &header : payload.extraHeaders) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}
} // namespace

TEST(WebhookFormat, NamesRoundTrip)
{
    for (const WebhookFormat format : {WebhookFormat::Standard, WebhookFormat::Slack, WebhookFormat::Discord, WebhookFormat::Ntfy})
        EXPECT_EQ(webhookFormatFromName(QString::fromLatin1(webhookFormatName(format))), format);
    EXPECT_STREQ(webhookFormatName(WebhookFormat::Ntfy), "ntfy");
    EXPECT_FALSE(webhookFormatFromName(u"Slack").has_value());
    EXPECT_FALSE(webhookFormatFromName(u"").has_value());
    EXPECT_FALSE(webhookFormatFromName(u"teams").has_value());
}

TEST(WebhookFormat, StandardIsTypeTimestampAndData)
{
    const LinkEvent event = clickedEvent();
    const WebhookPayload payload = renderWebhook(WebhookFormat::Standard, event);
    EXPECT_EQ(payload.contentType, "application/json");
    EXPECT_TRUE(payload.extraHeaders.isEmpty());
    const QJsonObject object = parsedObject(payload.body);
    EXPECT_EQ(object.size(), 3);
    EXPECT_EQ(object.value(u"type").toString(), QStringLiteral("link.clicked"));
    EXPECT_EQ(object.value(u"timestamp").toString(), QStringLiteral("2026-12-01T10:00:00.123Z"));
    EXPECT_EQ(object.value(u"data").toObject(), event.data());
    EXPECT_EQ(object.value(u"data").toObject().value(u"remaining").toInteger(), 29);

    LinkEvent usedUp = event;
    usedUp.type = LinkEventType::UsedUp;
    usedUp.atMs = kAtMs;
    const QJsonObject usedUpObject = parsedObject(renderWebhook(WebhookFormat::Standard, usedUp).body);
    EXPECT_EQ(usedUpObject.value(u"type").toString(), QStringLiteral("link.used_up"));
    EXPECT_EQ(usedUpObject.value(u"timestamp").toString(), QStringLiteral("2026-12-01T10:00:00.000Z"));
}

TEST(WebhookFormat, ChatFormatsCarryTheSentence)
{
    const LinkEvent event = clickedEvent();
    const QString sentence = event.sentence();
    ASSERT_EQ(sentence, QStringLiteral("spring-invite was opened from Germany (Firefox on Windows); 29 of 60 left"));

    const WebhookPayload slack = renderWebhook(WebhookFormat::Slack, event);
    EXPECT_EQ(slack.contentType, "application/json");
    EXPECT_EQ(parsedObject(slack.body), (QJsonObject{{QStringLiteral("text"), sentence}}));

    const WebhookPayload discord = renderWebhook(WebhookFormat::Discord, event);
    EXPECT_EQ(discord.contentType, "application/json");
    EXPECT_EQ(parsedObject(discord.body), (QJsonObject{{QStringLiteral("content"), sentence}}));

    const WebhookPayload ntfy = renderWebhook(WebhookFormat::Ntfy, event);
    EXPECT_EQ(ntfy.contentType, "text/plain; charset=utf-8");
    EXPECT_EQ(ntfy.body, sentence.toUtf8());
    EXPECT_EQ(headerValue(ntfy, "Title"), "Shortfuse: spring-invite");
}

TEST(WebhookFormat, NtfyTitleIsASafeHeaderValue)
{
    LinkEvent event = clickedEvent();
    // A label or slug with a line break must not start a header of its own.
    event.slug = QStringLiteral("evil\r\nX-Injected: 1\x01\x7f");
    const QByteArray title = headerValue(renderWebhook(WebhookFormat::Ntfy, event), "Title");
    EXPECT_EQ(title, "Shortfuse: evilX-Injected: 1");

    event.slug = QString(500, QLatin1Char('a'));
    EXPECT_EQ(headerValue(renderWebhook(WebhookFormat::Ntfy, event), "Title").size(), 200);

    // Non-ASCII text goes as an RFC 2047 encoded word (ntfy decodes it), never raw bytes.
    event.slug = QStringLiteral("frühling\u2028x");
    const QByteArray encoded = headerValue(renderWebhook(WebhookFormat::Ntfy, event), "Title");
    ASSERT_TRUE(encoded.startsWith("=?UTF-8?B?") && encoded.endsWith("?=")) << encoded.toStdString();
    EXPECT_EQ(QString::fromUtf8(QByteArray::fromBase64(encoded.mid(10, encoded.size() - 12))),
              QStringLiteral("Shortfuse: frühlingx"));
    for (const char c : encoded)
        EXPECT_TRUE(c >= 0x20 && c < 0x7f);

    // A cut never leaves half a surrogate pair.
    const QByteArray emoji = safeHeaderValue(QString(3, QLatin1Char('a')) + QStringLiteral("😀😀"), 4);
    EXPECT_EQ(QString::fromUtf8(QByteArray::fromBase64(emoji.mid(10, emoji.size() - 12))), QStringLiteral("aaa"));
}

TEST(WebhookFormat, TestMessage)
{
    const QJsonObject standard = parsedObject(renderTestWebhook(WebhookFormat::Standard, kAtMs).body);
    EXPECT_EQ(standard.value(u"type").toString(), QStringLiteral("webhook.test"));
    EXPECT_EQ(standard.value(u"timestamp").toString(), QStringLiteral("2026-12-01T10:00:00.000Z"));
    EXPECT_EQ(standard.value(u"data").toObject().value(u"message").toString(), QStringLiteral("Shortfuse test message"));
    EXPECT_EQ(parsedObject(renderTestWebhook(WebhookFormat::Slack, kAtMs).body).value(u"text").toString(),
              QStringLiteral("Shortfuse test message"));
    EXPECT_EQ(parsedObject(renderTestWebhook(WebhookFormat::Discord, kAtMs).body).value(u"content").toString(),
              QStringLiteral("Shortfuse test message"));
    const WebhookPayload ntfy = renderTestWebhook(WebhookFormat::Ntfy, kAtMs);
    EXPECT_EQ(ntfy.body, "Shortfuse test message");
    EXPECT_EQ(headerValue(ntfy, "Title"), "Shortfuse: test");
}
