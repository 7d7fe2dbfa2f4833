// Every batch takes its row locks in one global order, so two servers on one
// PostgreSQL database cannot deadlock: creation_quota rows by client key,
// then link rows by slug (claims, revocations). Before, creations kept their
// arrival places between the sorted claims: two clients creating on two
// servers at once took their quota rows in opposite orders, and a creation
// could hold its quota row while waiting for a link row another server's
// batch held while waiting for that quota row.

#include "tests/storage/storetestenv.h"
#include "tests/support/waituntil.h"

#include "server/links/linkrules.h"
#include "server/storage/clickwriter.h"

#include <QObject>

#include <gtest/gtest.h>

#include <mutex>

using namespace shortfuse;

namespace {

// A real store that notes, in order, each lock a batch takes (a quota row,
// a link row), and whose next claim can be held (the writer busy, what is
// sent meanwhile queued for one batch).
class LockLog final : public ForwardingStore, public HoldGate {
public:
    using ForwardingStore::ForwardingStore;

    Result<QuotaDecision> takeCreationQuota(const CreationQuota &quota) override
    {
        note("quota " + quota.clientKey);
        return ForwardingStore::takeCreationQuota(quota);
    }
    Result<Claim> claimClick(const ClaimRequest &request) override
    {
        pass();
        note("link " + request.slug.toUtf8());
        return ForwardingStore::claimClick(request);
    }
    Result<bool> revokeLink(const QString &slug) override
    {
        note("link " + slug.toUtf8());
        return ForwardingStore::revokeLink(slug);
    }

    QList<QByteArray> taken()
    {
        std::lock_guard lock(m_mutex);
        return m_taken;
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_taken.clear();
    }

private:
    void note(const QByteArray &what)
    {
        std::lock_guard lock(m_mutex);
        m_taken.append(what);
    }
    std::mutex m_mutex;
    QList<QByteArray> m_taken;
};

TEST(BatchLockOrder, QuotaRowsByClientThenLinkRowsBySlug)
{
    const StoreBackend backend = sqliteBackend();
    auto store = std::make_unique<LockLog>(backend.makeStore());
    LockLog *log = store.get();
    QObject context;
    ClickWriter writer(std::move(store), &context);
    ASSERT_TRUE(writer.start().ok());
    int answered = 0;
    const auto count = [&](const auto &) { ++answered; };
    const auto create = [&](const char *slug, const char *client) {
        NewLink link{QString::fromLatin1(slug), QStringLiteral("https://example.com/"), std::nullopt, 1, false};
        writer.create(link, &rules::slugAfterCollision, count, CreationQuota{client, 100, 1'700'000'000'000});
    };
    const auto claim = [&](const char *slug) {
        writer.claim(ClaimRequest{QString::fromLatin1(slug), 0, false, true, {}, 0},
                     ClickFacts{1, QHostAddress(QStringLiteral("192.0.2.1")), "ua", {}}, count);
    };
    create("a", "client-0");
    create("b", "client-0");
    ASSERT_TRUE(waitUntil([&] { return answered == 2; }));

    // The writer is held in a batch of its own; the rest arrive meanwhile
    // and make up the next batch, in this arrival order.
    log->holdNext();
    claim("a");
    ASSERT_TRUE(waitUntil([&] { return log->holding(); }));
    create("new-1", "client-2");
    claim("b");
    writer.revoke(QStringLiteral("a"), count);
    create("new-2", "client-1");
    claim("a");
    log->clear();
    log->release();
    ASSERT_TRUE(waitUntil([&] { return answered == 8; }));

    EXPECT_EQ(log->taken().join(", ").toStdString(),
              "link a, " // the held batch
              "quota client-1, quota client-2, link a, link a, link b");
    writer.stop();
}

} // namespace
