#include "webapplication.h"

#include "createrequestparser.h"
#include "linkrules.h"
#include "statsformat.h"
#include "statspage.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
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


} // namespace

WebApplication::WebApplication(Dependencies deps, QString baseUrl)
    : m_deps(deps)
    , m_baseUrl(std::move(baseUrl))
    , m_startedMs(deps.clock.steadyMs())
{
}

QHostAddress WebApplication::clientOf(const QHttpServerRequest &request) const
{
    return m_deps.clientAddresses.resolve(request.remoteAddress(), request.value(QByteArrayLiteral("x-forwarded-for")));
}

void WebApplication::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    http::ReplyChannel reply(request, responder);
    if (m_draining) {
        reply.closeAfterwards();
        return reply.send(Response::jsonError(
            Error{503, "shutting_down", QStringLiteral("The server is restarting; try again in a moment."), 1}));
    }
    const QString path = request.url().path();
    const QStringView rest = QStringView(path).sliced(path.isEmpty() ? 0 : 1);

    // The click path first: any single segment shaped like a slug that is not one of our own words.
    if (rules::hasSlugShape(rest) && !rules::isReservedWord(rest.toString())) {
        if (request.method() == Method::Get)
            return serveVisit(rest.toString(), request, std::move(reply));
        if (request.method() == Method::Head)
            return serveInspect(rest.toString(), std::move(reply));
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
    }

    if (path == QLatin1String("/")) {
        if (isGetOrHead(request))
            return reply.send(Response::html(200, m_deps.pages.index({})));
        if (request.method() == Method::Post)
            return serveFormCreate(request, std::move(reply));
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD, POST")));
    }
    if (path == QLatin1String("/api/create")) {
        if (request.method() == Method::Post)
            return serveApiCreate(request, std::move(reply));
        return reply.send(methodNotAllowed(QByteArrayLiteral("POST")));
    }
    if (path.startsWith(QLatin1String("/api/stats/"))) {
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
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        return serveStats(path.mid(7), StatsFormat::Page, request, std::move(reply));
    }
    if (path.startsWith(QLatin1String("/api/"))) {
        return reply.send(Response::jsonError(
            Error{404, "not_found", QStringLiteral("There is no API endpoint at %1.").arg(path.left(200))}));
    }
    if (path == QLatin1String("/health")) {
        if (isGetOrHead(request))
            return serveHealth(reply);
        return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
    }

    const Pages::StaticFile *file = nullptr;
    if (path.startsWith(QLatin1String("/static/")))
        file = m_deps.pages.staticFile(path.mid(8));
    else if (path == QLatin1String("/robots.txt") || path == QLatin1String("/favicon.ico"))
        file = m_deps.pages.staticFile(path.mid(1));
    if (file) {
        if (!isGetOrHead(request))
            return reply.send(methodNotAllowed(QByteArrayLiteral("GET, HEAD")));
        return reply.send(Response{200, file->contentType, file->body,
                                   {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=3600")},
                                    {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
    }

    reply.send(Response::html(404, m_deps.pages.notFound()));
}

void WebApplication::serveVisit(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply)
{
    ClickFacts facts{m_deps.clock.nowMs(), clientOf(request), request.value(QByteArrayLiteral("user-agent")),
                     request.value(QByteArrayLiteral("referer"))};
    auto answer = [this](http::ReplyChannel &channel, const Visit &visit) {
        if (visit.kind == Visit::Kind::Redirect)
            channel.sendRedirect(visit.location);
        else
            channel.send(visitResponse(visit));
    };
    if (std::optional<Visit> now = m_deps.links.visitCached(slug, facts))
        return answer(reply, *now);
    m_deps.links.visitClaimed(slug, std::move(facts),
                              [reply, answer](const Visit &visit) mutable { answer(reply, visit); });
}

void WebApplication::serveInspect(const QString &slug, http::ReplyChannel reply)
{
    auto answer = [this](const Visit &visit) {
        // A capped link's destination is never revealed without a claim.
        if (visit.kind == Visit::Kind::Redirect && visit.capped)
            return Response{200, QByteArrayLiteral("text/html; charset=utf-8"), {},
                            {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}};
        if (visit.kind == Visit::Kind::Redirect)
            return Response{302, {}, {},
                            {{QByteArrayLiteral("Location"), visit.location},
                             {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}}};
        return visitResponse(visit);
    };
    if (std::optional<Visit> now = m_deps.links.inspectCached(slug))
        return reply.send(answer(*now));
    m_deps.links.inspectStored(slug, [reply, answer](const Visit &visit) mutable { reply.send(answer(visit)); });
}

Response WebApplication::visitResponse(const Visit &visit) const
{
    switch (visit.kind) {
    case Visit::Kind::Redirect:
        return Response{302, {}, {}, {{QByteArrayLiteral("Location"), visit.location}}};
    case Visit::Kind::Expired:
        return Response::html(400, m_deps.pages.expired());
    case Visit::Kind::NotFound:
        return Response::html(404, m_deps.pages.notFound());
    case Visit::Kind::Unavailable:
        return pageError(visit.error);
    }
    Q_UNREACHABLE();
}

Response WebApplication::pageError(const Error &error) const
{
    Response response = Response::html(error.status,
                                       m_deps.pages.error(QStringLiteral("Please try again"), error.message));
    response.withHeader(QByteArrayLiteral("Retry-After"),
                        QByteArray::number(std::max(1, error.retryAfterSeconds)));
    return response;
}

void WebApplication::createLink(const QHttpServerRequest &request, const CreateRequest &create,
                                std::function<void(const Result<Link> &)> done)
{
    Result<NewLink> prepared = m_deps.links.prepare(create);
    if (!prepared)
        return done(prepared.error());
    const RateLimiter::Decision decision = m_deps.createLimiter.tryAcquire(clientOf(request));
    if (!decision.allowed) {
        return done(Error{429, "rate_limited",
                          QStringLiteral("Too many new links from your address; try again in %1 seconds.")
                              .arg(decision.retryAfterSeconds),
                          decision.retryAfterSeconds});
    }
    m_deps.links.create(std::move(*prepared), std::move(done));
}

void WebApplication::serveApiCreate(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    if (!createparser::isJsonContentType(request.value(QByteArrayLiteral("content-type")))) {
        return reply.send(Response::jsonError(
            Error{415, "unsupported_media_type", QStringLiteral("Send the link as JSON with Content-Type: application/json.")}));
    }
    Result<CreateRequest> create = createparser::fromJson(request.body());
    if (!create)
        return reply.send(Response::jsonError(create.error()));

    createLink(request, *create, [this, reply](const Result<Link> &created) mutable {
        if (created)
            return reply.send(Response::json(201, linkJson(*created)));
        reply.send(Response::jsonError(created.error()));
    });
}

void WebApplication::serveFormCreate(const QHttpServerRequest &request, http::ReplyChannel reply)
{
    Pages::IndexView view;
    if (!createparser::isFormContentType(request.value(QByteArrayLiteral("content-type")))) {
        view.error = QStringLiteral("The form must be sent as application/x-www-form-urlencoded.");
        return reply.send(Response::html(415, m_deps.pages.index(view)));
    }
    for (const auto &[name, value] : createparser::decodeForm(request.body())) {
        if (name == QLatin1String("url"))
            view.url = value.left(rules::kMaxUrlLength + 16);
        else if (name == QLatin1String("alias"))
            view.alias = value.left(rules::kMaxAliasLength + 16);
        else if (name == QLatin1String("max_clicks"))
            view.maxClicks = value.left(16);
    }
    view.advancedOpen = !view.alias.isEmpty() || !view.maxClicks.isEmpty();

    Result<CreateRequest> create = createparser::fromForm(request.body());
    if (!create) {
        view.error = create.error().message;
        return reply.send(Response::html(400, m_deps.pages.index(view)));
    }
    createLink(request, *create, [this, reply, view](const Result<Link> &created) mutable {
        if (!created) {
            view.error = created.error().message;
            Response response = Response::html(created.error().status, m_deps.pages.index(view));
            if (created.error().retryAfterSeconds > 0)
                response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(created.error().retryAfterSeconds));
            return reply.send(response);
        }
        Pages::IndexView result;
        result.shortUrl = shortUrl(created->slug);
        result.statsUrl = statsUrl(created->slug);
        result.createdMaxClicks = created->maxClicks;
        reply.send(Response::html(201, m_deps.pages.index(result)));
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
    auto fail = [&](const Error &error) {
        return reply.send(page ? pageError(error) : Response::jsonError(error));
    };
    const Error unknown{404, "not_found", QStringLiteral("There is no short link called \"%1\".").arg(slug.left(64))};
    if (!rules::hasSlugShape(slug))
        return page ? reply.send(Response::html(404, m_deps.pages.notFound())) : fail(unknown);

    StatsQuery query;
    const QUrlQuery params = request.query();
    if (params.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = params.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > StatsQuery::kMaxLimit)
            return fail(Error{400, "invalid_limit", QStringLiteral("limit must be a whole number from 1 to 1000.")});
    }
    if (params.hasQueryItem(QStringLiteral("before"))) {
        bool ok = false;
        const qint64 before = params.queryItemValue(QStringLiteral("before")).toLongLong(&ok);
        if (!ok || before < 1)
            return fail(Error{400, "invalid_before",
                              QStringLiteral("before must be the next_before value of the previous page.")});
        query.beforeId = before;
    }

    const RateLimiter::Decision decision = m_deps.statsLimiter.tryAcquire(clientOf(request));
    if (!decision.allowed) {
        return fail(Error{429, "rate_limited",
                          QStringLiteral("Too many statistics look-ups from your address; try again in %1 seconds.")
                              .arg(decision.retryAfterSeconds),
                          decision.retryAfterSeconds});
    }

    m_deps.reader.read<std::optional<LinkStats>>(
        [slug, query](LinkStore &store) { return store.linkStats(slug, query); },
        [this, reply, format, unknown, page](const Result<std::optional<LinkStats>> &stats) mutable {
            if (!stats)
                return reply.send(page ? pageError(stats.error()) : Response::jsonError(stats.error()));
            if (!stats->has_value())
                return reply.send(page ? Response::html(404, m_deps.pages.notFound()) : Response::jsonError(unknown));
            switch (format) {
            case StatsFormat::Json:
                return reply.send(Response::json(200, statsformat::toJson(**stats)));
            case StatsFormat::Csv:
                return reply.send(Response{200, QByteArrayLiteral("text/csv; charset=utf-8"),
                                           statsformat::toCsv(**stats),
                                           {{QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
                                            {QByteArrayLiteral("Content-Disposition"),
                                             "attachment; filename=\"" + (*stats)->link.slug.toUtf8() + "-clicks.csv\""},
                                            {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}});
            case StatsFormat::Page:
                return reply.send(Response::html(200, StatsPage::render(m_deps.pages, **stats)));
            }
        });
}

QJsonObject WebApplication::linkJson(const Link &link) const
{
    return QJsonObject{
        {QStringLiteral("short_url"), shortUrl(link.slug)},
        {QStringLiteral("slug"), link.slug},
        {QStringLiteral("url"), link.url},
        {QStringLiteral("max_clicks"), link.maxClicks ? QJsonValue(*link.maxClicks) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("clicks"), link.clicks},
        {QStringLiteral("stats_url"), statsUrl(link.slug)},
        {QStringLiteral("created_at"), statsformat::isoUtc(link.createdAtMs)},
    };
}

} // namespace shortfuse
