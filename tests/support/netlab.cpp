#include "tests/support/netlab.h"

#include <QFile>
#include <QProcess>

#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>

namespace shortfuse::test {

namespace {

QString netlabScript()
{
    return QStringLiteral(SHORTFUSE_NETLAB_SCRIPT);
}

// A command the test started dies with it: a test killed by ctest's
// timeout leaves no client behind (its lab is reaped by the next one).
void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

LabRun runProcess(const QString &program, const QStringList &arguments, std::chrono::milliseconds timeout)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setChildProcessModifier(dieWithParent);
    process.start(program, arguments);
    LabRun run;
    if (!process.waitForStarted(10'000)) {
        run.output = QStringLiteral("cannot start %1: %2").arg(program, process.errorString());
        return run;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(int(timeout.count()))) {
        process.kill();
        process.waitForFinished(5'000);
        run.output = QString::fromUtf8(process.readAll()) + QStringLiteral("\n(killed after %1 ms)").arg(timeout.count());
        return run;
    }
    run.output = QString::fromUtf8(process.readAll());
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    return run;
}

} // namespace

QString NetLab::unavailableReason()
{
    // `netlab check` makes and removes a probe namespace with an nftables
    // NAT rule in it: the only sure way to know the kernel allows both.
    static const QString reason = [] {
        const LabRun check = runProcess(netlabScript(), {QStringLiteral("check")}, 30s);
        return check.exitCode == 0 ? QString() : check.output.trimmed();
    }();
    return reason;
}

bool NetLab::required()
{
    return qEnvironmentVariable("SHORTFUSE_REQUIRE_NETNS") == QLatin1String("1");
}

NetLab::NetLab(NetLabOptions options)
    : m_options(std::move(options))
{
    // Labs of test processes that were killed (a ctest timeout) and never
    // ran their destructor: removed now, so they cannot pile up.
    netlab({QStringLiteral("reap")});

    QStringList arguments{QStringLiteral("up"), QStringLiteral("--owner"), QString::number(::getpid()),
                          QStringLiteral("--external"), m_options.externalAddress, QStringLiteral("--")};
    if (m_options.refuse)
        arguments << QStringLiteral("--refuse");
    if (m_options.noUpnp)
        arguments << QStringLiteral("--no-upnp");
    if (m_options.noNatpmp)
        arguments << QStringLiteral("--no-natpmp");
    if (m_options.hairpin)
        arguments << QStringLiteral("--hairpin");
    arguments += m_options.extraGatewayArguments;

    const LabRun up = netlab(arguments);
    // `up` prints NAME=value lines; the rest of its output is errors.
    for (const QString &line : up.output.split(u'\n')) {
        if (line.startsWith(QLatin1String("SF_LAB_ID=")))
            m_id = line.section(u'=', 1);
        else if (line.startsWith(QLatin1String("SF_LAB_DIR=")))
            m_stateDir = line.section(u'=', 1);
    }
    m_up = up.exitCode == 0 && !m_id.isEmpty();
    if (!m_up)
        m_error = QStringLiteral("netlab up failed: %1").arg(up.output.trimmed());
}

NetLab::~NetLab()
{
    if (!m_id.isEmpty())
        netlab({QStringLiteral("down"), m_id});
}

QString NetLab::namespaceName(Side side) const
{
    switch (side) {
    case Side::Lan:
        return QStringLiteral("sf-lan-") + m_id;
    case Side::Router:
        return QStringLiteral("sf-router-") + m_id;
    case Side::Wan:
        return QStringLiteral("sf-wan-") + m_id;
    }
    return {};
}

QString NetLab::rootDescriptionUrl() const
{
    return QStringLiteral("http://%1:5000/rootDesc.xml").arg(QLatin1String(kRouterLanAddress));
}

QString NetLab::gatewayLog() const
{
    QFile log(m_stateDir + QStringLiteral("/gateway.log"));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

QStringList NetLab::launcher(Side side) const
{
    // nsenter, not `ip netns exec`: see in_ns in tests/lab/netlab.
    return {QStringLiteral("nsenter"), QStringLiteral("--net=/run/netns/") + namespaceName(side)};
}

LabRun NetLab::run(Side side, const QStringList &command, std::chrono::milliseconds timeout) const
{
    const QStringList full = launcher(side) + command;
    return runProcess(full.first(), full.mid(1), timeout);
}

std::unique_ptr<ServerProcess> NetLab::startServer(const QString &dataDir, QStringList extraArguments) const
{
    auto server = std::make_unique<ServerProcess>(
        dataDir, QStringList{QStringLiteral("--bind"), QLatin1String(kLanAddress)} + extraArguments);
    // nsenter execs the server: its pid stays the process's.
    server->setLauncher(launcher(Side::Lan));
    return server;
}

bool NetLab::restartGateway()
{
    const LabRun start = netlab({QStringLiteral("gateway-start"), m_id});
    if (start.exitCode != 0)
        m_error = QStringLiteral("netlab gateway-start failed: %1").arg(start.output.trimmed());
    return start.exitCode == 0;
}

bool NetLab::stopGateway()
{
    const LabRun stop = netlab({QStringLiteral("gateway-stop"), m_id});
    if (stop.exitCode != 0)
        m_error = QStringLiteral("netlab gateway-stop failed: %1").arg(stop.output.trimmed());
    return stop.exitCode == 0;
}

LabRun NetLab::netlab(const QStringList &arguments) const
{
    return runProcess(netlabScript(), arguments, 30s);
}

} // namespace shortfuse::test
