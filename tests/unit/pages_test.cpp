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

// After a failed post the form shows every option as it was sent, escaped,
// and the chosen option of each select; never a password or a key.
TEST(Pages, IndexRefillsTheAdvancedOptions)
{
    const Pages pages(QStringLiteral("1"));
    const QByteArray blank = pages.index({});
    EXPECT_TRUE(blank.contains("<option value=\"\" selected>")) << blank.constData();
    EXPECT_FALSE(blank.contains("<details id=\"advanced\" open")) << blank.constData();
    EXPECT_FALSE(blank.contains("name=\"key\""));
    EXPECT_FALSE(blank.contains("{{"));

    Pages::IndexView failed;
    failed.previewProtection = QStringLiteral("confirm");
    failed.expiresIn = QStringLiteral("86400");
    failed.expiresAt = QStringLiteral("2030-01-31T18:00");
    failed.expiredUrl = QStringLiteral("https://e.com/?a=1&b=\"2\"");
    failed.label = QStringLiteral("<script>alert(1)</script>");
    failed.passwordGiven = true;
    failed.advancedOpen = true;
    const QByteArray page = pages.index(failed);
    EXPECT_TRUE(page.contains("<option value=\"confirm\" selected>")) << page.constData();
    EXPECT_TRUE(page.contains("<option value=\"86400\" selected>")) << page.constData();
    EXPECT_EQ(page.count(" selected>"), 2) << page.constData();
    EXPECT_TRUE(page.contains("value=\"2030-01-31T18:00\""));
    EXPECT_TRUE(page.contains("value=\"https://e.com/?a=1&amp;b=&quot;2&quot;\""));
    EXPECT_TRUE(page.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
    EXPECT_FALSE(page.contains("<script>alert"));
    EXPECT_TRUE(page.contains("<details id=\"advanced\" open>"));
    EXPECT_TRUE(page.contains("name=\"password\" value=\"\""));
    EXPECT_TRUE(page.contains("please type it once more"));

    // A value the select does not offer (a post from a script) is shown, escaped, as chosen.
    Pages::IndexView odd;
    odd.expiresIn = QStringLiteral("120\"><b>");
    odd.previewProtection = QStringLiteral("sometimes");
    const QByteArray oddPage = pages.index(odd);
    EXPECT_TRUE(oddPage.contains("<option value=\"120&quot;&gt;&lt;b&gt;\" selected>In 120&quot;&gt;&lt;b&gt; seconds"))
        << oddPage.constData();
    EXPECT_TRUE(oddPage.contains("<option value=\"sometimes\" selected>sometimes</option>"));
    EXPECT_FALSE(oddPage.contains("<b>"));
}

TEST(Pages, IndexOffersTheKeyFieldOnlyWhenAsked)
{
    const Pages pages(QStringLiteral("1"));
    Pages::IndexView view;
    view.offerKeyField = true;
    const QByteArray page = pages.index(view);
    EXPECT_TRUE(page.contains("type=\"password\" id=\"key\" name=\"key\"")) << page.constData();
    EXPECT_TRUE(page.contains("only makes links for holders of an API key"));
    EXPECT_FALSE(pages.index({}).contains("API key"));
}
