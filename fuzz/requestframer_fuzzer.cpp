// The transport guard's framing (RequestFramer) on any byte stream, split
// into pieces at points the input chooses: the verdict (each head's offsets,
// the refusal and where it starts) is the same as for the stream in one
// piece, and the framer never holds more than one head's worth of bytes.
// The first byte picks the piece size, the rest is the stream.

#include "fuzz/fuzzsupport.h"
#include "server/http/requestframer.h"

using namespace shortfuse;

namespace {

struct Verdict {
    QList<RequestHead> heads;
    std::optional<FramingRefusal> refusal;
};

Verdict frame(QByteArrayView stream, qsizetype pieceSize)
{
    const FramingLimits limits;
    RequestFramer framer(limits);
    Verdict verdict;
    for (qsizetype at = 0; at < stream.size(); at += pieceSize) {
        framer.feed(stream.sliced(at, std::min(pieceSize, stream.size() - at)), verdict.heads);
        FUZZ_CHECK(framer.heldBytes() <= limits.maxHeaderBytes + 4);
    }
    FUZZ_CHECK(framer.offset() == stream.size());
    verdict.refusal = framer.refusal();
    return verdict;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype pieceSize = 1 + data[0] % 97;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Verdict whole = frame(stream, std::max<qsizetype>(stream.size(), 1));
    const Verdict split = frame(stream, pieceSize);
    FUZZ_CHECK(whole.heads.size() == split.heads.size());
    qint64 previousEnd = 0;
    for (qsizetype i = 0; i < whole.heads.size(); ++i) {
        const RequestHead &a = whole.heads[i];
        const RequestHead &b = split.heads[i];
        FUZZ_CHECK(a.startOffset == b.startOffset && a.bodyOffset == b.bodyOffset);
        FUZZ_CHECK(a.contentLength == b.contentLength && a.closeAfter == b.closeAfter);
        FUZZ_CHECK(a.startOffset >= previousEnd && a.bodyOffset > a.startOffset);
        FUZZ_CHECK(a.contentLength >= 0 && a.contentLength <= (a.largeBody ? FramingLimits{}.maxKeyedBodyBytes : FramingLimits{}.maxBodyBytes));
        previousEnd = a.endOffset();
    }
    FUZZ_CHECK(bool(whole.refusal) == bool(split.refusal));
    if (whole.refusal) {
        FUZZ_CHECK(whole.refusal->status == split.refusal->status);
        FUZZ_CHECK(whole.refusal->requestStartOffset == split.refusal->requestStartOffset);
        FUZZ_CHECK(whole.refusal->requestStartOffset == previousEnd);
    }
    return 0;
}
