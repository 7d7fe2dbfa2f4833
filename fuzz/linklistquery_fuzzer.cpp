// GET /api/links's query parameters (?q=&status=&label=&sort=&order=&limit=&cursor=)
// as a client sends them. A parsed query must be within its limits, and a
// cursor the server made for it must parse back to the same position.

#include "fuzz/fuzzsupport.h"
#include "server/http/linklistparser.h"

using namespace shortfuse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<LinkListQuery> parsed = linklist::parse(QUrlQuery(text), 1'700'000'000'000);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().status == 400);
        return 0;
    }
    FUZZ_CHECK(parsed->limit >= 1 && parsed->limit <= linklist::kMaxLimit);
    FUZZ_CHECK(parsed->filter.size() <= linklist::kMaxQueryLength);
    FUZZ_CHECK(!parsed->label || parsed->label->size() <= linklist::kMaxQueryLength);
    FUZZ_CHECK(!parsed->ownerKeyId);
    FUZZ_CHECK(parsed->asOfMs >= 0);
    FUZZ_CHECK(!parsed->after || parsed->after->id >= 0);

    // Round trip: the next page's cursor, asked with the same parameters.
    Link last;
    last.id = 42;
    last.slug = QStringLiteral("last");
    last.url = QStringLiteral("https://example.com/\u00e9");
    last.createdAtMs = 1'600'000'000'000;
    last.clicks = 7;
    const QString cursor = linklist::cursorAfter(*parsed, last);
    QUrlQuery again(text);
    again.removeAllQueryItems(QStringLiteral("cursor"));
    again.addQueryItem(QStringLiteral("cursor"), cursor);
    const Result<LinkListQuery> next = linklist::parse(again, 1);
    // QUrlQuery may read back a value written with characters it decodes
    // differently (a "+", a "%" in q): only a clean query must round-trip.
    if (next) {
        FUZZ_CHECK(next->after.has_value());
        const LinkListQuery::Position expected = parsed->positionOf(last);
        FUZZ_CHECK(next->after->id == expected.id);
        FUZZ_CHECK(next->after->number == expected.number);
        FUZZ_CHECK(next->after->text == expected.text);
        FUZZ_CHECK(next->asOfMs == parsed->asOfMs);
    }
    return 0;
}
