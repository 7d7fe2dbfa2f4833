#pragma once

#include "server/core/webhookendpoint.h"

#include <QGroupBox>
#include <QList>
#include <QMap>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace shortfuse {

class ServerHost;

// The settings dialog's webhooks (issue 13): the endpoints the server
// delivers events to, listed with how their deliveries stand, added,
// deleted and tried, at once through the running server (no restart).
//
// A new endpoint passes the very rules of POST /api/webhooks
// (webhookparser::fromJson: the same URL, event and format checks, the
// same messages), so the window cannot store what the API would refuse.
// Its signing secret is shown once, with a Copy button, like a new API key.
// URLs are shown as scheme://host/… only: Slack and Discord put their
// secret in the path, and a settings window is often on a shared screen.
class WebhooksSection final : public QGroupBox {
    Q_OBJECT
public:
    WebhooksSection(ServerHost &host, QWidget *parent = nullptr);

    // The endpoints as last listed.
    const QList<WebhookEndpoint> &endpoints() const { return m_endpoints; }
    // The secret of the endpoint made last while this is open (empty before).
    QString shownSecret() const;
    // Lists the endpoints again.
    void reload();

    // "https://hooks.slack.com/…": scheme, host and port, never the path,
    // query or anything else that may carry a secret.
    static QString displayUrl(const QString &url);
    // "active", "failing since …: timeout", "disabled …".
    static QString statusText(const WebhookEndpoint &endpoint);

Q_SIGNALS:
    // An endpoint was added or deleted (the window's warning re-checks).
    void changed();

private:
    QFrame *buildAddBox();
    QFrame *buildSecretBox();
    void showAddBox();
    void create();
    void deleteSelected();
    void testSelected();
    void show(const QList<WebhookEndpoint> &endpoints);
    void updateButtons();
    void showError(const QString &message);
    // The selected endpoint's id, 0 for none.
    qint64 selectedId() const;

    ServerHost &m_host;
    QList<WebhookEndpoint> m_endpoints;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_testResult = nullptr;

    QFrame *m_addBox = nullptr;
    QLineEdit *m_url = nullptr;
    QMap<LinkEventType, QCheckBox *> m_events;
    QCheckBox *m_unlimited = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_label = nullptr;
    QPushButton *m_save = nullptr;

    QFrame *m_secretBox = nullptr;
    QLineEdit *m_secret = nullptr;
};

} // namespace shortfuse
