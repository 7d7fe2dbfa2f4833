#pragma once

#include "server/core/link.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace shortfuse {

// The options a link is made with, as fields: max clicks (0: unlimited),
// preview protection, an expiry time, the fallback address after expiry
// and a password. Shared by the edit dialog and the recipients dialog so
// both offer the same choices with the same words; it holds no rule (the
// server's rules judge what it gives, through LinkService).
class LinkOptionsForm final : public QWidget {
    Q_OBJECT
public:
    explicit LinkOptionsForm(QWidget *parent = nullptr);

    // Shows what `link` is now; the password field then means "a new
    // password" and a check box offers to remove the one it has.
    void showLink(const Link &link);

    std::optional<qint64> maxClicks() const;  // nullopt: unlimited
    void setMaxClicks(std::optional<qint64> maxClicks);
    QString previewProtection() const;        // "auto", "confirm" or "off"
    std::optional<QDateTime> expiresAt() const;
    QString expiredUrl() const;               // trimmed; empty: the expired page
    QString password() const;                 // exactly as typed; empty: none (or unchanged)
    bool removesPassword() const;

    QSpinBox *maxClicksSpin() const { return m_maxClicks; }
    // A row of the dialog's own at `row`, aligned with the options' rows.
    void insertRow(int row, const QString &label, QWidget *field);

private:
    QSpinBox *m_maxClicks = nullptr;
    QComboBox *m_protection = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateTimeEdit *m_expiresAt = nullptr;
    QLineEdit *m_expiredUrl = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_removePassword = nullptr;
    QFormLayout *m_form = nullptr;
};

// The link's expiry as the server takes it: ISO-8601 in UTC, whole seconds.
QString expiryIsoUtc(const QDateTime &at);

} // namespace shortfuse
