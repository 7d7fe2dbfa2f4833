#pragma once

#include "ui/createform.h"

#include "server/core/link.h"
#include "server/core/result.h"

#include <QImage>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QToolButton;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QGroupBox;

namespace shortfuse {

class LinkConsole;

// "New link": destination, alias and max clicks, checked as they are typed
// with the server's own rules (through CreateForm), and the result: the
// short link (put on the clipboard at once), a Copy button and a QR code
// that can be copied or saved as PNG. Behind "Options": preview protection
// (auto, confirm, off; it follows max clicks until the user picks one), a
// password, an expiry time and where to send visitors after expiry.
class CreatePanel final : public QWidget {
    Q_OBJECT
public:
    explicit CreatePanel(LinkConsole &host, QWidget *parent = nullptr);

    QString lastShortUrl() const { return m_lastShortUrl; }
    QImage qrImage() const { return m_qrImage; }
    void focusUrl();
    // Shows or hides the per-link options (preview protection, password, expiry).
    void setOptionsVisible(bool visible);
    bool optionsVisible() const;

public Q_SLOTS:
    void shorten();
    void copyShortUrl();
    void copyQrCode();
    void saveQrCode();

Q_SIGNALS:
    void linkCreated(const shortfuse::Link &link, const QString &shortUrl);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The constructor's parts: the widgets of each group, their layouts, and
    // what they are connected to.
    void buildLinkFields(QGroupBox *form);
    void buildOptions(QGroupBox *form);
    void buildProtectionField();
    void buildPasswordField();
    void buildExpiryFields();
    void layOutOptions();
    void layOutForm(QGroupBox *form);
    void buildResult();
    void layOutResult();
    void setTabOrders();
    void connectFieldChecks();
    void connectOptions();
    void connectActions();

    CreateFormInput formInput() const;
    void validateUrl(bool showEmpty);
    void validateAlias();
    void validatePassword();
    void validateExpiry();
    void validateExpiredUrl();
    void updateProtectionHint();
    void followMaxClicks();
    void resetOptions();
    QLabel *errorLabelOf(CreateForm::Field field) const;
    QWidget *inputOf(CreateForm::Field field) const;
    QTimer *checkDelayOf(CreateForm::Field field);
    void focusField(CreateForm::Field field);  // unfolds the options if the field is one
    void showFieldError(QLabel *label, const QString &message);
    void showFieldError(CreateForm::Field field, const std::optional<Error> &error);
    void showResult(const Link &link);
    void setBusy(bool busy);
    void showCopied(const QString &text);
    void applyColors();

    LinkConsole &m_host;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QLineEdit *m_alias = nullptr;
    QLabel *m_aliasError = nullptr;
    QSpinBox *m_maxClicks = nullptr;
    QLabel *m_maxClicksError = nullptr;
    QToolButton *m_optionsToggle = nullptr;
    QWidget *m_options = nullptr;
    QComboBox *m_protection = nullptr;
    QLabel *m_protectionHint = nullptr;
    QLabel *m_protectionError = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordError = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateTimeEdit *m_expiresAt = nullptr;
    QLabel *m_expiryError = nullptr;
    QLineEdit *m_expiredUrl = nullptr;
    QLabel *m_expiredUrlError = nullptr;
    bool m_protectionChosen = false;  // the user picked a mode: max clicks no longer decides it
    QPushButton *m_shorten = nullptr;
    QLabel *m_formError = nullptr;
    QGroupBox *m_result = nullptr;
    QLineEdit *m_shortUrl = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_copied = nullptr;
    QLabel *m_qr = nullptr;
    QPushButton *m_copyQr = nullptr;
    QPushButton *m_saveQr = nullptr;
    QTimer m_urlCheckDelay;  // as-you-type errors wait for a pause in typing
    QTimer m_passwordCheckDelay;
    QTimer m_expiredUrlCheckDelay;
    QTimer m_copiedFade;
    QString m_lastShortUrl;
    QImage m_qrImage;
    bool m_busy = false;
};

} // namespace shortfuse
