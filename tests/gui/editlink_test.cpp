// The links table's label column and the edit dialog (issue 12, "The
// window"): labels show and sort in the store's order; the dialog changes a
// link through LinkService::update, the table re-reads the row, and a bad
// value is shown in the dialog with nothing changed.

#include "tests/gui/guitest.h"

#include "ui/editlinkdialog.h"

#include "server/links/linkservice.h"
#include "server/storage/sqlitelinkstore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPointer>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

namespace shortfuse::test {
namespace {

class EditLinkTest : public GuiTest {
protected:
    QString createLabelled(const QString &url, const QString &label, std::optional<qint64> maxClicks)
    {
        CreateRequest request;
        request.url = url;
        request.maxClicks = maxClicks;
        if (!label.isEmpty())
            request.label = label;
        const std::optional<Link> link = awaitAnswer<Link>(
            [&](QObject *context, ServerHost::Reply<Link> done) { m_host->createLink(request, context, done); });
        if (!link || !waitUntil([&] { return rowOf(link->slug) >= 0; }))
            return {};
        return link->slug;
    }

    // The link as the database file holds it, read on a connection of its own.
    std::optional<Link> stored(const QString &slug)
    {
        SqliteLinkStore store(m_dir.filePath(QStringLiteral("data/shortfuse.db")));
        if (!store.open().ok())
            return std::nullopt;
        Result<std::optional<Link>> found = store.findLink(slug);
        store.close();
        return found.ok() ? *found : std::nullopt;
    }

    EditLinkDialog *openEditor(const QString &slug)
    {
        if (!m_window->selectSlug(slug))
            return nullptr;
        auto *action = m_window->findChild<QAction *>(QStringLiteral("editLinkAction"));
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        EditLinkDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = m_window->findChild<EditLinkDialog *>(QStringLiteral("editLinkDialog"));
            return dialog && dialog->isVisible() && dialog->slug() == slug;
        });
        return dialog;
    }

    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    template <typename W>
    static W *field(QWidget *dialog, const char *name)
    {
        W *w = dialog->findChild<W *>(QLatin1String(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    static void save(EditLinkDialog *dialog)
    {
        QTest::mouseClick(field<QPushButton>(dialog, "editSaveButton"), Qt::LeftButton);
    }

    QString labelAt(int row) const
    {
        LinkTableModel *model = m_window->linkModel();
        return model->data(model->index(row, LinkTableModel::LabelColumn), Qt::DisplayRole).toString();
    }
};

TEST_F(EditLinkTest, LabelColumnShowsLabelsAndSortsByThem)
{
    const QString chloe = createLabelled(QStringLiteral("https://example.com/c"), QStringLiteral("Chloe"), 1);
    const QString anna = createLabelled(QStringLiteral("https://example.com/a"), QStringLiteral("Anna"), 1);
    const QString none = createLabelled(QStringLiteral("https://example.com/n"), {}, 1);
    const QString ben = createLabelled(QStringLiteral("https://example.com/b"), QStringLiteral("Ben"), 1);
    ASSERT_FALSE(chloe.isEmpty() || anna.isEmpty() || none.isEmpty() || ben.isEmpty());
    LinkTableModel *model = m_window->linkModel();
    EXPECT_EQ(model->headerData(LinkTableModel::LabelColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("Label"));
    EXPECT_EQ(cell(anna, LinkTableModel::LabelColumn), QStringLiteral("Anna"));
    EXPECT_EQ(cell(none, LinkTableModel::LabelColumn), QString());

    // Sorted by the store (a new query), as the header's click asks.
    auto order = [&] { return QStringList{labelAt(0), labelAt(1), labelAt(2), labelAt(3)}; };
    const QStringList ascending{QString(), QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("Chloe")};
    QTableView *table = m_window->linkTable();
    table->sortByColumn(LinkTableModel::LabelColumn, Qt::AscendingOrder);
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() == 4 && order() == ascending; })) << qPrintable(order().join(u'|'));
    table->sortByColumn(LinkTableModel::LabelColumn, Qt::DescendingOrder);
    const QStringList descending{QStringLiteral("Chloe"), QStringLiteral("Ben"), QStringLiteral("Anna"), QString()};
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() == 4 && order() == descending; })) << qPrintable(order().join(u'|'));
    EXPECT_EQ(table->horizontalHeader()->sortIndicatorSection(), int(LinkTableModel::LabelColumn));
}

TEST_F(EditLinkTest, EditDialogChangesTheLinkAndTheTableShowsIt)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/before"), 3);
    ASSERT_FALSE(slug.isEmpty());
    EditLinkDialog *dialog = openEditor(slug);
    ASSERT_NE(dialog, nullptr);
    retype(field<QLineEdit>(dialog, "editUrlEdit"), QStringLiteral("https://example.com/after"));
    retype(field<QLineEdit>(dialog, "editLabelEdit"), QStringLiteral("Dana"));
    field<QSpinBox>(dialog, "optionsMaxClicksSpin")->setValue(5);
    auto *protection = field<QComboBox>(dialog, "optionsProtectionCombo");
    protection->setCurrentIndex(protection->findData(QStringLiteral("confirm")));
    retype(field<QLineEdit>(dialog, "optionsExpiredUrlEdit"), QStringLiteral("https://example.com/gone"));
    retype(field<QLineEdit>(dialog, "optionsPasswordEdit"), QStringLiteral("correct horse"));
    save(dialog);
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<EditLinkDialog *>() || !dialog->isVisible(); }));

    std::optional<Link> link = stored(slug);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->url, QStringLiteral("https://example.com/after"));
    EXPECT_EQ(link->label, QStringLiteral("Dana"));
    EXPECT_EQ(link->maxClicks, std::optional<int>(5));
    EXPECT_EQ(link->previewProtection, PreviewProtection::Confirm);
    EXPECT_EQ(link->expiredUrl, QStringLiteral("https://example.com/gone"));
    EXPECT_TRUE(link->hasPassword());
    // The row is read again when the service says the link changed.
    EXPECT_TRUE(waitUntil([&] {
        return cell(slug, LinkTableModel::LabelColumn) == QStringLiteral("Dana")
            && cell(slug, LinkTableModel::DestinationColumn) == QStringLiteral("https://example.com/after")
            && cell(slug, LinkTableModel::ClicksColumn) == QStringLiteral("0 / 5");
    })) << qPrintable(cell(slug, LinkTableModel::DestinationColumn));

    // Clearing: no password, no label, unlimited.
    dialog = openEditor(slug);
    ASSERT_NE(dialog, nullptr);
    field<QCheckBox>(dialog, "optionsRemovePasswordCheck")->setChecked(true);
    field<QLineEdit>(dialog, "editLabelEdit")->clear();
    field<QSpinBox>(dialog, "optionsMaxClicksSpin")->setValue(0);
    save(dialog);
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<EditLinkDialog *>() || !dialog->isVisible(); }));
    link = stored(slug);
    ASSERT_TRUE(link.has_value());
    EXPECT_FALSE(link->hasPassword());
    EXPECT_EQ(link->label, QString());
    EXPECT_EQ(link->maxClicks, std::nullopt);
    EXPECT_EQ(link->url, QStringLiteral("https://example.com/after"));
    EXPECT_TRUE(waitUntil([&] { return cell(slug, LinkTableModel::ClicksColumn) == QStringLiteral("0 / unlimited"); }));
}

TEST_F(EditLinkTest, BadValueIsShownInTheDialogAndChangesNothing)
{
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/keep"), 3);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_EQ(http().get(pathOf(slug)).status, 302);
    ASSERT_EQ(http().get(pathOf(slug)).status, 302);
    ASSERT_TRUE(waitUntil([&] { return stored(slug) && stored(slug)->clicks == 2; }));

    // Guarded: a dialog that closed itself on a bad value would be deleted.
    QPointer<EditLinkDialog> dialog = openEditor(slug);
    ASSERT_NE(dialog, nullptr);
    auto *url = field<QLineEdit>(dialog, "editUrlEdit");
    retype(url, QStringLiteral("ftp://example.com/file"));
    retype(field<QLineEdit>(dialog, "editLabelEdit"), QStringLiteral("Eve"));
    save(dialog);
    ASSERT_TRUE(waitUntil([&] { return !dialog || !dialog->errorText().isEmpty(); }));
    ASSERT_TRUE(dialog && dialog->isVisible()) << "the dialog closed on a bad value";
    EXPECT_TRUE(dialog->errorText().contains(QStringLiteral("http"))) << qPrintable(dialog->errorText());

    // A cap below the clicks already used: refused too.
    retype(url, QStringLiteral("https://example.com/keep"));
    field<QSpinBox>(dialog, "optionsMaxClicksSpin")->setValue(1);
    save(dialog);
    ASSERT_TRUE(waitUntil([&] { return !dialog || !dialog->errorText().isEmpty(); }));
    ASSERT_TRUE(dialog && dialog->isVisible()) << "the dialog closed on a bad value";

    const std::optional<Link> link = stored(slug);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->url, QStringLiteral("https://example.com/keep"));
    EXPECT_EQ(link->label, QString());
    EXPECT_EQ(link->maxClicks, std::optional<int>(3));
    EXPECT_EQ(link->clicks, 2);
    dialog->reject();
}

} // namespace
} // namespace shortfuse::test
