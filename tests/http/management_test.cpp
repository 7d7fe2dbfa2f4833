// The management API for one link (issue 12) against the real server:
// GET, PATCH and DELETE /api/links/<slug>, who may call them, what bad
// values do (nothing), purges that leave no row behind, and PATCH racing
// clicks: a cap raised or set while clicks arrive is never overrun, also
// when they arrive through a second server on the same database.

#include "tests/http/httptest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace shortfuse::test {
namespace {

const QByteArray kRemote = "203.0.113.40";

class HttpManagement : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return ServerTest::serverArguments() + QStringList{QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32")};
    }

    static HeaderList as(const QByteArray &key)
    {
        HeaderList headers{{"X-Forwarded-For", kRemote}};
        if (!key.isEmpty())
            headers.append(std::pair<QByteArray, QByteArray>("Authorization", "Bearer " + key));
        return headers;
    }
    QByteArray createAs(const QByteArray &key, const QJsonObject &fields) const
    {
        const HttpResponse made = client().postJson("/api/create", fields, as(key));
        EXPECT_EQ(made.status, 201) << made.describe().toStdString();
        return made.json().value(QStringLiteral("slug")).toString().toUtf8();
    }
    HttpResponse patch(const QByteArray &slug, const QJsonObject &change, const HeaderList &headers = {},
                       std::optional<quint16> port = {})
    {
        HeaderList all = headers;
        all.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        const HttpClient target(port.value_or(server().port()));
        return target.send(HttpRequest{"PATCH", "/api/links/" + slug, all, QJsonDocument(change).toJson(QJsonDocument::Compact)});
    }
    HttpResponse remove(const QByteArray &slug, const HeaderList &headers = {}, const QByteArray &query = {}) const
    {
        return client().send(HttpRequest{"DELETE", "/api/links/" + slug + query, headers, {}});
    }
};

QJsonObject url(const QString &destination, std::optional<int> maxClicks = {})
{
    QJsonObject fields{{QStringLiteral("url"), destination}, {QStringLiteral("preview-protection"), QStringLiteral("off")}};
    if (maxClicks)
        fields.insert(QStringLiteral("max-clicks"), *maxClicks);
    return fields;
}

TEST_F(HttpManagement, GetPatchAndRevokeALink)
{
    const QByteArray key = makeKey(QStringLiteral("owner"));
    const QByteArray slug = createAs(key, url(QStringLiteral("https://example.com/one"), 1));
    const HttpResponse got = client().get("/api/links/" + slug, as(key));
    ASSERT_EQ(got.status, 200) << got.describe().toStdString();
    EXPECT_EQ(got.json().value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    EXPECT_EQ(got.json().value(QStringLiteral("remaining")).toInt(), 1);

    const HttpResponse changed = patch(slug,
                                       QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/two")},
                                                   {QStringLiteral("max-clicks"), 3},
                                                   {QStringLiteral("label"), QStringLiteral("Ben")},
                                                   {QStringLiteral("expires-in"), 3600},
                                                   {QStringLiteral("expired_url"), QStringLiteral("https://example.com/late")}},
                                       as(key));
    ASSERT_EQ(changed.status, 200) << changed.describe().toStdString();
    EXPECT_EQ(changed.json().value(QStringLiteral("url")).toString(), QStringLiteral("https://example.com/two"));
    EXPECT_EQ(changed.json().value(QStringLiteral("max_clicks")).toInt(), 3);
    EXPECT_EQ(changed.json().value(QStringLiteral("label")).toString(), QStringLiteral("Ben"));
    EXPECT_FALSE(changed.json().value(QStringLiteral("expires_at")).isNull());
    const HttpResponse visit = client().get(pathOf(QString::fromUtf8(slug)));
    EXPECT_EQ(visit.status, 302);
    EXPECT_EQ(visit.header("Location"), "https://example.com/two") << "the new destination at once, cache or not";

    // Unlimited, without label and expiry: null clears.
    const HttpResponse cleared = patch(slug,
                                       QJsonObject{{QStringLiteral("max-clicks"), QJsonValue::Null},
                                                   {QStringLiteral("label"), QJsonValue::Null},
                                                   {QStringLiteral("expires-at"), QJsonValue::Null}},
                                       as(key));
    ASSERT_EQ(cleared.status, 200);
    EXPECT_TRUE(cleared.json().value(QStringLiteral("max_clicks")).isNull());
    EXPECT_TRUE(cleared.json().value(QStringLiteral("label")).isNull());
    EXPECT_TRUE(cleared.json().value(QStringLiteral("expires_at")).isNull());

    const HttpResponse revoked = remove(slug, as(key));
    ASSERT_EQ(revoked.status, 200);
    EXPECT_EQ(revoked.json().value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
    const HttpResponse after = client().get(pathOf(QString::fromUtf8(slug)));
    EXPECT_EQ(after.status, 302) << "answers like a used-up link: to its expired-url";
    EXPECT_EQ(after.header("Location"), "https://example.com/late");
    EXPECT_EQ(client().get("/api/stats/" + slug, as(key)).status, 200) << "statistics kept";
}

// Lowering a cap to the clicks already used ends the link at once; below
// them is refused and changes nothing.
TEST_F(HttpManagement, ACapCannotGoBelowTheClicksUsed)
{
    const QString slug = createLink(QStringLiteral("https://example.com/cap"), 5);
    ASSERT_EQ(visit(slug, 2)[302], 2);
    expectJsonError(patch(slug.toUtf8(), QJsonObject{{QStringLiteral("max-clicks"), 1}}), 400,
                    QStringLiteral("max_clicks_below_clicks"));
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT max_clicks FROM links WHERE slug = ?"), {slug}), 5);
    ASSERT_EQ(patch(slug.toUtf8(), QJsonObject{{QStringLiteral("max-clicks"), 2}}).status, 200);
    EXPECT_EQ(client().get(pathOf(slug)).status, 400) << "used up now";
}

// Every bad value: 400 with a reason code, and the link as it was.
TEST_F(HttpManagement, BadChangesAreRefusedAndChangeNothing)
{
    const QString slug = createLink(QStringLiteral("https://example.com/keep"), 3);
    const std::vector<std::pair<QByteArray, QString>> bad{
        {"{\"url\": \"ftp://example.com\"}", QStringLiteral("unsupported_scheme")},
        {"{\"url\": 5}", QStringLiteral("malformed_url")},
        {"{\"max-clicks\": 0}", QStringLiteral("invalid_max_clicks")},
        {"{\"max-clicks\": 2.5}", QStringLiteral("invalid_max_clicks")},
        {"{\"max-clicks\": \"7\"}", QStringLiteral("invalid_max_clicks")},
        {"{\"expires-in\": 5}", QStringLiteral("invalid_expires_in")},
        {"{\"expires-at\": \"2001-01-01T00:00:00Z\"}", QStringLiteral("invalid_expires_at")},
        {"{\"expires-at\": null, \"expires-in\": 600}", QStringLiteral("conflicting_expiry")},
        {"{\"expired-url\": \"javascript:alert(1)\"}", QStringLiteral("invalid_expired_url")},
        {"{\"label\": \"" + QByteArray(201, 'x') + "\"}", QStringLiteral("invalid_label")},
        {"{\"label\": \"two\\nlines\"}", QStringLiteral("invalid_label")},
        {"{\"preview-protection\": \"maybe\"}", QStringLiteral("invalid_preview_protection")},
        {"{\"password\": \"short\"}", QStringLiteral("invalid_password")},
        {"{\"max_clicks\": 2, \"max-clicks\": 3}", QStringLiteral("conflicting_fields")},
        {"{\"maxclicks\": 2}", QStringLiteral("unknown_field")},
        {"[1]", QStringLiteral("invalid_json")},
        {"{\"url\": \"https://example.com/changed\", \"max-clicks\": -1}", QStringLiteral("invalid_max_clicks")},
    };
    const HeaderList json{{"Content-Type", "application/json"}};
    for (const auto &[body, reason] : bad) {
        expectJsonError(client().send(HttpRequest{"PATCH", "/api/links/" + slug.toUtf8(), json, body}), 400, reason);
    }
    expectJsonError(client().send(HttpRequest{"PATCH", "/api/links/" + slug.toUtf8(), {{"Content-Type", "text/plain"}}, "{}"}),
                    415, QStringLiteral("unsupported_media_type"));
    const HttpResponse unchanged = client().get("/api/links/" + slug.toUtf8());
    EXPECT_EQ(unchanged.json().value(QStringLiteral("url")).toString(), QStringLiteral("https://example.com/keep"));
    EXPECT_EQ(unchanged.json().value(QStringLiteral("max_clicks")).toInt(), 3);
    EXPECT_TRUE(unchanged.json().value(QStringLiteral("label")).isNull());
    EXPECT_EQ(client().get(pathOf(slug)).header("Location"), "https://example.com/keep");
}

// A key sees and changes the links it made and no other (404: their
// existence is not revealed); an admin key and a local request see all;
// anyone else needs a key.
TEST_F(HttpManagement, AKeyReachesOnlyItsOwnLinks)
{
    const QByteArray anna = makeKey(QStringLiteral("anna"));
    const QByteArray ben = makeKey(QStringLiteral("ben"));
    const QByteArray admin = makeKey(QStringLiteral("root"), true);
    const QByteArray slug = createAs(anna, url(QStringLiteral("https://example.com/anna"), 2));

    expectJsonError(client().get("/api/links/" + slug, as(ben)), 404, QStringLiteral("not_found"));
    expectJsonError(patch(slug, QJsonObject{{QStringLiteral("max-clicks"), 9}}, as(ben)), 404, QStringLiteral("not_found"));
    expectJsonError(remove(slug, as(ben)), 404, QStringLiteral("not_found"));
    expectJsonError(remove(slug, as(ben), "?purge=true"), 404, QStringLiteral("not_found"));
    expectJsonError(client().get("/api/links/" + slug, as({})), 401, QStringLiteral("key_required"));
    expectJsonError(patch(slug, QJsonObject{{QStringLiteral("max-clicks"), 9}}, as({})), 401, QStringLiteral("key_required"));
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT max_clicks FROM links WHERE slug = ?"), {QString::fromUtf8(slug)}), 2);

    EXPECT_EQ(client().get("/api/links/" + slug, as(admin)).status, 200);
    EXPECT_EQ(patch(slug, QJsonObject{{QStringLiteral("label"), QStringLiteral("by admin")}}, as(admin)).status, 200);
    EXPECT_EQ(client().get("/api/links/" + slug).status, 200) << "a local request";
    EXPECT_EQ(client().get("/api/links/" + slug, as(anna)).json().value(QStringLiteral("label")).toString(),
              QStringLiteral("by admin"));
}

// ?purge=true: the link and its click log are gone for good (a person's
// erasure request); the slug is unknown afterwards.
TEST_F(HttpManagement, PurgeLeavesNoRowBehind)
{
    const QString slug = createLink(QStringLiteral("https://example.com/erase"), 10);
    const QString other = createLink(QStringLiteral("https://example.com/stays"), 10);
    ASSERT_EQ(visit(slug, 3)[302], 3);
    ASSERT_EQ(visit(other, 2)[302], 2);
    ASSERT_TRUE(waitUntil([&] { return database().clickRows(slug, kRedirected) == 3; }));
    const qint64 id = database().scalar(QStringLiteral("SELECT id FROM links WHERE slug = ?"), {slug});

    const HttpResponse purged = remove(slug.toUtf8(), {}, "?purge=true");
    EXPECT_EQ(purged.status, 204) << purged.describe().toStdString();
    EXPECT_EQ(client().get(pathOf(slug)).status, 404);
    EXPECT_EQ(client().get("/api/links/" + slug.toUtf8()).status, 404);
    EXPECT_EQ(client().get("/api/stats/" + slug.toUtf8()).status, 404);
    expectJsonError(remove(slug.toUtf8(), {}, "?purge=maybe"), 400, QStringLiteral("invalid_purge"));
    stopServer(); // every record flushed: none may bring a row back
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = ?"), {slug}), 0);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM clicks WHERE link_id = ?"), {id}), 0);
    EXPECT_EQ(database().clickRows(other, kRedirected), 2) << "other links keep their log";
}

// One destination, a link per recipient: all or nothing in one
// transaction, as JSON or as CSV rows for a mail merge.
TEST_F(HttpManagement, BatchMakesOneLinkPerLabelAllOrNothing)
{
    const QByteArray key = makeKey(QStringLiteral("mailer"));
    QJsonObject batch{{QStringLiteral("url"), QStringLiteral("https://example.com/invite")},
                      {QStringLiteral("max-clicks"), 1},
                      {QStringLiteral("labels"), QJsonArray{QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("=Cy")}}};
    const HttpResponse made = client().postJson("/api/links/batch", batch, as(key));
    ASSERT_EQ(made.status, 201) << made.describe().toStdString();
    const QJsonArray links = made.json().value(QStringLiteral("links")).toArray();
    ASSERT_EQ(links.size(), 3);
    EXPECT_EQ(links.at(1).toObject().value(QStringLiteral("label")).toString(), QStringLiteral("Ben"));
    EXPECT_EQ(links.at(1).toObject().value(QStringLiteral("max_clicks")).toInt(), 1);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE owner_key_id IS NOT NULL")), 3);

    HeaderList csvHeaders = as(key);
    csvHeaders.append(std::pair<QByteArray, QByteArray>("Accept", "text/csv"));
    batch.insert(QStringLiteral("labels"), QJsonArray{QStringLiteral("Dee"), QStringLiteral("=HYPERLINK(1)")});
    const HttpResponse rows = client().postJson("/api/links/batch", batch, csvHeaders);
    ASSERT_EQ(rows.status, 201) << rows.describe().toStdString();
    EXPECT_TRUE(rows.header("Content-Type").startsWith("text/csv"));
    const QList<QByteArray> lines = rows.body.trimmed().split('\n');
    ASSERT_EQ(lines.size(), 3);
    EXPECT_EQ(lines.at(0).trimmed(), "label,short_url,stats_url");
    EXPECT_TRUE(lines.at(1).startsWith("Dee,http://")) << lines.at(1).toStdString();
    EXPECT_TRUE(lines.at(1).contains("?token=")) << "the stats URL opens the statistics";
    EXPECT_TRUE(lines.at(2).startsWith("'=HYPERLINK")) << "no formula reaches a spreadsheet";

    // One bad alias, one taken alias, one link too many: nothing stored.
    const qint64 before = database().linkCount();
    ASSERT_EQ(createLink(QStringLiteral("https://example.com/taken"), {}, QStringLiteral("taken-alias")).isEmpty(), false);
    QJsonObject bad = batch;
    bad.insert(QStringLiteral("labels"), QJsonArray{QStringLiteral("Eve"), QStringLiteral("Fay")});
    bad.insert(QStringLiteral("aliases"), QJsonArray{QStringLiteral("eve-invite"), QStringLiteral("no")});
    expectJsonError(client().postJson("/api/links/batch", bad, as(key)), 400, QStringLiteral("invalid_alias"));
    bad.insert(QStringLiteral("aliases"), QJsonArray{QStringLiteral("eve-invite"), QStringLiteral("taken-alias")});
    expectJsonError(client().postJson("/api/links/batch", bad, as(key)), 409, QStringLiteral("duplicate"));
    bad.insert(QStringLiteral("aliases"), QJsonArray{QStringLiteral("eve-invite")});
    expectJsonError(client().postJson("/api/links/batch", bad, as(key)), 400, QStringLiteral("invalid_aliases"));
    QJsonArray many;
    for (int i = 0; i < 1001; ++i)
        many.append(QStringLiteral("r%1").arg(i));
    QJsonObject tooMany = batch;
    tooMany.insert(QStringLiteral("labels"), many);
    expectJsonError(client().postJson("/api/links/batch", tooMany, as(key)), 400, QStringLiteral("too_many_links"));
    QJsonObject badLabel = batch;
    badLabel.insert(QStringLiteral("labels"), QJsonArray{QStringLiteral("ok"), QString(201, u'x')});
    expectJsonError(client().postJson("/api/links/batch", badLabel, as(key)), 400, QStringLiteral("invalid_label"));
    expectJsonError(client().postJson("/api/links/batch", batch, as({})), 401, QStringLiteral("key_required"));
    EXPECT_EQ(database().linkCount(), before + 1);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = 'eve-invite'")), 0);
}

// Sends GET /<slug> on `count` new connections to `port` without reading
// the answers yet: the requests are in flight.
std::vector<std::unique_ptr<HttpConnection>> sendVisits(quint16 port, const QByteArray &slug, int count)
{
    std::vector<std::unique_ptr<HttpConnection>> connections;
    const QByteArray request = HttpClient::serialize(HttpRequest{"GET", "/" + slug, {}, {}}, port);
    for (int i = 0; i < count; ++i) {
        connections.push_back(std::make_unique<HttpConnection>(port, 15s));
        EXPECT_EQ(connections.back()->send(request), request.size());
    }
    return connections;
}

int redirectsAmong(std::vector<std::unique_ptr<HttpConnection>> &connections)
{
    int redirects = 0;
    for (auto &connection : connections) {
        const HttpResponse answer = connection->readResponse();
        EXPECT_TRUE(answer.status == 302 || answer.status == 400) << answer.describe().toStdString();
        redirects += answer.status == 302 ? 1 : 0;
    }
    return redirects;
}

// The race: a one-time link, 64 clicks in flight, its cap raised to
// 2 meanwhile, 64 more clicks after the PATCH's answer: exactly two
// redirects, in each of 50 runs. With PostgreSQL, over two servers (the
// clicks split between them, the PATCH to one).
TEST_F(HttpManagement, RaisingACapWhileClicksArriveNeverOverrunsIt)
{
    std::unique_ptr<ServerProcess> second;
    std::vector<quint16> ports{server().port()};
    if (testingOnPostgres()) {
        second = std::make_unique<ServerProcess>(dataDir() + QStringLiteral("/second"),
                                                 serverArguments() + QStringList{QStringLiteral("--db"), databaseUrl()});
        ASSERT_TRUE(second->start()) << second->startError().toStdString();
        ports.push_back(second->port());
    }
    for (int run = 0; run < 50; ++run) {
        const QByteArray slug = QStringLiteral("race%1").arg(run).toUtf8();
        ASSERT_EQ(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/race")},
                                     {QStringLiteral("alias"), QString::fromUtf8(slug)},
                                     {QStringLiteral("max-clicks"), 1},
                                     {QStringLiteral("preview-protection"), QStringLiteral("off")}})
                      .status,
                  201);
        std::vector<std::unique_ptr<HttpConnection>> before;
        for (size_t i = 0; i < ports.size(); ++i) {
            auto part = sendVisits(ports[i], slug, 64 / int(ports.size()));
            std::move(part.begin(), part.end(), std::back_inserter(before));
        }
        const HttpResponse raised = patch(slug, QJsonObject{{QStringLiteral("max-clicks"), 2}}, {}, ports[run % ports.size()]);
        // The first click may or may not have been used when the PATCH ran; either way the cap is now 2.
        ASSERT_EQ(raised.status, 200) << raised.describe().toStdString();
        std::vector<std::unique_ptr<HttpConnection>> after;
        for (size_t i = 0; i < ports.size(); ++i) {
            auto part = sendVisits(ports[i], slug, 64 / int(ports.size()));
            std::move(part.begin(), part.end(), std::back_inserter(after));
        }
        const int redirects = redirectsAmong(before) + redirectsAmong(after);
        ASSERT_EQ(redirects, 2) << "run " << run;
    }
    if (second)
        expectCleanExit(*second, second->terminate());
}

// A cap set on an unlimited link while its clicks stream in: every redirect
// already answered counts (also those the writer has not committed yet), so
// the redirects never exceed the cap, and the link ends exactly at it.
TEST_F(HttpManagement, CappingAnUnlimitedLinkWhileClicksStreamCountsEveryRedirect)
{
    for (int run = 0; run < 20; ++run) {
        const QByteArray slug = QStringLiteral("stream%1").arg(run).toUtf8();
        ASSERT_EQ(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/stream")},
                                     {QStringLiteral("alias"), QString::fromUtf8(slug)}})
                      .status,
                  201);
        std::atomic<bool> capped{false};
        std::atomic<int> redirects{0};
        std::atomic<int> refusedInARow{0};
        std::vector<std::thread> clickers;
        for (int t = 0; t < 4; ++t) {
            clickers.emplace_back([&] {
                const HttpClient visitor = client();
                // Until the link has said "used up" a few times after the cap was set.
                while (!capped.load() || refusedInARow.load() < 8) {
                    const int status = visitor.get("/" + slug).status;
                    if (status == 302) {
                        redirects.fetch_add(1);
                        refusedInARow.store(0);
                    } else if (capped.load()) {
                        refusedInARow.fetch_add(1);
                    }
                }
            });
        }
        ASSERT_TRUE(waitUntil([&] { return redirects.load() >= 10; }));
        // A cap above what is used by now (the clicks go on meanwhile).
        const int cap = redirects.load() + 40;
        const HttpResponse set = patch(slug, QJsonObject{{QStringLiteral("max-clicks"), cap}});
        capped.store(true);
        for (std::thread &clicker : clickers)
            clicker.join();
        ASSERT_EQ(set.status, 200) << set.describe().toStdString();
        EXPECT_EQ(redirects.load(), cap) << "run " << run << ": every redirect counted, none past the cap";
        const HttpResponse link = client().get("/api/links/" + slug);
        EXPECT_EQ(link.json().value(QStringLiteral("clicks")).toInt(), cap);
        EXPECT_EQ(link.json().value(QStringLiteral("status")).toString(), QStringLiteral("used_up"));
    }
}

// A second server on the test's database (the same PostgreSQL database,
// or the same SQLite file), with its own data directory; started once both
// servers' heartbeats are in the database, so each counts the other live.
class SecondServer {
public:
    SecondServer(const QStringList &arguments, const QString &databaseUrl, const QString &sqliteDir,
                 const QStringList &environment = {})
        : m_process(m_data.path(), arguments
                                       + QStringList{QStringLiteral("--db"),
                                                     testingOnPostgres()
                                                         ? databaseUrl
                                                         : QStringLiteral("sqlite://") + sqliteDir + QStringLiteral("/shortfuse.db")})
    {
        m_process.setEnvironment(environment);
    }
    ServerProcess &process() { return m_process; }

private:
    QTemporaryDir m_data;
    ServerProcess m_process;
};

// The same across two servers on one database: clicks alternate between
// them, the cap is set through one. The other answers the link from its
// cache and records those redirects later; the counting handshake has it
// stop doing so, and commit what it answered, before the cap is set.
TEST_F(HttpManagement, CappingAnUnlimitedLinkWhileClicksStreamThroughTwoServersCountsEveryRedirect)
{
    SecondServer second(serverArguments(), databaseUrl(), dataDir());
    ServerProcess &other = second.process();
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    ASSERT_TRUE(waitUntil([&] { return database().scalar(QStringLiteral("SELECT COUNT(*) FROM servers")) == 2; }))
        << "both servers' heartbeats";
    for (int run = 0; run < 20; ++run) {
        const QByteArray slug = QStringLiteral("pair%1").arg(run).toUtf8();
        ASSERT_EQ(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/pair")},
                                     {QStringLiteral("alias"), QString::fromUtf8(slug)}})
                      .status,
                  201);
        std::atomic<bool> capped{false};
        std::atomic<bool> failed{false}; // no cap was set: the clicks would go on for ever
        std::atomic<int> redirects{0};
        std::atomic<int> redirectsByOther{0};
        std::atomic<int> refusedInARow{0};
        std::vector<std::thread> clickers;
        for (int t = 0; t < 4; ++t) {
            const bool toOther = t % 2 == 1;
            clickers.emplace_back([&, toOther] {
                const HttpClient visitor(toOther ? other.port() : server().port());
                while (!failed.load() && (!capped.load() || refusedInARow.load() < 8)) {
                    const int status = visitor.get("/" + slug).status;
                    if (status == 302) {
                        redirects.fetch_add(1);
                        if (toOther)
                            redirectsByOther.fetch_add(1);
                        refusedInARow.store(0);
                    } else if (capped.load()) {
                        refusedInARow.fetch_add(1);
                    }
                }
            });
        }
        // The other server answers from its cache by now.
        ASSERT_TRUE(waitUntil([&] { return redirectsByOther.load() >= 10; }));
        // A cap above what is used by now. The clicks go on meanwhile, at
        // thousands a second while answered from caches: should more than
        // the margin arrive before the cap is in (refused, nothing set, the
        // link unlimited again), a cap with a wider one is set the same way.
        int cap = 0;
        HttpResponse set;
        QElapsedTimer took;
        for (int margin = 150; margin <= 9600; margin *= 2) {
            cap = redirects.load() + margin;
            took.start();
            set = patch(slug, QJsonObject{{QStringLiteral("max-clicks"), cap}});
            if (set.json().value(QStringLiteral("reason")).toString() != QStringLiteral("max_clicks_below_clicks"))
                break;
        }
        failed.store(set.status != 200);
        capped.store(true);
        const qint64 patchMs = took.elapsed();
        for (std::thread &clicker : clickers)
            clicker.join();
        ASSERT_EQ(set.status, 200) << set.describe().toStdString() << " after " << patchMs << " ms";
        EXPECT_EQ(redirects.load(), cap) << "run " << run << ": every redirect counted, none past the cap";
        const HttpResponse link = client().get("/api/links/" + slug);
        EXPECT_EQ(link.json().value(QStringLiteral("clicks")).toInt(), cap);
        EXPECT_EQ(link.json().value(QStringLiteral("status")).toString(), QStringLiteral("used_up"));
        if (HasFailure())
            break;
    }
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE counting <> 0")), 0)
        << "every handshake ended";
    expectCleanExit(other, other.terminate());
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM servers")), 1) << "a server that stops leaves";
}

// A server killed (no clean stop to say it leaves) holds up a cap only
// until its heartbeat is stale: then the other sets caps on its own again.
TEST_F(HttpManagement, AKilledServerNoLongerHoldsUpACapOnceItsHeartbeatIsStale)
{
    const QString offsetFile = QDir(dataDir()).filePath(QStringLiteral("other-clock"));
    const QStringList fakeClock = faketimeEnvironment(offsetFile);
    if (fakeClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    ASSERT_TRUE(setFakeClock(offsetFile, "+0"));
    SecondServer second(serverArguments(), databaseUrl(), dataDir(), fakeClock);
    ServerProcess &other = second.process();
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    ASSERT_TRUE(waitUntil([&] { return database().scalar(QStringLiteral("SELECT COUNT(*) FROM servers")) == 2; }));
    const HttpClient throughOther(other.port());

    // Both alive: the handshake runs, and answers once the other acknowledged.
    ASSERT_EQ(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/a")},
                                 {QStringLiteral("alias"), QStringLiteral("alive")}})
                  .status,
              201);
    ASSERT_EQ(throughOther.get("/alive").status, 302);
    ASSERT_EQ(client().get("/alive").status, 302);
    const HttpResponse alive = patch("alive", QJsonObject{{QStringLiteral("max-clicks"), 5}}, {}, other.port());
    ASSERT_EQ(alive.status, 200) << alive.describe().toStdString();
    EXPECT_EQ(alive.json().value(QStringLiteral("clicks")).toInt(), 2);

    ASSERT_EQ(create(QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/d")},
                                 {QStringLiteral("alias"), QStringLiteral("dead")}})
                  .status,
              201);
    ASSERT_EQ(client().get("/dead").status, 302);
    ASSERT_TRUE(waitUntil([&] {
        return database().scalar(QStringLiteral("SELECT clicks FROM links WHERE slug = 'dead'")) == 1;
    })) << "its redirect's record is in";
    server().kill9();
    // The killed server's last heartbeat is a minute old for the other now.
    ASSERT_TRUE(setFakeClock(offsetFile, "+1m"));
    QElapsedTimer took;
    took.start();
    const HttpResponse dead = patch("dead", QJsonObject{{QStringLiteral("max-clicks"), 3}}, {}, other.port());
    ASSERT_EQ(dead.status, 200) << dead.describe().toStdString();
    EXPECT_LT(took.elapsed(), 6000) << "nobody was waited for (LinkService::kAcknowledgeTimeoutMs)";
    EXPECT_EQ(dead.json().value(QStringLiteral("clicks")).toInt(), 1);
    EXPECT_EQ(throughOther.get("/dead").status, 302);
    EXPECT_EQ(throughOther.get("/dead").status, 302);
    EXPECT_NE(throughOther.get("/dead").status, 302) << "the cap holds";
    expectCleanExit(other, other.terminate());
}

} // namespace
} // namespace shortfuse::test
