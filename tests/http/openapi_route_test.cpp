// GET /api/openapi.json: the contract docs/openapi.yaml, served as JSON
// (issue 12). That every other answer fits it is the test openapi_responses.

#include "tests/http/httptest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shortfuse::test {
namespace {

using HttpOpenApi = ServerTest;

// The document is JSON, OpenAPI 3.1, describes itself, and its version is
// the server's own (so the contract moves with the version it ships in).
TEST_F(HttpOpenApi, ServesTheDocumentAsJson)
{
    const HttpResponse response = client().get("/api/openapi.json");
    ASSERT_EQ(response.status, 200) << response.describe().toStdString();
    EXPECT_EQ(response.header("Content-Type"), "application/json");
    EXPECT_EQ(response.header("Cache-Control"), "public, max-age=3600");
    QJsonParseError error;
    const QJsonObject document = QJsonDocument::fromJson(response.body, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_TRUE(document.value(QStringLiteral("openapi")).toString().startsWith(QStringLiteral("3.1.")));
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    for (const char *path : {"/api/openapi.json", "/api/create", "/{slug}", "/api/stats/{slug}", "/health"})
        EXPECT_TRUE(paths.contains(QLatin1String(path))) << path;

    const HttpResponse health = client().get("/health");
    ASSERT_EQ(health.status, 200) << health.describe().toStdString();
    EXPECT_EQ(document.value(QStringLiteral("info")).toObject().value(QStringLiteral("version")),
              health.json().value(QStringLiteral("version")))
        << "docs/openapi.yaml's info.version must be the project's version (CMakeLists.txt)";
}

TEST_F(HttpOpenApi, HeadHasTheHeadersAndOtherMethodsAreRefused)
{
    const HttpResponse head = client().head("/api/openapi.json");
    ASSERT_EQ(head.status, 200) << head.describe().toStdString();
    EXPECT_EQ(head.header("Content-Type"), "application/json");
    EXPECT_TRUE(head.body.isEmpty());

    const HttpResponse post = client().postJson("/api/openapi.json", QByteArray("{}"));
    EXPECT_EQ(post.status, 405) << post.describe().toStdString();
    EXPECT_EQ(post.header("Allow"), "GET, HEAD");
    EXPECT_EQ(post.json().value(QStringLiteral("reason")).toString(), QStringLiteral("method_not_allowed"));
}

} // namespace
} // namespace shortfuse::test
