#include "server/analytics/botdetector.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>

namespace shortfuse {

namespace {

// Patterns per compiled alternation: few enough regexes that an uncached
// agent is one scan per chunk rather than 1,500 scans, small enough that a
// chunk stays far below PCRE2's compiled-size limit.
constexpr int ChunkSize = 50;

// The crawler list's tag for fetchers that build link previews: maintained
// data, so previewers nobody named below are still flagged linkPreview.
const QLatin1StringView PreviewTag("social-preview");

Error crawlerListError(const QString &path, const QString &why)
{
    return Error{500, QByteArrayLiteral("analytics_data"),
                 QStringLiteral("cannot load the crawler list from %1: %2").arg(path, why)};
}

// Chat and mail apps whose link previews and link scanners fetch a link
// before (or instead of) the person it was sent to. Recognised by name so
// the stats and the one-time-link protection speak of "Slack", not of
// "Slackbot-LinkExpanding". Case-sensitive, first match wins: the iMessage
// agent carries the Facebook and Twitter tokens, Telegram's says "TwitterBot".
struct NamedPreviewer {
    const char *pattern;
    const char *name;
};
constexpr NamedPreviewer NamedPreviewers[] = {
    {R"(facebookexternalhit/1\.1 Facebot Twitterbot/1\.0)", "iMessage"},
    {R"(TelegramBot)", "Telegram"},
    {R"(Slackbot|Slack-ImgProxy)", "Slack"},
    {R"(Discordbot)", "Discord"},
    // Teams unfurls links with the agent it inherited from Skype
    // ("SkypeUriPreview Preview/0.5"), which carries no Teams token; since
    // consumer Skype closed (2025) that agent is mostly Teams, so it gets
    // both names. An agent that does name Teams is Teams.
    {R"(SkypeUriPreview.{0,300}\bTeams\b|\bTeams\b.{0,300}SkypeUriPreview)", "Microsoft Teams"},
    {R"(SkypeUriPreview)", "Microsoft Teams/Skype"},
    {R"(WhatsApp)", "WhatsApp"},
    {R"(LinkedInBot)", "LinkedIn"},
    {R"(facebookexternalhit|Facebot|facebookcatalog|meta-externalagent|meta-externalfetcher)", "Facebook"},
    {R"(Twitterbot)", "X (Twitter)"},
    // Outlook and the other Office apps fetch a link when it is clicked or
    // opened (protocol/existence discovery) before handing it to a browser.
    {R"(Microsoft Outlook)", "Microsoft Outlook"},
    {R"(Microsoft Office|ms-office|MSOffice)", "Microsoft Office"},
    {R"(BingPreview)", "Bing Preview"},
    {R"(MicrosoftPreview)", "Microsoft Preview"},
};

bool isSeparator(QChar c)
{
    switch (c.unicode()) {
    case ' ': case '\t': case ';': case '(': case ')': case ',': case '[': case ']': case '"':
        return true;
    default:
        return false;
    }
}

// A name worth showing: starts with a letter, no URL or mail syntax, short.
bool looksLikeName(QStringView name)
{
    if (name.isEmpty() || name.size() > 64 || !name.front().isLetter())
        return false;
    return std::none_of(name.begin(), name.end(), [](QChar c) {
        return c == QLatin1Char(':') || c == QLatin1Char('/') || c == QLatin1Char('@') || c == QLatin1Char('+');
    });
}

// The product token the crawler pattern matched inside, without its
// version: "Mozilla/5.0 (compatible; bingbot/2.0; ...)" -> "bingbot".
// A match spanning several tokens ("Mediapartners (Googlebot)") is its own
// name. Falls back to uap-core's family, then to the matched text.
QString crawlerName(const QString &userAgent, const QRegularExpressionMatch &match, const UserAgentInfo &parsed)
{
    const qsizetype start = match.capturedStart(0);
    const qsizetype end = match.capturedEnd(0);
    const QStringView matched = QStringView(userAgent).mid(start, end - start).trimmed();
    if (std::any_of(matched.begin(), matched.end(), isSeparator)) {
        if (looksLikeName(matched))
            return matched.toString();
    } else {
        qsizetype from = start;
        while (from > 0 && !isSeparator(userAgent.at(from - 1)))
            --from;
        qsizetype to = end;
        while (to < userAgent.size() && !isSeparator(userAgent.at(to)))
            ++to;
        QStringView token = QStringView(userAgent).mid(from, to - from);
        if (const qsizetype slash = token.indexOf(QLatin1Char('/')); slash > 0)
            token = token.first(slash);
        if (looksLikeName(token))
            return token.toString();
    }
    if (parsed.browser != QLatin1StringView("Other"))
        return parsed.browser;
    return matched.left(64).toString();
}

} // namespace

BotDetector::BotDetector(qsizetype cacheCapacity)
    : m_cache(std::max<qsizetype>(cacheCapacity, 1))
{
}

BotDetector::~BotDetector() = default;

Result<std::unique_ptr<BotDetector>> BotDetector::load(const QString &crawlersJsonPath, qsizetype cacheCapacity)
{
    if (crawlersJsonPath.isEmpty())
        return crawlerListError(QStringLiteral("(no path)"), QStringLiteral("no crawler-user-agents.json was found"));
    QFile file(crawlersJsonPath);
    if (!file.open(QIODevice::ReadOnly))
        return crawlerListError(crawlersJsonPath, file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return crawlerListError(crawlersJsonPath, parseError.errorString());
    if (!document.isArray() || document.array().isEmpty())
        return crawlerListError(crawlersJsonPath, QStringLiteral("expected a non-empty array of {\"pattern\": ...}"));

    std::unique_ptr<BotDetector> detector(new BotDetector(cacheCapacity));

    for (const NamedPreviewer &previewer : NamedPreviewers) {
        const QString pattern = QString::fromLatin1(previewer.pattern);
        PreviewRule rule{QRegularExpression(pattern), QString::fromLatin1(previewer.name),
                         RequiredText(pattern, detector->m_literals)};
        Q_ASSERT(rule.regex.isValid());
        rule.regex.optimize();
        detector->m_previewRules.append(std::move(rule));
    }

    // Previewers first, so a match in their chunks can be told apart.
    QStringList previewPatterns;
    QStringList otherPatterns;
    for (const QJsonValue &entry : document.array()) {
        const QString pattern = entry.toObject().value(QLatin1StringView("pattern")).toString();
        // Validate alone first: one bad pattern must not take 49 good ones
        // of its chunk down with it.
        if (pattern.isEmpty() || !QRegularExpression(pattern).isValid()) {
            ++detector->m_skippedPatterns;
            continue;
        }
        const bool preview = entry.toObject().value(QLatin1StringView("tags")).toArray().contains(PreviewTag);
        (preview ? previewPatterns : otherPatterns).append(pattern);
    }
    detector->m_patternCount = int(previewPatterns.size() + otherPatterns.size());
    if (detector->m_patternCount == 0)
        return crawlerListError(crawlersJsonPath, QStringLiteral("no usable pattern"));

    const auto addChunks = [&](const QStringList &patterns, QList<CrawlerChunk> &chunks) -> Status {
        for (qsizetype i = 0; i < patterns.size(); i += ChunkSize) {
            CrawlerChunk chunk;
            QStringList group;
            for (const QString &pattern : patterns.mid(i, ChunkSize)) {
                group.append(QStringLiteral("(?:") + pattern + QLatin1Char(')'));
                chunk.patterns.emplace_back(pattern, detector->m_literals);
            }
            chunk.anyOf = QRegularExpression(group.join(QLatin1Char('|')));
            if (!chunk.anyOf.isValid())
                return crawlerListError(crawlersJsonPath, QStringLiteral("patterns %1.. do not combine: %2")
                                                       .arg(i).arg(chunk.anyOf.errorString()));
            chunk.anyOf.optimize();
            chunks.append(std::move(chunk));
        }
        return {};
    };
    if (Status s = addChunks(previewPatterns, detector->m_crawlerChunks); !s)
        return s.error();
    detector->m_previewChunkCount = int(detector->m_crawlerChunks.size());
    if (Status s = addChunks(otherPatterns, detector->m_crawlerChunks); !s)
        return s.error();
    detector->m_literals.build();
    return detector;
}

BotVerdict BotDetector::detect(QByteArrayView userAgent, const UserAgentInfo &parsed)
{
    if (userAgent.isEmpty())
        return BotVerdict{true, QStringLiteral("no user agent"), false};
    // Same cut and key as UserAgentParser, for the same reasons.
    const QByteArray key = userAgent.first(std::min(userAgent.size(), UserAgentParser::MaxUserAgentLength)).toByteArray();
    if (const BotVerdict *hit = m_cache.object(key))
        return *hit;
    BotVerdict verdict = detectUncached(QString::fromUtf8(key), parsed);
    m_cache.insert(key, new BotVerdict(verdict));
    return verdict;
}

BotVerdict BotDetector::detectUncached(const QString &userAgent, const UserAgentInfo &parsed) const
{
    // Only patterns whose required text the agent contains are run.
    std::vector<bool> found;
    m_literals.findLowercased(userAgent, found);
    for (const PreviewRule &rule : m_previewRules) {
        if (!rule.required.presentIn(found))
            continue;
        if (rule.regex.match(userAgent).hasMatch())
            return BotVerdict{true, rule.name, true};
    }
    for (qsizetype i = 0; i < m_crawlerChunks.size(); ++i) {
        const CrawlerChunk &chunk = m_crawlerChunks.at(i);
        if (std::none_of(chunk.patterns.begin(), chunk.patterns.end(),
                                     [&found](const RequiredText &pattern) { return pattern.presentIn(found); }))
            continue;
        const QRegularExpressionMatch match = chunk.anyOf.match(userAgent);
        if (match.hasMatch())
            return BotVerdict{true, crawlerName(userAgent, match, parsed), i < m_previewChunkCount};
    }
    if (parsed.deviceFamily == QLatin1StringView("Spider")) {
        const bool named = parsed.browser != QLatin1StringView("Other") && parsed.browser != QLatin1StringView("Spider");
        return BotVerdict{true, named ? parsed.browser : QStringLiteral("Spider"), false};
    }
    return BotVerdict{};
}

} // namespace shortfuse
