#pragma once

#include "server/core/linkstats.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QLabel;
class QLayout;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QVBoxLayout;

namespace shortfuse {

class LinkConsole;

// The statistics of one link: clicks over time, where they came from
// (country, browser, OS), humans against bots, and the click log, with a
// CSV export. Everything comes from the link service's stats (LinkConsole::
// linkStats), the query layer that also answers /api/stats/<slug>.
// Reloads itself (coalesced) when clicks on its link are committed.
class StatsView final : public QWidget {
    Q_OBJECT
public:
    explicit StatsView(LinkConsole &host, QWidget *parent = nullptr);

    void showLink(const QString &slug);
    QString slug() const { return m_slug; }
    const std::optional<LinkStats> &stats() const { return m_stats; }

    // Pie breakdowns keep the largest slices and fold the rest into "Other".
    static constexpr int kMaxSlices = 6;

public Q_SLOTS:
    void reload();
    void loadOlder();
    void exportCsv();
    // Writes the whole click log of the shown link as CSV (LinkConsole::exportClicks).
    void exportCsvTo(const QString &path);

Q_SIGNALS:
    void statsLoaded();
    void exported(const QString &path, bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The constructor's parts.
    QWidget *buildEmptyPage();
    QWidget *buildStatsPage();
    QLayout *buildHeader(QWidget *content);
    QLayout *buildCharts();
    void buildClickLog(QWidget *content, QVBoxLayout *layout);
    void connectServer();  // live reloads
    void render();
    void renderTimeline();
    void renderBreakdown(QChartView *view, const Breakdown &breakdown, bool countries);
    void renderAudience();
    void appendLog(const QList<ClickLogEntry> &entries);
    void applyTheme(QChart *chart);
    void applyThemeToAll();
    QChartView *makeChartView(const QString &objectName, const QString &title, const QString &accessibleName);
    QString breakdownLabel(const QString &value, bool country) const;

    LinkConsole &m_host;
    QString m_slug;
    std::optional<LinkStats> m_stats;
    quint64 m_generation = 0;
    QTimer m_reloadLater;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_destination = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QChartView *m_timeline = nullptr;
    QChartView *m_countries = nullptr;
    QChartView *m_browsers = nullptr;
    QChartView *m_systems = nullptr;
    QChartView *m_audience = nullptr;
    QTableWidget *m_log = nullptr;
    QLabel *m_logCaption = nullptr;
    QPushButton *m_older = nullptr;
    std::optional<qint64> m_nextBefore;
};

} // namespace shortfuse
