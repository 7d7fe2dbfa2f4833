// The cap under contention: many clients released at the same instant on
// one capped link get exactly max-clicks redirects between them.

#include "tests/http/httptest.h"

#include <mutex>

namespace shortfuse::test {
namespace {

constexpr int kClients = 64;

class HttpConcurrentClicks : public ServerTest, public ::testing::WithParamInterface<int> {};

// 64 simultaneous GETs on a max-clicks N link: exactly N get 302, all others the expired 400,
// and the database counts exactly N claimed clicks.
TEST_P(HttpConcurrentClicks, ExactlyMaxClicksRedirects)
{
    const int cap = GetParam();
    const QString slug = createLink(QStringLiteral("https://example.com/contended"), cap);
    ASSERT_FALSE(slug.isEmpty());

    const HttpClient http = client();
    std::mutex mutex;
    StatusCounts statuses;
    QStringList failures;
    runTogether(kClients, [&](int) {
        const HttpResponse response = http.get(pathOf(slug));
        std::lock_guard lock(mutex);
        ++statuses[response.status];
        if (!response.received())
            failures.append(response.error);
    });

    EXPECT_EQ(statuses, (StatusCounts{{302, cap}, {400, kClients - cap}}))
        << "requests without an answer: " << failures.join(QStringLiteral("; ")).toStdString();
    EXPECT_EQ(database().clicksOf(slug), cap); // claims are committed before they are answered
    ASSERT_NO_FATAL_FAILURE(stopServer());
    const LinkDatabase db = database();
    EXPECT_EQ(db.clicksOf(slug), cap);
    EXPECT_EQ(db.clickRows(slug, kRedirected), cap);
    EXPECT_EQ(db.clickRows(slug, kExpired), kClients - cap);
}

INSTANTIATE_TEST_SUITE_P(Caps, HttpConcurrentClicks, ::testing::Values(1, 5),
                         [](const ::testing::TestParamInfo<int> &info) {
                             return "MaxClicks" + std::to_string(info.param);
                         });

using HttpConcurrentCreate = ServerTest;

// 64 simultaneous creations of one alias: exactly one wins (201), the others get 409 duplicate.
TEST_F(HttpConcurrentCreate, OneAliasIsCreatedExactlyOnce)
{
    const HttpClient http = client();
    const QJsonObject fields{{QStringLiteral("url"), QStringLiteral("https://example.com/race")},
                             {QStringLiteral("alias"), QStringLiteral("race")}};
    std::mutex mutex;
    StatusCounts statuses;
    runTogether(kClients, [&](int) {
        const int status = http.postJson("/api/create", fields).status;
        std::lock_guard lock(mutex);
        ++statuses[status];
    });
    EXPECT_EQ(statuses, (StatusCounts{{201, 1}, {409, kClients - 1}}));
    EXPECT_EQ(database().linkCount(), 1);
}

} // namespace
} // namespace shortfuse::test
