#include "server/analytics/useragentparser.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

namespace shortfuse {

namespace {

Error uapRulesError(const QString &path, const QString &why)
{
    return Error{500, QByteArrayLiteral("analytics_data"),
                 QStringLiteral("cannot load uap-core rules from %1: %2").arg(path, why)};
}

// The uap-core spec: "$1".."$9" in a replacement stand for the regex's
// groups; a group that did not take part in the match inserts nothing.
QString substitute(const QString &replacement, const QRegularExpressionMatch &match)
{
    if (!replacement.contains(QLatin1Char('$')))
        return replacement;
    QString out;
    out.reserve(replacement.size() + 16);
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == QLatin1Char('$') && i + 1 < replacement.size()) {
            const QChar digit = replacement.at(i + 1);
            if (digit >= QLatin1Char('1') && digit <= QLatin1Char('9')) {
                out += match.captured(digit.digitValue());
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// A field is its replacement when the rule has one, else the given group.
// Results are trimmed, as the spec asks for device fields; doing it for all
// fields keeps "Chrome " and "Chrome" from being two browsers in the stats.
QString pick(const std::optional<QString> &replacement, const QRegularExpressionMatch &match, int group)
{
    const QString value = replacement ? substitute(*replacement, match) : match.captured(group);
    return value.trimmed();
}

// The entry's value for key when it is a scalar. yaml-cpp hands back an
// "invalid" node for a missing key that throws on every question but bool.
std::optional<std::string> scalar(const YAML::Node &entry, const char *key)
{
    const YAML::Node value = entry[key];
    if (!value || !value.IsScalar())
        return std::nullopt;
    return value.Scalar();
}

bool containsAny(QStringView text, std::initializer_list<QLatin1StringView> needles)
{
    return std::any_of(needles.begin(), needles.end(),
                       [&](QLatin1StringView needle) { return text.contains(needle); });
}

bool isOneOf(QStringView text, std::initializer_list<QLatin1StringView> names)
{
    return std::any_of(names.begin(), names.end(), [&](QLatin1StringView name) { return text == name; });
}

bool isMobileOs(QStringView os)
{
    return isOneOf(os, {QLatin1StringView("iOS"), QLatin1StringView("Android"), QLatin1StringView("Windows Phone"),
                        QLatin1StringView("Windows Mobile"), QLatin1StringView("Windows CE"),
                        QLatin1StringView("BlackBerry OS"), QLatin1StringView("KaiOS"),
                        QLatin1StringView("Firefox OS"), QLatin1StringView("Symbian OS"),
                        QLatin1StringView("Symbian^3"), QLatin1StringView("Tizen"), QLatin1StringView("Bada"),
                        QLatin1StringView("webOS"), QLatin1StringView("Sailfish"),
                        QLatin1StringView("Ubuntu Touch"), QLatin1StringView("HarmonyOS"),
                        QLatin1StringView("MeeGo"), QLatin1StringView("Maemo")});
}

bool isDesktopOs(QStringView os)
{
    if (os.startsWith(QLatin1StringView("Windows")))  // mobile Windows variants were caught before
        return true;
    return isOneOf(os, {QLatin1StringView("Mac OS X"), QLatin1StringView("macOS"), QLatin1StringView("Mac OS"),
                        QLatin1StringView("Linux"), QLatin1StringView("Ubuntu"), QLatin1StringView("Debian"),
                        QLatin1StringView("Fedora"), QLatin1StringView("Red Hat"), QLatin1StringView("SUSE"),
                        QLatin1StringView("openSUSE"), QLatin1StringView("Mandriva"),
                        QLatin1StringView("Gentoo"), QLatin1StringView("Slackware"),
                        QLatin1StringView("Linux Mint"), QLatin1StringView("Arch Linux"),
                        QLatin1StringView("CentOS"), QLatin1StringView("Kubuntu"), QLatin1StringView("Chrome OS"),
                        QLatin1StringView("ChromeOS"), QLatin1StringView("FreeBSD"), QLatin1StringView("OpenBSD"),
                        QLatin1StringView("NetBSD"), QLatin1StringView("Solaris")});
}

// The rule documented on UserAgentParser; order matters (an iPad agent
// says "Mobile" too, an Android tablet runs a mobile OS).
DeviceType classify(const UserAgentInfo &info, QStringView userAgent)
{
    if (info.deviceFamily == QLatin1StringView("Spider"))
        return DeviceType::Bot;

    const QStringView family = info.deviceFamily;
    if (family == QLatin1StringView("iPad") || family.startsWith(QLatin1StringView("Kindle"))
        || family.contains(QLatin1StringView("Tablet")) || info.os.contains(QLatin1StringView("Tablet"))
        || (info.os == QLatin1StringView("Android") && !userAgent.contains(QLatin1StringView("Mobile"))))
        return DeviceType::Tablet;

    if (isMobileOs(info.os)
        || containsAny(family, {QLatin1StringView("iPhone"), QLatin1StringView("iPod"),
                                QLatin1StringView("Smartphone"), QLatin1StringView("Feature Phone")})
        || userAgent.contains(QLatin1StringView("Mobi")))
        return DeviceType::Mobile;

    if (isDesktopOs(info.os))
        return DeviceType::Desktop;
    return DeviceType::Other;
}

} // namespace

QString deviceTypeName(DeviceType type)
{
    switch (type) {
    case DeviceType::Desktop:
        return QStringLiteral("desktop");
    case DeviceType::Mobile:
        return QStringLiteral("mobile");
    case DeviceType::Tablet:
        return QStringLiteral("tablet");
    case DeviceType::Bot:
        return QStringLiteral("bot");
    case DeviceType::Other:
        break;
    }
    return QStringLiteral("other");
}

UserAgentParser::UserAgentParser(qsizetype cacheCapacity)
    : m_cache(std::max<qsizetype>(cacheCapacity, 1))
{
}

UserAgentParser::~UserAgentParser() = default;

Result<std::unique_ptr<UserAgentParser>> UserAgentParser::load(const QString &regexesPath, qsizetype cacheCapacity)
{
    if (regexesPath.isEmpty())
        return uapRulesError(QStringLiteral("(no path)"), QStringLiteral("no regexes.yaml was found"));

    // Read with QFile so a missing file says why in Qt's words, not yaml-cpp's.
    QFile file(regexesPath);
    if (!file.open(QIODevice::ReadOnly))
        return uapRulesError(regexesPath, file.errorString());
    const QByteArray text = file.readAll();

    YAML::Node root;
    try {
        root = YAML::Load(std::string(text.constData(), size_t(text.size())));
    } catch (const YAML::Exception &e) {
        // yaml-cpp reports by exception; it stops here, never crossing Qt code.
        return uapRulesError(regexesPath, QString::fromStdString(e.what()));
    }
    if (!root.IsMap())
        return uapRulesError(regexesPath, QStringLiteral("not a uap-core regexes.yaml (no top-level mapping)"));

    std::unique_ptr<UserAgentParser> parser(new UserAgentParser(cacheCapacity));

    // Fills one rule list from a section; the keys name the three
    // replacement slots in the order parseUncached() reads them.
    const auto loadSection = [&](const char *section, std::initializer_list<const char *> keys,
                                 RuleList &list) -> Status {
        QList<Rule> &rules = list.rules;
        const YAML::Node entries = std::as_const(root)[section];
        if (!entries || !entries.IsSequence() || entries.size() == 0)
            return uapRulesError(regexesPath, QStringLiteral("section %1 is missing or empty").arg(QLatin1StringView(section)));
        rules.reserve(qsizetype(entries.size()));
        try {
            for (const YAML::Node &entry : entries) {
                const std::optional<std::string> regex = entry.IsMap() ? scalar(entry, "regex") : std::nullopt;
                if (!regex) {
                    ++parser->m_skippedRules;
                    continue;
                }
                QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption;
                if (scalar(entry, "regex_flag") == "i")
                    options |= QRegularExpression::CaseInsensitiveOption;
                Rule rule;
                rule.regex = QRegularExpression(QString::fromStdString(*regex), options);
                if (!rule.regex.isValid()) {
                    ++parser->m_skippedRules;
                    continue;
                }
                // JIT-compile now, at load, rather than on the first click.
                rule.regex.optimize();
                rule.required = RequiredText(rule.regex.pattern(), parser->m_literals);
                int slot = 0;
                for (const char *key : keys) {
                    if (const std::optional<std::string> value = scalar(entry, key))
                        rule.replacement[slot] = QString::fromStdString(*value);
                    ++slot;
                }
                rules.append(std::move(rule));
            }
        } catch (const YAML::Exception &e) {
            return uapRulesError(regexesPath, QString::fromStdString(e.what()));
        }
        return {};
    };

    if (Status s = loadSection("user_agent_parsers", {"family_replacement", "v1_replacement"}, parser->m_browserRules); !s)
        return s.error();
    if (Status s = loadSection("os_parsers", {"os_replacement", "os_v1_replacement"}, parser->m_osRules); !s)
        return s.error();
    if (Status s = loadSection("device_parsers", {"device_replacement", "brand_replacement", "model_replacement"},
                               parser->m_deviceRules);
        !s)
        return s.error();
    parser->m_literals.build();
    return parser;
}

UserAgentInfo UserAgentParser::parse(QByteArrayView userAgent)
{
    if (userAgent.isEmpty())
        return {};
    const QByteArray key = userAgent.first(std::min(userAgent.size(), MaxUserAgentLength)).toByteArray();
    if (const UserAgentInfo *hit = m_cache.object(key))  // object() also marks it most recently used
        return *hit;
    UserAgentInfo info = parseUncached(QString::fromUtf8(key));
    m_cache.insert(key, new UserAgentInfo(info));
    return info;
}

const UserAgentParser::Rule *UserAgentParser::RuleList::firstMatch(const QString &userAgent,
                                                                   const std::vector<bool> &present,
                                                                   QRegularExpressionMatch &match) const
{
    // File order, first match wins (the spec).
    for (const Rule &rule : rules) {
        if (!rule.required.presentIn(present))
            continue;
        match = rule.regex.match(userAgent);
        if (match.hasMatch())
            return &rule;
    }
    return nullptr;
}

UserAgentInfo UserAgentParser::parseUncached(const QString &userAgent) const
{
    UserAgentInfo info;
    // Only rules whose required text the agent contains are run.
    std::vector<bool> present;
    m_literals.findLowercased(userAgent, present);
    QRegularExpressionMatch match;
    if (const Rule *rule = m_browserRules.firstMatch(userAgent, present, match)) {
        info.browser = pick(rule->replacement[0], match, 1);
        info.browserMajor = pick(rule->replacement[1], match, 2);
    }
    if (const Rule *rule = m_osRules.firstMatch(userAgent, present, match)) {
        info.os = pick(rule->replacement[0], match, 1);
        info.osMajor = pick(rule->replacement[1], match, 2);
    }
    if (const Rule *rule = m_deviceRules.firstMatch(userAgent, present, match)) {
        info.deviceFamily = pick(rule->replacement[0], match, 1);
        // The brand has no default group: only a brand_replacement sets it.
        info.deviceBrand = rule->replacement[1] ? substitute(*rule->replacement[1], match).trimmed() : QString();
        info.deviceModel = pick(rule->replacement[2], match, 1);
    }
    // A rule whose replacement came out empty found nothing useful.
    if (info.browser.isEmpty())
        info.browser = QStringLiteral("Other");
    if (info.os.isEmpty())
        info.os = QStringLiteral("Other");
    if (info.deviceFamily.isEmpty())
        info.deviceFamily = QStringLiteral("Other");
    info.deviceType = classify(info, userAgent);
    return info;
}

} // namespace shortfuse
