// RequestFramer is the one definition of where a request ends: these check
// its offsets, that how the stream is split never changes its verdict, and
// that it never holds more than one head's worth of bytes.

#include "server/http/requestframer.h"

#include <gtest/gtest.h>

namespace shortfuse {
namespace {

struct Framed {
    QList<RequestHead> heads;
    std::optional<FramingRefusal> refusal;
};

Framed frameInPieces(const QByteArray &stream, qsizetype pieceSize)
{
    RequestFramer framer{FramingLimits{}};
    Framed framed;
    for (qsizetype at = 0; at < stream.size(); at += pieceSize)
        framer.feed(QByteArrayView(stream).sliced(at, std::min(pieceSize, stream.size() - at)), framed.heads);
    framed.refusal = framer.refusal();
    EXPECT_EQ(framer.offset(), stream.size());
    return framed;
}

TEST(RequestFramer, ReportsEachHeadWithItsOffsets)
{
    const QByteArray first = "POST /api/create HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
    const QByteArray second = "GET / HTTP/1.0\r\n\r\n";
    const Framed framed = frameInPieces("\r\n" + first + second, 1 << 20);
    ASSERT_EQ(framed.heads.size(), 2);
    EXPECT_FALSE(framed.refusal);
    EXPECT_EQ(framed.heads[0].startOffset, 2);  // blank lines before a request are skipped
    EXPECT_EQ(framed.heads[0].contentLength, 5);
    EXPECT_EQ(framed.heads[0].endOffset(), 2 + first.size());
    EXPECT_FALSE(framed.heads[0].closeAfter);
    EXPECT_EQ(framed.heads[1].startOffset, 2 + first.size());
    EXPECT_TRUE(framed.heads[1].closeAfter);  // HTTP/1.0
}

TEST(RequestFramer, RefusalNamesWhereTheRefusedRequestStarts)
{
    const QByteArray good = "GET / HTTP/1.1\r\n\r\n";
    const Framed framed = frameInPieces(good + "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n" + good, 1 << 20);
    ASSERT_TRUE(framed.refusal);
    EXPECT_EQ(framed.refusal->status, 400);
    EXPECT_EQ(framed.refusal->requestStartOffset, good.size());
    EXPECT_EQ(framed.heads.size(), 1);  // nothing after a refusal is framed

    // Blank lines before the refused request belong to it: the parser reads
    // them as the start of its next request.
    const Framed blank = frameInPieces(good + "\r\n\r\nnot http\r\n\r\n", 1 << 20);
    ASSERT_TRUE(blank.refusal);
    EXPECT_EQ(blank.refusal->requestStartOffset, good.size());
}

// POST /api/links/import and /api/links/batch take up to 8 MiB with a key
// of the right shape; anything else (another route, another method, no key,
// a key of the wrong shape, another scheme) keeps the 64 KiB cap. Decided
// from the head alone, before a byte of the body.
TEST(RequestFramer, BulkRoutesTakeLargerBodiesFromKeyHolders)
{
    const QByteArray key = "sf_" + QByteArray(43, 'A');
    const QByteArray big = QByteArray::number(8 * 1024 * 1024);
    auto head = [](const QByteArray &line, const QByteArray &authorization, const QByteArray &length) -> QByteArray {
        QByteArray text = line + "\r\nHost: h\r\n";
        if (!authorization.isEmpty())
            text += "Authorization: " + authorization + "\r\n";
        return text + "Content-Length: " + length + "\r\n\r\n";
    };
    for (const QByteArray &line : {QByteArray("POST /api/links/import HTTP/1.1"), QByteArray("POST /api/links/batch?x=1 HTTP/1.1")}) {
        const Framed taken = frameInPieces(head(line, "Bearer " + key, big), 1 << 20);
        EXPECT_FALSE(taken.refusal) << line.constData();
        ASSERT_EQ(taken.heads.size(), 1);
        EXPECT_TRUE(taken.heads[0].largeBody);
        const Framed small = frameInPieces(head(line, "Bearer " + key, "100"), 1 << 20);
        ASSERT_EQ(small.heads.size(), 1);
        EXPECT_FALSE(small.heads[0].largeBody) << "under 64 KiB is an ordinary body";
    }
    const Framed over = frameInPieces(head("POST /api/links/import HTTP/1.1", "Bearer " + key, QByteArray::number(8 * 1024 * 1024 + 1)), 7);
    ASSERT_TRUE(over.refusal);
    EXPECT_EQ(over.refusal->status, 413);
    for (const auto &[line, authorization] : std::initializer_list<std::pair<QByteArray, QByteArray>>{
             {"POST /api/links/import HTTP/1.1", {}},
             {"POST /api/links/import HTTP/1.1", "Bearer sf_short"},
             {"POST /api/links/import HTTP/1.1", "Basic " + key},
             {"PUT /api/links/import HTTP/1.1", "Bearer " + key},
             {"POST /api/create HTTP/1.1", "Bearer " + key},
             {"POST /api/links/importer HTTP/1.1", "Bearer " + key}}) {
        const Framed refused = frameInPieces(head(line, authorization, big), 1 << 20);
        ASSERT_TRUE(refused.refusal) << line.constData() << " " << authorization.constData();
        EXPECT_EQ(refused.refusal->status, 413);
        EXPECT_TRUE(refused.heads.isEmpty());
    }
}

// Every split of a stream gives the same heads and the same refusal.
TEST(RequestFramer, VerdictDoesNotDependOnHowTheStreamIsSplit)
{
    const QByteArray streams[] = {
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /c HTTP/1.1\n\n",
        "GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab",
        "GET /a HTTP/1.1\r\nX-Long: " + QByteArray(9000, 'v') + "\r\n\r\n",
        "GET /a HTTP/1.1\r\n" + QByteArray(17000, 'h'),
        "GET /a HTTP/1.1\r\nA: b\rContent-Length: 4\r\n\r\nabcd",
    };
    for (const QByteArray &stream : streams) {
        const Framed whole = frameInPieces(stream, stream.size());
        for (qsizetype piece : {1, 2, 3, 7, 64}) {
            const Framed split = frameInPieces(stream, piece);
            ASSERT_EQ(split.heads.size(), whole.heads.size()) << stream.left(60).toStdString() << " in pieces of " << piece;
            for (qsizetype i = 0; i < whole.heads.size(); ++i) {
                EXPECT_EQ(split.heads[i].startOffset, whole.heads[i].startOffset);
                EXPECT_EQ(split.heads[i].endOffset(), whole.heads[i].endOffset());
            }
            ASSERT_EQ(bool(split.refusal), bool(whole.refusal));
            if (whole.refusal) {
                EXPECT_EQ(split.refusal->status, whole.refusal->status);
                EXPECT_EQ(split.refusal->requestStartOffset, whole.refusal->requestStartOffset);
            }
        }
    }
}

TEST(RequestFramer, StatusOfEachRefusal)
{
    const auto statusOf = [](const QByteArray &stream) {
        const Framed framed = frameInPieces(stream, stream.size());
        return framed.refusal ? framed.refusal->status : 0;
    };
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n"), 413);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nContent-Length: 65536\r\n\r\n"), 0);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 411);
    EXPECT_EQ(statusOf("CONNECT a:1 HTTP/1.1\r\n\r\n"), 501);
    EXPECT_EQ(statusOf("TRACE / HTTP/1.1\r\n\r\n"), 501);  // found by fuzz_httpdifferential
    EXPECT_EQ(statusOf("GET / HTTP/2.0\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nX: \x01\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nX: caf\xc3\xa9\r\n\r\n"), 0);  // obs-text is allowed
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nContent-Length: +5\r\n\r\n"), 400);
    EXPECT_EQ(statusOf(QByteArray("GET / HTTP/1.1\r\n") + QByteArray(16 * 1024, 'x')), 431);
}

} // namespace
} // namespace shortfuse
