#include "ui/createpanel.h"

#include "ui/createform.h"
#include "ui/errortext.h"
#include "ui/qrcode.h"
#include "ui/linkconsole.h"
#include "ui/theme.h"

#include "server/links/linkrules.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace shortfuse {

using Field = CreateForm::Field;

namespace {

QLabel *makeErrorLabel(QWidget *parent, const QString &objectName, QWidget *buddy)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    label->setBuddy(buddy);
    return label;
}

QLineEdit *makeLineEdit(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QLabel *makeBuddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// The locale's short date and time, with seconds (an expiry can be minutes away).
QString expiryDisplayFormat()
{
    QString format = QLocale().dateTimeFormat(QLocale::ShortFormat);
    if (!format.contains(u's'))
        format.replace(QStringLiteral("mm"), QStringLiteral("mm:ss"));
    return format;
}

// As-you-type errors wait for a pause in typing.
void makeCheckDelay(QTimer &timer)
{
    timer.setSingleShot(true);
    timer.setInterval(400);
}

} // namespace

CreatePanel::CreatePanel(LinkConsole &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
{
    auto *form = new QGroupBox(tr("New link"), this);
    form->setObjectName(QStringLiteral("newLinkGroup"));
    buildLinkFields(form);
    buildOptions(form);
    layOutForm(form);
    buildResult();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form, 1);
    layout->addWidget(m_result, 0);
    setTabOrders();

    connectFieldChecks();
    connectOptions();
    connectActions();
    followMaxClicks();
    updateProtectionHint();
    applyColors();
}

void CreatePanel::buildLinkFields(QGroupBox *form)
{
    m_url = makeLineEdit(form, QStringLiteral("urlEdit"), tr("Destination URL"));
    m_url->setPlaceholderText(tr("https://example.com/a/long/address"));
    m_url->setClearButtonEnabled(true);
    m_url->setMaxLength(rules::kMaxUrlLength + 1);  // one more, so "too long" can be said
    m_urlError = makeErrorLabel(form, QStringLiteral("urlError"), m_url);
    m_urlError->setAccessibleName(tr("Destination URL error"));

    m_alias = makeLineEdit(form, QStringLiteral("aliasEdit"), tr("Alias"));
    m_alias->setPlaceholderText(tr("optional, e.g. spring-invite"));
    m_alias->setMaxLength(rules::kMaxAliasLength + 1);
    m_aliasError = makeErrorLabel(form, QStringLiteral("aliasError"), m_alias);
    m_aliasError->setAccessibleName(tr("Alias error"));

    m_maxClicks = new QSpinBox(form);
    m_maxClicks->setObjectName(QStringLiteral("maxClicksSpin"));
    m_maxClicks->setRange(0, int(rules::kMaxClicksLimit));
    m_maxClicks->setSpecialValueText(tr("Unlimited"));  // shown for the minimum, 0
    m_maxClicks->setValue(1);
    m_maxClicks->setAccelerated(true);
    m_maxClicks->setAccessibleName(tr("Max clicks"));
    m_maxClicks->setToolTip(tr("How many times the link redirects before it expires. "
                               "The lowest value means unlimited."));
    m_maxClicks->setMinimumWidth(m_maxClicks->fontMetrics().horizontalAdvance(QStringLiteral("2147483647")) + 40);
    m_maxClicksError = makeErrorLabel(form, QStringLiteral("maxClicksError"), m_maxClicks);

    m_shorten = new QPushButton(tr("&Shorten"), form);
    m_shorten->setObjectName(QStringLiteral("shortenButton"));
    m_shorten->setAccessibleName(tr("Shorten"));
    m_shorten->setDefault(true);
    m_formError = makeErrorLabel(form, QStringLiteral("formError"), m_shorten);
}

void CreatePanel::buildOptions(QGroupBox *form)
{
    // Per-link options, behind a disclosure so the common case stays one row.
    m_optionsToggle = new QToolButton(form);
    m_optionsToggle->setObjectName(QStringLiteral("optionsToggle"));
    m_optionsToggle->setText(tr("&Options"));
    m_optionsToggle->setAccessibleName(tr("Show link options"));
    m_optionsToggle->setToolTip(tr("Preview protection, password, expiry"));
    m_optionsToggle->setCheckable(true);
    m_optionsToggle->setAutoRaise(true);
    m_optionsToggle->setArrowType(Qt::RightArrow);
    m_optionsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_optionsToggle->setFocusPolicy(Qt::StrongFocus);

    m_options = new QWidget(form);
    m_options->setObjectName(QStringLiteral("optionsBox"));
    buildProtectionField();
    buildPasswordField();
    buildExpiryFields();
    layOutOptions();
    m_options->setVisible(false);
}

void CreatePanel::buildProtectionField()
{
    m_protection = new QComboBox(m_options);
    m_protection->setObjectName(QStringLiteral("previewProtectionCombo"));
    m_protection->setAccessibleName(tr("Preview protection"));
    auto addMode = [this](const QString &text, PreviewProtection mode, const QString &explanation) {
        m_protection->addItem(text, rules::previewProtectionName(mode));
        m_protection->setItemData(m_protection->count() - 1, explanation, Qt::ToolTipRole);
    };
    addMode(tr("Auto"), PreviewProtection::Auto,
            tr("Chat-app previews and link scanners get a placeholder and use up nothing; people are redirected."));
    addMode(tr("Confirm"), PreviewProtection::Confirm,
            tr("Every visitor first sees a \"Continue?\" page; only its button uses up a click."));
    addMode(tr("Off"), PreviewProtection::Off, tr("Every visit counts, previews and scanners included."));
    m_protectionHint = new QLabel(m_options);
    m_protectionHint->setObjectName(QStringLiteral("previewProtectionHint"));
    m_protectionHint->setWordWrap(true);
    m_protectionHint->setForegroundRole(QPalette::PlaceholderText);
    m_protectionError = makeErrorLabel(m_options, QStringLiteral("previewProtectionError"), m_protection);
    m_protectionError->setAccessibleName(tr("Preview protection error"));
}

void CreatePanel::buildPasswordField()
{
    m_password = makeLineEdit(m_options, QStringLiteral("passwordEdit"), tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText
                                    | Qt::ImhNoAutoUppercase);
    m_password->setPlaceholderText(tr("optional, %1 to %2 characters")
                                       .arg(rules::kMinPasswordLength)
                                       .arg(rules::kMaxPasswordLength));
    m_password->setToolTip(tr("Visitors must enter this password before they are redirected."));
    m_password->setMaxLength(2 * rules::kMaxPasswordLength + 1);  // UTF-16 units; the rule counts characters
    m_passwordError = makeErrorLabel(m_options, QStringLiteral("passwordError"), m_password);
    m_passwordError->setAccessibleName(tr("Password error"));
}

void CreatePanel::buildExpiryFields()
{
    m_expires = new QCheckBox(tr("E&xpires at:"), m_options);
    m_expires->setObjectName(QStringLiteral("expiresCheck"));
    m_expires->setAccessibleName(tr("Expires"));
    m_expiresAt = new QDateTimeEdit(m_options);
    m_expiresAt->setObjectName(QStringLiteral("expiresAtEdit"));
    m_expiresAt->setAccessibleName(tr("Expiry time"));
    m_expiresAt->setToolTip(tr("In your local time. After this moment the link works no more."));
    m_expiresAt->setTimeSpec(Qt::LocalTime);
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setDisplayFormat(expiryDisplayFormat());
    m_expiresAt->setEnabled(false);
    m_expiryError = makeErrorLabel(m_options, QStringLiteral("expiryError"), m_expiresAt);
    m_expiryError->setAccessibleName(tr("Expiry error"));

    m_expiredUrl = makeLineEdit(m_options, QStringLiteral("expiredUrlEdit"), tr("After expiry, send visitors to"));
    m_expiredUrl->setPlaceholderText(tr("optional, e.g. https://example.com/sorry"));
    m_expiredUrl->setToolTip(tr("Once the link is used up or past its expiry, visitors go here "
                                "instead of the expired page."));
    m_expiredUrl->setClearButtonEnabled(true);
    m_expiredUrl->setMaxLength(rules::kMaxUrlLength + 1);
    m_expiredUrlError = makeErrorLabel(m_options, QStringLiteral("expiredUrlError"), m_expiredUrl);
    m_expiredUrlError->setAccessibleName(tr("After expiry address error"));
}

void CreatePanel::layOutOptions()
{
    auto *options = new QGridLayout(m_options);
    options->setContentsMargins(0, 0, 0, 0);
    options->setVerticalSpacing(4);
    options->addWidget(makeBuddyLabel(tr("Previe&w protection:"), m_protection, m_options), 0, 0);
    options->addWidget(m_protection, 0, 1);
    options->addWidget(m_protectionHint, 0, 2, 1, 2);
    options->addWidget(m_protectionError, 1, 1, 1, 3);
    options->addWidget(makeBuddyLabel(tr("Passwor&d:"), m_password, m_options), 2, 0);
    options->addWidget(m_password, 2, 1);
    options->addWidget(m_expires, 2, 2);
    options->addWidget(m_expiresAt, 2, 3);
    options->addWidget(m_passwordError, 3, 1);
    options->addWidget(m_expiryError, 3, 2, 1, 2);
    options->addWidget(makeBuddyLabel(tr("After expiry, se&nd visitors to:"), m_expiredUrl, m_options), 4, 0);
    options->addWidget(m_expiredUrl, 4, 1, 1, 3);
    options->addWidget(m_expiredUrlError, 5, 1, 1, 3);
    options->setColumnStretch(1, 1);
    options->setColumnStretch(3, 1);
}

void CreatePanel::layOutForm(QGroupBox *form)
{
    // URL on its own row; alias, max clicks and the button below it; each
    // field's error right under that field; then the options.
    auto *grid = new QGridLayout(form);
    grid->setVerticalSpacing(4);
    grid->addWidget(makeBuddyLabel(tr("&URL:"), m_url, form), 0, 0);
    grid->addWidget(m_url, 0, 1, 1, 4);
    grid->addWidget(m_urlError, 1, 1, 1, 4);
    grid->addWidget(makeBuddyLabel(tr("&Alias:"), m_alias, form), 2, 0);
    grid->addWidget(m_alias, 2, 1);
    grid->addWidget(makeBuddyLabel(tr("&Max clicks:"), m_maxClicks, form), 2, 2);
    grid->addWidget(m_maxClicks, 2, 3);
    grid->addWidget(m_shorten, 2, 4);
    grid->addWidget(m_aliasError, 3, 1);
    grid->addWidget(m_maxClicksError, 3, 2, 1, 2);
    grid->addWidget(m_optionsToggle, 4, 1, 1, 4, Qt::AlignLeft);
    grid->addWidget(m_options, 5, 0, 1, 5);
    grid->addWidget(m_formError, 6, 1, 1, 4);
    auto *hint = new QLabel(tr("Enter shortens; the short link goes straight to the clipboard. "
                               "A link with max clicks redirects that many times, then shows an expired page."),
                            form);
    hint->setObjectName(QStringLiteral("createHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(hint, 7, 1, 1, 4, Qt::AlignTop);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(7, 1);
}

void CreatePanel::buildResult()
{
    // The result: hidden until the first link is made.
    m_result = new QGroupBox(tr("Your short link"), this);
    m_result->setObjectName(QStringLiteral("resultGroup"));
    m_shortUrl = makeLineEdit(m_result, QStringLiteral("shortUrlEdit"), tr("Short link"));
    m_shortUrl->setReadOnly(true);
    QFont big = m_shortUrl->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_shortUrl->setFont(big);
    m_shortUrl->setMinimumWidth(
        QFontMetrics(m_shortUrl->font()).horizontalAdvance(QStringLiteral("http://127.0.0.1:65535/AbCdEfGh")) + 16);
    m_copy = new QPushButton(tr("&Copy"), m_result);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setAccessibleName(tr("Copy short link"));
    m_copied = new QLabel(m_result);
    m_copied->setObjectName(QStringLiteral("copiedLabel"));
    m_copied->setAccessibleName(tr("Copy confirmation"));
    m_qr = new QLabel(m_result);
    m_qr->setObjectName(QStringLiteral("qrLabel"));
    m_qr->setAccessibleName(tr("QR code of the short link"));
    m_qr->setFixedSize(132, 132);
    m_qr->setScaledContents(true);
    m_copyQr = new QPushButton(tr("Copy &QR code"), m_result);
    m_copyQr->setObjectName(QStringLiteral("copyQrButton"));
    m_saveQr = new QPushButton(tr("Save QR code as &PNG…"), m_result);
    m_saveQr->setObjectName(QStringLiteral("saveQrButton"));
    layOutResult();
    m_result->setVisible(false);
}

void CreatePanel::layOutResult()
{
    auto *resultText = new QVBoxLayout;
    resultText->addWidget(m_shortUrl);
    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_copy);
    copyRow->addWidget(m_copied, 1);
    resultText->addLayout(copyRow);
    resultText->addStretch();
    auto *qrButtons = new QHBoxLayout;
    qrButtons->addWidget(m_copyQr);
    qrButtons->addWidget(m_saveQr);
    qrButtons->addStretch();
    resultText->addLayout(qrButtons);
    auto *resultLayout = new QHBoxLayout(m_result);
    resultLayout->addLayout(resultText, 1);
    resultLayout->addWidget(m_qr);
}

void CreatePanel::setTabOrders()
{
    const QList<QWidget *> order = {m_url,       m_alias,      m_maxClicks, m_shorten, m_optionsToggle,
                                    m_protection, m_password,  m_expires,   m_expiresAt, m_expiredUrl,
                                    m_shortUrl,  m_copy,       m_copyQr,    m_saveQr};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void CreatePanel::connectFieldChecks()
{
    // An error goes as soon as the text is right; a new one waits for a pause.
    makeCheckDelay(m_urlCheckDelay);
    connect(&m_urlCheckDelay, &QTimer::timeout, this, [this] { validateUrl(false); });
    connect(m_url, &QLineEdit::textEdited, this, [this] {
        if (!CreateForm::urlError(m_url->text()) || m_url->text().isEmpty())
            validateUrl(false);
        else
            m_urlCheckDelay.start();
    });
    connect(m_alias, &QLineEdit::textEdited, this, &CreatePanel::validateAlias);
    makeCheckDelay(m_passwordCheckDelay);
    connect(&m_passwordCheckDelay, &QTimer::timeout, this, &CreatePanel::validatePassword);
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        if (!CreateForm::passwordError(m_password->text()))
            validatePassword();
        else
            m_passwordCheckDelay.start();
    });
    connect(m_expiresAt, &QDateTimeEdit::dateTimeChanged, this, &CreatePanel::validateExpiry);
    makeCheckDelay(m_expiredUrlCheckDelay);
    connect(&m_expiredUrlCheckDelay, &QTimer::timeout, this, &CreatePanel::validateExpiredUrl);
    connect(m_expiredUrl, &QLineEdit::textEdited, this, [this] {
        if (!CreateForm::expiredUrlError(m_expiredUrl->text()))
            validateExpiredUrl();
        else
            m_expiredUrlCheckDelay.start();
    });
}

void CreatePanel::connectOptions()
{
    connect(m_optionsToggle, &QToolButton::toggled, this, &CreatePanel::setOptionsVisible);
    connect(m_protection, &QComboBox::activated, this, [this] { m_protectionChosen = true; });
    connect(m_protection, &QComboBox::currentIndexChanged, this, &CreatePanel::updateProtectionHint);
    connect(m_maxClicks, &QSpinBox::valueChanged, this, &CreatePanel::followMaxClicks);
    connect(m_expires, &QCheckBox::toggled, this, [this](bool on) {
        m_expiresAt->setEnabled(on);
        if (on && m_expiresAt->dateTime() <= QDateTime::currentDateTime()) {
            // A day from now, on the minute: a sensible start to adjust from.
            QDateTime start = QDateTime::currentDateTime().addDays(1);
            start.setTime(QTime(start.time().hour(), start.time().minute()));
            m_expiresAt->setDateTime(start);
        }
        validateExpiry();
    });
}

void CreatePanel::connectActions()
{
    // Enter shortens from every field (the spinner through eventFilter).
    for (QLineEdit *edit : {m_url, m_alias, m_password, m_expiredUrl})
        connect(edit, &QLineEdit::returnPressed, this, &CreatePanel::shorten);
    m_maxClicks->installEventFilter(this);
    connect(m_shorten, &QPushButton::clicked, this, &CreatePanel::shorten);
    connect(m_copy, &QPushButton::clicked, this, &CreatePanel::copyShortUrl);
    connect(m_copyQr, &QPushButton::clicked, this, &CreatePanel::copyQrCode);
    connect(m_saveQr, &QPushButton::clicked, this, &CreatePanel::saveQrCode);
    m_copiedFade.setSingleShot(true);
    m_copiedFade.setInterval(4000);
    connect(&m_copiedFade, &QTimer::timeout, m_copied, &QLabel::clear);
}

bool CreatePanel::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the max-clicks spinner shortens too, as it does in the text fields.
    if (watched == m_maxClicks && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            m_maxClicks->interpretText();
            shorten();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CreatePanel::focusUrl()
{
    m_url->setFocus(Qt::ShortcutFocusReason);
    m_url->selectAll();
}

void CreatePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColors();
    QWidget::changeEvent(event);
}

void CreatePanel::applyColors()
{
    const QColor error = theme::errorColor(palette());
    for (QLabel *label : {m_urlError, m_aliasError, m_maxClicksError, m_formError, m_protectionError,
                          m_passwordError, m_expiryError, m_expiredUrlError})
        theme::setTextColor(label, error);
    theme::setTextColor(m_copied, theme::okColor(palette()));
}

void CreatePanel::showFieldError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void CreatePanel::showFieldError(Field field, const std::optional<Error> &error)
{
    showFieldError(errorLabelOf(field), error ? ErrorText::message(*error) : QString());
}

QLabel *CreatePanel::errorLabelOf(Field field) const
{
    switch (field) {
    case Field::Url: return m_urlError;
    case Field::Alias: return m_aliasError;
    case Field::MaxClicks: return m_maxClicksError;
    case Field::PreviewProtection: return m_protectionError;
    case Field::Password: return m_passwordError;
    case Field::Expiry: return m_expiryError;
    case Field::ExpiredUrl: return m_expiredUrlError;
    case Field::None: break;
    }
    return m_formError;
}

QWidget *CreatePanel::inputOf(Field field) const
{
    switch (field) {
    case Field::Url: return m_url;
    case Field::Alias: return m_alias;
    case Field::MaxClicks: return m_maxClicks;
    case Field::PreviewProtection: return m_protection;
    case Field::Password: return m_password;
    case Field::Expiry: return m_expiresAt;
    case Field::ExpiredUrl: return m_expiredUrl;
    case Field::None: break;
    }
    return m_shorten;
}

QTimer *CreatePanel::checkDelayOf(Field field)
{
    switch (field) {
    case Field::Url: return &m_urlCheckDelay;
    case Field::Password: return &m_passwordCheckDelay;
    case Field::ExpiredUrl: return &m_expiredUrlCheckDelay;
    default: return nullptr;
    }
}

void CreatePanel::focusField(Field field)
{
    QWidget *input = inputOf(field);
    // A field among the options may be folded away: unfold them first.
    if (m_options->isAncestorOf(input))
        setOptionsVisible(true);
    input->setFocus(Qt::OtherFocusReason);
}

CreateFormInput CreatePanel::formInput() const
{
    CreateFormInput input;
    input.url = m_url->text();
    input.alias = m_alias->text();
    input.maxClicks = m_maxClicks->value();
    input.previewProtection = m_protection->currentData().toString();
    input.password = m_password->text();
    if (m_expires->isChecked())
        input.expiresAt = m_expiresAt->dateTime();
    input.expiredUrl = m_expiredUrl->text();
    return input;
}

void CreatePanel::validateUrl(bool showEmpty)
{
    m_urlCheckDelay.stop();
    if (m_url->text().trimmed().isEmpty() && !showEmpty)
        showFieldError(Field::Url, std::nullopt);
    else
        showFieldError(Field::Url, CreateForm::urlError(m_url->text()));
}

void CreatePanel::validateAlias()
{
    showFieldError(Field::Alias, CreateForm::aliasError(m_alias->text()));
}

void CreatePanel::setOptionsVisible(bool visible)
{
    m_options->setVisible(visible);
    m_optionsToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    m_optionsToggle->setAccessibleName(visible ? tr("Hide link options") : tr("Show link options"));
    if (m_optionsToggle->isChecked() != visible)
        m_optionsToggle->setChecked(visible);
}

bool CreatePanel::optionsVisible() const
{
    return !m_options->isHidden();
}

void CreatePanel::updateProtectionHint()
{
    const QString explanation = m_protection->currentData(Qt::ToolTipRole).toString();
    m_protectionHint->setText(explanation);
    m_protection->setAccessibleDescription(explanation);
    m_protection->setToolTip(explanation);
}

void CreatePanel::followMaxClicks()
{
    // Until the user picks a mode, the one the server would choose.
    if (m_protectionChosen)
        return;
    const PreviewProtection mode = CreateForm::defaultProtection(m_maxClicks->value());
    m_protection->setCurrentIndex(m_protection->findData(rules::previewProtectionName(mode)));
}

void CreatePanel::validatePassword()
{
    m_passwordCheckDelay.stop();
    showFieldError(Field::Password, CreateForm::passwordError(m_password->text()));
}

void CreatePanel::validateExpiry()
{
    const std::optional<QDateTime> expiresAt =
        m_expires->isChecked() ? std::optional<QDateTime>(m_expiresAt->dateTime()) : std::nullopt;
    showFieldError(Field::Expiry, CreateForm::expiryError(expiresAt, QDateTime::currentMSecsSinceEpoch()));
}

void CreatePanel::validateExpiredUrl()
{
    m_expiredUrlCheckDelay.stop();
    showFieldError(Field::ExpiredUrl, CreateForm::expiredUrlError(m_expiredUrl->text()));
}

void CreatePanel::resetOptions()
{
    // Options are per link: the next one starts plain (and no password lingers).
    m_password->clear();
    m_expires->setChecked(false);
    m_expiredUrl->clear();
    m_protectionChosen = false;
    followMaxClicks();
    for (QLabel *label : {m_protectionError, m_passwordError, m_expiryError, m_expiredUrlError})
        showFieldError(label, {});
}

void CreatePanel::setBusy(bool busy)
{
    m_busy = busy;
    m_shorten->setEnabled(!busy);
}

void CreatePanel::shorten()
{
    if (m_busy)
        return;
    showFieldError(m_formError, {});
    const CreateForm::Verdict verdict = CreateForm::check(formInput(), QDateTime::currentMSecsSinceEpoch());
    for (Field field : verdict.checked) {
        if (QTimer *delay = checkDelayOf(field))
            delay->stop();  // its answer is the one shown now
        showFieldError(field, verdict.errorOf(field));
    }
    if (!verdict.request) {
        focusField(verdict.errors.constFirst().field);
        return;
    }
    setBusy(true);
    // The server applies the same rules again, on its own thread, and has
    // the last word (a taken alias, the rate limit).
    m_host.createLink(*verdict.request, this, [this](const Result<Link> &created) {
        setBusy(false);
        if (created) {
            showResult(*created);
            return;
        }
        const Field field = CreateForm::fieldOf(created.error());
        showFieldError(field, created.error());
        if (field != Field::None)
            focusField(field);
    });
}

void CreatePanel::showResult(const Link &link)
{
    m_lastShortUrl = m_host.shortUrl(link.slug);
    m_shortUrl->setText(m_lastShortUrl);
    m_shortUrl->setCursorPosition(0);
    m_qrImage = renderQrCode(m_lastShortUrl);
    m_qr->setPixmap(QPixmap::fromImage(m_qrImage));
    m_copyQr->setEnabled(!m_qrImage.isNull());
    m_saveQr->setEnabled(!m_qrImage.isNull());
    m_result->setVisible(true);
    m_url->clear();
    m_alias->clear();
    showFieldError(m_urlError, {});
    showFieldError(m_aliasError, {});
    resetOptions();
    // Shorten means "give me the link": it is on the clipboard right away.
    QApplication::clipboard()->setText(m_lastShortUrl);
    showCopied(tr("Copied to the clipboard"));
    Q_EMIT linkCreated(link, m_lastShortUrl);
    m_copy->setFocus(Qt::OtherFocusReason);
}

void CreatePanel::showCopied(const QString &text)
{
    m_copied->setText(QStringLiteral("✓ ") + text);
    m_copiedFade.start();
}

void CreatePanel::copyShortUrl()
{
    if (m_lastShortUrl.isEmpty())
        return;
    QApplication::clipboard()->setText(m_lastShortUrl);
    showCopied(tr("Copied"));
}

void CreatePanel::copyQrCode()
{
    if (m_qrImage.isNull())
        return;
    QApplication::clipboard()->setImage(m_qrImage);
    showCopied(tr("QR code copied"));
}

void CreatePanel::saveQrCode()
{
    if (m_qrImage.isNull())
        return;
    const QString slug = m_lastShortUrl.section(u'/', -1);
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) + u'/'
        + QStringLiteral("shortfuse-%1.png").arg(slug);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save QR code"), suggested, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    // Saved larger than shown, so it prints sharply.
    if (renderQrCode(m_lastShortUrl, 16).save(path, "PNG"))
        showCopied(tr("Saved to %1").arg(path));
    else
        showFieldError(m_formError, tr("Could not save %1.").arg(path));
}

} // namespace shortfuse
