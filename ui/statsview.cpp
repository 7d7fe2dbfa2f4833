#include "ui/statsview.h"

#include "ui/errortext.h"
#include "ui/linktablemodel.h"
#include "ui/linkconsole.h"
#include "ui/theme.h"

#include <QChart>

#include <cmath>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

namespace shortfuse {

namespace {

QString formatTime(qint64 ms, QLocale::FormatType format = QLocale::ShortFormat)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), format);
}

// The same palette for every chart, readable on light and dark windows.
const QList<QColor> &sliceColors()
{
    static const QList<QColor> colors = {QColor(0x3b, 0x82, 0xf6), QColor(0xf5, 0x9e, 0x0b), QColor(0x10, 0xb9, 0x81),
                                         QColor(0xef, 0x44, 0x44), QColor(0x8b, 0x5c, 0xf6), QColor(0x06, 0xb6, 0xd4),
                                         QColor(0x9c, 0xa3, 0xaf)};
    return colors;
}

QString outcomeText(ClickOutcome outcome)
{
    switch (outcome) {
    case ClickOutcome::Redirected:
        return StatsView::tr("redirected");
    case ClickOutcome::Expired:
        return StatsView::tr("expired");
    case ClickOutcome::Preview:
        return StatsView::tr("preview");
    case ClickOutcome::Challenged:
        return StatsView::tr("asked to confirm");
    }
    return {};
}

} // namespace

StatsView::StatsView(LinkConsole &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("statsView"));
    setAccessibleName(tr("Statistics"));

    // Page 0 until a link is chosen, then page 1: the link's statistics.
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildEmptyPage());
    m_pages->addWidget(buildStatsPage());
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);

    connect(m_refresh, &QPushButton::clicked, this, &StatsView::reload);
    connect(m_export, &QPushButton::clicked, this, &StatsView::exportCsv);
    connect(m_older, &QPushButton::clicked, this, &StatsView::loadOlder);
    connectServer();
}

QWidget *StatsView::buildEmptyPage()
{
    auto *empty = new QLabel(tr("Select a link in the Links tab and choose <b>Open statistics</b> "
                                "(Ctrl+I, Enter or a double click)."),
                             m_pages);
    empty->setObjectName(QStringLiteral("statsEmptyLabel"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    return empty;
}

QWidget *StatsView::buildStatsPage()
{
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(buildHeader(content));
    layout->addLayout(buildCharts());
    buildClickLog(content, layout);
    scroll->setWidget(content);
    return scroll;
}

QLayout *StatsView::buildHeader(QWidget *content)
{
    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("statsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_destination = new QLabel(content);
    m_destination->setObjectName(QStringLiteral("statsDestination"));
    m_destination->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_destination->setWordWrap(true);
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("statsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Summary"));
    m_refresh = new QPushButton(tr("&Refresh"), content);
    m_refresh->setObjectName(QStringLiteral("statsRefreshButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_export = new QPushButton(tr("&Export CSV…"), content);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    m_export->setAccessibleName(tr("Export the click log as CSV"));

    auto *header = new QHBoxLayout;
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(m_title);
    headerText->addWidget(m_destination);
    headerText->addWidget(m_summary);
    header->addLayout(headerText, 1);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_export);
    buttons->addStretch();
    header->addLayout(buttons);
    return header;
}

QLayout *StatsView::buildCharts()
{
    m_timeline = makeChartView(QStringLiteral("timelineChart"), tr("Clicks over time"), tr("Clicks over time chart"));
    m_timeline->setMinimumHeight(240);
    m_audience = makeChartView(QStringLiteral("audienceChart"), tr("Humans and bots"), tr("Humans and bots chart"));
    m_countries = makeChartView(QStringLiteral("countryChart"), tr("Countries"), tr("Clicks by country chart"));
    m_browsers = makeChartView(QStringLiteral("browserChart"), tr("Browsers"), tr("Clicks by browser chart"));
    m_systems = makeChartView(QStringLiteral("osChart"), tr("Operating systems"), tr("Clicks by operating system chart"));

    // The timeline wide on top beside the audience; the breakdowns below.
    auto *charts = new QGridLayout;
    charts->addWidget(m_timeline, 0, 0, 1, 2);
    charts->addWidget(m_audience, 0, 2);
    charts->addWidget(m_countries, 1, 0);
    charts->addWidget(m_browsers, 1, 1);
    charts->addWidget(m_systems, 1, 2);
    for (int column = 0; column < 3; ++column)
        charts->setColumnStretch(column, 1);
    for (QChartView *view : {m_audience, m_countries, m_browsers, m_systems})
        view->setMinimumSize(220, 220);
    return charts;
}

void StatsView::buildClickLog(QWidget *content, QVBoxLayout *layout)
{
    m_logCaption = new QLabel(content);
    m_logCaption->setObjectName(QStringLiteral("clickLogCaption"));
    layout->addWidget(m_logCaption);
    m_log = new QTableWidget(0, 8, content);
    m_log->setObjectName(QStringLiteral("clickLogTable"));
    m_log->setAccessibleName(tr("Click log"));
    m_log->setHorizontalHeaderLabels({tr("Time"), tr("Outcome"), tr("Country"), tr("Browser"),
                                      tr("Operating system"), tr("Device"), tr("Referrer"), tr("Bot")});
    m_log->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->setAlternatingRowColors(true);
    m_log->verticalHeader()->setVisible(false);
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setMinimumHeight(220);
    layout->addWidget(m_log);
    m_older = new QPushButton(tr("Load &older entries"), content);
    m_older->setObjectName(QStringLiteral("loadOlderButton"));
    m_older->setVisible(false);
    layout->addWidget(m_older, 0, Qt::AlignLeft);
}

void StatsView::connectServer()
{
    // Clicks on the shown link reload it, coalesced: a burst is one query.
    m_reloadLater.setSingleShot(true);
    m_reloadLater.setInterval(300);
    connect(&m_reloadLater, &QTimer::timeout, this, &StatsView::reload);
    connect(&m_host, &LinkConsole::clicksChanged, this, [this](const QList<qint64> &ids) {
        if (m_stats && ids.contains(m_stats->link.id) && !m_reloadLater.isActive())
            m_reloadLater.start();
    });
    connect(&m_host, &LinkConsole::linkRevoked, this, [this](const QString &slug) {
        if (slug == m_slug)
            reload();
    });
    connect(&m_host, &LinkConsole::started, this, [this] {
        if (!m_slug.isEmpty())
            reload();
    });
}

QChartView *StatsView::makeChartView(const QString &objectName, const QString &title, const QString &accessibleName)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setRenderHint(QPainter::Antialiasing);
    applyTheme(chart);
    return view;
}

void StatsView::applyTheme(QChart *chart)
{
    // The chart draws on the window's own colours, light or dark.
    const QPalette p = palette();
    chart->setTheme(theme::isDark(p) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(p.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(p.color(QPalette::Mid)));
    chart->setTitleBrush(p.brush(QPalette::Text));
    QFont titleFont = font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setLabelColor(p.color(QPalette::Text));
    chart->legend()->setFont(font());
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsBrush(p.brush(QPalette::Text));
        axis->setLabelsFont(font());
        axis->setGridLineColor(p.color(QPalette::Midlight));
        axis->setLinePenColor(p.color(QPalette::Mid));
    }
}

void StatsView::applyThemeToAll()
{
    for (QChartView *view : {m_timeline, m_audience, m_countries, m_browsers, m_systems}) {
        applyTheme(view->chart());
    }
    if (m_stats)
        render();
}

void StatsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyThemeToAll();
    QWidget::changeEvent(event);
}

void StatsView::showLink(const QString &slug)
{
    if (slug != m_slug) {
        m_slug = slug;
        m_stats.reset();
        m_title->setText(slug);
        m_destination->clear();
        m_summary->setText(tr("Loading…"));
        m_log->setRowCount(0);
    }
    m_pages->setCurrentIndex(1);
    reload();
}

void StatsView::reload()
{
    m_reloadLater.stop();
    if (m_slug.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_host.linkStats(m_slug, StatsQuery{}, this, [this, generation](const Result<std::optional<LinkStats>> &stats) {
        if (generation != m_generation)
            return;
        if (!stats) {
            m_summary->setText(ErrorText::message(stats.error()));
            return;
        }
        if (!stats->has_value()) {
            m_summary->setText(tr("There is no link %1.").arg(m_slug));
            return;
        }
        m_stats = **stats;
        render();
        Q_EMIT statsLoaded();
    });
}

void StatsView::render()
{
    const LinkStats &s = *m_stats;
    m_title->setText(m_host.shortUrl(s.link.slug));
    m_destination->setText(tr("→ %1").arg(s.link.url));
    m_destination->setToolTip(s.link.url);

    const LinkTableModel::Status status = LinkTableModel::statusOf(s.link);
    QStringList parts;
    parts << (s.link.maxClicks ? tr("%1 of %2 clicks used").arg(QLocale().toString(s.link.clicks),
                                                               QLocale().toString(*s.link.maxClicks))
                               : tr("%1 clicks (unlimited)").arg(QLocale().toString(s.link.clicks)));
    parts << LinkTableModel::statusText(status);
    parts << tr("created %1").arg(formatTime(s.link.createdAtMs));
    if (s.firstClickMs)
        parts << tr("first click %1").arg(formatTime(*s.firstClickMs));
    if (s.lastClickMs)
        parts << tr("last click %1").arg(formatTime(*s.lastClickMs));
    if (s.expiredHits > 0)
        parts << tr("%1 requests after it expired").arg(QLocale().toString(s.expiredHits));
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    renderTimeline();
    renderAudience();
    renderBreakdown(m_countries, s.byCountry, true);
    renderBreakdown(m_browsers, s.byBrowser, false);
    renderBreakdown(m_systems, s.byOs, false);

    m_log->setRowCount(0);
    appendLog(s.log);
    m_nextBefore = s.nextBefore;
    m_older->setVisible(m_nextBefore.has_value());
    const qint64 requests = s.humans + s.bots + s.expiredHits;
    m_logCaption->setText(tr("Click log: %1 of %2 requests, newest first")
                              .arg(QLocale().toString(m_log->rowCount()), QLocale().toString(requests)));
}

void StatsView::renderTimeline()
{
    QChart *chart = m_timeline->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    chart->legend()->hide();

    const LinkStats &s = *m_stats;
    auto *series = new QLineSeries;
    series->setObjectName(QStringLiteral("timelineSeries"));
    series->setName(tr("Clicks"));
    series->setPointsVisible(true);
    QPen pen(sliceColors().first());
    pen.setWidthF(2.0);
    series->setPen(pen);

    const qint64 bucket = std::max<qint64>(s.bucketMs, 60'000);
    qint64 first = s.link.createdAtMs - s.link.createdAtMs % bucket;
    qint64 last = QDateTime::currentMSecsSinceEpoch();
    last -= last % bucket;
    if (!s.timeline.isEmpty()) {
        first = std::min(first, s.timeline.constFirst().first);
        last = std::max(last, s.timeline.constLast().first);
    }
    // Empty buckets are drawn as zero so the line drops between bursts;
    // beyond a few hundred buckets only the buckets with clicks are drawn.
    const bool fill = (last - first) / bucket <= 400;
    QList<QPointF> points;
    qreal maxCount = 0;
    int next = 0;
    if (fill) {
        for (qint64 t = first; t <= last; t += bucket) {
            qint64 count = 0;
            while (next < s.timeline.size() && s.timeline.at(next).first <= t) {
                if (s.timeline.at(next).first == t)
                    count += s.timeline.at(next).second;
                else
                    points.append(QPointF(qreal(s.timeline.at(next).first), qreal(s.timeline.at(next).second)));
                ++next;
            }
            points.append(QPointF(qreal(t), qreal(count)));
            maxCount = std::max(maxCount, qreal(count));
        }
    }
    for (; next < s.timeline.size(); ++next) {
        points.append(QPointF(qreal(s.timeline.at(next).first), qreal(s.timeline.at(next).second)));
        maxCount = std::max(maxCount, qreal(s.timeline.at(next).second));
    }
    std::sort(points.begin(), points.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    series->replace(points);
    chart->addSeries(series);

    auto *x = new QDateTimeAxis;
    x->setObjectName(QStringLiteral("timelineAxis"));
    x->setFormat(bucket >= 86'400'000 ? QStringLiteral("d MMM") : QStringLiteral("d MMM HH:mm"));
    x->setTitleText(tr("Time"));
    const qint64 pad = bucket / 2;
    x->setRange(QDateTime::fromMSecsSinceEpoch(first - pad), QDateTime::fromMSecsSinceEpoch(last + pad));
    x->setTickCount(std::clamp(int((last - first) / bucket) + 2, 2, 7));
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("Clicks per %1").arg(bucket >= 604'800'000 ? tr("week")
                                            : bucket >= 86'400'000 ? tr("day")
                                            : bucket >= 3'600'000 ? tr("hour")
                                            : bucket >= 300'000    ? tr("5 minutes")
                                                                    : tr("minute")));
    // Whole numbers on the ticks: at most four steps of a whole size.
    const int steps = int(std::clamp<qreal>(maxCount, 1, 4));
    const int step = int(std::ceil(std::max<qreal>(maxCount, 1) / steps));
    y->setRange(0, step * steps);
    y->setTickCount(steps + 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    applyTheme(chart);
}

QString StatsView::breakdownLabel(const QString &value, bool country) const
{
    if (value.isEmpty() || value == QLatin1String("unknown"))
        return tr("Unknown");
    if (country) {
        const QLocale::Territory territory = QLocale::codeToTerritory(value);
        if (territory != QLocale::AnyTerritory)
            return QLocale::territoryToString(territory);
    }
    return value;
}

void StatsView::renderBreakdown(QChartView *view, const Breakdown &breakdown, bool countries)
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    auto *series = new QPieSeries;
    series->setObjectName(view->objectName() + QStringLiteral("Series"));
    series->setHoleSize(0.35);
    qint64 other = 0;
    for (int i = 0; i < breakdown.size(); ++i) {
        const auto &[value, count] = breakdown.at(i);
        if (i >= kMaxSlices - 1 && breakdown.size() > kMaxSlices) {
            other += count;
            continue;
        }
        QPieSlice *slice = series->append(QStringLiteral("%1: %2").arg(breakdownLabel(value, countries)).arg(count),
                                          qreal(count));
        slice->setColor(sliceColors().at(i % (sliceColors().size() - 1)));
    }
    if (other > 0) {
        QPieSlice *slice = series->append(tr("Other: %1").arg(other), qreal(other));
        slice->setColor(sliceColors().constLast());
    }
    for (QPieSlice *slice : series->slices())
        slice->setBorderColor(palette().color(QPalette::Base));
    chart->addSeries(series);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignRight);
    if (breakdown.isEmpty())
        chart->setToolTip(tr("No clicks yet"));
    applyTheme(chart);
}

void StatsView::renderAudience()
{
    const LinkStats &s = *m_stats;
    QChart *chart = m_audience->chart();
    chart->removeAllSeries();
    auto *series = new QPieSeries;
    series->setObjectName(QStringLiteral("audienceSeries"));
    series->setHoleSize(0.35);
    QPieSlice *humans = series->append(tr("Humans: %1").arg(s.humans), qreal(s.humans));
    humans->setObjectName(QStringLiteral("humansSlice"));
    humans->setColor(sliceColors().at(2));
    QPieSlice *bots = series->append(tr("Bots: %1").arg(s.bots), qreal(s.bots));
    bots->setObjectName(QStringLiteral("botsSlice"));
    bots->setColor(sliceColors().at(3));
    for (QPieSlice *slice : series->slices())
        slice->setBorderColor(palette().color(QPalette::Base));
    chart->addSeries(series);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    applyTheme(chart);
}

void StatsView::appendLog(const QList<ClickLogEntry> &entries)
{
    int row = m_log->rowCount();
    m_log->setRowCount(row + int(entries.size()));
    for (const ClickLogEntry &e : entries) {
        const QStringList cells = {
            formatTime(e.atMs, QLocale::ShortFormat),
            outcomeText(e.outcome),
            e.country.isEmpty() ? QString()
                                : QStringLiteral("%1 (%2)").arg(breakdownLabel(e.country, true), e.country),
            e.browserVersion.isEmpty() ? e.browser : QStringLiteral("%1 %2").arg(e.browser, e.browserVersion),
            e.os,
            e.device,
            e.referrer,
            e.bot ? (e.botName.isEmpty() ? tr("yes") : e.botName) : QString(),
        };
        for (int column = 0; column < cells.size(); ++column)
            m_log->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        ++row;
    }
    m_log->resizeColumnsToContents();
}

void StatsView::loadOlder()
{
    if (!m_nextBefore || m_slug.isEmpty())
        return;
    StatsQuery query;
    query.beforeId = m_nextBefore;
    const quint64 generation = m_generation;
    m_host.linkStats(m_slug, query, this, [this, generation](const Result<std::optional<LinkStats>> &stats) {
        if (generation != m_generation || !stats || !stats->has_value())
            return;
        appendLog((*stats)->log);
        m_nextBefore = (*stats)->nextBefore;
        m_older->setVisible(m_nextBefore.has_value());
        const qint64 requests = (*stats)->humans + (*stats)->bots + (*stats)->expiredHits;
        m_logCaption->setText(tr("Click log: %1 of %2 requests, newest first")
                                  .arg(QLocale().toString(m_log->rowCount()), QLocale().toString(requests)));
    });
}

void StatsView::exportCsv()
{
    if (m_slug.isEmpty())
        return;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + QStringLiteral("shortfuse-%1-clicks.csv").arg(m_slug);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export click log"), suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsvTo(path);
}

void StatsView::exportCsvTo(const QString &path)
{
    m_export->setEnabled(false);
    m_host.exportClicks(m_slug, path, this, [this, path](const Result<qint64> &written) {
        m_export->setEnabled(true);
        if (written)
            m_logCaption->setText(tr("Exported %1 log entries to %2").arg(QLocale().toString(*written), path));
        else
            m_logCaption->setText(ErrorText::message(written.error()));
        Q_EMIT exported(path, written.ok());
    });
}

} // namespace shortfuse
