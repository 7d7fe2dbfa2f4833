#pragma once

#include <QString>

namespace shortfuse {

// Installs the window's translation (embedded by qt_add_translations) and
// Qt's own (standard dialogs) for `language`, a code like "de"; empty
// follows the default locale, which is the system's unless a test or the
// settings changed it. English needs no translation. Replaces whatever an
// earlier call installed. Returns the language in force ("en" if none).
QString installTranslations(const QString &language);

// The languages the window is translated into, besides English.
QStringList translatedLanguages();

} // namespace shortfuse
