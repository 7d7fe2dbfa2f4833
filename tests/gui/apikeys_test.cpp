// The settings' API keys and access (issue 12, "Keys" and "The window"): a
// key is made (shown once, with a Copy button; the database holds only its
// SHA-256), listed, and revoked; who may create and public statistics are
// stored and restart the server with them.

#include "tests/gui/guitest.h"

#include "ui/settingsdialog.h"


#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTreeWidget>

namespace shortfuse::test {
namespace {

class ApiKeysSettingsTest : public GuiTest {
protected:
    SettingsDialog *openDialog()
    {
        m_window->findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
        SettingsDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
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

    static QTreeWidgetItem *keyItem(SettingsDialog *dialog, const QString &name)
    {
        auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("apiKeysList"));
        const QList<QTreeWidgetItem *> items = list->findItems(name, Qt::MatchExactly, 0);
        return items.isEmpty() ? nullptr : items.first();
    }

    // A creation from another machine (through the trusted local proxy),
    // which needs a key under the default access.
    int createRemotely(const QString &key)
    {
        HeaderList headers{{"X-Forwarded-For", "203.0.113.9"}};
        if (!key.isEmpty())
            headers.append({"Authorization", "Bearer " + key.toUtf8()});
        return http()
            .postJson("/api/create", QJsonObject{{QStringLiteral("url"), QStringLiteral("https://example.com/k")}},
                      headers)
            .status;
    }

    // Every byte of the database's files.
    QByteArray databaseBytes()
    {
        QByteArray all;
        const QDir data(m_dir.filePath(QStringLiteral("data")));
        for (const QString &name : data.entryList(QDir::Files)) {
            QFile file(data.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                all += file.readAll();
        }
        return all;
    }
};

TEST_F(ApiKeysSettingsTest, KeyIsShownOnceStoredAsItsHashListedAndRevoked)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(field<QFrame>(dialog, "newKeyBox")->isVisible());
    QTest::keyClicks(field<QLineEdit>(dialog, "newKeyNameEdit"), QStringLiteral("backup-script"));
    QTest::mouseClick(field<QPushButton>(dialog, "createKeyButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !dialog->shownKey().isEmpty() && keyItem(dialog, QStringLiteral("backup-script")); }));
    const QString secret = dialog->shownKey();
    EXPECT_TRUE(secret.startsWith(QStringLiteral("sf_"))) << qPrintable(secret);
    EXPECT_EQ(secret.size(), 46);
    EXPECT_TRUE(field<QFrame>(dialog, "newKeyBox")->isVisible());
    QApplication::clipboard()->clear();
    QTest::mouseClick(field<QPushButton>(dialog, "copyKeyButton"), Qt::LeftButton);
    EXPECT_EQ(QApplication::clipboard()->text(), secret);

    // Listed by its first characters only.
    QTreeWidgetItem *item = keyItem(dialog, QStringLiteral("backup-script"));
    ASSERT_NE(item, nullptr);
    EXPECT_TRUE(item->text(2).startsWith(secret.left(10))) << qPrintable(item->text(2));
    EXPECT_FALSE(item->text(2).contains(secret));
    EXPECT_EQ(item->text(5), QStringLiteral("active"));

    // The database holds its SHA-256 and nowhere the key itself.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("apikeys-test"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("data/shortfuse.db")));
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT key_hash FROM api_keys WHERE name = 'backup-script'")));
        ASSERT_TRUE(q.next());
        EXPECT_EQ(q.value(0).toString().toLatin1(),
                  QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("apikeys-test"));
    EXPECT_FALSE(databaseBytes().contains(secret.toUtf8()));

    // The key works at once, without a restart.
    EXPECT_EQ(createRemotely({}), 401);
    EXPECT_EQ(createRemotely(secret), 201);

    // Shown once: a dialog opened again lists the key but cannot show it.
    dialog->reject();
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<SettingsDialog *>(); }));
    dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(waitUntil([&] { return keyItem(dialog, QStringLiteral("backup-script")) != nullptr; }));
    EXPECT_TRUE(dialog->shownKey().isEmpty());
    EXPECT_FALSE(field<QFrame>(dialog, "newKeyBox")->isVisible());

    // Revoked after a confirmation; refused from then on.
    auto *list = field<QTreeWidget>(dialog, "apiKeysList");
    list->setCurrentItem(keyItem(dialog, QStringLiteral("backup-script")));
    auto *revoke = field<QPushButton>(dialog, "revokeKeyButton");
    ASSERT_TRUE(revoke->isEnabled());
    QTest::mouseClick(revoke, Qt::LeftButton);
    QMessageBox *box = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        box = dialog->findChild<QMessageBox *>(QStringLiteral("revokeKeyConfirmation"));
        return box && box->isVisible();
    }));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmRevokeKeyButton")), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        QTreeWidgetItem *revoked = keyItem(dialog, QStringLiteral("backup-script"));
        return revoked && revoked->text(5) != QStringLiteral("active");
    }));
    ASSERT_EQ(dialog->apiKeys().size(), 1);
    EXPECT_TRUE(dialog->apiKeys().first().revoked());
    EXPECT_EQ(createRemotely(secret), 401);
    dialog->reject();
}

TEST_F(ApiKeysSettingsTest, BadOrTakenKeyNameIsRefusedInTheDialog)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *name = field<QLineEdit>(dialog, "newKeyNameEdit");
    auto *create = field<QPushButton>(dialog, "createKeyButton");
    auto *error = field<QLabel>(dialog, "keysError");
    QTest::mouseClick(create, Qt::LeftButton);  // no name
    EXPECT_TRUE(error->isVisible());
    QTest::keyClicks(name, QStringLiteral("ci"));
    QTest::mouseClick(create, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !dialog->shownKey().isEmpty(); }));
    const QString first = dialog->shownKey();
    QTest::keyClicks(name, QStringLiteral("ci"));
    QTest::mouseClick(create, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return error->isVisible() && create->isEnabled(); }));
    EXPECT_EQ(dialog->shownKey(), first);  // the one key made
    ASSERT_TRUE(waitUntil([&] { return dialog->apiKeys().size() == 1; }));
    dialog->reject();
}

TEST_F(ApiKeysSettingsTest, CreationAccessAndPublicStatisticsAreStoredAndRestartTheServer)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *access = field<QComboBox>(dialog, "createAccessCombo");
    EXPECT_EQ(access->currentData().toString(), QStringLiteral("local"));
    access->setCurrentIndex(access->findData(QStringLiteral("public")));
    field<QCheckBox>(dialog, "publicStatsCheck")->setChecked(true);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        return m_host->isRunning() && m_host->config().createAccess == CreateAccess::Public && m_host->config().publicStats;
    }));
    EXPECT_EQ(m_settings->value(Settings::Key::CreateAccess).toString(), QStringLiteral("public"));
    EXPECT_TRUE(m_settings->value(Settings::Key::PublicStats).toBool());
    // Anyone may create now, without a key.
    EXPECT_EQ(createRemotely({}), 201);
    // And the settings come back in the dialog.
    dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(field<QComboBox>(dialog, "createAccessCombo")->currentData().toString(), QStringLiteral("public"));
    EXPECT_TRUE(field<QCheckBox>(dialog, "publicStatsCheck")->isChecked());
    dialog->reject();
}

} // namespace
} // namespace shortfuse::test
