#pragma once

#include "server/core/link.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <algorithm>
#include <optional>

namespace shortfuse {

// What happened to a link that its owner may want to hear about at once
// (issue 13): a row of the database-wide events journal, written in the
// same transaction as the click that produced it, so an event exists
// exactly when its click does. Webhook deliveries, desktop notifications
// and the remote console's live stream all read these.
// The integers are the journal's `type` column: never renumber them.
// A claim that uses a link up is one journal row of type UsedUp holding two
// events, its click and then the link's end (one row, not two, on the
// click path); every other row holds one event of its type.
enum class LinkEventType : int {
    Clicked = 1,    // a click on a capped link was claimed (on an unlimited link: only where an endpoint asks)
    UsedUp = 2,     // the last allowed click was claimed (its row also holds that click's Clicked event)
    Previewed = 3,  // a preview fetcher or scanner was held off
    ExpiredHit = 4, // someone arrived after the link was used up, revoked or expired
    // The management writes (issue 15's live stream), journaled in the
    // transaction of the write itself. Webhook endpoints never receive
    // these (their parser accepts only the four above) and desktop
    // notifications ignore them.
    Created = 5,    // a link was made (one creation, a batch, an import)
    Changed = 6,    // a link's settings were changed (PATCH, or the cap a counting handshake set)
    Revoked = 7,    // a link was revoked
};

// "link.clicked", "link.used_up", "link.previewed", "link.expired_hit",
// "link.created", "link.changed", "link.revoked": the Standard Webhooks
// `type` and the API's event names (one definition).
const char *linkEventTypeName(LinkEventType type);
std::optional<LinkEventType> linkEventTypeFromName(QStringView name);
// The types a webhook endpoint may ask for (the click path's four).
constexpr bool isWebhookEventType(LinkEventType type)
{
    return int(type) >= int(LinkEventType::Clicked) && int(type) <= int(LinkEventType::ExpiredHit);
}

// The place of a type's event within its journal row: 0..3. The four
// click-path types keep the places they always had (ids already handed
// out, webhook message ids msg_<id> among them, never change); a row of a
// later type holds that one event alone and takes the last place, so no
// two events ever share an id. An id therefore does not say its type:
// readers take the type from the row.
constexpr int linkEventSlot(LinkEventType type)
{
    return std::min(int(type) - 1, 3);
}

// An event's id: its journal row's id (monotonic, database-wide, in
// commit order) times four plus its type's place, so the two events of a
// used-up claim's row have ids of their own, in order, and every id says
// which row it is read from. Webhook ids, outbox rows and the live
// stream's Last-Event-ID are these.
constexpr qint64 linkEventId(qint64 journalRow, LinkEventType type)
{
    return journalRow * 4 + linkEventSlot(type);
}
constexpr qint64 journalRowOf(qint64 eventId)
{
    return eventId / 4;
}

// How long after an event the live stream (GET /api/events) still resumes
// from it (Last-Event-ID): the journal keeps its events at least this long.
constexpr qint64 kLiveResumeWindowMs = 24LL * 60 * 60 * 1000;

struct LinkEvent {
    qint64 id = 0;         // linkEventId() of the row it was read from; 0 before it is stored
    LinkEventType type = LinkEventType::Clicked;
    qint64 atMs = 0;       // UTC, ms since the epoch
    qint64 linkId = 0;
    QString slug;
    QString label;
    QString destinationHost;   // the host of the link's URL (never the whole URL: it may carry secrets)
    std::optional<qint64> ownerKeyId;
    qint64 clicks = 0;                 // the link's clicks after this event
    bool clicksKnown = true;           // false: the writer did not know them (read from the link instead)
    std::optional<qint64> maxClicks;   // nullopt: unlimited
    bool unlimitedClick = false;       // a redirect of an unlimited link (sent only where asked for)
    // What enrichment learnt about the request (empty when unknown).
    QString country;
    QString browser;
    QString os;
    QString device;
    bool bot = false;
    QString botName;               // for Previewed: which previewer or scanner was held off

    std::optional<qint64> remaining() const
    {
        if (!maxClicks)
            return std::nullopt;
        return std::max<qint64>(0, *maxClicks - clicks);
    }
    // The `data` object of a delivery: slug, label, destination_host,
    // clicks, max_clicks, remaining, country, browser, os, device, bot,
    // bot_name (absent fields are null).
    QJsonObject data() const;
    // "spring-invite was opened from DE (Firefox on Windows); 29 of 60 left":
    // the one sentence chat webhooks and desktop notifications show.
    QString sentence() const;
};

} // namespace shortfuse

Q_DECLARE_METATYPE(shortfuse::LinkEvent)
