#pragma once

#include "server/core/link.h"
#include "server/core/result.h"

#include <QString>

#include <optional>

// The rules for what a link may be made of: destination URLs, aliases,
// max-clicks and generated slugs. One definition, used by the HTTP API, the
// web form and the desktop window alike.
namespace shortfuse::rules {

inline constexpr int kMaxUrlLength = 2048;
inline constexpr int kMinAliasLength = 3;
inline constexpr int kMaxAliasLength = 64;
inline constexpr int kGeneratedSlugLength = 8;
inline constexpr qint64 kMaxClicksLimit = 2147483647;

// A destination must be absolute http(s) with a host, at most 2048
// characters, without whitespace or control characters. The URL is checked,
// never rewritten: the caller stores exactly the string it was given.
// Errors carry reasons missing_url, url_too_long, malformed_url,
// unsupported_scheme.
Status validateDestinationUrl(const QString &url);

// [A-Za-z0-9_-]{3,64} and not one of the server's own route words.
// Errors carry reasons invalid_alias or reserved_alias.
Status validateAlias(const QString &alias);

// True for words the server's own routes use (compared case-insensitively,
// so "API" cannot shadow /api in a case-folding proxy either).
bool isReservedWord(QStringView word);

// True when `text` has the shape of any slug the server could have issued
// (generated or alias), so a request path that cannot be a slug is answered
// without touching storage.
bool hasSlugShape(QStringView text);

// max-clicks: 1 ..= 2147483647. nullopt means unlimited.
// Error reason invalid_max_clicks.
Result<std::optional<int>> validateMaxClicks(std::optional<qint64> value);

// "auto", "confirm" or "off"; absent: auto for a capped link, off otherwise.
// Error reason invalid_preview_protection.
Result<PreviewProtection> previewProtectionFor(const std::optional<QString> &value, bool capped);
QString previewProtectionName(PreviewProtection mode);

inline constexpr int kMinPasswordLength = 8;
inline constexpr int kMaxPasswordLength = 128;
// 8 to 128 characters. Error reason invalid_password.
Status validatePassword(const QString &password);

inline constexpr int kMaxLabelLength = 200;
// A link's label: free text of at most 200 characters, on one line (no
// control characters: it goes into CSV rows, table cells and page titles).
// Error reason invalid_label.
Status validateLabel(const QString &label);

inline constexpr qint64 kMinExpiresInSeconds = 60;
inline constexpr qint64 kMaxExpiresInSeconds = 10LL * 366 * 24 * 3600;
// When a link stops working: "expires-at" (ISO-8601 with a UTC offset) or
// "expires-in" (seconds, at least 60), never both, never in the past.
// Reasons invalid_expires_at, invalid_expires_in, conflicting_expiry.
Result<std::optional<qint64>> expiryFor(const std::optional<QString> &expiresAt, std::optional<qint64> expiresIn,
                                        qint64 nowMs);

// 8 characters of [A-Za-z0-9] from the operating system's CSPRNG, without
// modulo bias (62^8 ~ 2.2e14 possibilities, ~47.6 bits).
QString generateSlug();

// How many slugs a generated link tries before giving up (each taken one
// is drawn again); with 62^8 slugs, more than one is already a rarity.
inline constexpr int kSlugAttempts = 16;
// What to do when a new link's slug is taken, after `attempts` slugs were
// tried: a generated slug is drawn again, up to kSlugAttempts; a chosen
// alias is refused (409 duplicate), and so is a generated link that found
// no free slug (503 slug_space_exhausted). ClickWriter asks this inside the
// batch that inserts the link, so a retry costs no extra commit.
Result<QString> slugAfterCollision(const NewLink &link, int attempts);

} // namespace shortfuse::rules
