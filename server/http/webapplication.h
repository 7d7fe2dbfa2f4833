#pragma once

#include "server/core/clientaddress.h"
#include "server/http/accessrules.h"
#include "server/links/apikeyservice.h"
#include "server/core/clock.h"
#include "server/http/httpresponse.h"
#include "server/links/linkservice.h"
#include "server/core/metrics.h"
#include "server/http/pages.h"
#include "server/http/previewdetector.h"
#include "server/core/ratelimiter.h"
#include "server/links/linkqueries.h"

#include <QString>

class QHttpServerRequest;
class QHttpServerResponder;

namespace shortfuse {

class WebhookDispatcher;
class EventHub;

// The HTTP application: turns each request into a call on LinkService and
// the answer into a response. Routing is a short chain of comparisons on
// the path, cheapest (and most frequent, /<slug>) first, so the click
// path pays for no regular expression. One place maps errors to statuses.
class WebApplication final {
public:
    struct Dependencies {
        LinkService &links;
        LinkQueries &queries;
        RateLimiter &createLimiter;
        RateLimiter &statsLimiter;
        const ClientAddressResolver &clientAddresses;
        const Pages &pages;
        const Clock &clock;
        PreviewDetector &previews;
        Metrics &metrics;
        ApiKeyService &keys;
        const AccessRules &access;
        RateLimiter &keyCreateLimiter;  // creations per API key
        WebhookDispatcher &webhooks;
        EventHub &events;  // the open GET /api/events streams
    };

    // Who may read GET /metrics through handle() (the public listener):
    enum class PublicMetrics {
        Everyone,  // the server listens on loopback only: whoever connects is on this machine
        LocalOnly, // it listens beyond loopback: only local requests (AccessRules::isLocal), 404 for the rest
        Nobody,    // --metrics-bind serves it (handleMetricsListener); 404 here
    };
    WebApplication(Dependencies deps, QString baseUrl, PublicMetrics publicMetrics);

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // The --metrics-bind listener: /metrics and nothing else.
    void handleMetricsListener(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    const QString &baseUrl() const { return m_baseUrl; }
    // Short links made from now on start with this (a port mapping's
    // public address that came or changed).
    void setBaseUrl(QString baseUrl) { m_baseUrl = std::move(baseUrl); }

    // Once the server is stopping, requests that arrive on open connections
    // are answered 503 and use nothing up: a click claimed now might never
    // get its redirect out before the process ends.
    // Open event streams end (cleanly: their clients resume elsewhere or later).
    void startDraining();

private:
    void serveVisit(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveInspect(const QString &slug, http::ReplyChannel reply);
    void serveGatePost(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply);
    ClickFacts factsOf(const QHttpServerRequest &request) const;
    void serveApiCreate(const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveFormCreate(const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveHealth(http::ReplyChannel &reply);
    // POST /api/links/batch: one destination, a link per label, all or nothing.
    void serveBatch(const QHttpServerRequest &request, http::ReplyChannel reply);
    // /api/links/<slug>: GET, PATCH, DELETE (?purge=true) for key holders.
    void serveManagedLink(const QString &slug, const QHttpServerRequest &request, http::ReplyChannel reply);
    // The links a management caller may touch: an admin key's or a local
    // request's, every link; another key's, its own. Anonymous remote
    // callers get 401 key_required.
    static Result<LinkScope> scopeOf(const Caller &caller);
    void serveMetrics(const QHttpServerRequest &request, http::ReplyChannel &reply);
    // The click path's redirect, counted and timed.
    void redirect(http::ReplyChannel &reply, const QByteArray &location);
    enum class StatsFormat { Json, Csv, Page };
    void serveStats(const QString &slug, StatsFormat format, const QHttpServerRequest &request,
                    http::ReplyChannel reply);

    // Who asks: `key` (Authorization's, or the form's key field) checked
    // against the database, and whether the request is local. A bad key
    // ends here: `then` gets its 401 or 429. Reads `request` before it
    // returns (it may be gone when `then` runs).
    void identify(const QHttpServerRequest &request, std::optional<QString> key,
                  std::function<void(const Result<Caller> &)> then);
    // A 429 when `key` has used up its creation budget (--key-rate-limit),
    // which every creating route (single, form, batch) takes from.
    std::optional<Error> keyCreationLimit(const ApiKey &key);
    // Both create routes end here: who may create, the rate limit (per
    // key, or per address for anonymous creations), then storage.
    void createLink(const QHostAddress &client, const Caller &caller, const CreateRequest &create,
                    std::function<void(const Result<Link> &)> done);

    // The management routes (managementroutes.cpp): GET /api/links,
    // GET /api/totals, GET /api/links/export, POST /api/links/import.
    void serveLinkList(const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveTotals(const QHttpServerRequest &request, http::ReplyChannel reply);
    // /api/webhooks[/<id>[/test]] (webhookroutes.cpp); `rest` is what follows "/api/webhooks/".
    void serveWebhooks(const QString &rest, const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveExport(const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveEvents(const QHttpServerRequest &request, http::ReplyChannel reply);
    void serveImport(const QHttpServerRequest &request, http::ReplyChannel reply);
    // Whose links a management request may see: every link for an admin key
    // or a local request, its own for another key; 401 key_required for an
    // anonymous request from elsewhere (and the key's own 401/429). `then`
    // also gets the caller's key id (what it makes or imports is its own).
    using ScopeDone = std::function<void(const Result<LinkScope> &, std::optional<qint64> keyId)>;
    void managementScope(const QHttpServerRequest &request, ScopeDone then);
    // A link as GET /api/links lists it: linkJson plus status, remaining, last_click_at.
    QJsonObject listedLinkJson(const Link &link, qint64 nowMs) const;

    http::Response visitResponse(const QString &slug, const Visit &visit, bool afterPost) const;
    http::Response pageError(const Error &error) const;
    QJsonObject linkJson(const Link &link) const;
    QString shortUrl(const QString &slug) const { return m_baseUrl + u'/' + slug; }
    // With the link's statistics token, which lets whoever holds the URL read them.
    QString statsUrl(const Link &link) const;
    QHostAddress clientOf(const QHttpServerRequest &request) const;
    // A 429 when `limiter` refuses this client; `what` names what is limited.
    std::optional<Error> rateLimit(RateLimiter &limiter, RateLimitKind kind, const QHttpServerRequest &request,
                                   const QString &what) const;
    std::optional<Error> rateLimit(RateLimiter &limiter, RateLimitKind kind, const QHostAddress &client,
                                   const QString &what) const;

    Dependencies m_deps;
    QString m_baseUrl;
    qint64 m_startedMs;
    PublicMetrics m_publicMetrics;
    bool m_draining = false;
};

} // namespace shortfuse
