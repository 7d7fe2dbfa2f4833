#pragma once

#include "server/core/link.h"
#include "server/core/result.h"

#include <QDialog>
#include <QList>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace shortfuse {

class LinkOptionsForm;
class LinkConsole;

// "Links for several recipients": one destination and one set of options,
// one link per name (invitations, downloads), each labelled with its name.
// The names are pasted or imported from a text or CSV file (the first
// column of each line). Every name and the options are checked before
// anything is stored (LinkConsole::createLinks: all or nothing). The links
// made can then be exported as CSV (label,short_url,stats_url) for a mail
// merge, or as a printable PDF sheet of QR codes.
class RecipientsDialog final : public QDialog {
    Q_OBJECT
public:
    static constexpr int kMaxRecipients = 1000;  // as POST /api/links/batch

    explicit RecipientsDialog(LinkConsole &host, QWidget *parent = nullptr);

    // The names as they stand in the text field: one a line, trimmed, blank
    // lines left out.
    QStringList names() const;
    // Appends the names of a text or CSV file: the first cell of each line
    // (a header line "name" or "label" is skipped).
    Status importNames(const QString &path);
    // The names of a text or CSV file's contents, as importNames reads them.
    static QStringList namesFromText(const QString &text);

    const QList<Link> &links() const { return m_links; }
    QString errorText() const;

    // The links made, as CSV (label,short_url,stats_url) and as a sheet of
    // QR codes (each with its label and short link), PDF.
    QByteArray csv() const;
    Status writeCsv(const QString &path) const;
    Status writePdf(const QString &path) const;

public Q_SLOTS:
    void createLinks();

Q_SIGNALS:
    void linksCreated(const QList<shortfuse::Link> &links);

private:
    void chooseImport();
    void chooseCsv();
    void choosePdf();
    void showError(const QString &message);
    void showLinks();

    LinkConsole &m_host;
    QPlainTextEdit *m_names = nullptr;
    QLabel *m_count = nullptr;
    QLineEdit *m_url = nullptr;
    LinkOptionsForm *m_options = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_create = nullptr;
    QTableWidget *m_result = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_pdf = nullptr;
    QList<Link> m_links;
};

} // namespace shortfuse
