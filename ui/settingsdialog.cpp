#include "ui/settingsdialog.h"

#include "ui/settings.h"
#include "ui/theme.h"

#include "server/core/clientaddress.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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

SettingsDialog::SettingsDialog(Settings &settings, const ServerConfig &current, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_current(current)
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

    m_startMinimized = new QCheckBox(tr("Start &minimised to the tray"), this);
    m_startMinimized->setObjectName(QStringLiteral("startMinimizedCheck"));
    m_startMinimized->setChecked(m_settings.value(Settings::Key::StartMinimized).toBool());
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        m_startMinimized->setToolTip(tr("This desktop has no tray; the window always opens."));

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

    auto *server = new QGroupBox(tr("Link server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("&Bind address:"), withError(m_bind, m_bindError));
    serverForm->addRow(tr("&Port:"), m_port);
    serverForm->addRow(tr("Public &base URL:"), withError(m_baseUrl, m_baseUrlError));
    serverForm->addRow(tr("&Rate limit:"), m_rateLimit);
    serverForm->addRow(tr("&Trusted proxies:"), withError(m_proxies, m_proxiesError));
    serverForm->addRow(tr("&Data folder:"), withError(dataRow, m_dataDirError));
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

    auto *window = new QGroupBox(tr("Window"), this);
    auto *windowForm = new QFormLayout(window);
    windowForm->addRow(m_startMinimized);
    windowForm->addRow(tr("&Language:"), m_language);
    windowForm->addRow(languageNote);

    auto *note = new QLabel(tr("OK restarts the link server with these settings. "
                               "Clicks already recorded are kept."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(window);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
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
    m_settings.setValue(Settings::Key::Language, m_language->currentData().toString());
    m_settings.sync();

    const bool serverChanged = config->bindAddress != m_current.bindAddress || config->port != m_current.port
        || config->baseUrl != m_current.baseUrl || config->rateLimitPerMinute != m_current.rateLimitPerMinute
        || config->trustedProxies != m_current.trustedProxies || config->dataDir != m_current.dataDir;
    if (serverChanged)
        Q_EMIT serverSettingsChanged(*config);
    QDialog::accept();
}

} // namespace shortfuse
