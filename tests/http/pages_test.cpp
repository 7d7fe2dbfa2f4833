// The human-facing side of the real server: the form page, its static
// files, the plain (no JavaScript) form post, and /health.

#include "tests/http/httptest.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace shortfuse::test {
namespace {

using HttpPages = ServerTest;

bool isHtml(const HttpResponse &response)
{
    return response.header("Content-Type").startsWith("text/html");
}

// Every address a page or stylesheet makes the browser load or go to.
QStringList referencedAddresses(const QString &text)
{
    static const QRegularExpression attribute(
        QStringLiteral(R"(\b(?:src|href|action|formaction|poster|srcset|background)\s*=\s*["']?([^"'\s>]*))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cssUrl(QStringLiteral(R"(url\(\s*["']?([^"')\s]*))"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cssImport(QStringLiteral(R"(@import\s+["']([^"']*))"),
                                              QRegularExpression::CaseInsensitiveOption);
    QStringList addresses;
    for (const QRegularExpression *pattern : {&attribute, &cssUrl, &cssImport}) {
        for (const QRegularExpressionMatch &match : pattern->globalMatch(text))
            addresses.append(match.captured(1));
    }
    return addresses;
}

bool pointsToAnotherHost(const QString &address)
{
    return address.contains(QStringLiteral("://")) || address.startsWith(QStringLiteral("//"));
}

// The slug of the short link shown on a result page, or "".
QString shortLinkSlugOn(const QByteArray &page, const QString &baseUrl)
{
    const QRegularExpression shortUrl(
        QString(QRegularExpression::escape(htmlEscaped(baseUrl)) + QStringLiteral("/([A-Za-z0-9]{8})\\b")));
    return shortUrl.match(QString::fromUtf8(page)).captured(1);
}

// GET / is the form page: HTML with a <form> posting to the server itself, a CSP header,
// and nothing loaded from another host.
TEST_F(HttpPages, IndexIsASelfContainedFormPage)
{
    const HttpResponse page = client().get("/");
    ASSERT_EQ(page.status, 200) << page.describe().toStdString();
    EXPECT_TRUE(isHtml(page));
    EXPECT_TRUE(page.body.contains("<form")) << page.describe().toStdString();
    for (const char *part : {"name=\"url\"", "name=\"alias\"", "name=\"max_clicks\"", "Advanced options", "Shorten"})
        EXPECT_TRUE(page.body.contains(part)) << "the form lacks " << part;

    const QByteArray csp = page.header("Content-Security-Policy");
    EXPECT_FALSE(csp.isEmpty()) << page.describe().toStdString();
    EXPECT_FALSE(csp.contains('*')) << csp.toStdString();
    EXPECT_FALSE(csp.contains("unsafe-inline")) << csp.toStdString();
    EXPECT_FALSE(csp.contains("http")) << csp.toStdString();

    const QStringList addresses = referencedAddresses(QString::fromUtf8(page.body));
    EXPECT_FALSE(addresses.isEmpty()) << "the page should at least load its stylesheet";
    for (const QString &address : addresses) {
        EXPECT_FALSE(pointsToAnotherHost(address)) << "external reference: " << address.toStdString();
        if (address.startsWith(QStringLiteral("/static/"))) {
            EXPECT_EQ(client().get(address.toUtf8()).status, 200) << address.toStdString();
        }
    }

    // Scripts are files from this server, never inline code.
    static const QRegularExpression scriptTag(QStringLiteral("<script\\b[^>]*>"),
                                              QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpressionMatch &tag : scriptTag.globalMatch(QString::fromUtf8(page.body)))
        EXPECT_TRUE(tag.captured(0).contains(QStringLiteral("src="))) << tag.captured(0).toStdString();
}

// The stylesheet and script are served, with their content types, and load nothing from elsewhere.
TEST_F(HttpPages, ServesStaticFiles)
{
    const HttpResponse css = client().get("/static/app.css");
    ASSERT_EQ(css.status, 200) << css.describe().toStdString();
    EXPECT_TRUE(css.header("Content-Type").startsWith("text/css")) << css.describe().toStdString();
    EXPECT_FALSE(css.body.isEmpty());
    for (const QString &address : referencedAddresses(QString::fromUtf8(css.body)))
        EXPECT_FALSE(pointsToAnotherHost(address)) << address.toStdString();

    const HttpResponse js = client().get("/static/app.js");
    ASSERT_EQ(js.status, 200) << js.describe().toStdString();
    EXPECT_TRUE(js.header("Content-Type").contains("javascript")) << js.describe().toStdString();
    EXPECT_FALSE(js.body.isEmpty());
    EXPECT_FALSE(js.body.contains("http://") || js.body.contains("https://"));

    EXPECT_EQ(client().get("/static/no-such-file.js").status, 404);
}

// A plain form post (JavaScript off) creates the link and shows its short URL.
TEST_F(HttpPages, PlainFormPostCreatesALink)
{
    const HttpResponse page = client().postForm("/", "url=https%3A%2F%2Fexample.com%2Fx&max_clicks=1");
    EXPECT_TRUE(page.status == 200 || page.status == 201) << page.describe().toStdString();
    EXPECT_TRUE(isHtml(page));
    const QString slug = shortLinkSlugOn(page.body, server().baseUrl());
    ASSERT_FALSE(slug.isEmpty()) << "no short URL on the page: " << page.describe().toStdString();
    EXPECT_TRUE(page.body.contains("Copy")) << "the result should offer a Copy button";

    EXPECT_EQ(database().linkCount(), 1);
    const HttpResponse first = client().get(pathOf(slug));
    EXPECT_EQ(first.status, 302) << first.describe().toStdString();
    EXPECT_EQ(first.header("Location"), "https://example.com/x");
    EXPECT_EQ(client().get(pathOf(slug)).status, 400) << "max_clicks=1 from the form must cap the link";
}

// The form's advanced options reach the link: an alias and a click limit.
TEST_F(HttpPages, FormPostWithAliasAndMaxClicks)
{
    const HttpResponse page = client().postForm("/", "url=https%3A%2F%2Fexample.com%2Fy&alias=from-form&max_clicks=2");
    EXPECT_TRUE(page.status == 200 || page.status == 201) << page.describe().toStdString();
    EXPECT_TRUE(page.body.contains(htmlEscaped(server().baseUrl() + QStringLiteral("/from-form")).toUtf8()))
        << page.describe().toStdString();
    EXPECT_EQ(visit(QStringLiteral("from-form"), 3), (StatusCounts{{302, 2}, {400, 1}}));
}

// Invalid form input is a 400 page showing the same sentence the API gives, and nothing is stored.
TEST_F(HttpPages, InvalidFormInputShowsTheError)
{
    const QString apiSentence = create({{QStringLiteral("url"), QStringLiteral("ftp://x")}})
                                    .json()
                                    .value(QStringLiteral("error"))
                                    .toString();
    ASSERT_FALSE(apiSentence.isEmpty());

    const HttpResponse page = client().postForm("/", "url=ftp://x");
    EXPECT_EQ(page.status, 400) << page.describe().toStdString();
    EXPECT_TRUE(isHtml(page));
    EXPECT_TRUE(QString::fromUtf8(page.body).contains(htmlEscaped(apiSentence)))
        << "expected \"" << apiSentence.toStdString() << "\" in: " << page.describe().toStdString();
    EXPECT_EQ(database().linkCount(), 0);
}

// Echoed form values are HTML-escaped: a script in the input never reaches the page as markup.
TEST_F(HttpPages, EchoedFormValuesAreEscaped)
{
    for (const QByteArray &form : {QByteArray("url=<script>alert(1)</script>"),
                                  QByteArray("url=%3Cscript%3Ealert(1)%3C%2Fscript%3E")}) {
        const HttpResponse page = client().postForm("/", form);
        EXPECT_EQ(page.status, 400) << page.describe().toStdString();
        EXPECT_FALSE(page.body.contains("<script>alert(1)")) << page.describe().toStdString();
        EXPECT_TRUE(page.body.contains("&lt;script&gt;")) << page.describe().toStdString();
    }

    const HttpResponse alias =
        client().postForm("/", "url=https%3A%2F%2Fexample.com%2F&alias=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E");
    EXPECT_EQ(alias.status, 400) << alias.describe().toStdString();
    EXPECT_FALSE(alias.body.contains("<img src=x")) << alias.describe().toStdString();
    EXPECT_FALSE(alias.body.contains("\"><img")) << alias.describe().toStdString();
    EXPECT_EQ(database().linkCount(), 0);
}

// /health answers 200 JSON with status "ok", the version and the uptime.
TEST_F(HttpPages, HealthReportsStatusVersionAndUptime)
{
    const HttpResponse health = client().get("/health");
    ASSERT_EQ(health.status, 200) << health.describe().toStdString();
    EXPECT_TRUE(health.header("Content-Type").startsWith("application/json"));
    const QJsonObject body = health.json();
    EXPECT_EQ(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_FALSE(body.value(QStringLiteral("version")).toString().isEmpty()) << health.describe().toStdString();
    const QJsonValue uptime = body.value(QStringLiteral("uptime_seconds"));
    EXPECT_TRUE(uptime.isDouble()) << health.describe().toStdString();
    EXPECT_GE(uptime.toDouble(-1), 0);
}

} // namespace
} // namespace shortfuse::test
