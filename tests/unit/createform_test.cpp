// The "New link" form without its widgets (ui/createform.h): what the
// desktop panel checks before it sends a link to the server, and the
// request it sends. The rules are the server's; these tests pin down that
// the form uses them (and no rules of its own), maps each error to the
// field it concerns, and that what it sends is what the server accepts.

#include "ui/createform.h"

#include "server/core/clock.h"
#include "server/links/linkrules.h"
#include "server/links/linkservice.h"

#include <QTimeZone>

#include <gtest/gtest.h>

using namespace shortfuse;
using Field = CreateForm::Field;

namespace {

constexpr qint64 kNowMs = 1'900'000'000'000;  // 2030-03-17

CreateFormInput validInput()
{
    CreateFormInput input;
    input.url = QStringLiteral("https://example.com/a/long/address");
    input.maxClicks = 1;
    input.previewProtection = QStringLiteral("auto");
    return input;
}

QByteArray reasonOf(const std::optional<Error> &error)
{
    return error ? error->reason : QByteArray("ok");
}

QList<Field> fieldsOf(const CreateForm::Verdict &verdict)
{
    QList<Field> fields;
    for (const CreateForm::FieldError &e : verdict.errors)
        fields.append(e.field);
    return fields;
}

const QList<Field> kFirstRow = {Field::Url, Field::Alias, Field::MaxClicks};
const QList<Field> kEveryField = {Field::Url,      Field::Alias,  Field::MaxClicks, Field::PreviewProtection,
                                  Field::Password, Field::Expiry, Field::ExpiredUrl};

} // namespace

TEST(CreateForm, PlainLinkBecomesTheRequestTheServerTakes)
{
    CreateFormInput input = validInput();
    input.url = QStringLiteral("  https://example.com/x?a=1&b=%41  ");
    input.alias = QStringLiteral(" spring-invite ");
    input.maxClicks = 3;
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    ASSERT_TRUE(verdict.request.has_value());
    EXPECT_TRUE(verdict.errors.isEmpty());
    EXPECT_EQ(verdict.checked, kEveryField);
    const CreateRequest &request = *verdict.request;
    EXPECT_EQ(request.url, QStringLiteral("https://example.com/x?a=1&b=%41"));  // trimmed, never rewritten
    EXPECT_EQ(request.alias, QStringLiteral("spring-invite"));
    EXPECT_EQ(request.maxClicks, std::optional<qint64>(3));
    EXPECT_EQ(request.previewProtection, std::optional<QString>(QStringLiteral("auto")));
    EXPECT_FALSE(request.password.has_value());
    EXPECT_FALSE(request.expiresAt.has_value());
    EXPECT_FALSE(request.expiresIn.has_value());
    EXPECT_FALSE(request.expiredUrl.has_value());
}

TEST(CreateForm, LowestMaxClicksMeansUnlimitedAndProtectionFollowsTheServersDefault)
{
    CreateFormInput input = validInput();
    input.maxClicks = 0;
    input.previewProtection = QStringLiteral("off");
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    ASSERT_TRUE(verdict.request.has_value());
    EXPECT_FALSE(verdict.request->maxClicks.has_value());

    // The mode the panel shows until the user picks one is the server's own default.
    for (int maxClicks : {0, 1, 5, int(rules::kMaxClicksLimit)}) {
        const bool capped = maxClicks > 0;
        EXPECT_EQ(CreateForm::defaultProtection(maxClicks), *rules::previewProtectionFor(std::nullopt, capped))
            << maxClicks;
    }
    EXPECT_EQ(CreateForm::defaultProtection(0), PreviewProtection::Off);
    EXPECT_EQ(CreateForm::defaultProtection(1), PreviewProtection::Auto);
}

TEST(CreateForm, EveryOptionGoesIntoTheRequest)
{
    CreateFormInput input = validInput();
    input.previewProtection = QStringLiteral("confirm");
    input.password = QStringLiteral(" spaces count ");  // a password is taken exactly as typed
    input.expiresAt = QDateTime(QDate(2031, 1, 31), QTime(19, 0), QTimeZone(3600));
    input.expiredUrl = QStringLiteral(" https://example.com/sorry ");
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    ASSERT_TRUE(verdict.request.has_value()) << verdict.errors.constFirst().error.reason.constData();
    const CreateRequest &request = *verdict.request;
    EXPECT_EQ(request.previewProtection, std::optional<QString>(QStringLiteral("confirm")));
    EXPECT_EQ(request.password, std::optional<QString>(QStringLiteral(" spaces count ")));
    EXPECT_EQ(request.expiresAt, std::optional<QString>(QStringLiteral("2031-01-31T18:00:00.000Z")));
    EXPECT_EQ(request.expiredUrl, std::optional<QString>(QStringLiteral("https://example.com/sorry")));
}

TEST(CreateForm, ExpiryIsSentInUtcAndReadBackToTheSameMoment)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(kNowMs + 90'061'000, Qt::LocalTime);
    const QString iso = CreateForm::expiryIso(local);
    EXPECT_TRUE(iso.endsWith(u'Z')) << qPrintable(iso);
    const Result<std::optional<qint64>> parsed = rules::expiryFor(iso, std::nullopt, kNowMs);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(**parsed, kNowMs + 90'061'000);
}

TEST(CreateForm, FirstRowErrorsComeFirstAndTheOptionsWaitForThem)
{
    CreateFormInput input = validInput();
    input.url = QStringLiteral("example.com");
    input.alias = QStringLiteral("api");
    input.password = QStringLiteral("short");                         // wrong too, but folded away
    input.expiresAt = QDateTime::fromMSecsSinceEpoch(kNowMs - 1000);  // and in the past
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    EXPECT_FALSE(verdict.request.has_value());
    EXPECT_EQ(verdict.checked, kFirstRow);
    EXPECT_EQ(fieldsOf(verdict), (QList<Field>{Field::Url, Field::Alias}));
    EXPECT_EQ(reasonOf(verdict.errorOf(Field::Url)), "malformed_url");
    EXPECT_EQ(reasonOf(verdict.errorOf(Field::Alias)), "reserved_alias");
    EXPECT_FALSE(verdict.errorOf(Field::Password).has_value());

    input.url.clear();
    input.alias.clear();
    const CreateForm::Verdict empty = CreateForm::check(input, kNowMs);
    EXPECT_EQ(fieldsOf(empty), QList<Field>{Field::Url});
    EXPECT_EQ(reasonOf(empty.errorOf(Field::Url)), "missing_url");
}

TEST(CreateForm, OptionErrorsAreAllReportedInThePanelsOrder)
{
    CreateFormInput input = validInput();
    input.password = QStringLiteral("short");
    input.expiresAt = QDateTime::fromMSecsSinceEpoch(kNowMs - 1000);
    input.expiredUrl = QStringLiteral("ftp://example.com/sorry");
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    EXPECT_FALSE(verdict.request.has_value());
    EXPECT_EQ(verdict.checked, kEveryField);
    EXPECT_EQ(fieldsOf(verdict), (QList<Field>{Field::Password, Field::Expiry, Field::ExpiredUrl}));
    EXPECT_EQ(reasonOf(verdict.errorOf(Field::Password)), "invalid_password");
    EXPECT_EQ(reasonOf(verdict.errorOf(Field::Expiry)), "invalid_expires_at");
    // A wrong scheme in the fallback is said as a fallback error, not as "cannot be shortened".
    EXPECT_EQ(reasonOf(verdict.errorOf(Field::ExpiredUrl)), "invalid_expired_url");
}

TEST(CreateForm, FieldChecksAreTheServersRules)
{
    // Each check gives exactly the rule's verdict on what would be sent.
    for (const char *url : {"", "example.com", "ftp://x.com/", "https://exa mple.com", "https://example.com/ok"}) {
        const Status rule = rules::validateDestinationUrl(QString::fromLatin1(url));
        const QByteArray expected = rule ? QByteArray("ok") : rule.error().reason;
        EXPECT_EQ(reasonOf(CreateForm::urlError(QString::fromLatin1(url))), expected) << url;
    }
    const QString tooLong = QStringLiteral("https://x.com/") + QString(rules::kMaxUrlLength, u'a');
    EXPECT_EQ(reasonOf(CreateForm::urlError(tooLong)), "url_too_long");
    EXPECT_EQ(reasonOf(CreateForm::aliasError(QStringLiteral("ab"))), "invalid_alias");
    EXPECT_EQ(reasonOf(CreateForm::aliasError(QStringLiteral("Stats"))), "reserved_alias");
    EXPECT_EQ(reasonOf(CreateForm::aliasError(QStringLiteral("my_link-1"))), "ok");
    EXPECT_EQ(reasonOf(CreateForm::maxClicksError(0)), "ok");
    EXPECT_EQ(reasonOf(CreateForm::maxClicksError(int(rules::kMaxClicksLimit))), "ok");
    EXPECT_EQ(reasonOf(CreateForm::previewProtectionError(QStringLiteral("sometimes"))), "invalid_preview_protection");
    // The password rule counts characters, not UTF-16 units: eight emoji are eight characters.
    EXPECT_EQ(reasonOf(CreateForm::passwordError(QString::fromUtf8("🔑🔑🔑🔑🔑🔑🔑🔑"))), "ok");
    EXPECT_EQ(reasonOf(CreateForm::passwordError(QString::fromUtf8("🔑🔑🔑🔑🔑🔑🔑"))), "invalid_password");
    EXPECT_EQ(reasonOf(CreateForm::passwordError(QString(rules::kMaxPasswordLength + 1, u'x'))), "invalid_password");
    EXPECT_EQ(reasonOf(CreateForm::expiryError(QDateTime::fromMSecsSinceEpoch(kNowMs + 60'000), kNowMs)), "ok");
    EXPECT_EQ(reasonOf(CreateForm::expiryError(QDateTime::fromMSecsSinceEpoch(kNowMs), kNowMs)), "invalid_expires_at");
    EXPECT_EQ(reasonOf(CreateForm::expiredUrlError(QStringLiteral("example.com/sorry"))), "malformed_url");
}

TEST(CreateForm, OptionalFieldsMayBeEmpty)
{
    EXPECT_EQ(reasonOf(CreateForm::aliasError(QStringLiteral("   "))), "ok");
    EXPECT_EQ(reasonOf(CreateForm::passwordError(QString())), "ok");
    EXPECT_EQ(reasonOf(CreateForm::expiryError(std::nullopt, kNowMs)), "ok");
    EXPECT_EQ(reasonOf(CreateForm::expiredUrlError(QStringLiteral("  "))), "ok");
    EXPECT_EQ(reasonOf(CreateForm::urlError(QStringLiteral("  "))), "missing_url");
}

TEST(CreateForm, WhatTheFormSendsTheServerAccepts)
{
    // The server's own check (LinkService::prepare) on the request the form made.
    ManualClock clock(kNowMs);
    LinkService service(clock);
    CreateFormInput input = validInput();
    input.alias = QStringLiteral("spring-invite");
    input.maxClicks = 60;
    input.previewProtection = QStringLiteral("confirm");
    input.password = QStringLiteral("correct horse");
    input.expiresAt = QDateTime::fromMSecsSinceEpoch(kNowMs + 3'600'000);
    input.expiredUrl = QStringLiteral("https://example.com/sorry");
    const CreateForm::Verdict verdict = CreateForm::check(input, kNowMs);
    ASSERT_TRUE(verdict.request.has_value());
    const Result<NewLink> prepared = service.prepare(*verdict.request);
    ASSERT_TRUE(prepared.ok()) << qPrintable(prepared.error().message);
    EXPECT_EQ(prepared->slug, QStringLiteral("spring-invite"));
    EXPECT_EQ(prepared->url, input.url);
    EXPECT_EQ(prepared->maxClicks, std::optional<int>(60));
    EXPECT_EQ(prepared->previewProtection, PreviewProtection::Confirm);
    EXPECT_EQ(prepared->expiresAtMs, std::optional<qint64>(kNowMs + 3'600'000));
    EXPECT_EQ(prepared->expiredUrl, input.expiredUrl);
}

TEST(CreateForm, ServersErrorsMapBackToTheirFields)
{
    // Whatever the form let through that the server refuses lands on a field:
    // here each of prepare()'s refusals, and the store's taken alias.
    ManualClock clock(kNowMs);
    LinkService service(clock);
    auto fieldOfRefusal = [&](const CreateRequest &request) {
        const Result<NewLink> prepared = service.prepare(request);
        return prepared ? Field::None : CreateForm::fieldOf(prepared.error());
    };
    CreateRequest request;
    EXPECT_EQ(fieldOfRefusal(request), Field::Url);
    request.url = QStringLiteral("https://example.com/");
    request.alias = QStringLiteral("no");
    EXPECT_EQ(fieldOfRefusal(request), Field::Alias);
    request.alias.clear();
    request.maxClicks = 0;
    EXPECT_EQ(fieldOfRefusal(request), Field::MaxClicks);
    request.maxClicks.reset();
    request.previewProtection = QStringLiteral("never");
    EXPECT_EQ(fieldOfRefusal(request), Field::PreviewProtection);
    request.previewProtection.reset();
    request.password = QStringLiteral("short");
    EXPECT_EQ(fieldOfRefusal(request), Field::Password);
    request.password.reset();
    request.expiresIn = 1;
    EXPECT_EQ(fieldOfRefusal(request), Field::Expiry);
    request.expiresIn.reset();
    request.expiredUrl = QStringLiteral("not a url");
    EXPECT_EQ(fieldOfRefusal(request), Field::ExpiredUrl);

    EXPECT_EQ(CreateForm::fieldOf(Error{409, "duplicate", {}}), Field::Alias);
    EXPECT_EQ(CreateForm::fieldOf(Error{429, "rate_limited", {}}), Field::None);
    EXPECT_EQ(CreateForm::fieldOf(Error{503, "unavailable", {}}), Field::None);
}
