// The shortfuse-server command line: help and version, usage errors (exit 2),
// start-up failures (exit 1), each reported on one line, and --base-url.

#include "tests/http/httptest.h"

#include <QFile>
#include <QRegularExpression>
#include <QTcpServer>

namespace shortfuse::test {
namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *arg : list)
        out.append(QString::fromUtf8(arg));
    return out;
}

// A message for a person: one non-empty line, no stack trace or Qt debug noise.
void expectOneLine(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    EXPECT_FALSE(trimmed.isEmpty()) << "expected a message on stderr";
    EXPECT_FALSE(trimmed.contains('\n')) << "expected one line, got:\n" << text.toStdString();
}

void expectExit(const ProcessRun &run, int code)
{
    EXPECT_FALSE(run.timedOut) << "the server kept running";
    EXPECT_EQ(run.exitCode, code) << "stderr: " << run.standardError.toStdString();
}

class HttpCli : public ::testing::Test {
protected:
    QTemporaryDir m_dir;
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
};

// --help prints usage naming the flags and exits 0.
TEST_F(HttpCli, HelpExitsZero)
{
    const ProcessRun run = runServerBinary(args({"--help"}));
    expectExit(run, 0);
    EXPECT_TRUE(run.standardOutput.contains("--port")) << run.standardOutput.toStdString();
    EXPECT_TRUE(run.standardOutput.contains("--rate-limit"));
}

// --version prints a version number and exits 0.
TEST_F(HttpCli, VersionExitsZero)
{
    const ProcessRun run = runServerBinary(args({"--version"}));
    expectExit(run, 0);
    EXPECT_TRUE(QString::fromUtf8(run.standardOutput).contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+"))))
        << run.standardOutput.toStdString();
}

// An unknown flag: one line on stderr, exit code 2.
TEST_F(HttpCli, UnknownFlagIsAUsageError)
{
    const ProcessRun run = runServerBinary({QStringLiteral("--no-such-flag"), QStringLiteral("--data-dir"), dataDir()});
    expectExit(run, 2);
    expectOneLine(run.standardError);
}

struct BadValue {
    const char *name;
    std::vector<const char *> arguments;
};

void PrintTo(const BadValue &bad, std::ostream *out)
{
    *out << bad.name;
}

class HttpCliBadValue : public HttpCli, public ::testing::WithParamInterface<BadValue> {};

// A bad flag value: one line on stderr, exit code 2, and nothing started.
TEST_P(HttpCliBadValue, IsAUsageError)
{
    QStringList arguments{QStringLiteral("--data-dir"), dataDir()};
    for (const char *arg : GetParam().arguments)
        arguments.append(QString::fromUtf8(arg));
    const ProcessRun run = runServerBinary(arguments);
    expectExit(run, 2);
    expectOneLine(run.standardError);
    EXPECT_FALSE(run.standardOutput.contains("Listening"));
}

INSTANTIATE_TEST_SUITE_P(
    Values, HttpCliBadValue,
    ::testing::Values(BadValue{"PortTooLarge", {"--port", "70000"}}, BadValue{"PortNotANumber", {"--port", "abc"}},
                      BadValue{"PortNegative", {"--port", "-1"}},
                      BadValue{"BindNotAnAddress", {"--port", "0", "--bind", "nothost"}},
                      BadValue{"RateLimitNegative", {"--port", "0", "--rate-limit", "-1"}},
                      BadValue{"RateLimitNotANumber", {"--port", "0", "--rate-limit", "ten"}},
                      BadValue{"TrustedProxyBadPrefix", {"--port", "0", "--trusted-proxy", "10.0.0.0/99"}},
                      BadValue{"TrustedProxyNotAnAddress", {"--port", "0", "--trusted-proxy", "proxy.local"}},
                      BadValue{"MaxConnectionsPerIpNegative", {"--port", "0", "--max-connections-per-ip", "-1"}},
                      BadValue{"MaxConnectionsPerIpNotANumber", {"--port", "0", "--max-connections-per-ip", "many"}},
                      BadValue{"IdleTimeoutZero", {"--port", "0", "--idle-timeout", "0"}},
                      BadValue{"CreateAccessUnknown", {"--port", "0", "--create-access", "everyone"}},
                      BadValue{"KeyRateLimitNegative", {"--port", "0", "--key-rate-limit", "-1"}},
                      BadValue{"KeyRateLimitNotANumber", {"--port", "0", "--key-rate-limit", "lots"}},
                      BadValue{"IdleTimeoutTooLong", {"--port", "0", "--idle-timeout", "86401"}},
                      BadValue{"PortMappingUnknown", {"--port", "0", "--port-mapping", "pcp"}},
                      BadValue{"PortMappingEmpty", {"--port", "0", "--port-mapping", ""}},
                      BadValue{"ExternalPortZero", {"--port", "0", "--external-port", "0"}},
                      BadValue{"ExternalPortTooLarge", {"--port", "0", "--external-port", "65536"}},
                      BadValue{"BaseUrlFtp", {"--port", "0", "--base-url", "ftp://x"}},
                      BadValue{"BaseUrlNoScheme", {"--port", "0", "--base-url", "sho.rt"}},
                      BadValue{"UnexpectedPositional", {"--port", "0", "extra"}}),
    [](const ::testing::TestParamInfo<BadValue> &info) { return std::string(info.param.name); });

// A port already in use: one line, exit code 1.
TEST_F(HttpCli, PortInUseExitsOne)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, 0));
    const ProcessRun run = runServerBinary({QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                            QStringLiteral("--port"), QString::number(occupant.serverPort()),
                                            QStringLiteral("--data-dir"), dataDir()});
    expectExit(run, 1);
    expectOneLine(run.standardError);
    EXPECT_TRUE(run.standardError.contains(QByteArray::number(occupant.serverPort())))
        << "the message should name the port";
}

// A data directory that is a regular file, or lies under one, is unusable: one line, exit code 1.
TEST_F(HttpCli, UnusableDataDirExitsOne)
{
    const QString file = m_dir.filePath(QStringLiteral("a-file"));
    QFile regular(file);
    ASSERT_TRUE(regular.open(QIODevice::WriteOnly));
    regular.close();

    for (const QString &dir : QStringList{file, file + QStringLiteral("/below")}) {
        const ProcessRun run =
            runServerBinary({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dir});
        expectExit(run, 1);
        expectOneLine(run.standardError);
    }
}

// --base-url sets the prefix of every short URL (a trailing slash is not doubled).
TEST_F(HttpCli, BaseUrlPrefixesShortUrls)
{
    ServerProcess server(dataDir(), {QStringLiteral("--base-url"), QStringLiteral("https://sho.rt/x/")});
    ASSERT_TRUE(server.start()) << server.startError().toStdString();
    const HttpResponse response =
        HttpClient(server.port()).postJson("/api/create", QByteArray(R"({"url":"https://example.com/"})"));
    ASSERT_EQ(response.status, 201) << response.describe().toStdString();
    const QString slug = response.json().value(QStringLiteral("slug")).toString();
    EXPECT_EQ(response.json().value(QStringLiteral("short_url")).toString(),
              QStringLiteral("https://sho.rt/x/") + slug);
    EXPECT_EQ(server.terminate(), 0);
}

} // namespace
} // namespace shortfuse::test
