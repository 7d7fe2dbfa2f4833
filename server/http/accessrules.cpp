#include "server/http/accessrules.h"

#include "server/core/apikey.h"

#include <QHttpServerRequest>
#include <QUrl>

namespace shortfuse {

namespace {

bool isLoopback(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped); // also reads ::ffff:a.b.c.d
    if (mapped)
        return (v4 >> 24) == 127;
    return address.isLoopback();
}

QString hostText(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u']';
    return address.toString();
}

// Equal strings, in time that does not depend on where they differ.
bool sameSecret(const QString &a, const QString &b)
{
    return apikeys::sameHash(a.toUtf8(), b.toUtf8());
}

} // namespace

AccessRules::AccessRules(Config config)
    : m_config(std::move(config))
{
    // The names a browser on this machine may use for the server: the
    // loopback names and the bound address, on our port, and the public
    // name of the base URL. Port 80 may be left out of Host; so may any
    // port for the loopback names themselves (a rebound DNS name is never
    // one of them, and a page on another origin that posts to them shows
    // its own Origin).
    const QString port = QString::number(m_config.port);
    QStringList hosts{QStringLiteral("127.0.0.1"), QStringLiteral("localhost"), QStringLiteral("[::1]")};
    if (!m_config.bindAddress.isNull() && m_config.bindAddress != QHostAddress::Any
        && m_config.bindAddress != QHostAddress::AnyIPv4 && m_config.bindAddress != QHostAddress::AnyIPv6)
        hosts.append(hostText(m_config.bindAddress));
    for (const QString &host : hosts) {
        const QByteArray withPort = (host + u':' + port).toLower().toUtf8();
        m_ownHosts.insert(withPort);
        m_ownOrigins.insert("http://" + withPort);
        const bool loopbackName = host != hostText(m_config.bindAddress) || isLoopback(m_config.bindAddress);
        if (loopbackName)
            m_ownHosts.insert(host.toLower().toUtf8());
        if (m_config.port == 80) {
            m_ownHosts.insert(host.toLower().toUtf8());
            m_ownOrigins.insert("http://" + host.toLower().toUtf8());
        }
    }
    const QUrl base(m_config.baseUrl);
    if (base.isValid() && !base.host().isEmpty()) {
        const int defaultPort = base.scheme() == QLatin1String("https") ? 443 : 80;
        const int basePort = base.port(defaultPort);
        const QString host = base.host().contains(u':') ? u'[' + base.host() + u']' : base.host();
        const QByteArray name = host.toLower().toUtf8();
        const QByteArray named = basePort == defaultPort ? name : name + ':' + QByteArray::number(basePort);
        m_ownHosts.insert(named);
        m_ownOrigins.insert(base.scheme().toLower().toUtf8() + "://" + named);
    }
}

bool AccessRules::isOwnHost(const QByteArray &host) const
{
    return m_ownHosts.contains(host.trimmed().toLower());
}

bool AccessRules::isOwnOrigin(const QByteArray &origin) const
{
    return m_ownOrigins.contains(origin.trimmed().toLower());
}

bool AccessRules::isLocal(const QHttpServerRequest &request) const
{
    if (!isLoopback(request.remoteAddress()))
        return false;
    const auto has = [&](const char *name) { return !request.value(QByteArray(name)).isNull(); };
    if (has("x-forwarded-for") || has("forwarded"))
        return false;
    if (!isOwnHost(request.value(QByteArrayLiteral("host"))))
        return false; // DNS rebinding: a page's own name resolving to 127.0.0.1
    if (has("origin") && !isOwnOrigin(request.value(QByteArrayLiteral("origin"))))
        return false; // a cross-site form or fetch
    if (has("sec-fetch-site")) {
        const QByteArray site = request.value(QByteArrayLiteral("sec-fetch-site")).trimmed().toLower();
        if (site != "same-origin" && site != "none")
            return false;
    }
    return true;
}

Result<std::optional<QString>> AccessRules::bearerKey(const QHttpServerRequest &request)
{
    return bearerKey(request.value(QByteArrayLiteral("authorization")));
}

Result<std::optional<QString>> AccessRules::bearerKey(const QByteArray &header)
{
    if (header.isNull())
        return std::optional<QString>{};
    // RFC 6750: the scheme is case-insensitive, then one or more spaces.
    const QByteArray trimmed = header.trimmed();
    if (trimmed.size() < 7 || qstrnicmp(trimmed.constData(), "bearer ", 7) != 0)
        return Error{401, "invalid_key", QStringLiteral("Send the API key as Authorization: Bearer <key>.")};
    return std::optional<QString>{QString::fromLatin1(trimmed.mid(7).trimmed())};
}

Error AccessRules::keyRequired()
{
    return Error{401, "key_required", QStringLiteral("This server makes links for API key holders only.")};
}

std::optional<Error> AccessRules::anonymousCreationRefused(const Caller &caller) const
{
    if (caller.key)
        return std::nullopt;
    switch (m_config.createAccess) {
    case CreateAccess::Public:
        return std::nullopt;
    case CreateAccess::Local:
        if (caller.local)
            return std::nullopt;
        return keyRequired();
    case CreateAccess::Keys:
        return keyRequired();
    }
    Q_UNREACHABLE();
}

bool AccessRules::maySeeStats(const Caller &caller, const Link &link, const QString &token) const
{
    if (m_config.publicStats || caller.local || caller.owns(link.ownerKeyId))
        return true;
    return !token.isEmpty() && !link.statsToken.isEmpty() && sameSecret(token, link.statsToken);
}

} // namespace shortfuse
