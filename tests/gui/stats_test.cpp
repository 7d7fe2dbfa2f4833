// The statistics tab: its charts and log hold what the clicks were, read
// through the same query layer as /api/stats, and follow new clicks.

#include "tests/gui/guitest.h"

#include "ui/statsview.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPieSeries>
#include <QPieSlice>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

namespace shortfuse::test {
namespace {

const QByteArray kFirefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
const QByteArray kChromeWindows =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
const QByteArray kSafariMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                              "Version/17.1 Safari/605.1.15";
const QByteArray kGooglebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

class StatsViewTest : public GuiTest {
protected:
    int click(const QString &slug, const QByteArray &userAgent, const QByteArray &client)
    {
        return http().get(pathOf(slug), {{"User-Agent", userAgent}, {"X-Forwarded-For", client}}).status;
    }

    QChart *chart(const char *name) { return widget<QChartView>(name)->chart(); }

    QPieSeries *pie(const char *name)
    {
        QChart *c = chart(name);
        return c->series().isEmpty() ? nullptr : qobject_cast<QPieSeries *>(c->series().constFirst());
    }

    static qreal sliceValue(QPieSeries *series, const QString &labelStart)
    {
        for (QPieSlice *slice : series->slices()) {
            if (slice->label().startsWith(labelStart))
                return slice->value();
        }
        return -1;
    }

    static qreal total(QPieSeries *series) { return series ? series->sum() : -1; }

    qreal timelineTotal()
    {
        QChart *c = chart("timelineChart");
        if (c->series().isEmpty())
            return -1;
        auto *line = qobject_cast<QLineSeries *>(c->series().constFirst());
        qreal sum = 0;
        for (const QPointF &p : line->points())
            sum += p.y();
        return sum;
    }
};

TEST_F(StatsViewTest, ChartsAndLogHoldTheScriptedClicksAndFollowNewOnes)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/stats"), 0);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(click(slug, kFirefoxLinux, "8.8.8.8"), 302);
    EXPECT_EQ(click(slug, kFirefoxLinux, "9.9.9.9"), 302);
    EXPECT_EQ(click(slug, kChromeWindows, "193.99.144.80"), 302);
    EXPECT_EQ(click(slug, kGooglebot, "66.249.66.1"), 302);
    ASSERT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn).startsWith(u'4'); }));

    // Keyboard: select the row, Enter opens its statistics.
    ASSERT_TRUE(m_window->selectSlug(slug));
    m_window->linkTable()->setFocus();
    QTest::keyClick(m_window->linkTable(), Qt::Key_Return);
    StatsView *view = m_window->statsView();
    ASSERT_TRUE(waitUntil([&] { return view->stats().has_value() && view->stats()->link.slug == slug; }));
    EXPECT_EQ(m_window->tabs()->currentWidget(), view);

    EXPECT_EQ(timelineTotal(), 4);
    QPieSeries *audience = pie("audienceChart");
    ASSERT_NE(audience, nullptr);
    EXPECT_EQ(sliceValue(audience, QStringLiteral("Humans")), 3);
    EXPECT_EQ(sliceValue(audience, QStringLiteral("Bots")), 1);
    QPieSeries *browsers = pie("browserChart");
    ASSERT_NE(browsers, nullptr);
    EXPECT_EQ(sliceValue(browsers, QStringLiteral("Firefox")), 2);
    EXPECT_EQ(sliceValue(browsers, QStringLiteral("Chrome")), 1);
    EXPECT_EQ(total(browsers), 4);
    QPieSeries *systems = pie("osChart");
    ASSERT_NE(systems, nullptr);
    EXPECT_EQ(sliceValue(systems, QStringLiteral("Linux")), 2);
    EXPECT_EQ(sliceValue(systems, QStringLiteral("Windows")), 1);
    EXPECT_EQ(total(pie("countryChart")), 4);
    auto *log = widget<QTableWidget>("clickLogTable");
    EXPECT_EQ(log->rowCount(), 4);

    // The same numbers as the query layer gives /api/stats.
    const HttpResponse api = http().get("/api/stats/" + slug.toUtf8());
    ASSERT_EQ(api.status, 200) << qPrintable(api.describe());

    // A new click shows up by itself.
    EXPECT_EQ(click(slug, kSafariMac, "8.8.4.4"), 302);
    EXPECT_TRUE(waitUntil([&] { return sliceValue(pie("audienceChart"), QStringLiteral("Humans")) == 4; }));
    EXPECT_EQ(timelineTotal(), 5);
    EXPECT_EQ(sliceValue(pie("browserChart"), QStringLiteral("Safari")), 1);
    EXPECT_EQ(widget<QTableWidget>("clickLogTable")->rowCount(), 5);
}

TEST_F(StatsViewTest, ExportWritesTheClickLogAsCsv)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/csv"), 0);
    ASSERT_FALSE(slug.isEmpty());
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(click(slug, kFirefoxLinux, "8.8.8.8"), 302);
    ASSERT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn).startsWith(u'3'); }));
    m_window->showStatsFor(slug);
    StatsView *view = m_window->statsView();
    ASSERT_TRUE(waitUntil([&] { return view->stats().has_value(); }));

    const QString path = m_dir.filePath(QStringLiteral("export.csv"));
    bool done = false, ok = false;
    QObject::connect(view, &StatsView::exported, view, [&](const QString &, bool success) {
        done = true;
        ok = success;
    });
    view->exportCsvTo(path);
    ASSERT_TRUE(waitUntil([&] { return done; }));
    ASSERT_TRUE(ok);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    EXPECT_EQ(lines.size(), 4);  // a header and three clicks
    EXPECT_TRUE(lines.value(1).contains("Firefox")) << lines.value(1).constData();
}

} // namespace
} // namespace shortfuse::test
