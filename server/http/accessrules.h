#pragma once

#include "server/core/access.h"
#include "server/core/link.h"
#include "server/core/result.h"
#include "server/links/apikeyservice.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSet>
#include <QString>

#include <optional>

class QHttpServerRequest;

namespace shortfuse {

// The one definition of who may do what over HTTP (issue 12): what makes a
// request local, what an anonymous creation needs, who may read a link's
// statistics. The form, the API and the statistics routes all ask here.
class AccessRules {
public:
    struct Config {
        CreateAccess createAccess = CreateAccess::Local;
        bool publicStats = false;
        QString baseUrl;          // the public prefix of short links
        quint16 port = 0;         // the port the server listens on
        QHostAddress bindAddress; // where it listens
    };
    explicit AccessRules(Config config);

    // A request from this machine that no web page can forge: the socket
    // peer is a loopback address; no X-Forwarded-For or Forwarded header
    // (behind a local proxy every request comes from loopback, so a
    // forwarded one is never local); Host is the server's own address or
    // name (a rebound DNS name is not); and Origin and Sec-Fetch-Site, when
    // a browser sends them, name the server's own page (a cross-site post
    // to 127.0.0.1 is not).
    bool isLocal(const QHttpServerRequest &request) const;

    // The key of `Authorization: Bearer <key>`; nullopt without the header;
    // an Error (401 invalid_key) for any other Authorization.
    static Result<std::optional<QString>> bearerKey(const QHttpServerRequest &request);
    // The same from the header's value (null: no header).
    static Result<std::optional<QString>> bearerKey(const QByteArray &authorization);

    // Nothing when a creation by `caller` without a key may go ahead;
    // otherwise the 401 (key_required) to answer.
    std::optional<Error> anonymousCreationRefused(const Caller &caller) const;
    // Whether the creation form should offer a key field to this caller.
    bool formNeedsKey(const Caller &caller) const { return anonymousCreationRefused(caller).has_value(); }

    // Whether `caller`, showing `token` (empty: none), may read `link`'s
    // statistics: its owner key, an admin key, a local request, the link's
    // own statistics token, or anyone with --public-stats. A link's
    // password is asked for on top (see needsPassword).
    bool maySeeStats(const Caller &caller, const Link &link, const QString &token) const;
    // Keys that own the link read its statistics without its password.
    static bool needsPassword(const Caller &caller, const Link &link) { return link.hasPassword() && !caller.owns(link.ownerKeyId); }

    CreateAccess createAccess() const { return m_config.createAccess; }
    bool publicStats() const { return m_config.publicStats; }

    static Error keyRequired();

private:
    bool isOwnHost(const QByteArray &host) const;
    bool isOwnOrigin(const QByteArray &origin) const;

    Config m_config;
    QSet<QByteArray> m_ownHosts;   // lowercase host[:port] as a browser sends it in Host
    QSet<QByteArray> m_ownOrigins; // lowercase scheme://host[:port] as a browser sends it in Origin
};

} // namespace shortfuse
