#pragma once

#include "server/core/link.h"
#include "server/links/linkservice.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace shortfuse {

class LinkOptionsForm;
class LinkConsole;

// Changes one link: destination, max clicks, expiry, fallback address,
// label, preview protection, password (set anew or removed). Save sends
// only what differs from the link as it was shown, through
// LinkConsole::updateLink, i.e. LinkService::update, the service and rules
// of PATCH /api/links/<slug>; a refusal is shown in the dialog (which stays
// open, the link unchanged), success closes it. The table re-reads the row
// when the service says the link changed.
class EditLinkDialog final : public QDialog {
    Q_OBJECT
public:
    EditLinkDialog(LinkConsole &host, const Link &link, QWidget *parent = nullptr);

    // What Save would send: only the fields that differ from the link.
    LinkChange change() const;
    QString slug() const { return m_link.slug; }
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void linkUpdated(const shortfuse::Link &link);

private:
    void setBusy(bool busy);
    void showError(const Error &error);

    LinkConsole &m_host;
    const Link m_link;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_label = nullptr;
    LinkOptionsForm *m_options = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace shortfuse
