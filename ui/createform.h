#pragma once

#include "server/core/link.h"
#include "server/core/result.h"
#include "server/links/linkservice.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace shortfuse {

// What the "New link" panel holds, as plain values.
struct CreateFormInput {
    QString url;                         // as typed: surrounding spaces are dropped
    QString alias;                       // as typed; empty: the server picks a slug
    int maxClicks = 1;                   // 0: unlimited (the spinner's lowest value)
    QString previewProtection;           // "auto", "confirm" or "off"
    QString password;                    // taken exactly as typed; empty: none
    std::optional<QDateTime> expiresAt;  // nullopt: no expiry
    QString expiredUrl;                  // as typed; empty: the expired page
};

// The "New link" form without its widgets, so what the panel checks and
// sends can be tested without a window. It holds no rule of its own: each
// field is checked with the server's link rules (server/links/linkrules.h),
// the same ones LinkService::prepare applies, and the form only maps fields
// to a CreateRequest and the rules' errors back to fields.
class CreateForm final {
public:
    enum class Field { Url, Alias, MaxClicks, PreviewProtection, Password, Expiry, ExpiredUrl, None };
    struct FieldError {
        Field field = Field::None;
        Error error;
    };
    // What Shorten found. The fields of the first row (URL, alias, max
    // clicks) are checked first, and the options only once that row is
    // right: the options are usually folded away, and the panel does not
    // nag about a hidden field while a visible one is wrong.
    struct Verdict {
        QList<Field> checked;                  // the fields looked at: their errors are current
        QList<FieldError> errors;              // among those, in the panel's order; the first gets the focus
        std::optional<CreateRequest> request;  // set when there is no error
        // The error of `field`, if it was checked and is wrong.
        std::optional<Error> errorOf(Field field) const;
    };

    // One field, as it is being typed; nullopt when it is right. Every
    // field but the URL may be left empty.
    static std::optional<Error> urlError(const QString &url);
    static std::optional<Error> aliasError(const QString &alias);
    static std::optional<Error> maxClicksError(int maxClicks);
    static std::optional<Error> previewProtectionError(const QString &mode);
    static std::optional<Error> passwordError(const QString &password);
    static std::optional<Error> expiryError(const std::optional<QDateTime> &expiresAt, qint64 nowMs);
    // The fallback address: a URL error, except that a wrong scheme is
    // reported as invalid_expired_url ("only http(s) can be shortened" would
    // be the wrong sentence for it).
    static std::optional<Error> expiredUrlError(const QString &url);

    // Every field at `nowMs`: the request the server takes, or what is wrong.
    static Verdict check(const CreateFormInput &input, qint64 nowMs);

    // The preview protection a link gets until the user picks one: what the
    // server would choose for it (auto when capped, off when unlimited).
    static PreviewProtection defaultProtection(int maxClicks);
    // The expiry as the server takes it: ISO-8601 in UTC ("...Z").
    static QString expiryIso(const QDateTime &expiresAt);
    // Which field an error concerns, whether it came from the rules here or
    // from the server's answer (a taken alias); None for the form as a whole.
    static Field fieldOf(const Error &error);
};

} // namespace shortfuse
