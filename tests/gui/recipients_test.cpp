// "Links for several recipients" (issue 12, "The window"): one link per
// name with that name as its label, all or nothing, exported as CSV
// (label,short_url,stats_url) and as a PDF sheet of QR codes.

#include "tests/gui/guitest.h"

#include "ui/recipientsdialog.h"

#include "server/links/linkservice.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTest>

namespace shortfuse::test {
namespace {

class RecipientsTest : public GuiTest {
protected:
    RecipientsDialog *openDialog()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("recipientsAction"));
        EXPECT_NE(action, nullptr);
        if (!action)
            return nullptr;
        action->trigger();
        RecipientsDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = m_window->findChild<RecipientsDialog *>(QStringLiteral("recipientsDialog"));
            return dialog && dialog->isVisible();
        });
        return dialog;
    }

    template <typename W>
    static W *field(QWidget *dialog, const char *name)
    {
        W *w = dialog->findChild<W *>(QLatin1String(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    QList<Link> allLinks()
    {
        LinkListQuery query;
        query.limit = 1000;
        return awaitAnswer<QList<Link>>([&](QObject *context, ServerHost::Reply<QList<Link>> done) {
                   m_host->listLinks(query, context, done);
               }).value_or(QList<Link>{});
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return path;
    }
};

TEST_F(RecipientsTest, MakesOneLabelledLinkPerNameAndExportsCsvAndPdf)
{
    RecipientsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    // Pasted (QTest types ASCII only).
    field<QPlainTextEdit>(dialog, "recipientsNamesEdit")->insertPlainText(QStringLiteral("Chloé\n"));
    // A CSV file: its header is skipped, its first column taken, quotes and all.
    const QString csvIn = writeFile(QStringLiteral("names.csv"),
                                    "name,email\nAnna,anna@example.com\n\"Doe, Jane\",jane@example.com\n\nBen\n");
    ASSERT_TRUE(dialog->importNames(csvIn).ok());
    const QStringList names{QStringLiteral("Chloé"), QStringLiteral("Anna"), QStringLiteral("Doe, Jane"),
                            QStringLiteral("Ben")};
    ASSERT_EQ(dialog->names(), names);
    QTest::keyClicks(field<QLineEdit>(dialog, "recipientsUrlEdit"), QStringLiteral("https://example.com/invite"));
    field<QSpinBox>(dialog, "optionsMaxClicksSpin")->setValue(1);
    QTest::mouseClick(field<QPushButton>(dialog, "recipientsCreateButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return dialog->links().size() == names.size() || !dialog->errorText().isEmpty(); }))
        << qPrintable(dialog->errorText());
    ASSERT_EQ(dialog->links().size(), names.size()) << qPrintable(dialog->errorText());

    // In the database: one link per name, labelled, one click each.
    const QList<Link> stored = allLinks();
    ASSERT_EQ(stored.size(), names.size());
    QSet<QString> labels;
    QHash<QString, Link> bySlug;
    for (const Link &link : stored) {
        labels.insert(link.label);
        bySlug.insert(link.slug, link);
        EXPECT_EQ(link.url, QStringLiteral("https://example.com/invite"));
        EXPECT_EQ(link.maxClicks, std::optional<int>(1));
    }
    EXPECT_EQ(labels, QSet<QString>(names.begin(), names.end()));

    // The CSV: a header and one row per link, in the names' order, with the
    // statistics address that carries each link's token.
    const QString csvOut = m_dir.filePath(QStringLiteral("out.csv"));
    ASSERT_TRUE(dialog->writeCsv(csvOut).ok());
    QFile csv(csvOut);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), names.size() + 1);
    EXPECT_EQ(lines.at(0), QStringLiteral("label,short_url,stats_url"));
    for (int i = 0; i < names.size(); ++i) {
        const Link &link = dialog->links().at(i);
        ASSERT_TRUE(bySlug.contains(link.slug));
        EXPECT_EQ(link.label, names.at(i));
        const QString statsUrl = m_host->baseUrl() + QStringLiteral("/stats/") + link.slug + QStringLiteral("?token=")
            + bySlug.value(link.slug).statsToken;
        const QString label =
            names.at(i).contains(u',') ? QStringLiteral("\"") + names.at(i) + QStringLiteral("\"") : names.at(i);
        EXPECT_EQ(lines.at(i + 1), label + u',' + m_host->shortUrl(link.slug) + u',' + statsUrl);
    }
    // The statistics address works for whoever holds it.
    const Link &first = dialog->links().first();
    EXPECT_EQ(http().get(QString(QStringLiteral("/stats/") + first.slug + QStringLiteral("?token=")
                                 + bySlug.value(first.slug).statsToken)
                             .toUtf8(),
                         {{"X-Forwarded-For", "203.0.113.7"}})
                  .status,
              200);

    // The sheet of QR codes: a PDF with something drawn on it.
    const QString pdfOut = m_dir.filePath(QStringLiteral("out.pdf"));
    ASSERT_TRUE(dialog->writePdf(pdfOut).ok());
    QFile pdf(pdfOut);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_GT(bytes.size(), 5000);
    // One image per link: its QR code.
    EXPECT_EQ(bytes.count("/Subtype /Image"), names.size());
}

TEST_F(RecipientsTest, OneBadNameOrValueStoresNothing)
{
    RecipientsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *names = field<QPlainTextEdit>(dialog, "recipientsNamesEdit");
    names->setPlainText(QStringLiteral("Anna\n") + QString(201, u'x') + QStringLiteral("\nBen"));
    QTest::keyClicks(field<QLineEdit>(dialog, "recipientsUrlEdit"), QStringLiteral("https://example.com/invite"));
    QTest::mouseClick(field<QPushButton>(dialog, "recipientsCreateButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !dialog->errorText().isEmpty(); }));
    EXPECT_TRUE(dialog->errorText().contains(QStringLiteral("2"))) << qPrintable(dialog->errorText());

    // A value every link shares, refused by the server's rules.
    names->setPlainText(QStringLiteral("Anna\nBen"));
    auto *url = field<QLineEdit>(dialog, "recipientsUrlEdit");
    url->clear();
    QTest::keyClicks(url, QStringLiteral("ftp://example.com/invite"));
    QTest::mouseClick(field<QPushButton>(dialog, "recipientsCreateButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !dialog->errorText().isEmpty(); }));
    EXPECT_TRUE(dialog->links().isEmpty());

    // The host checks every request before it stores the first: the third
    // one's label is wrong, so the first two are not stored either.
    QList<CreateRequest> requests(3);
    for (int i = 0; i < 3; ++i) {
        requests[i].url = QStringLiteral("https://example.com/invite");
        requests[i].label = QStringLiteral("Name %1").arg(i);
    }
    requests[2].label = QStringLiteral("line\nbreak");
    std::optional<Result<QList<Link>>> answer;
    QObject context;
    m_host->createLinks(requests, &context, [&](const Result<QList<Link>> &made) { answer = made; });
    ASSERT_TRUE(waitUntil([&] { return answer.has_value(); }));
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().reason, QByteArray("invalid_label"));
    EXPECT_EQ(linkCount(), 0);
}

TEST_F(RecipientsTest, AFailureWhileStoringStoresNothing)
{
    // Two requests that pass every rule but cannot both be stored (the
    // same alias): the batch is one transaction, so nothing of it is left.
    QList<CreateRequest> requests(3);
    for (int i = 0; i < 3; ++i) {
        requests[i].url = QStringLiteral("https://example.com/invite");
        requests[i].label = QStringLiteral("Name %1").arg(i);
    }
    requests[1].alias = QStringLiteral("same-alias");
    requests[2].alias = QStringLiteral("same-alias");
    std::optional<Result<QList<Link>>> answer;
    QObject context;
    m_host->createLinks(requests, &context, [&](const Result<QList<Link>> &made) { answer = made; });
    ASSERT_TRUE(waitUntil([&] { return answer.has_value(); }));
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().reason, QByteArray("duplicate"));
    EXPECT_EQ(linkCount(), 0);
    EXPECT_EQ(m_window->linkModel()->rowCount(), 0);
}

} // namespace
} // namespace shortfuse::test
