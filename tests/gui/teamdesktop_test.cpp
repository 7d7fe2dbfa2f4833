// A team's desktop on the shared PostgreSQL database: the window's table
// follows links and clicks that arrive at another shortfuse-server on the
// same database (NOTIFY/LISTEN), with no polling of the table. Runs with
// the `postgres` fixture (gui_pg_tests).

#include "tests/gui/guitest.h"

#include "tests/support/pgtestenv.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>

namespace shortfuse::test {
namespace {

class TeamDesktopTest : public GuiTest {
protected:
    ServerConfig serverConfig() const override
    {
        ServerConfig config = GuiTest::serverConfig();
        config.databaseUrl = m_database.url();
        return config;
    }

    FreshDatabase m_database;
};

TEST_F(TeamDesktopTest, TableFollowsLinksAndClicksOnAnotherServer)
{
    ASSERT_TRUE(m_database.isValid()) << m_database.error().toStdString();
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--db"),
                                           m_database.url()});
    ASSERT_TRUE(other.start()) << other.startError().toStdString();
    const HttpClient elsewhere(other.port());

    const HttpResponse created = elsewhere.postJson(
        "/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/cohort")},
                                   {QStringLiteral("max-clicks"), 2}});
    ASSERT_EQ(created.status, 201) << created.describe().toStdString();
    const QString slug = created.json().value(QStringLiteral("slug")).toString();
    ASSERT_TRUE(waitUntil([&] { return rowOf(slug) >= 0; })) << "the new link appears in the window's table";
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("0 / 2"));

    EXPECT_EQ(elsewhere.get(pathOf(slug)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn) == QStringLiteral("1 / 2"); }))
        << qPrintable(cell(slug, LinkTableModel::ClicksColumn));
    EXPECT_EQ(elsewhere.get(pathOf(slug)).status, 302);
    EXPECT_TRUE(waitUntil([&] { return statusOf(slug) == LinkTableModel::Status::Expired; }))
        << "the row turns expired when the other server uses up the last click";
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("2 / 2"));
    EXPECT_EQ(other.terminate(), 0);
}

} // namespace
} // namespace shortfuse::test
