// Issue 6 in the window: preview protection, passwords, expiry and the
// address after expiry, chosen in the create panel and followed by the
// links table.

#include "tests/gui/guitest.h"

#include "server/links/linkrules.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

namespace shortfuse::test {
namespace {

class ProtectionTest : public GuiTest {
protected:
    void openOptions()
    {
        auto *toggle = widget<QToolButton>("optionsToggle");
        ASSERT_NE(toggle, nullptr);
        if (!m_window->createPanel()->optionsVisible())
            QTest::mouseClick(toggle, Qt::LeftButton);
        ASSERT_TRUE(m_window->createPanel()->optionsVisible());
        ASSERT_TRUE(widget<QComboBox>("previewProtectionCombo")->isVisible());
    }
    QString protection() const
    {
        return m_window->findChild<QComboBox *>(QStringLiteral("previewProtectionCombo"))->currentData().toString();
    }
    const Link *link(const QString &slug) const { return m_window->linkModel()->linkAt(rowOf(slug)); }
};

TEST_F(ProtectionTest, ProtectionFollowsMaxClicksAndEveryModeIsExplained)
{
    openOptions();
    auto *combo = widget<QComboBox>("previewProtectionCombo");
    auto *hint = widget<QLabel>("previewProtectionHint");
    auto *spin = widget<QSpinBox>("maxClicksSpin");
    ASSERT_EQ(combo->count(), 3);
    QStringList modes;
    for (int i = 0; i < combo->count(); ++i) {
        modes << combo->itemData(i).toString();
        EXPECT_FALSE(combo->itemData(i, Qt::ToolTipRole).toString().isEmpty()) << i;
    }
    EXPECT_EQ(modes, (QStringList{QStringLiteral("auto"), QStringLiteral("confirm"), QStringLiteral("off")}));
    EXPECT_FALSE(combo->accessibleName().isEmpty());

    // Capped (the default 1): auto; unlimited: off; the hint follows.
    EXPECT_EQ(protection(), QStringLiteral("auto"));
    EXPECT_EQ(hint->text(), combo->currentData(Qt::ToolTipRole).toString());
    spin->setValue(0);
    EXPECT_EQ(protection(), QStringLiteral("off"));
    EXPECT_EQ(hint->text(), combo->currentData(Qt::ToolTipRole).toString());
    spin->setValue(3);
    EXPECT_EQ(protection(), QStringLiteral("auto"));

    // Once the user picks (here by keyboard), max clicks no longer decides.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    EXPECT_EQ(protection(), QStringLiteral("confirm"));
    spin->setValue(0);
    EXPECT_EQ(protection(), QStringLiteral("confirm"));
}

TEST_F(ProtectionTest, ConfirmLinkAnswersWithTheConfirmationPageNotARedirect)
{
    openOptions();
    auto *combo = widget<QComboBox>("previewProtectionCombo");
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    ASSERT_EQ(protection(), QStringLiteral("confirm"));

    const QString url = QStringLiteral("https://example.com/confirm-me");
    const QString slug = createThroughPanel(url, 1);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_NE(link(slug), nullptr);
    EXPECT_EQ(link(slug)->previewProtection, PreviewProtection::Confirm);

    // Any number of GETs: the page, never the destination, nothing used up.
    for (int i = 0; i < 3; ++i) {
        const HttpResponse page = http().get(pathOf(slug));
        EXPECT_EQ(page.status, 200) << qPrintable(page.describe());
        EXPECT_FALSE(page.hasHeader("Location"));
        EXPECT_TRUE(page.body.contains("Continue?")) << page.body.left(400).constData();
        EXPECT_FALSE(page.body.contains(url.toUtf8()));
    }
    EXPECT_EQ(statusOf(slug), LinkTableModel::Status::Active);
    EXPECT_TRUE(cell(slug, LinkTableModel::StatusColumn).contains(QStringLiteral("confirm")))
        << qPrintable(cell(slug, LinkTableModel::StatusColumn));
    EXPECT_EQ(cell(slug, LinkTableModel::ClicksColumn), QStringLiteral("0 / 1"));

    // The next link starts from the default again.
    EXPECT_EQ(protection(), QStringLiteral("auto"));
}

TEST_F(ProtectionTest, PasswordLinkShowsTheFormAndTheWindowNeverShowsThePassword)
{
    openOptions();
    auto *password = widget<QLineEdit>("passwordEdit");
    auto *passwordError = widget<QLabel>("passwordError");
    EXPECT_EQ(password->echoMode(), QLineEdit::Password);

    // Too short: said next to the field, after a pause in typing; nothing is made.
    QTest::keyClicks(password, QStringLiteral("short"));
    EXPECT_TRUE(waitUntil([&] { return passwordError->isVisible(); }, 5000));
    widget<QLineEdit>("urlEdit")->setText(QStringLiteral("https://example.com/secret"));
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);
    EXPECT_TRUE(passwordError->isVisible());
    EXPECT_FALSE(passwordError->text().contains(QStringLiteral("short")));
    EXPECT_TRUE(password->hasFocus());
    EXPECT_EQ(linkCount(), 0);

    const QString secret = QStringLiteral("Tr0ub4dor&3-horse");
    password->clear();
    QTest::keyClicks(password, secret);
    EXPECT_FALSE(passwordError->isVisible());  // right at once
    EXPECT_FALSE(password->displayText().contains(secret));

    const QString url = QStringLiteral("https://example.com/secret");
    const QString slug = createThroughPanel(url, 1);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_NE(link(slug), nullptr);
    EXPECT_TRUE(link(slug)->hasPassword());

    const HttpResponse form = http().get(pathOf(slug));
    EXPECT_EQ(form.status, 200) << qPrintable(form.describe());
    EXPECT_FALSE(form.hasHeader("Location"));
    EXPECT_TRUE(form.body.contains("password")) << form.body.left(400).constData();
    EXPECT_FALSE(form.body.contains(secret.toUtf8()));
    EXPECT_FALSE(form.body.contains(url.toUtf8()));

    EXPECT_TRUE(cell(slug, LinkTableModel::StatusColumn).contains(QStringLiteral("password")));
    // Nowhere in the window: no field, no label, no cell, not the clipboard.
    EXPECT_TRUE(password->text().isEmpty());
    for (const QLineEdit *edit : m_window->findChildren<QLineEdit *>())
        EXPECT_FALSE(edit->text().contains(secret)) << qPrintable(edit->objectName());
    for (const QLabel *label : m_window->findChildren<QLabel *>())
        EXPECT_FALSE(label->text().contains(secret)) << qPrintable(label->objectName());
    LinkTableModel *model = m_window->linkModel();
    for (int column = 0; column < model->columnCount(); ++column) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)}) {
            const QString value = model->data(model->index(rowOf(slug), column), role).toString();
            EXPECT_FALSE(value.contains(secret)) << column;
            EXPECT_FALSE(value.contains(link(slug)->passwordHash)) << column;
        }
    }
    EXPECT_FALSE(QApplication::clipboard()->text().contains(secret));
}

TEST_F(ProtectionTest, ExpiryInThePastAndABadFallbackAreRefusedNextToTheirFields)
{
    openOptions();
    auto *expires = widget<QCheckBox>("expiresCheck");
    auto *expiresAt = widget<QDateTimeEdit>("expiresAtEdit");
    auto *expiryError = widget<QLabel>("expiryError");
    EXPECT_FALSE(expiresAt->isEnabled());
    expires->setChecked(true);
    EXPECT_TRUE(expiresAt->isEnabled());
    EXPECT_GT(expiresAt->dateTime(), QDateTime::currentDateTime());  // starts in the future
    EXPECT_FALSE(expiryError->isVisible());

    expiresAt->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    EXPECT_TRUE(expiryError->isVisible());  // as it is set
    widget<QLineEdit>("urlEdit")->setText(QStringLiteral("https://example.com/too-late"));
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);
    EXPECT_TRUE(expiryError->isVisible());
    EXPECT_TRUE(expiryError->text().contains(QStringLiteral("future"))) << qPrintable(expiryError->text());
    EXPECT_TRUE(expiresAt->hasFocus());
    EXPECT_TRUE(m_window->createPanel()->lastShortUrl().isEmpty());
    EXPECT_EQ(linkCount(), 0);

    expiresAt->setDateTime(QDateTime::currentDateTime().addDays(2));
    EXPECT_FALSE(expiryError->isVisible());

    // The address after expiry: the same rules as the destination.
    auto *expiredUrl = widget<QLineEdit>("expiredUrlEdit");
    auto *expiredUrlError = widget<QLabel>("expiredUrlError");
    QTest::keyClicks(expiredUrl, QStringLiteral("ftp://example.com/sorry"));
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);
    EXPECT_TRUE(expiredUrlError->isVisible());
    EXPECT_TRUE(expiredUrlError->text().contains(QStringLiteral("https://"))) << qPrintable(expiredUrlError->text());
    EXPECT_EQ(linkCount(), 0);
    expiredUrl->clear();
    QTest::keyClicks(expiredUrl, QStringLiteral("https://example.com/sorry"));
    EXPECT_FALSE(expiredUrlError->isVisible());

    // Folded options still get their errors seen: Shorten unfolds them.
    expiresAt->setDateTime(QDateTime::currentDateTime().addSecs(-60));
    m_window->createPanel()->setOptionsVisible(false);
    QTest::mouseClick(widget<QPushButton>("shortenButton"), Qt::LeftButton);
    EXPECT_TRUE(m_window->createPanel()->optionsVisible());
    EXPECT_TRUE(expiryError->isVisible());
    EXPECT_EQ(linkCount(), 0);
}

TEST_F(ProtectionTest, ExpiryColumnShowsTheTimeAndTheStatusChangesByItselfWhenItPasses)
{
    const QString plain = createThroughPanel(QStringLiteral("https://example.com/forever"), 0);
    ASSERT_FALSE(plain.isEmpty());
    EXPECT_TRUE(cell(plain, LinkTableModel::ExpiresColumn).isEmpty());
    EXPECT_EQ(m_window->linkModel()->nextExpiryCheckMs(), -1);  // nothing to wait for

    openOptions();
    widget<QCheckBox>("expiresCheck")->setChecked(true);
    const QDateTime wanted = QDateTime::currentDateTime().addSecs(3);
    widget<QDateTimeEdit>("expiresAtEdit")->setDateTime(wanted);
    QTest::keyClicks(widget<QLineEdit>("expiredUrlEdit"), QStringLiteral("https://example.com/sorry"));
    const QString slug = createThroughPanel(QStringLiteral("https://example.com/soon"), 0);
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_NE(link(slug), nullptr);
    ASSERT_TRUE(link(slug)->expiresAtMs.has_value());
    const qint64 expiresAtMs = *link(slug)->expiresAtMs;
    EXPECT_EQ(expiresAtMs / 1000, wanted.toMSecsSinceEpoch() / 1000);  // to the second, from local time
    EXPECT_EQ(link(slug)->expiredUrl, QStringLiteral("https://example.com/sorry"));

    const QString shown = QLocale().toString(QDateTime::fromMSecsSinceEpoch(expiresAtMs).toLocalTime(),
                                             QLocale::ShortFormat);
    EXPECT_EQ(cell(slug, LinkTableModel::ExpiresColumn), shown);
    EXPECT_FALSE(shown.isEmpty());
    EXPECT_EQ(statusOf(slug), LinkTableModel::Status::Active);
    EXPECT_EQ(cell(slug, LinkTableModel::StatusColumn), QStringLiteral("active"));
    // One timer, armed for exactly that moment.
    EXPECT_EQ(m_window->linkModel()->nextExpiryCheckMs(), expiresAtMs);

    // Nobody touches anything: the row changes when the moment passes,
    // without a reload and without a click.
    LinkTableModel *model = m_window->linkModel();
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(model, &QAbstractItemModel::dataChanged);
    qint64 flippedAtMs = 0;
    // Waits on the condition, never a fixed sleep.
    ASSERT_TRUE(waitUntil(
        [&] {
            flippedAtMs = QDateTime::currentMSecsSinceEpoch();
            return !changes.isEmpty() && statusOf(slug) == LinkTableModel::Status::Expired;
        },
        15000));
    EXPECT_GE(flippedAtMs, expiresAtMs);
    EXPECT_EQ(cell(slug, LinkTableModel::StatusColumn), QStringLiteral("expired"));
    EXPECT_EQ(resets.count(), 0);
    bool rowSignalled = false;
    for (const QList<QVariant> &change : changes) {
        const QModelIndex from = change.at(0).value<QModelIndex>();
        const QModelIndex to = change.at(1).value<QModelIndex>();
        rowSignalled |= from.row() <= rowOf(slug) && rowOf(slug) <= to.row()
            && from.column() <= LinkTableModel::StatusColumn && LinkTableModel::StatusColumn <= to.column();
        EXPECT_FALSE(from.row() <= rowOf(plain) && rowOf(plain) <= to.row());  // only the row that expired
    }
    EXPECT_TRUE(rowSignalled);
    EXPECT_EQ(model->nextExpiryCheckMs(), -1);
    EXPECT_EQ(statusOf(plain), LinkTableModel::Status::Active);

    // And the server agrees: the fallback, not the destination.
    const HttpResponse after = http().get(pathOf(slug));
    EXPECT_EQ(after.status, 302) << qPrintable(after.describe());
    EXPECT_EQ(after.header("Location"), QByteArrayLiteral("https://example.com/sorry"));
}

} // namespace
} // namespace shortfuse::test
