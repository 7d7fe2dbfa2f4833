#pragma once

#include "server/core/link.h"
#include "server/core/linkstats.h"
#include "server/core/result.h"

#include <QJsonObject>

namespace shortfuse {

struct CreateRequest;
struct LinkChange;

// The management API's JSON as the remote console (issue 15) reads and
// writes it: the inverse of the server's own formats (WebApplication::
// linkJson, statsformat::toJson; createrequestparser and linkchangeparser
// for what it sends), so a remote link, a remote link's statistics and
// what the window asks for mean exactly what they mean on the embedded
// server. RemoteJsonTest checks each against the server's own functions.
namespace remotejson {

// A link of GET /api/links, /api/links/<slug> or a creation answer. `id`
// is left 0: the API has no ids (they would tell how many links the
// server holds); the console gives each slug one of its own.
Result<Link> linkFromJson(const QJsonObject &json);
// GET /api/stats/<slug>.
Result<LinkStats> statsFromJson(const QJsonObject &json);
// The body of POST /api/create.
QJsonObject createRequestJson(const CreateRequest &request);
// The body of POST /api/links/batch: the requests share one destination
// and one set of options (the first's); each gives a label and maybe an alias.
QJsonObject batchJson(const QList<CreateRequest> &requests);
// The body of PATCH /api/links/<slug>.
QJsonObject linkChangeJson(const LinkChange &change);
// The API's {"error": ..., "reason": ...} answer (or what the status says when there is none).
Error errorFromAnswer(int status, const QByteArray &body);

} // namespace remotejson
} // namespace shortfuse
