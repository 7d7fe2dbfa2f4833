#include "server/reachability/reachabilitymonitor.h"

#include "server/core/addressscope.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace shortfuse {

std::optional<QHostAddress> globalIPv6Address()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv6Protocol && addressScope(address) == AddressScope::Global)
            return address;
    }
    return std::nullopt;
}

std::optional<QHostAddress> lanIPv4Address()
{
    std::optional<QHostAddress> fallback;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress &address = entry.ip();
            if (address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            const AddressScope scope = addressScope(address);
            if (scope == AddressScope::Private)
                return address; // a home or office network: what a router maps to
            if (!fallback && scope != AddressScope::Loopback && scope != AddressScope::LinkLocal
                && scope != AddressScope::Unspecified)
                fallback = address;
        }
    }
    return fallback;
}

ReachabilityFacts machineFacts(const QHostAddress &boundAddress, quint16 port)
{
    ReachabilityFacts facts;
    facts.boundAddress = boundAddress;
    facts.port = port;
    facts.globalIPv6 = globalIPv6Address();
    facts.listensOnGlobalIPv6 = facts.globalIPv6
        && (boundAddress == QHostAddress(QHostAddress::Any) || boundAddress == QHostAddress(QHostAddress::AnyIPv6)
            || boundAddress == *facts.globalIPv6);
    return facts;
}

ReachabilityMonitor::ReachabilityMonitor(QHostAddress boundAddress, quint16 port, PortMapper::Method method,
                                         quint16 preferredExternalPort, QObject *parent)
    : QObject(parent)
    , m_boundAddress(std::move(boundAddress))
    , m_port(port)
{
    PortMapper::Options options;
    options.method = method;
    options.internalPort = port;
    options.preferredExternalPort = preferredExternalPort;
    m_mapper = new PortMapper(options, this);
    connect(m_mapper, &PortMapper::stateChanged, this, &ReachabilityMonitor::mappingChanged);
    m_network = new QNetworkAccessManager(this);
    // The check goes straight to the router: never through a system proxy.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

ReachabilityMonitor::~ReachabilityMonitor()
{
    stop();
}

void ReachabilityMonitor::start()
{
    m_mapper->start();
}

void ReachabilityMonitor::stop()
{
    if (m_check)
        m_check->abort();
    m_mapper->stop();
}

void ReachabilityMonitor::mappingChanged(const PortMapper::State &state)
{
    m_mapping = state;
    if (state.answer == GatewayAnswer::Mapped && state.externalAddress) {
        const QString url = httpBaseUrl(*state.externalAddress, state.externalPort);
        if (url != m_checkedUrl) {
            // A new way in (or a new address): what was checked no longer holds.
            m_checkedUrl = url;
            m_hairpin = HairpinCheck::NotTried;
            checkThroughMapping();
        }
    } else {
        m_checkedUrl.clear();
        m_hairpin = HairpinCheck::NotTried;
    }
    update();
}

void ReachabilityMonitor::checkThroughMapping()
{
    if (m_check)
        m_check->abort();
    QNetworkRequest request(QUrl(m_checkedUrl + QStringLiteral("/health")));
    request.setTransferTimeout(kHairpinTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    m_check = reply;
    const QString url = m_checkedUrl;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        if (url != m_checkedUrl)
            return; // about a mapping that has changed since
        // Our own /health, not merely something that answers there.
        const bool ours = reply->error() == QNetworkReply::NoError
            && reply->readAll().contains("\"status\"");
        m_hairpin = ours ? HairpinCheck::Answered : HairpinCheck::NoAnswer;
        update();
    });
}

QString ReachabilityMonitor::describe() const
{
    QString line = m_verdict.sentence;
    if (m_mapping.answer == GatewayAnswer::Mapped) {
        QString checked;
        if (m_hairpin == HairpinCheck::Answered)
            checked = QStringLiteral(" (this server answered through it)");
        else if (m_hairpin == HairpinCheck::NoAnswer)
            checked = QStringLiteral(" (nothing answered through it from here)");
        line = QStringLiteral("port mapping (%1): %2:%3 -> port %4%5. %6")
                   .arg(m_mapping.via,
                        m_mapping.externalAddress ? m_mapping.externalAddress->toString() : QStringLiteral("?"))
                   .arg(m_mapping.externalPort)
                   .arg(m_port)
                   .arg(checked, line);
    }
    return line;
}

void ReachabilityMonitor::update()
{
    ReachabilityFacts facts = machineFacts(m_boundAddress, m_port);
    facts.gateway = m_mapping.answer;
    facts.gatewayError = m_mapping.error;
    facts.externalAddress = m_mapping.externalAddress;
    facts.externalPort = m_mapping.externalPort;
    facts.hairpin = m_hairpin;
    m_verdict = reachabilityVerdict(facts);
    const QString described = describe();
    if (described == m_described)
        return; // renewed: nothing new to say
    m_described = described;
    Q_EMIT verdictChanged(m_verdict);
}

} // namespace shortfuse
