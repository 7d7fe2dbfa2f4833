#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <string>

namespace shortfuse::test {

using namespace std::chrono_literals;

// The outcome of one run of shortfuse-server that was expected to end by itself.
struct ProcessRun {
    int exitCode = -1;     // -1: crashed, or still running at the timeout (then killed)
    bool timedOut = false;
    QByteArray standardOutput;
    QByteArray standardError;
};

// Runs SHORTFUSE_SERVER_BINARY with `arguments` and waits for it to exit.
ProcessRun runServerBinary(const QStringList &arguments, std::chrono::milliseconds timeout = 15s);

// A real shortfuse-server child process listening on an OS-chosen port.
// It owns the process, not the data directory, so a test can stop one
// server and start another on the same directory. The child is SIGKILLed
// when this object (or the test process itself) dies.
class ServerProcess final {
public:
    static constexpr int kCrashed = -1;   // terminate(): ended by a signal
    static constexpr int kTimedOut = -2;  // terminate(): did not exit in time (then killed)

    explicit ServerProcess(QString dataDir, QStringList extraArguments = {});
    ~ServerProcess();
    // Runs the server through `launcher` (a command and its arguments, the
    // server's command line appended), e.g. nsenter into a test's own mount
    // namespace. The launcher must exec the server, so pid() stays its pid.
    void setLauncher(QStringList launcher) { m_launcher = std::move(launcher); }
    // Variables added to the server's environment (LD_PRELOAD of faketime, see faketimeEnvironment()).
    void setEnvironment(QStringList variables) { m_environment = std::move(variables); }
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Starts the binary and reads its stdout until "Listening on http://ADDR:PORT".
    // Returns false (see startError()) if it exits or stays silent until the timeout.
    bool start(std::chrono::milliseconds timeout = 15s);
    const QString &startError() const { return m_startError; }

    // The next line the server writes to stdout after "Listening on ..."
    // (without its newline); empty if none arrives before the timeout.
    QString readStdoutLine(std::chrono::milliseconds timeout = 15s);

    QString baseUrl() const { return m_baseUrl; }
    quint16 port() const { return m_port; }
    const QString &dataDir() const { return m_dataDir; }
    QString databasePath() const;
    qint64 pid() const;
    bool isRunning() const;

    // SIGTERM, then waits for the exit; returns the exit code, kCrashed or kTimedOut.
    int terminate(std::chrono::milliseconds timeout = 15s);
    // SIGTERM without waiting.
    void sendSigterm();
    // Waits for the process to end; returns the exit code, kCrashed or kTimedOut (then kills it).
    int waitForExit(std::chrono::milliseconds timeout = 15s);
    // SIGKILL, then waits until the process is gone.
    void kill9();
    // Everything the server wrote to stderr so far.
    QString stderrText() const;
    // Resident memory of the running process in KiB (VmRSS), or -1.
    qint64 residentKiB() const;
    // "exit code N", or what kCrashed / kTimedOut mean, for test messages.
    static std::string describeExit(int code);

private:
    QString m_dataDir;
    QStringList m_extraArguments;
    QStringList m_launcher;
    QStringList m_environment;
    QTemporaryDir m_logDir;  // stderr goes to a file: nobody has to drain a pipe during a test
    std::unique_ptr<QProcess> m_process;
    QString m_baseUrl;
    quint16 m_port = 0;
    QString m_startError;
};

// Resident memory of process `pid` in KiB (VmRSS), or -1; usable from
// another thread, where a ServerProcess may not be touched.
qint64 residentKiBOf(qint64 pid);

// libfaketime (Debian package faketime) for a server whose wall clock a
// test moves: the environment that makes the server read its offset from
// `offsetFile` ("+0", "+2h", "-1d"...) at every clock read. Only the wall
// clock moves; the monotonic clock its timers use is left alone. Empty
// when libfaketime is not installed, or under the sanitizers
// (SHORTFUSE_SANITIZED), where it hangs the server: the test should skip.
QStringList faketimeEnvironment(const QString &offsetFile);
// libfaketime making every clock of the server, the monotonic one its
// timers use included, run `factor` times as fast (a check made every 30 s
// comes every 3 s at 10): for a test of something that happens on a
// schedule. Empty as faketimeEnvironment() is.
QStringList fastClockEnvironment(int factor);
// Writes `offset` to the file: the server's clock jumps there at once.
bool setFakeClock(const QString &offsetFile, const QByteArray &offset);

} // namespace shortfuse::test
