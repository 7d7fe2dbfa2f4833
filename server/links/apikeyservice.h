#pragma once

#include "server/core/apikey.h"
#include "server/core/clock.h"
#include "server/core/ratelimiter.h"
#include "server/core/result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

namespace shortfuse {

class ClickWriter;
class StoreReader;

// Who is asking, as far as owner access goes: the key they showed (valid
// and active) and whether the request is local (see AccessRules). The
// desktop window is neither: it acts in process, as the owner.
struct Caller {
    std::optional<ApiKey> key;
    bool local = false;

    bool admin() const { return key && key->admin; }
    // True when this caller may see and change `ownerKeyId`'s links: an
    // admin key sees all; another key only the links it made.
    bool owns(std::optional<qint64> ownerKeyId) const
    {
        return admin() || (key && ownerKeyId && *ownerKeyId == key->id);
    }
};

// API keys on the server's thread: checks the key of each request, and
// makes, lists and revokes keys for the desktop settings. Every check reads
// the database (on the lookups reader; keys are found by an index on their
// hash), so a key revoked by any server or by `shortfuse-server keys`
// stops working everywhere with the next request: nothing is cached.
class ApiKeyService final : public QObject {
    Q_OBJECT
public:
    explicit ApiKeyService(const Clock &clock, QObject *parent = nullptr);

    void attach(ClickWriter *writer, StoreReader *lookups);

    // The key of `Authorization: Bearer <key>`: the active key, or 401
    // (invalid_key, revoked_key), or 429 once a client has sent too many
    // wrong keys (kWrongKeysPerMinute; right keys cost nothing).
    void authenticate(const QString &key, const QHostAddress &client, std::function<void(const Result<ApiKey> &)> done);

    // The desktop settings. create() hands back the key itself, once.
    struct Created {
        ApiKey key;
        QString secret;
    };
    void create(const QString &name, bool admin, std::function<void(const Result<Created> &)> done);
    void list(std::function<void(const Result<QList<ApiKey>> &)> done);
    void revoke(const QString &name, std::function<void(const Result<bool> &)> done);

    static constexpr int kWrongKeysPerMinute = 10;
    // A key's "last used" is written at most this often.
    static constexpr qint64 kTouchIntervalMs = 60'000;

    static Error invalidKey();

private:
    void noteUse(const ApiKey &key);

    const Clock &m_clock;
    ClickWriter *m_writer = nullptr;
    StoreReader *m_lookups = nullptr;
    RateLimiter m_wrongKeys;
    QHash<qint64, qint64> m_lastTouchMs; // by key id; as many entries as keys in use
};

} // namespace shortfuse
