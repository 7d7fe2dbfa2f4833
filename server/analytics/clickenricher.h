#pragma once

#include "server/analytics/analyticspaths.h"
#include "server/analytics/botdetector.h"
#include "server/analytics/geoip.h"
#include "server/analytics/useragentparser.h"
#include "server/core/link.h"
#include "server/core/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QHostAddress>
#include <QString>

#include <memory>
#include <optional>

namespace shortfuse {


// Turns a click's User-Agent and client address into ClickDetails. Owns one
// UserAgentParser, one BotDetector and, when a database is available, one
// GeoIpLookup.
//
// Like the parser and the detector, it is meant for one thread (the click
// writer, off the redirect's path); enrich() is not thread-safe.
//
// The device is "bot" whenever the detector says bot, even when the agent
// poses as a desktop browser (iMessage's preview claims to be Safari on a
// Mac): a person reading the stats cares that it was not a person.
class ClickEnricher final {
public:
    // Loads everything once. Missing or broken user-agent rules or crawler
    // list: an Error. No GeoIP database: one qWarning here, then country is
    // always null. A database that was asked for explicitly (--geoip-db,
    // SHORTFUSE_GEOIP_DB) but cannot be opened is an Error; a discovered one
    // that cannot be opened is one warning.
    static Result<std::unique_ptr<ClickEnricher>> create(const AnalyticsPaths &paths);

    ~ClickEnricher();

    // The client address is the one before anonymization: the lookup needs
    // it, and nothing here keeps it.
    ClickDetails enrich(QByteArrayView userAgent, const QHostAddress &client);

    bool hasGeoIp() const { return m_geoip != nullptr; }
    UserAgentParser &parser() { return *m_parser; }
    BotDetector &botDetector() { return *m_bots; }
    // Distinct agents remembered, and the bytes of their keys (for tests: both bounded).
    qsizetype memoEntries() const { return m_byAgent.size(); }
    qsizetype memoKeyBytes() const;

private:
    ClickEnricher(std::unique_ptr<UserAgentParser> parser, std::unique_ptr<BotDetector> bots,
                  std::unique_ptr<GeoIpLookup> geoip);

    std::unique_ptr<UserAgentParser> m_parser;
    std::unique_ptr<BotDetector> m_bots;
    std::unique_ptr<GeoIpLookup> m_geoip;
    static constexpr qsizetype kAgentMemoSize = 20'000;
    QHash<QByteArray, ClickDetails> m_byAgent;

    Q_DISABLE_COPY_MOVE(ClickEnricher)
};

} // namespace shortfuse
