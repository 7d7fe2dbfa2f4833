// The index page's form with its advanced options (issue 12, "The web
// form"): a plain form post (no JavaScript) offers what the JSON API offers
// (preview protection, password, expiry, fallback URL, label), each option
// reaches the link, and a refused post shows the form again with everything
// typed, escaped, but never the password.

#include "tests/http/httptest.h"

#include <QDateTime>
#include <QJsonValue>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace shortfuse::test {
namespace {

using namespace Qt::StringLiterals;

const QByteArray kFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

std::string described(const HttpResponse &response)
{
    return response.describe().toStdString();
}

// application/x-www-form-urlencoded from name/value pairs, in order.
QByteArray formBody(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

// The value="..." of the <input name="<name>"> on a page; nullopt if there is no such input.
std::optional<QString> inputValue(const QByteArray &page, const QString &name)
{
    const QRegularExpression input(QStringLiteral(R"re(<input\b[^>]*\bname="%1"[^>]*>)re").arg(name));
    static const QRegularExpression value(QStringLiteral(R"re(\bvalue="([^"]*)")re"));
    const QRegularExpressionMatch tag = input.match(QString::fromUtf8(page));
    if (!tag.hasMatch())
        return std::nullopt;
    return value.match(tag.captured(0)).captured(1);
}

// The value of the selected <option> of <select name="<name>">; nullopt if none is selected.
std::optional<QString> selectedOption(const QByteArray &page, const QString &name)
{
    const QRegularExpression select(
        QStringLiteral(R"re(<select\b[^>]*\bname="%1"[^>]*>(.*?)</select>)re").arg(name),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression selected(QStringLiteral(R"re(<option value="([^"]*)" selected>)re"));
    const QRegularExpressionMatch options = select.match(QString::fromUtf8(page));
    const QRegularExpressionMatch option = selected.match(options.captured(1));
    if (!option.hasMatch())
        return std::nullopt;
    return option.captured(1);
}

class WebForm : public ServerTest {
protected:
    // Posts the form; returns the slug of the link it made, or "" (a failure) if none.
    QString createThroughForm(const QList<std::pair<QString, QString>> &fields, HttpResponse *page = nullptr)
    {
        const HttpResponse response = client().postForm("/", formBody(fields));
        if (page)
            *page = response;
        EXPECT_EQ(response.status, 201) << described(response);
        const QRegularExpression shortUrl(QString(QRegularExpression::escape(htmlEscaped(server().baseUrl()))
                                                  + QStringLiteral("/([A-Za-z0-9_-]{3,64})\"")));
        const QString slug = shortUrl.match(QString::fromUtf8(response.body)).captured(1);
        EXPECT_FALSE(slug.isEmpty()) << "no short URL on the page: " << described(response);
        return slug;
    }

    qint64 linkColumn(const QString &slug, const QString &column) const
    {
        return database().scalar(QStringLiteral("SELECT %1 FROM links WHERE slug = ?").arg(column), {slug});
    }

    bool linkHas(const QString &slug, const QString &column, const QString &value) const
    {
        return database().scalar(QStringLiteral("SELECT COUNT(*) FROM links WHERE slug = ? AND %1 = ?").arg(column),
                                 {slug, value})
            == 1;
    }

    HttpResponse browserGet(const QString &slug) const
    {
        return client().get(pathOf(slug), {{"User-Agent", kFirefox}});
    }

    HttpResponse postToLink(const QString &slug, const QByteArray &body) const
    {
        return client().send(HttpRequest{
            "POST", pathOf(slug), {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", kFirefox}}, body});
    }
};

// The page offers every option of the API, under "Advanced options", with
// the preview protection defaulting to the link's own default.
TEST_F(WebForm, OffersEveryOptionOfTheApi)
{
    const HttpResponse page = client().get("/");
    ASSERT_EQ(page.status, 200) << described(page);
    const qsizetype advanced = page.body.indexOf("<details id=\"advanced\"");
    const qsizetype advancedEnd = page.body.indexOf("</details>");
    ASSERT_GE(advanced, 0) << described(page);
    const QByteArray options = page.body.mid(advanced, advancedEnd - advanced);
    for (const char *name : {"alias", "max_clicks", "password", "expires_at", "expired_url", "label"})
        EXPECT_TRUE(inputValue(options, QString::fromLatin1(name)).has_value()) << "no input " << name;
    EXPECT_TRUE(options.contains("<input type=\"password\" id=\"password\" name=\"password\""));
    EXPECT_TRUE(options.contains("type=\"datetime-local\" id=\"expires_at\""));
    EXPECT_EQ(selectedOption(options, u"preview_protection"_s), u""_s);
    EXPECT_EQ(selectedOption(options, u"expires_in"_s), u""_s);
    for (const char *choice : {"value=\"auto\"", "value=\"confirm\"", "value=\"off\"", "value=\"3600\"",
                               "value=\"86400\"", "value=\"604800\"", "value=\"2592000\""})
        EXPECT_TRUE(options.contains(choice)) << choice;
    EXPECT_FALSE(page.body.contains("name=\"key\"")) << "no key field unless the server needs one";
}

// Confirm protection, a duration, a fallback and a label from the form make
// a link with each: the confirmation page, the stored expiry and label, and
// the fallback once it is used up.
TEST_F(WebForm, EveryAdvancedOptionReachesTheLink)
{
    const QString label = u"Anna <Müller> & \"Co\""_s;
    const QString slug = createThroughForm({{u"url"_s, u"https://example.com/invite"_s},
                                            {u"alias"_s, QString()},
                                            {u"max_clicks"_s, u"1"_s},
                                            {u"preview_protection"_s, u"confirm"_s},
                                            {u"password"_s, QString()},
                                            {u"expires_in"_s, u"86400"_s},
                                            {u"expires_at"_s, QString()},
                                            {u"expired_url"_s, u" https://example.org/sorry "_s},
                                            {u"label"_s, u"  "_s + label + u" "_s}});
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(linkColumn(slug, u"preview_protection"_s), 2);  // confirm
    EXPECT_EQ(linkColumn(slug, u"expires_at"_s) - linkColumn(slug, u"created_at"_s), 86'400'000);
    EXPECT_TRUE(linkHas(slug, u"expired_url"_s, u"https://example.org/sorry"_s));
    EXPECT_TRUE(linkHas(slug, u"label"_s, label)) << "the label is stored as typed, trimmed";
    EXPECT_EQ(database().scalar(u"SELECT COUNT(*) FROM links WHERE slug = ? AND password_hash IS NULL"_s, {slug}), 1);

    const HttpResponse confirm = browserGet(slug);
    EXPECT_EQ(confirm.status, 200) << described(confirm);
    EXPECT_TRUE(confirm.body.contains("This link works 1 more time. Continue?")) << described(confirm);
    const QString tokenValue = inputValue(confirm.body, u"token"_s).value_or(QString());
    ASSERT_FALSE(tokenValue.isEmpty()) << described(confirm);
    const HttpResponse claimed = postToLink(slug, "token=" + QUrl::toPercentEncoding(tokenValue));
    EXPECT_EQ(claimed.status, 303) << described(claimed);
    EXPECT_EQ(claimed.header("Location"), "https://example.com/invite");
    const HttpResponse late = browserGet(slug);
    EXPECT_EQ(late.status, 302) << described(late);
    EXPECT_EQ(late.header("Location"), "https://example.org/sorry") << "the fallback once used up";
}

// A password from the form gates the link; the result page does not show it.
TEST_F(WebForm, PasswordFromTheFormGatesTheLink)
{
    const QString password = u"p&ss+w=rd é 100%"_s;
    HttpResponse page;
    const QString slug = createThroughForm({{u"url"_s, u"https://example.com/locked"_s},
                                            {u"password"_s, password},
                                            {u"preview_protection"_s, u"off"_s}},
                                           &page);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_FALSE(page.body.contains(password.toUtf8())) << described(page);
    EXPECT_EQ(linkColumn(slug, u"preview_protection"_s), 0);  // off

    const HttpResponse gate = browserGet(slug);
    EXPECT_EQ(gate.status, 200) << described(gate);
    EXPECT_TRUE(gate.body.contains("name=\"password\"")) << described(gate);
    EXPECT_FALSE(gate.hasHeader("Location")) << described(gate);
    const HttpResponse right = postToLink(slug, "password=" + QUrl::toPercentEncoding(password));
    EXPECT_EQ(right.status, 303) << described(right);
    EXPECT_EQ(right.header("Location"), "https://example.com/locked");
}

// Sets an environment variable for the servers this test starts, and puts it back.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char *name, const QByteArray &value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

// The exact time is UTC: "18:00" in the field is 18:00Z, whatever the
// server's time zone (here UTC+14, a POSIX TZ that needs no zone database).
// An empty protection takes the link's default.
TEST_F(WebForm, ExactExpiryIsReadAsUtc)
{
    const ScopedEnvironment zone("TZ", "SFT-14");
    ASSERT_NO_FATAL_FAILURE(restartServer());
    const QDateTime when = QDateTime::currentDateTimeUtc().addDays(2);
    const QDateTime minute(when.date(), QTime(when.time().hour(), when.time().minute()), Qt::UTC);
    const QString slug = createThroughForm({{u"url"_s, u"https://example.com/dated"_s},
                                            {u"max_clicks"_s, u"3"_s},
                                            {u"preview_protection"_s, QString()},
                                            {u"expires_in"_s, QString()},
                                            {u"expires_at"_s, minute.toString(u"yyyy-MM-ddTHH:mm"_s)}});
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_EQ(linkColumn(slug, u"expires_at"_s), minute.toMSecsSinceEpoch());
    EXPECT_EQ(linkColumn(slug, u"preview_protection"_s), 1) << "a capped link's default is auto";
    EXPECT_EQ(database().scalar(u"SELECT COUNT(*) FROM links WHERE slug = ? AND label IS NULL"_s, {slug}), 1)
        << "an empty label field is no label";
}

// Each bad option: 400, the form again with the API's sentence, every field
// as typed (escaped), the options open, the password field empty, nothing stored.
TEST_F(WebForm, BadOptionsShowTheFormAgainFilledIn)
{
    const QString past = QDateTime::currentDateTimeUtc().addDays(-1).toString(u"yyyy-MM-ddTHH:mm"_s);
    struct Case {
        QString field;
        QString value;
        QByteArray reason;
    };
    const Case cases[] = {
        {u"password"_s, u"short"_s, "invalid_password"},
        {u"preview_protection"_s, u"sometimes"_s, "invalid_preview_protection"},
        {u"expires_in"_s, u"30"_s, "invalid_expires_in"},
        {u"expires_in"_s, u"soon"_s, "invalid_expires_in"},
        {u"expires_at"_s, past, "invalid_expires_at"},
        {u"expires_at"_s, u"tomorrow"_s, "invalid_expires_at"},
        {u"expired_url"_s, u"javascript:alert(1)"_s, "invalid_expired_url"},
        {u"label"_s, u"two\nlines"_s, "invalid_label"},
        {u"label"_s, QString(201, u'x'), "invalid_label"},
    };
    const QString typedLabel = u"<script>alert('label')</script>"_s;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.field.toStdString() + "=" + c.value.toStdString());
        QList<std::pair<QString, QString>> fields{{u"url"_s, u"https://example.com/a?b=1&c=2"_s},
                                                  {u"alias"_s, u"form-alias"_s},
                                                  {u"max_clicks"_s, u"5"_s},
                                                  {u"password"_s, u"a secret that stays secret"_s},
                                                  {u"expired_url"_s, u"https://example.org/gone"_s},
                                                  {u"label"_s, typedLabel}};
        for (auto &[name, value] : fields) {
            if (name == c.field)
                value = c.value;
        }
        if (c.field != u"password"_s && c.field != u"expired_url"_s && c.field != u"label"_s)
            fields.append({c.field, c.value});

        QJsonObject api{{u"url"_s, u"https://example.com/"_s}};
        api.insert(QString(c.field).replace(u'_', u'-'),
                   c.field == u"expires_in"_s && c.value == u"30"_s ? QJsonValue(30) : QJsonValue(c.value));
        if (c.field == u"expires_at"_s && c.value == past)
            api.insert(u"expires-at"_s, QString(past + u"Z"_s));
        const HttpResponse apiAnswer = create(api);
        const QString apiSentence = apiAnswer.json().value(u"error"_s).toString();

        const HttpResponse page = client().postForm("/", formBody(fields));
        EXPECT_EQ(page.status, 400) << described(page);
        EXPECT_TRUE(page.header("Content-Type").startsWith("text/html")) << described(page);
        // The same sentence as the API gives for the same value.
        EXPECT_EQ(apiAnswer.json().value(u"reason"_s).toString().toUtf8(), c.reason) << described(apiAnswer);
        EXPECT_TRUE(QString::fromUtf8(page.body).contains(htmlEscaped(apiSentence)))
            << "expected \"" << apiSentence.toStdString() << "\" in " << described(page);
        EXPECT_TRUE(page.body.contains("<details id=\"advanced\" open>")) << described(page);
        EXPECT_FALSE(page.body.contains("a secret that stays secret")) << "the password is never echoed";
        EXPECT_EQ(inputValue(page.body, u"password"_s), u""_s);
        EXPECT_TRUE(page.body.contains("please type it once more")) << described(page);
        EXPECT_FALSE(page.body.contains("sf_not_a_real_key")) << "nor is the key";
        EXPECT_EQ(inputValue(page.body, u"url"_s), htmlEscaped(u"https://example.com/a?b=1&c=2"_s));
        EXPECT_EQ(inputValue(page.body, u"alias"_s), u"form-alias"_s);
        EXPECT_EQ(inputValue(page.body, u"max_clicks"_s), u"5"_s);
        for (const auto &[name, value] : fields) {
            if (name == u"password"_s || name == u"key"_s)
                continue;
            if (name == u"preview_protection"_s || name == u"expires_in"_s)
                EXPECT_EQ(selectedOption(page.body, name), htmlEscaped(value)) << name.toStdString();
            else
                EXPECT_EQ(inputValue(page.body, name), htmlEscaped(value)) << name.toStdString();
        }
        EXPECT_FALSE(page.body.contains("<script>alert('label')")) << described(page);
        EXPECT_TRUE(page.body.contains("&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;") || c.field == u"label"_s)
            << described(page);

        // The bad option alone opens "Advanced options" too, so the person sees it.
        const HttpResponse alone =
            client().postForm("/", formBody({{u"url"_s, u"https://example.com/"_s}, {c.field, c.value}}));
        EXPECT_EQ(alone.status, 400) << described(alone);
        EXPECT_TRUE(alone.body.contains("<details id=\"advanced\" open>")) << described(alone);
    }
    EXPECT_EQ(database().linkCount(), 0);
}

// Duration and exact time at once: refused, both shown again.
TEST_F(WebForm, DurationAndExactTimeTogetherAreRefused)
{
    const QString later = QDateTime::currentDateTimeUtc().addDays(3).toString(u"yyyy-MM-ddTHH:mm"_s);
    const HttpResponse page = client().postForm(
        "/", formBody({{u"url"_s, u"https://example.com/"_s}, {u"expires_in"_s, u"3600"_s}, {u"expires_at"_s, later}}));
    EXPECT_EQ(page.status, 400) << described(page);
    EXPECT_TRUE(page.body.contains("not both")) << described(page);
    EXPECT_EQ(selectedOption(page.body, u"expires_in"_s), u"3600"_s);
    EXPECT_EQ(inputValue(page.body, u"expires_at"_s), later);
    EXPECT_EQ(database().linkCount(), 0);
}

// A "key" field (the form's API key, read by the access layer) makes no
// difference to the link and never shows on the page.
// The form's key field makes the link the key's; the key is no part of
// the link and never comes back in the page.
TEST_F(WebForm, KeyFieldIsNotPartOfTheLink)
{
    const QString key = QString::fromUtf8(makeKey(u"form"_s));
    ASSERT_FALSE(key.isEmpty());
    HttpResponse page;
    const QString slug = createThroughForm(
        {{u"key"_s, key}, {u"url"_s, u"https://example.com/k"_s}, {u"max_clicks"_s, u"2"_s}}, &page);
    ASSERT_FALSE(slug.isEmpty());
    EXPECT_FALSE(page.body.contains(key.toUtf8())) << described(page);
    EXPECT_EQ(linkColumn(slug, u"max_clicks"_s), 2);
    EXPECT_EQ(database().scalar(u"SELECT COUNT(*) FROM links WHERE owner_key_id IS NOT NULL"_s), 1);
    EXPECT_EQ(database().linkCount(), 1);

    // A wrong key is refused as such, and the form asks for a key again.
    const HttpResponse refused = client().postForm("/", formBody({{u"key"_s, u"sf_wrong"_s}, {u"url"_s, u"https://example.com/w"_s}}));
    EXPECT_EQ(refused.status, 401) << described(refused);
    EXPECT_TRUE(refused.body.contains("name=\"key\""));
    EXPECT_FALSE(refused.body.contains("sf_wrong"));
    EXPECT_EQ(database().linkCount(), 1);
}

} // namespace
} // namespace shortfuse::test
