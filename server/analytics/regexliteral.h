#pragma once

#include "server/analytics/literalset.h"

#include <QByteArray>
#include <QList>
#include <QStringView>
#include <QVarLengthArray>

#include <vector>

namespace shortfuse {

// Text that every match of a PCRE pattern must contain: a list of
// requirements, each a list of alternatives, lowercased (ASCII). A string
// the pattern matches contains, for every requirement, at least one of its
// alternatives. `(Foo)/(\d+)` gives {{"foo"}, {"/"}}; `(Bot|Spider)-x`
// gives {{"bot", "spider"}, {"-x"}}; `[Aa]rchive` gives {{"archive"}}.
//
// It lets the user-agent parser rule out most rules with a few substring
// searches instead of running their regexes. Lowercasing both sides keeps
// the test valid for case-insensitive rules.
//
// The reading is conservative: it takes only text that is certainly
// required (never from an optional element, a lookaround, or an
// alternation with a branch that has none) and gives up, returning no
// requirements, on any syntax it does not fully understand (\Q..\E, \x..,
// extended mode, ...). Fewer requirements cost speed, never correctness.
using TextRequirement = QList<QByteArray>;
QList<TextRequirement> requiredText(QStringView pattern);

// requiredText() of one pattern, its literals registered in a LiteralSet
// shared by many patterns, so one LiteralSet::find() over a text answers
// for all of them whether they can match it.
class RequiredText final {
public:
    RequiredText() = default;
    RequiredText(QStringView pattern, LiteralSet &literals);

    // `present` as filled by LiteralSet::find() (a flag per group); false
    // means the pattern cannot match the text.
    bool presentIn(const std::vector<bool> &present) const;

private:
    // One LiteralSet group per requirement, kept inline (rules have a few):
    // a parse checks ~1,000 of these, and a pointer to chase each time showed.
    QVarLengthArray<int, 6> m_groups;
};

} // namespace shortfuse
