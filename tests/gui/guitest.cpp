#include "tests/gui/guitest.h"

#include <QLineEdit>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTest>

namespace shortfuse::test {

void GuiTest::SetUp()
{
    ASSERT_TRUE(m_dir.isValid());
    m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
    if (!desktopNotifications())
        m_settings->setValue(Settings::Key::NotifyMode, QStringLiteral("never"));
    m_host = std::make_unique<ServerHost>();
    m_window = std::make_unique<MainWindow>(*m_host, *m_settings, trayAvailable());
    m_window->show();
    startServer(serverConfig());
}

void GuiTest::TearDown()
{
    m_window.reset();
    m_host.reset();  // stops the server, committing every click
    m_settings.reset();
}

bool GuiTest::trayAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

ServerConfig GuiTest::serverConfig() const
{
    ServerConfig config;
    config.port = 0;
    config.dataDir = m_dir.filePath(QStringLiteral("data"));
    config.rateLimitPerMinute = 0;
    config.trustedProxies = {Subnet(QHostAddress(QStringLiteral("127.0.0.1")), 32)};
    return config;
}

void GuiTest::startServer(const ServerConfig &config)
{
    m_host->start(config);
    ASSERT_TRUE(waitUntil([this] { return m_host->isRunning() || m_host->state() == ServerHost::State::Failed; }));
    ASSERT_TRUE(m_host->isRunning()) << qPrintable(m_host->lastError());
    ASSERT_NE(m_host->port(), 0);
}

QString GuiTest::createThroughPanel(const QString &url, int maxClicks, const QString &alias)
{
    auto *urlEdit = widget<QLineEdit>("urlEdit");
    auto *aliasEdit = widget<QLineEdit>("aliasEdit");
    auto *spin = widget<QSpinBox>("maxClicksSpin");
    auto *shorten = widget<QPushButton>("shortenButton");
    if (!urlEdit || !aliasEdit || !spin || !shorten)
        return {};
    const QString before = m_window->createPanel()->lastShortUrl();
    urlEdit->clear();
    QTest::keyClicks(urlEdit, url);
    aliasEdit->clear();
    if (!alias.isEmpty())
        QTest::keyClicks(aliasEdit, alias);
    spin->setValue(maxClicks);
    QTest::mouseClick(shorten, Qt::LeftButton);
    if (!waitUntil([&] { return m_window->createPanel()->lastShortUrl() != before; }))
        return {};
    const QString slug = m_window->createPanel()->lastShortUrl().section(u'/', -1);
    if (!waitUntil([&] { return rowOf(slug) >= 0; }))
        return {};
    return slug;
}

QString GuiTest::cell(const QString &slug, int column) const
{
    LinkTableModel *model = m_window->linkModel();
    const int row = model->rowOfSlug(slug);
    return row < 0 ? QString() : model->data(model->index(row, column), Qt::DisplayRole).toString();
}

LinkTableModel::Status GuiTest::statusOf(const QString &slug) const
{
    LinkTableModel *model = m_window->linkModel();
    const int row = model->rowOfSlug(slug);
    return LinkTableModel::Status(model->data(model->index(row, 0), LinkTableModel::StatusRole).toInt());
}

qint64 GuiTest::linkCount()
{
    const std::optional<qint64> count = awaitAnswer<qint64>(
        [this](QObject *context, ServerHost::Reply<qint64> done) { m_host->countLinks({}, context, done); });
    return count.value_or(-1);
}

} // namespace shortfuse::test
