#pragma once

#include "server/core/reachability.h"

#include <QCoreApplication>
#include <QString>

namespace shortfuse {

// The reachability verdict (issue 14) in the user's language, for the
// status bar and the settings. The verdict itself is made once, by
// reachabilityVerdict() in the engine, whose English sentence goes to the
// log; this says the same from the verdict's reason and facts.
class ReachabilityText final {
    Q_DECLARE_TR_FUNCTIONS(ReachabilityText)
public:
    // A few words for the status bar: "Only on this computer", ...
    static QString headline(const ReachabilityVerdict &verdict);
    // The whole sentence: what is reachable, and why not when it is not.
    static QString sentence(const ReachabilityVerdict &verdict);
};

} // namespace shortfuse
