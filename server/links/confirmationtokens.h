#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace shortfuse {

// The one-use tokens behind "confirm" preview protection. A token is
// issued with each confirmation page and names its link, when it stops
// being valid and a random nonce, signed with HMAC-SHA256 under the
// database's secret, so any server sharing the database can check it. That
// it is used only once is the database's job (the nonce is recorded in the
// same transaction as the claim).
class ConfirmationTokens {
public:
    static constexpr qint64 kLifetimeMs = 60 * 60 * 1000;

    struct Checked {
        QString nonce;
        qint64 expiresMs = 0;
    };

    explicit ConfirmationTokens(QByteArray secret) : m_secret(std::move(secret)) {}

    QString issue(const QString &slug, qint64 nowMs) const;
    // nullopt for a forged, altered, expired or other link's token.
    std::optional<Checked> check(const QString &token, const QString &slug, qint64 nowMs) const;

private:
    QByteArray sign(const QByteArray &payload) const;
    QByteArray m_secret;
};

} // namespace shortfuse
