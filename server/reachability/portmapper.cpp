#include "server/reachability/portmapper.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QRandomGenerator>
#include <QTimer>

#include <miniupnpc/miniupnpc.h>
#include <miniupnpc/upnpcommands.h>
#include <miniupnpc/upnperrors.h>
// strnatpmperr() is declared only when asked for (Debian builds it in).
#define ENABLE_STRNATPMPERR
#include <natpmp.h>

#include <arpa/inet.h>
#include <sys/select.h>

Q_LOGGING_CATEGORY(lcPortMapping, "shortfuse.portmapping")

namespace shortfuse {

namespace {

// How long a UPnP discovery listens for answers (ms).
constexpr int kDiscoveryMs = 2'000;
// The longest a NAT-PMP request waits for its answer (its own retries
// double from 250 ms up to a minute; a gateway that is there answers at once).
constexpr qint64 kNatpmpWaitMs = 3'000;
// External ports tried when the preferred one is taken (UPnP 718).
constexpr int kPortAttempts = 8;
constexpr const char *kDescription = "Shortfuse";

// What one attempt at a mapping gave.
struct Attempt {
    GatewayAnswer answer = GatewayAnswer::NoGateway;
    QString error;
    std::optional<QHostAddress> external;
    quint16 externalPort = 0;
    qint64 grantedSeconds = 0; // the lease the gateway granted (NAT-PMP says; 0: as asked)
};

// UPnP IGD through libminiupnpc: discover, take the gateway (one that says
// "not connected" too: libminiupnpc says so of any external address that
// is not public, which is a double NAT to report, not a reason to give up),
// map, and ask the external address.
class Upnp {
public:
    ~Upnp() { forget(); }

    Attempt map(quint16 internalPort, quint16 preferred, std::chrono::seconds lease)
    {
        if (!m_found && !discover())
            return Attempt{GatewayAnswer::NoGateway, QStringLiteral("no UPnP gateway answered"), {}, 0};
        Attempt attempt;
        attempt.answer = GatewayAnswer::Refused;
        const QByteArray internal = QByteArray::number(internalPort);
        const QByteArray leaseText = QByteArray::number(qint64(lease.count()));
        quint16 port = m_mappedPort ? m_mappedPort : preferred;
        for (int i = 0; i < kPortAttempts; ++i) {
            const QByteArray external = QByteArray::number(port);
            const int rc = UPNP_AddPortMapping(m_urls.controlURL, m_data.first.servicetype, external.constData(),
                                               internal.constData(), m_lanAddress, kDescription, "TCP", nullptr,
                                               leaseText.constData());
            if (rc == UPNPCOMMAND_SUCCESS) {
                m_mappedPort = port;
                attempt.answer = GatewayAnswer::Mapped;
                attempt.externalPort = port;
                attempt.external = externalAddress();
                return attempt;
            }
            attempt.error = QStringLiteral("%1 %2").arg(rc).arg(QString::fromUtf8(strupnperror(rc)));
            if (rc == UPNPCOMMAND_HTTP_ERROR || rc == UPNPCOMMAND_UNKNOWN_ERROR) {
                forget(); // the gateway went away or restarted elsewhere: discover again next time
                attempt.answer = GatewayAnswer::NoGateway;
                return attempt;
            }
            if (rc != 718) // ConflictInMappingEntry: another port; anything else is a refusal
                return attempt;
            port = quint16(QRandomGenerator::global()->bounded(20'000, 60'000));
            m_mappedPort = 0;
        }
        return attempt;
    }

    void unmap()
    {
        if (!m_found || !m_mappedPort)
            return;
        const QByteArray external = QByteArray::number(m_mappedPort);
        UPNP_DeletePortMapping(m_urls.controlURL, m_data.first.servicetype, external.constData(), "TCP", nullptr);
        m_mappedPort = 0;
    }

private:
    bool discover()
    {
        int error = 0;
        UPNPDev *devices = upnpDiscover(kDiscoveryMs, nullptr, nullptr, 0, 0, 2, &error);
        if (!devices)
            return false;
        const int found = UPNP_GetValidIGD(devices, &m_urls, &m_data, m_lanAddress, sizeof m_lanAddress);
        freeUPNPDevlist(devices);
        // 1: a connected IGD; 2: an IGD that calls itself not connected
        // (or whose address libminiupnpc counts as not public); 3: some
        // other UPnP device, which maps nothing.
        if (found == 1 || found == 2) {
            m_found = true;
            return true;
        }
        if (found != 0)
            FreeUPNPUrls(&m_urls);
        return false;
    }

    std::optional<QHostAddress> externalAddress()
    {
        char text[40] = {};
        if (UPNP_GetExternalIPAddress(m_urls.controlURL, m_data.first.servicetype, text) != UPNPCOMMAND_SUCCESS)
            return std::nullopt;
        const QHostAddress address{QString::fromLatin1(text)};
        return address.isNull() ? std::nullopt : std::optional<QHostAddress>(address);
    }

    void forget()
    {
        if (m_found)
            FreeUPNPUrls(&m_urls);
        m_found = false;
        m_mappedPort = 0;
    }

    bool m_found = false;
    UPNPUrls m_urls{};
    IGDdatas m_data{};
    char m_lanAddress[64] = {};
    quint16 m_mappedPort = 0;
};

// NAT-PMP (RFC 6886) through libnatpmp, to the default gateway.
class Natpmp {
public:
    Attempt map(quint16 internalPort, quint16 preferred, std::chrono::seconds lease)
    {
        natpmp_t session;
        if (initnatpmp(&session, 0, 0) < 0)
            return Attempt{GatewayAnswer::NoGateway, QStringLiteral("no default gateway for NAT-PMP"), {}, 0};
        Attempt attempt;
        natpmpresp_t response;
        const quint16 asked = m_mappedPort ? m_mappedPort : preferred;
        int rc = sendnewportmappingrequest(&session, NATPMP_PROTOCOL_TCP, internalPort, asked, uint32_t(lease.count()));
        if (rc >= 0)
            rc = awaitResponse(session, response);
        if (rc < 0) {
            attempt.answer = rc == NATPMP_ERR_NOGATEWAYSUPPORT || rc == NATPMP_TRYAGAIN || rc == NATPMP_ERR_RECVFROM
                    ? GatewayAnswer::NoGateway
                    : GatewayAnswer::Refused;
            attempt.error = rc == NATPMP_TRYAGAIN ? QStringLiteral("no NAT-PMP gateway answered")
                                                  : QStringLiteral("%1 %2").arg(rc).arg(QString::fromUtf8(strnatpmperr(rc)));
            closenatpmp(&session);
            return attempt;
        }
        m_mappedPort = response.pnu.newportmapping.mappedpublicport;
        attempt.answer = GatewayAnswer::Mapped;
        attempt.externalPort = m_mappedPort;
        attempt.grantedSeconds = response.pnu.newportmapping.lifetime;
        if (sendpublicaddressrequest(&session) >= 0 && awaitResponse(session, response) >= 0) {
            char text[INET_ADDRSTRLEN] = {};
            inet_ntop(AF_INET, &response.pnu.publicaddress.addr, text, sizeof text);
            attempt.external = QHostAddress(QString::fromLatin1(text));
        }
        closenatpmp(&session);
        return attempt;
    }

    void unmap(quint16 internalPort)
    {
        if (!m_mappedPort)
            return;
        natpmp_t session;
        if (initnatpmp(&session, 0, 0) < 0)
            return;
        natpmpresp_t response;
        // Lifetime 0 deletes (RFC 6886 section 3.4).
        if (sendnewportmappingrequest(&session, NATPMP_PROTOCOL_TCP, internalPort, 0, 0) >= 0)
            (void)awaitResponse(session, response);
        closenatpmp(&session);
        m_mappedPort = 0;
    }

private:
    // The answer to the request just sent, or a negative libnatpmp code;
    // NATPMP_TRYAGAIN once kNatpmpWaitMs have passed without one.
    static int awaitResponse(natpmp_t &session, natpmpresp_t &response)
    {
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            timeval timeout{};
            if (getnatpmprequesttimeout(&session, &timeout) < 0)
                return NATPMP_ERR_GETTIMEOFDAYERR;
            const qint64 left = kNatpmpWaitMs - waited.elapsed();
            if (left <= 0)
                return NATPMP_TRYAGAIN;
            if (qint64(timeout.tv_sec) * 1000 + timeout.tv_usec / 1000 > left) {
                timeout.tv_sec = left / 1000;
                timeout.tv_usec = (left % 1000) * 1000;
            }
            fd_set fds;
            FD_ZERO(&fds);
            FD_SET(session.s, &fds);
            select(session.s + 1, &fds, nullptr, nullptr, &timeout);
            const int rc = readnatpmpresponseorretry(&session, &response);
            if (rc != NATPMP_TRYAGAIN)
                return rc;
        }
    }

    quint16 m_mappedPort = 0;
};

} // namespace

std::optional<PortMapper::Method> PortMapper::methodFromName(QStringView name)
{
    if (name == u"upnp")
        return Method::Upnp;
    if (name == u"natpmp")
        return Method::Natpmp;
    if (name == u"auto")
        return Method::Auto;
    return std::nullopt;
}

// Lives on the mapper's thread: every library call is made here.
class PortMapper::Worker final : public QObject {
public:
    Worker(Options options, PortMapper *owner)
        : m_options(options)
        , m_owner(owner)
    {
        m_check.setSingleShot(true);
        connect(&m_check, &QTimer::timeout, this, &Worker::refresh);
    }

    void refresh()
    {
        const quint16 preferred = m_options.preferredExternalPort ? m_options.preferredExternalPort : m_options.internalPort;
        Attempt attempt;
        QString via;
        // UPnP first under auto (the common kind); NAT-PMP when it finds nothing.
        if (m_options.method != Method::Natpmp) {
            attempt = m_upnp.map(m_options.internalPort, preferred, m_options.lease);
            via = QStringLiteral("UPnP IGD");
        }
        const bool tryNatpmp = m_options.method == Method::Natpmp
            || (m_options.method == Method::Auto && attempt.answer == GatewayAnswer::NoGateway);
        if (tryNatpmp) {
            const Attempt natpmp = m_natpmp.map(m_options.internalPort, preferred, m_options.lease);
            if (m_options.method == Method::Natpmp || natpmp.answer != GatewayAnswer::NoGateway) {
                attempt = natpmp;
                via = QStringLiteral("NAT-PMP");
            } else {
                attempt.error = QStringLiteral("no gateway answered UPnP or NAT-PMP");
            }
        }
        if (attempt.answer == GatewayAnswer::Mapped) {
            // A gateway may grant less than was asked (NAT-PMP says how much).
            const std::chrono::seconds lease = attempt.grantedSeconds > 0 ? std::chrono::seconds(attempt.grantedSeconds)
                                                                          : m_options.lease;
            m_leaseEnds.start();
            m_leaseMs = std::chrono::duration_cast<std::chrono::milliseconds>(lease).count();
            m_retryMs = kFirstRetryMs;
        } else if (m_leaseMs > 0 && m_leaseEnds.elapsed() < m_leaseMs) {
            // A renewal that failed while the mapping still holds (a busy
            // or rebooting router): nothing to tell yet; tried again soon,
            // sooner than the lease ends.
            m_check.start(nextRetry(m_leaseMs - m_leaseEnds.elapsed()));
            return;
        }
        State state;
        state.answer = attempt.answer;
        state.error = attempt.error;
        state.externalAddress = attempt.external;
        state.externalPort = attempt.externalPort;
        if (attempt.answer == GatewayAnswer::Mapped)
            state.via = via;
        QMetaObject::invokeMethod(m_owner, [owner = m_owner, state] { owner->m_state = state; Q_EMIT owner->stateChanged(state); },
                                  Qt::QueuedConnection);
        const qint64 checkMs = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.checkInterval).count();
        if (attempt.answer != GatewayAnswer::Mapped) {
            m_leaseMs = 0;
            m_check.start(nextRetry(checkMs)); // no way in: asked again, more and more slowly
            return;
        }
        // Renewed at half the lease, and checked meanwhile (a rebooted
        // router, a new external address).
        m_check.start(int(std::min(m_leaseMs / 2, checkMs)));
    }

    void unmap()
    {
        m_check.stop();
        m_upnp.unmap();
        m_natpmp.unmap(m_options.internalPort);
    }

private:
    // After a failure: 1 s, doubling, never past `limitMs` nor the check interval.
    static constexpr qint64 kFirstRetryMs = 1'000;
    int nextRetry(qint64 limitMs)
    {
        const qint64 wait = std::max<qint64>(100, std::min(m_retryMs, limitMs));
        m_retryMs = std::min<qint64>(m_retryMs * 2,
                                     std::chrono::duration_cast<std::chrono::milliseconds>(m_options.checkInterval).count());
        return int(wait);
    }

    Options m_options;
    PortMapper *m_owner;
    QElapsedTimer m_leaseEnds; // since the last mapping was made or renewed
    qint64 m_leaseMs = 0;      // its lease; 0: none holds
    qint64 m_retryMs = kFirstRetryMs;
    Upnp m_upnp;
    Natpmp m_natpmp;
    QTimer m_check{this};
};

PortMapper::PortMapper(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_worker(new Worker(options, this))
{
    qRegisterMetaType<State>();
    m_thread.setObjectName(QStringLiteral("shortfuse-portmap"));
    m_worker->moveToThread(&m_thread);
}

PortMapper::~PortMapper()
{
    stop();
    delete m_worker; // its thread has ended
}

void PortMapper::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    m_state = State{};
    Q_EMIT stateChanged(m_state);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->refresh(); }, Qt::QueuedConnection);
}

void PortMapper::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->unmap(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace shortfuse
