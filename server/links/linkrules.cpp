#include "server/links/linkrules.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

#include <array>

namespace shortfuse::rules {

namespace {

Error badRequest(const char *reason, const QString &message)
{
    return Error{400, QByteArray(reason), message};
}

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

bool isSlugChar(QChar c)
{
    return isAsciiAlnum(c) || c == u'_' || c == u'-';
}

// Whitespace or any control character (C0, DEL, C1): a URL containing one
// could split a header or hide where it leads.
bool isForbiddenUrlChar(QChar c)
{
    const char16_t u = c.unicode();
    return c.isSpace() || u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029
        || c.category() == QChar::Other_Format;
}

} // namespace

Status validateDestinationUrl(const QString &url)
{
    if (url.isEmpty())
        return badRequest("missing_url", QStringLiteral("Please give the URL the short link should lead to."));
    if (url.size() > kMaxUrlLength) {
        return badRequest("url_too_long",
                          QStringLiteral("The URL is %1 characters long; the limit is %2.")
                              .arg(url.size())
                              .arg(kMaxUrlLength));
    }
    for (QChar c : url) {
        if (isForbiddenUrlChar(c)) {
            return badRequest("malformed_url",
                              QStringLiteral("The URL contains a space or a control character; "
                                             "percent-encode it (%20 for a space)."));
        }
    }

    // RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':'.
    const qsizetype colon = url.indexOf(u':');
    bool schemeShaped = colon > 0 && url.at(0).isLetter() && url.at(0).unicode() < 0x80;
    for (qsizetype i = 1; schemeShaped && i < colon; ++i) {
        const QChar c = url.at(i);
        schemeShaped = isAsciiAlnum(c) || c == u'+' || c == u'-' || c == u'.';
    }
    if (!schemeShaped) {
        return badRequest("malformed_url",
                          QStringLiteral("The URL must be absolute and start with http:// or https://."));
    }
    const QString scheme = url.left(colon).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return badRequest("unsupported_scheme",
                          QStringLiteral("Only http:// and https:// links can be shortened, not %1:.")
                              .arg(scheme.left(32)));
    }
    if (!QStringView(url).mid(colon + 1).startsWith(u"//")) {
        return badRequest("malformed_url",
                          QStringLiteral("The URL must have the form %1://host/path.").arg(scheme));
    }

    // QUrl only checks the string here; it is never used to rewrite it.
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        return badRequest("malformed_url",
                          QStringLiteral("The URL is not well formed (its host or another part is invalid)."));
    }
    return {};
}

bool isReservedWord(QStringView word)
{
    // Every first path segment the server routes itself, plus words a
    // future route or a visitor could mistake for one of ours.
    static const std::array<QLatin1String, 16> reserved = {
        QLatin1String("api"),         QLatin1String("stats"),      QLatin1String("static"),
        QLatin1String("health"),      QLatin1String("metrics"),    QLatin1String("favicon.ico"),
        QLatin1String("robots.txt"),  QLatin1String("create"),     QLatin1String("admin"),
        QLatin1String("login"),       QLatin1String("logout"),     QLatin1String("settings"),
        QLatin1String("healthz"),     QLatin1String("readyz"),     QLatin1String("well-known"),
        QLatin1String(".well-known"),
    };
    for (const QLatin1String &r : reserved) {
        if (word.compare(r, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool hasSlugShape(QStringView text)
{
    if (text.size() < kMinAliasLength || text.size() > kMaxAliasLength)
        return false;
    for (QChar c : text) {
        if (!isSlugChar(c))
            return false;
    }
    return true;
}

Status validateAlias(const QString &alias)
{
    if (!hasSlugShape(alias)) {
        return badRequest("invalid_alias",
                          QStringLiteral("An alias is 3 to 64 characters of letters, digits, '_' and '-'."));
    }
    if (isReservedWord(alias)) {
        return badRequest("reserved_alias",
                          QStringLiteral("The alias \"%1\" is reserved by the server; choose another.").arg(alias));
    }
    return {};
}

Result<std::optional<int>> validateMaxClicks(std::optional<qint64> value)
{
    if (!value)
        return std::optional<int>{};
    if (*value < 1 || *value > kMaxClicksLimit) {
        return badRequest("invalid_max_clicks",
                          QStringLiteral("max-clicks must be a whole number from 1 to %1, or left out for "
                                         "no limit.")
                              .arg(kMaxClicksLimit));
    }
    return std::optional<int>{static_cast<int>(*value)};
}

Result<PreviewProtection> previewProtectionFor(const std::optional<QString> &value, bool capped)
{
    if (!value)
        return capped ? PreviewProtection::Auto : PreviewProtection::Off;
    if (*value == QLatin1String("auto"))
        return PreviewProtection::Auto;
    if (*value == QLatin1String("confirm"))
        return PreviewProtection::Confirm;
    if (*value == QLatin1String("off"))
        return PreviewProtection::Off;
    return badRequest("invalid_preview_protection",
                      QStringLiteral("preview-protection must be \"auto\", \"confirm\" or \"off\"."));
}

QString previewProtectionName(PreviewProtection mode)
{
    switch (mode) {
    case PreviewProtection::Auto: return QStringLiteral("auto");
    case PreviewProtection::Confirm: return QStringLiteral("confirm");
    case PreviewProtection::Off: break;
    }
    return QStringLiteral("off");
}

Status validatePassword(const QString &password)
{
    const qsizetype characters = password.toUcs4().size(); // characters, not UTF-16 units
    if (characters < kMinPasswordLength || characters > kMaxPasswordLength) {
        return badRequest("invalid_password",
                          QStringLiteral("A link password is %1 to %2 characters long.")
                              .arg(kMinPasswordLength)
                              .arg(kMaxPasswordLength));
    }
    return {};
}

Status validateLabel(const QString &label)
{
    const auto bad = [] {
        return badRequest("invalid_label",
                          QStringLiteral("A label is at most %1 characters on one line.").arg(kMaxLabelLength));
    };
    if (label.toUcs4().size() > kMaxLabelLength)
        return bad();
    for (QChar c : label) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return bad();
    }
    return {};
}

Result<std::optional<qint64>> expiryFor(const std::optional<QString> &expiresAt, std::optional<qint64> expiresIn,
                                        qint64 nowMs)
{
    if (expiresAt && expiresIn)
        return badRequest("conflicting_expiry", QStringLiteral("Send expires-at or expires-in, not both."));
    if (expiresIn) {
        if (*expiresIn < kMinExpiresInSeconds || *expiresIn > kMaxExpiresInSeconds) {
            return badRequest("invalid_expires_in",
                              QStringLiteral("expires-in is a number of seconds from %1 to %2.")
                                  .arg(kMinExpiresInSeconds)
                                  .arg(kMaxExpiresInSeconds));
        }
        return std::optional<qint64>{nowMs + *expiresIn * 1000};
    }
    if (!expiresAt)
        return std::optional<qint64>{};
    // An explicit offset is required: a bare local time means something
    // different on every machine.
    static const QRegularExpression offset(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    const QDateTime when = QDateTime::fromString(*expiresAt, Qt::ISODateWithMs);
    if (!when.isValid() || !offset.match(*expiresAt).hasMatch()) {
        return badRequest("invalid_expires_at",
                          QStringLiteral("expires-at must be an ISO-8601 time with an offset, "
                                         "such as 2030-01-31T18:00:00Z or 2030-01-31T19:00:00+01:00."));
    }
    if (when.toMSecsSinceEpoch() <= nowMs)
        return badRequest("invalid_expires_at", QStringLiteral("expires-at is in the past."));
    return std::optional<qint64>{when.toMSecsSinceEpoch()};
}

QString generateSlug()
{
    static constexpr char16_t alphabet[] = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static constexpr quint32 alphabetSize = 62;
    // Reject bytes >= 248 (= 4 * 62) so every character is equally likely.
    static constexpr quint32 acceptBelow = 248;

    QString slug;
    slug.reserve(kGeneratedSlugLength);
    QRandomGenerator *rng = QRandomGenerator::system(); // OS CSPRNG (getrandom)
    while (slug.size() < kGeneratedSlugLength) {
        quint32 word = rng->generate();
        for (int i = 0; i < 4 && slug.size() < kGeneratedSlugLength; ++i, word >>= 8) {
            const quint32 byte = word & 0xff;
            if (byte < acceptBelow)
                slug.append(QChar(alphabet[byte % alphabetSize]));
        }
    }
    return slug;
}

Result<QString> slugAfterCollision(const NewLink &link, int attempts)
{
    if (!link.slugGenerated)
        return Error{409, "duplicate", QStringLiteral("The alias \"%1\" is already in use.").arg(link.slug)};
    if (attempts >= kSlugAttempts)
        return Error{503, "slug_space_exhausted", QStringLiteral("Could not find a free short name; please try again.")};
    return generateSlug();
}

} // namespace shortfuse::rules
