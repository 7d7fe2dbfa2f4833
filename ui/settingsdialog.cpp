#include "ui/settingsdialog.h"

#include "ui/desktopnotifier.h"
#include "ui/errortext.h"
#include "ui/reachabilitytext.h"
#include "ui/serverhost.h"
#include "ui/settings.h"
#include "ui/theme.h"
#include "ui/webhookssection.h"

#include "server/core/addressscope.h"
#include "server/core/clientaddress.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QFrame>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QTreeWidget>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace shortfuse {

namespace {

QWidget *withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

QList<QPair<QString, QString>> SettingsDialog::languages()
{
    return {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("es"), QStringLiteral("Español")},
        {QStringLiteral("fr"), QStringLiteral("Français")},
        {QStringLiteral("ja"), QStringLiteral("日本語")},
    };
}

SettingsDialog::SettingsDialog(Settings &settings, const ServerConfig &current, ServerHost *host, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_current(current)
    , m_host(host)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Shortfuse Settings"));

    auto makeError = [this](const QString &name) {
        auto *label = new QLabel(this);
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setVisible(false);
        theme::setTextColor(label, theme::errorColor(palette()));
        return label;
    };

    // What is shown is what runs now; a flag given on the command line shows too.
    m_bind = new QLineEdit(current.bindAddress.toString(), this);
    m_bind->setObjectName(QStringLiteral("bindEdit"));
    m_bind->setAccessibleName(tr("Bind address"));
    m_bind->setToolTip(tr("127.0.0.1: this computer only. 0.0.0.0 or ::: every network interface."));
    m_bindError = makeError(QStringLiteral("bindError"));

    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setValue(current.port);
    m_port->setAccessibleName(tr("Port"));

    m_baseUrl = new QLineEdit(current.baseUrl, this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(tr("automatic: http://<bind address>:<port>"));
    m_baseUrl->setAccessibleName(tr("Public base URL"));
    m_baseUrl->setToolTip(tr("The address people use to reach this computer, when a router, "
                             "a tunnel or a reverse proxy exposes it, e.g. https://sho.rt"));
    m_baseUrlError = makeError(QStringLiteral("baseUrlError"));

    m_rateLimit = new QSpinBox(this);
    m_rateLimit->setObjectName(QStringLiteral("rateLimitSpin"));
    m_rateLimit->setRange(0, 1'000'000);
    m_rateLimit->setSpecialValueText(tr("Off"));
    m_rateLimit->setSuffix(tr(" per minute"));
    m_rateLimit->setValue(current.rateLimitPerMinute);
    m_rateLimit->setAccessibleName(tr("Rate limit"));
    m_rateLimit->setToolTip(tr("Links each client address may create per minute through the web form "
                               "and the API. Redirects are never limited."));

    m_proxies = new QLineEdit(Settings::subnetsToText(current.trustedProxies), this);
    m_proxies->setObjectName(QStringLiteral("trustedProxiesEdit"));
    m_proxies->setPlaceholderText(tr("none, e.g. 127.0.0.1, 10.0.0.0/8"));
    m_proxies->setAccessibleName(tr("Trusted proxies"));
    m_proxies->setToolTip(tr("Peers whose X-Forwarded-For header is believed."));
    m_proxiesError = makeError(QStringLiteral("trustedProxiesError"));

    m_dataDir = new QLineEdit(current.dataDir, this);
    m_dataDir->setObjectName(QStringLiteral("dataDirEdit"));
    m_dataDir->setAccessibleName(tr("Data folder"));
    m_dataDir->setPlaceholderText(ServerOptions::defaultDataDir());
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseDataDirButton"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseDataDir);
    auto *dataRow = new QWidget(this);
    auto *dataLayout = new QHBoxLayout(dataRow);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    dataLayout->addWidget(m_dataDir, 1);
    dataLayout->addWidget(browse);
    m_dataDirError = makeError(QStringLiteral("dataDirError"));

    m_createAccess = new QComboBox(this);
    m_createAccess->setObjectName(QStringLiteral("createAccessCombo"));
    m_createAccess->setAccessibleName(tr("Who may create links"));
    m_createAccess->addItem(tr("This computer, or anyone with an API key"), createAccessName(CreateAccess::Local));
    m_createAccess->addItem(tr("Only with an API key"), createAccessName(CreateAccess::Keys));
    m_createAccess->addItem(tr("Anyone (within the rate limit)"), createAccessName(CreateAccess::Public));
    m_createAccess->setCurrentIndex(m_createAccess->findData(createAccessName(current.createAccess)));
    m_createAccess->setToolTip(tr("Who may make links through the web form and the API. This window always can."));

    m_publicStats = new QCheckBox(tr("Anyone who knows a short link may read its &statistics"), this);
    m_publicStats->setObjectName(QStringLiteral("publicStatsCheck"));
    m_publicStats->setChecked(current.publicStats);
    m_publicStats->setToolTip(tr("Off: only this computer, API keys and holders of a link's statistics address "
                                 "(with its token) may read them."));

    m_startMinimized = new QCheckBox(tr("Start &minimised to the tray"), this);
    m_startMinimized->setObjectName(QStringLiteral("startMinimizedCheck"));
    m_startMinimized->setChecked(m_settings.value(Settings::Key::StartMinimized).toBool());
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        m_startMinimized->setToolTip(tr("This desktop has no tray; the window always opens."));

    m_embeddedServer = new QCheckBox(tr("Run this computer's own link &server"), this);
    m_embeddedServer->setObjectName(QStringLiteral("embeddedServerCheck"));
    m_embeddedServer->setChecked(m_settings.value(Settings::Key::EmbeddedServer).toBool());
    m_embeddedServer->setToolTip(tr("Off: this window only manages remote servers (Server → Add a server…), and "
                                    "this computer serves no links."));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    const QString language = m_settings.value(Settings::Key::Language).toString();
    for (const auto &[code, name] : languages()) {
        m_language->addItem(name, code);
        if (code == language)
            m_language->setCurrentIndex(m_language->count() - 1);
    }
    // The window's texts are made once, when it opens: a language chosen
    // here is installed at the next start (desktop_main), and says so.
    auto *languageNote = new QLabel(tr("A new language shows the next time Shortfuse starts."), this);
    languageNote->setObjectName(QStringLiteral("languageNote"));
    languageNote->setWordWrap(true);

    // Desktop notifications (issue 13): applied at once, no restart.
    m_notifyMode = new QComboBox(this);
    m_notifyMode->setObjectName(QStringLiteral("notifyModeCombo"));
    m_notifyMode->setAccessibleName(tr("Notify me"));
    m_notifyMode->addItem(tr("On every click of a capped link"), DesktopNotifier::modeName(DesktopNotifier::Mode::EveryClaim));
    m_notifyMode->addItem(tr("Only when a link is used up"), DesktopNotifier::modeName(DesktopNotifier::Mode::UsedUpOnly));
    m_notifyMode->addItem(tr("Never"), DesktopNotifier::modeName(DesktopNotifier::Mode::Never));
    const DesktopNotifier::Mode mode = DesktopNotifier::modeFromName(m_settings.value(Settings::Key::NotifyMode).toString());
    m_notifyMode->setCurrentIndex(m_notifyMode->findData(DesktopNotifier::modeName(mode)));
    m_quietForBots = new QCheckBox(tr("&Quiet for bots"), this);
    m_quietForBots->setObjectName(QStringLiteral("quietForBotsCheck"));
    m_quietForBots->setChecked(m_settings.value(Settings::Key::NotifyQuietForBots).toBool());
    m_quietForBots->setToolTip(tr("No notification when a crawler or a link checker opens a link."));

    auto *server = new QGroupBox(tr("Link server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("&Bind address:"), withError(m_bind, m_bindError));
    serverForm->addRow(tr("&Port:"), m_port);
    serverForm->addRow(tr("Public &base URL:"), withError(m_baseUrl, m_baseUrlError));
    serverForm->addRow(tr("&Rate limit:"), m_rateLimit);
    serverForm->addRow(tr("&Trusted proxies:"), withError(m_proxies, m_proxiesError));
    serverForm->addRow(tr("&Data folder:"), withError(dataRow, m_dataDirError));
    serverForm->addRow(tr("Who may &create:"), m_createAccess);
    // The labels' mnemonics reach the fields inside their error wrappers.
    for (int row = 0; row < serverForm->rowCount(); ++row) {
        auto *label = qobject_cast<QLabel *>(serverForm->itemAt(row, QFormLayout::LabelRole)->widget());
        QWidget *field = serverForm->itemAt(row, QFormLayout::FieldRole)->widget();
        if (!label || !field)
            continue;
        if (auto *edit = field->findChild<QLineEdit *>())
            label->setBuddy(edit);
        else
            label->setBuddy(field);
    }

    serverForm->addRow(m_publicStats);

    auto *window = new QGroupBox(tr("Window"), this);
    auto *windowForm = new QFormLayout(window);
    windowForm->addRow(m_startMinimized);
    windowForm->addRow(m_embeddedServer);
    windowForm->addRow(tr("&Language:"), m_language);
    windowForm->addRow(languageNote);

    auto *notifications = new QGroupBox(tr("Notifications"), this);
    notifications->setObjectName(QStringLiteral("notificationsGroup"));
    auto *notificationsForm = new QFormLayout(notifications);
    notificationsForm->addRow(tr("&Notify me:"), m_notifyMode);
    notificationsForm->addRow(m_quietForBots);

    auto *note = new QLabel(tr("OK restarts the link server with these settings. "
                               "Clicks already recorded are kept."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    // The sections scroll, the buttons stay: with keys and webhooks the
    // dialog is taller than a laptop's screen.
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->addWidget(server);
    pageLayout->addWidget(buildReachability());
    pageLayout->addWidget(note);
    if (m_host) {
        pageLayout->addWidget(buildKeys());
        m_webhooks = new WebhooksSection(*m_host, page);
        connect(m_webhooks, &WebhooksSection::changed, this, &SettingsDialog::webhooksChanged);
        pageLayout->addWidget(m_webhooks);
    }
    pageLayout->addWidget(window);
    pageLayout->addWidget(notifications);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("settingsScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(buttons);
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().height() * 85 / 100 : 800;
    const int wanted = page->sizeHint().height() + buttons->sizeHint().height() + 3 * layout->spacing()
        + layout->contentsMargins().top() + layout->contentsMargins().bottom();
    resize(qMax(560, page->sizeHint().width() + m_scroll->verticalScrollBar()->sizeHint().width()), qMin(wanted, room));
}

QGroupBox *SettingsDialog::buildReachability()
{
    auto *group = new QGroupBox(tr("Reachable from the internet"), this);
    group->setObjectName(QStringLiteral("reachabilityGroup"));
    m_reachable = new QCheckBox(tr("Make my links reachable from the &internet"), group);
    m_reachable->setObjectName(QStringLiteral("reachableCheck"));
    m_reachable->setChecked(m_current.portMapping.has_value());
    m_reachable->setToolTip(tr("Asks your router (UPnP or NAT-PMP) to forward a port to this computer, and "
                               "listens on every network interface. /metrics stays on this computer."));
    connect(m_reachable, &QCheckBox::toggled, this, &SettingsDialog::reachableToggled);

    m_externalPort = new QSpinBox(group);
    m_externalPort->setObjectName(QStringLiteral("externalPortSpin"));
    m_externalPort->setRange(0, 65535);
    m_externalPort->setSpecialValueText(tr("Same as the port"));
    m_externalPort->setValue(m_current.externalPort);
    m_externalPort->setAccessibleName(tr("External port"));
    m_externalPort->setToolTip(tr("The port to ask for on the router's internet side; another is taken when "
                                  "the router has this one in use."));

    // What the router said, live while the dialog is open.
    m_reachability = new QLabel(group);
    m_reachability->setObjectName(QStringLiteral("reachabilityVerdictLabel"));
    m_reachability->setWordWrap(true);
    m_reachability->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_useSuggested = new QPushButton(group);
    m_useSuggested->setObjectName(QStringLiteral("useSuggestedBaseUrlButton"));
    m_useSuggested->setAutoDefault(false);
    connect(m_useSuggested, &QPushButton::clicked, this, [this] {
        if (m_host && m_host->reachability().suggestedBaseUrl)
            m_baseUrl->setText(*m_host->reachability().suggestedBaseUrl);
        showReachability();
    });
    connect(m_baseUrl, &QLineEdit::textChanged, this, &SettingsDialog::showReachability);
    if (m_host)
        connect(m_host, &ServerHost::reachabilityChanged, this, &SettingsDialog::showReachability);

    auto *form = new QFormLayout(group);
    form->addRow(m_reachable);
    form->addRow(tr("E&xternal port:"), m_externalPort);
    form->addRow(m_reachability);
    form->addRow(m_useSuggested);
    showReachability();
    return group;
}

void SettingsDialog::reachableToggled(bool on)
{
    // A router can only forward to an address of the network: a loopback
    // bind becomes every interface (and comes back when turned off again).
    const QHostAddress bind(m_bind->text().trimmed());
    if (on && addressScope(bind) == AddressScope::Loopback) {
        m_bindBeforeReachable = m_bind->text();
        m_bind->setText(QStringLiteral("0.0.0.0"));
    } else if (!on && !m_bindBeforeReachable.isEmpty() && m_bind->text().trimmed() == QLatin1String("0.0.0.0")) {
        m_bind->setText(m_bindBeforeReachable);
        m_bindBeforeReachable.clear();
    }
}

void SettingsDialog::showReachability()
{
    if (!m_host || !m_host->isRunning()) {
        m_reachability->setText(tr("The server is not running."));
        m_useSuggested->setVisible(false);
        return;
    }
    const ReachabilityVerdict &verdict = m_host->reachability();
    m_reachability->setText(QStringLiteral("<b>%1</b><br>%2")
                                .arg(ReachabilityText::headline(verdict).toHtmlEscaped(),
                                     ReachabilityText::sentence(verdict).toHtmlEscaped()));
    // Offered, never applied unasked: behind a second router the address
    // works only on the network between the two.
    const bool offer = verdict.suggestedBaseUrl && m_baseUrl->text().trimmed() != *verdict.suggestedBaseUrl
        && m_host->baseUrl() != *verdict.suggestedBaseUrl;
    m_useSuggested->setVisible(offer);
    if (offer)
        m_useSuggested->setText(tr("Use %1 as the public base URL").arg(*verdict.suggestedBaseUrl));
}

void SettingsDialog::showWebhooks()
{
    if (m_webhooks)
        m_scroll->ensureWidgetVisible(m_webhooks, 0, 0);
}

QGroupBox *SettingsDialog::buildKeys()
{
    auto *group = new QGroupBox(tr("API keys"), this);
    group->setObjectName(QStringLiteral("apiKeysGroup"));
    auto *intro = new QLabel(tr("Scripts and other computers make and manage links with a key "
                                "(Authorization: Bearer …). Keys work, and stop working, at once: no restart."),
                             group);
    intro->setWordWrap(true);

    m_keys = new QTreeWidget(group);
    m_keys->setObjectName(QStringLiteral("apiKeysList"));
    m_keys->setAccessibleName(tr("API keys"));
    m_keys->setRootIsDecorated(false);
    m_keys->setHeaderLabels({tr("Name"), tr("Sees"), tr("Key starts with"), tr("Created"), tr("Last used"), tr("Status")});
    m_keys->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_keys->setMinimumHeight(110);
    connect(m_keys, &QTreeWidget::itemSelectionChanged, this, &SettingsDialog::updateKeyButtons);

    m_keyName = new QLineEdit(group);
    m_keyName->setObjectName(QStringLiteral("newKeyNameEdit"));
    m_keyName->setAccessibleName(tr("New key's name"));
    m_keyName->setPlaceholderText(tr("name of a new key, e.g. backup-script"));
    m_keyAdmin = new QCheckBox(tr("&Admin (sees every link)"), group);
    m_keyAdmin->setObjectName(QStringLiteral("newKeyAdminCheck"));
    m_createKey = new QPushButton(tr("Create &key"), group);
    m_createKey->setObjectName(QStringLiteral("createKeyButton"));
    m_createKey->setAutoDefault(false);
    connect(m_createKey, &QPushButton::clicked, this, &SettingsDialog::createKey);
    connect(m_keyName, &QLineEdit::returnPressed, this, &SettingsDialog::createKey);
    m_revokeKey = new QPushButton(tr("Re&voke…"), group);
    m_revokeKey->setObjectName(QStringLiteral("revokeKeyButton"));
    m_revokeKey->setAutoDefault(false);
    connect(m_revokeKey, &QPushButton::clicked, this, &SettingsDialog::revokeSelectedKey);
    auto *row = new QHBoxLayout;
    row->addWidget(m_keyName, 1);
    row->addWidget(m_keyAdmin);
    row->addWidget(m_createKey);
    row->addWidget(m_revokeKey);

    m_keysError = new QLabel(group);
    m_keysError->setObjectName(QStringLiteral("keysError"));
    m_keysError->setWordWrap(true);
    m_keysError->setVisible(false);
    theme::setTextColor(m_keysError, theme::errorColor(palette()));

    // The new key, once: it is stored only as its SHA-256 and cannot be shown again.
    m_newKeyBox = new QFrame(group);
    m_newKeyBox->setObjectName(QStringLiteral("newKeyBox"));
    m_newKeyBox->setFrameShape(QFrame::StyledPanel);
    auto *warning = new QLabel(tr("<b>Copy this key now.</b> It is shown only this once: Shortfuse keeps "
                                  "only a fingerprint of it and cannot show it again."),
                               m_newKeyBox);
    warning->setObjectName(QStringLiteral("newKeyWarning"));
    warning->setWordWrap(true);
    m_newKey = new QLineEdit(m_newKeyBox);
    m_newKey->setObjectName(QStringLiteral("newKeySecretEdit"));
    m_newKey->setReadOnly(true);
    m_newKey->setAccessibleName(tr("The new key"));
    auto *copy = new QPushButton(tr("C&opy"), m_newKeyBox);
    copy->setObjectName(QStringLiteral("copyKeyButton"));
    copy->setAutoDefault(false);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_newKey->text()); });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_newKey, 1);
    keyRow->addWidget(copy);
    auto *boxLayout = new QVBoxLayout(m_newKeyBox);
    boxLayout->addWidget(warning);
    boxLayout->addLayout(keyRow);
    m_newKeyBox->setVisible(false);

    auto *layout = new QVBoxLayout(group);
    layout->addWidget(intro);
    layout->addWidget(m_keys);
    layout->addLayout(row);
    layout->addWidget(m_keysError);
    layout->addWidget(m_newKeyBox);
    updateKeyButtons();
    reloadKeys();
    return group;
}

QString SettingsDialog::shownKey() const
{
    return m_newKey ? m_newKey->text() : QString();
}

void SettingsDialog::reloadKeys()
{
    if (!m_host)
        return;
    m_host->listKeys(this, [this](const Result<QList<ApiKey>> &keys) {
        if (!keys) {
            showError(m_keysError, ErrorText::message(keys.error()));
            return;
        }
        showKeys(*keys);
    });
}

void SettingsDialog::showKeys(const QList<ApiKey> &keys)
{
    m_apiKeys = keys;
    auto when = [](std::optional<qint64> ms) {
        return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime(), QLocale::ShortFormat)
                  : tr("never");
    };
    m_keys->clear();
    for (const ApiKey &key : keys) {
        auto *item = new QTreeWidgetItem(m_keys);
        item->setText(0, key.name);
        item->setText(1, key.admin ? tr("every link (admin)") : tr("its own links"));
        item->setText(2, key.prefix + QStringLiteral("…"));
        item->setText(3, when(key.createdAtMs));
        item->setText(4, when(key.lastUsedAtMs));
        item->setText(5, key.revoked() ? tr("revoked %1").arg(when(key.revokedAtMs)) : tr("active"));
        item->setData(0, Qt::UserRole, key.revoked());
        if (key.revoked())
            for (int column = 0; column < m_keys->columnCount(); ++column)
                item->setForeground(column, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    updateKeyButtons();
}

void SettingsDialog::updateKeyButtons()
{
    const QTreeWidgetItem *item = m_keys->currentItem();
    m_revokeKey->setEnabled(item && item->isSelected() && !item->data(0, Qt::UserRole).toBool());
}

void SettingsDialog::createKey()
{
    const QString name = m_keyName->text().trimmed();
    if (const QString problem = apikeys::nameProblem(name); !problem.isEmpty()) {
        showError(m_keysError, ErrorText::message(Error{400, "invalid_key_name", problem}));
        m_keyName->setFocus(Qt::OtherFocusReason);
        return;
    }
    showError(m_keysError, {});
    m_createKey->setEnabled(false);
    m_host->createKey(name, m_keyAdmin->isChecked(), this, [this](const Result<ServerHost::CreatedKey> &created) {
        m_createKey->setEnabled(true);
        if (!created) {
            showError(m_keysError, ErrorText::message(created.error()));
            return;
        }
        m_keyName->clear();
        m_keyAdmin->setChecked(false);
        m_newKey->setText(created->secret);
        m_newKeyBox->setVisible(true);
        m_newKey->selectAll();
        m_newKey->setFocus(Qt::OtherFocusReason);
        reloadKeys();
    });
}

void SettingsDialog::revokeSelectedKey()
{
    const QTreeWidgetItem *item = m_keys->currentItem();
    if (!item || item->data(0, Qt::UserRole).toBool())
        return;
    const QString name = item->text(0);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Revoke key"),
                                tr("Revoke the key \"%1\"?\n\nEvery script or server using it is refused from now "
                                   "on. This cannot be undone.")
                                    .arg(name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("revokeKeyConfirmation"));
    QPushButton *revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeKeyButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, name] {
        if (box->clickedButton() != revoke)
            return;
        m_host->revokeKey(name, this, [this](const Result<bool> &revoked) {
            if (!revoked)
                showError(m_keysError, ErrorText::message(revoked.error()));
            reloadKeys();
        });
    });
    box->open();
}

void SettingsDialog::browseDataDir()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), m_dataDir->text());
    if (!dir.isEmpty())
        m_dataDir->setText(dir);
}

void SettingsDialog::showError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

std::optional<ServerConfig> SettingsDialog::readServerConfig()
{
    ServerConfig config = m_current;
    bool ok = true;
    QWidget *firstWrong = nullptr;
    auto fail = [&](QLabel *label, QWidget *field, const QString &message) {
        showError(label, message);
        if (!firstWrong)
            firstWrong = field;
        ok = false;
    };

    const QHostAddress bind(m_bind->text().trimmed());
    if (bind.isNull())
        fail(m_bindError, m_bind, tr("Not an IP address; try 127.0.0.1 or 0.0.0.0."));
    else {
        showError(m_bindError, {});
        config.bindAddress = bind;
    }
    config.port = quint16(m_port->value());

    const QString baseUrl = m_baseUrl->text().trimmed();
    if (baseUrl.isEmpty()) {
        showError(m_baseUrlError, {});
        config.baseUrl.clear();
    } else if (Result<QString> normal = normalizeBaseUrl(baseUrl)) {
        showError(m_baseUrlError, {});
        config.baseUrl = *normal;
    } else {
        fail(m_baseUrlError, m_baseUrl,
             tr("Use an http:// or https:// address without a query, e.g. https://sho.rt"));
    }

    config.rateLimitPerMinute = m_rateLimit->value();

    const QString proxies = m_proxies->text().trimmed();
    if (proxies.isEmpty()) {
        showError(m_proxiesError, {});
        config.trustedProxies.clear();
    } else if (Result<QList<Subnet>> subnets = ClientAddressResolver::parseSubnets(proxies)) {
        showError(m_proxiesError, {});
        config.trustedProxies = *subnets;
    } else {
        fail(m_proxiesError, m_proxies, tr("Addresses or ranges separated by commas, e.g. 127.0.0.1, 10.0.0.0/8."));
    }

    const QString dataDir = m_dataDir->text().trimmed();
    config.dataDir = dataDir.isEmpty() ? ServerOptions::defaultDataDir() : dataDir;
    showError(m_dataDirError, {});

    if (const std::optional<CreateAccess> access = createAccessFromName(m_createAccess->currentData().toString()))
        config.createAccess = *access;
    config.publicStats = m_publicStats->isChecked();
    if (m_reachable->isChecked()) {
        // A method given as a flag (--port-mapping natpmp) stays; the window's own choice is any.
        if (!config.portMapping)
            config.portMapping = PortMapper::Method::Auto;
    } else
        config.portMapping.reset();
    config.externalPort = quint16(m_externalPort->value());

    if (firstWrong)
        firstWrong->setFocus(Qt::OtherFocusReason);
    if (!ok)
        return std::nullopt;
    return config;
}

void SettingsDialog::accept()
{
    const std::optional<ServerConfig> config = readServerConfig();
    if (!config)
        return;
    m_settings.setServerConfig(*config);
    m_settings.setValue(Settings::Key::StartMinimized, m_startMinimized->isChecked());
    m_settings.setValue(Settings::Key::EmbeddedServer, m_embeddedServer->isChecked());
    m_settings.setValue(Settings::Key::Language, m_language->currentData().toString());
    m_settings.setValue(Settings::Key::NotifyMode, m_notifyMode->currentData().toString());
    m_settings.setValue(Settings::Key::NotifyQuietForBots, m_quietForBots->isChecked());
    m_settings.sync();

    const bool serverChanged = config->bindAddress != m_current.bindAddress || config->port != m_current.port
        || config->baseUrl != m_current.baseUrl || config->rateLimitPerMinute != m_current.rateLimitPerMinute
        || config->trustedProxies != m_current.trustedProxies || config->dataDir != m_current.dataDir
        || config->createAccess != m_current.createAccess || config->publicStats != m_current.publicStats
        || config->portMapping != m_current.portMapping || config->externalPort != m_current.externalPort;
    if (serverChanged)
        Q_EMIT serverSettingsChanged(*config);
    QDialog::accept();
}

} // namespace shortfuse
