#include "ui/linkoptionsform.h"

#include "server/links/linkrules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>

#include <limits>

namespace shortfuse {

QString expiryIsoUtc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

LinkOptionsForm::LinkOptionsForm(QWidget *parent)
    : QWidget(parent)
{
    m_maxClicks = new QSpinBox(this);
    m_maxClicks->setObjectName(QStringLiteral("optionsMaxClicksSpin"));
    m_maxClicks->setRange(0, std::numeric_limits<int>::max());
    m_maxClicks->setSpecialValueText(tr("Unlimited"));
    m_maxClicks->setValue(1);
    m_maxClicks->setAccessibleName(tr("Max clicks"));

    m_protection = new QComboBox(this);
    m_protection->setObjectName(QStringLiteral("optionsProtectionCombo"));
    m_protection->setAccessibleName(tr("Preview protection"));
    m_protection->addItem(tr("Auto (preview bots use nothing)"), rules::previewProtectionName(PreviewProtection::Auto));
    m_protection->addItem(tr("Confirm (visitors press Continue)"),
                          rules::previewProtectionName(PreviewProtection::Confirm));
    m_protection->addItem(tr("Off (every visit counts)"), rules::previewProtectionName(PreviewProtection::Off));

    m_expires = new QCheckBox(tr("Expires at"), this);
    m_expires->setObjectName(QStringLiteral("optionsExpiresCheck"));
    m_expiresAt = new QDateTimeEdit(QDateTime::currentDateTime().addDays(7), this);
    m_expiresAt->setObjectName(QStringLiteral("optionsExpiresAtEdit"));
    m_expiresAt->setAccessibleName(tr("Expiry time"));
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiresAt, &QWidget::setEnabled);
    // The rows of two widgets are widgets themselves, so the form gives
    // their labels a buddy (and the labels' mnemonics work).
    auto *expiry = new QWidget(this);
    expiry->setFocusProxy(m_expires);
    auto *expiryRow = new QHBoxLayout(expiry);
    expiryRow->setContentsMargins(0, 0, 0, 0);
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiresAt, 1);

    m_expiredUrl = new QLineEdit(this);
    m_expiredUrl->setObjectName(QStringLiteral("optionsExpiredUrlEdit"));
    m_expiredUrl->setAccessibleName(tr("After expiry, send visitors to"));
    m_expiredUrl->setPlaceholderText(tr("optional: the expired page otherwise"));

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("optionsPasswordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("optional"));
    m_removePassword = new QCheckBox(tr("Remove the password"), this);
    m_removePassword->setObjectName(QStringLiteral("optionsRemovePasswordCheck"));
    m_removePassword->setVisible(false);
    connect(m_removePassword, &QCheckBox::toggled, m_password, [this](bool on) {
        m_password->setEnabled(!on);
        if (on)
            m_password->clear();
    });
    auto *passwordBox = new QWidget(this);
    passwordBox->setFocusProxy(m_password);
    auto *passwordRow = new QHBoxLayout(passwordBox);
    passwordRow->setContentsMargins(0, 0, 0, 0);
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_removePassword);

    auto *form = m_form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Max &clicks:"), m_maxClicks);
    form->addRow(tr("Preview &protection:"), m_protection);
    form->addRow(tr("E&xpiry:"), expiry);
    form->addRow(tr("&After expiry:"), m_expiredUrl);
    form->addRow(tr("Pass&word:"), passwordBox);
}

void LinkOptionsForm::insertRow(int row, const QString &label, QWidget *field)
{
    m_form->insertRow(row, label, field);
}

void LinkOptionsForm::showLink(const Link &link)
{
    setMaxClicks(link.maxClicks ? std::optional<qint64>(*link.maxClicks) : std::nullopt);
    m_protection->setCurrentIndex(m_protection->findData(rules::previewProtectionName(link.previewProtection)));
    m_expires->setChecked(link.expiresAtMs.has_value());
    if (link.expiresAtMs)
        m_expiresAt->setDateTime(QDateTime::fromMSecsSinceEpoch(*link.expiresAtMs).toLocalTime());
    m_expiredUrl->setText(link.expiredUrl);
    m_password->clear();
    // The password itself is never known here: only set anew or removed.
    m_password->setPlaceholderText(link.hasPassword() ? tr("unchanged; type a new one to replace it")
                                                      : tr("none; type one to set it"));
    m_removePassword->setVisible(link.hasPassword());
    m_removePassword->setChecked(false);
}

std::optional<qint64> LinkOptionsForm::maxClicks() const
{
    return m_maxClicks->value() == 0 ? std::nullopt : std::optional<qint64>(m_maxClicks->value());
}

void LinkOptionsForm::setMaxClicks(std::optional<qint64> maxClicks)
{
    m_maxClicks->setValue(maxClicks ? int(*maxClicks) : 0);
}

QString LinkOptionsForm::previewProtection() const
{
    return m_protection->currentData().toString();
}

std::optional<QDateTime> LinkOptionsForm::expiresAt() const
{
    return m_expires->isChecked() ? std::optional<QDateTime>(m_expiresAt->dateTime()) : std::nullopt;
}

QString LinkOptionsForm::expiredUrl() const
{
    return m_expiredUrl->text().trimmed();
}

QString LinkOptionsForm::password() const
{
    return m_password->text();
}

bool LinkOptionsForm::removesPassword() const
{
    return !m_removePassword->isHidden() && m_removePassword->isChecked();
}

} // namespace shortfuse
