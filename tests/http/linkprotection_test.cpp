// Issue 6, black-box: links that survive the real internet. Preview
// protection (auto / confirm / off), password-protected links, expiry by
// time, the expired-url fallback, and the 400s for bad values of every new
// field, all against the real server over real sockets.
//
// Time-based expiry itself (the moment passing) is tested with a fake clock
// at service level; here only "it works now and says when it stops".

#include "tests/http/httptest.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <mutex>

namespace shortfuse::test {
namespace {

using namespace Qt::StringLiterals;

// Click log outcomes beyond kRedirected and kExpired, as the database stores them.
constexpr int kPreview = 3;

const QByteArray kFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const QByteArray kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const QByteArray kSlackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

// Real user agents of chat-app previewers and mail/Office link scanners, and the
// name the stats give each.
struct Previewer {
    const char *label;
    QByteArray userAgent;
    QString botName;
};

const Previewer kPreviewers[] = {
    {"Slackbot", kSlackbot, QStringLiteral("Slack")},
    {"Discordbot", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", QStringLiteral("Discord")},
    {"facebookexternalhit", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
     QStringLiteral("Facebook")},
    {"Twitterbot", "Twitterbot/1.0", QStringLiteral("X (Twitter)")},
    {"WhatsApp", "WhatsApp/2.23.20.0 A", QStringLiteral("WhatsApp")},
    {"TelegramBot", "TelegramBot (like TwitterBot)", QStringLiteral("Telegram")},
    {"LinkedInBot", "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
     QStringLiteral("LinkedIn")},
    {"Outlook", "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)",
     QStringLiteral("Microsoft Outlook")},
    {"Office scanner", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)", QStringLiteral("Microsoft Office")},
    {"iMessage",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
     "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
     QStringLiteral("iMessage")},
    {"SkypeUriPreview", "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
     QStringLiteral("Microsoft Teams/Skype")},
};

std::string described(const HttpResponse &response)
{
    return response.describe().toStdString();
}

QByteArray formValue(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

// The same token spelt differently: the signature is 32 bytes, 43 base64url
// characters, so the lowest 2 bits of the last one are padding. Flipping one
// gives a different string that decodes to the very same token.
QString respelled(const QString &token)
{
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString t = token;
    const qsizetype index = alphabet.indexOf(t.back());
    if (index >= 0)
        t.back() = alphabet.at(index ^ 1);
    return t;
}

// The hidden one-use token of a confirmation page; empty if there is none.
QString tokenIn(const HttpResponse &page)
{
    static const QRegularExpression input(QStringLiteral(R"re(<input\b[^>]*\bname="token"[^>]*>)re"));
    static const QRegularExpression value(QStringLiteral(R"re(\bvalue="([^"]*)")re"));
    const QRegularExpressionMatch tag = input.match(QString::fromUtf8(page.body));
    if (!tag.hasMatch())
        return {};
    const QRegularExpressionMatch v = value.match(tag.captured(0));
    return v.hasMatch() ? v.captured(1) : QString();
}

void expectRedirect(const HttpResponse &response, int status, const QByteArray &location)
{
    EXPECT_EQ(response.status, status) << described(response);
    EXPECT_EQ(response.header("Location"), location) << described(response);
}

void expectExpiredPage(const HttpResponse &response)
{
    EXPECT_EQ(response.status, 400) << described(response);
    EXPECT_TRUE(response.header("Content-Type").startsWith("text/html")) << described(response);
    EXPECT_TRUE(response.body.toLower().contains("expired")) << described(response);
    EXPECT_FALSE(response.hasHeader("Location")) << described(response);
}

// The auto-mode placeholder: 200, Open Graph title, and nothing about where the link leads.
void expectPlaceholder(const HttpResponse &response, const QByteArray &destinationMarker)
{
    EXPECT_EQ(response.status, 200) << described(response);
    EXPECT_TRUE(response.header("Content-Type").startsWith("text/html")) << described(response);
    EXPECT_TRUE(response.body.contains(R"(<meta property="og:title" content="A one-time link">)")) << described(response);
    EXPECT_FALSE(response.hasHeader("Location")) << described(response);
    EXPECT_FALSE(response.raw.contains(destinationMarker)) << described(response);
}

void expectPasswordForm(const HttpResponse &response, int status, const QByteArray &action)
{
    EXPECT_EQ(response.status, status) << described(response);
    EXPECT_TRUE(response.header("Content-Type").startsWith("text/html")) << described(response);
    EXPECT_TRUE(response.body.contains("name=\"password\"")) << described(response);
    EXPECT_TRUE(response.body.contains(QByteArray("action=\"" + action + "\""))) << described(response);
    EXPECT_FALSE(response.hasHeader("Location")) << described(response);
}

class LinkProtectionTest : public ServerTest {
protected:
    QStringList serverArguments() const override
    {
        return {QStringLiteral("--rate-limit"), QStringLiteral("0"), QStringLiteral("--stats-rate-limit"),
                QStringLiteral("0")};
    }

    // Creates a link from `fields`; records a failure and returns an empty object unless 201.
    QJsonObject createWith(const QJsonObject &fields) const
    {
        const HttpResponse response = create(fields);
        if (response.status != 201) {
            ADD_FAILURE() << "creating " << QJsonDocument(fields).toJson(QJsonDocument::Compact).toStdString()
                          << " failed: " << described(response);
            return {};
        }
        return response.json();
    }

    QString slugWith(const QJsonObject &fields) const
    {
        return createWith(fields).value(QStringLiteral("slug")).toString();
    }

    HttpResponse browserGet(const QString &slug) const
    {
        return client().get(pathOf(slug), {{"User-Agent", kFirefox}});
    }

    HttpResponse postForm(const QString &slug, const QByteArray &body) const
    {
        return client().send(HttpRequest{"POST", pathOf(slug),
                                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", kFirefox}},
                                          body});
    }

    HttpResponse postToken(const QString &slug, const QString &token) const
    {
        return postForm(slug, "token=" + formValue(token));
    }

    HttpResponse postPassword(const QString &slug, const QString &password) const
    {
        return postForm(slug, "password=" + formValue(password));
    }

    // GETs the confirmation page and returns its token (a test failure if there is none).
    QString freshToken(const QString &slug) const
    {
        const HttpResponse page = browserGet(slug);
        EXPECT_EQ(page.status, 200) << described(page);
        const QString token = tokenIn(page);
        EXPECT_FALSE(token.isEmpty()) << described(page);
        return token;
    }

    // The click log of `slug` once it holds `entries` rows (newest first).
    QJsonArray clickLog(const QString &slug, int entries) const
    {
        QJsonArray log;
        EXPECT_TRUE(waitUntil([&] {
            log = client().get("/api/stats/" + slug.toUtf8()).json().value(QStringLiteral("click_log")).toArray();
            return log.size() >= entries;
        })) << "click log of " << slug.toStdString() << " has " << log.size() << " entries, expected " << entries;
        EXPECT_EQ(log.size(), entries);
        return log;
    }
};

// ---------------------------------------------------------------------------
// The create API: the new fields and what the 201 says about them.

using LinkProtectionCreate = LinkProtectionTest;

// A capped link defaults to auto, an unlimited one to off; the 201 carries every new field.
TEST_F(LinkProtectionCreate, DefaultsAndResponseFields)
{
    const QJsonObject capped = createWith({{u"url"_s, u"https://example.com/capped"_s}, {u"max-clicks"_s, 1}});
    EXPECT_EQ(capped.value(QStringLiteral("preview_protection")).toString(), QStringLiteral("auto"));
    EXPECT_EQ(capped.value(QStringLiteral("password_protected")), QJsonValue(false));
    EXPECT_TRUE(capped.contains(QStringLiteral("expires_at")));
    EXPECT_TRUE(capped.value(QStringLiteral("expires_at")).isNull());
    EXPECT_TRUE(capped.contains(QStringLiteral("expired_url")));
    EXPECT_TRUE(capped.value(QStringLiteral("expired_url")).isNull());

    const QJsonObject unlimited = createWith({{u"url"_s, u"https://example.com/unlimited"_s}});
    EXPECT_EQ(unlimited.value(QStringLiteral("preview_protection")).toString(), QStringLiteral("off"));

    // Each mode, with either spelling of the field, on capped and unlimited links.
    const std::tuple<QString, QString, QJsonValue> modes[] = {
        {u"preview-protection"_s, QStringLiteral("confirm"), QJsonValue(1)},
        {u"preview_protection"_s, QStringLiteral("off"), QJsonValue(1)},
        {u"preview-protection"_s, QStringLiteral("auto"), QJsonValue(QJsonValue::Null)},
        {u"preview_protection"_s, QStringLiteral("confirm"), QJsonValue(QJsonValue::Null)},
    };
    for (const auto &[field, mode, maxClicks] : modes) {
        const QJsonObject made = createWith(
            {{u"url"_s, u"https://example.com/mode"_s}, {field, mode}, {u"max-clicks"_s, maxClicks}});
        EXPECT_EQ(made.value(QStringLiteral("preview_protection")).toString(), mode) << field.toStdString();
    }

    const QJsonObject fallback = createWith(
        {{u"url"_s, u"https://example.com/x"_s}, {u"max-clicks"_s, 1}, {u"expired_url"_s, u"https://example.org/gone?x=1"_s}});
    EXPECT_EQ(fallback.value(QStringLiteral("expired_url")).toString(), QStringLiteral("https://example.org/gone?x=1"));
}

// expires-in 60: the link works now, and expires_at says it stops about 60 s from now.
TEST_F(LinkProtectionCreate, ExpiresInWorksNowAndEndsAMinuteAhead)
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject made = createWith({{u"url"_s, u"https://example.com/soon"_s}, {u"max-clicks"_s, 2}, {u"expires-in"_s, 60}});
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QString slug = made.value(QStringLiteral("slug")).toString();
    ASSERT_FALSE(slug.isEmpty());
    const QDateTime expiresAt =
        QDateTime::fromString(made.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    ASSERT_TRUE(expiresAt.isValid()) << made.value(QStringLiteral("expires_at")).toString().toStdString();
    EXPECT_GE(expiresAt.toMSecsSinceEpoch(), before + 60'000 - 1'000);
    EXPECT_LE(expiresAt.toMSecsSinceEpoch(), after + 60'000 + 1'000);

    expectRedirect(browserGet(slug), 302, "https://example.com/soon");
    EXPECT_EQ(database().clicksOf(slug), 1);

    // The underscore spelling, on an unlimited link: every visit still redirects.
    const QJsonObject unlimited = createWith({{u"url"_s, u"https://example.com/unlimited-soon"_s}, {u"expires_in"_s, 3600}});
    const QString open = unlimited.value(QStringLiteral("slug")).toString();
    ASSERT_FALSE(open.isEmpty());
    EXPECT_FALSE(unlimited.value(QStringLiteral("expires_at")).isNull());
    EXPECT_EQ(visit(open, 3), (StatusCounts{{302, 3}}));
}

// expires-at with an offset is that instant (the answer may spell it in UTC).
TEST_F(LinkProtectionCreate, ExpiresAtWithOffsetIsThatInstant)
{
    const QJsonObject plus = createWith(
        {{u"url"_s, u"https://example.com/at"_s}, {u"max-clicks"_s, 1}, {u"expires-at"_s, u"2035-06-01T12:00:00+02:00"_s}});
    const QDateTime when = QDateTime::fromString(plus.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    ASSERT_TRUE(when.isValid()) << plus.value(QStringLiteral("expires_at")).toString().toStdString();
    EXPECT_EQ(when.toMSecsSinceEpoch(),
              QDateTime::fromString(QStringLiteral("2035-06-01T10:00:00Z"), Qt::ISODate).toMSecsSinceEpoch());
    expectRedirect(browserGet(plus.value(QStringLiteral("slug")).toString()), 302, "https://example.com/at");

    const QJsonObject zulu = createWith({{u"url"_s, u"https://example.com/z"_s}, {u"expires_at"_s, u"2035-06-01T10:00:00Z"_s}});
    EXPECT_EQ(QDateTime::fromString(zulu.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs)
                  .toMSecsSinceEpoch(),
              when.toMSecsSinceEpoch());
}

// The boundaries that are allowed: passwords of exactly 8 and 128 characters, expires-in of exactly 60.
TEST_F(LinkProtectionCreate, BoundaryValuesAreAccepted)
{
    for (const qsizetype length : {8, 128}) {
        const QJsonObject made =
            createWith({{u"url"_s, u"https://example.com/p"_s}, {u"password"_s, QString(length, u'k')}, {u"max-clicks"_s, 1}});
        EXPECT_EQ(made.value(QStringLiteral("password_protected")), QJsonValue(true)) << length;
    }
    EXPECT_FALSE(createWith({{u"url"_s, u"https://example.com/e"_s}, {u"expires-in"_s, 60}}).isEmpty());
    EXPECT_EQ(database().linkCount(), 3);
}

// A bad value of any new field: 400 with the field's reason, and no link is stored.
TEST_F(LinkProtectionCreate, BadValuesAreRefusedAndStoreNothing)
{
    const QString tooLong(129, u'x');
    const struct {
        QJsonObject extra;
        QString reason;
    } cases[] = {
        {{{u"preview-protection"_s, u"sometimes"_s}}, u"invalid_preview_protection"_s},
        {{{u"preview-protection"_s, u"AUTO"_s}}, u"invalid_preview_protection"_s},
        {{{u"preview-protection"_s, u""_s}}, u"invalid_preview_protection"_s},
        {{{u"preview-protection"_s, 1}}, u"invalid_preview_protection"_s},
        {{{u"preview_protection"_s, u"never"_s}}, u"invalid_preview_protection"_s},
        {{{u"password"_s, u"seven77"_s}}, u"invalid_password"_s},
        {{{u"password"_s, u""_s}}, u"invalid_password"_s},
        {{{u"password"_s, tooLong}}, u"invalid_password"_s},
        {{{u"password"_s, 12345678}}, u"invalid_password"_s},
        {{{u"password"_s, true}}, u"invalid_password"_s},
        {{{u"expires-at"_s, u"2035-01-31T18:00:00"_s}}, u"invalid_expires_at"_s},     // no offset
        {{{u"expires-at"_s, u"2001-01-01T00:00:00Z"_s}}, u"invalid_expires_at"_s},    // in the past
        {{{u"expires-at"_s, u"2001-01-01T00:00:00+01:00"_s}}, u"invalid_expires_at"_s},
        {{{u"expires-at"_s, u"tomorrow"_s}}, u"invalid_expires_at"_s},
        {{{u"expires-at"_s, u""_s}}, u"invalid_expires_at"_s},
        {{{u"expires-at"_s, 2000000000}}, u"invalid_expires_at"_s},
        {{{u"expires_at"_s, u"31/01/2035 18:00 +01:00"_s}}, u"invalid_expires_at"_s},
        {{{u"expires-in"_s, 59}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, 0}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, -60}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, 60.5}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, u"3600"_s}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, true}}, u"invalid_expires_in"_s},
        {{{u"expires_in"_s, 1e15}}, u"invalid_expires_in"_s},
        {{{u"expires-in"_s, 3600}, {u"expires-at"_s, u"2035-01-31T18:00:00Z"_s}}, u"conflicting_expiry"_s},
        {{{u"expires_in"_s, 3600}, {u"expires_at"_s, u"2035-01-31T18:00:00Z"_s}}, u"conflicting_expiry"_s},
        {{{u"expired-url"_s, u"ftp://example.org/file"_s}}, u"invalid_expired_url"_s},
        {{{u"expired-url"_s, u"javascript:alert(1)"_s}}, u"invalid_expired_url"_s},
        {{{u"expired-url"_s, u"not a url"_s}}, u"invalid_expired_url"_s},
        {{{u"expired-url"_s, u"/relative/path"_s}}, u"invalid_expired_url"_s},
        {{{u"expired-url"_s, u"https://"_s}}, u"invalid_expired_url"_s},
        {{{u"expired-url"_s, 42}}, u"invalid_expired_url"_s},
        {{{u"expired_url"_s, u"mailto:someone@example.org"_s}}, u"invalid_expired_url"_s},
    };
    for (const auto &c : cases) {
        QJsonObject fields = c.extra;
        fields.insert(QStringLiteral("url"), QStringLiteral("https://example.com/bad"));
        fields.insert(QStringLiteral("max-clicks"), 1);
        SCOPED_TRACE(QJsonDocument(fields).toJson(QJsonDocument::Compact).toStdString());
        expectJsonError(create(fields), 400, c.reason);
    }
    EXPECT_EQ(database().linkCount(), 0);
}

// "expired-url": "" is not an http/https URL either. Every other new string field
// refuses its empty value (and so does "alias"); this one must not quietly mean
// "no fallback".
TEST_F(LinkProtectionCreate, EmptyExpiredUrlIsRefused)
{
    expectJsonError(create({{u"url"_s, u"https://example.com/bad"_s}, {u"max-clicks"_s, 1}, {u"expired-url"_s, u""_s}}), 400,
                    QStringLiteral("invalid_expired_url"));
    EXPECT_EQ(database().linkCount(), 0);
}

// ---------------------------------------------------------------------------
// auto: previewers and prefetches get a placeholder and use up nothing.

using LinkProtectionAuto = LinkProtectionTest;

// Each real previewer / scanner fetches an auto one-time link (twice): placeholder,
// nothing used up, logged as "preview" with the bot's name. Then a browser gets the
// 302 and the next visit the expired page.
TEST_F(LinkProtectionAuto, PreviewersLeaveAOneTimeLinkUsable)
{
    for (const Previewer &previewer : kPreviewers) {
        SCOPED_TRACE(previewer.label);
        const QByteArray destination = "https://example.com/secret-destination/" + QByteArray(previewer.label).replace(' ', '-');
        const QString slug = createLink(QString::fromLatin1(destination), 1);
        ASSERT_FALSE(slug.isEmpty());

        for (int i = 0; i < 2; ++i)
            expectPlaceholder(client().get(pathOf(slug), {{"User-Agent", previewer.userAgent}}), "secret-destination");
        EXPECT_EQ(database().clicksOf(slug), 0);

        expectRedirect(browserGet(slug), 302, destination);
        expectExpiredPage(browserGet(slug));
        EXPECT_EQ(database().clicksOf(slug), 1);

        const QJsonArray log = clickLog(slug, 4); // newest first
        if (log.size() != 4)
            continue;
        EXPECT_EQ(log.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("expired"));
        EXPECT_EQ(log.at(1).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("redirected"));
        for (int i : {2, 3}) {
            const QJsonObject entry = log.at(i).toObject();
            EXPECT_EQ(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("preview"));
            EXPECT_EQ(entry.value(QStringLiteral("bot")), QJsonValue(true));
            EXPECT_EQ(entry.value(QStringLiteral("bot_name")).toString(), previewer.botName);
        }
    }
}

// A browser's speculative prefetch (Sec-Purpose / Purpose: prefetch) is a preview too.
TEST_F(LinkProtectionAuto, PrefetchHeadersAreTreatedAsPreviews)
{
    const HeaderList prefetches[] = {
        {{"User-Agent", kChrome}, {"Sec-Purpose", "prefetch"}},
        {{"User-Agent", kChrome}, {"Sec-Purpose", "prefetch;prerender"}},
        {{"User-Agent", kFirefox}, {"Purpose", "prefetch"}},
    };
    const QString slug = createLink(QStringLiteral("https://example.com/secret-destination/prefetched"), 1);
    ASSERT_FALSE(slug.isEmpty());
    for (const HeaderList &headers : prefetches) {
        SCOPED_TRACE(headers.at(1).first.toStdString() + ": " + headers.at(1).second.toStdString());
        expectPlaceholder(client().get(pathOf(slug), headers), "secret-destination");
    }
    EXPECT_EQ(database().clicksOf(slug), 0);
    ASSERT_TRUE(waitUntil([&] { return database().clickRows(slug, kPreview) == 3; }));

    expectRedirect(client().get(pathOf(slug), {{"User-Agent", kChrome}}), 302,
                   "https://example.com/secret-destination/prefetched");
    expectExpiredPage(client().get(pathOf(slug), {{"User-Agent", kChrome}}));
    EXPECT_EQ(database().clicksOf(slug), 1);
}

// off: every GET counts, previewers included. An unlimited link is off by default.
TEST_F(LinkProtectionAuto, OffModeLetsPreviewersUseTheClick)
{
    const QString slug = slugWith({{u"url"_s, u"https://example.com/off"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"off"_s}});
    ASSERT_FALSE(slug.isEmpty());
    expectRedirect(client().get(pathOf(slug), {{"User-Agent", kSlackbot}}), 302, "https://example.com/off");
    expectExpiredPage(browserGet(slug));
    EXPECT_EQ(database().clicksOf(slug), 1);

    const QString unlimited = createLink(QStringLiteral("https://example.com/open"));
    expectRedirect(client().get(pathOf(unlimited), {{"User-Agent", kSlackbot}}), 302, "https://example.com/open");
}

// ---------------------------------------------------------------------------
// HEAD never uses anything up and never shows a capped or gated link's Location.

using LinkProtectionHead = LinkProtectionTest;

TEST_F(LinkProtectionHead, NeverConsumesNorRevealsTheDestination)
{
    const QString autoLink = createLink(QStringLiteral("https://example.com/secret-destination/auto"), 1);
    const QString offLink = slugWith(
        {{u"url"_s, u"https://example.com/secret-destination/off"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"off"_s}});
    const QString confirmLink = slugWith(
        {{u"url"_s, u"https://example.com/secret-destination/confirm"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"confirm"_s}});
    const QString unlimitedConfirm =
        slugWith({{u"url"_s, u"https://example.com/secret-destination/uc"_s}, {u"preview-protection"_s, u"confirm"_s}});
    const QString passwordLink =
        slugWith({{u"url"_s, u"https://example.com/secret-destination/pw"_s}, {u"password"_s, u"head-password-1"_s}});
    const QString fallbackLink = slugWith({{u"url"_s, u"https://example.com/secret-destination/fb"_s},
                                           {u"max-clicks"_s, 1},
                                           {u"expired-url"_s, u"https://example.org/fallback"_s}});
    const QStringList slugs{autoLink, offLink, confirmLink, unlimitedConfirm, passwordLink, fallbackLink};
    for (const QString &slug : slugs)
        ASSERT_FALSE(slug.isEmpty());

    for (const QString &slug : slugs) {
        SCOPED_TRACE(slug.toStdString());
        for (int i = 0; i < 3; ++i) {
            const HttpResponse head = client().head(pathOf(slug));
            EXPECT_TRUE(head.received()) << head.error.toStdString();
            EXPECT_LT(head.status, 300) << described(head);
            EXPECT_FALSE(head.hasHeader("Location")) << described(head);
            EXPECT_FALSE(head.raw.contains("secret-destination")) << described(head);
        }
        EXPECT_EQ(database().clicksOf(slug), 0);
    }

    // The capped ones still have their one click.
    expectRedirect(browserGet(autoLink), 302, "https://example.com/secret-destination/auto");
    expectRedirect(browserGet(offLink), 302, "https://example.com/secret-destination/off");
    expectRedirect(browserGet(fallbackLink), 302, "https://example.com/secret-destination/fb");
    expectRedirect(postToken(confirmLink, freshToken(confirmLink)), 303, "https://example.com/secret-destination/confirm");

    // Used up: HEAD says so, and at most shows the fallback, never the destination.
    for (const QString &slug : {autoLink, offLink, confirmLink}) {
        const HttpResponse head = client().head(pathOf(slug));
        EXPECT_EQ(head.status, 400) << described(head);
        EXPECT_FALSE(head.hasHeader("Location")) << described(head);
    }
    const HttpResponse fallbackHead = client().head(pathOf(fallbackLink));
    expectRedirect(fallbackHead, 302, "https://example.org/fallback");
    EXPECT_FALSE(fallbackHead.raw.contains("secret-destination")) << described(fallbackHead);

    for (const QString &slug : {autoLink, offLink, confirmLink, fallbackLink})
        EXPECT_EQ(database().clicksOf(slug), 1) << slug.toStdString();
    for (const QString &slug : {unlimitedConfirm, passwordLink})
        EXPECT_EQ(database().clicksOf(slug), 0) << slug.toStdString();
}

// ---------------------------------------------------------------------------
// confirm: GETs show a page with a one-use token; only its POST claims (303).

using LinkProtectionConfirm = LinkProtectionTest;

// Any number of GETs, from browsers and previewers alike, use up nothing; the page
// is a plain HTML form (no JavaScript needed) that posts the token back.
TEST_F(LinkProtectionConfirm, GetsConsumeNothingAndTheTokenPostClaims)
{
    const QString slug = slugWith({{u"url"_s, u"https://example.com/secret-destination/confirmed"_s},
                                   {u"max-clicks"_s, 1},
                                   {u"preview-protection"_s, u"confirm"_s}});
    ASSERT_FALSE(slug.isEmpty());

    QSet<QString> tokens;
    for (const QByteArray &agent : {kFirefox, kChrome, kSlackbot, QByteArray("curl/8.5.0"), kFirefox, kFirefox}) {
        const HttpResponse page = client().get(pathOf(slug), {{"User-Agent", agent}});
        EXPECT_EQ(page.status, 200) << described(page);
        EXPECT_TRUE(page.header("Content-Type").startsWith("text/html")) << described(page);
        EXPECT_TRUE(page.body.contains("This link works 1 more time. Continue?")) << described(page);
        EXPECT_TRUE(page.body.contains("method=\"post\"")) << described(page);
        EXPECT_TRUE(page.body.contains(QByteArray("action=\"/" + slug.toUtf8() + "\""))) << described(page);
        EXPECT_TRUE(page.body.contains("type=\"hidden\" name=\"token\"")) << described(page);
        EXPECT_FALSE(page.hasHeader("Location")) << described(page);
        EXPECT_FALSE(page.raw.contains("secret-destination")) << described(page);
        const QString token = tokenIn(page);
        EXPECT_FALSE(token.isEmpty());
        tokens.insert(token);
    }
    EXPECT_EQ(tokens.size(), 6) << "every page carries its own token";
    EXPECT_EQ(database().clicksOf(slug), 0);

    const HttpResponse claimed = postToken(slug, *tokens.cbegin());
    expectRedirect(claimed, 303, "https://example.com/secret-destination/confirmed");
    EXPECT_EQ(claimed.header("Cache-Control"), "no-store") << described(claimed);
    EXPECT_EQ(database().clicksOf(slug), 1);

    expectExpiredPage(browserGet(slug));
    ASSERT_TRUE(waitUntil([&] { return database().clickRows(slug, kRedirected) == 1; }));
}

// The page counts down what is left.
TEST_F(LinkProtectionConfirm, PageSaysHowManyUsesAreLeft)
{
    const QString slug =
        slugWith({{u"url"_s, u"https://example.com/thrice"_s}, {u"max-clicks"_s, 3}, {u"preview-protection"_s, u"confirm"_s}});
    ASSERT_FALSE(slug.isEmpty());
    HttpResponse page = browserGet(slug);
    EXPECT_TRUE(page.body.contains("This link works 3 more times. Continue?")) << described(page);
    expectRedirect(postToken(slug, tokenIn(page)), 303, "https://example.com/thrice");
    page = browserGet(slug);
    EXPECT_TRUE(page.body.contains("This link works 2 more times. Continue?")) << described(page);
}

// A token works once: the replay is refused and claims nothing; another token still works.
TEST_F(LinkProtectionConfirm, ReplayedTokenIsRefused)
{
    const QString slug =
        slugWith({{u"url"_s, u"https://example.com/twice"_s}, {u"max-clicks"_s, 3}, {u"preview-protection"_s, u"confirm"_s}});
    ASSERT_FALSE(slug.isEmpty());
    const QString first = freshToken(slug);
    const QString second = freshToken(slug);

    expectRedirect(postToken(slug, first), 303, "https://example.com/twice");
    for (int i = 0; i < 2; ++i) {
        const HttpResponse replay = postToken(slug, first);
        EXPECT_EQ(replay.status, 403) << described(replay);
        EXPECT_FALSE(replay.hasHeader("Location")) << described(replay);
    }
    // Nor does the same token in another spelling get a second use.
    const HttpResponse respelledReplay = postToken(slug, respelled(first));
    EXPECT_EQ(respelledReplay.status, 403) << described(respelledReplay);
    EXPECT_EQ(database().clicksOf(slug), 1);
    expectRedirect(postToken(slug, second), 303, "https://example.com/twice");
    EXPECT_EQ(database().clicksOf(slug), 2);
}

// Forged, altered, truncated, empty and other links' tokens are refused with 403.
TEST_F(LinkProtectionConfirm, ForgedTokensAreRefused)
{
    const QString slug =
        slugWith({{u"url"_s, u"https://example.com/guarded"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"confirm"_s}});
    const QString other =
        slugWith({{u"url"_s, u"https://example.com/other"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"confirm"_s}});
    ASSERT_FALSE(slug.isEmpty());
    ASSERT_FALSE(other.isEmpty());
    const QString genuine = freshToken(slug);
    ASSERT_TRUE(genuine.contains(u'.')) << genuine.toStdString();

    // Changes one character that carries only payload or signature bits (not
    // the last one of either part, whose low bits may be base64 padding).
    auto flipped = [&](qsizetype at) {
        QString t = genuine;
        t[at] = t.at(at) == u'A' ? u'Q' : u'A';
        return t;
    };
    const qsizetype dot = genuine.indexOf(u'.');
    const QStringList forged{
        flipped(0),                                   // payload altered
        flipped(dot - 2),
        flipped(dot + 1),                             // signature altered
        flipped(genuine.size() - 2),
        genuine.left(genuine.size() - 2),             // truncated
        genuine + QStringLiteral("AA"),
        genuine.left(dot),                            // payload alone
        QStringLiteral("not-a-token"),
        QString(),
        freshToken(other),                            // valid, but for another link
        QString(600, u'A') + u'.' + QString(43, u'A'),
    };
    for (const QString &token : forged) {
        SCOPED_TRACE(token.left(80).toStdString());
        const HttpResponse refused = postToken(slug, token);
        EXPECT_EQ(refused.status, 403) << described(refused);
        EXPECT_FALSE(refused.hasHeader("Location")) << described(refused);
    }
    EXPECT_EQ(database().clicksOf(slug), 0);
    EXPECT_EQ(database().clicksOf(other), 0);
    expectRedirect(postToken(slug, genuine), 303, "https://example.com/guarded");
}

// 64 valid tokens posted at the same instant on a max-clicks 1 link: exactly one 303.
TEST_F(LinkProtectionConfirm, SixtyFourSimultaneousTokensClaimOnce)
{
    constexpr int kClients = 64;
    const QString slug =
        slugWith({{u"url"_s, u"https://example.com/contended"_s}, {u"max-clicks"_s, 1}, {u"preview-protection"_s, u"confirm"_s}});
    ASSERT_FALSE(slug.isEmpty());
    QStringList tokens;
    for (int i = 0; i < kClients; ++i)
        tokens.append(freshToken(slug));
    ASSERT_EQ(QSet<QString>(tokens.cbegin(), tokens.cend()).size(), kClients);

    std::mutex mutex;
    StatusCounts statuses;
    QList<QByteArray> locations;
    runTogether(kClients, [&](int i) {
        const HttpResponse response = postToken(slug, tokens.at(i));
        std::lock_guard lock(mutex);
        ++statuses[response.status];
        if (response.status == 303)
            locations.append(response.header("Location"));
    });
    EXPECT_EQ(statuses, (StatusCounts{{303, 1}, {400, kClients - 1}}));
    EXPECT_EQ(locations, QList<QByteArray>{"https://example.com/contended"});
    EXPECT_EQ(database().clicksOf(slug), 1);
    ASSERT_NO_FATAL_FAILURE(stopServer());
    EXPECT_EQ(database().clicksOf(slug), 1);
    EXPECT_EQ(database().clickRows(slug, kRedirected), 1);
}

// ---------------------------------------------------------------------------
// Passwords.

using LinkProtectionPassword = LinkProtectionTest;

// GET shows the form; a wrong password is 401 with the form again and uses up
// nothing; the right one claims and 303s; once used up, the expired page.
TEST_F(LinkProtectionPassword, RightClaimsWrongDoesNot)
{
    const QString password = QStringLiteral("p&ss+w=rd é 100%");
    const QString slug = slugWith({{u"url"_s, u"https://example.com/secret-destination/locked"_s},
                                   {u"max-clicks"_s, 1},
                                   {u"password"_s, password}});
    ASSERT_FALSE(slug.isEmpty());

    for (const QByteArray &agent : {kFirefox, kSlackbot}) {
        const HttpResponse form = client().get(pathOf(slug), {{"User-Agent", agent}});
        expectPasswordForm(form, 200, "/" + slug.toUtf8());
        EXPECT_FALSE(form.raw.contains("secret-destination")) << described(form);
    }

    const HttpResponse wrong = postPassword(slug, QStringLiteral("p&ss+w=rd é 100"));
    expectPasswordForm(wrong, 401, "/" + slug.toUtf8());
    EXPECT_FALSE(wrong.raw.contains("secret-destination")) << described(wrong);
    EXPECT_EQ(database().clicksOf(slug), 0);

    const HttpResponse right = postPassword(slug, password);
    expectRedirect(right, 303, "https://example.com/secret-destination/locked");
    EXPECT_EQ(database().clicksOf(slug), 1);

    expectExpiredPage(postPassword(slug, password));
    expectExpiredPage(browserGet(slug));
    EXPECT_EQ(database().clicksOf(slug), 1);
    // Stored as an Argon2id hash.
    EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = ? AND password_hash LIKE "
                                               "'$argon2id$%'"),
                                {slug}),
              1);
}

// The limits are token buckets (a burst of N, refilled at N per minute), so a slow
// machine may earn a guess back: `refillMs` is the time per refilled guess.
int refilledGuesses(std::chrono::steady_clock::time_point since, int refillMs)
{
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since);
    return int(elapsed.count() / refillMs) + 1;
}

// Guessing is throttled per link: 10 wrong guesses in a minute, then 429 with
// Retry-After, nothing used up; another link is not affected.
TEST_F(LinkProtectionPassword, GuessesAreThrottledPerLink)
{
    const QString password = QStringLiteral("correct horse battery staple");
    const QString first = slugWith({{u"url"_s, u"https://example.com/a"_s}, {u"max-clicks"_s, 5}, {u"password"_s, password}});
    const QString second = slugWith({{u"url"_s, u"https://example.com/b"_s}, {u"max-clicks"_s, 5}, {u"password"_s, password}});
    ASSERT_FALSE(first.isEmpty());
    ASSERT_FALSE(second.isEmpty());

    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) {
        const HttpResponse wrong = postPassword(first, QStringLiteral("wrong guess %1").arg(i));
        expectPasswordForm(wrong, 401, "/" + first.toUtf8());
    }
    HttpResponse limited;
    int extra = 0;
    for (; extra < 6; ++extra) {
        limited = postPassword(first, QStringLiteral("one more guess %1").arg(extra));
        if (limited.status != 401)
            break;
    }
    EXPECT_EQ(limited.status, 429) << described(limited);
    EXPECT_LE(extra, refilledGuesses(started, 6'000)) << "guesses let through after the tenth";
    EXPECT_GT(limited.header("Retry-After").toInt(), 0) << described(limited);
    EXPECT_LE(limited.header("Retry-After").toInt(), 60) << described(limited);
    EXPECT_FALSE(limited.hasHeader("Location")) << described(limited);
    EXPECT_EQ(database().clicksOf(first), 0);

    // Another link is not locked by the first one's guesses.
    expectRedirect(postPassword(second, password), 303, "https://example.com/b");
}

// Guesses sent all at once are throttled too: the budget is taken when a guess
// arrives, not when its (slow) hash check ends, or a burst of parallel guesses
// would all be checked.
TEST_F(LinkProtectionPassword, SimultaneousGuessesAreThrottled)
{
    constexpr int kGuesses = 24;
    const QString slug = slugWith({{u"url"_s, u"https://example.com/burst"_s}, {u"password"_s, u"burst-password-1"_s}});
    ASSERT_FALSE(slug.isEmpty());
    std::mutex mutex;
    StatusCounts statuses;
    const auto started = std::chrono::steady_clock::now();
    runTogether(kGuesses, [&](int i) {
        const int status = postPassword(slug, QStringLiteral("parallel guess %1").arg(i)).status;
        std::lock_guard lock(mutex);
        ++statuses[status];
    });
    EXPECT_EQ(statuses[401] + statuses[429], kGuesses) << ::testing::PrintToString(statuses);
    EXPECT_LE(statuses[401], 10 + refilledGuesses(started, 6'000)) << ::testing::PrintToString(statuses);
    EXPECT_EQ(database().clicksOf(slug), 0);
}

// Issue 11: the Argon2 pool's queue is bounded for password tries as it is
// for new links (PasswordHasher::kMaxWaiting, 64): a burst of tries, each
// within its link's and its client's budget, fills it, and the rest get
// 503 "busy" with Retry-After: 1 at once instead of queueing seconds of
// hashing. The clients are told apart by X-Forwarded-For from a trusted
// proxy, so that neither guess limit (10 a link, 20 a client) refuses first.
class LinkProtectionPasswordFlood : public LinkProtectionTest {
protected:
    QStringList serverArguments() const override
    {
        return LinkProtectionTest::serverArguments() + QStringList{QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1")};
    }
};

TEST_F(LinkProtectionPasswordFlood, TriesPastTheArgon2QueueAreRefusedWith503)
{
    if (testingOnPostgres())
        GTEST_SKIP() << "the Argon2 queue is the same on either database (its 64 checks cost seconds)";
    constexpr int kLinks = 10;     // 10 tries each: every link's limit, not more
    constexpr int kTriesPerLink = 10;
    constexpr int kClients = 5;    // 20 tries each: every client's limit, not more
    constexpr int kTries = kLinks * kTriesPerLink;
    QStringList links(kLinks);
    runTogether(kLinks, [&](int i) {
        links[i] = slugWith({{u"url"_s, u"https://example.com/flood/%1"_s.arg(i)}, {u"password"_s, u"flood-password-1"_s}});
    });
    for (const QString &slug : links)
        ASSERT_FALSE(slug.isEmpty());

    std::mutex mutex;
    StatusCounts statuses;
    QList<HttpResponse> refused;
    runTogether(kTries, [&](int i) {
        const QByteArray client = "192.0.2." + QByteArray::number(1 + i % kClients);
        // The 64 tries let in wait for two threads of Argon2 checks: on a
        // busy machine that is longer than a client's usual 15 s.
        const HttpResponse response = HttpClient(server().port(), 90s).send(HttpRequest{
            "POST", pathOf(links.at(i % kLinks)),
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", kFirefox}, {"X-Forwarded-For", client}},
            "password=" + formValue(QStringLiteral("wrong guess %1").arg(i))});
        std::lock_guard lock(mutex);
        ++statuses[response.status];
        if (response.status == 503)
            refused.append(response);
    });
    EXPECT_EQ(statuses[401] + statuses[503], kTries) << ::testing::PrintToString(statuses);
    EXPECT_GE(statuses[503], 1) << "every try was queued for Argon2: " << ::testing::PrintToString(statuses);
    EXPECT_GE(statuses[401], 1) << ::testing::PrintToString(statuses);
    for (const HttpResponse &response : refused) {
        EXPECT_EQ(response.header("Retry-After"), "1") << described(response);
        EXPECT_TRUE(response.body.contains("busy")) << described(response);
    }
    for (const QString &slug : links)
        EXPECT_EQ(database().clicksOf(slug), 0);
}

// ...and per client: 20 guesses in a minute whatever the links, then 429.
TEST_F(LinkProtectionPassword, GuessesAreThrottledPerClient)
{
    const QString password = QStringLiteral("correct horse battery staple");
    QStringList links;
    for (const char *path : {"/l1", "/l2", "/l3"})
        links.append(slugWith({{u"url"_s, QString(u"https://example.com"_s + QLatin1String(path))}, {u"password"_s, password}}));
    for (const QString &slug : links)
        ASSERT_FALSE(slug.isEmpty());

    // 9 on each of two links: no link reaches its own limit of 10.
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 18; ++i)
        EXPECT_EQ(postPassword(links.at(i / 9), QStringLiteral("wrong %1").arg(i)).status, 401) << i;
    HttpResponse limited;
    int allowed = 0;
    for (; allowed < 8; ++allowed) {
        limited = postPassword(links.at(2), QStringLiteral("third link guess %1").arg(allowed));
        if (limited.status != 401)
            break;
    }
    EXPECT_EQ(limited.status, 429) << described(limited);
    EXPECT_LE(allowed, 2 + refilledGuesses(started, 3'000)) << "guesses let through after the twentieth";
    EXPECT_GT(limited.header("Retry-After").toInt(), 0) << described(limited);
    for (const QString &slug : links)
        EXPECT_EQ(database().clicksOf(slug), 0);
}

// The throttle is for guesses: people who know the password of a shared (unlimited)
// link are not turned away because others opened it, or its owner looked at its
// stats, ten times within the minute.
TEST_F(LinkProtectionPassword, RightPasswordsAreNotCountedAsGuesses)
{
    const QString password = QStringLiteral("team-shared-secret");
    const QString slug = slugWith({{u"url"_s, u"https://example.com/team"_s}, {u"password"_s, password}});
    ASSERT_FALSE(slug.isEmpty());
    StatusCounts statsLookups;
    for (int i = 0; i < 5; ++i)
        ++statsLookups[client().get("/api/stats/" + slug.toUtf8(), {{"X-Link-Password", password.toUtf8()}}).status];
    EXPECT_EQ(statsLookups, (StatusCounts{{200, 5}}));
    StatusCounts visitors;
    for (int i = 0; i < 6; ++i)
        ++visitors[postPassword(slug, password).status];
    EXPECT_EQ(visitors, (StatusCounts{{303, 6}})) << "the 11th right password in a minute was refused";
    EXPECT_EQ(database().clicksOf(slug), 6);
}

// The stats API and the stats page of a password link need the same password.
TEST_F(LinkProtectionPassword, StatsNeedThePassword)
{
    const QString password = QStringLiteral("stats-password-42");
    const QString slug = slugWith({{u"url"_s, u"https://example.com/stats"_s}, {u"max-clicks"_s, 3}, {u"password"_s, password}});
    ASSERT_FALSE(slug.isEmpty());
    const QByteArray api = "/api/stats/" + slug.toUtf8();

    expectJsonError(client().get(api), 401, QStringLiteral("password_required"));
    expectJsonError(client().get(api + ".csv"), 401, QStringLiteral("password_required"));
    expectJsonError(client().get(api, {{"X-Link-Password", "not-the-password"}}), 401, QStringLiteral("wrong_password"));

    const HttpResponse json = client().get(api, {{"X-Link-Password", password.toUtf8()}});
    EXPECT_EQ(json.status, 200) << described(json);
    EXPECT_EQ(json.json().value(QStringLiteral("slug")).toString(), slug);
    const HttpResponse csv = client().get(api + ".csv", {{"X-Link-Password", password.toUtf8()}});
    EXPECT_EQ(csv.status, 200) << described(csv);
    EXPECT_TRUE(csv.body.startsWith("at,outcome,")) << described(csv);

    const QByteArray pagePath = "/stats/" + slug.toUtf8();
    expectPasswordForm(client().get(pagePath), 401, pagePath);
    const auto postStats = [&](const QString &guess) {
        return client().send(HttpRequest{"POST", pagePath, {{"Content-Type", "application/x-www-form-urlencoded"}},
                                         "password=" + formValue(guess)});
    };
    expectPasswordForm(postStats(QStringLiteral("not-the-password")), 401, pagePath);
    const HttpResponse page = postStats(password);
    EXPECT_EQ(page.status, 200) << described(page);
    EXPECT_TRUE(page.header("Content-Type").startsWith("text/html")) << described(page);
    EXPECT_TRUE(page.body.contains(QByteArray("Statistics for <code>/" + slug.toUtf8() + "</code>"))) << described(page);
    EXPECT_FALSE(page.body.contains("name=\"password\"")) << described(page);
}

// The password is never in any response, in the database file or in the server's log.
TEST_F(LinkProtectionPassword, PasswordAppearsNowhere)
{
    const QString password = QStringLiteral("Zq7-unguessable-Xw9");
    const QByteArray secret = password.toUtf8();
    const HttpResponse created = create({{u"url"_s, u"https://example.com/private"_s}, {u"max-clicks"_s, 2}, {u"password"_s, password}});
    ASSERT_EQ(created.status, 201) << described(created);
    EXPECT_FALSE(created.raw.contains(secret)) << described(created);
    EXPECT_FALSE(created.raw.contains("argon2")) << described(created);
    const QJsonObject json = created.json();
    EXPECT_EQ(json.value(QStringLiteral("password_protected")), QJsonValue(true));
    for (const QString &key : json.keys())
        EXPECT_FALSE(key.contains(QStringLiteral("password")) && key != QLatin1String("password_protected")) << key.toStdString();
    const QString slug = json.value(QStringLiteral("slug")).toString();
    ASSERT_FALSE(slug.isEmpty());

    const QByteArray statsPath = "/stats/" + slug.toUtf8();
    const HeaderList withPassword{{"X-Link-Password", secret}};
    QList<HttpResponse> responses{
        browserGet(slug),
        client().head(pathOf(slug)),
        postPassword(slug, QStringLiteral("Zq7-unguessable-Xw8")),
        postPassword(slug, password),
        client().get("/api/stats/" + slug.toUtf8()),
        client().get(statsPath),
    };
    // Once the click records are in, the stats in every format.
    ASSERT_TRUE(waitUntil([&] { return database().clickRows(slug, kRedirected) == 1; }));
    responses.append(client().get("/api/stats/" + slug.toUtf8(), withPassword));
    responses.append(client().get("/api/stats/" + slug.toUtf8() + ".csv", withPassword));
    responses.append(client().send(HttpRequest{"POST", statsPath, {{"Content-Type", "application/x-www-form-urlencoded"}},
                                               "password=" + formValue(password)}));
    EXPECT_EQ(responses.at(3).status, 303) << described(responses.at(3));
    EXPECT_EQ(responses.at(6).status, 200) << described(responses.at(6));
    EXPECT_EQ(responses.at(7).status, 200) << described(responses.at(7));
    EXPECT_EQ(responses.at(8).status, 200) << described(responses.at(8));
    for (const HttpResponse &response : responses)
        EXPECT_FALSE(response.raw.contains(secret)) << described(response);

    ASSERT_NO_FATAL_FAILURE(stopServer());
    EXPECT_FALSE(server().stderrText().toUtf8().contains(secret));
    if (testingOnPostgres()) {
        // Every column of every row, as PostgreSQL prints the row.
        for (const char *table : {"links", "clicks", "used_tokens", "settings"}) {
            EXPECT_EQ(database().scalar(QStringLiteral("SELECT COUNT(*) FROM %1 AS r WHERE strpos(r::text, ?) > 0")
                                            .arg(QLatin1String(table)),
                                        {QString::fromUtf8(secret)}),
                      0)
                << table << " holds the password";
        }
        return;
    }
    const QDir dir(dataDir());
    const QStringList files = dir.entryList({QStringLiteral("shortfuse.db*")}, QDir::Files);
    EXPECT_TRUE(files.contains(QStringLiteral("shortfuse.db"))) << files.join(u' ').toStdString();
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
        EXPECT_FALSE(file.readAll().contains(secret)) << name.toStdString() << " holds the password";
    }
}

// ---------------------------------------------------------------------------
// expired-url: once used up, a 302 there instead of the expired page; no click claimed.

using LinkProtectionExpiredUrl = LinkProtectionTest;

TEST_F(LinkProtectionExpiredUrl, UsedUpLinkRedirectsToTheFallback)
{
    const QString slug = slugWith(
        {{u"url"_s, u"https://example.com/once"_s}, {u"max-clicks"_s, 1}, {u"expired-url"_s, u"https://example.org/sorry?from=sf"_s}});
    ASSERT_FALSE(slug.isEmpty());
    expectRedirect(browserGet(slug), 302, "https://example.com/once");
    for (int i = 0; i < 2; ++i)
        expectRedirect(browserGet(slug), 302, "https://example.org/sorry?from=sf");
    // A previewer after the cap gets the fallback too, and still nothing is claimed.
    expectRedirect(client().get(pathOf(slug), {{"User-Agent", kSlackbot}}), 302, "https://example.org/sorry?from=sf");
    EXPECT_EQ(database().clicksOf(slug), 1);

    const QJsonArray log = clickLog(slug, 4);
    for (int i = 0; i < 3 && i < log.size(); ++i)
        EXPECT_EQ(log.at(i).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("expired")) << i;
    EXPECT_EQ(log.at(3).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("redirected"));
    EXPECT_EQ(database().clicksOf(slug), 1);
}

// A used-up confirm link sends both its GETs and late token POSTs to the fallback.
TEST_F(LinkProtectionExpiredUrl, UsedUpConfirmLinkRedirectsToTheFallback)
{
    const QString slug = slugWith({{u"url"_s, u"https://example.com/confirm-once"_s},
                                   {u"max-clicks"_s, 1},
                                   {u"preview-protection"_s, u"confirm"_s},
                                   {u"expired-url"_s, u"https://example.org/too-late"_s}});
    ASSERT_FALSE(slug.isEmpty());
    const QString first = freshToken(slug);
    const QString late = freshToken(slug);
    expectRedirect(postToken(slug, first), 303, "https://example.com/confirm-once");
    expectRedirect(browserGet(slug), 302, "https://example.org/too-late");
    const HttpResponse latePost = postToken(slug, late);
    EXPECT_TRUE(latePost.status == 302 || latePost.status == 303) << described(latePost);
    EXPECT_EQ(latePost.header("Location"), "https://example.org/too-late") << described(latePost);
    EXPECT_EQ(database().clicksOf(slug), 1);
}

} // namespace
} // namespace shortfuse::test
