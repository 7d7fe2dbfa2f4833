#pragma once

#include "server/analytics/literalset.h"
#include "server/analytics/regexliteral.h"
#include "server/core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCache>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>
#include <vector>

namespace shortfuse {

// What a click's device is, coarsely, for the stats breakdowns.
enum class DeviceType { Desktop, Mobile, Tablet, Bot, Other };

// "desktop", "mobile", "tablet", "bot", "other": the strings stored and shown.
QString deviceTypeName(DeviceType type);

// One user agent as the uap-core rules read it. Families are "Other" when no
// rule matched (the uap-core spec's value), versions empty when unknown.
struct UserAgentInfo {
    QString browser = QStringLiteral("Other");
    QString browserMajor;
    QString os = QStringLiteral("Other");
    QString osMajor;
    QString deviceFamily = QStringLiteral("Other");
    QString deviceBrand;
    QString deviceModel;
    DeviceType deviceType = DeviceType::Other;

    friend bool operator==(const UserAgentInfo &, const UserAgentInfo &) = default;
};

// Parses User-Agent strings with the maintained uap-core rules
// (regexes.yaml, Debian package uap-core) instead of hand-written browser
// regexes, so new browsers arrive with a package update, not a code change.
//
// Owns every rule of the file, each regex compiled and JIT-optimized once at
// load, and a bounded LRU cache of results keyed by the user agent: a link
// is usually claimed by a handful of distinct browsers, and a flood of
// distinct agents cannot grow memory past `cacheCapacity` entries.
//
// Not thread-safe, on purpose: it is used from one thread only (the click
// writer's), so the cache takes no lock. Give each thread its own instance.
//
// The device type is derived after the uap-core lookup, first rule wins:
//   bot     uap device family "Spider" (uap-core's own crawler rules);
//   tablet  device family iPad / Kindle / containing "Tablet", an OS whose
//           family says Tablet, or Android without the "Mobile" token (the
//           convention Android browsers follow: phones send it, tablets not);
//   mobile  a mobile OS family (iOS, Android, Windows Phone, KaiOS, ...), a
//           phone family (iPhone, iPod, generic smartphone/feature phone), or
//           "Mobi" in the agent (MDN's advice for spotting mobile browsers);
//   desktop a desktop OS family (Windows, Mac OS X, Linux distributions,
//           Chrome OS, the BSDs);
//   other   everything else (TVs, consoles, tools such as curl).
// An iPad in Safari's default "desktop" mode sends a Mac user agent and is
// counted as desktop: nothing in the request can tell them apart.
class UserAgentParser final {
public:
    static constexpr qsizetype DefaultCacheCapacity = 10'000;
    // Longer agents are cut before parsing and caching: no browser sends one
    // this long, and the cut bounds both the cache's memory and regex time.
    static constexpr qsizetype MaxUserAgentLength = 1024;

    // Reads and compiles the rules. A missing or malformed file is an Error
    // naming the path; a single rule PCRE2 cannot compile is skipped and
    // counted in skippedRules() rather than failing the whole load.
    static Result<std::unique_ptr<UserAgentParser>> load(const QString &regexesPath,
                                                         qsizetype cacheCapacity = DefaultCacheCapacity);

    ~UserAgentParser();

    // An empty agent gives the defaults ("Other", type Other) without a lookup.
    UserAgentInfo parse(QByteArrayView userAgent);

    qsizetype cacheSize() const { return m_cache.size(); }
    qsizetype cacheCapacity() const { return m_cache.maxCost(); }
    qsizetype ruleCount() const
    {
        return m_browserRules.rules.size() + m_osRules.rules.size() + m_deviceRules.rules.size();
    }
    int skippedRules() const { return m_skippedRules; }

private:
    // One regexes.yaml entry; a replacement absent from the file is nullopt
    // (the spec distinguishes "no replacement" from an empty one).
    struct Rule {
        QRegularExpression regex;
        std::optional<QString> replacement[3];
        RequiredText required;  // its literals are in m_literals
    };

    // One section of the file, in file order.
    struct RuleList {
        QList<Rule> rules;
        // The first rule that matches, in file order, and its match.
        // `present` (null: unknown) says which literals the agent contains;
        // a rule missing one of its required texts is skipped unrun.
        const Rule *firstMatch(const QString &userAgent, const std::vector<bool> &present,
                               QRegularExpressionMatch &match) const;
    };

    explicit UserAgentParser(qsizetype cacheCapacity);
    UserAgentInfo parseUncached(const QString &userAgent) const;

    RuleList m_browserRules;
    RuleList m_osRules;
    RuleList m_deviceRules;
    // Every rule's required text, searched in one pass per agent: most
    // agents contain the text of a handful of rules, so an uncached parse
    // runs a few regexes instead of hundreds.
    LiteralSet m_literals;
    int m_skippedRules = 0;
    QCache<QByteArray, UserAgentInfo> m_cache;

    Q_DISABLE_COPY_MOVE(UserAgentParser)
};

} // namespace shortfuse
