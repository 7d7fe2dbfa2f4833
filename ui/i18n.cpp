#include "ui/i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace shortfuse {

namespace {

std::unique_ptr<QTranslator> &appTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

} // namespace

QStringList translatedLanguages()
{
    return {QStringLiteral("de"), QStringLiteral("es"), QStringLiteral("fr"), QStringLiteral("ja")};
}

QString installTranslations(const QString &language)
{
    for (auto *slot : {&appTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto app = std::make_unique<QTranslator>();
    // Tries the locale's UI languages in order (de_AT, de, ...); English,
    // the source language, has no file and stays untranslated.
    if (!app->load(locale, QStringLiteral("shortfuse"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        return QStringLiteral("en");
    // The .ts file names a territory too (de_DE); the language is what counts.
    const QString loaded = app->language().section(u'_', 0, 0);
    QCoreApplication::installTranslator(app.get());
    appTranslator() = std::move(app);

    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    return loaded;
}

} // namespace shortfuse
