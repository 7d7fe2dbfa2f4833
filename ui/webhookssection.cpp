#include "ui/webhookssection.h"

#include "ui/errortext.h"
#include "ui/serverhost.h"
#include "ui/theme.h"

#include "server/http/webhookrequestparser.h"
#include "server/webhooks/webhookformat.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace shortfuse {

namespace {

enum Column { UrlColumn, EventsColumn, FormatColumn, StatusColumn, CountsColumn };

QString eventText(LinkEventType type)
{
    switch (type) {
    case LinkEventType::Clicked:
        return WebhooksSection::tr("clicks");
    case LinkEventType::UsedUp:
        return WebhooksSection::tr("used up");
    case LinkEventType::Previewed:
        return WebhooksSection::tr("previews held off");
    case LinkEventType::ExpiredHit:
        return WebhooksSection::tr("late arrivals");
    case LinkEventType::Created:
    case LinkEventType::Changed:
    case LinkEventType::Revoked:
        break; // the live stream's events: no endpoint receives them
    }
    return {};
}

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

WebhooksSection::WebhooksSection(ServerHost &host, QWidget *parent)
    : QGroupBox(tr("Webhooks"), parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("webhooksGroup"));
    auto *intro = new QLabel(tr("Each click, used-up link, preview held off or late arrival can be sent to a "
                                "web address: chat (Slack, Discord, ntfy) or your own service, signed per "
                                "Standard Webhooks. Changes apply at once."),
                             this);
    intro->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("webhooksList"));
    m_list->setAccessibleName(tr("Webhooks"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Address"), tr("Events"), tr("Format"), tr("Status"), tr("Delivered / pending")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setMinimumHeight(90);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &WebhooksSection::updateButtons);

    m_add = new QPushButton(tr("&Add webhook…"), this);
    m_add->setObjectName(QStringLiteral("addWebhookButton"));
    m_add->setAutoDefault(false);
    connect(m_add, &QPushButton::clicked, this, &WebhooksSection::showAddBox);
    m_test = new QPushButton(tr("Send &test"), this);
    m_test->setObjectName(QStringLiteral("testWebhookButton"));
    m_test->setAutoDefault(false);
    connect(m_test, &QPushButton::clicked, this, &WebhooksSection::testSelected);
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteWebhookButton"));
    m_delete->setAutoDefault(false);
    connect(m_delete, &QPushButton::clicked, this, &WebhooksSection::deleteSelected);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    buttons->addWidget(m_test);
    buttons->addWidget(m_delete);

    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("webhookTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setVisible(false);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("webhooksError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    theme::setTextColor(m_error, theme::errorColor(palette()));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(m_testResult);
    layout->addWidget(buildAddBox());
    layout->addWidget(m_error);
    layout->addWidget(buildSecretBox());
    updateButtons();
    reload();
}

QFrame *WebhooksSection::buildAddBox()
{
    // Folded away until "Add webhook…": the dialog stays short for those
    // who never use webhooks.
    m_addBox = new QFrame(this);
    m_addBox->setObjectName(QStringLiteral("addWebhookBox"));
    m_addBox->setFrameShape(QFrame::StyledPanel);

    m_url = new QLineEdit(m_addBox);
    m_url->setObjectName(QStringLiteral("webhookUrlEdit"));
    m_url->setAccessibleName(tr("Webhook address"));
    m_url->setPlaceholderText(tr("https://hooks.slack.com/services/…"));
    connect(m_url, &QLineEdit::returnPressed, this, &WebhooksSection::create);

    // The API's default subscription: clicks and used-up links.
    auto *events = new QWidget(m_addBox);
    auto *eventsLayout = new QVBoxLayout(events);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    const QList<QPair<LinkEventType, QString>> choices{
        {LinkEventType::Clicked, tr("&Clicks on capped links")},
        {LinkEventType::UsedUp, tr("Link &used up")},
        {LinkEventType::Previewed, tr("&Preview or scanner held off")},
        {LinkEventType::ExpiredHit, tr("Arrival &after expiry")},
    };
    for (const auto &[type, text] : choices) {
        auto *check = new QCheckBox(text, events);
        check->setObjectName(QStringLiteral("webhookEvent_") + QLatin1String(linkEventTypeName(type)));
        check->setChecked(type == LinkEventType::Clicked || type == LinkEventType::UsedUp);
        eventsLayout->addWidget(check);
        m_events.insert(type, check);
    }
    m_unlimited = new QCheckBox(tr("Clicks on &unlimited links too (every redirect a delivery)"), events);
    m_unlimited->setObjectName(QStringLiteral("webhookUnlimitedCheck"));
    eventsLayout->addWidget(m_unlimited);
    // Clicks on unlimited links are clicks: the one needs the other (the API's rule).
    QCheckBox *clicks = m_events.value(LinkEventType::Clicked);
    connect(m_unlimited, &QCheckBox::toggled, clicks, [clicks](bool on) {
        if (on)
            clicks->setChecked(true);
    });
    connect(clicks, &QCheckBox::toggled, m_unlimited, [this](bool on) {
        if (!on)
            m_unlimited->setChecked(false);
    });

    m_format = new QComboBox(m_addBox);
    m_format->setObjectName(QStringLiteral("webhookFormatCombo"));
    m_format->setAccessibleName(tr("Format"));
    m_format->addItem(tr("Standard Webhooks (JSON, signed)"), QLatin1String(webhookFormatName(WebhookFormat::Standard)));
    m_format->addItem(QStringLiteral("Slack"), QLatin1String(webhookFormatName(WebhookFormat::Slack)));
    m_format->addItem(QStringLiteral("Discord"), QLatin1String(webhookFormatName(WebhookFormat::Discord)));
    m_format->addItem(QStringLiteral("ntfy"), QLatin1String(webhookFormatName(WebhookFormat::Ntfy)));

    m_label = new QLineEdit(m_addBox);
    m_label->setObjectName(QStringLiteral("webhookLabelEdit"));
    m_label->setAccessibleName(tr("Only links with this label"));
    m_label->setPlaceholderText(tr("any label"));

    m_save = new QPushButton(tr("Create &webhook"), m_addBox);
    m_save->setObjectName(QStringLiteral("createWebhookButton"));
    m_save->setAutoDefault(false);
    connect(m_save, &QPushButton::clicked, this, &WebhooksSection::create);
    auto *cancel = new QPushButton(tr("Cancel"), m_addBox);
    cancel->setObjectName(QStringLiteral("cancelWebhookButton"));
    cancel->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_addBox->setVisible(false);
        showError({});
    });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(cancel);
    row->addWidget(m_save);

    auto *form = new QFormLayout(m_addBox);
    form->addRow(tr("Add&ress:"), m_url);
    form->addRow(tr("Events:"), events);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Only &label:"), m_label);
    form->addRow(row);
    m_addBox->setVisible(false);
    return m_addBox;
}

QFrame *WebhooksSection::buildSecretBox()
{
    // The signing secret, once: the receiver needs it to check signatures,
    // and no later list shows it.
    m_secretBox = new QFrame(this);
    m_secretBox->setObjectName(QStringLiteral("newWebhookBox"));
    m_secretBox->setFrameShape(QFrame::StyledPanel);
    auto *warning = new QLabel(tr("<b>Copy this signing secret now.</b> It is shown only this once; the receiver "
                                  "checks the webhook-signature header with it."),
                               m_secretBox);
    warning->setWordWrap(true);
    m_secret = new QLineEdit(m_secretBox);
    m_secret->setObjectName(QStringLiteral("newWebhookSecretEdit"));
    m_secret->setReadOnly(true);
    m_secret->setAccessibleName(tr("The new webhook's signing secret"));
    auto *copy = new QPushButton(tr("C&opy"), m_secretBox);
    copy->setObjectName(QStringLiteral("copyWebhookSecretButton"));
    copy->setAutoDefault(false);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_secret->text()); });
    auto *row = new QHBoxLayout;
    row->addWidget(m_secret, 1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(m_secretBox);
    layout->addWidget(warning);
    layout->addLayout(row);
    m_secretBox->setVisible(false);
    return m_secretBox;
}

QString WebhooksSection::shownSecret() const
{
    return m_secret->text();
}

QString WebhooksSection::displayUrl(const QString &url)
{
    const QUrl parsed(url);
    QString shown = parsed.scheme() + QStringLiteral("://") + parsed.host(QUrl::FullyEncoded);
    if (parsed.port() >= 0)
        shown += u':' + QString::number(parsed.port());
    return shown + QStringLiteral("/…");
}

QString WebhooksSection::statusText(const WebhookEndpoint &endpoint)
{
    QString status;
    if (endpoint.disabledAtMs)
        status = tr("disabled %1 after failing for 24 hours").arg(when(*endpoint.disabledAtMs));
    else if (endpoint.failingSinceMs)
        status = tr("failing since %1").arg(when(*endpoint.failingSinceMs));
    else
        status = tr("active");
    if (!endpoint.lastResult.isEmpty())
        status = tr("%1 (last: %2)").arg(status, endpoint.lastResult);
    return status;
}

void WebhooksSection::reload()
{
    m_host.listWebhooks(this, [this](const Result<QList<WebhookEndpoint>> &listed) {
        if (!listed) {
            showError(ErrorText::message(listed.error()));
            return;
        }
        show(*listed);
    });
}

void WebhooksSection::show(const QList<WebhookEndpoint> &endpoints)
{
    const qint64 selected = selectedId();
    m_endpoints = endpoints;
    m_list->clear();
    for (const WebhookEndpoint &endpoint : endpoints) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(UrlColumn, displayUrl(endpoint.url));
        QStringList events;
        for (LinkEventType type : endpoint.events)
            events.append(eventText(type));
        if (endpoint.unlimitedClicks)
            events.append(tr("unlimited links"));
        QString scope = events.join(QStringLiteral(", "));
        if (!endpoint.label.isEmpty())
            scope = tr("%1; label %2").arg(scope, endpoint.label);
        item->setText(EventsColumn, scope);
        item->setText(FormatColumn, endpoint.format);
        item->setText(StatusColumn, statusText(endpoint));
        item->setText(CountsColumn, QStringLiteral("%1 / %2").arg(QLocale().toString(endpoint.delivered),
                                                                  QLocale().toString(endpoint.pending)));
        item->setData(0, Qt::UserRole, endpoint.id);
        if (endpoint.disabledAtMs)
            item->setForeground(StatusColumn, theme::errorColor(palette()));
        if (endpoint.id == selected)
            m_list->setCurrentItem(item);
    }
    updateButtons();
}

qint64 WebhooksSection::selectedId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void WebhooksSection::updateButtons()
{
    const bool selected = selectedId() != 0;
    m_delete->setEnabled(selected);
    m_test->setEnabled(selected);
}

void WebhooksSection::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void WebhooksSection::showAddBox()
{
    m_addBox->setVisible(true);
    m_url->setFocus(Qt::OtherFocusReason);
}

void WebhooksSection::create()
{
    // The form as the API's JSON, through the API's parser: one set of
    // rules and messages for both doors.
    QJsonArray events;
    for (auto it = m_events.constBegin(); it != m_events.constEnd(); ++it)
        if (it.value()->isChecked())
            events.append(QLatin1String(linkEventTypeName(it.key())));
    QJsonObject body{
        {QStringLiteral("url"), m_url->text().trimmed()},
        {QStringLiteral("events"), events},
        {QStringLiteral("unlimited_clicks"), m_unlimited->isChecked()},
        {QStringLiteral("format"), m_format->currentData().toString()},
    };
    if (const QString label = m_label->text().trimmed(); !label.isEmpty())
        body.insert(QStringLiteral("label"), label);
    const Result<WebhookEndpoint> parsed = webhookparser::fromJson(QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!parsed) {
        showError(ErrorText::message(parsed.error()));
        if (parsed.error().reason == "invalid_webhook_url")
            m_url->setFocus(Qt::OtherFocusReason);
        return;
    }
    showError({});
    m_save->setEnabled(false);
    m_host.createWebhook(*parsed, this, [this](const Result<WebhookEndpoint> &made) {
        m_save->setEnabled(true);
        if (!made) {
            showError(ErrorText::message(made.error()));
            return;
        }
        m_url->clear();
        m_label->clear();
        m_addBox->setVisible(false);
        m_secret->setText(made->secret);
        m_secretBox->setVisible(true);
        m_secret->selectAll();
        m_secret->setFocus(Qt::OtherFocusReason);
        reload();
        Q_EMIT changed();
    });
}

void WebhooksSection::deleteSelected()
{
    const qint64 id = selectedId();
    if (!id)
        return;
    const QString shown = m_list->currentItem()->text(UrlColumn);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete webhook"),
                                tr("Delete the webhook to %1?\n\nIts undelivered events are dropped. "
                                   "This cannot be undone.")
                                    .arg(shown),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteWebhookConfirmation"));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteWebhookButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() != remove)
            return;
        m_host.deleteWebhook(id, this, [this](const Result<bool> &deleted) {
            if (!deleted)
                showError(ErrorText::message(deleted.error()));
            reload();
            Q_EMIT changed();
        });
    });
    box->open();
}

void WebhooksSection::testSelected()
{
    const qint64 id = selectedId();
    if (!id)
        return;
    m_test->setEnabled(false);
    m_testResult->setText(tr("Sending a test event…"));
    m_testResult->setVisible(true);
    m_host.testWebhook(id, this, [this](const Result<WebhookSender::Outcome> &outcome) {
        updateButtons();
        if (!outcome) {
            m_testResult->setText(ErrorText::message(outcome.error()));
            return;
        }
        if (outcome->delivered)
            m_testResult->setText(tr("Test delivered (HTTP %1, %2 ms).").arg(outcome->status).arg(outcome->elapsedMs));
        else
            m_testResult->setText(tr("Test not delivered: %1").arg(outcome->error));
        reload();
    });
}

} // namespace shortfuse
