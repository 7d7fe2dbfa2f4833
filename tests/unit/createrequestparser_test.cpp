#include "server/http/createrequestparser.h"

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
