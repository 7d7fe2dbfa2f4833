// The webhook routes of WebApplication (issue 13): endpoints are made,
// listed, deleted and tried by whoever may manage links (a key, or a local
// request): a non-admin key sees and hears only its own. Kept apart from
// webapplication.cpp, which routes to them.

#include "server/http/webapplication.h"

#include "server/http/createrequestparser.h"
#include "server/http/statsformat.h"
#include "server/http/webhookrequestparser.h"
#include "server/webhooks/webhookdispatcher.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>

namespace shortfuse {

using http::Response;

namespace {

QJsonValue timeOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(statsformat::isoUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

// What the API says of an endpoint; the secret only when it was just made.
QJsonObject endpointJson(const WebhookEndpoint &endpoint, bool withSecret)
{
    QJsonArray events;
    for (LinkEventType type : endpoint.events)
        events.append(QLatin1String(linkEventTypeName(type)));
    QJsonObject json{
        {QStringLiteral("id"), endpoint.id},
        {QStringLiteral("url"), endpoint.url},
        {QStringLiteral("events"), events},
        {QStringLiteral("unlimited_clicks"), endpoint.unlimitedClicks},
        {QStringLiteral("slugs"), QJsonArray::fromStringList(endpoint.slugs)},
        {QStringLiteral("label"), endpoint.label.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(endpoint.label)},
        {QStringLiteral("format"), endpoint.format},
        {QStringLiteral("created_at"), statsformat::isoUtc(endpoint.createdAtMs)},
        // active: delivering; failing: every attempt since failing_since has
        // failed; disabled: failing for 24 hours, nothing more is sent.
        {QStringLiteral("status"), endpoint.disabledAtMs ? QStringLiteral("disabled")
                                   : endpoint.failingSinceMs ? QStringLiteral("failing")
                                                             : QStringLiteral("active")},
        {QStringLiteral("failing_since"), timeOrNull(endpoint.failingSinceMs)},
        {QStringLiteral("disabled_at"), timeOrNull(endpoint.disabledAtMs)},
        {QStringLiteral("last_attempt_at"), timeOrNull(endpoint.lastAttemptAtMs)},
        {QStringLiteral("last_result"), endpoint.lastResult.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(endpoint.lastResult)},
        {QStringLiteral("delivered"), endpoint.delivered},
        {QStringLiteral("pending"), endpoint.pending},
        {QStringLiteral("dropped"), endpoint.dropped},
        {QStringLiteral("abandoned"), endpoint.abandoned},
    };
    if (withSecret)
        json.insert(QStringLiteral("secret"), endpoint.secret);
    return json;
}

Error unknownWebhook()
{
    return Error{404, "not_found", QStringLiteral("There is no such webhook.")};
}

} // namespace

void WebApplication::serveWebhooks(const QString &rest, const QHttpServerRequest &request, http::ReplyChannel reply)
{
    // "" (the collection), "<id>" or "<id>/test".
    const QStringList parts = rest.split(u'/');
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    std::optional<qint64> id;
    if (!rest.isEmpty()) {
        bool ok = false;
        const qint64 number = parts.first().toLongLong(&ok);
        if (!ok || number <= 0 || parts.size() > 2 || (parts.size() == 2 && parts.at(1) != QLatin1String("test")))
            return reply.send(Response::jsonError(unknownWebhook()));
        id = number;
    }
    const bool test = parts.size() == 2; // the router checked the method against the shape

    // What the answer needs from the request, read now.
    std::optional<WebhookEndpoint> made;
    if (!id && method == Method::Post) {
        if (!createparser::isJsonContentType(request.value(QByteArrayLiteral("content-type"))))
            return reply.send(Response::jsonError(Error{415, "unsupported_media_type",
                                                        QStringLiteral("Send the webhook as JSON with Content-Type: application/json.")}));
        Result<WebhookEndpoint> parsed = webhookparser::fromJson(request.body());
        if (!parsed)
            return reply.send(Response::jsonError(parsed.error()));
        made = *parsed;
    }

    managementScope(request, [this, reply, id, test, made](const Result<LinkScope> &scope, std::optional<qint64>) mutable {
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        const std::optional<qint64> owner = scope->ownerKeyId;
        WebhookDispatcher &hooks = m_deps.webhooks;
        if (made) {
            made->ownerKeyId = owner;
            return hooks.create(*made, &m_deps.links, [reply](const Result<WebhookEndpoint> &stored) mutable {
                if (!stored)
                    return reply.send(Response::jsonError(stored.error()));
                reply.send(Response::json(201, endpointJson(*stored, true)));
            });
        }
        if (!id) {
            return hooks.list(owner, &m_deps.links, [reply](const Result<QList<WebhookEndpoint>> &listed) mutable {
                if (!listed)
                    return reply.send(Response::jsonError(listed.error()));
                QJsonArray endpoints;
                for (const WebhookEndpoint &endpoint : *listed)
                    endpoints.append(endpointJson(endpoint, false));
                reply.send(Response::json(200, QJsonObject{{QStringLiteral("webhooks"), endpoints}}));
            });
        }
        if (test) {
            return hooks.sendTest(*id, owner, &m_deps.links, [reply](const Result<WebhookSender::Outcome> &outcome) mutable {
                if (!outcome)
                    return reply.send(Response::jsonError(outcome.error()));
                reply.send(Response::json(
                    200, QJsonObject{{QStringLiteral("delivered"), outcome->delivered},
                                     {QStringLiteral("status"), outcome->status ? QJsonValue(outcome->status) : QJsonValue(QJsonValue::Null)},
                                     {QStringLiteral("error"), outcome->error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(outcome->error)},
                                     {QStringLiteral("elapsed_ms"), outcome->elapsedMs}}));
            });
        }
        hooks.remove(*id, owner, &m_deps.links, [reply](const Result<bool> &removed) mutable {
            if (!removed)
                return reply.send(Response::jsonError(removed.error()));
            if (!*removed)
                return reply.send(Response::jsonError(unknownWebhook()));
            reply.send(Response{204, {}, {}, {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}});
        });
    });
}

} // namespace shortfuse
