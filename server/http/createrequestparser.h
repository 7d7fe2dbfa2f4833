#pragma once

#include "server/links/linkservice.h"
#include "server/core/result.h"

#include <QByteArray>

// Turns what a client sent into a CreateRequest: the JSON body of
// POST /api/create or the form body of POST /. Only the shape is checked
// here; the link rules are LinkService::prepare's job.
namespace shortfuse::createparser {

// application/json, with or without parameters such as charset.
bool isJsonContentType(const QByteArray &contentType);
bool isFormContentType(const QByteArray &contentType);

// Reasons: invalid_json, unknown_field, conflicting_fields, missing_url,
// malformed_url, invalid_alias, invalid_max_clicks, invalid_expires_in and
// invalid_<field> for a string field given another type.
Result<CreateRequest> fromJson(const QByteArray &body);
// The index page's form: the same fields (spelt with '_' or '-'), each one
// optional when empty, every option trimmed but the password, a bare
// datetime-local expires_at read as UTC. Unknown fields are ignored (among
// them "key", which the web layer reads itself). Reasons: missing_url,
// conflicting_fields, invalid_max_clicks, invalid_expires_in.
Result<CreateRequest> fromForm(const QByteArray &body);

// POST /api/links/batch: the fields of a single creation (but label and
// alias), and "labels": one string per link (1 to LinkService::kMaxBatch),
// with "aliases" optionally beside it (as many strings, "" for generated).
// Reasons: those of fromJson, and invalid_labels, invalid_aliases,
// too_many_links.
struct BatchRequest {
    CreateRequest common;
    QStringList labels;
    QStringList aliases; // empty, or one per label
};
Result<BatchRequest> batchFromJson(const QByteArray &body);

// application/x-www-form-urlencoded -> name/value pairs ('+' is a space).
QList<std::pair<QString, QString>> decodeForm(const QByteArray &body);

} // namespace shortfuse::createparser
