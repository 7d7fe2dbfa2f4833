// The literal prefilter the user-agent parser and the bot detector use to
// skip rules unrun: what requiredText() reads out of a pattern, how the
// LiteralSet finds groups of strings in one pass, and, on the real rule
// files and real agents, that no rule the prefilter skips would have
// matched (a skipped match would silently change the stats).

#include "tests/analytics/analyticstestdata.h"

#include "server/analytics/literalset.h"
#include "server/analytics/regexliteral.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <gtest/gtest.h>

#include <string>

using namespace shortfuse;

namespace {

using Requirements = QList<TextRequirement>;

Requirements read(const char *pattern)
{
    return requiredText(QString::fromUtf8(pattern));
}

TEST(RequiredTextTest, TakesLiteralRunsInsideAndOutsideGroups)
{
    EXPECT_EQ(read(R"((Foo)/(\d+))"), (Requirements{{"foo"}, {"/"}}));
    EXPECT_EQ(read(R"(Firefox\.Mobile)"), (Requirements{{"firefox.mobile"}}));
    EXPECT_EQ(read(R"((?:Nexus) Build)"), (Requirements{{"nexus"}, {" build"}}));
}

TEST(RequiredTextTest, AnAlternationRequiresOneOfItsBranches)
{
    EXPECT_EQ(read(R"((Bot|Spider)-x)"), (Requirements{{"bot", "spider"}, {"-x"}}));
    EXPECT_EQ(read(R"(abc|de)"), (Requirements{{"abc", "de"}}));
    // A branch that requires nothing makes the whole alternation optional.
    EXPECT_EQ(read(R"((HUAWEI |Huawei-|)Mate)"), (Requirements{{"mate"}}));
    EXPECT_EQ(read(R"(x(a|.*)y)"), (Requirements{{"x"}, {"y"}}));
}

TEST(RequiredTextTest, OptionalPartsRequireNothing)
{
    EXPECT_EQ(read(R"(ab?c)"), (Requirements{{"a"}, {"c"}}));
    EXPECT_EQ(read(R"(a{0,3}bc)"), (Requirements{{"bc"}}));
    EXPECT_EQ(read(R"((abc)?d)"), (Requirements{{"d"}}));
    EXPECT_EQ(read(R"((abc)*d)"), (Requirements{{"d"}}));
    // A repeated character is required once, and ends its run.
    EXPECT_EQ(read(R"(xa+bc)"), (Requirements{{"xa"}, {"bc"}}));
    EXPECT_EQ(read(R"(xa{2,}bc)"), (Requirements{{"xa"}, {"bc"}}));
}

TEST(RequiredTextTest, LookaroundsRequireNothing)
{
    EXPECT_EQ(read(R"((?!Edge)Chrome)"), (Requirements{{"chrome"}}));
    EXPECT_EQ(read(R"((?<!Mobile )Safari)"), (Requirements{{"safari"}}));
}

TEST(RequiredTextTest, ReadsCaseClassesAsLettersAndLowercasesEverything)
{
    EXPECT_EQ(read(R"([Ss][Pp]ider)"), (Requirements{{"spider"}}));
    EXPECT_EQ(read(R"(Ab[cd]e)"), (Requirements{{"ab"}, {"e"}}));
    EXPECT_EQ(read(R"((?i)MSIE)"), (Requirements{{"msie"}}));
    EXPECT_EQ(read(R"((?i:Opera) Mini)"), (Requirements{{"opera"}, {" mini"}}));
}

TEST(RequiredTextTest, GivesUpOnSyntaxItDoesNotRead)
{
    EXPECT_TRUE(read(R"(\x41bc)").isEmpty());
    EXPECT_TRUE(read(R"(\Qa.b\E)").isEmpty());
    EXPECT_TRUE(read(R"((?x) a b )").isEmpty());
    EXPECT_TRUE(read(R"((a)\1)").isEmpty());
    EXPECT_TRUE(read(R"(*a)").isEmpty());
    EXPECT_TRUE(read(R"((abc)").isEmpty());
    EXPECT_TRUE(read(R"(abc))").isEmpty());
}

TEST(LiteralSetTest, FindsEveryGroupWithAStringInTheText)
{
    LiteralSet set;
    // The classic overlapping set: "she" holds "he", "hers" holds "he".
    const int he = set.addAnyOf({"he"});
    const int sheOrHis = set.addAnyOf({"she", "his"});
    const int hers = set.addAnyOf({"hers"});
    const int absent = set.addAnyOf({"xyz", "hex"});
    EXPECT_EQ(set.addAnyOf({"he"}), he);  // the same group, the same id
    set.build();

    std::vector<bool> found;
    set.find("ushers", found);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_TRUE(found[size_t(he)]);
    EXPECT_TRUE(found[size_t(sheOrHis)]);
    EXPECT_TRUE(found[size_t(hers)]);
    EXPECT_FALSE(found[size_t(absent)]);

    set.find("this", found);
    EXPECT_FALSE(found[size_t(he)]);
    EXPECT_TRUE(found[size_t(sheOrHis)]);
    EXPECT_FALSE(found[size_t(hers)]);
}

// The search sees text as a case-insensitive regex does: ASCII letters in
// any case, the Kelvin sign as k and the long s as s; any other non-ASCII
// character is part of no literal (and no longer turns the filter off).
TEST(LiteralSetTest, LowercasedSearchFoldsAsCaseInsensitiveRegexesDo)
{
    LiteralSet set;
    const int chrome = set.addAnyOf({"chrome"});
    const int kiosk = set.addAnyOf({"kiosk"});
    const int safari = set.addAnyOf({"safari"});
    set.build();
    std::vector<bool> found;
    set.findLowercased(u"Mozilla CHROME/126 \u00e9", found);
    EXPECT_TRUE(found[size_t(chrome)]);
    EXPECT_FALSE(found[size_t(kiosk)]);
    EXPECT_FALSE(found[size_t(safari)]);
    set.findLowercased(u"\u212AIO\u017FK \u6f22", found);
    EXPECT_TRUE(found[size_t(kiosk)]);
    EXPECT_FALSE(found[size_t(chrome)]);
    set.findLowercased(u"Saf\u00e4ri", found);
    EXPECT_FALSE(found[size_t(safari)]);
    // What the folding stands for: PCRE2 matches them so.
    const QRegularExpression caseless(QStringLiteral("kiosk"), QRegularExpression::CaseInsensitiveOption);
    EXPECT_TRUE(caseless.match(u"\u212AIO\u017FK"_qs).hasMatch());
}

// Every rule of both real rule files against real agents: whenever a rule's
// regex matches an agent, the agent holds the rule's required text.
TEST(RequiredTextTest, NeverRulesOutARealRuleThatMatches)
{
    QList<QRegularExpression> rules;
    const YAML::Node root = YAML::LoadFile(testdata::paths().uapRegexes.toStdString());
    for (const char *section : {"user_agent_parsers", "os_parsers", "device_parsers"}) {
        for (const YAML::Node &entry : root[section]) {
            const bool caseless = entry["regex_flag"] && entry["regex_flag"].as<std::string>() == "i";
            rules.append(QRegularExpression(QString::fromStdString(entry["regex"].as<std::string>()),
                                            caseless ? QRegularExpression::CaseInsensitiveOption
                                                     : QRegularExpression::NoPatternOption));
        }
    }
    QFile crawlers(testdata::paths().crawlersJson);
    ASSERT_TRUE(crawlers.open(QIODevice::ReadOnly));
    for (const QJsonValue &entry : QJsonDocument::fromJson(crawlers.readAll()).array())
        rules.append(QRegularExpression(entry.toObject().value(QLatin1StringView("pattern")).toString()));
    ASSERT_GT(rules.size(), 2500);

    LiteralSet literals;
    std::vector<RequiredText> required;
    int withoutRequirement = 0;
    for (const QRegularExpression &rule : rules) {
        withoutRequirement += requiredText(rule.pattern()).isEmpty();
        required.emplace_back(rule.pattern(), literals);
    }
    literals.build();
    // The prefilter is only worth having if it reads nearly every rule.
    EXPECT_LT(withoutRequirement, rules.size() / 20);

    QFile agentsFile(QStringLiteral("/usr/share/uap-core/test_resources/pgts_browser_list.txt"));
    ASSERT_TRUE(agentsFile.open(QIODevice::ReadOnly)) << "Debian package uap-core";
    QStringList agents;
    while (!agentsFile.atEnd() && agents.size() < 1500) {
        const QList<QByteArray> fields = agentsFile.readLine().trimmed().split('\t');
        if (fields.size() >= 3)
            agents.append(QString::fromUtf8(fields[2]));
    }
    ASSERT_GT(agents.size(), 1000);

    // Each agent also with non-ASCII characters: one inserted, and every k
    // and s swapped for the Kelvin sign and the long s, which
    // case-insensitive rules still match as k and s.
    const qsizetype plain = agents.size();
    for (qsizetype a = 0; a < plain; ++a) {
        QString accented = agents[a];
        accented.insert(accented.size() / 2, QStringLiteral("\u00e9\u4e2d"));
        QString folded = agents[a];
        folded.replace(u'k', u'\u212A').replace(u's', u'\u017F');
        agents << accented << folded;
    }

    int matches = 0;
    int foldedMatches = 0;
    std::vector<bool> found;
    for (qsizetype a = 0; a < agents.size(); ++a) {
        const QString &agent = agents[a];
        literals.findLowercased(agent, found);
        for (qsizetype i = 0; i < rules.size(); ++i) {
            if (!rules[i].match(agent).hasMatch())
                continue;
            ++matches;
            foldedMatches += a >= 2 * plain && rules[i].patternOptions().testFlag(QRegularExpression::CaseInsensitiveOption);
            EXPECT_TRUE(required[size_t(i)].presentIn(found))
                << "rule " << rules[i].pattern().toStdString() << " matches " << agent.toStdString();
        }
    }
    EXPECT_GT(matches, agents.size());  // most agents match a browser, an OS and a device rule
    EXPECT_GT(foldedMatches, 10);       // case-insensitive rules do match the folded agents
}

} // namespace
