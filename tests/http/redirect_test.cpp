// GET and HEAD /<slug> against the real server: redirects, the exact cap,
// the expired and not-found pages, and what the click log records.

#include "tests/http/httptest.h"

namespace shortfuse::test {
namespace {

using HttpRedirect = ServerTest;

void expectRedirectTo(const HttpResponse &response, const QByteArray &location)
{
    EXPECT_EQ(response.status, 302) << response.describe().toStdString();
    EXPECT_EQ(response.header("Location"), location) << response.describe().toStdString();
    EXPECT_EQ(response.header("Cache-Control"), "no-store") << response.describe().toStdString();
}

void expectExpiredPage(const HttpResponse &response)
{
    EXPECT_EQ(response.status, 400) << response.describe().toStdString();
    EXPECT_TRUE(response.header("Content-Type").startsWith("text/html")) << response.describe().toStdString();
    EXPECT_EQ(response.header("Cache-Control"), "no-store") << response.describe().toStdString();
    EXPECT_TRUE(response.body.toLower().contains("expired")) << response.describe().toStdString();
    EXPECT_FALSE(response.hasHeader("Location")) << response.describe().toStdString();
}

// The destination comes back byte-for-byte: query, fragment and percent-encoding untouched.
TEST_F(HttpRedirect, LocationIsTheStoredUrlByteForByte)
{
    const QByteArray url = "https://example.com/a%20b/%E2%9C%93?q=1&r=%2F#frag";
    const QString slug = createLink(QString::fromLatin1(url));
    ASSERT_FALSE(slug.isEmpty());
    expectRedirectTo(client().get(pathOf(slug)), url);
}

// Other byte-sensitive shapes survive too: case, escapes, dot segments, empty query and fragment, IPv6.
TEST_F(HttpRedirect, UnusualUrlShapesAreNotNormalized)
{
    for (const QByteArray &url : {QByteArray("HTTP://Example.COM:8443/%7euser/%7E?"),
                                 QByteArray("https://example.com/path/../x/./y?a=%2f%2F#"),
                                 QByteArray("https://[2001:db8::1]/p?x=a+b&y=%2B")}) {
        const QString slug = createLink(QString::fromLatin1(url));
        if (slug.isEmpty())
            continue; // createLink already reported the failure
        expectRedirectTo(client().get(pathOf(slug)), url);
    }
}

// A one-time link redirects once, then shows the expired page for good.
TEST_F(HttpRedirect, OneTimeLinkRedirectsOnceThenExpires)
{
    const QString slug = createLink(QStringLiteral("https://example.com/once"), 1);
    ASSERT_FALSE(slug.isEmpty());
    expectRedirectTo(client().get(pathOf(slug)), "https://example.com/once");
    expectExpiredPage(client().get(pathOf(slug)));
    expectExpiredPage(client().get(pathOf(slug)));
}

// A max-clicks 3 link gives exactly 3 redirects, then 400s; the database agrees,
// and the expired hits are in the click log with outcome 2.
TEST_F(HttpRedirect, CappedLinkGivesExactlyNRedirects)
{
    const QString slug = createLink(QStringLiteral("https://example.com/three"), 3);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(visit(slug, 7), (StatusCounts{{302, 3}, {400, 4}}));

    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.clicksOf(slug), 3);
    EXPECT_EQ(db.clickRows(slug, kRedirected), 3);
    EXPECT_EQ(db.clickRows(slug, kExpired), 4);
}

// An unlimited link keeps redirecting, and every redirect is counted and logged.
TEST_F(HttpRedirect, UnlimitedLinkRedirectsEveryTime)
{
    const QString slug = createLink(QStringLiteral("https://example.com/forever"));
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 50; ++i)
        expectRedirectTo(client().get(pathOf(slug)), "https://example.com/forever");

    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.clicksOf(slug), 50);
    EXPECT_EQ(db.clickRows(slug, kRedirected), 50);
    EXPECT_EQ(db.clickRows(slug, kExpired), 0);
}

// Unknown slugs and unknown paths are 404 with an HTML page.
TEST_F(HttpRedirect, UnknownSlugIsNotFound)
{
    for (const QByteArray &path : {QByteArray("/NoSuchLink"), QByteArray("/no/such/page"), QByteArray("/x")}) {
        const HttpResponse response = client().get(path);
        EXPECT_EQ(response.status, 404) << path.toStdString() << ": " << response.describe().toStdString();
        EXPECT_TRUE(response.header("Content-Type").startsWith("text/html")) << response.describe().toStdString();
        EXPECT_TRUE(response.body.contains("<html")) << response.describe().toStdString();
        EXPECT_FALSE(response.hasHeader("Location"));
    }
}

// HEAD on a capped link never redirects, never reveals the destination and never uses a click.
TEST_F(HttpRedirect, HeadNeverUsesUpOrRevealsACappedLink)
{
    const QString slug = createLink(QStringLiteral("https://example.com/secret"), 1);
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 5; ++i) {
        const HttpResponse response = client().head(pathOf(slug));
        EXPECT_TRUE(response.received()) << response.describe().toStdString();
        EXPECT_NE(response.status, 302) << response.describe().toStdString();
        EXPECT_FALSE(response.hasHeader("Location")) << response.describe().toStdString();
        EXPECT_FALSE(response.raw.contains("example.com/secret")) << response.describe().toStdString();
    }
    EXPECT_EQ(database().clicksOf(slug), 0);
    expectRedirectTo(client().get(pathOf(slug)), "https://example.com/secret");
    expectExpiredPage(client().get(pathOf(slug)));

    // Once used up, HEAD still does not redirect.
    const HttpResponse afterwards = client().head(pathOf(slug));
    EXPECT_EQ(afterwards.status, 400) << afterwards.describe().toStdString();
    EXPECT_FALSE(afterwards.hasHeader("Location"));

    // Only the two GETs are in the click log.
    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.clicksOf(slug), 1);
    EXPECT_EQ(db.clickRows(slug, kRedirected), 1);
    EXPECT_EQ(db.clickRows(slug, kExpired), 1);
}

// HEAD on an unknown slug is 404.
TEST_F(HttpRedirect, HeadOnUnknownSlugIsNotFound)
{
    const HttpResponse response = client().head("/NoSuchLink");
    EXPECT_EQ(response.status, 404) << response.describe().toStdString();
    EXPECT_FALSE(response.hasHeader("Location"));
}

// HEAD on an unlimited link uses up nothing and logs nothing.
TEST_F(HttpRedirect, HeadOnUnlimitedLinkCountsNothing)
{
    const QString slug = createLink(QStringLiteral("https://example.com/open"));
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 3; ++i)
        EXPECT_NE(client().head(pathOf(slug)).status, 0);
    expectRedirectTo(client().get(pathOf(slug)), "https://example.com/open"); // the one real click
    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.clickRows(slug, kRedirected), 1);
    EXPECT_EQ(db.clicksOf(slug), 1);
}

// Redirects are never rate-limited, even when creations are (--rate-limit 1).
class HttpRedirectRateLimit : public ServerTest {
protected:
    QStringList serverArguments() const override { return {QStringLiteral("--rate-limit"), QStringLiteral("1")}; }
};

TEST_F(HttpRedirectRateLimit, RedirectsAreNeverRateLimited)
{
    const QString slug = createLink(QStringLiteral("https://example.com/popular"));
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_EQ(create({{QStringLiteral("url"), QStringLiteral("https://example.com/")}}).status, 429)
        << "the creation limit should be in force for this test to mean anything";
    EXPECT_EQ(visit(slug, 50), (StatusCounts{{302, 50}}));
}

} // namespace
} // namespace shortfuse::test
