#pragma once

#include "server/analytics/useragentparser.h"
#include "server/core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include "server/analytics/literalset.h"
#include "server/analytics/regexliteral.h"

#include <QCache>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

namespace shortfuse {

struct BotVerdict {
    bool bot = false;
    QString name;              // canonical for link previews, else the agent's product token
    bool linkPreview = false;  // a chat/mail link-preview fetcher or link scanner, not a person

    friend bool operator==(const BotVerdict &, const BotVerdict &) = default;
};

// Decides whether a click came from a program rather than a person, from
// maintained data rather than a hand-kept list of bot names:
//   1. link-preview fetchers and link scanners of chat and mail apps, named
//      canonically ("Slack", "iMessage", "Microsoft Outlook", ...). These
//      are the ones that burn a one-time link before its recipient clicks,
//      so they are recognised by name and flagged linkPreview;
//   2. the crawler-user-agents list (npm package crawler-user-agents): ~1,500
//      case-sensitive patterns, compiled into a few alternations at load.
//      Entries the list tags "social-preview" (Mastodon, Snapchat, Viber,
//      Bluesky, ...) are flagged linkPreview too;
//   3. uap-core's spider rules: the parser's device family "Spider".
// The first that matches decides. A bot's name is the product token the
// crawler pattern matched, version cut ("Googlebot/2.1" -> "Googlebot"),
// else uap-core's browser family. curl is a bot named "curl": the crawler
// list has "^curl", and a command-line fetch is not a person's browser.
// An empty User-Agent is a bot named "no user agent": every browser sends
// one, scripts often do not.
//
// Owns the compiled patterns and a bounded LRU cache of verdicts keyed by
// the user agent. Like UserAgentParser, used from one thread (the click
// writer), so the cache takes no lock.
class BotDetector final {
public:
    static constexpr qsizetype DefaultCacheCapacity = 10'000;

    // Reads crawler-user-agents.json. A missing or malformed file is an
    // Error naming the path; a pattern PCRE2 cannot compile is skipped and
    // counted in skippedPatterns().
    static Result<std::unique_ptr<BotDetector>> load(const QString &crawlersJsonPath,
                                                     qsizetype cacheCapacity = DefaultCacheCapacity);

    ~BotDetector();

    // `parsed` is UserAgentParser's reading of the same agent (for its
    // spider rules and as a naming fallback).
    BotVerdict detect(QByteArrayView userAgent, const UserAgentInfo &parsed);

    qsizetype cacheSize() const { return m_cache.size(); }
    qsizetype cacheCapacity() const { return m_cache.maxCost(); }
    int crawlerPatterns() const { return m_patternCount; }
    int skippedPatterns() const { return m_skippedPatterns; }

private:
    struct PreviewRule {
        QRegularExpression regex;
        QString name;
        RequiredText required;  // its literals are in m_literals
    };

    explicit BotDetector(qsizetype cacheCapacity);
    BotVerdict detectUncached(const QString &userAgent, const UserAgentInfo &parsed) const;

    // Several crawler patterns OR-ed into one regex. A chunk none of whose
    // patterns' required text is in the agent cannot match and is not run,
    // which rules out most chunks with one LiteralSet pass.
    struct CrawlerChunk {
        QRegularExpression anyOf;
        std::vector<RequiredText> patterns;  // their literals are in m_literals
    };

    QList<PreviewRule> m_previewRules;
    QList<CrawlerChunk> m_crawlerChunks;  // the "social-preview" tagged ones first
    LiteralSet m_literals;
    int m_previewChunkCount = 0;
    int m_patternCount = 0;
    int m_skippedPatterns = 0;
    QCache<QByteArray, BotVerdict> m_cache;

    Q_DISABLE_COPY_MOVE(BotDetector)
};

} // namespace shortfuse
