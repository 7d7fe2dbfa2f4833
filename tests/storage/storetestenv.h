#pragma once

#include "server/storage/linkstore.h"
#include "server/storage/postgreslinkstore.h"
#include "server/storage/sqlitelinkstore.h"

#include "tests/support/pgtestenv.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

// The storage suites are parametrised over implementations: each backend
// contributes one StoreBackend, and every test runs against all of them.
struct StoreBackend {
    std::string name;
    // A fresh, empty database for one test; several stores made from the
    // same backend instance share it (as several servers would).
    std::function<std::unique_ptr<shortfuse::LinkStore>()> makeStore;
    // Where a second, independent connection can read what was written.
    std::function<QString()> describe;
};

inline StoreBackend sqliteBackend()
{
    auto dir = std::make_shared<QTemporaryDir>();
    const QString path = QDir(dir->path()).filePath(QStringLiteral("test.db"));
    return StoreBackend{"Sqlite",
                        [dir, path] { return std::make_unique<shortfuse::SqliteLinkStore>(path); },
                        [path] { return path; }};
}

// A fresh database on the throwaway PostgreSQL cluster ctest starts.
inline StoreBackend postgresBackend()
{
    auto database = std::make_shared<shortfuse::test::FreshDatabase>();
    const QString url = database->isValid() ? database->url() : QStringLiteral("postgresql://invalid/none");
    const auto address = shortfuse::PostgresAddress::fromUrl(url);
    return StoreBackend{"Postgres",
                        [database, address]() -> std::unique_ptr<shortfuse::LinkStore> {
                            return std::make_unique<shortfuse::PostgresLinkStore>(address.value());
                        },
                        [url] { return url; }};
}

// Holds one call on a store's thread until release(): that thread is then
// busy, as a slow disk or a race would keep it, and whatever is sent to it
// meanwhile waits in its queue. A store calls pass() where it may be held.
// Once released it never holds again, and it releases itself when
// destroyed: a failed test must not leave a thread waiting.
class HoldGate {
public:
    ~HoldGate() { release(); }

    void holdNext()
    {
        std::lock_guard lock(m_mutex);
        m_holdNext = true;
    }
    bool holding()
    {
        std::lock_guard lock(m_mutex);
        return m_holding;
    }
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            m_released = true;
        }
        m_wake.notify_all();
    }

protected:
    void pass()
    {
        std::unique_lock lock(m_mutex);
        if (!m_holdNext)
            return;
        m_holdNext = false;
        m_holding = true;
        m_wake.wait(lock, [this] { return m_released; });
        m_holding = false;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_holdNext = false;
    bool m_holding = false;
    bool m_released = false;
};

// A real store with every call passed through, for tests that change one
// thing about it (a commit that fails, a read that is held back).
class ForwardingStore : public shortfuse::LinkStore {
public:
    explicit ForwardingStore(std::unique_ptr<shortfuse::LinkStore> inner) : m_inner(std::move(inner)) {}

    shortfuse::Status open() override { return m_inner->open(); }
    void close() override { m_inner->close(); }
    shortfuse::Status recover() override { return m_inner->recover(); }

    shortfuse::Status beginBatch() override { return m_inner->beginBatch(); }
    shortfuse::Status commitBatch() override { return m_inner->commitBatch(); }
    void rollbackBatch() override { m_inner->rollbackBatch(); }
    shortfuse::Result<std::optional<shortfuse::Link>> insertLink(const shortfuse::NewLink &link) override
    {
        return m_inner->insertLink(link);
    }
    shortfuse::Result<shortfuse::Claim> claimClick(const shortfuse::ClaimRequest &request) override
    {
        return m_inner->claimClick(request);
    }
    shortfuse::Result<QByteArray> instanceSecret() override { return m_inner->instanceSecret(); }
    shortfuse::Status purgeExpired(qint64 nowMs) override { return m_inner->purgeExpired(nowMs); }
    shortfuse::Result<shortfuse::QuotaDecision> takeCreationQuota(const shortfuse::CreationQuota &quota) override
    {
        return m_inner->takeCreationQuota(quota);
    }
    shortfuse::Result<qint64> advanceProgress(const QByteArray &writer, qint64 batch, qint64 nowMs) override
    {
        return m_inner->advanceProgress(writer, batch, nowMs);
    }
    shortfuse::Status addClicks(qint64 id, qint64 n, qint64 at) override { return m_inner->addClicks(id, n, at); }
    shortfuse::Result<std::optional<shortfuse::ApiKey>> insertApiKey(const shortfuse::NewApiKey &key) override
    {
        return m_inner->insertApiKey(key);
    }
    shortfuse::Result<bool> revokeApiKey(const QString &name, qint64 nowMs) override
    {
        return m_inner->revokeApiKey(name, nowMs);
    }
    shortfuse::Status touchApiKey(qint64 id, qint64 nowMs) override { return m_inner->touchApiKey(id, nowMs); }
    shortfuse::Result<std::optional<shortfuse::ApiKey>> findApiKey(const QByteArray &hash) override
    {
        return m_inner->findApiKey(hash);
    }
    shortfuse::Result<QList<shortfuse::ApiKey>> listApiKeys() override { return m_inner->listApiKeys(); }
    shortfuse::Status recordClick(qint64 id, shortfuse::ClickOutcome o, const shortfuse::ClickFacts &f,
                                  const shortfuse::ClickDetails *d) override
    {
        return m_inner->recordClick(id, o, f, d);
    }
    void setStoreFullAddresses(bool full) override { m_inner->setStoreFullAddresses(full); }
    shortfuse::Status journal(const shortfuse::LinkEvent &event) override { return m_inner->journal(event); }
    bool hasPendingEvents() const override { return m_inner->hasPendingEvents(); }
    shortfuse::Result<bool> revokeLink(const QString &slug) override { return m_inner->revokeLink(slug); }
    shortfuse::Result<UpdateResult> updateLink(const QString &slug, const shortfuse::LinkUpdate &update,
                                               std::optional<qint64> owner) override
    {
        return m_inner->updateLink(slug, update, owner);
    }
    shortfuse::Result<std::optional<qint64>> purgeLink(const QString &slug, std::optional<qint64> owner) override
    {
        return m_inner->purgeLink(slug, owner);
    }
    shortfuse::Result<bool> insertImportedLink(const shortfuse::ImportedLink &link) override
    {
        return m_inner->insertImportedLink(link);
    }
    bool announcesChanges() const override { return m_inner->announcesChanges(); }
    shortfuse::Status announce(const QByteArray &payload) override { return m_inner->announce(payload); }

    shortfuse::Result<std::optional<shortfuse::Link>> findLink(const QString &slug) override
    {
        return m_inner->findLink(slug);
    }
    shortfuse::Result<std::optional<shortfuse::LinkStats>> linkStats(const QString &slug,
                                                                     const shortfuse::StatsQuery &q) override
    {
        return m_inner->linkStats(slug, q);
    }
    shortfuse::Result<QList<shortfuse::Link>> listLinks(const shortfuse::LinkListQuery &q) override
    {
        return m_inner->listLinks(q);
    }
    shortfuse::Result<qint64> countLinks(const shortfuse::LinkListQuery &q) override { return m_inner->countLinks(q); }
    shortfuse::Result<qint64> lastEventId() override { return m_inner->lastEventId(); }
    shortfuse::Result<QList<shortfuse::LinkEvent>> eventsAfter(qint64 afterId, int limit) override
    {
        return m_inner->eventsAfter(afterId, limit);
    }
    shortfuse::Result<bool> journalResumable(qint64 eventId, qint64 sinceMs) override
    {
        return m_inner->journalResumable(eventId, sinceMs);
    }
    shortfuse::Result<QList<shortfuse::Link>> linksByIds(const QList<qint64> &ids) override
    {
        return m_inner->linksByIds(ids);
    }
    shortfuse::Result<shortfuse::Totals> totals(qint64 sinceMs, std::optional<qint64> owner = std::nullopt) override
    {
        return m_inner->totals(sinceMs, owner);
    }
    shortfuse::Result<QString> integrityCheck() override { return m_inner->integrityCheck(); }
    shortfuse::Status beat(const QByteArray &sender, qint64 nowMs) override { return m_inner->beat(sender, nowMs); }
    shortfuse::Status leave(const QByteArray &sender) override { return m_inner->leave(sender); }
    shortfuse::Result<qint64> otherLiveServers(const QByteArray &sender, qint64 sinceMs) override
    {
        return m_inner->otherLiveServers(sender, sinceMs);
    }
    shortfuse::Result<std::optional<shortfuse::Link>> beginCounting(const QString &slug, std::optional<qint64> owner,
                                                                    qint64 epoch) override
    {
        return m_inner->beginCounting(slug, owner, epoch);
    }
    shortfuse::Status endCounting(qint64 linkId, qint64 epoch) override { return m_inner->endCounting(linkId, epoch); }
    shortfuse::Status acknowledgeCounting(qint64 linkId, const QByteArray &sender, qint64 epoch, qint64 nowMs) override
    {
        return m_inner->acknowledgeCounting(linkId, sender, epoch, nowMs);
    }
    shortfuse::Result<QList<CountingLink>> countingUnacknowledged(const QByteArray &sender) override
    {
        return m_inner->countingUnacknowledged(sender);
    }
    shortfuse::Result<qint64> missingAcknowledgements(qint64 linkId, qint64 epoch, const QByteArray &sender,
                                                      qint64 sinceMs) override
    {
        return m_inner->missingAcknowledgements(linkId, epoch, sender, sinceMs);
    }

private:
    std::unique_ptr<shortfuse::LinkStore> m_inner;
};

// A claim with no gate in the way, as the HTTP layer sends for a plain
// link: what the storage tests mostly need, without the request's fields.
inline shortfuse::Result<shortfuse::Claim> claimPlain(shortfuse::LinkWrites &store, const QString &slug)
{
    return store.claimClick(shortfuse::ClaimRequest{slug, 0, false, true, {}, 0});
}

// A backend as a test parameter: its name, and how to make it. Naming a
// test must not make the backend: that would create (and drop) a fresh
// PostgreSQL database at every start of the suite, for every test.
struct BackendFactory {
    std::string name;
    StoreBackend (*make)();
};

inline void PrintTo(const BackendFactory &factory, std::ostream *out)
{
    *out << factory.name;
}

inline std::string backendName(const ::testing::TestParamInfo<BackendFactory> &info)
{
    return info.param.name;
}
