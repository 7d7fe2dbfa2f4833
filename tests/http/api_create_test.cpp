// POST /api/create against the real server: the success shape, every
// refusal (with its reason and nothing stored), and the rate limit.

#include "tests/http/httptest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

namespace shortfuse::test {
namespace {

const QRegularExpression kGeneratedSlug(QStringLiteral("^[A-Za-z0-9]{8}$"));

QString longUrl(int length)
{
    const QString prefix = QStringLiteral("https://example.com/");
    return prefix + QString(length - prefix.size(), u'a');
}

QJsonObject urlOnly(const QString &url)
{
    return QJsonObject{{QStringLiteral("url"), url}};
}

using HttpApiCreate = ServerTest;

// A created link answers 201 with every documented field, correctly filled, and is stored.
TEST_F(HttpApiCreate, ReturnsEveryFieldOfTheNewLink)
{
    const QString url = QStringLiteral("https://example.com/page");
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const HttpResponse response =
        create({{QStringLiteral("url"), url}, {QStringLiteral("max-clicks"), 3}});
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(2);

    ASSERT_EQ(response.status, 201) << response.describe().toStdString();
    EXPECT_TRUE(response.header("Content-Type").startsWith("application/json"));
    const QJsonObject link = response.json();
    const QString slug = link.value(QStringLiteral("slug")).toString();
    EXPECT_TRUE(kGeneratedSlug.match(slug).hasMatch()) << slug.toStdString();
    EXPECT_EQ(link.value(QStringLiteral("short_url")).toString(), server().baseUrl() + u'/' + slug);
    EXPECT_EQ(link.value(QStringLiteral("url")).toString(), url);
    EXPECT_EQ(link.value(QStringLiteral("max_clicks")), QJsonValue(3));
    EXPECT_EQ(link.value(QStringLiteral("clicks")), QJsonValue(0));
    EXPECT_TRUE(link.value(QStringLiteral("stats_url")).toString().startsWith(server().baseUrl() + u'/'))
        << response.describe().toStdString();

    const QString createdAtText = link.value(QStringLiteral("created_at")).toString();
    const QDateTime createdAt = QDateTime::fromString(createdAtText, Qt::ISODateWithMs);
    ASSERT_TRUE(createdAt.isValid()) << createdAtText.toStdString();
    EXPECT_TRUE(createdAtText.endsWith(u'Z')) << "not marked UTC: " << createdAtText.toStdString();
    EXPECT_EQ(createdAt.offsetFromUtc(), 0);
    EXPECT_GE(createdAt, before);
    EXPECT_LE(createdAt, after);

    const LinkDatabase db = database();
    EXPECT_EQ(db.linkCount(), 1);
    EXPECT_EQ(db.scalar(QStringLiteral("SELECT max_clicks FROM links WHERE slug = ? AND url = ?"), {slug, url}), 3);
}

// No max-clicks, or max-clicks null, makes an unlimited link reported as "max_clicks": null.
TEST_F(HttpApiCreate, UnlimitedLinkHasNullMaxClicks)
{
    for (const QJsonObject &fields :
         {urlOnly(QStringLiteral("https://example.com/a")),
          QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/b")},
                      {QStringLiteral("max-clicks"), QJsonValue::Null}}}) {
        const HttpResponse response = create(fields);
        ASSERT_EQ(response.status, 201) << response.describe().toStdString();
        EXPECT_TRUE(response.json().value(QStringLiteral("max_clicks")).isNull()) << response.describe().toStdString();
    }
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE max_clicks IS NULL")), 2);
}

// "max_clicks" is accepted as a synonym of "max-clicks" and really caps the link.
TEST_F(HttpApiCreate, AcceptsMaxClicksWithUnderscore)
{
    const HttpResponse response =
        create({{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("max_clicks"), 2}});
    ASSERT_EQ(response.status, 201) << response.describe().toStdString();
    EXPECT_EQ(response.json().value(QStringLiteral("max_clicks")), QJsonValue(2));
    const QString slug = response.json().value(QStringLiteral("slug")).toString();
    EXPECT_EQ(visit(slug, 3), (StatusCounts{{302, 2}, {400, 1}}));
}

// Generated slugs are 8 characters of [A-Za-z0-9] and do not repeat.
TEST_F(HttpApiCreate, GeneratedSlugsAreEightAlphanumericCharacters)
{
    QSet<QString> slugs;
    for (int i = 0; i < 25; ++i) {
        const QString slug = createLink(QStringLiteral("https://example.com/%1").arg(i));
        EXPECT_TRUE(kGeneratedSlug.match(slug).hasMatch()) << slug.toStdString();
        slugs.insert(slug);
    }
    EXPECT_EQ(slugs.size(), 25);
}

// An alias becomes the slug, the short URL and a working path.
TEST_F(HttpApiCreate, AliasBecomesTheSlug)
{
    const QString alias = QStringLiteral("my-Link_1");
    const HttpResponse response =
        create({{QStringLiteral("url"), QStringLiteral("https://example.com/x")}, {QStringLiteral("alias"), alias}});
    ASSERT_EQ(response.status, 201) << response.describe().toStdString();
    EXPECT_EQ(response.json().value(QStringLiteral("slug")).toString(), alias);
    EXPECT_EQ(response.json().value(QStringLiteral("short_url")).toString(), server().baseUrl() + u'/' + alias);
    EXPECT_EQ(client().get(pathOf(alias)).header("Location"), "https://example.com/x");
}

// Aliases of the shortest and longest allowed lengths (3 and 64) are accepted.
TEST_F(HttpApiCreate, AcceptsAliasesOfThreeAndSixtyFourCharacters)
{
    for (const QString &alias : {QStringLiteral("a-_"), QString(64, u'Z')}) {
        EXPECT_EQ(createLink(QStringLiteral("https://example.com/"), {}, alias), alias);
        EXPECT_EQ(client().get(pathOf(alias)).status, 302) << alias.toStdString();
    }
}

// The longest allowed URL (2048 characters) is stored and redirected to unchanged.
TEST_F(HttpApiCreate, AcceptsUrlOfExactly2048Characters)
{
    const QString url = longUrl(2048);
    const QString slug = createLink(url);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(client().get(pathOf(slug)).header("Location"), url.toUtf8());
}

// The largest allowed max-clicks, 2147483647, is accepted and echoed.
TEST_F(HttpApiCreate, AcceptsTheLargestMaxClicks)
{
    const HttpResponse response = create(
        {{QStringLiteral("url"), QStringLiteral("https://example.com/")}, {QStringLiteral("max-clicks"), 2147483647}});
    ASSERT_EQ(response.status, 201) << response.describe().toStdString();
    EXPECT_EQ(response.json().value(QStringLiteral("max_clicks")).toDouble(), 2147483647.0);
}

// Aliases are case-sensitive: "Abc" and "abc" are two links leading to two places.
TEST_F(HttpApiCreate, AliasesAreCaseSensitive)
{
    const QString upper = QStringLiteral("Abc");
    const QString lower = QStringLiteral("abc");
    ASSERT_EQ(createLink(QStringLiteral("https://example.com/upper"), {}, upper), upper);
    ASSERT_EQ(createLink(QStringLiteral("https://example.com/lower"), {}, lower), lower);
    EXPECT_EQ(client().get("/Abc").header("Location"), "https://example.com/upper");
    EXPECT_EQ(client().get("/abc").header("Location"), "https://example.com/lower");
}

// A taken alias is refused with 409 duplicate; the first link keeps its destination.
TEST_F(HttpApiCreate, DuplicateAliasIsRefusedWith409)
{
    ASSERT_FALSE(createLink(QStringLiteral("https://example.com/first"), {}, QStringLiteral("taken")).isEmpty());
    const HttpResponse second = create({{QStringLiteral("url"), QStringLiteral("https://example.com/second")},
                                        {QStringLiteral("alias"), QStringLiteral("taken")}});
    expectJsonError(second, 409, QStringLiteral("duplicate"));
    EXPECT_EQ(database().linkCount(), 1);
    EXPECT_EQ(client().get("/taken").header("Location"), "https://example.com/first");
}

// Only a JSON content type is accepted: text/plain or none is 415 and stores nothing.
TEST_F(HttpApiCreate, RefusesNonJsonContentTypesWith415)
{
    const QByteArray body = R"({"url":"https://example.com/"})";
    const HttpClient http = client();
    for (const HeaderList &headers : {HeaderList{{"Content-Type", "text/plain"}}, HeaderList{},
                                      HeaderList{{"Content-Type", "application/x-www-form-urlencoded"}}}) {
        const HttpResponse response = http.send(HttpRequest{"POST", "/api/create", headers, body});
        expectJsonError(response, 415, QStringLiteral("unsupported_media_type"));
    }
    EXPECT_EQ(database().linkCount(), 0);
    // Parameters on the JSON media type are fine.
    const HttpResponse withCharset =
        http.send(HttpRequest{"POST", "/api/create", {{"Content-Type", "application/json; charset=utf-8"}}, body});
    EXPECT_EQ(withCharset.status, 201) << withCharset.describe().toStdString();
}

// ---------------------------------------------------------------------------
// Every bad request body: 400 with its reason, and no row in the database.

struct BadBody {
    const char *name;
    QByteArray body;
    const char *reason;
};

QByteArray jsonWithUrl(const QString &url)
{
    return QJsonDocument(urlOnly(url)).toJson(QJsonDocument::Compact);
}

QByteArray jsonWithAlias(const char *alias)
{
    return R"({"url":"https://example.com/","alias":")" + QByteArray(alias) + R"("})";
}

QByteArray jsonWithMaxClicks(const char *maxClicks)
{
    return R"({"url":"https://example.com/","max-clicks":)" + QByteArray(maxClicks) + '}';
}

std::vector<BadBody> badBodies()
{
    return {
        {"NotJson", "this is not json", "invalid_json"},
        {"TruncatedJson", R"({"url":"https://example.com/")", "invalid_json"},
        {"JsonArray", R"(["https://example.com/"])", "invalid_json"},
        {"JsonString", R"("https://example.com/")", "invalid_json"},
        {"EmptyBody", "", "invalid_json"},
        {"MissingUrl", R"({"alias":"abcdef"})", "missing_url"},
        {"FtpScheme", jsonWithUrl(QStringLiteral("ftp://example.com/file")), "unsupported_scheme"},
        {"JavascriptScheme", jsonWithUrl(QStringLiteral("javascript:alert(1)")), "unsupported_scheme"},
        {"NoScheme", jsonWithUrl(QStringLiteral("example.com")), "malformed_url"},
        {"NoHost", jsonWithUrl(QStringLiteral("http://")), "malformed_url"},
        {"Space", jsonWithUrl(QStringLiteral("https://example.com/a b")), "malformed_url"},
        {"Tab", jsonWithUrl(QStringLiteral("https://example.com/a\tb")), "malformed_url"},
        {"Newline", jsonWithUrl(QStringLiteral("https://example.com/a\nb")), "malformed_url"},
        {"UrlOf2049Characters", jsonWithUrl(longUrl(2049)), "url_too_long"},
        {"UrlNotAString", R"({"url":42})", "malformed_url"},
        {"AliasEmpty", jsonWithAlias(""), "invalid_alias"},
        {"AliasTooShort", jsonWithAlias("ab"), "invalid_alias"},
        {"AliasTooLong", jsonWithAlias(QByteArray(65, 'a').constData()), "invalid_alias"},
        {"AliasWithSpace", jsonWithAlias("bad alias"), "invalid_alias"},
        {"AliasWithSlash", jsonWithAlias("a/b/c"), "invalid_alias"},
        {"AliasWithDot", jsonWithAlias("abc.def"), "invalid_alias"},
        {"AliasApi", jsonWithAlias("api"), "reserved_alias"},
        {"AliasStats", jsonWithAlias("stats"), "reserved_alias"},
        {"AliasStatic", jsonWithAlias("static"), "reserved_alias"},
        {"AliasHealth", jsonWithAlias("health"), "reserved_alias"},
        {"AliasMetrics", jsonWithAlias("metrics"), "reserved_alias"},
        {"AliasApiUpperCase", jsonWithAlias("API"), "reserved_alias"},
        {"MaxClicksZero", jsonWithMaxClicks("0"), "invalid_max_clicks"},
        {"MaxClicksNegative", jsonWithMaxClicks("-1"), "invalid_max_clicks"},
        {"MaxClicksTooLarge", jsonWithMaxClicks("2147483648"), "invalid_max_clicks"},
        {"MaxClicksFraction", jsonWithMaxClicks("1.5"), "invalid_max_clicks"},
        {"MaxClicksString", jsonWithMaxClicks(R"("5")"), "invalid_max_clicks"},
        {"MaxClicksSynonymsDisagree", R"({"url":"https://example.com/","max-clicks":2,"max_clicks":3})",
         "invalid_max_clicks"},
        {"UnknownField", R"({"url":"https://example.com/","maxclicks":3})", "unknown_field"},
    };
}

void PrintTo(const BadBody &bad, std::ostream *out)
{
    *out << bad.name;
}

class HttpApiCreateBadBody : public ServerTest, public ::testing::WithParamInterface<BadBody> {};

// The body is refused with 400, a sentence and the right reason, and nothing is stored.
TEST_P(HttpApiCreateBadBody, IsRefusedAndNothingIsStored)
{
    const HttpResponse response = client().postJson("/api/create", GetParam().body);
    expectJsonError(response, 400, QString::fromLatin1(GetParam().reason));
    EXPECT_EQ(database().linkCount(), 0);
}

INSTANTIATE_TEST_SUITE_P(Bodies, HttpApiCreateBadBody, ::testing::ValuesIn(badBodies()),
                         [](const ::testing::TestParamInfo<BadBody> &info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------
// The creation rate limit, keyed by the client address.

class HttpRateLimit : public ServerTest {
protected:
    void SetUp() override {} // each test starts its own server, with its own flags

    HttpResponse createFrom(const QByteArray &forwardedFor) const
    {
        HeaderList headers;
        if (!forwardedFor.isEmpty())
            headers.append({"X-Forwarded-For", forwardedFor});
        return client().postJson("/api/create", jsonWithUrl(QStringLiteral("https://example.com/")), headers);
    }
};

// With --rate-limit 3 the 4th creation is 429 rate_limited with a Retry-After, and is not stored.
TEST_F(HttpRateLimit, FourthCreationInAMinuteIsRefused)
{
    ASSERT_NO_FATAL_FAILURE(startServer({QStringLiteral("--rate-limit"), QStringLiteral("3")}));
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(createFrom({}).status, 201);
    const HttpResponse refused = createFrom({});
    expectJsonError(refused, 429, QStringLiteral("rate_limited"));
    bool isNumber = false;
    const int retryAfter = refused.header("Retry-After").toInt(&isNumber);
    EXPECT_TRUE(isNumber && retryAfter > 0) << refused.describe().toStdString();
    EXPECT_EQ(database().linkCount(), 3);
}

// --rate-limit 0 turns the limit off: 30 quick creations all succeed.
TEST_F(HttpRateLimit, ZeroTurnsTheLimitOff)
{
    ASSERT_NO_FATAL_FAILURE(startServer({QStringLiteral("--rate-limit"), QStringLiteral("0")}));
    StatusCounts statuses;
    for (int i = 0; i < 30; ++i)
        ++statuses[createFrom({}).status];
    EXPECT_EQ(statuses, (StatusCounts{{201, 30}}));
}

// Without --trusted-proxy, X-Forwarded-For is ignored: all requests share
// the peer's budget. (A forwarded request is never local: anonymous
// creations from it need --create-access public.)
TEST_F(HttpRateLimit, ForwardedForIsIgnoredFromUntrustedPeers)
{
    ASSERT_NO_FATAL_FAILURE(startServer({QStringLiteral("--rate-limit"), QStringLiteral("2"),
                                         QStringLiteral("--create-access"), QStringLiteral("public")}));
    EXPECT_EQ(createFrom("10.0.0.1").status, 201);
    EXPECT_EQ(createFrom("10.0.0.2").status, 201);
    expectJsonError(createFrom("10.0.0.3"), 429, QStringLiteral("rate_limited"));
}

// From a trusted proxy, each X-Forwarded-For client gets its own budget.
TEST_F(HttpRateLimit, ForwardedForFromTrustedProxyGetsSeparateBudgets)
{
    ASSERT_NO_FATAL_FAILURE(startServer({QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32"),
                                         QStringLiteral("--rate-limit"), QStringLiteral("2"),
                                         QStringLiteral("--create-access"), QStringLiteral("public")}));
    EXPECT_EQ(createFrom("10.0.0.1").status, 201);
    EXPECT_EQ(createFrom("10.0.0.1").status, 201);
    expectJsonError(createFrom("10.0.0.1"), 429, QStringLiteral("rate_limited"));
    EXPECT_EQ(createFrom("10.0.0.2").status, 201);
    EXPECT_EQ(createFrom("203.0.113.7").status, 201);
    EXPECT_EQ(createFrom({}).status, 201); // the proxy's own address has a budget too
    EXPECT_EQ(database().linkCount(), 5);
}

} // namespace
} // namespace shortfuse::test
