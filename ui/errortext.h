#pragma once

#include "server/core/result.h"

#include <QCoreApplication>
#include <QString>

namespace shortfuse {

// The engine's errors, said in the user's language. The engine's own
// sentences are English; the window maps each stable reason code to a
// translated sentence and falls back to the engine's text for codes it
// does not know.
class ErrorText final {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    enum class Field { Url, Alias, MaxClicks, PreviewProtection, Password, Expiry, ExpiredUrl, None };
    static QString message(const Error &error);
    // Which create-panel field an error concerns.
    static Field fieldOf(const Error &error);
};

} // namespace shortfuse
