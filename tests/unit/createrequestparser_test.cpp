#include "server/http/createrequestparser.h"
#include "server/links/linkrules.h"

#include <QDateTime>
#include <QTimeZone>

#include <gtest/gtest.h>

using namespace shortfuse;

namespace {
QByteArray reasonOf(const Result<CreateRequest> &r)
{
    return r.ok() ? QByteArray("ok") : r.error().reason;
}
} // namespace

TEST(CreateRequestParser, ContentTypes)
{
    EXPECT_TRUE(createparser::isJsonContentType("application/json"));
    EXPECT_TRUE(createparser::isJsonContentType("Application/JSON; charset=utf-8"));
    EXPECT_FALSE(createparser::isJsonContentType("text/plain"));
    EXPECT_FALSE(createparser::isJsonContentType(""));
    EXPECT_FALSE(createparser::isJsonContentType("application/jsonx"));
    EXPECT_TRUE(createparser::isFormContentType("application/x-www-form-urlencoded; charset=UTF-8"));
}

TEST(CreateRequestParser, JsonFields)
{
    const auto full = createparser::fromJson(R"({"url":"https://e.com/?a=1#x","alias":"abc","max-clicks":5})");
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->url, QStringLiteral("https://e.com/?a=1#x"));
    EXPECT_EQ(full->alias, QStringLiteral("abc"));
    EXPECT_EQ(full->maxClicks, 5);

    const auto synonym = createparser::fromJson(R"({"url":"https://e.com","max_clicks":2})");
    ASSERT_TRUE(synonym.ok());
    EXPECT_EQ(synonym->maxClicks, 2);

    const auto unlimited = createparser::fromJson(R"({"url":"https://e.com","max-clicks":null,"alias":null})");
    ASSERT_TRUE(unlimited.ok());
    EXPECT_FALSE(unlimited->maxClicks.has_value());
    EXPECT_TRUE(unlimited->alias.isEmpty());

    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":"https://e.com","max-clicks":1.0})")), "ok");
}

TEST(CreateRequestParser, JsonErrors)
{
    EXPECT_EQ(reasonOf(createparser::fromJson("not json")), "invalid_json");
    EXPECT_EQ(reasonOf(createparser::fromJson("[1,2]")), "invalid_json");
    EXPECT_EQ(reasonOf(createparser::fromJson("")), "invalid_json");
    EXPECT_EQ(reasonOf(createparser::fromJson("{}")), "missing_url");
    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":null})")), "missing_url");
    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":5})")), "malformed_url");
    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":"https://e.com","alias":7})")), "invalid_alias");
    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":"https://e.com","alias":""})")), "invalid_alias");
    for (const char *bad : {R"({"url":"https://e.com","max-clicks":"5"})", R"({"url":"https://e.com","max-clicks":1.5})",
                            R"({"url":"https://e.com","max-clicks":true})", R"({"url":"https://e.com","max-clicks":1e300})",
                            R"({"url":"https://e.com","max-clicks":1,"max_clicks":2})"})
        EXPECT_EQ(reasonOf(createparser::fromJson(bad)), "invalid_max_clicks") << bad;
    EXPECT_EQ(reasonOf(createparser::fromJson(R"({"url":"https://e.com","maxclicks":1})")), "unknown_field");
}

TEST(CreateRequestParser, FormDecoding)
{
    const auto form = createparser::fromForm("url=https%3A%2F%2Fe.com%2Fa%3Fb%3D1&alias=my+alias&max_clicks=3");
    ASSERT_TRUE(form.ok());
    EXPECT_EQ(form->url, QStringLiteral("https://e.com/a?b=1"));
    EXPECT_EQ(form->alias, QStringLiteral("my alias")); // '+' is a space; the alias rule refuses it later
    EXPECT_EQ(form->maxClicks, 3);

    const auto empty = createparser::fromForm("url=https%3A%2F%2Fe.com&alias=&max_clicks=");
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->maxClicks.has_value());
    EXPECT_EQ(reasonOf(createparser::fromForm("url=https%3A%2F%2Fe.com&max_clicks=three")), "invalid_max_clicks");
    EXPECT_EQ(reasonOf(createparser::fromForm("alias=x")), "missing_url");
}

// The index page's advanced options: every field the API takes, spelt as the
// form does ('_') or as the API does ('-'); an empty field is "not given".
TEST(CreateRequestParser, FormAdvancedOptions)
{
    const auto form = createparser::fromForm(
        "url=https%3A%2F%2Fe.com&preview_protection=confirm&password=+p%26ss+w0rd+&expires_in=3600"
        "&expired_url=+https%3A%2F%2Fe.com%2Fsorry+&label=+Anna+%3Cb%3E+");
    ASSERT_TRUE(form.ok()) << form.error().reason.constData();
    EXPECT_EQ(form->previewProtection, std::optional<QString>(QStringLiteral("confirm")));
    EXPECT_EQ(form->password, std::optional<QString>(QStringLiteral(" p&ss w0rd ")));  // exactly as typed
    EXPECT_EQ(form->expiresIn, std::optional<qint64>(3600));
    EXPECT_FALSE(form->expiresAt.has_value());
    EXPECT_EQ(form->expiredUrl, std::optional<QString>(QStringLiteral("https://e.com/sorry")));
    EXPECT_EQ(form->label, std::optional<QString>(QStringLiteral("Anna <b>")));

    const auto dashed = createparser::fromForm("url=https%3A%2F%2Fe.com&preview-protection=off&expires-in=60"
                                               "&expired-url=https%3A%2F%2Fe.com%2Fx&max-clicks=2");
    ASSERT_TRUE(dashed.ok());
    EXPECT_EQ(dashed->previewProtection, std::optional<QString>(QStringLiteral("off")));
    EXPECT_EQ(dashed->expiresIn, std::optional<qint64>(60));
    EXPECT_EQ(dashed->expiredUrl, std::optional<QString>(QStringLiteral("https://e.com/x")));
    EXPECT_EQ(dashed->maxClicks, 2);

    // What a browser sends for an untouched form: every field, empty.
    const auto blank = createparser::fromForm("url=https%3A%2F%2Fe.com&alias=&max_clicks=&preview_protection="
                                              "&password=&expires_in=&expires_at=&expired_url=&label=+&key=");
    ASSERT_TRUE(blank.ok());
    EXPECT_FALSE(blank->previewProtection.has_value());
    EXPECT_FALSE(blank->password.has_value());
    EXPECT_FALSE(blank->expiresIn.has_value());
    EXPECT_FALSE(blank->expiresAt.has_value());
    EXPECT_FALSE(blank->expiredUrl.has_value());
    EXPECT_FALSE(blank->label.has_value());

    EXPECT_EQ(reasonOf(createparser::fromForm("url=https%3A%2F%2Fe.com&expires_in=soon")), "invalid_expires_in");
    EXPECT_EQ(reasonOf(createparser::fromForm("url=https%3A%2F%2Fe.com&label=a&label=b")), "conflicting_fields");
    EXPECT_EQ(reasonOf(createparser::fromForm("url=https%3A%2F%2Fe.com&max_clicks=1&max-clicks=5")),
              "invalid_max_clicks");
    EXPECT_EQ(reasonOf(createparser::fromForm("url=https%3A%2F%2Fe.com&label=a&label=a")), "ok");
}

// A datetime-local value has no zone; the form says UTC, so a bare time is
// read as UTC. A value with its own offset keeps it.
TEST(CreateRequestParser, FormExpiresAtIsUtcUnlessItSaysOtherwise)
{
    const std::pair<const char *, const char *> cases[] = {
        {"2030-01-31T18%3A00", "2030-01-31T18:00Z"},
        {"2030-01-31T18%3A00%3A05", "2030-01-31T18:00:05Z"},
        {"2030-01-31T18%3A00%3A05.250", "2030-01-31T18:00:05.250Z"},
        {"2030-01-31+18%3A00", "2030-01-31T18:00Z"},  // a browser without datetime-local: typed with a space
        {"2030-01-31T18%3A00%2B01%3A00", "2030-01-31T18:00+01:00"},
        {"2030-01-31T18%3A00Z", "2030-01-31T18:00Z"},
        {"tomorrow", "tomorrow"},  // the expiry rule refuses it, with its own sentence
    };
    for (const auto &[sent, expected] : cases) {
        const auto form = createparser::fromForm(QByteArray("url=https%3A%2F%2Fe.com&expires_at=") + sent);
        ASSERT_TRUE(form.ok()) << sent;
        EXPECT_EQ(form->expiresAt, std::optional<QString>(QString::fromLatin1(expected))) << sent;
    }
    // What the rule makes of it: the UTC instant.
    const auto form = createparser::fromForm("url=https%3A%2F%2Fe.com&expires_at=2030-01-31T18%3A00");
    ASSERT_TRUE(form.ok());
    const auto expiry = rules::expiryFor(form->expiresAt, std::nullopt, 0);
    ASSERT_TRUE(expiry.ok());
    EXPECT_EQ(**expiry, QDateTime(QDate(2030, 1, 31), QTime(18, 0), Qt::UTC).toMSecsSinceEpoch());
}

// The API key field is the web layer's, no part of the link; other unknown
// fields (a named submit button, say) are ignored as before.
TEST(CreateRequestParser, FormIgnoresTheKeyAndUnknownFields)
{
    const auto plain = createparser::fromForm("url=https%3A%2F%2Fe.com&max_clicks=1");
    const auto keyed = createparser::fromForm("key=sf_secret&url=https%3A%2F%2Fe.com&max_clicks=1&submit=Shorten"
                                              "&key=another&Key=x");
    ASSERT_TRUE(plain.ok());
    ASSERT_TRUE(keyed.ok()) << keyed.error().reason.constData();
    EXPECT_EQ(keyed->url, plain->url);
    EXPECT_EQ(keyed->maxClicks, plain->maxClicks);
    EXPECT_FALSE(keyed->password.has_value());
    EXPECT_FALSE(keyed->label.has_value());
}
