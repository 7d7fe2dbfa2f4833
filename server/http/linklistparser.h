#pragma once

#include "server/core/link.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QString>
#include <QUrlQuery>

namespace shortfuse::linklist {

// GET /api/links's query parameters: q, status, label, sort, order,
// limit (1..kMaxLimit, default kDefaultLimit) and cursor. Bad values are a
// 400 with a reason code (invalid_limit, invalid_sort, invalid_order,
// invalid_status, invalid_label, invalid_cursor).
//
// A cursor is opaque to clients: base64url of {"v": sort value, "i": id,
// "t": the first page's moment, "f": fingerprint of sort, order and
// filters}. It carries the moment of the first page so that `status`
// (which depends on the time: expiry) is judged at one moment for every
// page of a listing, and the fingerprint so that a cursor is refused with
// any other sort, order or filter (it would skip or repeat links). It is
// not signed: a forged one can only start a listing elsewhere within the
// caller's own links (the scope is applied by the server, not the cursor).
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;
constexpr int kMaxQueryLength = 500;  // q and label, in characters

// `nowMs` is the listing's moment when there is no cursor. The result's
// ownerKeyId is left unset (the caller's scope sets it).
Result<LinkListQuery> parse(const QUrlQuery &params, qint64 nowMs);

// The cursor of the page after `last` (the last row of this page).
QString cursorAfter(const LinkListQuery &query, const Link &last);

// The API's name of each sort ("created", "slug", "url", "clicks", "status", "last_click").
QString sortName(LinkListQuery::SortBy by);

} // namespace shortfuse::linklist
