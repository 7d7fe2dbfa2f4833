#include "server/http/webapplication.h"

#include "server/core/statsrules.h"
#include "server/http/createrequestparser.h"
#include "server/http/linkchangeparser.h"
#include "server/links/linkrules.h"
#include "server/http/statsformat.h"
#include "server/http/statsqueryparser.h"
#include "server/http/statspage.h"

#include <QDateTime>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace shortfuse {

namespace {

using Method = QHttpServerRequest::Method;
using http::Response;

bool isGetOrHead(const QHttpServerRequest &request)
{
    return request.method() == Method::Get || request.method() == Method::Head;
}

Response methodNotAllowed(const QByteArray &allow)
{
    const Error error{405, "method_not_allowed", QStringLiteral("This address accepts %1 only.").arg(QLatin1String(allow))};
    return Response::jsonError(error).withHeader(QByteArrayLiteral("Allow"), allow);
}

// GET /api/openapi.json: docs/openapi.yaml, converted to JSON when the
// server was built (resources/CMakeLists.txt), read once.
Response openApiDocument()
{
    static const QByteArray document = [] {
        QFile file(QStringLiteral(":/api/openapi.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return Response{200, QByteArrayLiteral("application/json"), document,
                    {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=3600")},
                     {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}};
}

} // namespace

WebApplication::WebApplication(Dependencies deps, QString baseUrl, PublicMetrics publicMetrics)
    : m_deps(deps)
    , m_baseUrl(std::move(baseUrl))
    , m_startedMs(deps.clock.steadyMs())
    , m_publicMetrics(publicMetrics)
{
}

std::optional<Error> WebApplication::rateLimit(RateLimiter &limiter, RateLimitKind kind,
                                              const QHttpServerRequest &request, const QString &what) const
{
    return rateLimit(limiter, kind, clientOf(request), what);
}

std::optional<Error> WebApplication::rateLimit(RateLimiter &limiter, RateLimitKind kind, const QHostAddress &client,
                                              const QString &what) const
{
    const RateLimiter::Decision decision = limiter.tryAcquire(client);
    if (decision.allowed)
        return std::nullopt;
    m_deps.metrics.countRateLimited(kind);
    return tooManyRequests(what, decision.retryAfterSeconds);
}

QHostAddress WebApplication::clientOf(const QHttpServerRequest &request) const
{
    return m_deps.clientAddresses.resolve(request.remoteAddress(), request.value(QByteArrayLiteral("x-forwarded-for")));
}

void WebApplication::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    http::ReplyChannel reply(request, responder, &m_deps.metrics);
    if (m_draining) {
        reply.closeAfterwards();
        return reply.send(Response::jsonError(
            Error{503, "shutting_down", QStringLiteral("The server is restarting; try again in a moment."), 1}));
    }
    const QString path = request.url().path();
    const QStringView rest = QStringView(path).sliced(path.isEmpty() ? 0 : 1);

    // The click path first: any single segment shaped like a slug that is not one of our own words.
    if (rules::hasSlugShape(rest) && !rules::isReservedWord(rest)) {
        const QString slug = rest.toString();
        if (request.method() == Method::Get) {
            reply.setRoute(MetricsRoute::Redirect);
            return serveVisit(slug, request, std::move(reply));
        }
        if (request.method() == Method::Head) {
            reply.setRoute(MetricsRoute::Inspect);
            return serveInspect(slug, std::move(reply));
        }
        if (request.method() == Method::Post) {
            reply.setRoute(MetricsRoute::Gate);
            return serveGatePost(slug, request, std::move(reply));
        }
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST")));
    }

    if (path == QLatin1String("/")) {
        if (isGetOrHead(request)) {
            reply.setRoute(MetricsRoute::Index);
            Pages::IndexView view;
            view.offerKeyField = m_deps.access.formNeedsKey(Caller{std::nullopt, m_deps.access.isLocal(request)});
            return reply.send(Response::html(200, m_deps.pages.index(view)));
        }
        if (request.method() == Method::Post) {
            reply.setRoute(MetricsRoute::Create);
            return serveFormCreate(request, std::move(reply));
        }
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST")));
    }
    if (path == QLatin1String("/api/create")) {
        reply.setRoute(MetricsRoute::Create);
        if (request.method() == Method::Post)
            return serveApiCreate(request, std::move(reply));
        return reply.send(methodNotAllowed(QByteArrayLiteral("POST")));
    }
    // The words after /api/links/ that are routes of their own come before
    // the slugs (a link aliased "batch", "export" or "import" is managed
    // through the window).
    if (path == QLatin1String("/api/links/batch")) {
        reply.setRoute(MetricsRoute::Create);
        if (request.method() == Method::Post)
            return serveBatch(request, std::move(reply));
        return reply.send(methodNotAllowed(QByteArrayLiteral("POST")));
    }
    if (path == QLatin1String("/api/links") || path == QLatin1String("/api/totals")
        || path == QLatin1String("/api/links/export") || path == QLatin1String("/api/links/import")) {
        reply.setRoute(MetricsRoute::Management);
        if (path == QLatin1String("/api/links/import")) {
            if (request.method() != Method::Post)
                return reply.send(methodNotAllowed(QByteArrayLiteral("POST")));
            return serveImport(request, std::move(reply));
        }
        if (path == QLatin1String("/api/links/export")) {
            if (request.method() != Method::Get)
                return reply.send(methodNotAllowed(QByteArrayLiteral("GET")));
            return serveExport(request, std::move(reply));
        }
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        if (path == QLatin1String("/api/totals"))
            return serveTotals(request, std::move(reply));
        return serveLinkList(request, std::move(reply));
    }
    if (path == QLatin1String("/api/webhooks") || path.startsWith(QLatin1String("/api/webhooks/"))) {
        reply.setRoute(MetricsRoute::Management);
        // The collection (list, add), /<id> (delete) and /<id>/test (send a test message).
        const QString rest = path.mid(14);
        const Method method = request.method();
        if (rest.isEmpty() && !isGetOrHead(request) && method != Method::Post)
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST")));
        if (rest.endsWith(QLatin1String("/test")) && method != Method::Post)
            return reply.send(methodNotAllowed(QByteArrayLiteral("POST")));
        if (!rest.isEmpty() && !rest.endsWith(QLatin1String("/test")) && method != Method::Delete)
            return reply.send(methodNotAllowed(QByteArrayLiteral("DELETE")));
        return serveWebhooks(rest, request, std::move(reply));
    }
    if (path.startsWith(QLatin1String("/api/links/"))) {
        reply.setRoute(MetricsRoute::Management);
        const QString slug = path.mid(11);
        if (rules::hasSlugShape(slug))
            return serveManagedLink(slug, request, std::move(reply));
    }
    if (path.startsWith(QLatin1String("/api/stats/"))) {
        reply.setRoute(MetricsRoute::StatsApi);
        QString slug = path.mid(11);
        StatsFormat format = request.query().queryItemValue(QStringLiteral("format")) == QLatin1String("csv")
            ? StatsFormat::Csv
            : StatsFormat::Json;
        if (slug.endsWith(QLatin1String(".csv"))) {
            slug.chop(4);
            format = StatsFormat::Csv;
        }
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        return serveStats(slug, format, request, std::move(reply));
    }
    if (path.startsWith(QLatin1String("/stats/"))) {
        reply.setRoute(MetricsRoute::StatsPage);
        if (!isGetOrHead(request) && request.method() != Method::Post)
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST")));
        return serveStats(path.mid(7), StatsFormat::Page, request, std::move(reply));
    }
    if (path == QLatin1String("/api/events")) {
        reply.setRoute(MetricsRoute::Management);
        if (request.method() != Method::Get)
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET")));
        return serveEvents(request, std::move(reply));
    }
    if (path == QLatin1String("/api/openapi.json")) {
        reply.setRoute(MetricsRoute::Static); // a document compiled in, like the static files
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        return reply.send(openApiDocument());
    }
    if (path.startsWith(QLatin1String("/api/"))) {
        return reply.send(Response::jsonError(
            Error{404, "not_found", QStringLiteral("There is no API endpoint at %1.").arg(path.left(200))}));
    }
    if (path == QLatin1String("/health")) {
        reply.setRoute(MetricsRoute::Health);
        if (isGetOrHead(request))
            return serveHealth(reply);
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
    }
    // Traffic volumes are the owner's: beyond loopback, only this machine reads them.
    if (path == QLatin1String("/metrics")
        && (m_publicMetrics == PublicMetrics::Everyone
            || (m_publicMetrics == PublicMetrics::LocalOnly && m_deps.access.isLocal(request)))) {
        reply.setRoute(MetricsRoute::Metrics);
        return serveMetrics(request, reply);
    }

    const Pages::StaticFile *file = nullptr;
    if (path.startsWith(QLatin1String("/static/")))
        file = m_deps.pages.staticFile(path.mid(8));
    else if (path == QLatin1String("/robots.txt") || path == QLatin1String("/favicon.ico"))
        file = m_deps.pages.staticFile(path.mid(1));
    if (file) {
        reply.setRoute(MetricsRoute::Static);
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        return reply.send(Response{200, file->contentType, file->body,
                                   {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=3600")},
                                    {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
    }

    reply.send(Response::html(404, m_deps.pages.notFound()));
}

void WebApplication::handleMetricsListener(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    http::ReplyChannel reply(request, responder, &m_deps.metrics);
    if (request.url().path() == QLatin1String("/metrics")) {
        reply.setRoute(MetricsRoute::Metrics);
        return serveMetrics(request, reply);
    }
    reply.send(Response{404, QByteArrayLiteral("text/plain; charset=utf-8"),
                        QByteArrayLiteral("Not found: this address serves /metrics only.\n"),
                        {{QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
}

void WebApplication::serveMetrics(const QHttpServerRequest &request, http::ReplyChannel &reply)
{
    if (!isGetOrHead(request))
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
    reply.send(Response{200, Metrics::kContentType.toByteArray(), m_deps.metrics.render(),
                        {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                         {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
}

void WebApplication::redirect(http::ReplyChannel &reply, const QByteArray &location)
{
    reply.sendRedirect(location);
    m_deps.metrics.countVisit(VisitOutcome::Redirected);
    m_deps.metrics.observeRedirect(reply.startedNs());
}

namespace {

// `value` cut to at most `limit` bytes, at a character boundary so the
// stored text does not end in a broken UTF-8 sequence. Copies only when it
// cuts: an ordinary header stays shared with the request.
QByteArray truncatedHeader(QByteArray value, qsizetype limit)
{
    if (value.size() <= limit)
        return value;
    qsizetype end = limit;
    while (end > 0 && (quint8(value.at(end)) & 0xC0) == 0x80)
        --end; // value.at(end) continues a character begun before the cut
    value.truncate(end);
    return value;
}

} // namespace

ClickFacts WebApplication::factsOf(const QHttpServerRequest &request) const
{
    return ClickFacts{m_deps.clock.nowMs(), clientOf(request),
                      truncatedHeader(request.value(QByteArrayLiteral("user-agent")), ClickFacts::MaxUserAgentBytes),
                      truncatedHeader(request.value(QByteArrayLiteral("referer")), ClickFacts::MaxReferrerBytes)};
}

void WebApplication::serveVisit(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply)
{
    ClickFacts facts = factsOf(request);
    // Asked only for links with auto preview protection; runs right here,
    // while `request` is alive.
    const VisitContext context{[this, &request] { return m_deps.previews.isPreview(request); }};
    if (std::optional<Visit> now = m_deps.links.visitCached(slug, facts, context)) {
        if (now->outcome == VisitOutcome::Redirected)
            return redirect(reply, now->location);
        m_deps.metrics.countVisit(now->outcome);
        return reply.send(visitResponse(slug, *now, false));
    }
    m_deps.links.visitClaimed(slug, std::move(facts), context, [this, slug, reply](const Visit &visit) mutable {
        if (visit.outcome == VisitOutcome::Redirected)
            return redirect(reply, visit.location);
        m_deps.metrics.countVisit(visit.outcome);
        reply.send(visitResponse(slug, visit, false));
    });
}

void WebApplication::serveGatePost(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply)
{
    if (!createparser::isFormContentType(request.value(QByteArrayLiteral("content-type")))) {
        return reply.send(pageError(Error{415, "unsupported_media_type",
                                          QStringLiteral("Send the form as application/x-www-form-urlencoded.")}));
    }
    QString token, password;
    bool hasToken = false, hasPassword = false;
    for (const auto &[name, value] : createparser::decodeForm(request.body())) {
        if (name == QLatin1String("token")) {
            token = value;
            hasToken = true;
        } else if (name == QLatin1String("password")) {
            password = value;
            hasPassword = true;
        }
    }
    auto answer = [this, slug, reply](const Visit &visit) mutable {
        m_deps.metrics.countVisit(visit.outcome);
        reply.send(visitResponse(slug, visit, true));
    };
    if (hasToken)
        return m_deps.links.confirm(slug, token, factsOf(request), std::move(answer));
    if (hasPassword)
        return m_deps.links.unlock(slug, password, factsOf(request), std::move(answer));
    reply.send(pageError(Error{400, "bad_request", QStringLiteral("Open the link in your browser and use its form.")}));
}

void WebApplication::serveInspect(const QString &slug, http::ReplyChannel reply)
{
    m_deps.links.inspect(slug, [this, slug, reply](const Visit &visit) mutable {
        // A capped or gated link's destination is never revealed without a claim.
        if (visit.outcome == VisitOutcome::Redirected && !visit.revealsDestination)
            return reply.send(Response{200, QByteArrayLiteral("text/html; charset=utf-8"), {},
                                       {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}});
        reply.send(visitResponse(slug, visit, false));
    });
}

Response WebApplication::visitResponse(const QString &slug, const Visit &visit, bool afterPost) const
{
    switch (visit.outcome) {
    case VisitOutcome::Redirected:
        // After a form post, 303 makes the browser GET the destination.
        return Response{afterPost ? 303 : 302, {}, {},
                        {{QByteArrayLiteral("Location"), visit.location},
                         {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                         {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")}}};
    case VisitOutcome::Expired:
        if (!visit.location.isEmpty()) {
            return Response{afterPost ? 303 : 302, {}, {},
                            {{QByteArrayLiteral("Location"), visit.location},
                             {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}};
        }
        return Response::html(400, m_deps.pages.expired());
    case VisitOutcome::NotFound:
        return Response::html(404, m_deps.pages.notFound());
    case VisitOutcome::Preview:
        return Response::html(200, m_deps.pages.placeholder());
    case VisitOutcome::NeedsConfirmation:
        return Response::html(200, m_deps.pages.confirmation(slug, visit.token, visit.remaining));
    case VisitOutcome::NeedsPassword:
        return Response::html(200, m_deps.pages.passwordForm(u'/' + slug, QString()));
    case VisitOutcome::WrongPassword:
    case VisitOutcome::Throttled: {
        Response response = Response::html(visit.error.status, m_deps.pages.passwordForm(u'/' + slug, visit.error.message));
        if (visit.error.retryAfterSeconds > 0)
            response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(visit.error.retryAfterSeconds));
        return response;
    }
    case VisitOutcome::BadToken:
    case VisitOutcome::Refused:
    case VisitOutcome::Unavailable:
        return pageError(visit.error);
    }
    Q_UNREACHABLE();
}

Response WebApplication::pageError(const Error &error) const
{
    Response response = Response::html(error.status,
                                       m_deps.pages.error(QStringLiteral("Please try again"), error.message));
    if (error.status == 503 || error.status == 429)
        response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(std::max(1, error.retryAfterSeconds)));
    return response;
}

std::optional<Error> WebApplication::keyCreationLimit(const ApiKey &key)
{
    const RateLimiter::Decision decision = m_deps.keyCreateLimiter.tryAcquireKey("key:" + QByteArray::number(key.id));
    if (decision.allowed)
        return std::nullopt;
    m_deps.metrics.countRateLimited(RateLimitKind::Create);
    return Error{429, "rate_limited",
                 QStringLiteral("Too many new links for this API key; try again in %1 seconds.").arg(decision.retryAfterSeconds),
                 decision.retryAfterSeconds};
}

void WebApplication::identify(const QHttpServerRequest &request, std::optional<QString> key,
                              std::function<void(const Result<Caller> &)> then)
{
    Caller caller;
    caller.local = m_deps.access.isLocal(request);
    if (!key)
        return then(caller);
    m_deps.keys.authenticate(*key, clientOf(request), [caller, then = std::move(then)](const Result<ApiKey> &key) mutable {
        if (!key)
            return then(key.error());
        caller.key = *key;
        then(caller);
    });
}

void WebApplication::createLink(const QHostAddress &client, const Caller &caller, const CreateRequest &create,
                                std::function<void(const Result<Link> &)> done)
{
    // Who may create comes before what: a caller without the right learns
    // nothing about the rules from this server.
    if (std::optional<Error> refused = m_deps.access.anonymousCreationRefused(caller))
        return done(*refused);
    Result<NewLink> prepared = m_deps.links.prepare(create);
    if (!prepared)
        return done(prepared.error());
    std::optional<CreationQuota> quota;
    if (caller.key) {
        // A key has a budget of its own, whatever address it comes from.
        prepared->ownerKeyId = caller.key->id;
        if (std::optional<Error> limited = keyCreationLimit(*caller.key))
            return done(*limited);
    } else {
        if (std::optional<Error> limited = rateLimit(m_deps.createLimiter, RateLimitKind::Create, client, QStringLiteral("new links")))
            return done(*limited);
        // This server's bucket let it through; the budget every server on the
        // database shares has the last word.
        if (m_deps.createLimiter.enabled())
            quota = CreationQuota{RateLimiter::keyFor(client), m_deps.createLimiter.perMinute(), m_deps.clock.nowMs()};
    }
    auto counted = [this, done = std::move(done)](const Result<Link> &created) {
        if (!created && created.error().status == 429)  // the shared budget refused
            m_deps.metrics.countRateLimited(RateLimitKind::Create);
        done(created);
    };
    m_deps.links.create(std::move(*prepared), create.password, std::move(counted), std::move(quota));
}

void WebApplication::serveApiCreate(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    if (!createparser::isJsonContentType(request.value(QByteArrayLiteral("content-type")))) {
        return reply.send(Response::jsonError(
            Error{415, "unsupported_media_type", QStringLiteral("Send the link as JSON with Content-Type: application/json.")}));
    }
    const Result<std::optional<QString>> key = AccessRules::bearerKey(request);
    if (!key)
        return reply.send(Response::jsonError(key.error()));
    Result<CreateRequest> create = createparser::fromJson(request.body());
    if (!create)
        return reply.send(Response::jsonError(create.error()));

    identify(request, *key, [this, reply, create = *create, client = clientOf(request)](const Result<Caller> &caller) mutable {
        if (!caller)
            return reply.send(Response::jsonError(caller.error()));
        createLink(client, *caller, create, [this, reply](const Result<Link> &created) mutable {
            if (created)
                return reply.send(Response::json(201, linkJson(*created)));
            reply.send(Response::jsonError(created.error()));
        });
    });
}

namespace {

// Puts what a failed form post typed back into the form, so nobody types it
// twice: each field as sent (cut to a little more than its limit; Pages
// escapes it), except the password, which is never sent back, and the key.
void refill(Pages::IndexView &view, const QByteArray &body)
{
    for (const auto &[rawName, value] : createparser::decodeForm(body)) {
        const QString name = QString(rawName).replace(u'-', u'_');
        if (name == QLatin1String("url"))
            view.url = value.left(rules::kMaxUrlLength + 16);
        else if (name == QLatin1String("alias"))
            view.alias = value.left(rules::kMaxAliasLength + 16);
        else if (name == QLatin1String("max_clicks"))
            view.maxClicks = value.left(16);
        else if (name == QLatin1String("preview_protection"))
            view.previewProtection = value.left(16);
        else if (name == QLatin1String("password"))
            view.passwordGiven = view.passwordGiven || !value.isEmpty();
        else if (name == QLatin1String("expires_in"))
            view.expiresIn = value.left(24);
        else if (name == QLatin1String("expires_at"))
            view.expiresAt = value.left(64);
        else if (name == QLatin1String("expired_url"))
            view.expiredUrl = value.left(rules::kMaxUrlLength + 16);
        else if (name == QLatin1String("label"))
            view.label = value.left(2 * rules::kMaxLabelLength + 16);  // UTF-16 units: a character may take two
    }
    view.advancedOpen = !view.alias.isEmpty() || !view.maxClicks.isEmpty() || !view.previewProtection.isEmpty()
        || view.passwordGiven || !view.expiresIn.isEmpty() || !view.expiresAt.isEmpty() || !view.expiredUrl.isEmpty()
        || !view.label.isEmpty();
}

} // namespace

void WebApplication::serveFormCreate(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    Pages::IndexView view;
    if (!createparser::isFormContentType(request.value(QByteArrayLiteral("content-type")))) {
        view.error = QStringLiteral("The form must be sent as application/x-www-form-urlencoded.");
        return reply.send(Response::html(415, m_deps.pages.index(view)));
    }
    refill(view, request.body());
    view.offerKeyField = m_deps.access.formNeedsKey(Caller{std::nullopt, m_deps.access.isLocal(request)});
    std::optional<QString> formKey;
    for (const auto &[name, value] : createparser::decodeForm(request.body())) {
        if (name == QLatin1String("key") && !value.trimmed().isEmpty())
            formKey = value.trimmed().left(apikeys::kKeyLength + 16);
    }

    Result<CreateRequest> create = createparser::fromForm(request.body());
    if (!create) {
        view.error = create.error().message;
        return reply.send(Response::html(400, m_deps.pages.index(view)));
    }
    // A browser sends no Authorization header of its own: the form's key
    // field is the key; a script posting the form may use the header.
    std::optional<QString> key = formKey;
    if (!key) {
        const Result<std::optional<QString>> bearer = AccessRules::bearerKey(request);
        if (!bearer) {
            view.error = bearer.error().message;
            return reply.send(Response::html(401, m_deps.pages.index(view)));
        }
        key = *bearer;
    }
    auto failed = [this](Pages::IndexView view, const Error &error) {
        view.error = error.status == 401 && error.reason == "key_required"
            ? QStringLiteral("This server makes links for API key holders only: enter your API key below "
                             "(its owner makes one with: shortfuse-server keys create --name NAME).")
            : error.message;
        if (error.status == 401)
            view.offerKeyField = true;
        Response response = Response::html(error.status, m_deps.pages.index(view));
        if (error.retryAfterSeconds > 0)
            response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfterSeconds));
        return response;
    };
    identify(request, key,
             [this, reply, view, failed, create = *create, client = clientOf(request)](const Result<Caller> &caller) mutable {
                 if (!caller)
                     return reply.send(failed(view, caller.error()));
                 createLink(client, *caller, create, [this, reply, view, failed](const Result<Link> &created) mutable {
                     if (!created)
                         return reply.send(failed(view, created.error()));
                     Pages::IndexView result;
                     result.shortUrl = shortUrl(created->slug);
                     result.statsUrl = statsUrl(*created);
                     result.createdMaxClicks = created->maxClicks;
                     reply.send(Response::html(201, m_deps.pages.index(result)));
                 });
             });
}

void WebApplication::serveHealth(http::ReplyChannel &reply)
{
    const qint64 uptimeMs = m_deps.clock.steadyMs() - m_startedMs;
    reply.send(Response::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                               {QStringLiteral("version"), QStringLiteral(SHORTFUSE_VERSION)},
                                               {QStringLiteral("uptime_seconds"), uptimeMs / 1000}}));
}

void WebApplication::serveStats(const QString &slug, StatsFormat format, const QHttpServerRequest &request,
                                http::ReplyChannel reply)
{
    const bool page = format == StatsFormat::Page;
    auto fail = [this, page](http::ReplyChannel &reply, const Error &error) {
        return reply.send(page ? pageError(error) : Response::jsonError(error));
    };
    // Unknown, and known but not yours, get the same answer: it reveals nothing.
    auto unknown = [this, page, slug](http::ReplyChannel &reply) {
        if (page)
            return reply.send(Response::html(404, m_deps.pages.notFound()));
        reply.send(Response::jsonError(
            Error{404, "not_found", QStringLiteral("There is no short link called \"%1\".").arg(slug.left(64))}));
    };
    if (!rules::hasSlugShape(slug))
        return unknown(reply);

    const Result<StatsQuery> parsedQuery = parseStatsQuery(request.query());
    if (!parsedQuery)
        return fail(reply, parsedQuery.error());
    const StatsQuery query = *parsedQuery;

    if (std::optional<Error> limited = rateLimit(m_deps.statsLimiter, RateLimitKind::Stats, request,
                                                     QStringLiteral("statistics look-ups")))
        return fail(reply, *limited);
    const Result<std::optional<QString>> key = AccessRules::bearerKey(request);
    if (!key)
        return fail(reply, key.error());
    // The link's own statistics token, from its stats_url.
    const QString token = request.query().queryItemValue(QStringLiteral("token")).left(128);

    // A password-protected link's stats need the same password: the
    // X-Link-Password header for the API, the form (POST) for the page.
    std::optional<QString> password;
    if (const QByteArray header = request.value(QByteArrayLiteral("x-link-password")); !header.isEmpty())
        password = QString::fromUtf8(header);
    if (page && request.method() == Method::Post) {
        for (const auto &[name, value] : createparser::decodeForm(request.body())) {
            if (name == QLatin1String("password"))
                password = value;
        }
    }
    const QHostAddress client = clientOf(request);

    identify(request, *key, [=, this](const Result<Caller> &caller) mutable {
        if (!caller)
            return fail(reply, caller.error());
        m_deps.queries.linkStats(slug, query, &m_deps.links, [=, this](const Result<std::optional<LinkStats>> &stats) mutable {
            if (!stats)
                return fail(reply, stats.error());
            if (!stats->has_value() || !m_deps.access.maySeeStats(*caller, (*stats)->link, token))
                return unknown(reply);
            LinkStats result = **stats;
            auto respond = [this, format, token](http::ReplyChannel &channel, const LinkStats &result) {
                switch (format) {
                case StatsFormat::Json:
                    return channel.send(Response::json(200, statsformat::toJson(result)));
                case StatsFormat::Csv:
                    return channel.send(Response{200, QByteArrayLiteral("text/csv; charset=utf-8"),
                                                 statsformat::toCsv(result),
                                                 {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                                                  {QByteArrayLiteral("Content-Disposition"),
                                                   "attachment; filename=\"" + result.link.slug.toUtf8() + "-clicks.csv\""},
                                                  {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
                case StatsFormat::Page:
                    return channel.send(Response::html(200, StatsPage::render(m_deps.pages, result, token)));
                }
            };
            if (!AccessRules::needsPassword(*caller, result.link))
                return respond(reply, result);
            QString action = QStringLiteral("/stats/") + slug;
            if (!token.isEmpty())
                action += QStringLiteral("?token=") + QString::fromLatin1(QUrl::toPercentEncoding(token));
            if (!password) {
                const Error needed{401, "password_required",
                                   QStringLiteral("This link's statistics need its password (header X-Link-Password).")};
                return reply.send(page ? Response::html(401, m_deps.pages.passwordForm(action, QString()))
                                       : Response::jsonError(needed));
            }
            m_deps.links.checkPassword(slug, *password, client,
                                       [this, reply, result, page, action, respond](const Status &opens) mutable {
                                           if (opens)
                                               return respond(reply, result);
                                           if (!page)
                                               return reply.send(Response::jsonError(opens.error()));
                                           Response form = Response::html(opens.error().status,
                                                                          m_deps.pages.passwordForm(action, opens.error().message));
                                           reply.send(form);
                                       });
        });
    });
}

void WebApplication::serveBatch(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    if (!createparser::isJsonContentType(request.value(QByteArrayLiteral("content-type")))) {
        return reply.send(Response::jsonError(
            Error{415, "unsupported_media_type", QStringLiteral("Send the batch as JSON with Content-Type: application/json.")}));
    }
    const Result<std::optional<QString>> key = AccessRules::bearerKey(request);
    if (!key)
        return reply.send(Response::jsonError(key.error()));
    Result<createparser::BatchRequest> batch = createparser::batchFromJson(request.body());
    if (!batch)
        return reply.send(Response::jsonError(batch.error()));
    // A mail merge wants rows: text/csv anywhere in Accept gives them.
    const bool csv = request.value(QByteArrayLiteral("accept")).toLower().contains("text/csv");

    identify(request, *key, [this, reply, csv, batch = *batch, client = clientOf(request)](const Result<Caller> &caller) mutable {
        if (!caller)
            return reply.send(Response::jsonError(caller.error()));
        if (std::optional<Error> refused = m_deps.access.anonymousCreationRefused(*caller))
            return reply.send(Response::jsonError(*refused));
        // Every link checked by the same rules as a single creation before
        // anything is stored; the first bad one names its place.
        QList<NewLink> links;
        links.reserve(batch.labels.size());
        for (qsizetype i = 0; i < batch.labels.size(); ++i) {
            CreateRequest one = batch.common;
            one.label = batch.labels.at(i);
            one.alias = batch.aliases.isEmpty() ? QString() : batch.aliases.at(i);
            Result<NewLink> prepared = m_deps.links.prepare(one);
            if (!prepared) {
                Error error = prepared.error();
                error.message = QStringLiteral("Link %1 (\"%2\"): %3").arg(i + 1).arg(batch.labels.at(i).left(64), error.message);
                return reply.send(Response::jsonError(error));
            }
            if (caller->key)
                prepared->ownerKeyId = caller->key->id;
            links.append(*prepared);
        }
        // A batch takes one event from the creator's budget, like one creation.
        if (caller->key) {
            if (std::optional<Error> limited = keyCreationLimit(*caller->key))
                return reply.send(Response::jsonError(*limited));
        } else if (std::optional<Error> limited = rateLimit(m_deps.createLimiter, RateLimitKind::Create, client, QStringLiteral("new links"))) {
            return reply.send(Response::jsonError(*limited));
        }
        m_deps.links.createBatch(std::move(links), batch.common.password,
                                 [this, reply, csv](const Result<QList<Link>> &made) mutable {
            if (!made)
                return reply.send(Response::jsonError(made.error()));
            if (csv) {
                QByteArray rows = "label,short_url,stats_url\r\n";
                for (const Link &link : *made)
                    rows += (csvCell(link.label) + u',' + csvCell(shortUrl(link.slug)) + u',' + csvCell(statsUrl(link))
                             + QLatin1String("\r\n"))
                                .toUtf8();
                return reply.send(Response{201, QByteArrayLiteral("text/csv; charset=utf-8"), rows,
                                           {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                                            {QByteArrayLiteral("Content-Disposition"), QByteArrayLiteral("attachment; filename=\"links.csv\"")},
                                            {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
            }
            QJsonArray links;
            for (const Link &link : *made)
                links.append(linkJson(link));
            reply.send(Response::json(201, QJsonObject{{QStringLiteral("links"), links}}));
        });
    });
}

Result<LinkScope> WebApplication::scopeOf(const Caller &caller)
{
    if (caller.admin() || (!caller.key && caller.local))
        return LinkScope::everything();
    if (caller.key)
        return LinkScope::ownedBy(caller.key->id);
    return AccessRules::keyRequired();
}

void WebApplication::serveManagedLink(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply)
{
    const Method method = request.method();
    if (method != Method::Get && method != Method::Head && method != Method::Patch && method != Method::Delete)
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, PATCH, DELETE")));
    const Result<std::optional<QString>> key = AccessRules::bearerKey(request);
    if (!key)
        return reply.send(Response::jsonError(key.error()));

    // Everything the answer needs from the request, read now: it is gone
    // once the caller is known.
    std::optional<LinkChange> change;
    if (method == Method::Patch) {
        if (!createparser::isJsonContentType(request.value(QByteArrayLiteral("content-type")))) {
            return reply.send(Response::jsonError(
                Error{415, "unsupported_media_type", QStringLiteral("Send the change as JSON with Content-Type: application/json.")}));
        }
        Result<LinkChange> parsed = changeparser::fromJson(request.body());
        if (!parsed)
            return reply.send(Response::jsonError(parsed.error()));
        change = *parsed;
    }
    bool purge = false;
    if (method == Method::Delete) {
        const QString value = request.query().queryItemValue(QStringLiteral("purge"));
        if (!value.isEmpty() && value != QLatin1String("true") && value != QLatin1String("false"))
            return reply.send(Response::jsonError(Error{400, "invalid_purge", QStringLiteral("purge is true or false.")}));
        purge = value == QLatin1String("true");
    }

    identify(request, *key, [=, this](const Result<Caller> &caller) mutable {
        if (!caller)
            return reply.send(Response::jsonError(caller.error()));
        const Result<LinkScope> scope = scopeOf(*caller);
        if (!scope)
            return reply.send(Response::jsonError(scope.error()));
        auto answerLink = [this, reply](const Result<Link> &link) mutable {
            if (!link)
                return reply.send(Response::jsonError(link.error()));
            reply.send(Response::json(200, listedLinkJson(*link, m_deps.clock.nowMs())));
        };
        if (change)
            return m_deps.links.update(slug, *change, *scope, std::move(answerLink));
        if (method == Method::Delete && purge) {
            return m_deps.links.purge(slug, *scope, [reply](const Status &purged) mutable {
                if (!purged)
                    return reply.send(Response::jsonError(purged.error()));
                reply.send(Response{204, {}, {}, {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}});
            });
        }
        if (method == Method::Delete)
            return m_deps.links.revokeIn(slug, *scope, std::move(answerLink));
        // GET: read on the statistics reader, like every other read question.
        m_deps.queries.linksBySlug({slug}, &m_deps.links,
                                   [slug, scope = *scope, answerLink](const Result<QList<Link>> &found) mutable {
                                       if (!found)
                                           return answerLink(found.error());
                                       if (found->isEmpty() || !scope.includes(found->constFirst()))
                                           return answerLink(Error{404, "not_found",
                                                                   QStringLiteral("There is no short link called \"%1\".")
                                                                       .arg(slug.left(64))});
                                       answerLink(found->constFirst());
                                   });
    });
}

QString WebApplication::statsUrl(const Link &link) const
{
    return m_baseUrl + QStringLiteral("/stats/") + link.slug + QStringLiteral("?token=") + link.statsToken;
}

QJsonObject WebApplication::linkJson(const Link &link) const
{
    return QJsonObject{
        {QStringLiteral("short_url"), shortUrl(link.slug)},
        {QStringLiteral("slug"), link.slug},
        {QStringLiteral("url"), link.url},
        {QStringLiteral("max_clicks"), link.maxClicks ? QJsonValue(*link.maxClicks) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("clicks"), link.clicks},
        {QStringLiteral("stats_url"), statsUrl(link)},
        {QStringLiteral("stats_token"), link.statsToken},
        {QStringLiteral("label"), link.label.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(link.label)},
        {QStringLiteral("created_at"), statsformat::isoUtc(link.createdAtMs)},
        {QStringLiteral("preview_protection"), rules::previewProtectionName(link.previewProtection)},
        {QStringLiteral("password_protected"), link.hasPassword()},
        {QStringLiteral("expires_at"),
         link.expiresAtMs ? QJsonValue(statsformat::isoUtc(*link.expiresAtMs)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("expired_url"), link.expiredUrl.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(link.expiredUrl)},
    };
}

} // namespace shortfuse
