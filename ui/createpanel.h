#pragma once

#include <link.h>
#include <result.h>

#include <QImage>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QGroupBox;

namespace shortfuse {

class ServerHost;

// "New link": destination, alias and max clicks, checked as they are typed
// with the server's own rules (server/linkrules.h), and the result: the
// short link (put on the clipboard at once), a Copy button and a QR code
// that can be copied or saved as PNG.
class CreatePanel final : public QWidget {
    Q_OBJECT
public:
    explicit CreatePanel(ServerHost &host, QWidget *parent = nullptr);

    QString lastShortUrl() const { return m_lastShortUrl; }
    QImage qrImage() const { return m_qrImage; }
    void focusUrl();

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
    void validateUrl(bool showEmpty);
    void validateAlias();
    void showFieldError(QLabel *label, const QString &message);
    void showResult(const Link &link);
    void setBusy(bool busy);
    void showCopied(const QString &text);
    void applyColors();

    ServerHost &m_host;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QLineEdit *m_alias = nullptr;
    QLabel *m_aliasError = nullptr;
    QSpinBox *m_maxClicks = nullptr;
    QLabel *m_maxClicksError = nullptr;
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
    QTimer m_copiedFade;
    QString m_lastShortUrl;
    QImage m_qrImage;
    bool m_busy = false;
};

} // namespace shortfuse
