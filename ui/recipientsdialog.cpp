#include "ui/recipientsdialog.h"

#include "ui/errortext.h"
#include "ui/linkoptionsform.h"
#include "ui/qrcode.h"
#include "ui/linkconsole.h"
#include "ui/theme.h"

#include "server/core/statsrules.h"
#include "server/links/linkrules.h"
#include "server/links/linkservice.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shortfuse {

namespace {

// The first cell of a CSV line: quoted ("Doe, Jane", with "" for a quote)
// or up to the first comma, semicolon or tab.
QString firstCsvCell(const QString &line)
{
    if (!line.startsWith(u'"')) {
        qsizetype end = line.size();
        for (QChar separator : {u',', u';', u'\t'}) {
            const qsizetype at = line.indexOf(separator);
            if (at >= 0)
                end = std::min(end, at);
        }
        return line.left(end);
    }
    QString cell;
    for (qsizetype i = 1; i < line.size(); ++i) {
        if (line.at(i) != u'"') {
            cell += line.at(i);
        } else if (i + 1 < line.size() && line.at(i + 1) == u'"') {
            cell += u'"';
            ++i;
        } else {
            break;
        }
    }
    return cell;
}

} // namespace

RecipientsDialog::RecipientsDialog(LinkConsole &host, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("recipientsDialog"));
    setWindowTitle(tr("Links for several recipients"));

    m_names = new QPlainTextEdit(this);
    m_names->setObjectName(QStringLiteral("recipientsNamesEdit"));
    m_names->setAccessibleName(tr("Recipients"));
    m_names->setPlaceholderText(tr("One name a line; each gets a link of its own, labelled with the name."));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("recipientsCountLabel"));
    auto *import = new QPushButton(tr("&Import names…"), this);
    import->setObjectName(QStringLiteral("recipientsImportButton"));
    import->setToolTip(tr("A text file (one name a line) or a CSV file (the first column)."));
    connect(import, &QPushButton::clicked, this, &RecipientsDialog::chooseImport);
    connect(m_names, &QPlainTextEdit::textChanged, this, [this] {
        m_count->setText(tr("Recipients: %1").arg(names().size()));
    });
    auto *namesRow = new QHBoxLayout;
    namesRow->addWidget(m_count, 1);
    namesRow->addWidget(import);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("recipientsUrlEdit"));
    m_url->setAccessibleName(tr("Destination"));
    m_url->setPlaceholderText(QStringLiteral("https://example.com/invitation"));
    m_options = new LinkOptionsForm(this);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("recipientsError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    theme::setTextColor(m_error, theme::errorColor(palette()));

    m_create = new QPushButton(tr("C&reate links"), this);
    m_create->setObjectName(QStringLiteral("recipientsCreateButton"));
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &RecipientsDialog::createLinks);

    m_result = new QTableWidget(0, 3, this);
    m_result->setObjectName(QStringLiteral("recipientsResultTable"));
    m_result->setHorizontalHeaderLabels({tr("Label"), tr("Short link"), tr("Statistics")});
    m_result->horizontalHeader()->setStretchLastSection(true);
    m_result->verticalHeader()->setVisible(false);
    m_result->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_result->setVisible(false);

    m_csv = new QPushButton(tr("Export CS&V…"), this);
    m_csv->setObjectName(QStringLiteral("recipientsCsvButton"));
    m_csv->setEnabled(false);
    connect(m_csv, &QPushButton::clicked, this, &RecipientsDialog::chooseCsv);
    m_pdf = new QPushButton(tr("Save QR &sheet (PDF)…"), this);
    m_pdf->setObjectName(QStringLiteral("recipientsPdfButton"));
    m_pdf->setEnabled(false);
    connect(m_pdf, &QPushButton::clicked, this, &RecipientsDialog::choosePdf);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_create, QDialogButtonBox::ActionRole);
    buttons->addButton(m_csv, QDialogButtonBox::ActionRole);
    buttons->addButton(m_pdf, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &RecipientsDialog::reject);

    m_options->insertRow(0, tr("&Destination:"), m_url);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_names, 1);
    layout->addLayout(namesRow);
    layout->addWidget(m_options);
    layout->addWidget(m_error);
    layout->addWidget(m_result, 1);
    layout->addWidget(buttons);
    m_count->setText(tr("Recipients: %1").arg(0));
    resize(640, 600);
}

QStringList RecipientsDialog::names() const
{
    QStringList names;
    const QStringList lines = m_names->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        const QString name = line.trimmed();
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

QStringList RecipientsDialog::namesFromText(const QString &text)
{
    QStringList names;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        const QString name = firstCsvCell(line.trimmed()).trimmed();
        if (name.isEmpty())
            continue;
        // A header row names its column.
        if (names.isEmpty() && (name.compare(u"name", Qt::CaseInsensitive) == 0
                                || name.compare(u"label", Qt::CaseInsensitive) == 0))
            continue;
        names.append(name);
    }
    return names;
}

Status RecipientsDialog::importNames(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error{400, "read_failed", tr("Could not read %1: %2").arg(path, file.errorString())};
    const QString text = QString::fromUtf8(file.readAll());
    // A plain text file holds a name a line, commas and all; a CSV file's
    // names are in its first column.
    const bool csv = QFileInfo(path).suffix().compare(u"csv", Qt::CaseInsensitive) == 0;
    const QStringList imported = csv ? namesFromText(text) : text.split(u'\n');
    QStringList all = names();
    for (const QString &name : imported) {
        if (!name.trimmed().isEmpty())
            all.append(name.trimmed());
    }
    m_names->setPlainText(all.join(u'\n'));
    return {};
}

void RecipientsDialog::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import names"), QString(),
                                                      tr("Text or CSV files (*.txt *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    if (Status imported = importNames(path); !imported)
        showError(imported.error().message);
}

QString RecipientsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RecipientsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void RecipientsDialog::createLinks()
{
    const QStringList all = names();
    if (all.isEmpty())
        return showError(tr("Enter at least one name."));
    if (all.size() > kMaxRecipients)
        return showError(tr("At most %1 recipients at a time.").arg(kMaxRecipients));
    // Which name is wrong, by its line; the server checks everything again
    // (and the options) before it stores the first link.
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (Status label = rules::validateLabel(all.at(i)); !label)
            return showError(tr("Name %1 (%2): %3").arg(i + 1).arg(all.at(i).left(40), ErrorText::message(label.error())));
    }
    QList<CreateRequest> requests;
    requests.reserve(all.size());
    for (const QString &name : all) {
        CreateRequest request;
        request.url = m_url->text().trimmed();
        request.maxClicks = m_options->maxClicks();
        request.previewProtection = m_options->previewProtection();
        if (!m_options->password().isEmpty())
            request.password = m_options->password();
        if (const std::optional<QDateTime> at = m_options->expiresAt())
            request.expiresAt = expiryIsoUtc(*at);
        if (!m_options->expiredUrl().isEmpty())
            request.expiredUrl = m_options->expiredUrl();
        request.label = name;
        requests.append(request);
    }
    showError({});
    m_create->setEnabled(false);
    m_host.createLinks(requests, this, [this](const Result<QList<Link>> &made) {
        m_create->setEnabled(true);
        if (!made)
            return showError(ErrorText::message(made.error()));
        m_links = *made;
        showLinks();
        Q_EMIT linksCreated(m_links);
    });
}

void RecipientsDialog::showLinks()
{
    m_result->setRowCount(int(m_links.size()));
    for (int row = 0; row < m_links.size(); ++row) {
        const Link &link = m_links.at(row);
        m_result->setItem(row, 0, new QTableWidgetItem(link.label));
        m_result->setItem(row, 1, new QTableWidgetItem(m_host.shortUrl(link.slug)));
        m_result->setItem(row, 2, new QTableWidgetItem(m_host.statsUrl(link)));
    }
    m_result->resizeColumnsToContents();
    m_result->setVisible(true);
    m_csv->setEnabled(!m_links.isEmpty());
    m_pdf->setEnabled(!m_links.isEmpty());
}

QByteArray RecipientsDialog::csv() const
{
    // As POST /api/links/batch answers with Accept: text/csv; cells that a
    // spreadsheet would run as formulas are neutralised (a name is free text).
    QString out = QStringLiteral("label,short_url,stats_url\r\n");
    for (const Link &link : m_links) {
        out += csvCell(link.label) + u',' + csvCell(m_host.shortUrl(link.slug)) + u','
            + csvCell(m_host.statsUrl(link)) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

Status RecipientsDialog::writeCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv()) < 0 || !file.commit())
        return Error{500, "write_failed", tr("Could not write %1: %2").arg(path, file.errorString())};
    return {};
}

Status RecipientsDialog::writePdf(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{500, "write_failed", tr("Could not write %1: %2").arg(path, file.errorString())};
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(tr("Shortfuse links"));
        pdf.setCreator(QStringLiteral("Shortfuse"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        pdf.setResolution(300);
        QPainter painter(&pdf);
        // Three codes across, four down: big enough to scan from paper,
        // with the name and the link under each to cut along.
        constexpr int kColumns = 3;
        constexpr int kRows = 4;
        const QRect page = painter.viewport();
        const int cellWidth = page.width() / kColumns;
        const int cellHeight = page.height() / kRows;
        QFont font = painter.font();
        font.setPointSizeF(9);
        painter.setFont(font);
        const QFontMetrics metrics(font, &pdf);
        const int textHeight = metrics.height() * 2 + metrics.height() / 2;
        const int side = std::min(cellWidth, cellHeight - textHeight) * 85 / 100;
        for (int i = 0; i < m_links.size(); ++i) {
            if (i > 0 && i % (kColumns * kRows) == 0)
                pdf.newPage();
            const int slot = i % (kColumns * kRows);
            const QRect cell(page.left() + (slot % kColumns) * cellWidth, page.top() + (slot / kColumns) * cellHeight,
                             cellWidth, cellHeight);
            const Link &link = m_links.at(i);
            const QString shortUrl = m_host.shortUrl(link.slug);
            const QImage qr = renderQrCode(shortUrl, 8);
            const QRect square(cell.left() + (cellWidth - side) / 2, cell.top() + metrics.height() / 2, side, side);
            if (!qr.isNull())
                painter.drawImage(square, qr);
            const int width = cellWidth - metrics.height();
            QRect text(cell.left() + metrics.height() / 2, square.bottom() + metrics.height() / 4, width, metrics.height());
            QFont bold = font;
            bold.setBold(true);
            painter.setFont(bold);
            painter.drawText(text, Qt::AlignHCenter, QFontMetrics(bold, &pdf).elidedText(link.label, Qt::ElideRight, width));
            painter.setFont(font);
            text.translate(0, metrics.height());
            painter.drawText(text, Qt::AlignHCenter, metrics.elidedText(shortUrl, Qt::ElideMiddle, width));
        }
    }
    if (!file.commit())
        return Error{500, "write_failed", tr("Could not write %1: %2").arg(path, file.errorString())};
    return {};
}

void RecipientsDialog::chooseCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("recipients.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status written = writeCsv(path); !written)
        showError(written.error().message);
}

void RecipientsDialog::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save QR sheet"), QStringLiteral("recipients.pdf"),
                                                      tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (Status written = writePdf(path); !written)
        showError(written.error().message);
}

} // namespace shortfuse
