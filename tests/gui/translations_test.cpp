// The translations are embedded and follow the locale.

#include "tests/gui/guitest.h"

#include "ui/createpanel.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/serverhost.h"
#include "ui/settings.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPushButton>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace shortfuse::test {
namespace {

class TranslationsTest : public ::testing::Test {
protected:
    void TearDown() override
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslations(QStringLiteral("en"));
    }
};

TEST_F(TranslationsTest, GermanLocaleShowsTheWindowInGerman)
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    EXPECT_EQ(installTranslations(QString()), QStringLiteral("de"));

    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    ServerHost host;
    MainWindow window(host, settings);
    auto *shorten = window.findChild<QPushButton *>(QStringLiteral("shortenButton"));
    ASSERT_NE(shorten, nullptr);
    EXPECT_EQ(shorten->text(), QStringLiteral("&Kürzen"));
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("Shortfuse")));
}

TEST_F(TranslationsTest, EveryLanguageIsEmbeddedAndComplete)
{
    for (const QString &language : translatedLanguages()) {
        EXPECT_EQ(installTranslations(language), language);
        const QString shorten = QCoreApplication::translate("shortfuse::CreatePanel", "&Shorten");
        EXPECT_NE(shorten, QStringLiteral("&Shorten")) << qPrintable(language);
        const QString unlimited = QCoreApplication::translate("shortfuse::CreatePanel", "Unlimited");
        EXPECT_NE(unlimited, QStringLiteral("Unlimited")) << qPrintable(language);
        // The link options (issue 6) are translated too.
        for (const char *source : {"Preview protection", "Confirm", "Passwor&d:", "E&xpires at:"})
            EXPECT_NE(QCoreApplication::translate("shortfuse::CreatePanel", source), QLatin1String(source))
                << qPrintable(language) << ' ' << source;
        EXPECT_NE(QCoreApplication::translate("shortfuse::LinkTableModel", "Expires"), QStringLiteral("Expires"))
            << qPrintable(language);
        // The tray's menu and first-close notice, and the settings' language note.
        for (const char *source : {"&Show window", "&Copy last link", "Shortfuse is still running"})
            EXPECT_NE(QCoreApplication::translate("shortfuse::TrayController", source), QLatin1String(source))
                << qPrintable(language) << ' ' << source;
        EXPECT_NE(QCoreApplication::translate("shortfuse::SettingsDialog",
                                              "A new language shows the next time Shortfuse starts."),
                  QStringLiteral("A new language shows the next time Shortfuse starts."))
            << qPrintable(language);
        EXPECT_NE(QCoreApplication::translate("ErrorText", "Choose an expiry time in the future."),
                  QStringLiteral("Choose an expiry time in the future."))
            << qPrintable(language);
    }
}

TEST_F(TranslationsTest, EnglishNeedsNoFile)
{
    EXPECT_EQ(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    EXPECT_EQ(QCoreApplication::translate("shortfuse::CreatePanel", "&Shorten"), QStringLiteral("&Shorten"));
}

} // namespace
} // namespace shortfuse::test
