#include "tests/support/serverprocess.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

namespace shortfuse::test {

namespace {

using Clock = std::chrono::steady_clock;

QString serverBinary()
{
    return QStringLiteral(SHORTFUSE_SERVER_BINARY);
}

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return int(std::max<qint64>(0, left.count()));
}

// The child dies with its parent, so a test killed by ctest's timeout leaves no server behind.
void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

std::unique_ptr<QProcess> newServerProcess(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(serverBinary());
    process->setArguments(arguments);
    process->setChildProcessModifier(dieWithParent);
    return process;
}

} // namespace

ProcessRun runServerBinary(const QStringList &arguments, std::chrono::milliseconds timeout)
{
    std::unique_ptr<QProcess> process = newServerProcess(arguments);
    process->start();
    ProcessRun run;
    if (!process->waitForFinished(int(timeout.count()))) {
        run.timedOut = process->state() != QProcess::NotRunning;
        process->kill();
        process->waitForFinished(5000);
    }
    const bool started = process->error() != QProcess::FailedToStart;
    if (started && process->exitStatus() == QProcess::NormalExit && !run.timedOut)
        run.exitCode = process->exitCode();
    run.standardOutput = process->readAllStandardOutput();
    run.standardError = process->readAllStandardError();
    return run;
}

ServerProcess::ServerProcess(QString dataDir, QStringList extraArguments)
    : m_dataDir(std::move(dataDir))
    , m_extraArguments(std::move(extraArguments))
{
}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        kill9();
}

bool ServerProcess::start(std::chrono::milliseconds timeout)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    m_port = 0;
    m_baseUrl.clear();
    m_startError.clear();

    QStringList arguments{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), m_dataDir};
    arguments += m_extraArguments;
    m_process = newServerProcess(arguments);
    if (!m_launcher.isEmpty()) {
        m_process->setProgram(m_launcher.first());
        m_process->setArguments(m_launcher.mid(1) + QStringList{serverBinary()} + arguments);
    }
    if (!m_environment.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &variable : m_environment)
            environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
        m_process->setProcessEnvironment(environment);
    }
    m_process->setStandardErrorFile(m_logDir.filePath(QStringLiteral("stderr.log")), QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(remainingMs(deadline))) {
        m_startError = QStringLiteral("cannot start %1: %2").arg(serverBinary(), m_process->errorString());
        return false;
    }

    static const QRegularExpression listening(QStringLiteral("^Listening on (http://(\\S+):(\\d+))\\s*$"));
    while (!m_process->canReadLine()) {
        if (m_process->state() != QProcess::Running || remainingMs(deadline) == 0) {
            m_startError = QStringLiteral("the server did not say it was listening; stdout: '%1'; stderr: '%2'")
                               .arg(QString::fromUtf8(m_process->readAllStandardOutput()), stderrText());
            return false;
        }
        m_process->waitForReadyRead(std::min(remainingMs(deadline), 1000));
    }
    const QString line = QString::fromUtf8(m_process->readLine());
    const QRegularExpressionMatch match = listening.match(line);
    if (!match.hasMatch()) {
        m_startError = QStringLiteral("unexpected first line on stdout: '%1'").arg(line);
        return false;
    }
    m_baseUrl = match.captured(1);
    m_port = quint16(match.captured(3).toUInt());
    return true;
}

QString ServerProcess::readStdoutLine(std::chrono::milliseconds timeout)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    while (m_process && !m_process->canReadLine()) {
        if (m_process->state() != QProcess::Running || remainingMs(deadline) == 0)
            return {};
        m_process->waitForReadyRead(std::min(remainingMs(deadline), 1000));
    }
    return m_process ? QString::fromUtf8(m_process->readLine()).trimmed() : QString();
}

QString ServerProcess::databasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("shortfuse.db"));
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int ServerProcess::terminate(std::chrono::milliseconds timeout)
{
    if (!isRunning())
        return kCrashed;
    sendSigterm();
    return waitForExit(timeout);
}

void ServerProcess::sendSigterm()
{
    if (isRunning())
        m_process->terminate(); // SIGTERM on Unix
}

int ServerProcess::waitForExit(std::chrono::milliseconds timeout)
{
    if (!m_process)
        return kCrashed;
    if (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(int(timeout.count()))) {
        kill9();
        return kTimedOut;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : kCrashed;
}

void ServerProcess::kill9()
{
    if (!isRunning())
        return;
    m_process->kill(); // SIGKILL on Unix
    m_process->waitForFinished(10'000);
}

QString ServerProcess::stderrText() const
{
    QFile log(m_logDir.filePath(QStringLiteral("stderr.log")));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

std::string ServerProcess::describeExit(int code)
{
    switch (code) {
    case kCrashed:
        return "killed by a signal (or not running)";
    case kTimedOut:
        return "still running at the deadline, then killed";
    default:
        return "exit code " + std::to_string(code);
    }
}

qint64 ServerProcess::residentKiB() const
{
    return isRunning() ? residentKiBOf(pid()) : -1;
}

qint64 residentKiBOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QStringList faketimeEnvironment(const QString &offsetFile)
{
    // Under AddressSanitizer libfaketime's clock_gettime() runs before the
    // sanitizer's runtime is ready and the server hangs at start (seen on a
    // fresh Debian 12): those tests run in the normal build only.
    if (!qEnvironmentVariableIsEmpty("SHORTFUSE_SANITIZED"))
        return {};
    for (const char *path : {"/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
                             "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
                             "/usr/lib/faketime/libfaketimeMT.so.1"}) {
        if (QFile::exists(QString::fromLatin1(path)))
            return {QStringLiteral("LD_PRELOAD=") + QString::fromLatin1(path),
                    QStringLiteral("FAKETIME_TIMESTAMP_FILE=") + offsetFile, QStringLiteral("FAKETIME_NO_CACHE=1"),
                    QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC=1")};
    }
    return {};
}

QStringList fastClockEnvironment(int factor)
{
    const QStringList preload = faketimeEnvironment(QString());
    if (preload.isEmpty())
        return {};
    return {preload.first(), QStringLiteral("FAKETIME=+0 x%1").arg(factor), QStringLiteral("FAKETIME_NO_CACHE=1")};
}

bool setFakeClock(const QString &offsetFile, const QByteArray &offset)
{
    QFile file(offsetFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(offset + '\n') == offset.size() + 1;
}

} // namespace shortfuse::test
