#include "ui/editlinkdialog.h"

#include "ui/errortext.h"
#include "ui/linkoptionsform.h"
#include "ui/linkconsole.h"
#include "ui/theme.h"

#include "server/links/linkrules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace shortfuse {

EditLinkDialog::EditLinkDialog(LinkConsole &host, const Link &link, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_link(link)
{
    setObjectName(QStringLiteral("editLinkDialog"));
    setWindowTitle(tr("Edit %1").arg(host.shortUrl(link.slug)));

    m_url = new QLineEdit(link.url, this);
    m_url->setObjectName(QStringLiteral("editUrlEdit"));
    m_url->setAccessibleName(tr("Destination"));
    m_label = new QLineEdit(link.label, this);
    m_label->setObjectName(QStringLiteral("editLabelEdit"));
    m_label->setAccessibleName(tr("Label"));
    m_label->setPlaceholderText(tr("optional: your own words for this link, e.g. a recipient's name"));
    m_options = new LinkOptionsForm(this);
    m_options->showLink(link);
    auto *used = new QLabel(tr("Clicks used so far: %1. Max clicks cannot go below them; equal to them ends the link.")
                                .arg(QLocale().toString(link.clicks)),
                            this);
    used->setObjectName(QStringLiteral("editClicksNote"));
    used->setWordWrap(true);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("editError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    theme::setTextColor(m_error, theme::errorColor(palette()));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("editButtons"));
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("editSaveButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditLinkDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EditLinkDialog::reject);

    m_options->insertRow(0, tr("&Destination:"), m_url);
    m_options->insertRow(1, tr("&Label:"), m_label);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_options);
    layout->addWidget(used);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());
}

LinkChange EditLinkDialog::change() const
{
    LinkChange change;
    if (const QString url = m_url->text().trimmed(); url != m_link.url)
        change.url = url;
    if (const QString label = m_label->text().trimmed(); label != m_link.label)
        change.label = label.isEmpty() ? std::nullopt : std::optional<QString>(label);
    const std::optional<qint64> cap = m_options->maxClicks();
    const std::optional<qint64> wasCap = m_link.maxClicks ? std::optional<qint64>(*m_link.maxClicks) : std::nullopt;
    if (cap != wasCap)
        change.maxClicks = cap;
    // Compared in whole seconds: the time field shows no milliseconds.
    const std::optional<QDateTime> expiresAt = m_options->expiresAt();
    if (!expiresAt && m_link.expiresAtMs)
        change.expiresAt = std::optional<QString>();
    else if (expiresAt && (!m_link.expiresAtMs || expiresAt->toSecsSinceEpoch() != *m_link.expiresAtMs / 1000))
        change.expiresAt = expiryIsoUtc(*expiresAt);
    if (const QString expiredUrl = m_options->expiredUrl(); expiredUrl != m_link.expiredUrl)
        change.expiredUrl = expiredUrl.isEmpty() ? std::nullopt : std::optional<QString>(expiredUrl);
    if (const QString mode = m_options->previewProtection();
        mode != rules::previewProtectionName(m_link.previewProtection))
        change.previewProtection = mode;
    if (m_options->removesPassword())
        change.password = std::optional<QString>();
    else if (!m_options->password().isEmpty())
        change.password = m_options->password();
    return change;
}

QString EditLinkDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void EditLinkDialog::accept()
{
    const LinkChange wanted = change();
    if (wanted.isEmpty()) {
        QDialog::accept();
        return;
    }
    setBusy(true);
    m_host.updateLink(m_link.slug, wanted, this, [this](const Result<Link> &updated) {
        setBusy(false);
        if (!updated)
            return showError(updated.error());
        Q_EMIT linkUpdated(*updated);
        QDialog::accept();
    });
}

void EditLinkDialog::showError(const Error &error)
{
    m_error->setText(ErrorText::message(error));
    m_error->setVisible(true);
    // The field the error is about gets the focus.
    const QByteArray &r = error.reason;
    if (r == "missing_url" || r == "url_too_long" || r == "malformed_url" || r == "unsupported_scheme")
        m_url->setFocus(Qt::OtherFocusReason);
    else if (r == "invalid_label")
        m_label->setFocus(Qt::OtherFocusReason);
    else if (r == "invalid_max_clicks" || r == "max_clicks_below_clicks")
        m_options->maxClicksSpin()->setFocus(Qt::OtherFocusReason);
}

void EditLinkDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (busy)
        m_error->setVisible(false);
}

} // namespace shortfuse
