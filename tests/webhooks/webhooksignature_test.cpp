#include "tests/webhooks/printers.h"
#include "server/webhooks/webhookformat.h"
#include "server/webhooks/webhooksignature.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
// The Standard Webhooks specification's published example, whose signature
// the reference libraries' own tests expect (svix / standard-webhooks).
const QString kSpecSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QByteArray kSpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr qint64 kSpecTimestamp = 1614265330;
const QByteArray kSpecBody = R"({"test": 2432232314})";
const QByteArray kSpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const QByteArray kSpecTimestampText = QByteArray::number(kSpecTimestamp);
} // namespace

TEST(WebhookSignature, ReproducesTheSpecificationsTestVector)
{
    EXPECT_EQ(signWebhook(kSpecSecret, kSpecId, kSpecTimestamp, kSpecBody), kSpecSignature);
    // The prefix is optional, as in the reference libraries.
    EXPECT_EQ(signWebhook(kSpecSecret.mid(6), kSpecId, kSpecTimestamp, kSpecBody), kSpecSignature);
}

TEST(WebhookSignature, VerifiesTheTestVectorAndRefusesAnyChange)
{
    const qint64 now = kSpecTimestamp;
    EXPECT_TRUE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, now));
    // One of several signatures (a key rotation); other versions ignored.
    EXPECT_TRUE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText,
                              "v1a,abc v1,bm9wZQ== " + kSpecSignature, kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, "v1,bm9wZQ==", kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, "v2," + kSpecSignature.mid(3), kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, R"({"test": 2432232315})", now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, "msg_other", kSpecTimestampText, kSpecSignature, kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(newWebhookSecret(), kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, "1614265331", kSpecSignature, kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, "not a number", kSpecSignature, kSpecBody, now));
    EXPECT_FALSE(verifyWebhook(QStringLiteral("whsec_!!!"), kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, now));
}

TEST(WebhookSignature, RefusesATimestampOutsideTheTolerance)
{
    EXPECT_TRUE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, kSpecTimestamp + 300));
    EXPECT_TRUE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, kSpecTimestamp - 300));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, kSpecTimestamp + 301));
    EXPECT_FALSE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, kSpecTimestamp - 301));
    EXPECT_TRUE(verifyWebhook(kSpecSecret, kSpecId, kSpecTimestampText, kSpecSignature, kSpecBody, kSpecTimestamp + 3600, 3600));
}

TEST(WebhookSignature, NewSecretsAreRandomWhsecKeysOf24Bytes)
{
    const QString first = newWebhookSecret();
    const QString second = newWebhookSecret();
    EXPECT_TRUE(first.startsWith(QLatin1String("whsec_"))) << first.toStdString();
    EXPECT_EQ(webhookSecretKey(first).size(), 24);
    EXPECT_NE(first, second);
    const QByteArray signature = signWebhook(first, "msg_1", 1'700'000'000, "{}");
    EXPECT_TRUE(verifyWebhook(first, "msg_1", "1700000000", signature, "{}", 1'700'000'000));
    EXPECT_FALSE(verifyWebhook(second, "msg_1", "1700000000", signature, "{}", 1'700'000'000));
    EXPECT_TRUE(signWebhook(QStringLiteral("whsec_"), "msg_1", 1, "{}").isEmpty());
}

TEST(WebhookSignature, StandardHeadersOfOneAttempt)
{
    const auto headers = standardWebhookHeaders(kSpecSecret, kSpecId, kSpecTimestamp, kSpecBody);
    ASSERT_EQ(headers.size(), 3);
    EXPECT_EQ(headers[0], (QPair<QByteArray, QByteArray>("webhook-id", kSpecId)));
    EXPECT_EQ(headers[1], (QPair<QByteArray, QByteArray>("webhook-timestamp", kSpecTimestampText)));
    EXPECT_EQ(headers[2], (QPair<QByteArray, QByteArray>("webhook-signature", kSpecSignature)));
    EXPECT_TRUE(standardWebhookHeaders(QStringLiteral("whsec_"), kSpecId, kSpecTimestamp, kSpecBody).isEmpty());
}

// Our signature, checked by an implementation that is not ours: the npm
// `standardwebhooks` package (tools/standardwebhooks, pinned). A receiver
// written with a Standard Webhooks library accepts what we send.
TEST(WebhookSignature, VerifiedByTheStandardWebhooksNpmPackage)
{
    const QString node = QStringLiteral(SHORTFUSE_NODE_BINARY);
    if (node.isEmpty())
        GTEST_SKIP() << "no Node.js on this machine";
    const QDir tool(QStringLiteral(SHORTFUSE_STANDARDWEBHOOKS_DIR));
    ASSERT_TRUE(QFileInfo::exists(tool.filePath(QStringLiteral("node_modules/standardwebhooks/package.json"))))
        << "tools/standardwebhooks is not installed: run scripts/install-deps";

    LinkEvent event;
    event.type = LinkEventType::Clicked;
    event.atMs = QDateTime::currentMSecsSinceEpoch();
    event.slug = QStringLiteral("spring-invite");
    event.label = QStringLiteral("Frühling ✿");
    event.clicks = 31;
    event.maxClicks = 60;
    event.country = QStringLiteral("DE");
    const QByteArray body = renderWebhook(WebhookFormat::Standard, event).body;
    const QString secret = newWebhookSecret();
    const QByteArray id = "msg_42";
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const QByteArray signature = signWebhook(secret, id, timestamp, body);

    // verify.js's exit code (0: valid) and what it said.
    const auto verify = [&](const QByteArray &signatureHeader, const QByteArray &sentBody) {
        QProcess process;
        process.start(node, {tool.filePath(QStringLiteral("verify.js")), secret, QString::fromLatin1(id),
                             QString::number(timestamp), QString::fromLatin1(signatureHeader)});
        EXPECT_TRUE(process.waitForStarted(10'000));
        process.write(sentBody);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(20'000));
        return std::make_pair(process.exitCode(), QString::fromUtf8(process.readAllStandardError()));
    };
    const auto [exit, said] = verify(signature, body);
    EXPECT_EQ(exit, 0) << said.toStdString();
    // The tool can say no: a changed body is refused (so the check above means something).
    QByteArray changed = body;
    changed.replace("spring-invite", "spring-invitf");
    EXPECT_EQ(verify(signature, changed).first, 1);
}
