// The change listener's own connection can die (a PostgreSQL restart, a
// pooler, an operator's pg_terminate_backend). It must notice within a few
// seconds, reconnect, and tell its receivers to refresh: until then no
// notice reaches this server, and a link revoked elsewhere would go on
// redirecting from its cache.

#include "tests/support/pgtestenv.h"
#include "tests/support/waituntil.h"

#include "server/storage/changelistener.h"
#include "server/storage/changenotice.h"
#include "server/storage/postgreslinkstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace shortfuse;
using namespace std::chrono_literals;

namespace {

// Ends the listener's backend the way an operator would, from a connection
// of our own. The listener's session is the one whose last statement was its
// LISTEN or its "SELECT 1" ping. Returns how many sessions were ended.
int terminateListener(const QString &url)
{
    const QString name = QStringLiteral("terminator");
    int ended = 0;
    {
        QString error;
        if (!test::openPostgresUrl(url, name, &error)) {
            ADD_FAILURE() << error.toStdString();
            return 0;
        }
        QSqlQuery q(QSqlDatabase::database(name));
        const bool ran = q.exec(QStringLiteral(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND (query ILIKE 'LISTEN%' OR query = 'SELECT 1')"));
        EXPECT_TRUE(ran);
        while (q.next())
            ended += q.value(0).toBool() ? 1 : 0;
        QSqlDatabase::database(name).close();
    }
    QSqlDatabase::removeDatabase(name);
    return ended;
}

TEST(ChangeListenerTest, ReconnectsAfterItsConnectionIsKilledAndAsksForARefresh)
{
    test::FreshDatabase database;
    ASSERT_TRUE(database.isValid()) << database.error().toStdString();
    const Result<PostgresAddress> address = PostgresAddress::fromUrl(database.url());
    ASSERT_TRUE(address.ok());

    ChangeListener listener(*address, "this-server");
    int listening = 0;
    QList<RemoteChanges> heard;
    QObject::connect(&listener, &ChangeListener::listening, [&] { ++listening; });
    QObject::connect(&listener, &ChangeListener::changed, [&](const RemoteChanges &changes) { heard.append(changes); });
    listener.start();
    ASSERT_TRUE(waitUntil([&] { return listening == 1; }));

    ASSERT_EQ(terminateListener(database.url()), 1);
    ASSERT_TRUE(waitUntil([&] { return listening == 2; }, 15'000)) << "the listener never noticed its connection died";
    ASSERT_FALSE(heard.isEmpty());
    EXPECT_TRUE(heard.last().notice.overflow) << "notices may have been missed: receivers must refresh";

    // Notices from another server arrive again.
    PostgresLinkStore other(*address);
    ASSERT_TRUE(other.open().ok());
    ChangeNotice revoke;
    revoke.sender = "other-server";
    revoke.revoked = {QStringLiteral("gone-now")};
    ASSERT_TRUE(other.beginBatch().ok());
    ASSERT_TRUE(other.announce(revoke.encode()).ok());
    ASSERT_TRUE(other.commitBatch().ok());
    EXPECT_TRUE(waitUntil([&] { return !heard.isEmpty() && heard.last().notice.revoked == revoke.revoked; }));
    other.close();
}

} // namespace
