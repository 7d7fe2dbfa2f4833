#include "ui/errortext.h"

#include "server/core/apikey.h"
#include "server/links/linkrules.h"

namespace shortfuse {

QString ErrorText::message(const Error &error)
{
    const QByteArray &r = error.reason;
    if (r == "missing_url")
        return tr("Enter the address the short link should lead to.");
    if (r == "url_too_long")
        return tr("The address is too long (at most %1 characters).").arg(rules::kMaxUrlLength);
    if (r == "malformed_url")
        return tr("This is not a complete web address (for example https://example.com/page).");
    if (r == "unsupported_scheme")
        return tr("Only http:// and https:// addresses can be shortened.");
    if (r == "invalid_alias")
        return tr("An alias has %1 to %2 characters: letters, digits, '-' and '_'.")
            .arg(rules::kMinAliasLength)
            .arg(rules::kMaxAliasLength);
    if (r == "reserved_alias")
        return tr("This word is used by the server itself; choose another alias.");
    if (r == "duplicate")
        return tr("This alias is already in use.");
    if (r == "invalid_max_clicks")
        return tr("Max clicks must be a whole number from 1 to 2147483647.");
    if (r == "invalid_preview_protection")
        return tr("Choose one of the preview protection modes.");
    if (r == "invalid_password")
        return tr("A link password has %1 to %2 characters.")
            .arg(rules::kMinPasswordLength)
            .arg(rules::kMaxPasswordLength);
    if (r == "invalid_expires_at" || r == "invalid_expires_in" || r == "conflicting_expiry")
        return tr("Choose an expiry time in the future.");
    if (r == "invalid_expired_url")
        return tr("After expiry, visitors can only be sent to a complete http:// or https:// address.");
    if (r == "invalid_label")
        return tr("A label has at most %1 characters, on one line.").arg(rules::kMaxLabelLength);
    if (r == "max_clicks_below_clicks")
        return tr("Max clicks cannot be lower than the clicks already used.");
    if (r == "not_found")
        return tr("This link no longer exists.");
    if (r == "invalid_key_name")
        return tr("A key name has 1 to %1 characters, without control characters or spaces around it.")
            .arg(apikeys::kMaxNameLength);
    if (r == "duplicate_key_name")
        return tr("A key with this name exists already.");
    if (r == "rate_limited")
        return tr("Too many links in a short time; try again in a minute.");
    if (r == "unavailable")
        return tr("The server is not running.");
    if (r == "storage_unavailable" || r == "overloaded")
        return tr("The server is busy; try again in a moment.");
    return error.message;
}

} // namespace shortfuse
