#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// API keys (issue 12): what a key looks like, how it is stored, what is
// known about one. One definition, used by the `keys` command, the HTTP
// authentication, the desktop settings and the stores alike.
namespace shortfuse {

// A key as storage knows it. The key itself is never stored, only its
// SHA-256 (see apikeys::hash), and is shown once, when it is made.
struct ApiKey {
    qint64 id = 0;
    QString name;
    QString prefix;                  // the key's first characters, to recognise it in a list
    bool admin = false;              // sees and changes every link, not only its own
    qint64 createdAtMs = 0;
    std::optional<qint64> lastUsedAtMs;
    std::optional<qint64> revokedAtMs;

    bool revoked() const { return revokedAtMs.has_value(); }
};

// What storage needs to add a key.
struct NewApiKey {
    QString name;
    QByteArray hash;  // apikeys::hash() of the key
    QString prefix;
    bool admin = false;
    qint64 createdAtMs = 0;
};

namespace apikeys {

// "sf_" and 43 characters of base64url: 256 bits from the operating
// system's CSPRNG. The prefix makes a leaked key recognisable to secret
// scanners and to a person reading a config file.
inline constexpr QLatin1StringView kPrefix{"sf_"};
inline constexpr int kRandomBytes = 32;
inline constexpr int kKeyLength = 3 + 43;
// How many of a key's characters `keys list` and the settings show.
inline constexpr int kShownPrefixLength = 10;
inline constexpr int kMaxNameLength = 64;

QString generate();
// Lowercase hex SHA-256 of the key's bytes. Keys are 256 random bits, so a
// slow password hash would buy nothing and cost every request.
QByteArray hash(QStringView key);
// The shape generate() produces; anything else is not a key and is
// refused without a database look-up.
bool hasKeyShape(QStringView text);
QString shownPrefix(QStringView key);
// 1 to 64 printable characters without surrounding spaces, no control
// characters. Error text for a person, empty when the name is fine.
QString nameProblem(const QString &name);
// Equal hashes, compared in time that does not depend on where they differ.
bool sameHash(const QByteArray &a, const QByteArray &b);

} // namespace apikeys

// The random secret in a link's statistics URL (?token=): 128 bits in
// 32 lowercase hex characters. Whoever holds it may read the statistics.
namespace statstokens {
QString generate();
bool hasTokenShape(QStringView text);
} // namespace statstokens

} // namespace shortfuse
