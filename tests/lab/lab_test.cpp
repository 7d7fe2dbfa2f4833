// The network lab of issue 14 proves itself with Debian's own clients,
// before any product code talks to it: `upnpc` (miniupnpc) and `natpmpc`
// (libnatpmp) map a port through tests/lab/gateway.py, and a visitor in
// the WAN namespace really crosses the router's NAT to a real
// shortfuse-server in the LAN namespace. Also: a refusing gateway, a port
// taken by another client, deletion, lease expiry, a restarted gateway,
// malformed input, and that a lab leaves nothing behind.
//
// Every test makes its own lab (namespaces named after a random ID), so
// they run in parallel with each other and with every other suite. Where
// namespaces cannot be made, they skip and say why; with
// SHORTFUSE_REQUIRE_NETNS=1 (scripts/test as root) that is a failure.

#include "tests/support/netlab.h"
#include "tests/support/waituntil.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace shortfuse::test {
namespace {

using Side = NetLab::Side;

constexpr int kExternalPort = 18080;  // inside the lab's own namespaces: no clash with anything

// Why a client tool this suite drives is missing, or empty.
QString missingTool(const QString &tool, const QString &package)
{
    return QStandardPaths::findExecutable(tool, {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin")}).isEmpty()
        ? QStringLiteral("%1 (package %2) is not installed; scripts/install-deps installs it").arg(tool, package)
        : QString();
}

// What a visitor in the WAN namespace gets from a URL: the status and the
// redirect target, or curl's exit code when no answer came (7: the
// connection was refused).
struct Visit {
    int curlExit = -1;
    int status = 0;
    QString location;
    QString describe() const
    {
        return QStringLiteral("curl exit %1, status %2, location '%3'").arg(curlExit).arg(status).arg(location);
    }
};

Visit visit(const NetLab &lab, const QString &url)
{
    const LabRun run = lab.run(Side::Wan, {QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("-o"),
                                           QStringLiteral("/dev/null"), QStringLiteral("--max-time"),
                                           QStringLiteral("5"), QStringLiteral("-w"),
                                           QStringLiteral("%{http_code} %{redirect_url}"), url});
    Visit result;
    result.curlExit = run.exitCode;
    result.status = run.output.section(u' ', 0, 0).toInt();
    result.location = run.output.section(u' ', 1).trimmed();
    return result;
}

class LabTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        SHORTFUSE_REQUIRE_NETLAB();
        SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("curl"), QStringLiteral("curl")));
    }

    // Makes the lab (the test's own) and checks it came up.
    NetLab &makeLab(NetLabOptions options = {})
    {
        m_lab = std::make_unique<NetLab>(std::move(options));
        EXPECT_TRUE(m_lab->isUp()) << m_lab->error().toStdString();
        return *m_lab;
    }

    // A real shortfuse-server in the LAN namespace on 192.0.2.10. Anyone
    // may create there (--create-access public): "local" means loopback,
    // and the server listens on the LAN address only.
    bool startServer(const QStringList &extraArguments = {}, const QStringList &environment = {})
    {
        m_server = m_lab->startServer(m_dataDir.path(),
                                      QStringList{QStringLiteral("--create-access"), QStringLiteral("public")} + extraArguments);
        m_server->setEnvironment(environment);
        const bool started = m_server->start();
        EXPECT_TRUE(started) << m_server->startError().toStdString();
        return started;
    }

    // Creates a one-time link from inside the LAN (curl in the LAN
    // namespace, to the server's LAN address); returns its slug.
    QString createOneTimeLink(const QString &destination)
    {
        const LabRun created = m_lab->run(
            Side::Lan, {QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("--max-time"), QStringLiteral("5"),
                        QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"), QStringLiteral("-d"),
                        QStringLiteral(R"({"url": "%1", "max-clicks": 1})").arg(destination),
                        m_server->baseUrl() + QStringLiteral("/api/create")});
        const QString slug = QJsonDocument::fromJson(created.output.toUtf8()).object().value(u"slug").toString();
        EXPECT_FALSE(slug.isEmpty()) << created.output.toStdString();
        return slug;
    }

    QString externalUrl(int port, const QString &path = {}) const
    {
        return QStringLiteral("http://%1:%2/%3").arg(m_lab->externalAddress()).arg(port).arg(path);
    }

    LabRun upnpc(const QStringList &arguments) const
    {
        return m_lab->run(Side::Lan, QStringList{QStringLiteral("upnpc"), QStringLiteral("-u"),
                                                 m_lab->rootDescriptionUrl()} + arguments);
    }

    LabRun upnpcMap(int externalPort, const QString &client = QLatin1String(NetLab::kLanAddress), int lease = 60) const
    {
        return upnpc({QStringLiteral("-a"), client, QString::number(m_server ? m_server->port() : 8080),
                      QString::number(externalPort), QStringLiteral("TCP"), QString::number(lease)});
    }

    LabRun natpmpc(int externalPort, int lifetime) const
    {
        return m_lab->run(Side::Lan, {QStringLiteral("natpmpc"), QStringLiteral("-g"),
                                      QLatin1String(NetLab::kRouterLanAddress), QStringLiteral("-a"),
                                      QString::number(externalPort), QString::number(m_server->port()),
                                      QStringLiteral("tcp"), QString::number(lifetime)});
    }

    // The DNAT rules the gateway has put in (nft's listing of its table).
    QString natRules() const
    {
        return m_lab->run(Side::Router, {QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("table"),
                                         QStringLiteral("ip"), QStringLiteral("sflab")})
            .output;
    }

    // The one-time link opened from outside: 302 to its destination, then the expired page.
    void expectVisitorOpensOnce(int externalPort, const QString &slug, const QString &destination)
    {
        const Visit first = visit(*m_lab, externalUrl(externalPort, slug));
        EXPECT_EQ(first.status, 302) << first.describe().toStdString() << "\n" << m_lab->gatewayLog().toStdString();
        EXPECT_EQ(first.location, destination) << first.describe().toStdString();
        const Visit second = visit(*m_lab, externalUrl(externalPort, slug));
        EXPECT_EQ(second.status, 400) << "the expired page: " << second.describe().toStdString();
    }

    // True once nothing answers on the external port (the connection is refused: no DNAT rule left).
    bool wayInIsClosed(int externalPort) const
    {
        return visit(*m_lab, externalUrl(externalPort)).curlExit == 7;
    }

    // The server's port-mapping log line once it has come (the first line
    // with `needle`), or empty after `timeout`.
    QString serverSays(const QString &needle, std::chrono::milliseconds timeout = 15s) const
    {
        QString line;
        waitUntil(
            [&] {
                for (const QString &candidate : m_server->stderrText().split(u'\n')) {
                    if (candidate.contains(needle)) {
                        line = candidate;
                        return true;
                    }
                }
                return false;
            },
            int(timeout.count()));
        return line;
    }

    // The external port of the server's "port mapping (...): ADDR:PORT -> port N." line.
    int mappedPort(const QString &line) const
    {
        const QString head = QStringLiteral("%1:").arg(m_lab->externalAddress());
        const qsizetype at = line.indexOf(head);
        return at < 0 ? 0 : line.mid(at + head.size()).section(u' ', 0, 0).toInt();
    }

    // shortfuse-server --port-mapping METHOD: the mapping, the verdict, a
    // visitor through it, and the way in closed when the server stops.
    void expectServerMapsBy(const QString &method, const QString &via)
    {
        ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), method}));
        const QString line = serverSays(QStringLiteral("port mapping (%1)").arg(via));
        ASSERT_FALSE(line.isEmpty()) << m_server->stderrText().toStdString() << m_lab->gatewayLog().toStdString();
        const int port = mappedPort(line);
        ASSERT_GT(port, 0) << line.toStdString();
        EXPECT_EQ(port, m_server->port()) << "the same number when it is free";
        // The lab's external address is a documentation one: a double NAT,
        // said so, named, and its URL offered (not applied by itself).
        EXPECT_TRUE(line.contains(QStringLiteral("another router is in front"))) << line.toStdString();
        EXPECT_TRUE(line.contains(QStringLiteral("Links would open there at %1").arg(externalUrl(port).chopped(1))))
            << line.toStdString();
        const QString slug = createOneTimeLink(QStringLiteral("https://example.com/mapped-by-%1").arg(method));
        ASSERT_FALSE(slug.isEmpty());
        expectVisitorOpensOnce(port, slug, QStringLiteral("https://example.com/mapped-by-%1").arg(method));
        // Quit removes the mapping: the router's rule goes (not only the server).
        const QString rule = QStringLiteral("tcp dport %1 dnat to 192.0.2.10:%2").arg(port).arg(m_server->port());
        EXPECT_TRUE(natRules().contains(rule)) << natRules().toStdString();
        EXPECT_EQ(m_server->terminate(), 0);
        EXPECT_FALSE(natRules().contains(rule)) << "removed before the server exited: " << natRules().toStdString();
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<NetLab> m_lab;
    std::unique_ptr<ServerProcess> m_server;  // declared after the lab: it ends before its namespace
};

// upnpc maps the port through the gateway (by its description URL: see
// DiscoveryFindsTheGatewayButCallsItNotConnected), a real DNAT rule
// appears, and the visitor opens the one-time link through the router's
// external address; deleting the mapping closes the way in.
TEST_F(LabTest, UpnpcMapsAPortAndAVisitorOpensALinkThroughTheNat)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());
    const QString slug = createOneTimeLink(QStringLiteral("https://example.com/through-the-nat"));
    ASSERT_FALSE(slug.isEmpty());
    // Before any mapping, the router has nothing on that port.
    EXPECT_TRUE(wayInIsClosed(kExternalPort));

    const LabRun mapped = upnpcMap(kExternalPort);
    ASSERT_EQ(mapped.exitCode, 0) << mapped.output.toStdString();
    EXPECT_TRUE(mapped.output.contains(QStringLiteral("ExternalIPAddress = 203.0.113.1"))) << mapped.output.toStdString();
    EXPECT_TRUE(mapped.output.contains(QStringLiteral("external 203.0.113.1:%1 TCP is redirected to internal 192.0.2.10:%2")
                                           .arg(kExternalPort).arg(m_server->port())))
        << mapped.output.toStdString();
    EXPECT_TRUE(natRules().contains(QStringLiteral("tcp dport %1 dnat to 192.0.2.10:%2").arg(kExternalPort).arg(m_server->port())))
        << natRules().toStdString();

    expectVisitorOpensOnce(kExternalPort, slug, QStringLiteral("https://example.com/through-the-nat"));

    const LabRun deleted = upnpc({QStringLiteral("-d"), QString::number(kExternalPort), QStringLiteral("TCP")});
    EXPECT_EQ(deleted.exitCode, 0) << deleted.output.toStdString();
    EXPECT_FALSE(deleted.output.contains(QStringLiteral("failed"))) << deleted.output.toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort)) << natRules().toStdString();
    // The server itself still serves on the LAN: only the way in is gone.
    EXPECT_TRUE(m_server->isRunning());
}

// The same with NAT-PMP: natpmpc gets the port, the visitor gets in;
// lifetime 0 deletes the mapping.
TEST_F(LabTest, NatpmpcMapsAPortAndAVisitorOpensALinkThroughTheNat)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("natpmpc"), QStringLiteral("natpmpc")));
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());
    const QString slug = createOneTimeLink(QStringLiteral("https://example.com/by-nat-pmp"));
    ASSERT_FALSE(slug.isEmpty());

    const LabRun mapped = natpmpc(kExternalPort, 60);
    ASSERT_EQ(mapped.exitCode, 0) << mapped.output.toStdString();
    EXPECT_TRUE(mapped.output.contains(QStringLiteral("Public IP address : 203.0.113.1"))) << mapped.output.toStdString();
    EXPECT_TRUE(mapped.output.contains(QStringLiteral("Mapped public port %1 protocol TCP to local port %2 liftime 60")
                                           .arg(kExternalPort).arg(m_server->port())))
        << mapped.output.toStdString();

    expectVisitorOpensOnce(kExternalPort, slug, QStringLiteral("https://example.com/by-nat-pmp"));

    const LabRun deleted = natpmpc(kExternalPort, 0);
    EXPECT_EQ(deleted.exitCode, 0) << deleted.output.toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort)) << natRules().toStdString();
}

// A refusing gateway: upnpc reports UPnP error 718, natpmpc result 2 (not
// authorized, libnatpmp's -51), and no rule is put in.
TEST_F(LabTest, RefusingGatewayMakesBothClientsReportTheError)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("natpmpc"), QStringLiteral("natpmpc")));
    NetLabOptions options;
    options.refuse = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());

    const LabRun upnp = upnpcMap(kExternalPort);
    EXPECT_TRUE(upnp.output.contains(QStringLiteral("failed with code 718 (ConflictInMappingEntry)")))
        << upnp.output.toStdString();
    const LabRun natpmp = natpmpc(kExternalPort, 60);
    EXPECT_NE(natpmp.exitCode, 0) << natpmp.output.toStdString();
    EXPECT_TRUE(natpmp.output.contains(QStringLiteral("readnatpmpresponseorretry returned -51"))) << natpmp.output.toStdString();
    EXPECT_FALSE(natRules().contains(QStringLiteral("dnat"))) << natRules().toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort));
}

// A port already mapped to one LAN host is refused (718) to another, so a
// client must pick another port; the same host may map it again (a renewal).
TEST_F(LabTest, PortTakenByAnotherClientIsAConflict)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    makeLab();
    ASSERT_TRUE(m_lab->isUp());

    const LabRun first = upnpcMap(kExternalPort, QStringLiteral("192.0.2.10"));
    EXPECT_TRUE(first.output.contains(QStringLiteral("is redirected to internal 192.0.2.10"))) << first.output.toStdString();
    const LabRun renewed = upnpcMap(kExternalPort, QStringLiteral("192.0.2.10"));
    EXPECT_TRUE(renewed.output.contains(QStringLiteral("is redirected to internal 192.0.2.10"))) << renewed.output.toStdString();
    const LabRun other = upnpcMap(kExternalPort, QStringLiteral("192.0.2.11"));
    EXPECT_TRUE(other.output.contains(QStringLiteral("failed with code 718"))) << other.output.toStdString();
    const LabRun another = upnpcMap(kExternalPort + 1, QStringLiteral("192.0.2.11"));
    EXPECT_TRUE(another.output.contains(QStringLiteral("is redirected to internal 192.0.2.11"))) << another.output.toStdString();
}

// A lease ends: the gateway removes the mapping by itself (NAT-PMP and UPnP).
// Leases of 3 s: long enough that the rules are surely seen in place on a
// loaded machine, short enough for a fast test.
TEST_F(LabTest, MappingEndsWithItsLease)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("natpmpc"), QStringLiteral("natpmpc")));
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());

    ASSERT_EQ(natpmpc(kExternalPort, 3).exitCode, 0);
    const LabRun upnp = upnpcMap(kExternalPort + 1, QLatin1String(NetLab::kLanAddress), 3);
    ASSERT_TRUE(upnp.output.contains(QStringLiteral("is redirected"))) << upnp.output.toStdString();
    EXPECT_EQ(natRules().count(QStringLiteral("dnat to")), 2) << natRules().toStdString();
    EXPECT_EQ(visit(*m_lab, externalUrl(kExternalPort + 1, QStringLiteral("health"))).status, 200);

    EXPECT_TRUE(waitUntil([&] { return !natRules().contains(QStringLiteral("dnat")); }, 10'000))
        << natRules().toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort));
    EXPECT_TRUE(wayInIsClosed(kExternalPort + 1));
    EXPECT_EQ(m_lab->gatewayLog().count(QStringLiteral("lease ended")), 2) << m_lab->gatewayLog().toStdString();
}

// A restarted gateway (a rebooted router) has lost every mapping: the
// visitor is refused and the gateway lists nothing.
TEST_F(LabTest, RestartedGatewayHasLostItsMappings)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());
    ASSERT_TRUE(upnpcMap(kExternalPort).output.contains(QStringLiteral("is redirected")));
    EXPECT_EQ(visit(*m_lab, externalUrl(kExternalPort, QStringLiteral("health"))).status, 200);

    ASSERT_TRUE(m_lab->restartGateway()) << m_lab->error().toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort)) << natRules().toStdString();
    const LabRun entry = upnpc({QStringLiteral("-l")});
    EXPECT_FALSE(entry.output.contains(QStringLiteral("%1->").arg(kExternalPort))) << entry.output.toStdString();
    EXPECT_TRUE(entry.output.contains(QStringLiteral("GetGenericPortMappingEntry() returned 713")))
        << entry.output.toStdString();
    // And it maps again.
    EXPECT_TRUE(upnpcMap(kExternalPort).output.contains(QStringLiteral("is redirected")));
    EXPECT_EQ(visit(*m_lab, externalUrl(kExternalPort, QStringLiteral("health"))).status, 200);
}

// libminiupnpc 2.2.4 finds the gateway by SSDP and takes it for an IGD,
// but UPNP_GetValidIGD counts a documentation, shared or private external
// address as "not connected" (its answer 2, although GetStatusInfo says
// Connected): upnpc then goes on only with -i, or with -u (the description
// URL, which the other tests use). Here with the carrier-grade NAT address.
TEST_F(LabTest, DiscoveryFindsTheGatewayButCallsItNotConnected)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    NetLabOptions options;
    options.externalAddress = QStringLiteral("100.64.0.1");
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());

    const LabRun discovered = m_lab->run(Side::Lan, {QStringLiteral("upnpc"), QStringLiteral("-i"), QStringLiteral("-s")});
    const std::string output = discovered.output.toStdString();
    EXPECT_TRUE(discovered.output.contains(QStringLiteral("desc: ") + m_lab->rootDescriptionUrl())) << output;
    EXPECT_TRUE(discovered.output.contains(QStringLiteral("Found a (not connected?) IGD : http://192.0.2.1:5000/ctl/IPConn")))
        << output;
    EXPECT_TRUE(discovered.output.contains(QStringLiteral("Status : Connected"))) << output;
    EXPECT_TRUE(discovered.output.contains(QStringLiteral("ExternalIPAddress = 100.64.0.1"))) << output;
}

// --no-upnp and --no-natpmp: the clients fail at once (nothing listens;
// the ICMP "port unreachable" ends natpmpc without its minute of retries).
TEST_F(LabTest, GatewayWithoutUpnpOrNatpmpAnswersNeither)
{
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("upnpc"), QStringLiteral("miniupnpc")));
    SHORTFUSE_LAB_SKIP_OR_FAIL(missingTool(QStringLiteral("natpmpc"), QStringLiteral("natpmpc")));
    NetLabOptions options;
    options.noUpnp = true;
    options.noNatpmp = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer());

    const LabRun upnp = upnpcMap(kExternalPort);
    EXPECT_FALSE(upnp.output.contains(QStringLiteral("is redirected"))) << upnp.output.toStdString();
    const LabRun natpmp = natpmpc(kExternalPort, 60);
    EXPECT_NE(natpmp.exitCode, 0) << natpmp.output.toStdString();
    EXPECT_FALSE(natpmp.output.contains(QStringLiteral("Mapped public port"))) << natpmp.output.toStdString();
    EXPECT_TRUE(wayInIsClosed(kExternalPort));
}

// Malformed SOAP, HTTP, SSDP and NAT-PMP get errors, never a crash
// (tests/lab/abuse_gateway.py lists what it sends).
TEST_F(LabTest, GatewaySurvivesMalformedInput)
{
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    const LabRun abuse = m_lab->run(Side::Lan, {QStringLiteral("python3"),
                                                QStringLiteral(SHORTFUSE_LAB_SOURCE_DIR "/abuse_gateway.py"),
                                                QLatin1String(NetLab::kRouterLanAddress), QStringLiteral("5000")},
                                    30s);
    EXPECT_EQ(abuse.exitCode, 0) << abuse.output.toStdString() << "\n" << m_lab->gatewayLog().toStdString();
}

// A lab leaves nothing behind: its namespaces go with the NetLab object,
// and a lab whose owner died without removing it is reaped by the next one.
TEST_F(LabTest, LabLeavesNothingBehind)
{
    auto namespaces = [] {
        QProcess list;
        list.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("list")});
        list.waitForFinished(10'000);
        return QString::fromUtf8(list.readAllStandardOutput());
    };
    QString id;
    {
        NetLab lab;
        ASSERT_TRUE(lab.isUp()) << lab.error().toStdString();
        id = lab.id();
        EXPECT_TRUE(namespaces().contains(QStringLiteral("sf-router-") + id));
    }
    EXPECT_FALSE(namespaces().contains(id)) << namespaces().toStdString();

    // (Reaping a lab whose owner died, `netlab reap`, is not checked here:
    // in the fresh Debian build root it left the orphan's namespaces, cause
    // not yet known; see the stop note.)
}

} // namespace
} // namespace shortfuse::test

namespace shortfuse::test {
namespace {

// The product's own mapper (issue 14), libminiupnpc and libnatpmp in
// shortfuse-server --port-mapping, against the lab's gateway.
TEST_F(LabTest, TheServerMapsItsPortByUpnpAndAVisitorOpensALink)
{
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    expectServerMapsBy(QStringLiteral("upnp"), QStringLiteral("UPnP IGD"));
}

TEST_F(LabTest, TheServerMapsItsPortByNatpmpAndAVisitorOpensALink)
{
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    expectServerMapsBy(QStringLiteral("natpmp"), QStringLiteral("NAT-PMP"));
}

TEST_F(LabTest, AutoFallsBackToNatpmpWhenNoUpnpGatewayAnswers)
{
    NetLabOptions options;
    options.noUpnp = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    expectServerMapsBy(QStringLiteral("auto"), QStringLiteral("NAT-PMP"));
}

// Honest failure: the verdict within seconds, the server serving locally meanwhile.
TEST_F(LabTest, NoGatewayIsSaidWithinSecondsAndTheServerServesLocally)
{
    NetLabOptions options;
    options.noUpnp = true;
    options.noNatpmp = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("auto")}));
    EXPECT_FALSE(createOneTimeLink(QStringLiteral("https://example.com/local")).isEmpty())
        << "served while the router is asked";
    const QString line = serverSays(QStringLiteral("no router answered UPnP or NAT-PMP"), 12s);
    EXPECT_FALSE(line.isEmpty()) << m_server->stderrText().toStdString();
    EXPECT_FALSE(createOneTimeLink(QStringLiteral("https://example.com/still-local")).isEmpty());
}

// The check through the mapped address: our own /health answers through
// a router that loops requests from inside back in, and nothing does
// through one that does not; the line says which.
TEST_F(LabTest, TheMappedAddressIsCheckedFromInsideWhereTheRouterLoopsBack)
{
    NetLabOptions options;
    options.hairpin = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("natpmp")}));
    EXPECT_FALSE(serverSays(QStringLiteral("(this server answered through it)")).isEmpty())
        << m_server->stderrText().toStdString();
}

TEST_F(LabTest, WithoutHairpinningTheCheckSaysNothingAnswered)
{
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("natpmp")}));
    EXPECT_FALSE(serverSays(QStringLiteral("(nothing answered through it from here)")).isEmpty())
        << m_server->stderrText().toStdString();
}

// A rebooted router forgets its mappings: the server's check (every 30 s,
// here on a clock ten times as fast) finds it out and maps again by itself.
TEST_F(LabTest, ARestartedRouterGetsItsMappingBackByItself)
{
    const QStringList fastClock = fastClockEnvironment(10);
    if (fastClock.isEmpty())
        GTEST_SKIP() << "needs libfaketime (Debian package faketime), and no sanitizer";
    makeLab();
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("natpmp")}, fastClock));
    const int port = mappedPort(serverSays(QStringLiteral("port mapping (NAT-PMP)")));
    ASSERT_GT(port, 0) << m_server->stderrText().toStdString();
    const QString rule = QStringLiteral("tcp dport %1 dnat to 192.0.2.10:%2").arg(port).arg(m_server->port());
    ASSERT_TRUE(waitUntil([&] { return natRules().contains(rule); })) << natRules().toStdString();
    ASSERT_TRUE(m_lab->restartGateway()) << m_lab->error().toStdString();
    EXPECT_FALSE(natRules().contains(rule)) << "the restarted gateway has lost it";
    EXPECT_TRUE(waitUntil([&] { return natRules().contains(rule); }, 15'000)) << m_lab->gatewayLog().toStdString();
    const QString slug = createOneTimeLink(QStringLiteral("https://example.com/after-the-reboot"));
    expectVisitorOpensOnce(port, slug, QStringLiteral("https://example.com/after-the-reboot"));
}

// A gateway that grants a 4-second lease: renewed at half of what was
// granted, so the way in never closes while the server runs.
TEST_F(LabTest, TheLeaseIsRenewedBeforeItEnds)
{
    NetLabOptions options;
    options.extraGatewayArguments = {QStringLiteral("--max-lease"), QStringLiteral("4")};
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("natpmp")}));
    const int port = mappedPort(serverSays(QStringLiteral("port mapping (NAT-PMP)")));
    ASSERT_GT(port, 0) << m_server->stderrText().toStdString();
    const QString slug = createOneTimeLink(QStringLiteral("https://example.com/renewed"));
    // Three renewals: past the first lease's end, and the next's (the
    // gateway removes a mapping that is not renewed in time).
    EXPECT_TRUE(waitUntil([&] { return m_lab->gatewayLog().count(QStringLiteral("renewed")) >= 3; }, 15'000))
        << m_lab->gatewayLog().toStdString();
    EXPECT_FALSE(m_lab->gatewayLog().contains(QStringLiteral("lease ended"))) << m_lab->gatewayLog().toStdString();
    expectVisitorOpensOnce(port, slug, QStringLiteral("https://example.com/renewed"));
}

TEST_F(LabTest, ARefusingGatewayIsReportedWithTheRoutersError)
{
    NetLabOptions options;
    options.refuse = true;
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("upnp")}));
    const QString line = serverSays(QStringLiteral("the router refused the port mapping"));
    EXPECT_TRUE(line.contains(QStringLiteral("718"))) << m_server->stderrText().toStdString();
}

TEST_F(LabTest, ACarrierGradeNatExternalAddressIsNamedAndNoMappingHelps)
{
    NetLabOptions options;
    options.externalAddress = QStringLiteral("100.64.0.1");
    makeLab(options);
    ASSERT_TRUE(m_lab->isUp());
    ASSERT_TRUE(startServer({QStringLiteral("--port-mapping"), QStringLiteral("natpmp")}));
    const QString line = serverSays(QStringLiteral("carrier-grade NAT"));
    EXPECT_TRUE(line.contains(QStringLiteral("100.64.0.1"))) << m_server->stderrText().toStdString();
}

} // namespace
} // namespace shortfuse::test
