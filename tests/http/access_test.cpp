// Owner access (issue 12) against the real server: who may create links
// (--create-access), API keys (right, wrong, revoked, revoked elsewhere,
// throttled, per-key limits), private statistics, and the forgeries a web
// page could try on a local server (CSRF, DNS rebinding).
//
// A request is made "remote" the way a proxy's would be: the server trusts
// 127.0.0.1 as a proxy and the test sends X-Forwarded-For. (Every 127.x
// address is loopback, so a second loopback source would still be local.)

#include "tests/http/httptest.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>

namespace shortfuse::test {
namespace {

const QByteArray kRemote = "203.0.113.9";

class HttpAccess : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return ServerTest::serverArguments() + extraArguments();
    }
    virtual QStringList extraArguments() const
    {
        return {QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32")};
    }

    static HeaderList bearer(const QByteArray &key) { return {{"Authorization", "Bearer " + key}}; }
    static HeaderList remote(HeaderList headers = {})
    {
        headers.append(std::pair<QByteArray, QByteArray>("X-Forwarded-For", kRemote));
        return headers;
    }
    HttpResponse createWith(const HeaderList &headers, const QString &url = QStringLiteral("https://example.com/a")) const
    {
        return client().postJson("/api/create", QJsonObject{{QStringLiteral("url"), url}}, headers);
    }
};

// Under the default `local`, a creation without a key from anywhere but
// this machine is refused with 401 key_required and stores nothing; a key
// makes it from anywhere, and the link is the key's.
TEST_F(HttpAccess, AnonymousCreationFromAnotherAddressNeedsAKey)
{
    const HttpResponse refused = createWith(remote());
    expectJsonError(refused, 401, QStringLiteral("key_required"));
    EXPECT_EQ(refused.header("WWW-Authenticate"), "Bearer realm=\"shortfuse\"");
    EXPECT_EQ(database().linkCount(), 0);

    EXPECT_EQ(createWith({}).status, 201) << "a local request needs no key";
    const QByteArray key = makeKey(QStringLiteral("laptop"));
    const HttpResponse made = createWith(remote(bearer(key)));
    ASSERT_EQ(made.status, 201) << made.describe().toStdString();
    EXPECT_EQ(database().linkCount(), 2);
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links l JOIN api_keys k ON k.id = l.owner_key_id "
                                               "WHERE l.slug = ? AND k.name = 'laptop'"),
                                {made.json().value(QStringLiteral("slug")).toString()}),
              1);
}

class HttpAccessKeysOnly : public HttpAccess {
protected:
    QStringList extraArguments() const override
    {
        return HttpAccess::extraArguments() + QStringList{QStringLiteral("--create-access"), QStringLiteral("keys")};
    }
};

TEST_F(HttpAccessKeysOnly, EveryCreationNeedsAKeyLocalOnesToo)
{
    expectJsonError(createWith({}), 401, QStringLiteral("key_required"));
    expectJsonError(createWith(remote()), 401, QStringLiteral("key_required"));
    EXPECT_EQ(database().linkCount(), 0);
    const QByteArray key = makeKey(QStringLiteral("ci"));
    EXPECT_EQ(createWith(bearer(key)).status, 201);
    EXPECT_EQ(createWith(remote(bearer(key))).status, 201);
}

// The web form says what is needed instead of failing silently, and takes
// the key in a field of its own.
TEST_F(HttpAccessKeysOnly, TheFormOffersAKeyFieldAndExplainsARefusal)
{
    const HttpResponse index = client().get("/");
    ASSERT_EQ(index.status, 200);
    EXPECT_TRUE(index.body.contains("name=\"key\"")) << "the form offers a key field";

    const HeaderList form{{"Content-Type", "application/x-www-form-urlencoded"}};
    const HttpResponse refused = client().send(HttpRequest{"POST", "/", form, "url=https%3A%2F%2Fexample.com%2Fform"});
    EXPECT_EQ(refused.status, 401);
    EXPECT_TRUE(refused.body.contains("API key")) << refused.body.toStdString();
    EXPECT_TRUE(refused.body.contains("name=\"key\""));
    EXPECT_EQ(database().linkCount(), 0);

    const QByteArray key = makeKey(QStringLiteral("browser"));
    const HttpResponse made =
        client().send(HttpRequest{"POST", "/", form, "url=https%3A%2F%2Fexample.com%2Fform&key=" + key});
    EXPECT_EQ(made.status, 201) << made.body.left(2000).toStdString();
    EXPECT_FALSE(made.body.contains(key)) << "the key is never echoed into the page";
    EXPECT_EQ(database().linkCount(), 1);
}

class HttpAccessPublic : public HttpAccess {
protected:
    QStringList extraArguments() const override
    {
        return HttpAccess::extraArguments() + QStringList{QStringLiteral("--create-access"), QStringLiteral("public")};
    }
};

TEST_F(HttpAccessPublic, AnyoneMayCreate)
{
    EXPECT_EQ(createWith(remote()).status, 201);
    EXPECT_EQ(createWith({}).status, 201);
    EXPECT_EQ(database().linkCount(), 2);
}

// Wrong keys: 401 invalid_key (with error="invalid_token"), whatever is
// wrong with them; too many from one address: 429 too_many_attempts, which
// a right key from elsewhere does not suffer.
TEST_F(HttpAccess, WrongKeysAreRefusedAndThrottledPerAddress)
{
    const QByteArray key = makeKey(QStringLiteral("real"));
    const QByteArray wrong = "sf_" + QByteArray(43, 'A');
    for (const HeaderList &headers : {bearer(wrong), bearer("not-a-key"), HeaderList{{"Authorization", "Basic " + key}},
                                      bearer(key.left(key.size() - 1) + (key.endsWith('x') ? "y" : "x"))}) {
        const HttpResponse refused = createWith(remote(headers));
        expectJsonError(refused, 401, QStringLiteral("invalid_key"));
        EXPECT_EQ(refused.header("WWW-Authenticate"), "Bearer realm=\"shortfuse\", error=\"invalid_token\"");
    }
    EXPECT_EQ(database().linkCount(), 0);

    // 10 wrong keys a minute per address (ApiKeyService::kWrongKeysPerMinute);
    // 3 used above (a Basic header is no key: refused before any look-up).
    int refusedWith429 = 0;
    for (int i = 0; i < 12; ++i) {
        const HttpResponse answer = createWith(remote(bearer(wrong)));
        if (answer.status == 429) {
            ++refusedWith429;
            expectJsonError(answer, 429, QStringLiteral("too_many_attempts"));
            EXPECT_FALSE(answer.header("Retry-After").isEmpty());
        }
    }
    EXPECT_EQ(refusedWith429, 12 - (10 - 3));
    HeaderList other = bearer(key);
    other.append(std::pair<QByteArray, QByteArray>("X-Forwarded-For", "198.51.100.7"));
    EXPECT_EQ(createWith(other).status, 201) << "another address is not throttled";
}

// A key revoked with `shortfuse-server keys revoke` stops working at once
// on every server that shares the database, and says why.
TEST_F(HttpAccess, RevokedKeysStopWorkingOnEveryServerAtOnce)
{
    const QByteArray key = makeKey(QStringLiteral("leaked"));
    QStringList secondArguments = serverArguments();
    if (!databaseUrl().isEmpty())
        secondArguments << QStringLiteral("--db") << databaseUrl();
    ServerProcess second(dataDir(), secondArguments);
    ASSERT_TRUE(second.start()) << second.startError().toStdString();
    const HttpClient other(second.port());

    EXPECT_EQ(createWith(remote(bearer(key))).status, 201);
    EXPECT_EQ(other.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/b")}},
                             remote(bearer(key)))
                  .status,
              201);

    const ProcessRun revoked = runKeysCommand({QStringLiteral("revoke"), QStringLiteral("leaked")});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.standardError.toStdString();
    expectJsonError(createWith(remote(bearer(key))), 401, QStringLiteral("revoked_key"));
    expectJsonError(other.postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/c")}},
                                   remote(bearer(key))),
                    401, QStringLiteral("revoked_key"));
    EXPECT_EQ(database().linkCount(), 2);
    expectCleanExit(second, second.terminate());
}

// "Local" cannot be forged by a web page: a browser on this machine can be
// made to post to 127.0.0.1 by any site (CSRF), or to reach it under a
// rebound DNS name. Each attempt needs a key; the server's own page does not.
TEST_F(HttpAccess, CrossSiteAndRebindingAttemptsAreNotLocal)
{
    const QByteArray port = QByteArray::number(server().port());
    const QList<HeaderList> forged{
        {{"Host", "evil.example:" + port}},
        {{"Host", "rebind.evil.example"}},
        {{"Origin", "http://evil.example"}},
        {{"Origin", "null"}},
        {{"Origin", "http://127.0.0.1:" + QByteArray::number(server().port() + 1)}},
        {{"Sec-Fetch-Site", "cross-site"}},
        {{"Sec-Fetch-Site", "same-site"}},
        {{"Forwarded", "for=192.0.2.1"}},
    };
    for (const HeaderList &headers : forged) {
        const HttpResponse refused = createWith(headers);
        EXPECT_EQ(refused.status, 401) << headers.constFirst().first.toStdString() << ": "
                                       << headers.constFirst().second.toStdString();
    }
    const HeaderList form{{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://evil.example"}};
    EXPECT_EQ(client().send(HttpRequest{"POST", "/", form, "url=https%3A%2F%2Fexample.com%2Fcsrf"}).status, 401);
    EXPECT_EQ(database().linkCount(), 0);

    // The server's own page, as a browser sends it.
    const HeaderList ownPage{{"Host", "127.0.0.1:" + port},
                             {"Origin", "http://127.0.0.1:" + port},
                             {"Sec-Fetch-Site", "same-origin"}};
    EXPECT_EQ(createWith(ownPage).status, 201);
    EXPECT_EQ(createWith({{"Host", "localhost:" + port}, {"Sec-Fetch-Site", "none"}}).status, 201);
    EXPECT_EQ(database().linkCount(), 2);
}

// Statistics are readable by the link's owner key, an admin key, a local
// request and whoever holds the link's token; to everyone else the link
// does not exist (the same 404 as an unknown slug).
TEST_F(HttpAccess, StatisticsArePrivateToOwnerAdminLocalAndToken)
{
    const QByteArray owner = makeKey(QStringLiteral("owner"));
    const QByteArray stranger = makeKey(QStringLiteral("stranger"));
    const QByteArray admin = makeKey(QStringLiteral("root"), true);
    const HttpResponse made = createWith(remote(bearer(owner)));
    ASSERT_EQ(made.status, 201);
    const QByteArray slug = made.json().value(QStringLiteral("slug")).toString().toUtf8();
    const QByteArray token = made.json().value(QStringLiteral("stats_token")).toString().toUtf8();
    EXPECT_EQ(token.size(), 32);
    EXPECT_TRUE(made.json().value(QStringLiteral("stats_url")).toString().endsWith(QStringLiteral("?token=") + QString::fromLatin1(token)));

    const HttpResponse unknown = client().get("/api/stats/nosuchlink", remote());
    const HttpResponse hidden = client().get("/api/stats/" + slug, remote());
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(hidden.json().value(QStringLiteral("reason")), unknown.json().value(QStringLiteral("reason")));
    EXPECT_EQ(client().get("/api/stats/" + slug + "?token=" + QByteArray(32, '0'), remote()).status, 404);
    EXPECT_EQ(client().get("/api/stats/" + slug, remote(bearer(stranger))).status, 404) << "another key's link";
    EXPECT_EQ(client().get("/stats/" + slug, remote()).status, 404);
    EXPECT_EQ(client().get("/api/stats/" + slug + ".csv", remote()).status, 404);

    EXPECT_EQ(client().get("/api/stats/" + slug + "?token=" + token, remote()).status, 200);
    EXPECT_EQ(client().get("/api/stats/" + slug + ".csv?token=" + token, remote()).status, 200);
    EXPECT_EQ(client().get("/api/stats/" + slug, remote(bearer(owner))).status, 200);
    EXPECT_EQ(client().get("/api/stats/" + slug, remote(bearer(admin))).status, 200);
    EXPECT_EQ(client().get("/api/stats/" + slug).status, 200) << "a local request";
    const HttpResponse page = client().get("/stats/" + slug + "?token=" + token, remote());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains(QByteArray("/api/stats/" + slug + ".csv?token=" + token)))
        << "the page's links keep the token";
    expectJsonError(client().get("/api/stats/" + slug, remote(bearer("sf_" + QByteArray(43, 'B')))), 401,
                    QStringLiteral("invalid_key"));
}

class HttpAccessPublicStats : public HttpAccess {
protected:
    QStringList extraArguments() const override
    {
        return HttpAccess::extraArguments() + QStringList{QStringLiteral("--public-stats")};
    }
};

TEST_F(HttpAccessPublicStats, TheSlugAloneOpensTheStatistics)
{
    const QString slug = createLink(QStringLiteral("https://example.com/public"));
    EXPECT_EQ(client().get("/api/stats/" + slug.toUtf8(), remote()).status, 200);
    EXPECT_EQ(client().get("/stats/" + slug.toUtf8(), remote()).status, 200);
}

class HttpAccessKeyLimit : public HttpAccess {
protected:
    QStringList extraArguments() const override
    {
        return HttpAccess::extraArguments() + QStringList{QStringLiteral("--key-rate-limit"), QStringLiteral("2")};
    }
};

// Creations with a key have a budget per key (--key-rate-limit), whatever
// address they come from; other keys and anonymous creations keep theirs.
TEST_F(HttpAccessKeyLimit, EachKeyHasABudgetOfItsOwn)
{
    const QByteArray first = makeKey(QStringLiteral("first"));
    const QByteArray second = makeKey(QStringLiteral("second"));
    EXPECT_EQ(createWith(remote(bearer(first))).status, 201);
    HeaderList elsewhere = bearer(first);
    elsewhere.append(std::pair<QByteArray, QByteArray>("X-Forwarded-For", "198.51.100.20"));
    EXPECT_EQ(createWith(elsewhere).status, 201);
    const HttpResponse limited = createWith(remote(bearer(first)));
    expectJsonError(limited, 429, QStringLiteral("rate_limited"));
    EXPECT_FALSE(limited.header("Retry-After").isEmpty());
    EXPECT_EQ(createWith(remote(bearer(second))).status, 201);
    EXPECT_EQ(createWith({}).status, 201);
    EXPECT_EQ(database().linkCount(), 4);
}

// The keys command's bad uses: a clear line and an exit code, nothing made.
TEST_F(HttpAccess, TheKeysCommandRefusesBadUseAndChangesNothing)
{
    const struct {
        QStringList arguments;
        int exitCode;
    } bad[] = {
        {{QStringLiteral("nope")}, 2},
        {{QStringLiteral("create")}, 2},
        {{QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral(" padded")}, 2},
        {{QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("tab\there")}, 2},
        {{QStringLiteral("create"), QStringLiteral("--name"), QString(65, u'n')}, 2},
        {{QStringLiteral("list"), QStringLiteral("--name"), QStringLiteral("x")}, 2},
        {{QStringLiteral("revoke")}, 2},
        {{QStringLiteral("revoke"), QStringLiteral("nobody")}, 1},
    };
    for (const auto &use : bad) {
        const ProcessRun run = runKeysCommand(use.arguments);
        EXPECT_EQ(run.exitCode, use.exitCode) << use.arguments.join(u' ').toStdString();
        EXPECT_TRUE(run.standardOutput.isEmpty()) << "no key printed";
        // The command's own line last (PostgreSQL's client library may print a NOTICE before it).
        const QByteArray lastLine = run.standardError.trimmed().split('\n').constLast();
        EXPECT_TRUE(lastLine.startsWith("shortfuse-server keys: ")) << run.standardError.toStdString();
    }
    ASSERT_FALSE(makeKey(QStringLiteral("once")).isEmpty());
    const ProcessRun again = runKeysCommand({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("once")});
    EXPECT_EQ(again.exitCode, 1) << "a second active key of that name";
    EXPECT_TRUE(again.standardOutput.isEmpty());
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys")), 1);
}

// A key is shown once, by `keys create`, and stored as its SHA-256 only:
// it is in no answer, page, metric, log line or file of the server.
TEST_F(HttpAccess, TheKeyAppearsNowhereButAsItsHash)
{
    const QByteArray key = makeKey(QStringLiteral("secret"), true);
    ASSERT_EQ(key.size(), 46);
    const HttpResponse made = createWith(remote(bearer(key)));
    ASSERT_EQ(made.status, 201);
    const QByteArray slug = made.json().value(QStringLiteral("slug")).toString().toUtf8();
    const QByteArray wrongOnce = key.left(40) + "ZZZZZZ";
    (void)createWith(remote(bearer(wrongOnce)));
    QList<QByteArray> outputs{made.body,
                              client().get("/api/stats/" + slug, remote(bearer(key))).body,
                              client().get("/api/stats/" + slug + ".csv", remote(bearer(key))).body,
                              client().get("/stats/" + slug, remote(bearer(key))).body,
                              client().get("/metrics").body,
                              runKeysCommand({QStringLiteral("list")}).standardOutput};
    EXPECT_TRUE(outputs.last().contains(key.left(10))) << "keys list shows the first characters";
    stopServer();
    outputs << server().stderrText().toUtf8();
    QDirIterator files(dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QByteArray stored;
    while (files.hasNext()) {
        QFile file(files.next());
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        stored += file.readAll();
    }
    outputs << stored;
    for (const QByteArray &output : outputs) {
        EXPECT_FALSE(output.contains(key));
        EXPECT_FALSE(output.contains(key.mid(3, 20))) << "not even a part of it";
        EXPECT_FALSE(output.contains(wrongOnce.mid(3, 20))) << "nor of a wrong one";
    }
    if (!testingOnPostgres()) {
        EXPECT_TRUE(stored.contains(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex()));
    }
}

} // namespace
} // namespace shortfuse::test
