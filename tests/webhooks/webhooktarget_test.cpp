#include "tests/webhooks/printers.h"
#include "server/webhooks/webhooktarget.h"

#include <gtest/gtest.h>

using namespace shortfuse;

TEST(WebhookTarget, AcceptsHttpAndHttpsUrls)
{
    for (const char *text : {"http://example.com/hook", "https://hooks.slack.com/services/T0/B0/x?y=1&z=%20",
                             "https://ntfy.sh/my-topic", "http://[2001:db8::1]:8080/", "HTTP://Example.COM",
                             "http://203.0.113.9:65535/a", "https://bücher.example/hook"}) {
        const Result<QUrl> url = parseWebhookUrl(QString::fromUtf8(text));
        EXPECT_TRUE(url.ok()) << text << ": " << (url.ok() ? "" : url.error().message.toStdString());
    }
    const Result<QUrl> url = parseWebhookUrl(QStringLiteral("https://hooks.example.com:8443/a/b?c=d"));
    ASSERT_TRUE(url.ok());
    EXPECT_EQ(url->host(), QStringLiteral("hooks.example.com"));
    EXPECT_EQ(url->port(), 8443);
    EXPECT_EQ(url->scheme(), QStringLiteral("https"));
}

TEST(WebhookTarget, RefusesWhatIsNotAPlainHttpEndpoint)
{
    const QString tooLong = QStringLiteral("http://example.com/") + QString(2048, QLatin1Char('a'));
    const QStringList bad = {
        QString(), QStringLiteral("example.com/hook"), QStringLiteral("ftp://example.com/"),
        QStringLiteral("javascript:alert(1)"), QStringLiteral("file:///etc/passwd"), QStringLiteral("http://"),
        QStringLiteral("http:///path"), QStringLiteral("http://user:pw@example.com/"),
        QStringLiteral("http://@example.com/"), QStringLiteral("http://user@example.com/"),
        QStringLiteral("http://example.com/#fragment"), QStringLiteral("http://example.com/#"),
        QStringLiteral("http://example.com:0/"), QStringLiteral("http://example.com:65536/"),
        QStringLiteral("http://example.com:-1/"), QStringLiteral("http://example.com:http/"),
        QStringLiteral("http://exa mple.com/"), QStringLiteral(" http://example.com/"),
        QStringLiteral("http://example.com/\r\nHost: evil"), QStringLiteral("http://example.com/\x01"),
        QStringLiteral("http://[::1/"), tooLong,
    };
    for (const QString &text : bad) {
        const Result<QUrl> url = parseWebhookUrl(text);
        ASSERT_FALSE(url.ok()) << text.toStdString();
        EXPECT_EQ(url.error().status, 400);
        EXPECT_EQ(url.error().reason, "invalid_webhook_url");
        EXPECT_FALSE(url.error().message.isEmpty());
    }
    // 2048 characters is still fine.
    EXPECT_TRUE(parseWebhookUrl(tooLong.left(2048)).ok());
}

TEST(WebhookTarget, PrivateAddresses)
{
    for (const char *text : {"127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
                             "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1", "100.127.255.254",
                             "169.254.169.254", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
                             "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
                             "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
                             "::127.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::192.168.0.1"}) {
        const QHostAddress address(QString::fromLatin1(text));
        ASSERT_FALSE(address.isNull()) << text;
        EXPECT_TRUE(isPrivateAddress(address)) << text;
    }
    EXPECT_TRUE(isPrivateAddress(QHostAddress(QStringLiteral("fe80::1%1"))));
    EXPECT_TRUE(isPrivateAddress(QHostAddress()));
}

TEST(WebhookTarget, PublicAddressesIncludingDocumentationRanges)
{
    for (const char *text : {"8.8.8.8", "1.1.1.1", "192.0.2.1", "198.51.100.7", "203.0.113.9", "172.15.255.255",
                             "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.0.1", "223.255.255.255",
                             "11.0.0.1", "2001:db8::1", "2606:4700::1111", "::ffff:8.8.8.8", "::ffff:203.0.113.9",
                             "64:ff9b::808:808", "fbff::1", "fe7f::1"}) {
        const QHostAddress address(QString::fromLatin1(text));
        ASSERT_FALSE(address.isNull()) << text;
        EXPECT_FALSE(isPrivateAddress(address)) << text;
    }
}
