#include "server/http/pages.h"

#include <gtest/gtest.h>

using namespace shortfuse;

TEST(Pages, EscapesEverythingItInserts)
{
    EXPECT_EQ(Pages::escape(u"<script>alert('x') & \"y\"</script>"),
              QStringLiteral("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"));
    const QByteArray page = Pages::render("<p title=\"{{a}}\">{{ a }}</p>{{missing}}{{b}}",
                                          {{"a", QStringLiteral("\"><img src=x onerror=alert(1)>")}, {"b", QStringLiteral("ü")}});
    EXPECT_EQ(page, QByteArray("<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">&quot;&gt;&lt;img src=x "
                               "onerror=alert(1)&gt;</p>") + QStringLiteral("ü").toUtf8());
}

TEST(Pages, IndexShowsErrorOrResult)
{
    const Pages pages(QStringLiteral("9.9.9"));
    const QByteArray blank = pages.index({});
    EXPECT_TRUE(blank.contains("<form"));
    EXPECT_TRUE(blank.contains("9.9.9"));
    EXPECT_FALSE(blank.contains("{{"));

    Pages::IndexView failed;
    failed.url = QStringLiteral("<script>alert(1)</script>");
    failed.error = QStringLiteral("Only http:// and https:// links can be shortened.");
    const QByteArray error = pages.index(failed);
    EXPECT_FALSE(error.contains("<script>alert(1)"));
    EXPECT_TRUE(error.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_TRUE(error.contains("Only http:// and https:// links can be shortened."));

    Pages::IndexView made;
    made.shortUrl = QStringLiteral("http://127.0.0.1:8080/abcdefgh");
    made.createdMaxClicks = 1;
    const QByteArray result = pages.index(made);
    EXPECT_TRUE(result.contains("http://127.0.0.1:8080/abcdefgh"));
    EXPECT_TRUE(result.contains("Works 1 time"));
}

TEST(Pages, StaticFilesAndFixedPages)
{
    const Pages pages(QStringLiteral("1"));
    ASSERT_NE(pages.staticFile(QStringLiteral("app.css")), nullptr);
    ASSERT_NE(pages.staticFile(QStringLiteral("app.js")), nullptr);
    EXPECT_EQ(pages.staticFile(QStringLiteral("../CMakeLists.txt")), nullptr);
    EXPECT_TRUE(pages.expired().toLower().contains("expired"));
    EXPECT_FALSE(pages.notFound().isEmpty());
}
