// Webhooks end to end (issue 13): a real shortfuse-server delivers the
// events journal to a real receiver on loopback (the tests pass
// --allow-private-webhooks, except where they check the refusal), signed
// per Standard Webhooks; failures are retried (the server's wall clock moved
// by libfaketime), an endpoint failing for a day is disabled, a kill -9 loses
// nothing, and a key hears only its own links.

#include "tests/http/httptest.h"
#include "tests/support/webhookreceiver.h"

#include "server/core/linkevent.h"
#include "server/webhooks/webhookdispatcher.h"
#include "server/webhooks/webhooksignature.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>

namespace shortfuse::test {
namespace {

class WebhooksTest : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return ServerTest::serverArguments()
            + QStringList{QStringLiteral("--allow-private-webhooks"), QStringLiteral("--webhook-timeout"), QStringLiteral("1")};
    }

    // POST /api/webhooks as a local request; the answer's JSON.
    QJsonObject addWebhook(QJsonObject fields, const HeaderList &headers = {}) const
    {
        const HttpResponse made = client().postJson("/api/webhooks", fields, headers);
        EXPECT_EQ(made.status, 201) << made.describe().toStdString();
        return made.json();
    }
    QJsonObject webhookState(qint64 id) const
    {
        for (const QJsonValue &hook : client().get("/api/webhooks").json().value(QStringLiteral("webhooks")).toArray()) {
            if (hook.toObject().value(QStringLiteral("id")).toInteger() == id)
                return hook.toObject();
        }
        return {};
    }
    // The webhook-ids the receiver has answered 2xx, each once.
    static QSet<QByteArray> deliveredIds(const WebhookReceiver &receiver)
    {
        QSet<QByteArray> ids;
        for (const WebhookReceiver::Request &request : receiver.requests()) {
            if (request.answeredWith >= 200 && request.answeredWith < 300)
                ids.insert(request.header("webhook-id"));
        }
        return ids;
    }
    static bool verified(const QString &secret, const WebhookReceiver::Request &request)
    {
        return verifyWebhook(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                             request.header("webhook-signature"), request.body, request.header("webhook-timestamp").toLongLong());
    }
};

TEST_F(WebhooksTest, EachClaimReachesTheEndpointSignedPerStandardWebhooks)
{
    WebhookReceiver receiver;
    const QJsonObject hook = addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}});
    const QString secret = hook.value(QStringLiteral("secret")).toString();
    ASSERT_TRUE(secret.startsWith(QStringLiteral("whsec_"))) << secret.toStdString();
    EXPECT_FALSE(client().get("/api/webhooks").body.contains(secret.toUtf8())) << "the secret is shown once";

    const HttpResponse made = client().postJson(
        "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/spring")},
                                   {QStringLiteral("max-clicks"), 2},
                                   {QStringLiteral("label"), QStringLiteral("Anna")},
                                   {QStringLiteral("preview-protection"), QStringLiteral("off")}});
    ASSERT_EQ(made.status, 201);
    const QString slug = made.json().value(QStringLiteral("slug")).toString();
    ASSERT_EQ(client().get(pathOf(slug), {{"User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"}}).status, 302);
    ASSERT_EQ(client().get(pathOf(slug)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 3; })) << receiver.count() << " deliveries";

    QMap<QString, int> types;
    QSet<qint64> messageIds;
    for (const WebhookReceiver::Request &request : receiver.requests()) {
        EXPECT_EQ(request.method, "POST");
        EXPECT_EQ(request.target, "/hook");
        EXPECT_EQ(request.header("content-type"), "application/json");
        EXPECT_TRUE(verified(secret, request)) << request.body.toStdString();
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        types[body.value(QStringLiteral("type")).toString()] += 1;
        const QJsonObject data = body.value(QStringLiteral("data")).toObject();
        EXPECT_EQ(data.value(QStringLiteral("slug")).toString(), slug);
        EXPECT_EQ(data.value(QStringLiteral("label")).toString(), QStringLiteral("Anna"));
        EXPECT_EQ(data.value(QStringLiteral("destination_host")).toString(), QStringLiteral("example.com"));
        EXPECT_EQ(data.value(QStringLiteral("max_clicks")).toInt(), 2);
        // msg_<event id>: each event its own, naming the journal row it is read from.
        ASSERT_TRUE(request.header("webhook-id").startsWith("msg_"));
        const qint64 eventId = request.header("webhook-id").mid(4).toLongLong();
        messageIds.insert(eventId);
        EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE id = ?"), {QVariant(journalRowOf(eventId))}), 1);
    }
    EXPECT_EQ(messageIds.size(), 3);
    EXPECT_EQ(types.value(QStringLiteral("link.clicked")), 2);
    EXPECT_EQ(types.value(QStringLiteral("link.used_up")), 1);

    // An independent implementation agrees: the npm standardwebhooks package.
    const QString verifier = QStringLiteral(SHORTFUSE_SOURCE_DIR "/tools/standardwebhooks/verify.js");
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()
        || !QDir(QStringLiteral(SHORTFUSE_SOURCE_DIR "/tools/standardwebhooks/node_modules")).exists())
        GTEST_SKIP() << "needs node and tools/standardwebhooks (scripts/install-deps)";
    for (const WebhookReceiver::Request &request : receiver.requests()) {
        QProcess node;
        node.start(QStringLiteral("node"), {verifier, secret, QString::fromLatin1(request.header("webhook-id")),
                                            QString::fromLatin1(request.header("webhook-timestamp")),
                                            QString::fromLatin1(request.header("webhook-signature"))});
        node.write(request.body);
        node.closeWriteChannel();
        ASSERT_TRUE(node.waitForFinished(30'000));
        EXPECT_EQ(node.exitCode(), 0) << node.readAllStandardError().toStdString();
    }
}

TEST_F(WebhooksTest, FailuresAreRetriedWithTheSameIdAndADayOfFailuresDisablesTheEndpoint)
{
    const QString offsetFile = QDir(dataDir()).filePath(QStringLiteral("clock-offset"));
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    ASSERT_TRUE(setFakeClock(offsetFile, "+0"));
    setServerEnvironment(fakeClock);
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments()));

    WebhookReceiver receiver;
    receiver.answerWith(500);
    const qint64 id = addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}})
                          .value(QStringLiteral("id"))
                          .toInteger();
    const QString slug = createLink(QStringLiteral("https://example.com/once"), 1);
    ASSERT_EQ(client().get(pathOf(slug)).status, 302);
    // link.clicked and link.used_up, each refused once.
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 2; }));
    // Recorded once the answers are back (a moment after the receiver saw the requests).
    ASSERT_TRUE(waitUntil([&] {
        const QJsonObject state = webhookState(id);
        return state.value(QStringLiteral("status")).toString() == QLatin1String("failing")
            && state.value(QStringLiteral("last_result")).toString().startsWith(QLatin1String("500"));
    }));
    EXPECT_EQ(webhookState(id).value(QStringLiteral("pending")).toInteger(), 2);

    // Backoff: nothing more until its time comes; then the same messages again.
    receiver.answerWith(200);
    ASSERT_TRUE(setFakeClock(offsetFile, "+2m"));
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 4; }));
    const QList<WebhookReceiver::Request> seen = receiver.requests();
    EXPECT_EQ(QSet<QByteArray>({seen[0].header("webhook-id"), seen[1].header("webhook-id")}),
              QSet<QByteArray>({seen[2].header("webhook-id"), seen[3].header("webhook-id")}))
        << "a retry keeps its webhook-id";
    ASSERT_TRUE(waitUntil([&] { return webhookState(id).value(QStringLiteral("status")).toString() == QLatin1String("active"); }));
    EXPECT_EQ(webhookState(id).value(QStringLiteral("delivered")).toInteger(), 2);
    EXPECT_EQ(webhookState(id).value(QStringLiteral("pending")).toInteger(), 0);

    // Failing from now on: still retried an hour later; disabled after a day.
    receiver.answerWith(503);
    const QString other = createLink(QStringLiteral("https://example.com/twice"), 5);
    ASSERT_EQ(client().get(pathOf(other)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 5; }));
    // Failing since now (recorded a moment after the receiver answered), not since the clock moves on.
    ASSERT_TRUE(waitUntil([&] { return webhookState(id).value(QStringLiteral("status")).toString() == QLatin1String("failing"); }));
    ASSERT_TRUE(setFakeClock(offsetFile, "+3h"));
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 6; })) << "retried after its backoff";
    EXPECT_EQ(webhookState(id).value(QStringLiteral("status")).toString(), QStringLiteral("failing"));
    ASSERT_TRUE(setFakeClock(offsetFile, "+26h"));
    ASSERT_TRUE(waitUntil([&] { return webhookState(id).value(QStringLiteral("status")).toString() == QLatin1String("disabled"); }))
        << QJsonDocument(webhookState(id)).toJson().toStdString() << receiver.count() << " requests";
    const QJsonObject disabled = webhookState(id);
    EXPECT_EQ(disabled.value(QStringLiteral("abandoned")).toInteger(), 1) << "the undelivered event is counted";
    EXPECT_EQ(disabled.value(QStringLiteral("pending")).toInteger(), 0);
    // The worker reads its figures for /metrics once a second.
    QByteArray metrics;
    EXPECT_TRUE(waitUntil([&] {
        metrics = client().get("/metrics").body;
        return metrics.contains("shortfuse_webhook_undelivered_total{reason=\"abandoned\"} 1");
    })) << metrics.toStdString();
    EXPECT_TRUE(metrics.contains("shortfuse_webhook_endpoints_disabled 1"));
    EXPECT_TRUE(metrics.contains("shortfuse_webhook_deliveries_total{result=\"delivered\"} 2"));
    const int before = receiver.count();
    ASSERT_EQ(client().get(pathOf(other)).status, 302);
    ASSERT_TRUE(setFakeClock(offsetFile, "+30h"));
    // The one-time link's row (its click and end), and the other's two clicks.
    ASSERT_TRUE(waitUntil([&] { return database().scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type <= 4")) == 3; }));
    // Two ticks of the delivery worker at least: a disabled endpoint gets nothing.
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 2500;
    waitUntil([&] { return QDateTime::currentMSecsSinceEpoch() >= until; }, 5s);
    EXPECT_EQ(receiver.count(), before);
}

TEST_F(WebhooksTest, AKillDashNineLosesNoEvent)
{
    WebhookReceiver receiver;
    receiver.answerWith(503);
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}, {QStringLiteral("events"), QJsonArray{QStringLiteral("link.clicked")}}});
    const QString slug = createLink(QStringLiteral("https://example.com/cohort"), 1000);
    runTogether(20, [&](int) {
        for (int i = 0; i < 50; ++i)
            EXPECT_EQ(client().get(pathOf(slug)).status, 302);
    });
    // 999 rows of a click, and the last click's row, which holds the link's end too.
    ASSERT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type IN (1, 2)")), 1000);
    server().kill9();
    receiver.answerWith(200);

    // The restarted server (its clock two hours on, so every backoff and the
    // dead server's leases have run out) delivers each of the 1,000 events.
    const QString offsetFile = QDir(dataDir()).filePath(QStringLiteral("clock-offset"));
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    ASSERT_TRUE(setFakeClock(offsetFile, "+2h"));
    setServerEnvironment(fakeClock);
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments()));
    ASSERT_TRUE(waitUntil([&] { return deliveredIds(receiver).size() >= 1000 && database().scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox")) == 0; }, 120s))
        << deliveredIds(receiver).size() << " distinct events delivered";
    QSet<QByteArray> expected;
    // The click event of each row (linkEventId(row, Clicked)).
    for (qint64 event : database().ids(QStringLiteral("SELECT id * 4 FROM events WHERE type IN (1, 2)")))
        expected.insert("msg_" + QByteArray::number(event));
    EXPECT_EQ(expected.size(), 1000);
    const QSet<QByteArray> delivered = deliveredIds(receiver);
    EXPECT_TRUE(expected.subtract(delivered).isEmpty()) << "none missing";
}

// Two servers on one database, each delivering; one is killed while its
// deliveries hang on a black-holed endpoint: the other delivers every
// event, the dead one's too once their leases run out (on PostgreSQL the
// servers lease rows with SKIP LOCKED; on SQLite they share the file).
TEST_F(WebhooksTest, WhenOneOfTwoServersDiesMidDeliveryTheOtherDeliversEverything)
{
    const QString offsetFile = QDir(dataDir()).filePath(QStringLiteral("other-clock"));
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    ASSERT_TRUE(setFakeClock(offsetFile, "+0"));
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(),
                        serverArguments()
                            + QStringList{QStringLiteral("--db"),
                                          testingOnPostgres() ? databaseUrl()
                                                              : QStringLiteral("sqlite://") + dataDir() + QStringLiteral("/shortfuse.db")});
    other.setEnvironment(fakeClock);
    ASSERT_TRUE(other.start()) << other.startError().toStdString();

    WebhookReceiver receiver;
    receiver.answerWith(0); // a black hole: every delivery hangs until its timeout
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}});
    const QString slug = createLink(QStringLiteral("https://example.com/pair"), 200);
    runTogether(20, [&](int i) {
        const HttpClient target(i % 2 ? other.port() : server().port());
        for (int k = 0; k < 10; ++k)
            EXPECT_EQ(target.get(pathOf(slug)).status, 302);
    });
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 20; })) << "both servers are mid-delivery";
    server().kill9();

    receiver.answerWith(200);
    ASSERT_TRUE(setFakeClock(offsetFile, "+1h")); // every backoff and the dead server's leases have run out
    QSet<QByteArray> expected;
    // Every event's id (linkEventId): one per row, and the click of the used-up row.
    // (Only the click path's types: the link's link.created goes to no endpoint.)
    for (qint64 event : database().ids(QStringLiteral("SELECT id * 4 + type - 1 FROM events WHERE type <= 4 UNION ALL "
                                                      "SELECT id * 4 FROM events WHERE type = 2")))
        expected.insert("msg_" + QByteArray::number(event));
    ASSERT_EQ(expected.size(), 201) << "200 clicks and the link's end";
    ASSERT_TRUE(waitUntil([&] { return deliveredIds(receiver).contains(expected); }, 60s))
        << deliveredIds(receiver).size() << " of 201 delivered";
    EXPECT_TRUE(waitUntil([&] { return database().scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox")) == 0; }));
    expectCleanExit(other, other.terminate());
}

// Clicks on a link without a cap are no event unless an endpoint asks for
// them; then each redirect is one, for that endpoint only.
TEST_F(WebhooksTest, UnlimitedClicksOnlyWhereAnEndpointAsks)
{
    WebhookReceiver plain;
    WebhookReceiver asks;
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(plain.url())}});
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(asks.url())}, {QStringLiteral("unlimited-clicks"), true}});
    const QString open = createLink(QStringLiteral("https://example.com/open"));
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(client().get(pathOf(open)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return asks.count() >= 3; })) << asks.count();
    const QJsonObject data = QJsonDocument::fromJson(asks.requests().constFirst().body).object().value(QStringLiteral("data")).toObject();
    EXPECT_EQ(data.value(QStringLiteral("slug")).toString(), open);
    EXPECT_TRUE(data.value(QStringLiteral("max_clicks")).isNull());
    // The plain endpoint heard nothing: a capped click now reaches it, and only that.
    const QString capped = createLink(QStringLiteral("https://example.com/capped"), 5);
    ASSERT_EQ(client().get(pathOf(capped)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return plain.count() >= 1 && asks.count() >= 4; }));
    EXPECT_EQ(plain.count(), 1);
    EXPECT_TRUE(plain.requests().constFirst().body.contains(capped.toUtf8()));
}

// An endpoint's place in the journal is an event id: when the newest
// events went with a purged link (an erasure), the next event must not
// take their id, or the endpoint, already past it, would never hear it.
TEST_F(WebhooksTest, TheEventAfterAPurgeOfTheNewestIsStillDelivered)
{
    WebhookReceiver receiver;
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}});
    const QString kept = createLink(QStringLiteral("https://example.com/kept"), 5);
    const QString erased = createLink(QStringLiteral("https://example.com/erased"), 1);
    ASSERT_EQ(client().get(pathOf(erased)).status, 302); // clicked and used up: the journal's newest row
    ASSERT_TRUE(waitUntil([&] { return receiver.count() >= 2; })) << receiver.count() << " deliveries";
    const HttpResponse purged = client().send(HttpRequest{"DELETE", "/api/links/" + erased.toUtf8() + "?purge=true", {}, {}});
    ASSERT_EQ(purged.status, 204) << purged.describe().toStdString();

    ASSERT_EQ(client().get(pathOf(kept)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return receiver.count() >= 3; })) << "the click after the purge was never delivered";
    ASSERT_EQ(receiver.count(), 3);
    EXPECT_TRUE(receiver.requests().constLast().body.contains(kept.toUtf8()));
}

TEST_F(WebhooksTest, AKeyHearsOnlyItsOwnLinks)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QByteArray ben = makeKey(QStringLiteral("ben"));
    const HeaderList asAnna{{"Authorization", "Bearer " + anna}};
    const HeaderList asBen{{"Authorization", "Bearer " + ben}};
    WebhookReceiver annaHears;
    WebhookReceiver benHears;
    const qint64 annaHook = addWebhook({{QStringLiteral("url"), QString::fromLatin1(annaHears.url())}}, asAnna)
                                .value(QStringLiteral("id"))
                                .toInteger();
    addWebhook({{QStringLiteral("url"), QString::fromLatin1(benHears.url())}}, asBen);
    const auto make = [&](const HeaderList &as) {
        const HttpResponse made = client().postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/own")},
                                                                               {QStringLiteral("max-clicks"), 3}},
                                                    as);
        EXPECT_EQ(made.status, 201) << made.describe().toStdString();
        return made.json().value(QStringLiteral("slug")).toString();
    };
    const QString annas = make(asAnna);
    const QString bens = make(asBen);
    ASSERT_EQ(client().get(pathOf(annas)).status, 302);
    ASSERT_EQ(client().get(pathOf(bens)).status, 302);
    ASSERT_EQ(client().get(pathOf(bens)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return annaHears.count() >= 1 && benHears.count() >= 2; }));
    for (const WebhookReceiver::Request &request : annaHears.requests())
        EXPECT_TRUE(request.body.contains(annas.toUtf8())) << request.body.toStdString();
    for (const WebhookReceiver::Request &request : benHears.requests())
        EXPECT_TRUE(request.body.contains(bens.toUtf8())) << request.body.toStdString();

    // Ben neither sees nor deletes Anna's endpoint.
    const HttpResponse bensList = client().get("/api/webhooks", asBen);
    EXPECT_EQ(bensList.json().value(QStringLiteral("webhooks")).toArray().size(), 1);
    expectJsonError(client().send(HttpRequest{"DELETE", "/api/webhooks/" + QByteArray::number(annaHook), asBen, {}}), 404,
                    QStringLiteral("not_found"));
    EXPECT_EQ(client().send(HttpRequest{"DELETE", "/api/webhooks/" + QByteArray::number(annaHook), asAnna, {}}).status, 204);
    EXPECT_EQ(client().get("/api/webhooks", asAnna).json().value(QStringLiteral("webhooks")).toArray().size(), 0);
}

TEST_F(WebhooksTest, BadEndpointsAreRefusedAndATestMessageIsSigned)
{
    for (const auto &[fields, reason] : std::vector<std::pair<QJsonObject, QString>>{
             {{{QStringLiteral("url"), QStringLiteral("ftp://example.com/")}}, QStringLiteral("invalid_webhook_url")},
             {{{QStringLiteral("url"), QStringLiteral("http://user:pw@example.com/")}}, QStringLiteral("invalid_webhook_url")},
             {{}, QStringLiteral("invalid_webhook_url")},
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("events"), QJsonArray{QStringLiteral("link.exploded")}}},
              QStringLiteral("invalid_events")},
             // The live stream's events are not a webhook's (issue 15).
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("events"), QJsonArray{QStringLiteral("link.created")}}},
              QStringLiteral("invalid_events")},
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")},
               {QStringLiteral("events"), QJsonArray{QStringLiteral("link.clicked"), QStringLiteral("link.revoked")}}},
              QStringLiteral("invalid_events")},
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("format"), QStringLiteral("xml")}},
              QStringLiteral("invalid_format")},
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("slugs"), QJsonArray{QStringLiteral("../etc")}}},
              QStringLiteral("invalid_slugs")},
             {{{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("secret"), QStringLiteral("mine")}},
              QStringLiteral("unknown_field")},
         }) {
        expectJsonError(client().postJson("/api/webhooks", fields), 400, reason);
    }
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM webhooks")), 0);
    expectJsonError(client().send(HttpRequest{"DELETE", "/api/webhooks/99", {}, {}}), 404, QStringLiteral("not_found"));
    expectJsonError(client().send(HttpRequest{"POST", "/api/webhooks/abc/test", {}, {}}), 404, QStringLiteral("not_found"));
    EXPECT_EQ(client().send(HttpRequest{"PUT", "/api/webhooks", {}, {}}).status, 405);
    // From elsewhere without a key: refused like the rest of the management API.
    expectJsonError(client().get("/api/webhooks", {{"X-Forwarded-For", "203.0.113.9"}}), 401, QStringLiteral("key_required"));

    WebhookReceiver receiver;
    const QJsonObject hook = addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url("/slack"))},
                                         {QStringLiteral("format"), QStringLiteral("slack")}});
    const HttpResponse tried = client().send(HttpRequest{"POST", "/api/webhooks/" + QByteArray::number(hook.value(QStringLiteral("id")).toInteger()) + "/test", {}, {}});
    ASSERT_EQ(tried.status, 200) << tried.describe().toStdString();
    EXPECT_TRUE(tried.json().value(QStringLiteral("delivered")).toBool());
    ASSERT_EQ(receiver.count(), 1);
    EXPECT_TRUE(verified(hook.value(QStringLiteral("secret")).toString(), receiver.requests().first()));
    EXPECT_TRUE(QJsonDocument::fromJson(receiver.requests().first().body).object().contains(QStringLiteral("text")));
}

// A test message is a person's click: ten a minute per owner, then 429
// with Retry-After, and nothing more is sent (a key must not turn the
// server into a request cannon aimed at any URL it registers).
TEST_F(WebhooksTest, TestMessagesAreLimitedPerOwner)
{
    WebhookReceiver receiver;
    const QByteArray path = "/api/webhooks/"
        + QByteArray::number(addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}}).value(QStringLiteral("id")).toInteger())
        + "/test";
    for (int i = 0; i < WebhookDispatcher::kTestsPerMinute; ++i)
        ASSERT_EQ(client().send(HttpRequest{"POST", path, {}, {}}).status, 200) << "test " << i;
    const HttpResponse refused = client().send(HttpRequest{"POST", path, {}, {}});
    expectJsonError(refused, 429, QStringLiteral("rate_limited"));
    EXPECT_GT(refused.header("retry-after").toInt(), 0) << refused.describe().toStdString();
    EXPECT_EQ(receiver.count(), WebhookDispatcher::kTestsPerMinute);
}

// Without --allow-private-webhooks: an endpoint on loopback, by address or
// by a name that resolves there, gets nothing; the refusal is shown.
class PrivateWebhooksTest : public WebhooksTest {
protected:
    QStringList serverArguments() const override { return ServerTest::serverArguments(); }
};

TEST_F(PrivateWebhooksTest, LoopbackEndpointsAreRefusedAtDeliveryTime)
{
    WebhookReceiver receiver;
    const qint64 byAddress = addWebhook({{QStringLiteral("url"), QString::fromLatin1(receiver.url())}}).value(QStringLiteral("id")).toInteger();
    const qint64 byName = addWebhook({{QStringLiteral("url"), QStringLiteral("http://localhost:%1/hook").arg(receiver.port())}})
                              .value(QStringLiteral("id"))
                              .toInteger();
    const QString slug = createLink(QStringLiteral("https://example.com/private"), 1);
    ASSERT_EQ(client().get(pathOf(slug)).status, 302);
    for (qint64 id : {byAddress, byName}) {
        ASSERT_TRUE(waitUntil([&] { return webhookState(id).value(QStringLiteral("last_result")).toString().contains(QLatin1String("not allowed")); }))
            << QJsonDocument(webhookState(id)).toJson().toStdString();
    }
    EXPECT_EQ(receiver.count(), 0) << "nothing reached the loopback receiver";
}

} // namespace
} // namespace shortfuse::test
