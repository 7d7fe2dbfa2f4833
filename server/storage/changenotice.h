#pragma once

#include "server/core/link.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace shortfuse {

// What one server's commit changed, told to the other servers on a shared
// PostgreSQL database (NOTIFY on kChannel, sent inside the commit's own
// transaction, so it arrives exactly when the change is visible), so that
// their caches and live views follow without reading the links table.
//
// The payload is text: "1;<sender>;c=<ids>;n=<ids>;r=<slugs>" and, when
// links were changed or purged, ";u=<slugs>;p=<ids>"; or
// "1;<sender>;*" when the changes would not fit in one payload: receivers
// then drop their caches and refresh whatever they show.
struct ChangeNotice {
    static constexpr const char *kChannel = "shortfuse_changes";
    // PostgreSQL refuses payloads of 8000 bytes or more.
    static constexpr qsizetype kMaxPayload = 7900;

    QByteArray sender;     // the announcing writer's id: a server ignores its own notices
    QList<qint64> clicked; // links whose clicks changed (counted or logged)
    QList<qint64> created; // new links
    QStringList revoked;   // slugs of links revoked
    QStringList changed;   // slugs of links changed (PATCH) or purged: whatever is known of them is stale
    QList<qint64> purged;  // ids of links deleted for good: click records for them are dropped
    bool overflow = false; // too much changed to list: refresh everything

    bool isEmpty() const
    {
        return !overflow && clicked.isEmpty() && created.isEmpty() && revoked.isEmpty() && changed.isEmpty()
            && purged.isEmpty();
    }
    // At most kMaxPayload bytes: the overflow form when the lists are too long.
    QByteArray encode() const;
    // nullopt for anything that is not a payload encode() made.
    static std::optional<ChangeNotice> decode(QByteArrayView payload);
    // Whether encode() made `payload` for `sender`, read from its head
    // alone: a process skips its own notices without decoding them.
    static bool isFrom(QByteArrayView payload, QByteArrayView sender);
};

// A notice from another server, with the links it created read back.
struct RemoteChanges {
    ChangeNotice notice;
    QList<Link> createdLinks;
};

class LinkReads;
// What a receiver (ChangeListener, SqliteChangePoller) reports of a
// notice's payload: nullopt for our own notice or one that does not decode
// (logged); the links it created read back through `reads`, so receivers
// get whole links.
std::optional<RemoteChanges> remoteChangesFrom(QByteArrayView payload, const QByteArray &ownSender, LinkReads &reads);

} // namespace shortfuse

Q_DECLARE_METATYPE(shortfuse::RemoteChanges)
