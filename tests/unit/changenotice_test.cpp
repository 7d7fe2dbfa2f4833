// The payload servers on a shared database NOTIFY each other with.

#include "server/storage/changenotice.h"

#include <gtest/gtest.h>

using namespace shortfuse;

TEST(ChangeNotice, RoundTrips)
{
    ChangeNotice notice;
    notice.sender = "k3x9";
    notice.clicked = {1, 2, 300};
    notice.created = {301};
    notice.revoked = {QStringLiteral("abcDEF12"), QStringLiteral("my-alias")};
    const QByteArray payload = notice.encode();
    EXPECT_EQ(payload, "1;k3x9;c=1,2,300;n=301;r=abcDEF12,my-alias");
    const std::optional<ChangeNotice> back = ChangeNotice::decode(payload);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->sender, "k3x9");
    EXPECT_EQ(back->clicked, notice.clicked);
    EXPECT_EQ(back->created, notice.created);
    EXPECT_EQ(back->revoked, notice.revoked);
    EXPECT_FALSE(back->overflow);

    const std::optional<ChangeNotice> empty = ChangeNotice::decode("1;k3x9;c=;n=;r=");
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->isEmpty());
}

TEST(ChangeNotice, ChangedLinksTravelInAFieldOfTheirOwn)
{
    ChangeNotice notice;
    notice.sender = "s";
    notice.changed = {QStringLiteral("patched"), QStringLiteral("purged-1")};
    notice.purged = {42};
    const QByteArray payload = notice.encode();
    EXPECT_EQ(payload, "1;s;c=;n=;r=;u=patched,purged-1;p=42");
    const std::optional<ChangeNotice> back = ChangeNotice::decode(payload);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->changed, notice.changed);
    EXPECT_EQ(back->purged, notice.purged);
    EXPECT_FALSE(back->isEmpty());
    EXPECT_FALSE(ChangeNotice::decode("1;s;c=;n=;r=;u=;p=").has_value()) << "empty u= and p= are never sent";
    EXPECT_FALSE(ChangeNotice::decode("1;s;c=;n=;r=;u=a").has_value());
    EXPECT_FALSE(ChangeNotice::decode("1;s;c=;n=;r=;x=a;p=").has_value());
    EXPECT_FALSE(ChangeNotice::decode("1;s;c=;n=;r=;u=bad slug;p=").has_value());
    EXPECT_FALSE(ChangeNotice::decode("1;s;c=;n=;r=;u=a;p=x").has_value());
}

TEST(ChangeNotice, TooManyChangesBecomeOneRefreshEverything)
{
    ChangeNotice notice;
    notice.sender = "s";
    for (qint64 id = 1'000'000; id < 1'002'000; ++id)
        notice.clicked.append(id);
    const QByteArray payload = notice.encode();
    EXPECT_LE(payload.size(), ChangeNotice::kMaxPayload);
    EXPECT_EQ(payload, "1;s;*");
    const std::optional<ChangeNotice> back = ChangeNotice::decode(payload);
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(back->overflow);
    EXPECT_FALSE(back->isEmpty());
}

TEST(ChangeNotice, RefusesAnythingElse)
{
    for (const char *bad : {"", "1", "1;;c=;n=;r=", "2;s;c=;n=;r=", "1;s;c=1;n=2", "1;s;c=x;n=;r=",
                            "1;s;c=-4;n=;r=", "1;s;c=;n=;r=<script>", "1;s;n=;c=;r=", "1;s;**"})
        EXPECT_FALSE(ChangeNotice::decode(QByteArray(bad)).has_value()) << bad;
}

TEST(ChangeNotice, TellsItsSenderFromTheHeadAlone)
{
    ChangeNotice notice;
    notice.sender = "k3x9";
    notice.clicked = {7};
    EXPECT_TRUE(ChangeNotice::isFrom(notice.encode(), "k3x9"));
    notice.overflow = true;
    EXPECT_TRUE(ChangeNotice::isFrom(notice.encode(), "k3x9")) << "an overflow notice names its sender too";
    // A sender whose name is a prefix of another's, or the other way round, is someone else.
    EXPECT_FALSE(ChangeNotice::isFrom(notice.encode(), "k3x"));
    EXPECT_FALSE(ChangeNotice::isFrom(notice.encode(), "k3x9a"));
    EXPECT_FALSE(ChangeNotice::isFrom("2;k3x9;c=;n=;r=", "k3x9")) << "another format is never ours";
    EXPECT_FALSE(ChangeNotice::isFrom("", "k3x9"));
}
