#include "ui/mainwindow.h"

#include "ui/addserverdialog.h"
#include "ui/connectionmenu.h"
#include "ui/connections.h"
#include "ui/consoleswitch.h"
#include "ui/keystore.h"
#include "ui/remoteconsole.h"
#include "ui/createpanel.h"
#include "ui/desktopnotifier.h"
#include "ui/editlinkdialog.h"
#include "ui/reachabilitytext.h"
#include "ui/recipientsdialog.h"
#include "ui/errortext.h"
#include "ui/linktablemodel.h"
#include "ui/serverhost.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"
#include "ui/statsview.h"
#include "ui/theme.h"
#include "ui/traycontroller.h"
#include "ui/webhookwatcher.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDate>
#include <QDateTime>
#include <QDesktopServices>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace shortfuse {

MainWindow::MainWindow(ServerHost &host, Settings &settings, QWidget *parent)
    : MainWindow(host, settings, QSystemTrayIcon::isSystemTrayAvailable(), parent)
{
}

MainWindow::MainWindow(ServerHost &host, Settings &settings, bool trayAvailable, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_settings(settings)
    , m_console(new ConsoleSwitch(&host, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Shortfuse"));
    setWindowIcon(theme::appIcon());

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(buildServerBanner(central));
    layout->addWidget(buildWebhookBanner(central));
    m_create = new CreatePanel(*m_console, central);
    layout->addWidget(m_create);
    layout->addWidget(buildTabs(central), 1);
    setCentralWidget(central);
    buildStatusBar();

    buildActions();
    buildConnections();
    buildMenus();
    buildTray(trayAvailable);
    connectLinkViews();
    connectServer();
    restoreWindowGeometry();

    updateLinkActions();
    onServerStateChanged();
    updateStatusColors();
    if (m_host.isRunning())
        onServerStarted();
    // The server shown when the window last closed (a remote one connects now).
    const QString last = m_settings.value(Settings::Key::CurrentConnection).toString();
    if (!last.isEmpty() || !m_settings.value(Settings::Key::EmbeddedServer).toBool())
        m_connections->activate(last.isEmpty() && !m_connections->entries().isEmpty()
                                    ? m_connections->entries().constFirst().id
                                    : last);
}

bool MainWindow::showsThisComputer() const
{
    return m_console->current() == &m_host;
}

void MainWindow::buildConnections()
{
    m_keyStore = new KeyStore(this);
    m_connections = new Connections(m_settings, m_host, *m_console, *m_keyStore, this);
    m_connectionMenu = new ConnectionMenu(*m_connections, this, this);
    connect(m_connectionMenu, &ConnectionMenu::addServerRequested, this, &MainWindow::addServer);
    connect(m_connectionMenu, &ConnectionMenu::removeServerRequested, this, &MainWindow::removeCurrentServer);
    connect(m_connections, &Connections::keyNeeded, this, &MainWindow::askForKey);
    connect(m_connections, &Connections::currentChanged, this, &MainWindow::switchViewState);
    connect(m_console, &LinkConsole::stateChanged, this, &MainWindow::onConsoleStateChanged);
    // Back on "This computer": its status bar is shown again (its own
    // signals keep it current from then on, see connectServer).
    connect(m_console, &ConsoleSwitch::currentChanged, this, [this] {
        if (!showsThisComputer())
            return;
        onServerStateChanged();
        if (m_host.isRunning())
            onServerStarted();
    });
    statusBar()->insertWidget(0, m_connectionMenu->comboBox());
}

void MainWindow::addServer()
{
    auto *dialog = new AddServerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_connections->addRemote(dialog->name(), dialog->url(), dialog->apiKey(), this, [this](const Status &kept) {
            if (!kept)
                statusBar()->showMessage(kept.error().message, 15'000);
        });
    });
    dialog->open();
}

void MainWindow::removeCurrentServer()
{
    const QString id = m_connections->currentId();
    if (id.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove Server"),
        tr("Remove %1 from this window? Its links stay on the server; its key is deleted from the keychain.")
            .arg(m_connections->nameOf(id)));
    if (answer == QMessageBox::Yes)
        m_connections->removeRemote(id);
}

void MainWindow::askForKey(const QString &id, const QString &why)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("keyPrompt"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("API Key for %1").arg(m_connections->nameOf(id)));
    dialog->setLabelText(tr("%1\n\nAPI key for %2:").arg(why, m_connections->nameOf(id)));
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &key) {
        if (!key.trimmed().isEmpty())
            m_connections->provideKey(id, key.trimmed());
    });
    dialog->open();
}

void MainWindow::onConsoleStateChanged()
{
    updateLinkActions();
    const bool local = showsThisComputer();
    m_reachLabel->setVisible(local);
    m_internetLabel->setVisible(local);
    if (local)
        return; // the embedded server's own signals say the rest (connectServer)
    m_serverBanner->setVisible(false);
    m_useSuggested->setVisible(false);
    const QString name = m_connections->nameOf(m_connections->currentId());
    switch (m_console->state()) {
    case LinkConsole::State::Running:
        m_addressLabel->setText(tr("Connected to %1").arg(m_console->baseUrl()));
        refreshTotals();
        break;
    case LinkConsole::State::Starting:
        m_addressLabel->setText(tr("Connecting to %1…").arg(name));
        break;
    case LinkConsole::State::Reconnecting:
        m_addressLabel->setText(tr("Reconnecting to %1…").arg(name));
        break;
    case LinkConsole::State::Failed:
        m_addressLabel->setText(tr("Not connected to %1: %2").arg(name, m_console->lastError()));
        break;
    case LinkConsole::State::Stopped:
    case LinkConsole::State::Stopping:
        m_addressLabel->setText(tr("Not connected to %1").arg(name));
        break;
    }
    m_addressLabel->setToolTip(m_console->lastError());
    // A certificate the system does not trust: offered once, trusted only by the user's choice.
    auto *remote = qobject_cast<RemoteConsole *>(m_console->current());
    if (remote && remote->state() == LinkConsole::State::Failed && !remote->refusedCertificate().isNull()
        && m_trustOffered != m_connections->currentId()) {
        m_trustOffered = m_connections->currentId();
        const QString id = m_connections->currentId();
        const QByteArray sha256 = RemoteConsole::fingerprint(remote->refusedCertificate());
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Untrusted Certificate"),
                                    tr("%1\n\nTrust this certificate for %2 from now on? Only do so if its "
                                       "SHA-256 fingerprint is the one of your server:\n%3")
                                        .arg(remote->lastError(), name, QString::fromLatin1(sha256)),
                                    QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("trustCertificateBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton *trust = box->addButton(tr("&Trust This Certificate"), QMessageBox::AcceptRole);
        trust->setObjectName(QStringLiteral("trustCertificateButton"));
        box->addButton(QMessageBox::Cancel);
        connect(trust, &QPushButton::clicked, this, [this, id, sha256] { m_connections->trustCertificate(id, sha256); });
        box->open();
    }
}

void MainWindow::switchViewState(const QString &id)
{
    if (id == m_shownConnection)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    m_viewStates.insert(m_shownConnection, ViewState{m_filter->text(), header->sortIndicatorSection(),
                                                    header->sortIndicatorOrder(), m_tabs->currentIndex()});
    m_shownConnection = id;
    const ViewState state = m_viewStates.value(id, ViewState{QString(), LinkTableModel::CreatedColumn, Qt::DescendingOrder, 0});
    m_filter->setText(state.filter);
    if (state.sortColumn >= 0)
        header->setSortIndicator(state.sortColumn, state.sortOrder);
    m_tabs->setCurrentIndex(state.tab);
    m_trustOffered.clear();
    onConsoleStateChanged();
}

QFrame *MainWindow::buildServerBanner(QWidget *parent)
{
    // Shown when the server could not start (a port in use, an unusable folder).
    m_serverBanner = new QFrame(parent);
    m_serverBanner->setObjectName(QStringLiteral("serverBanner"));
    m_serverBanner->setFrameShape(QFrame::StyledPanel);
    m_serverBannerText = new QLabel(m_serverBanner);
    m_serverBannerText->setObjectName(QStringLiteral("serverBannerText"));
    m_serverBannerText->setWordWrap(true);
    m_serverBannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerSettings = new QPushButton(tr("Choose another &port…"), m_serverBanner);
    m_bannerSettings->setObjectName(QStringLiteral("bannerSettingsButton"));
    auto *retry = new QPushButton(tr("&Retry"), m_serverBanner);
    retry->setObjectName(QStringLiteral("bannerRetryButton"));
    auto *bannerLayout = new QHBoxLayout(m_serverBanner);
    bannerLayout->addWidget(m_serverBannerText, 1);
    bannerLayout->addWidget(m_bannerSettings);
    bannerLayout->addWidget(retry);
    m_serverBanner->setVisible(false);
    connect(m_bannerSettings, &QPushButton::clicked, this, &MainWindow::openSettings);
    connect(retry, &QPushButton::clicked, this, [this] { m_host.start(m_host.config()); });
    return m_serverBanner;
}

QFrame *MainWindow::buildWebhookBanner(QWidget *parent)
{
    // Shown while a webhook endpoint is disabled (failing for 24 hours):
    // nothing more is sent to it, and its owner may not look at the
    // settings for weeks, so the window says so until it is dealt with.
    m_webhookBanner = new QFrame(parent);
    m_webhookBanner->setObjectName(QStringLiteral("webhookBanner"));
    m_webhookBanner->setFrameShape(QFrame::StyledPanel);
    m_webhookBannerText = new QLabel(m_webhookBanner);
    m_webhookBannerText->setObjectName(QStringLiteral("webhookBannerText"));
    m_webhookBannerText->setWordWrap(true);
    theme::setTextColor(m_webhookBannerText, theme::errorColor(palette()));
    auto *open = new QPushButton(tr("&Webhook settings…"), m_webhookBanner);
    open->setObjectName(QStringLiteral("webhookBannerSettingsButton"));
    connect(open, &QPushButton::clicked, this, [this] {
        openSettings();
        if (m_settingsDialog)
            m_settingsDialog->showWebhooks();
    });
    auto *bannerLayout = new QHBoxLayout(m_webhookBanner);
    bannerLayout->addWidget(m_webhookBannerText, 1);
    bannerLayout->addWidget(open);
    m_webhookBanner->setVisible(false);
    return m_webhookBanner;
}

void MainWindow::showDisabledWebhooks(const QStringList &hosts)
{
    if (hosts.isEmpty()) {
        m_webhookBanner->setVisible(false);
        return;
    }
    const QString names = hosts.join(QStringLiteral(", "));
    m_webhookBannerText->setText(
        hosts.size() == 1
            ? tr("Webhook to %1 was disabled after failing for 24 hours: its events are no longer sent. "
                 "Delete it in the settings, or add it again once the receiver works.")
                  .arg(names)
            : tr("Webhooks to %1 were disabled after failing for 24 hours: their events are no longer sent. "
                 "Delete them in the settings, or add them again once the receivers work.")
                  .arg(names));
    m_webhookBanner->setVisible(true);
}

QTabWidget *MainWindow::buildTabs(QWidget *parent)
{
    m_tabs = new QTabWidget(parent);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);

    auto *linksPage = new QWidget(m_tabs);
    auto *linksLayout = new QVBoxLayout(linksPage);
    linksLayout->setContentsMargins(0, 6, 0, 0);
    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(linksPage);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter by short link or destination (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter links"));
    m_filter->setClearButtonEnabled(true);
    m_countLabel = new QLabel(linksPage);
    m_countLabel->setObjectName(QStringLiteral("linkCountLabel"));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_countLabel);
    linksLayout->addLayout(filterRow);
    m_model = new LinkTableModel(*m_console, this);
    linksLayout->addWidget(buildLinkTable(linksPage), 1);
    m_tabs->addTab(linksPage, tr("&Links"));

    m_stats = new StatsView(*m_console, m_tabs);
    m_tabs->addTab(m_stats, tr("S&tatistics"));
    return m_tabs;
}

QTableView *MainWindow::buildLinkTable(QWidget *parent)
{
    m_table = new QTableView(parent);
    m_table->setObjectName(QStringLiteral("linkTable"));
    m_table->setAccessibleName(tr("Links"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(LinkTableModel::DestinationColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    m_table->setColumnWidth(LinkTableModel::SlugColumn, 150);
    m_table->setColumnWidth(LinkTableModel::LabelColumn, 130);
    m_table->setColumnWidth(LinkTableModel::ClicksColumn, 110);
    m_table->setColumnWidth(LinkTableModel::StatusColumn, 130);
    m_table->setColumnWidth(LinkTableModel::ExpiresColumn, 150);
    m_table->setColumnWidth(LinkTableModel::CreatedColumn, 150);
    header->setSortIndicator(LinkTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    // The store cannot order by expiry: a click on that header keeps the
    // current order, and the arrow stays where the order really is.
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [header, last = std::pair{int(LinkTableModel::CreatedColumn), Qt::DescendingOrder}](
                int section, Qt::SortOrder order) mutable {
                if (section != LinkTableModel::ExpiresColumn) {
                    last = {section, order};
                    return;
                }
                const QSignalBlocker blocker(header);
                header->setSortIndicator(last.first, last.second);
            });
    return m_table;
}

void MainWindow::buildStatusBar()
{
    m_addressLabel = new QLabel(this);
    m_addressLabel->setObjectName(QStringLiteral("addressLabel"));
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reachLabel = new QLabel(this);
    m_reachLabel->setObjectName(QStringLiteral("reachLabel"));
    m_internetLabel = new QLabel(this);
    m_internetLabel->setObjectName(QStringLiteral("internetLabel"));
    m_useSuggested = new QPushButton(this);
    m_useSuggested->setObjectName(QStringLiteral("useSuggestedBaseUrlButton"));
    m_useSuggested->setFlat(true);
    m_useSuggested->setVisible(false);
    connect(m_useSuggested, &QPushButton::clicked, this, &MainWindow::useSuggestedBaseUrl);
    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    statusBar()->addWidget(m_addressLabel);
    statusBar()->addWidget(m_reachLabel);
    statusBar()->addWidget(m_internetLabel);
    statusBar()->addWidget(m_useSuggested);
    statusBar()->addPermanentWidget(m_totalsLabel);
}

void MainWindow::connectLinkViews()
{
    connect(m_filter, &QLineEdit::textChanged, m_model, &LinkTableModel::setFilter);
    connect(m_model, &LinkTableModel::totalCountChanged, this, [this](qint64 total) {
        m_countLabel->setText(total < 0 ? QString() : tr("%1 links").arg(QLocale().toString(total)));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateLinkActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateLinkActions);
    connect(m_table, &QAbstractItemView::activated, this, [this] { showStatsFor(currentSlug()); });
    connect(m_create, &CreatePanel::linkCreated, this, [this](const Link &link) {
        m_tray->setLastShortUrl(m_console->shortUrl(link.slug));
        selectSlug(link.slug);
    });
}

void MainWindow::connectServer()
{
    connect(&m_host, &ServerHost::started, this, &MainWindow::onServerStarted);
    connect(&m_host, &ServerHost::startFailed, this, &MainWindow::onServerFailed);
    connect(&m_host, &ServerHost::stateChanged, this, &MainWindow::onServerStateChanged);
    connect(m_console, &LinkConsole::clicksChanged, this, &MainWindow::scheduleTotals);
    connect(m_console, &LinkConsole::refreshNeeded, this, &MainWindow::scheduleTotals);
    connect(&m_host, &ServerHost::reachabilityChanged, this, &MainWindow::showInternetReachability);
    connect(m_console, &LinkConsole::linkCreated, this, [this](const Link &link) {
        m_tray->setLastShortUrl(m_console->shortUrl(link.slug));
        scheduleTotals();
    });
    // Every journal event (this server's and the others' on a shared
    // database) may become a desktop notification; clicking one brings the
    // window back, from the tray too, on that link's statistics.
    m_notifier = new DesktopNotifier(m_settings, m_tray, this);
    connect(m_console, &LinkConsole::linkEvents, m_notifier, &DesktopNotifier::showEvents);
    connect(m_notifier, &DesktopNotifier::openStatsRequested, this, [this](const QString &slug) {
        showAndRaise();
        showStatsFor(slug);
    });

    m_webhookWatcher = new WebhookWatcher(m_host, this);
    connect(m_webhookWatcher, &WebhookWatcher::disabledHostsChanged, this, &MainWindow::showDisabledWebhooks);

    m_network = new QNetworkAccessManager(this);
    m_probeTimer.setInterval(30'000);
    connect(&m_probeTimer, &QTimer::timeout, this, &MainWindow::probeReachability);
    m_totalsTimer.setSingleShot(true);
    connect(&m_totalsTimer, &QTimer::timeout, this, &MainWindow::refreshTotals);
}

void MainWindow::restoreWindowGeometry()
{
    const QByteArray geometry = m_settings.value(Settings::Key::WindowGeometry).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1040, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto make = [this](const QString &text, const QString &objectName, const QKeySequence &key) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        if (!key.isEmpty())
            action->setShortcut(key);
        return action;
    };
    m_copyLink = make(tr("&Copy short link"), QStringLiteral("copyLinkAction"), QKeySequence::Copy);
    m_copyLink->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openStats = make(tr("Open &statistics"), QStringLiteral("openStatsAction"), QKeySequence(tr("Ctrl+I")));
    m_openDestination =
        make(tr("Open &destination in browser"), QStringLiteral("openDestinationAction"), QKeySequence(tr("Ctrl+Shift+O")));
    m_revoke = make(tr("&Revoke…"), QStringLiteral("revokeAction"), QKeySequence::Delete);
    m_revoke->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_edit = make(tr("&Edit…"), QStringLiteral("editLinkAction"), QKeySequence(tr("Ctrl+E")));
    m_recipients = make(tr("Links for several &recipients…"), QStringLiteral("recipientsAction"),
                        QKeySequence(tr("Ctrl+Shift+L")));
    m_settingsAction = make(tr("&Settings…"), QStringLiteral("settingsAction"), QKeySequence(tr("Ctrl+,")));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_quit = make(tr("&Quit"), QStringLiteral("quitAction"), QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    m_focusNew = make(tr("&New link"), QStringLiteral("newLinkAction"), QKeySequence(tr("Ctrl+L")));
    m_focusFilter = make(tr("&Find links"), QStringLiteral("findAction"), QKeySequence::Find);
    m_showLinks = make(tr("&Links"), QStringLiteral("showLinksAction"), QKeySequence(tr("Ctrl+1")));
    m_showStats = make(tr("S&tatistics"), QStringLiteral("showStatsAction"), QKeySequence(tr("Ctrl+2")));

    // Copy and Delete act on the table only, so they never steal them from text fields.
    m_table->addAction(m_copyLink);
    m_table->addAction(m_openStats);
    m_table->addAction(m_openDestination);
    m_table->addAction(m_edit);
    m_table->addAction(m_revoke);

    connect(m_copyLink, &QAction::triggered, this, &MainWindow::copyCurrentLink);
    connect(m_openStats, &QAction::triggered, this, [this] { showStatsFor(currentSlug()); });
    connect(m_openDestination, &QAction::triggered, this, &MainWindow::openCurrentDestination);
    connect(m_revoke, &QAction::triggered, this, &MainWindow::revokeCurrentLink);
    connect(m_edit, &QAction::triggered, this, &MainWindow::editCurrentLink);
    connect(m_recipients, &QAction::triggered, this, &MainWindow::openRecipients);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitApplication);
    connect(m_focusNew, &QAction::triggered, m_create, &CreatePanel::focusUrl);
    connect(m_focusFilter, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_showLinks, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_table->setFocus(Qt::ShortcutFocusReason);
    });
    connect(m_showStats, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(1);
        m_stats->setFocus(Qt::ShortcutFocusReason);
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_focusNew);
    file->addAction(m_recipients);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    auto *close = file->addAction(tr("&Close window"), QKeySequence::Close, this, &QWidget::close);
    close->setObjectName(QStringLiteral("closeAction"));
    file->addAction(m_quit);

    QMenu *link = menuBar()->addMenu(tr("&Link"));
    link->addAction(m_copyLink);
    link->addAction(m_openStats);
    link->addAction(m_openDestination);
    link->addAction(m_edit);
    link->addSeparator();
    link->addAction(m_revoke);

    menuBar()->addMenu(m_connectionMenu->menu());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_showLinks);
    view->addAction(m_showStats);
    view->addAction(m_focusFilter);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Shortfuse"), this, [this] {
        QMessageBox::about(this, tr("About Shortfuse"),
                           tr("<h3>Shortfuse %1</h3><p>Short links that burn out: each one redirects "
                              "exactly as many times as you allow, then shows an \"expired\" page.</p>"
                              "<p>This window runs its own link server; closing it keeps the links working "
                              "while the tray icon is there.</p>")
                               .arg(QStringLiteral(SHORTFUSE_VERSION)));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildTray(bool trayAvailable)
{
    m_tray = new TrayController(m_settings, trayAvailable, m_quit, this);
    // The switcher between servers is in the tray's menu too (issue 15).
    m_tray->menu()->insertMenu(m_quit, m_connectionMenu->menu());
    connect(m_tray, &TrayController::showWindowRequested, this, &MainWindow::showAndRaise);
    connect(m_tray, &TrayController::toggleWindowRequested, this, [this] {
        if (isVisible() && !isMinimized())
            hide();
        else
            showAndRaise();
    });
}

bool MainWindow::closesToTray() const
{
    return m_tray->isAvailable();
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting) {
        event->accept();
        return;
    }
    event->ignore();
    switch (m_tray->windowClosing()) {
    case TrayController::CloseAction::HideToTray:
        // The links keep working: the server runs until Quit.
        m_settings.setValue(Settings::Key::WindowGeometry, saveGeometry());
        hide();
        return;
    case TrayController::CloseAction::Quit:
        quitApplication();
        return;
    }
}

void MainWindow::quitApplication()
{
    if (m_quitting)
        return;
    m_quitting = true;
    m_settings.setValue(Settings::Key::WindowGeometry, saveGeometry());
    m_settings.sync();
    m_tray->hideIcon();
    hide();
    // Quit only once every click the server recorded is committed.
    connect(&m_host, &ServerHost::stopped, qApp, &QCoreApplication::quit, Qt::SingleShotConnection);
    m_host.stop();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        updateStatusColors();
    QMainWindow::changeEvent(event);
}

QString MainWindow::currentSlug() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid() || !m_table->selectionModel()->isRowSelected(index.row(), {}))
        return {};
    return m_model->data(index, LinkTableModel::SlugRole).toString();
}

bool MainWindow::selectSlug(const QString &slug)
{
    const int row = m_model->rowOfSlug(slug);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void MainWindow::updateLinkActions()
{
    const bool running = m_console->isRunning();
    const QModelIndex index = m_table->currentIndex();
    const bool selected = index.isValid() && m_table->selectionModel()->hasSelection();
    const Link *link = selected ? m_model->linkAt(index.row()) : nullptr;
    m_copyLink->setEnabled(link);
    m_openStats->setEnabled(link && running);
    m_openDestination->setEnabled(link);
    m_revoke->setEnabled(link && running && !link->revoked);
    m_edit->setEnabled(link && running);
    m_recipients->setEnabled(running);
}

void MainWindow::copyCurrentLink()
{
    const QString slug = currentSlug();
    if (slug.isEmpty())
        return;
    QApplication::clipboard()->setText(m_console->shortUrl(slug));
    statusBar()->showMessage(tr("Copied %1").arg(m_console->shortUrl(slug)), 4000);
}

void MainWindow::openCurrentDestination()
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return;
    // The destination itself, not the short link: opening must not use up a click.
    const QString url = m_model->data(index, LinkTableModel::UrlRole).toString();
    QDesktopServices::openUrl(QUrl(url, QUrl::TolerantMode));
}

void MainWindow::revokeCurrentLink()
{
    const QString slug = currentSlug();
    if (slug.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Revoke link"),
                                tr("Revoke %1?\n\nFrom now on it answers like an expired link. This cannot be undone.")
                                    .arg(m_console->shortUrl(slug)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    QPushButton *revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, slug] {
        if (box->clickedButton() != revoke)
            return;
        m_console->revokeLink(slug, this, [this, slug](const Result<bool> &revoked) {
            if (!revoked)
                statusBar()->showMessage(ErrorText::message(revoked.error()), 8000);
            else if (*revoked)
                statusBar()->showMessage(tr("Revoked %1").arg(m_console->shortUrl(slug)), 4000);
        });
    });
    box->open();
}

void MainWindow::editCurrentLink()
{
    const QModelIndex index = m_table->currentIndex();
    const Link *link = index.isValid() && !currentSlug().isEmpty() ? m_model->linkAt(index.row()) : nullptr;
    if (!link)
        return;
    auto *dialog = new EditLinkDialog(*m_console, *link, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditLinkDialog::linkUpdated, this, [this](const Link &updated) {
        statusBar()->showMessage(tr("Saved %1").arg(m_console->shortUrl(updated.slug)), 4000);
    });
    dialog->open();
}

void MainWindow::openRecipients()
{
    auto *dialog = new RecipientsDialog(*m_console, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecipientsDialog::linksCreated, this, [this](const QList<Link> &links) {
        statusBar()->showMessage(tr("Made %1 links").arg(links.size()), 4000);
    });
    dialog->open();
}

void MainWindow::showStatsFor(const QString &slug)
{
    if (slug.isEmpty())
        return;
    m_stats->showLink(slug);
    m_tabs->setCurrentWidget(m_stats);
}

void MainWindow::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_settings, m_host.config(), &m_host, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_settingsDialog = dialog;
    connect(dialog, &SettingsDialog::serverSettingsChanged, this, [this](const ServerConfig &config) {
        if (!m_settings.value(Settings::Key::EmbeddedServer).toBool())
            return; // turned off: nothing to restart (stored for when it is turned on)
        // The running server commits every click before the new one starts.
        m_host.restart(config);
    });
    // A webhook deleted (or added) in the dialog: the banner follows at once.
    connect(dialog, &SettingsDialog::webhooksChanged, m_webhookWatcher, &WebhookWatcher::check);
    connect(dialog, &QDialog::accepted, this, [this] {
        const bool embedded = m_settings.value(Settings::Key::EmbeddedServer).toBool();
        if (!embedded) {
            // Turned off: this computer serves no links (every recorded click committed first).
            if (m_host.state() != ServerHost::State::Stopped)
                m_host.stop();
        } else if (m_host.state() == ServerHost::State::Failed || m_host.state() == ServerHost::State::Stopped) {
            // Unchanged settings after a failed start (or turned back on): try them again.
            m_host.start(m_settings.serverConfig(m_host.config()));
        }
        m_connections->embeddedServerChanged();
    });
    dialog->open();
}

void MainWindow::onServerStateChanged()
{
    if (!showsThisComputer())
        return updateLinkActions(); // the status bar speaks of the remote server shown
    switch (m_host.state()) {
    case ServerHost::State::Starting:
        m_addressLabel->setText(tr("Starting the server…"));
        m_reachLabel->clear();
        break;
    case ServerHost::State::Stopping:
        m_addressLabel->setText(tr("Stopping the server…"));
        m_reachLabel->clear();
        break;
    case ServerHost::State::Stopped:
        m_addressLabel->setText(tr("The server is stopped."));
        m_reachLabel->clear();
        break;
    case ServerHost::State::Failed:
    case ServerHost::State::Running:
    case ServerHost::State::Reconnecting:
        break;
    }
    if (m_host.state() != ServerHost::State::Running) {
        m_probeTimer.stop();
        m_internetLabel->clear();
        m_useSuggested->setVisible(false);
    }
    updateLinkActions();
}

void MainWindow::onServerStarted()
{
    if (!showsThisComputer())
        return;
    m_serverBanner->setVisible(false);
    m_addressLabel->setText(tr("Serving on %1").arg(m_host.listeningUrl()));
    m_addressLabel->setToolTip(tr("Short links start with %1").arg(m_host.baseUrl()));
    m_reachable = false;
    m_reachLabel->setText(tr("checking…"));
    probeReachability();
    m_probeTimer.start();
    refreshTotals();
    updateLinkActions();
}

void MainWindow::onServerFailed(const QString &message)
{
    if (!showsThisComputer())
        return;
    m_serverBannerText->setText(tr("<b>The link server could not start.</b> %1").arg(message.toHtmlEscaped()));
    m_serverBanner->setVisible(true);
    m_addressLabel->setText(tr("Not serving"));
    m_reachable = false;
    m_reachLabel->clear();
    updateStatusColors();
    m_bannerSettings->setFocus(Qt::OtherFocusReason);
}

void MainWindow::probeReachability()
{
    if (!m_host.isRunning())
        return;
    // Through the listening address, as a client would come; a wildcard
    // bind is reached through loopback.
    QHostAddress address = m_host.config().bindAddress;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(m_host.port());
    url.setPath(QStringLiteral("/health"));
    QNetworkRequest request(url);
    request.setTransferTimeout(5000);
    QNetworkReply *reply = m_network->get(request);
    const quint16 port = m_host.port();
    connect(reply, &QNetworkReply::finished, this, [this, reply, port] {
        reply->deleteLater();
        if (port != m_host.port() || !m_host.isRunning())
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_reachable = reply->error() == QNetworkReply::NoError && status == 200;
        m_reachLabel->setText(m_reachable ? tr("● answering") : tr("● not answering"));
        m_reachLabel->setToolTip(m_reachable ? tr("The server answered its health check.")
                                             : tr("The health check failed: %1").arg(reply->errorString()));
        updateStatusColors();
    });
}

void MainWindow::showInternetReachability(const ReachabilityVerdict &verdict)
{
    if (!m_host.isRunning() || !showsThisComputer())
        return;
    m_internetLabel->setText(ReachabilityText::headline(verdict));
    m_internetLabel->setToolTip(ReachabilityText::sentence(verdict));
    theme::setTextColor(m_internetLabel, verdict.level == ReachabilityLevel::Internet ? theme::okColor(palette())
                                                                                       : palette().color(QPalette::WindowText));
    m_addressLabel->setToolTip(tr("Short links start with %1").arg(m_host.baseUrl()));

    // A new lease from the provider or a rebooted router: the mapping has
    // followed (and, with no base URL of the user's, so have new links).
    const ReachabilityFacts &facts = verdict.facts;
    if (facts.gateway == GatewayAnswer::Mapped && facts.externalAddress) {
        const QString external = facts.externalAddress->toString();
        if (!m_lastExternalAddress.isEmpty() && external != m_lastExternalAddress) {
            statusBar()->showMessage(tr("The router's external address changed to %1; new links start with %2.")
                                         .arg(external, m_host.baseUrl()),
                                     15'000);
        }
        m_lastExternalAddress = external;
    }

    // Offered, never applied unasked: behind a second router that address
    // works only on the network between the two.
    const bool offer = verdict.suggestedBaseUrl && m_host.config().baseUrl.isEmpty()
        && m_host.baseUrl() != *verdict.suggestedBaseUrl;
    m_useSuggested->setVisible(offer);
    if (offer) {
        m_useSuggested->setText(tr("Use %1 for links").arg(*verdict.suggestedBaseUrl));
        m_useSuggested->setToolTip(tr("Make new short links with this address (Settings, public base URL)."));
    }
}

void MainWindow::useSuggestedBaseUrl()
{
    const std::optional<QString> suggested = m_host.reachability().suggestedBaseUrl;
    if (!suggested || !m_host.isRunning())
        return;
    // Stored as the user's own base URL, then the server restarts with it
    // (every recorded click committed first; the mapping is made again).
    m_settings.setValue(Settings::Key::BaseUrl, *suggested);
    m_settings.sync();
    ServerConfig config = m_host.config();
    config.baseUrl = *suggested;
    m_useSuggested->setVisible(false);
    statusBar()->showMessage(tr("New links start with %1.").arg(*suggested), 8'000);
    m_host.restart(config);
}

void MainWindow::refreshTotals()
{
    const qint64 since = QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch();
    m_console->totals(since, this, [this](const Result<Totals> &totals) {
        if (!totals)
            return;
        m_totalLinks = totals->links;
        m_clicksToday = totals->clicksSince;
        updateTotalsLabel();
    });
    m_totalsTimer.start(60'000);  // and again in a minute: "today" moves at midnight
}

void MainWindow::scheduleTotals()
{
    // Soon, but at most twice a second however fast clicks come.
    if (!m_totalsTimer.isActive() || m_totalsTimer.remainingTime() > 500)
        m_totalsTimer.start(500);
}

void MainWindow::updateTotalsLabel()
{
    if (m_totalLinks < 0)
        return;
    m_totalsLabel->setText(tr("%1 links · %2 clicks today")
                               .arg(QLocale().toString(m_totalLinks), QLocale().toString(m_clicksToday)));
}

void MainWindow::updateStatusColors()
{
    theme::setTextColor(m_reachLabel, m_reachable ? theme::okColor(palette()) : theme::errorColor(palette()));
    theme::setTextColor(m_serverBannerText, theme::errorColor(palette()));
}

} // namespace shortfuse
