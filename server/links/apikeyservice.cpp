#include "server/links/apikeyservice.h"

#include "server/storage/clickwriter.h"
#include "server/storage/storereader.h"

#include <memory>

namespace shortfuse {

ApiKeyService::ApiKeyService(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_wrongKeys(kWrongKeysPerMinute, clock)
{
}

void ApiKeyService::attach(ClickWriter *writer, StoreReader *lookups)
{
    m_writer = writer;
    m_lookups = lookups;
}

Error ApiKeyService::invalidKey()
{
    return Error{401, "invalid_key", QStringLiteral("That API key is not valid.")};
}

void ApiKeyService::authenticate(const QString &key, const QHostAddress &client,
                                 std::function<void(const Result<ApiKey> &)> done)
{
    // Every attempt takes from the client's budget when it arrives (so a
    // burst sent at once is counted while it is checked); a right key
    // gives it back: only wrong keys use the budget up.
    const RateLimiter::Decision decision = m_wrongKeys.tryAcquire(client);
    if (!decision.allowed) {
        return done(Error{429, "too_many_attempts",
                          QStringLiteral("Too many wrong API keys from your address; try again in %1 seconds.")
                              .arg(decision.retryAfterSeconds),
                          decision.retryAfterSeconds});
    }
    if (!apikeys::hasKeyShape(key))
        return done(invalidKey());
    const QByteArray hash = apikeys::hash(key);
    m_lookups->read<std::optional<ApiKey>>(
        [hash](LinkReads &reads) { return reads.findApiKey(hash); },
        [this, client, done = std::move(done)](const Result<std::optional<ApiKey>> &found) {
            if (!found)
                return done(found.error());
            if (!found->has_value())
                return done(invalidKey());
            const ApiKey &key = **found;
            if (key.revoked())
                return done(Error{401, "revoked_key", QStringLiteral("That API key has been revoked.")});
            m_wrongKeys.refund(client);
            noteUse(key);
            done(key);
        },
        this);
}

void ApiKeyService::noteUse(const ApiKey &key)
{
    const qint64 now = m_clock.nowMs();
    qint64 &last = m_lastTouchMs[key.id];
    if (last != 0 && now - last < kTouchIntervalMs)
        return;
    last = now;
    const qint64 id = key.id;
    m_writer->write([id, now](LinkWrites &writes, ChangeNotice &) { return writes.touchApiKey(id, now); },
                    [](const Status &) {}); // a lost "last used" mark is retried a minute later
}

void ApiKeyService::create(const QString &name, bool admin, std::function<void(const Result<Created> &)> done)
{
    if (const QString problem = apikeys::nameProblem(name); !problem.isEmpty())
        return done(Error{400, "invalid_key_name", problem});
    const QString secret = apikeys::generate();
    const NewApiKey fresh{name, apikeys::hash(secret), apikeys::shownPrefix(secret), admin, m_clock.nowMs()};
    auto made = std::make_shared<std::optional<ApiKey>>();
    m_writer->write(
        [fresh, made](LinkWrites &writes, ChangeNotice &) -> Status {
            Result<std::optional<ApiKey>> inserted = writes.insertApiKey(fresh);
            if (!inserted)
                return inserted.error();
            *made = *inserted;
            return {};
        },
        [made, secret, name, done = std::move(done)](const Status &written) {
            if (!written)
                return done(written.error());
            if (!made->has_value())
                return done(Error{409, "duplicate_key_name",
                                  QStringLiteral("A key named \"%1\" exists already.").arg(name)});
            done(Created{**made, secret});
        });
}

void ApiKeyService::list(std::function<void(const Result<QList<ApiKey>> &)> done)
{
    m_lookups->read<QList<ApiKey>>([](LinkReads &reads) { return reads.listApiKeys(); }, std::move(done), this);
}

void ApiKeyService::revoke(const QString &name, std::function<void(const Result<bool> &)> done)
{
    const qint64 now = m_clock.nowMs();
    auto revoked = std::make_shared<bool>(false);
    m_writer->write(
        [name, now, revoked](LinkWrites &writes, ChangeNotice &) -> Status {
            Result<bool> result = writes.revokeApiKey(name, now);
            if (!result)
                return result.error();
            *revoked = *result;
            return {};
        },
        [revoked, done = std::move(done)](const Status &written) {
            if (!written)
                return done(written.error());
            done(*revoked);
        });
}

} // namespace shortfuse
