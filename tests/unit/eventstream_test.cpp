// The live stream's wire format (server/http/eventstream.h): what a client
// may send as its position, and how an event is written.

#include "server/core/linkevent.h"
#include "server/http/eventstream.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

namespace shortfuse {
namespace {

TEST(EventStreamFormat, OnlyADecimalIdIsAPosition)
{
    EXPECT_EQ(sse::lastEventId({}, {}, false), std::nullopt) << "none sent: live from now";
    EXPECT_EQ(sse::lastEventId("  ", QStringLiteral("12"), true), 12) << "an empty header leaves the query";
    EXPECT_EQ(sse::lastEventId("7", QStringLiteral("12"), true), 7) << "the header wins";
    EXPECT_EQ(sse::lastEventId("0", {}, false), 0);
    EXPECT_EQ(sse::lastEventId("999999999999999999", {}, false), 999'999'999'999'999'999);
    for (const QByteArray &bad : {QByteArray("-5"), QByteArray("+5"), QByteArray("1e3"), QByteArray("abc"), QByteArray("0x10"),
                                 QByteArray("1 2"), QByteArray("9999999999999999999"), QByteArray(4000, '9')})
        EXPECT_EQ(sse::lastEventId(bad, {}, false), -1) << bad.left(40).toStdString();
    EXPECT_EQ(sse::lastEventId({}, QStringLiteral("٣"), true), -1) << "not an ASCII digit";
}

TEST(EventStreamFormat, AnEventIsItsIdItsTypeAndOneLineOfJson)
{
    LinkEvent event;
    event.id = linkEventId(41, LinkEventType::Created);
    event.type = LinkEventType::Created;
    event.atMs = 1'700'000'000'123;
    event.slug = QStringLiteral("spring");
    event.label = QStringLiteral("two\nlines");
    event.maxClicks = 3;
    const QByteArray wire = sse::linkEvent(event);
    EXPECT_TRUE(wire.startsWith("id: 167\nevent: link.created\ndata: {")) << wire.toStdString();
    EXPECT_TRUE(wire.endsWith("}\n\n"));
    EXPECT_EQ(wire.count('\n'), 4) << "a newline in a label stays inside the JSON string";
    const QJsonObject data = QJsonDocument::fromJson(wire.mid(wire.indexOf("data: ") + 6).trimmed()).object();
    EXPECT_EQ(data.value(QStringLiteral("type")).toString(), QStringLiteral("link.created"));
    EXPECT_EQ(data.value(QStringLiteral("slug")).toString(), QStringLiteral("spring"));
    EXPECT_EQ(data.value(QStringLiteral("label")).toString(), QStringLiteral("two\nlines"));
    EXPECT_EQ(data.value(QStringLiteral("at")).toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    EXPECT_EQ(data.value(QStringLiteral("remaining")).toInt(), 3);
}

// Event ids already handed out (webhook ids among them) never change; the
// stream's types take the last place of a row of their own.
TEST(EventStreamFormat, EventIdsKeepTheirPlaces)
{
    EXPECT_EQ(linkEventId(10, LinkEventType::Clicked), 40);
    EXPECT_EQ(linkEventId(10, LinkEventType::UsedUp), 41);
    EXPECT_EQ(linkEventId(10, LinkEventType::Previewed), 42);
    EXPECT_EQ(linkEventId(10, LinkEventType::ExpiredHit), 43);
    for (LinkEventType type : {LinkEventType::Created, LinkEventType::Changed, LinkEventType::Revoked}) {
        EXPECT_EQ(linkEventId(10, type), 43);
        EXPECT_EQ(journalRowOf(linkEventId(10, type)), 10);
        EXPECT_FALSE(isWebhookEventType(type));
        EXPECT_EQ(linkEventTypeFromName(QString::fromLatin1(linkEventTypeName(type))), type);
    }
}

} // namespace
} // namespace shortfuse
