#include "server/webhooks/webhooktarget.h"

#include "server/core/addressscope.h"

#include <QPair>

namespace shortfuse {

namespace {
constexpr int kMaxUrlLength = 2048;

Error invalidUrl(const QString &why)
{
    return Error{400, "invalid_webhook_url", why};
}

} // namespace

Result<QUrl> parseWebhookUrl(const QString &text)
{
    if (text.isEmpty())
        return invalidUrl(QStringLiteral("The webhook URL is empty."));
    if (text.size() > kMaxUrlLength)
        return invalidUrl(QStringLiteral("The webhook URL is longer than %1 characters.").arg(kMaxUrlLength));
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalidUrl(QStringLiteral("The webhook URL contains a space or a control character."));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalidUrl(QStringLiteral("The webhook URL is not a valid URL."));
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return invalidUrl(QStringLiteral("A webhook URL must start with http:// or https://."));
    if (url.host().isEmpty())
        return invalidUrl(QStringLiteral("The webhook URL has no host."));
    if (!url.userInfo().isEmpty() || text.section(QLatin1Char('/'), 2, 2).contains(QLatin1Char('@')))
        return invalidUrl(QStringLiteral("A webhook URL may not contain a user name or password."));
    if (url.hasFragment())
        return invalidUrl(QStringLiteral("A webhook URL may not contain a fragment (#...)."));
    // QUrl takes ":" with no digits as "no port" and refuses more than 65535; 0 it lets through.
    if (url.port() == 0)
        return invalidUrl(QStringLiteral("The webhook URL's port must be between 1 and 65535."));
    return url;
}

bool isPrivateAddress(const QHostAddress &address)
{
    // Documentation and the other special-purpose ranges are let through:
    // tests deliver to them in network namespaces of their own.
    switch (addressScope(address)) {
    case AddressScope::Documentation:
    case AddressScope::SpecialPurpose:
    case AddressScope::Global:
        return false;
    default:
        return true; // a null address included: nothing to vet, refused
    }
}

} // namespace shortfuse
