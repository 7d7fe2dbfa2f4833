// The settings' webhooks and the window's warning (issue 13: endpoints are
// "managed through the API and the desktop settings"; one failing for 24 h
// is disabled and "the owner is told (window, ...)"): an endpoint is added
// through the dialog (its secret shown once, its URL shown without its
// path), refused with the API parser's message when bad, tried with "Send
// test" against a real receiver, deleted; a disabled one puts a banner in
// the main window that leads to the settings.

#include "tests/gui/guitest.h"

#include "ui/settingsdialog.h"
#include "ui/webhookssection.h"

#include "server/webhooks/webhooktarget.h"
#include "tests/support/webhookreceiver.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTreeWidget>

namespace shortfuse::test {
namespace {

class WebhooksSettingsTest : public GuiTest {
protected:
    // The receiver is on loopback.
    ServerConfig serverConfig() const override
    {
        ServerConfig config = GuiTest::serverConfig();
        config.allowPrivateWebhooks = true;
        config.webhookTimeoutSeconds = 3;
        return config;
    }

    SettingsDialog *openDialog()
    {
        m_window->findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
        return waitForDialog();
    }

    SettingsDialog *waitForDialog()
    {
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

    static QTreeWidget *list(QWidget *dialog) { return field<QTreeWidget>(dialog, "webhooksList"); }

    // Opens the add form, fills it in and presses Create.
    static void addThroughDialog(SettingsDialog *dialog, const QString &url)
    {
        QTest::mouseClick(field<QPushButton>(dialog, "addWebhookButton"), Qt::LeftButton);
        auto *edit = field<QLineEdit>(dialog, "webhookUrlEdit");
        edit->clear();
        QTest::keyClicks(edit, url);
        QTest::mouseClick(field<QPushButton>(dialog, "createWebhookButton"), Qt::LeftButton);
    }

    // GET /api/webhooks as a local request, as a script on this computer would.
    QJsonArray apiWebhooks()
    {
        const HttpResponse response = http().get("/api/webhooks");
        EXPECT_EQ(response.status, 200) << response.body.constData();
        return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("webhooks")).toArray();
    }

    void confirmDelete(SettingsDialog *dialog)
    {
        QTest::mouseClick(field<QPushButton>(dialog, "deleteWebhookButton"), Qt::LeftButton);
        QMessageBox *box = nullptr;
        ASSERT_TRUE(waitUntil([&] {
            box = dialog->findChild<QMessageBox *>(QStringLiteral("deleteWebhookConfirmation"));
            return box && box->isVisible();
        }));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteWebhookButton")), Qt::LeftButton);
    }

    WebhookReceiver m_receiver;
};

TEST_F(WebhooksSettingsTest, AddedWebhookIsListedWithoutItsPathItsSecretShownOnceTestedAndDeleted)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(field<QFrame>(dialog, "newWebhookBox")->isVisible());
    // A chat webhook's path is its credential: it must never be on screen.
    const QString url = QString::fromLatin1(m_receiver.url("/services/T000/B000/secret-token-xyz"));
    field<QCheckBox>(dialog, "webhookEvent_link.previewed")->setChecked(true);
    QComboBox *format = field<QComboBox>(dialog, "webhookFormatCombo");
    format->setCurrentIndex(format->findData(QStringLiteral("slack")));
    QTest::keyClicks(field<QLineEdit>(dialog, "webhookLabelEdit"), QStringLiteral("spring"));
    addThroughDialog(dialog, url);
    ASSERT_TRUE(waitUntil([&] { return !dialog->webhooks()->shownSecret().isEmpty() && list(dialog)->topLevelItemCount() == 1; }));

    const QString secret = dialog->webhooks()->shownSecret();
    EXPECT_TRUE(secret.startsWith(QStringLiteral("whsec_"))) << qPrintable(secret);
    EXPECT_TRUE(field<QFrame>(dialog, "newWebhookBox")->isVisible());
    QApplication::clipboard()->clear();
    QTest::mouseClick(field<QPushButton>(dialog, "copyWebhookSecretButton"), Qt::LeftButton);
    EXPECT_EQ(QApplication::clipboard()->text(), secret);

    QTreeWidgetItem *row = list(dialog)->topLevelItem(0);
    EXPECT_EQ(row->text(0), QStringLiteral("http://127.0.0.1:%1/…").arg(m_receiver.port()));
    for (int column = 0; column < list(dialog)->columnCount(); ++column)
        EXPECT_FALSE(row->text(column).contains(QStringLiteral("secret-token"))) << qPrintable(row->text(column));
    EXPECT_EQ(row->text(2), QStringLiteral("slack"));
    EXPECT_TRUE(row->text(3).startsWith(QStringLiteral("active"))) << qPrintable(row->text(3));

    // The server has it, as the API shows it: the full URL, the choices made, no secret.
    QJsonArray stored = apiWebhooks();
    ASSERT_EQ(stored.size(), 1);
    const QJsonObject endpoint = stored.first().toObject();
    EXPECT_EQ(endpoint.value(QStringLiteral("url")).toString(), url);
    EXPECT_EQ(endpoint.value(QStringLiteral("format")).toString(), QStringLiteral("slack"));
    EXPECT_EQ(endpoint.value(QStringLiteral("label")).toString(), QStringLiteral("spring"));
    EXPECT_EQ(endpoint.value(QStringLiteral("events")).toArray(),
              (QJsonArray{QStringLiteral("link.clicked"), QStringLiteral("link.used_up"), QStringLiteral("link.previewed")}));
    EXPECT_FALSE(endpoint.contains(QStringLiteral("secret")));

    // "Send test" reaches the receiver and says so.
    list(dialog)->setCurrentItem(list(dialog)->topLevelItem(0));
    auto *test = field<QPushButton>(dialog, "testWebhookButton");
    ASSERT_TRUE(test->isEnabled());
    QTest::mouseClick(test, Qt::LeftButton);
    auto *result = field<QLabel>(dialog, "webhookTestResult");
    ASSERT_TRUE(waitUntil([&] { return result->text().startsWith(QStringLiteral("Test delivered")); }))
        << qPrintable(result->text());
    EXPECT_TRUE(result->text().contains(QStringLiteral("HTTP 200"))) << qPrintable(result->text());
    ASSERT_EQ(m_receiver.count(), 1);
    EXPECT_EQ(m_receiver.requests().first().target, QByteArrayLiteral("/services/T000/B000/secret-token-xyz"));

    // A receiver that fails: the error is shown, not "delivered".
    m_receiver.answerWith(500);
    QTest::mouseClick(test, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return result->text().startsWith(QStringLiteral("Test not delivered")); }))
        << qPrintable(result->text());

    // Shown once: the dialog opened again lists it but cannot show the secret.
    dialog->reject();
    ASSERT_TRUE(waitUntil([&] { return !m_window->findChild<SettingsDialog *>(); }));
    dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(waitUntil([&] { return list(dialog)->topLevelItemCount() == 1; }));
    EXPECT_TRUE(dialog->webhooks()->shownSecret().isEmpty());
    EXPECT_FALSE(field<QFrame>(dialog, "newWebhookBox")->isVisible());

    // Deleted after a confirmation: gone from the list and the server.
    list(dialog)->setCurrentItem(list(dialog)->topLevelItem(0));
    confirmDelete(dialog);
    ASSERT_TRUE(waitUntil([&] { return list(dialog)->topLevelItemCount() == 0; }));
    EXPECT_TRUE(apiWebhooks().isEmpty());
    dialog->reject();
}

TEST_F(WebhooksSettingsTest, BadWebhookIsRefusedWithTheApiParsersMessageAndNothingIsStored)
{
    SettingsDialog *dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto *error = field<QLabel>(dialog, "webhooksError");
    // The window's rules are the API's: the same parser, the same words.
    for (const QString &bad : {QStringLiteral("ftp://example.com/hook"), QStringLiteral("https://user:pw@example.com/hook"),
                               QStringLiteral("not a url")}) {
        addThroughDialog(dialog, bad);
        const Result<QUrl> parsed = parseWebhookUrl(bad);
        ASSERT_FALSE(parsed.ok()) << qPrintable(bad);
        EXPECT_TRUE(error->isVisible()) << qPrintable(bad);
        EXPECT_EQ(error->text(), parsed.error().message) << qPrintable(bad);
    }
    // No event chosen: refused too.
    for (QCheckBox *check : dialog->findChildren<QCheckBox *>())
        if (check->objectName().startsWith(QStringLiteral("webhookEvent_")))
            check->setChecked(false);
    addThroughDialog(dialog, QString::fromLatin1(m_receiver.url()));
    EXPECT_TRUE(error->text().startsWith(QStringLiteral("events"))) << qPrintable(error->text());

    EXPECT_TRUE(dialog->webhooks()->shownSecret().isEmpty());
    EXPECT_TRUE(apiWebhooks().isEmpty());
    const std::optional<QList<WebhookEndpoint>> listed = awaitAnswer<QList<WebhookEndpoint>>(
        [this](QObject *context, ServerHost::Reply<QList<WebhookEndpoint>> done) { m_host->listWebhooks(context, done); });
    ASSERT_TRUE(listed.has_value());
    EXPECT_TRUE(listed->isEmpty());
    dialog->reject();
}

TEST_F(WebhooksSettingsTest, DisabledWebhookPutsAWarningInTheWindowUntilItIsDeleted)
{
    WebhookEndpoint wanted;
    wanted.url = QString::fromLatin1(m_receiver.url("/private/path"));
    wanted.events = {LinkEventType::Clicked};
    const std::optional<WebhookEndpoint> made = awaitAnswer<WebhookEndpoint>(
        [&](QObject *context, ServerHost::Reply<WebhookEndpoint> done) { m_host->createWebhook(wanted, context, done); });
    ASSERT_TRUE(made.has_value());
    EXPECT_FALSE(made->ownerKeyId.has_value());

    // The state the delivery worker leaves after 24 hours of failures,
    // written straight into the database: the window reads it through the
    // server (ServerHost::listWebhooks), as GET /api/webhooks does.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("webhooks-test"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("data/shortfuse.db")));
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        q.prepare(QStringLiteral("UPDATE webhooks SET failing_since = ?, disabled_at = ?, last_result = 'timeout' WHERE id = ?"));
        q.addBindValue(now - kWebhookDisableAfterMs);
        q.addBindValue(now);
        q.addBindValue(made->id);
        ASSERT_TRUE(q.exec());
        ASSERT_EQ(q.numRowsAffected(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("webhooks-test"));
    const QJsonArray api = apiWebhooks();
    ASSERT_EQ(api.size(), 1);
    ASSERT_EQ(api.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("disabled"));

    // The window opened on a running server looks at once.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_host, *m_settings, false);
    m_window->show();
    auto *banner = widget<QFrame>("webhookBanner");
    auto *text = widget<QLabel>("webhookBannerText");
    ASSERT_TRUE(waitUntil([&] { return banner->isVisible(); }));
    EXPECT_EQ(text->text().left(text->text().indexOf(u':')),
              QStringLiteral("Webhook to 127.0.0.1 was disabled after failing for 24 hours"));
    EXPECT_FALSE(text->text().contains(QStringLiteral("/private/path")));

    // Its button opens the settings, where the endpoint says why,
    QTest::mouseClick(widget<QPushButton>("webhookBannerSettingsButton"), Qt::LeftButton);
    SettingsDialog *dialog = waitForDialog();
    ASSERT_NE(dialog, nullptr);
    // ...scrolled to the webhooks (the dialog is taller than the screen).
    EXPECT_EQ(list(dialog)->visibleRegion().boundingRect(), list(dialog)->rect());
    ASSERT_TRUE(waitUntil([&] { return list(dialog)->topLevelItemCount() == 1; }));
    const QString status = list(dialog)->topLevelItem(0)->text(3);
    EXPECT_TRUE(status.startsWith(QStringLiteral("disabled"))) << qPrintable(status);
    EXPECT_TRUE(status.contains(QStringLiteral("timeout"))) << qPrintable(status);

    // Deleted: the warning goes at once.
    list(dialog)->setCurrentItem(list(dialog)->topLevelItem(0));
    confirmDelete(dialog);
    ASSERT_TRUE(waitUntil([&] { return !banner->isVisible(); }));
    dialog->reject();
}

TEST_F(WebhooksSettingsTest, WebhookCallsAnswerUnavailableWithNoServer)
{
    m_host->stop();
    ASSERT_TRUE(waitUntil([&] { return m_host->state() == ServerHost::State::Stopped; }));
    std::optional<Result<QList<WebhookEndpoint>>> answer;
    QObject context;
    m_host->listWebhooks(&context, [&](const Result<QList<WebhookEndpoint>> &listed) { answer = listed; });
    ASSERT_TRUE(waitUntil([&] { return answer.has_value(); }));
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().reason, ServerHost::unavailable().reason);
}

} // namespace
} // namespace shortfuse::test
