#include "ui/createform.h"

#include "server/links/linkrules.h"

namespace shortfuse {

namespace {

std::optional<Error> errorOf(const Status &status)
{
    return status ? std::nullopt : std::optional<Error>(status.error());
}

template <typename T>
std::optional<Error> errorOf(const Result<T> &result)
{
    return result ? std::nullopt : std::optional<Error>(result.error());
}

std::optional<qint64> maxClicksOf(int maxClicks)
{
    return maxClicks > 0 ? std::optional<qint64>(maxClicks) : std::nullopt;
}

// Appends the field to `verdict.checked`, and its error, if any, to `verdict.errors`.
void checkField(CreateForm::Verdict &verdict, CreateForm::Field field, std::optional<Error> error)
{
    verdict.checked.append(field);
    if (error)
        verdict.errors.append({field, std::move(*error)});
}

CreateRequest requestOf(const CreateFormInput &input)
{
    CreateRequest request;
    request.url = input.url.trimmed();
    request.alias = input.alias.trimmed();
    request.maxClicks = maxClicksOf(input.maxClicks);
    request.previewProtection = input.previewProtection;
    if (!input.password.isEmpty())
        request.password = input.password;
    if (input.expiresAt)
        request.expiresAt = CreateForm::expiryIso(*input.expiresAt);
    if (const QString expiredUrl = input.expiredUrl.trimmed(); !expiredUrl.isEmpty())
        request.expiredUrl = expiredUrl;
    return request;
}

} // namespace

std::optional<Error> CreateForm::Verdict::errorOf(Field field) const
{
    for (const FieldError &e : errors) {
        if (e.field == field)
            return e.error;
    }
    return std::nullopt;
}

std::optional<Error> CreateForm::urlError(const QString &url)
{
    return shortfuse::errorOf(rules::validateDestinationUrl(url.trimmed()));
}

std::optional<Error> CreateForm::aliasError(const QString &alias)
{
    const QString trimmed = alias.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    return shortfuse::errorOf(rules::validateAlias(trimmed));
}

std::optional<Error> CreateForm::maxClicksError(int maxClicks)
{
    return shortfuse::errorOf(rules::validateMaxClicks(maxClicksOf(maxClicks)));
}

std::optional<Error> CreateForm::previewProtectionError(const QString &mode)
{
    return shortfuse::errorOf(rules::previewProtectionFor(mode, true));
}

std::optional<Error> CreateForm::passwordError(const QString &password)
{
    if (password.isEmpty())
        return std::nullopt;
    return shortfuse::errorOf(rules::validatePassword(password));
}

std::optional<Error> CreateForm::expiryError(const std::optional<QDateTime> &expiresAt, qint64 nowMs)
{
    if (!expiresAt)
        return std::nullopt;
    return shortfuse::errorOf(rules::expiryFor(expiryIso(*expiresAt), std::nullopt, nowMs));
}

std::optional<Error> CreateForm::expiredUrlError(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    std::optional<Error> error = shortfuse::errorOf(rules::validateDestinationUrl(trimmed));
    if (error && error->reason == "unsupported_scheme")
        error->reason = "invalid_expired_url";
    return error;
}

CreateForm::Verdict CreateForm::check(const CreateFormInput &input, qint64 nowMs)
{
    Verdict verdict;
    checkField(verdict, Field::Url, urlError(input.url));
    checkField(verdict, Field::Alias, aliasError(input.alias));
    checkField(verdict, Field::MaxClicks, maxClicksError(input.maxClicks));
    if (!verdict.errors.isEmpty())
        return verdict;
    checkField(verdict, Field::PreviewProtection, previewProtectionError(input.previewProtection));
    checkField(verdict, Field::Password, passwordError(input.password));
    checkField(verdict, Field::Expiry, expiryError(input.expiresAt, nowMs));
    checkField(verdict, Field::ExpiredUrl, expiredUrlError(input.expiredUrl));
    if (verdict.errors.isEmpty())
        verdict.request = requestOf(input);
    return verdict;
}

PreviewProtection CreateForm::defaultProtection(int maxClicks)
{
    // Asking for no mode cannot fail.
    return *rules::previewProtectionFor(std::nullopt, maxClicks > 0);
}

QString CreateForm::expiryIso(const QDateTime &expiresAt)
{
    return expiresAt.toUTC().toString(Qt::ISODateWithMs);
}

CreateForm::Field CreateForm::fieldOf(const Error &error)
{
    const QByteArray &r = error.reason;
    if (r == "missing_url" || r == "url_too_long" || r == "malformed_url" || r == "unsupported_scheme")
        return Field::Url;
    if (r == "invalid_alias" || r == "reserved_alias" || r == "duplicate")
        return Field::Alias;
    if (r == "invalid_max_clicks")
        return Field::MaxClicks;
    if (r == "invalid_preview_protection")
        return Field::PreviewProtection;
    if (r == "invalid_password")
        return Field::Password;
    if (r == "invalid_expires_at" || r == "invalid_expires_in" || r == "conflicting_expiry")
        return Field::Expiry;
    if (r == "invalid_expired_url")
        return Field::ExpiredUrl;
    return Field::None;
}

} // namespace shortfuse
