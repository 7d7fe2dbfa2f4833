#include "server/analytics/clickenricher.h"

#include <QDebug>

namespace shortfuse {

ClickEnricher::ClickEnricher(std::unique_ptr<UserAgentParser> parser, std::unique_ptr<BotDetector> bots,
                             std::unique_ptr<GeoIpLookup> geoip)
    : m_parser(std::move(parser)), m_bots(std::move(bots)), m_geoip(std::move(geoip))
{
}

ClickEnricher::~ClickEnricher() = default;

Result<std::unique_ptr<ClickEnricher>> ClickEnricher::create(const AnalyticsPaths &paths)
{
    if (paths.uapRegexes.isEmpty())
        return Error{500, QByteArrayLiteral("analytics_data"),
                     QStringLiteral("no uap-core regexes.yaml found (looked in: %1); install the Debian package "
                                    "uap-core or set SHORTFUSE_UAP_REGEXES")
                         .arg(AnalyticsPaths::uapCandidates().join(QStringLiteral(", ")))};
    if (paths.crawlersJson.isEmpty())
        return Error{500, QByteArrayLiteral("analytics_data"),
                     QStringLiteral("no crawler-user-agents.json found (looked in: %1); run scripts/install-deps "
                                    "or set SHORTFUSE_CRAWLERS_JSON")
                         .arg(AnalyticsPaths::crawlerCandidates().join(QStringLiteral(", ")))};

    auto parser = UserAgentParser::load(paths.uapRegexes);
    if (!parser)
        return parser.error();
    auto bots = BotDetector::load(paths.crawlersJson);
    if (!bots)
        return bots.error();
    // Skipped entries are worth one line: a future data update PCRE2 cannot
    // read should be noticed, not silently lose its rules.
    if ((*parser)->skippedRules() > 0)
        qWarning("analytics: %d uap-core rules in %s could not be compiled and are ignored",
                 (*parser)->skippedRules(), qUtf8Printable(paths.uapRegexes));
    if ((*bots)->skippedPatterns() > 0)
        qWarning("analytics: %d crawler patterns in %s could not be compiled and are ignored",
                 (*bots)->skippedPatterns(), qUtf8Printable(paths.crawlersJson));

    std::unique_ptr<GeoIpLookup> geoip;
    if (paths.geoipDb.isEmpty()) {
        // Once, here: enrich() stays silent and records country as null.
        qWarning("analytics: no GeoIP database found (looked in: %s); click countries will be recorded as "
                 "unknown. Run scripts/install-deps or pass --geoip-db PATH.",
                 qUtf8Printable(AnalyticsPaths::geoipCandidates().join(QStringLiteral(", "))));
    } else if (auto opened = GeoIpLookup::open(paths.geoipDb)) {
        geoip = std::move(*opened);
    } else if (paths.geoipExplicit) {
        return opened.error();
    } else {
        qWarning("analytics: %s; click countries will be recorded as unknown",
                 qUtf8Printable(opened.error().message));
    }

    return std::unique_ptr<ClickEnricher>(
        new ClickEnricher(std::move(*parser), std::move(*bots), std::move(geoip)));
}

ClickDetails ClickEnricher::enrich(QByteArrayView userAgent, const QHostAddress &client)
{
    // Everything learned from the agent, memoised by its raw bytes: the
    // parser's and the detector's own caches are keyed by decoded text, and
    // at tens of thousands of clicks a second the decoding alone shows.
    // Only the part the parser reads is the key (and is parsed): agents that
    // differ past it get the same answer anyway, and a client sending 15 KB
    // agents cannot make each memo entry 15 KB.
    userAgent = userAgent.first(std::min(userAgent.size(), UserAgentParser::MaxUserAgentLength));
    const QByteArray key = userAgent.toByteArray();
    auto memo = m_byAgent.constFind(key);
    if (memo == m_byAgent.cend()) {
        const UserAgentInfo agent = m_parser->parse(userAgent);
        const BotVerdict verdict = m_bots->detect(userAgent, agent);
        ClickDetails fromAgent;
        fromAgent.browser = agent.browser;
        fromAgent.browserVersion = agent.browserMajor;
        fromAgent.os = agent.os;
        fromAgent.device = deviceTypeName(verdict.bot ? DeviceType::Bot : agent.deviceType);
        fromAgent.bot = verdict.bot;
        fromAgent.botName = verdict.name;
        fromAgent.linkPreview = verdict.linkPreview;
        if (m_byAgent.size() >= kAgentMemoSize)
            m_byAgent.clear(); // bounded; the parser's LRU keeps the common ones cheap to refill
        memo = m_byAgent.insert(key, fromAgent);
    }
    ClickDetails details = memo.value();
    if (m_geoip)
        details.country = m_geoip->countryCode(client);
    return details;
}

qsizetype ClickEnricher::memoKeyBytes() const
{
    qsizetype bytes = 0;
    for (auto it = m_byAgent.cbegin(); it != m_byAgent.cend(); ++it)
        bytes += it.key().size();
    return bytes;
}

} // namespace shortfuse
