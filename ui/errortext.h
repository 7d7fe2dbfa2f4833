#pragma once

#include "server/core/result.h"

#include <QCoreApplication>
#include <QString>

namespace shortfuse {

// The engine's errors, said in the user's language. The engine's own
// sentences are English; the window maps each stable reason code to a
// translated sentence and falls back to the engine's text for codes it
// does not know. (Which field of the create panel an error concerns is
// CreateForm::fieldOf.)
class ErrorText final {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString message(const Error &error);
};

} // namespace shortfuse
