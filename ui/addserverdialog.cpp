#include "ui/addserverdialog.h"

#include "ui/theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace shortfuse {

AddServerDialog::AddServerDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("addServerDialog"));
    setWindowTitle(tr("Add a Server"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrlEdit"));
    m_url->setPlaceholderText(tr("https://sho.rt"));
    m_url->setAccessibleName(tr("Server address"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("serverKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("sf_… (shortfuse-server keys create --name NAME)"));
    m_key->setAccessibleName(tr("API key"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("serverNameEdit"));
    m_name->setPlaceholderText(tr("optional, e.g. Home server"));
    m_name->setAccessibleName(tr("Name"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("addServerError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    theme::setTextColor(m_error, theme::errorColor(palette()));

    auto *note = new QLabel(tr("The key is kept in this computer's keychain, never in the settings file."), this);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_url);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(tr("&Name:"), m_name);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("addServerButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddServerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddServerDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString AddServerDialog::name() const
{
    return m_name->text().trimmed();
}

QUrl AddServerDialog::url() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

QString AddServerDialog::apiKey() const
{
    return m_key->text().trimmed();
}

void AddServerDialog::accept()
{
    const QUrl address = url();
    const bool web = address.isValid() && (address.scheme() == QLatin1String("https") || address.scheme() == QLatin1String("http"))
        && !address.host().isEmpty() && !address.hasQuery() && !address.hasFragment() && address.userInfo().isEmpty();
    if (!web) {
        m_error->setText(tr("Enter the server's address, e.g. https://sho.rt"));
        m_error->setVisible(true);
        m_url->setFocus();
        return;
    }
    if (apiKey().isEmpty() || apiKey().contains(u' ')) {
        m_error->setText(tr("Enter an API key made on that server (shortfuse-server keys create)."));
        m_error->setVisible(true);
        m_key->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace shortfuse
