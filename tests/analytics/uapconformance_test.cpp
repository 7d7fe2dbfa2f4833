// The parser against uap-core's own test suites, shipped in the same Debian
// package as the rules (/usr/share/uap-core/tests): ~18,000 real agents
// with the family, major version, brand and model every uap-core parser
// must return. This is what "implements the spec" means in practice.

#include "tests/analytics/analyticstestdata.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>

using namespace shortfuse;

namespace {

const QString SuiteDir = QStringLiteral("/usr/share/uap-core/tests/");

QString field(const YAML::Node &testCase, const char *key)
{
    const YAML::Node value = testCase[key];
    if (!value || value.IsNull())
        return {};
    return QString::fromStdString(value.as<std::string>());
}

// Runs one suite file; `actual` and `expected` render the compared fields.
void runSuite(const char *file, const std::function<QString(const UserAgentInfo &)> &actual,
              const std::function<QString(const YAML::Node &)> &expected)
{
    const QString path = SuiteDir + QLatin1StringView(file);
    ASSERT_TRUE(QFile::exists(path)) << path.toStdString() << " (Debian package uap-core)";
    // Its own parser with a tiny cache: every case is a real parse.
    auto parser = UserAgentParser::load(testdata::paths().uapRegexes, 16);
    ASSERT_TRUE(parser.ok()) << parser.error().message.toStdString();

    YAML::Node root;
    try {
        root = YAML::LoadFile(path.toStdString());
    } catch (const YAML::Exception &e) {
        FAIL() << path.toStdString() << ": " << e.what();
    }
    int total = 0;
    int mismatches = 0;
    for (const YAML::Node &testCase : root["test_cases"]) {
        ++total;
        const std::string userAgent = testCase["user_agent_string"].as<std::string>();
        const UserAgentInfo info = (*parser)->parse(QByteArrayView(userAgent.data(), qsizetype(userAgent.size())));
        const QString got = actual(info);
        const QString want = expected(testCase);
        if (got != want && ++mismatches <= 10)
            ADD_FAILURE() << userAgent << "\n  got:  " << got.toStdString() << "\n  want: " << want.toStdString();
    }
    EXPECT_GT(total, 100) << "suspiciously few test cases in " << path.toStdString();
    EXPECT_EQ(mismatches, 0) << "of " << total;
}

} // namespace

TEST(UapCoreConformance, UserAgents)
{
    runSuite(
        "test_ua.yaml", [](const UserAgentInfo &i) -> QString { return i.browser + QLatin1Char('|') + i.browserMajor; },
        [](const YAML::Node &c) -> QString { return field(c, "family") + QLatin1Char('|') + field(c, "major"); });
}

TEST(UapCoreConformance, OperatingSystems)
{
    runSuite(
        "test_os.yaml", [](const UserAgentInfo &i) -> QString { return i.os + QLatin1Char('|') + i.osMajor; },
        [](const YAML::Node &c) -> QString { return field(c, "family") + QLatin1Char('|') + field(c, "major"); });
}

TEST(UapCoreConformance, Devices)
{
    runSuite(
        "test_device.yaml",
        [](const UserAgentInfo &i) -> QString {
            return i.deviceFamily + QLatin1Char('|') + i.deviceBrand + QLatin1Char('|') + i.deviceModel;
        },
        [](const YAML::Node &c) -> QString {
            return field(c, "family") + QLatin1Char('|') + field(c, "brand") + QLatin1Char('|') + field(c, "model");
        });
}
