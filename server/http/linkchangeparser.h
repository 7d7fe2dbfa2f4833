#pragma once

#include "server/core/result.h"
#include "server/links/linkservice.h"

#include <QByteArray>

namespace shortfuse::changeparser {

// The body of PATCH /api/links/<slug>: a JSON object with any of url,
// max-clicks (a whole number, or null for unlimited), expires-at (an
// ISO-8601 time, or null to clear), expires-in (seconds), expired-url,
// label and password (a string, or null to clear), preview-protection.
// Each name may be spelt with '_' too. Types are checked here, values by
// LinkService::update (the rules every route and the window share).
// Reasons: invalid_json, unknown_field, conflicting_fields, and the
// field's own invalid_* for a wrong type.
Result<LinkChange> fromJson(const QByteArray &body);

} // namespace shortfuse::changeparser
