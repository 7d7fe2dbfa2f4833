#include "server/analytics/regexliteral.h"

#include <algorithm>
#include <optional>

namespace shortfuse {

namespace {

// A recursive-descent reading of just enough PCRE syntax to tell what text
// every match must contain. Each sequence (the whole pattern, a group's
// body) collects its requirements: runs of literal characters, and the
// requirements of groups that must match. A sequence with a top-level `|`
// requires, instead, "one of" each branch's most telling requirement, and
// nothing if some branch has none.
class LiteralScanner {
public:
    explicit LiteralScanner(QStringView pattern) : m_pattern(pattern) {}

    // Everything required, or nothing when the pattern uses syntax this
    // scanner does not understand.
    QList<TextRequirement> requirements()
    {
        QList<TextRequirement> found;
        if (!sequence(found) || m_pos != m_pattern.size())
            return {};
        return found;
    }

private:
    bool atEnd() const { return m_pos >= m_pattern.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_pattern.size() ? m_pattern[m_pos + ahead] : QChar();
    }

    // Reads a quantifier after an element, with its lazy `?` or possessive
    // `+` suffix: its minimum count, or nullopt when there is none (the
    // element occurs exactly once).
    std::optional<int> quantifier()
    {
        std::optional<int> minimum;
        const QChar c = peek();
        if (c == u'*' || c == u'?') {
            minimum = 0;
            ++m_pos;
        } else if (c == u'+') {
            minimum = 1;
            ++m_pos;
        } else if (c == u'{') {
            // {n}, {n,} or {n,m}; anything else is not a quantifier to PCRE.
            qsizetype p = m_pos + 1;
            int n = 0;
            bool digits = false;
            while (p < m_pattern.size() && m_pattern[p].isDigit() && m_pattern[p].unicode() < 128) {
                n = std::min(n * 10 + (m_pattern[p].unicode() - u'0'), 1000);
                digits = true;
                ++p;
            }
            if (!digits)
                return std::nullopt;
            if (p < m_pattern.size() && m_pattern[p] == u',') {
                ++p;
                while (p < m_pattern.size() && m_pattern[p].isDigit() && m_pattern[p].unicode() < 128)
                    ++p;
            }
            if (p >= m_pattern.size() || m_pattern[p] != u'}')
                return std::nullopt;
            m_pos = p + 1;
            minimum = n;
        } else {
            return std::nullopt;
        }
        if (peek() == u'?' || peek() == u'+')
            ++m_pos;
        return minimum;
    }

    // Skips a character class; m_pos is just past its `[`. `letter` gets
    // the lowercase letter when the class is one ASCII letter in one or
    // both cases ([Bb], [T]), which the lowercased comparison reads as
    // that letter.
    bool skipClass(std::optional<char> &letter)
    {
        letter.reset();
        const qsizetype begin = m_pos;
        if (peek() == u'^')
            ++m_pos;
        if (peek() == u']')  // a leading `]` is a member, not the end
            ++m_pos;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'\\') {
                m_pos += 2;
            } else if (c == u'[' && peek(1) == u':') {  // [:alpha:]
                const qsizetype close = m_pattern.indexOf(u":]", m_pos + 2);
                if (close < 0)
                    return false;
                m_pos = close + 2;
            } else if (c == u']') {
                const QStringView members = m_pattern.sliced(begin, m_pos - begin);
                ++m_pos;
                const auto lower = [](QChar m) { return char(QChar::toLower(m.unicode())); };
                const bool asciiLetters = std::all_of(members.begin(), members.end(), [](QChar m) {
                    return m.unicode() < 128 && m.isLetter();
                });
                if (asciiLetters && !members.isEmpty() && members.size() <= 2
                    && lower(members.front()) == lower(members.back()))
                    letter = lower(members.front());
                return true;
            } else {
                ++m_pos;
            }
        }
        return false;
    }

    enum class GroupKind { Required, Ignored, OptionsOnly, Unsupported };

    // Reads what follows a `(`: whether the body's runs count.
    GroupKind groupKind()
    {
        if (peek() != u'?')
            return GroupKind::Required;  // capturing group
        ++m_pos;
        const QChar c = peek();
        if (c == u':' || c == u'>' || c == u'|') {
            // (?|...) resets group numbers; its branches are a normal alternation.
            ++m_pos;
            return GroupKind::Required;
        }
        if (c == u'=' || c == u'!') {  // lookahead
            ++m_pos;
            return GroupKind::Ignored;
        }
        if (c == u'<' && (peek(1) == u'=' || peek(1) == u'!')) {  // lookbehind
            m_pos += 2;
            return GroupKind::Ignored;
        }
        if (c == u'<' || c == u'\'' || (c == u'P' && peek(1) == u'<')) {  // named group
            const QChar close = c == u'\'' ? u'\'' : u'>';
            const qsizetype end = m_pattern.indexOf(close, m_pos + (c == u'P' ? 2 : 1));
            if (end < 0)
                return GroupKind::Unsupported;
            m_pos = end + 1;
            return GroupKind::Required;
        }
        // Option letters: (?i) for the rest, or (?i:...) for a body. The
        // literals are compared lowercased, so case options change nothing;
        // extended mode (x) would make whitespace meaningless: give up.
        while (!atEnd() && (peek().isLetter() || peek() == u'-')) {
            if (peek() == u'x' || peek() == u'X')
                return GroupKind::Unsupported;
            ++m_pos;
        }
        if (peek() == u')') {
            ++m_pos;
            return GroupKind::OptionsOnly;
        }
        if (peek() == u':') {
            ++m_pos;
            return GroupKind::Required;
        }
        return GroupKind::Unsupported;  // comments, conditionals, callouts, ...
    }

    // The requirement most likely to rule a string out: the one whose
    // shortest alternative is longest, then the one with fewest alternatives.
    static TextRequirement mostTelling(const QList<TextRequirement> &requirements)
    {
        const auto shortest = [](const TextRequirement &r) {
            qsizetype n = r.front().size();
            for (const QByteArray &alternative : r)
                n = std::min(n, alternative.size());
            return n;
        };
        TextRequirement best;
        for (const TextRequirement &r : requirements) {
            if (best.isEmpty() || shortest(r) > shortest(best)
                || (shortest(r) == shortest(best) && r.size() < best.size()))
                best = r;
        }
        return best;
    }

    // Reads elements up to an unmatched `)` or the end, adding what this
    // sequence requires to `out`.
    bool sequence(QList<TextRequirement> &out)
    {
        QList<TextRequirement> branch;       // the current branch's requirements
        QList<TextRequirement> branchBests;  // one per finished branch; empty if it had none
        QByteArray run;
        const auto endRun = [&] {
            if (!run.isEmpty())
                branch.append(TextRequirement{run});
            run.clear();
        };
        // A literal character, then its quantifier: it counts only if it
        // must occur, and a repeated one ends the run (what follows is not
        // necessarily next to its first occurrence).
        const auto literal = [&](char c) {
            const std::optional<int> minimum = quantifier();
            if (minimum && *minimum == 0) {
                endRun();
                return;
            }
            run.append(c);
            if (minimum)
                endRun();
        };
        // Anything that matches something other than fixed text.
        const auto other = [&] {
            endRun();
            quantifier();
        };

        while (!atEnd()) {
            const QChar c = peek();
            if (c == u')')
                break;
            ++m_pos;
            if (c == u'|') {
                endRun();
                branchBests.append(mostTelling(branch));
                branch.clear();
            } else if (c == u'\\') {
                if (atEnd())
                    return false;
                const QChar e = peek();
                ++m_pos;
                if (e.unicode() >= 128) {
                    other();
                } else if (!e.isLetterOrNumber()) {
                    literal(char(e.unicode()));
                } else if (QStringView(u"dDwWsShHvVbBR").contains(e)) {
                    other();
                } else {
                    return false;  // \x.., \Q..\E, \p{..}, back-references, ...
                }
            } else if (c == u'[') {
                std::optional<char> letter;
                if (!skipClass(letter))
                    return false;
                if (letter)
                    literal(*letter);
                else
                    other();
            } else if (c == u'(') {
                const GroupKind kind = groupKind();
                if (kind == GroupKind::Unsupported)
                    return false;
                if (kind == GroupKind::OptionsOnly)
                    continue;
                endRun();
                QList<TextRequirement> inner;
                if (!sequence(inner) || peek() != u')')
                    return false;
                ++m_pos;
                const std::optional<int> minimum = quantifier();
                if (kind == GroupKind::Required && !(minimum && *minimum == 0))
                    branch.append(inner);
            } else if (c == u'.' || c == u'^' || c == u'$') {
                other();
            } else if (c == u'*' || c == u'+' || c == u'?' || c == u'{' || c == u']' || c == u'}') {
                return false;  // a quantifier with nothing before it, or a stray bracket
            } else if (c.unicode() >= 128) {
                other();
            } else {
                literal(char(QChar::toLower(c.unicode())));
            }
        }
        endRun();
        if (branchBests.isEmpty()) {
            out.append(branch);
            return true;
        }
        branchBests.append(mostTelling(branch));
        TextRequirement oneOf;
        for (const TextRequirement &best : branchBests) {
            if (best.isEmpty())
                return true;  // a branch that requires nothing: neither does the alternation
            for (const QByteArray &alternative : best)
                if (!oneOf.contains(alternative))
                    oneOf.append(alternative);
        }
        out.append(oneOf);
        return true;
    }

    QStringView m_pattern;
    qsizetype m_pos = 0;
};

} // namespace

QList<TextRequirement> requiredText(QStringView pattern)
{
    return LiteralScanner(pattern).requirements();
}

RequiredText::RequiredText(QStringView pattern, LiteralSet &literals)
{
    for (const TextRequirement &requirement : requiredText(pattern))
        m_groups.push_back(literals.addAnyOf(requirement));
}

bool RequiredText::presentIn(const std::vector<bool> &present) const
{
    return std::all_of(m_groups.begin(), m_groups.end(), [&present](int group) { return present[size_t(group)]; });
}

} // namespace shortfuse
