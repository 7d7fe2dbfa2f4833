// GET /api/events (issue 15): the live Server-Sent Events stream of a key
// holder. Who sees what, the events and their ids, resuming with
// Last-Event-ID on another server of the database, the reset of a position
// that cannot be resumed, keep-alives, hundreds of idle streams beside the
// redirects, a client that stops reading, and a stream's connection reading
// no further request. Runs on SQLite and (the suite's second pass) PostgreSQL.

#include "tests/http/httptest.h"
#include "tests/support/sseclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>


#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace shortfuse::test {
namespace {

using Clock = std::chrono::steady_clock;

const QByteArray kRemote = "203.0.113.41";

class HttpEvents : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        // Requests forwarded by "the proxy" on 127.0.0.1 come from afar: not local.
        return ServerTest::serverArguments() + QStringList{QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32")};
    }
    static HeaderList as(const QByteArray &key)
    {
        HeaderList headers{{"X-Forwarded-For", kRemote}};
        if (!key.isEmpty())
            headers.append(std::pair<QByteArray, QByteArray>("Authorization", "Bearer " + key));
        return headers;
    }
    // A stream opened with `key`, read up to its `ready` event; its position.
    std::unique_ptr<SseClient> openStream(const QByteArray &key, const HeaderList &extra = {},
                                          std::optional<quint16> port = {}, SseClient::Options options = {})
    {
        auto stream = std::make_unique<SseClient>(port.value_or(server().port()), options);
        EXPECT_TRUE(stream->error().isEmpty()) << stream->error().toStdString();
        EXPECT_TRUE(stream->open(as(key) + extra));
        EXPECT_EQ(stream->status, 200) << stream->head.toStdString();
        return stream;
    }
    QByteArray createAs(const QByteArray &key, const QString &alias, std::optional<int> maxClicks = {},
                        std::optional<quint16> port = {})
    {
        QJsonObject fields{{QStringLiteral("url"), QString(QStringLiteral("https://example.com/") + alias)},
                           {QStringLiteral("alias"), alias},
                           {QStringLiteral("preview-protection"), QStringLiteral("off")}};
        if (maxClicks)
            fields.insert(QStringLiteral("max-clicks"), *maxClicks);
        const HttpResponse made = HttpClient(port.value_or(server().port())).postJson("/api/create", fields, as(key));
        EXPECT_EQ(made.status, 201) << made.describe().toStdString();
        return alias.toUtf8();
    }
    HttpResponse patchAs(const QByteArray &key, const QByteArray &slug, const QJsonObject &change) const
    {
        HeaderList headers = as(key);
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return client().send(HttpRequest{"PATCH", "/api/links/" + slug, headers, QJsonDocument(change).toJson(QJsonDocument::Compact)});
    }
    HttpResponse revokeAs(const QByteArray &key, const QByteArray &slug) const
    {
        return client().send(HttpRequest{"DELETE", "/api/links/" + slug, as(key), {}});
    }
    // "link.created some-slug, ready " (each event's name and slug), readable in a failure.
    static std::string names(const QList<SseEvent> &events)
    {
        QStringList list;
        for (const SseEvent &event : events)
            list.append(QString::fromUtf8(event.name) + u' ' + event.json().value(QStringLiteral("slug")).toString());
        return list.join(QStringLiteral(", ")).toStdString();
    }
    static std::string joined(const QStringList &names) { return names.join(QStringLiteral(", ")).toStdString(); }
    // The --db of a second server sharing this test's database.
    QString sharedDatabase() const
    {
        return testingOnPostgres() ? databaseUrl() : QStringLiteral("sqlite://") + dataDir() + QStringLiteral("/shortfuse.db");
    }
};

// The transport's side of the streams (connections, their limits, a client
// that stops reading) is the same on either database: only the SQLite pass
// runs it (skipped before a PostgreSQL database and a server are made).
class HttpEventsTransport : public HttpEvents {
protected:
    void SetUp() override
    {
        if (testingOnPostgres())
            GTEST_SKIP() << "the transport's part: the SQLite pass covers it";
        HttpEvents::SetUp();
    }
};

TEST_F(HttpEvents, AKeySeesItsOwnLinksEventsAndAnAdminKeyAll)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QByteArray ben = makeKey(QStringLiteral("ben"));
    const QByteArray root = makeKey(QStringLiteral("root"), true);
    std::unique_ptr<SseClient> annas = openStream(anna);
    std::unique_ptr<SseClient> roots = openStream(root);
    EXPECT_EQ(annas->header("Content-Type"), "text/event-stream; charset=utf-8");
    EXPECT_EQ(annas->header("Cache-Control"), "no-store");
    EXPECT_EQ(annas->header("X-Accel-Buffering"), "no");
    EXPECT_EQ(annas->header("Transfer-Encoding"), "chunked");
    const QList<SseEvent> annaReady = annas->eventsUntil("ready");
    ASSERT_EQ(names(annaReady), "ready ") << "live from now: no history first";
    ASSERT_EQ(roots->eventsUntil("ready").size(), 1);

    createAs(ben, QStringLiteral("bens-link"));
    createAs(anna, QStringLiteral("annas-link"), 2);
    ASSERT_EQ(patchAs(anna, "annas-link", QJsonObject{{QStringLiteral("label"), QStringLiteral("Party")}}).status, 200);
    EXPECT_EQ(client().get("/annas-link").status, 302);
    EXPECT_EQ(client().get("/annas-link").status, 302);
    ASSERT_EQ(revokeAs(anna, "annas-link").status, 200);
    ASSERT_EQ(revokeAs(ben, "bens-link").status, 200);
    createAs(anna, QStringLiteral("last-one"));

    QList<SseEvent> seen;
    while (seen.size() < 7) {
        std::optional<SseEvent> event = annas->nextEvent();
        ASSERT_TRUE(event) << "anna's stream stopped after " << names(seen);
        seen.append(*event);
    }
    EXPECT_EQ(names(seen), (joined({QStringLiteral("link.created annas-link"), QStringLiteral("link.changed annas-link"),
                                    QStringLiteral("link.clicked annas-link"), QStringLiteral("link.clicked annas-link"),
                                    QStringLiteral("link.used_up annas-link"), QStringLiteral("link.revoked annas-link"),
                                    QStringLiteral("link.created last-one")})))
        << "nothing of ben's link, in order, once";
    for (qsizetype i = 1; i < seen.size(); ++i)
        EXPECT_GT(seen[i].idNumber(), seen[i - 1].idNumber()) << "ids rise";
    EXPECT_GT(seen[0].idNumber(), annaReady[0].idNumber());

    // The data: the event's own fields plus slug, type and at.
    const QJsonObject created = seen[0].json();
    EXPECT_EQ(created.value(QStringLiteral("type")).toString(), QStringLiteral("link.created"));
    EXPECT_EQ(created.value(QStringLiteral("max_clicks")).toInt(), 2);
    EXPECT_EQ(created.value(QStringLiteral("remaining")).toInt(), 2);
    EXPECT_EQ(created.value(QStringLiteral("destination_host")).toString(), QStringLiteral("example.com"));
    EXPECT_TRUE(created.value(QStringLiteral("at")).toString().endsWith(u'Z')) << seen[0].data.toStdString();
    EXPECT_EQ(seen[1].json().value(QStringLiteral("label")).toString(), QStringLiteral("Party"));
    EXPECT_EQ(seen[2].json().value(QStringLiteral("clicks")).toInt(), 1);
    EXPECT_EQ(seen[4].json().value(QStringLiteral("remaining")).toInt(), 0);
    EXPECT_EQ(seen[3].idNumber() + 1, seen[4].idNumber()) << "one journal row: its click, then its end";

    // Ids are the journal's: row × 4 + place; the rows of the new types take the last place.
    const qint64 createdRow = database().scalar(QStringLiteral("SELECT id FROM events WHERE type = 5 AND link_id = "
                                                               "(SELECT id FROM links WHERE slug = 'annas-link')"));
    EXPECT_EQ(seen[0].idNumber(), createdRow * 4 + 3);
    const qint64 usedUpRow = database().scalar(QStringLiteral("SELECT id FROM events WHERE type = 2"));
    EXPECT_EQ(seen[3].idNumber(), usedUpRow * 4);
    EXPECT_EQ(seen[4].idNumber(), usedUpRow * 4 + 1);

    // The admin key: everything, ben's link's too.
    QList<SseEvent> all;
    while (all.size() < 9) {
        std::optional<SseEvent> event = roots->nextEvent();
        ASSERT_TRUE(event) << names(all);
        all.append(*event);
    }
    EXPECT_EQ(all.first().json().value(QStringLiteral("slug")).toString(), QStringLiteral("bens-link"));
    EXPECT_NE(names(all).find("link.revoked bens-link"), std::string::npos);

    // No key, a wrong key: 401 as on every management route; only GET.
    expectJsonError(client().get("/api/events", as({})), 401);
    expectJsonError(client().get("/api/events", as("sf_not-a-real-key")), 401);
    EXPECT_EQ(client().send(HttpRequest{"POST", "/api/events", as(anna), {}}).status, 405);
}

TEST_F(HttpEvents, LastEventIdResumesOnASecondServerOfTheDatabaseWithOnlyTheKeysEvents)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QByteArray ben = makeKey(QStringLiteral("ben"));
    QByteArray position;
    {
        std::unique_ptr<SseClient> stream = openStream(anna);
        ASSERT_EQ(stream->eventsUntil("ready").size(), 1);
        createAs(anna, QStringLiteral("resumed"), 1);
        const std::optional<SseEvent> created = stream->nextEvent();
        ASSERT_TRUE(created);
        ASSERT_EQ(created->name, "link.created");
        position = created->id;
    } // the window goes away (a laptop sleeps)
    createAs(ben, QStringLiteral("not-annas"), 1);
    EXPECT_EQ(client().get("/not-annas").status, 302);
    EXPECT_EQ(client().get("/resumed").status, 302);

    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), serverArguments() + QStringList{QStringLiteral("--db"), sharedDatabase()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    std::vector<std::unique_ptr<SseClient>> streams;
    for (const bool byQuery : {false, true}) {
        std::unique_ptr<SseClient> resumed =
            byQuery ? std::make_unique<SseClient>(other.port()) : openStream(anna, {{"Last-Event-ID", position}}, other.port());
        if (byQuery) {
            ASSERT_TRUE(resumed->open(as(anna), "/api/events?last_event_id=" + position));
        }
        const QList<SseEvent> replayed = resumed->eventsUntil("ready");
        EXPECT_EQ(names(replayed), (joined({QStringLiteral("link.clicked resumed"), QStringLiteral("link.used_up resumed"),
                                            QStringLiteral("ready ")})))
            << (byQuery ? "?last_event_id=" : "Last-Event-ID") << ": what came after it, nothing of ben's, then live";
        streams.push_back(std::move(resumed));
    }
    // Then live on this server, for a link made on the first one.
    createAs(anna, QStringLiteral("after-resume"));
    for (const std::unique_ptr<SseClient> &stream : streams) {
        const std::optional<SseEvent> live = stream->nextEvent();
        ASSERT_TRUE(live);
        EXPECT_EQ(names({*live}), "link.created after-resume");
    }
}

TEST_F(HttpEvents, APositionThatCannotBeResumedGetsOneResetThenLive)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    createAs(anna, QStringLiteral("some-link"));
    const qint64 end = database().scalar(QStringLiteral("SELECT MAX(id) FROM events")) * 4 + 3;
    for (const QByteArray &bad : {QByteArray("abc"), QByteArray("-5"), QByteArray("99999999999999999999999"),
                                  QByteArray("1e3"), QByteArray::number(end + 4000)}) {
        std::unique_ptr<SseClient> stream = openStream(anna, {{"Last-Event-ID", bad}});
        const QList<SseEvent> first = stream->eventsUntil("ready");
        ASSERT_EQ(names(first), "reset , ready ") << bad.toStdString();
        EXPECT_EQ(first[0].idNumber(), end) << "the reset carries the journal's end";
        EXPECT_EQ(first[0].json().value(QStringLiteral("last_event_id")).toString().toLongLong(), end);
    }
}

TEST_F(HttpEvents, APositionOlderThanADayGetsAReset)
{
    const QString offsetFile = dataDir() + QStringLiteral("/faketime-offset");
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    ASSERT_TRUE(setFakeClock(offsetFile, "+0"));
    setServerEnvironment(fakeClock);
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments()));
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    createAs(anna, QStringLiteral("yesterday"));
    const QByteArray position = QByteArray::number(database().scalar(QStringLiteral("SELECT MAX(id) FROM events")) * 4 + 3);

    ASSERT_TRUE(setFakeClock(offsetFile, "+23h"));
    EXPECT_EQ(names(openStream(anna, {{"Last-Event-ID", position}})->eventsUntil("ready")), "ready ")
        << "within a day: resumed";
    ASSERT_TRUE(setFakeClock(offsetFile, "+25h"));
    EXPECT_EQ(names(openStream(anna, {{"Last-Event-ID", position}})->eventsUntil("ready")), "reset , ready ")
        << "a day later: the client reloads";
}

TEST_F(HttpEvents, AnIdleStreamGetsKeepAlivesIsNotClosedForSendingNothingAndEndsWithItsKey)
{
    const QStringList fastClock = fastClockEnvironment(20);
    if (fastClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    setServerEnvironment(fastClock);
    // 15 s between keep-alives is 0.75 s here; the idle timeout (10 s, 0.5 s
    // here) is shorter, so three keep-alives outlive four idle timeouts. Not
    // shorter still: the request that creates a link below is an ordinary
    // connection, and on a loaded machine the test may not send it within a
    // tenth of a second of connecting (a CI run saw it closed as idle at 2 s).
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments() + QStringList{QStringLiteral("--idle-timeout"), QStringLiteral("10")}));
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    std::unique_ptr<SseClient> stream = openStream(anna);
    ASSERT_EQ(stream->eventsUntil("ready").size(), 1);
    for (int i = 0; i < 3; ++i) {
        const std::optional<SseEvent> comment = stream->next(5s);
        ASSERT_TRUE(comment) << "keep-alive " << i;
        EXPECT_EQ(comment->comment, "keep-alive");
        EXPECT_TRUE(comment->name.isEmpty());
    }
    createAs(anna, QStringLiteral("still-here"));
    const std::optional<SseEvent> event = stream->nextEvent();
    ASSERT_TRUE(event) << "the stream outlived many idle timeouts";
    EXPECT_EQ(event->name, "link.created");

    // A key revoked (here by the owner's command) ends its streams at the next tick.
    const ProcessRun revoked = runKeysCommand({QStringLiteral("revoke"), QStringLiteral("anna")});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.standardError.toStdString();
    EXPECT_TRUE(stream->closedByServer(5s)) << "the revoked key's stream is closed";
}

TEST_F(HttpEventsTransport, FiveHundredIdleStreamsDoNotStopTheRedirects)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QString slug = createLink(QStringLiteral("https://example.com/busy"));
    std::vector<std::unique_ptr<SseClient>> streams;
    constexpr int kStreams = 500;
    const char *sources[] = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5",
                             "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"};
    const auto started = Clock::now();
    for (int i = 0; i < kStreams; ++i) {
        auto stream = std::make_unique<SseClient>(server().port(), SseClient::Options{sources[i % 8]});
        ASSERT_TRUE(stream->error().isEmpty()) << i << ": " << stream->error().toStdString();
        // One after the other: a key's check takes from the address's
        // budget of wrong keys until it is found right (ApiKeyService).
        ASSERT_TRUE(stream->open({{"Authorization", "Bearer " + anna}})) << "stream " << i;
        ASSERT_EQ(stream->status, 200) << "stream " << i << ": " << stream->head.toStdString();
        streams.push_back(std::move(stream));
    }
    for (int i = 0; i < kStreams; ++i)
        ASSERT_EQ(streams[size_t(i)]->eventsUntil("ready").size(), 1) << "stream " << i;
    std::printf("[ info ] %d streams open in %lld ms\n", kStreams,
                static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()));
    EXPECT_GE(openConnections(client()), kStreams);
    for (int i = 0; i < 50; ++i) {
        const auto asked = Clock::now();
        ASSERT_EQ(client().get(pathOf(slug)).status, 302) << "redirect " << i;
        EXPECT_LT(Clock::now() - asked, 1s) << "redirect " << i;
    }
    // And every stream still hears what happens.
    createAs(anna, QStringLiteral("heard-by-all"));
    for (int i = 0; i < kStreams; ++i) {
        const std::optional<SseEvent> event = streams[size_t(i)]->nextEvent();
        ASSERT_TRUE(event) << "stream " << i;
        ASSERT_EQ(event->name, "link.created") << "stream " << i;
    }
}

TEST_F(HttpEventsTransport, StreamsCountAgainstTheConnectionsOfTheirAddress)
{
    ASSERT_NO_FATAL_FAILURE(startServer(serverArguments() + QStringList{QStringLiteral("--max-connections-per-ip"), QStringLiteral("3")}));
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    std::vector<std::unique_ptr<SseClient>> streams;
    for (int i = 0; i < 3; ++i) {
        streams.push_back(std::make_unique<SseClient>(server().port(), SseClientOptions{"127.0.0.2"}));
        ASSERT_TRUE(streams.back()->open({{"Authorization", "Bearer " + anna}})) << "stream " << i;
        ASSERT_EQ(streams.back()->eventsUntil("ready").size(), 1) << "stream " << i;
    }
    SseClient fourth(server().port(), SseClientOptions{"127.0.0.2"});
    fourth.send("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + anna + "\r\n\r\n");
    EXPECT_TRUE(fourth.closedByServer(5s)) << "a fourth connection from that address is closed at once";
    EXPECT_EQ(fourth.status, 0);
    SseClient elsewhere(server().port(), SseClientOptions{"127.0.0.3"});
    ASSERT_TRUE(elsewhere.open({{"Authorization", "Bearer " + anna}}));
    EXPECT_EQ(elsewhere.status, 200) << "another address still streams";
}

TEST_F(HttpEventsTransport, AClientThatStopsReadingIsDroppedAndTheServerStaysWell)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    std::unique_ptr<SseClient> stalled = openStream(anna, {}, {}, SseClient::Options{nullptr, 4096});
    ASSERT_EQ(stalled->eventsUntil("ready").size(), 1);
    std::unique_ptr<SseClient> reader = openStream(anna);
    ASSERT_EQ(reader->eventsUntil("ready").size(), 1);
    // ~3,000 events of ~350 bytes: more than the stalled client's bound
    // (512 KiB unsent) and what the kernel buffers hold.
    constexpr int kMade = 3000;
    std::atomic<int> batchesMade{0};
    std::thread maker([&] {
        for (int batch = 0; batch < kMade / 1000; ++batch) {
            QJsonArray labels;
            for (int i = 0; i < 1000; ++i)
                labels.append(QStringLiteral("guest %1 of a rather long party list").arg(batch * 1000 + i));
            const HttpResponse response = client().postJson(
                "/api/links/batch",
                QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/party")}, {QStringLiteral("labels"), labels}},
                as(anna));
            EXPECT_EQ(response.status, 201) << response.describe().toStdString();
            batchesMade.fetch_add(1);
        }
    });
    // The reader keeps up and gets every one of them.
    int heard = 0;
    while (heard < kMade) {
        const std::optional<SseEvent> event = reader->nextEvent();
        if (!event)
            break;
        ++heard;
    }
    maker.join();
    ASSERT_EQ(heard, kMade) << "a client that reads hears every event";
    ASSERT_EQ(batchesMade.load(), kMade / 1000);
    ASSERT_TRUE(waitUntil([&] { return openConnections(client()) <= 1 + 1; }, 10s))
        << "the stalled stream is closed (the reader's and the gauge's own remain)";
    EXPECT_TRUE(stalled->closedByServer(5s));
    EXPECT_EQ(client().get("/api/events", as({})).status, 401) << "the server answers";
    std::unique_ptr<SseClient> again = openStream(anna);
    EXPECT_EQ(again->eventsUntil("ready").size(), 1) << "and streams again";
}

TEST_F(HttpEvents, AStreamsConnectionReadsNoFurtherRequest)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QByteArray create = HttpClient::serialize(
        HttpRequest{"POST", "/api/create", as(anna) + HeaderList{{"Content-Type", "application/json"}},
                    R"({"url":"https://example.com/smuggled","alias":"smuggled"})", true, false});
    SseClient stream(server().port());
    ASSERT_TRUE(stream.open(as(anna), "/api/events", create)) << "the create pipelined right behind the stream's request";
    ASSERT_EQ(stream.status, 200);
    ASSERT_EQ(stream.eventsUntil("ready").size(), 1);
    createAs(anna, QStringLiteral("honest"));
    const std::optional<SseEvent> event = stream.nextEvent();
    ASSERT_TRUE(event);
    EXPECT_EQ(names({*event}), "link.created honest");
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = 'smuggled'")), 0)
        << "the request after the stream's was never read";

    // Refused (no key): the answer, then the connection closes; what follows is not read either.
    SseClient refused(server().port());
    ASSERT_TRUE(refused.open(as({}), "/api/events", create));
    EXPECT_EQ(refused.status, 401);
    EXPECT_TRUE(refused.closedByServer(5s));
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = 'smuggled'")), 0);
}

} // namespace
} // namespace shortfuse::test
