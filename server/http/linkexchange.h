#pragma once

#include "server/core/link.h"
#include "server/core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace shortfuse::exchange {

// The format GET /api/links/export writes and POST /api/links/import reads:
// JSON Lines, one link per line, every field of the link and its counts.
// `short_url`, `stats_url`, `status` and `remaining` are written for the
// reader's convenience and ignored on import (they follow from the rest).
// `password_hash` is the link's Argon2id hash (never the password): a
// protected link stays protected where it is imported. The owner key is
// not written: key ids mean nothing in another database; the importing
// key becomes the owner.

// One line (without its newline). `baseUrl` makes short_url and stats_url.
QByteArray jsonLine(const Link &link, const QString &baseUrl, qint64 nowMs);
// The CSV header row and one row of the same fields (CRLF-terminated;
// cells that a spreadsheet would run as a formula are neutralised).
QByteArray csvHeader();
QByteArray csvRow(const Link &link, const QString &baseUrl, qint64 nowMs);

constexpr qsizetype kMaxLineBytes = 16 * 1024;
constexpr int kMaxLines = 100'000;

// One import line: 400 with a reason code (invalid_line, or the rule's own:
// invalid_alias, malformed_url, invalid_max_clicks, ...) when it is not a
// link this server would have stored. The link's ownerKeyId is left unset.
Result<ImportedLink> parseLine(QByteArrayView line);

} // namespace shortfuse::exchange
