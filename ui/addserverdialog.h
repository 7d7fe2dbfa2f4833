#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;

namespace shortfuse {

// "Add a server…" (issue 15): a remote shortfuse-server's address, an API
// key for it, and a name for the switcher. OK only with an http(s) address
// and a key; the key is shown as dots and goes to the keychain, never to
// the settings file.
class AddServerDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AddServerDialog(QWidget *parent = nullptr);

    QString name() const;
    QUrl url() const;
    QString apiKey() const;

public Q_SLOTS:
    void accept() override;

private:
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace shortfuse
