#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QStringView>

#include <vector>

namespace shortfuse {

// A fixed set of groups of byte strings, searched for all at once: one pass
// over a text (Aho-Corasick) tells which groups have at least one of their
// strings in it.
//
// The user-agent parser asks, for each of ~1,000 rules, whether the text
// the rule requires is in the agent ("one of Bot, Spider, Crawl"); one
// pass here answers every question, where a substring search per rule took
// longer than the regexes it saved.
//
// Usage: addAnyOf() every group, build() once, then find() as often as
// needed (find() is const and keeps no state, so any thread may call it).
class LiteralSet final {
public:
    // The id of the group "one of `alternatives`" (the same id for the
    // same list). Empty strings are not allowed. Only before build().
    int addAnyOf(const QList<QByteArray> &alternatives);
    void build();

    int groupCount() const { return int(m_groups.size()); }

    // Sets found[id] for every group with a string that occurs in `text`;
    // `found` is resized to groupCount() and cleared first.
    void find(QByteArrayView text, std::vector<bool> &found) const;

    // find() on `text` lowercased as a case-insensitive regex sees it, for
    // literals that are stored lowercased: ASCII letters, and the two
    // non-ASCII characters that fold onto them (the Kelvin sign onto k, the
    // long s onto s); no other character can be part of a literal.
    void findLowercased(QStringView text, std::vector<bool> &found) const;

private:
    struct Node {
        int firstChild = -1;
        int nextSibling = -1;
        unsigned char byte = 0;
        int fail = 0;        // longest proper suffix that is also a path from the root
        int output = -1;     // id of the literal ending here, if any
        int nextOutput = -1; // nearest node along the fail links with an output
    };

    int addLiteral(const QByteArray &literal);
    int child(int node, unsigned char byte) const;
    // Follows fail links until a transition on `byte` exists.
    int step(int node, unsigned char byte) const;

    std::vector<Node> m_nodes{Node{}};
    int m_rootChild[256];  // the root's transitions, direct: most steps end at the root
    QHash<QByteArray, int> m_literals;               // string -> literal id
    std::vector<std::vector<int>> m_groupsOfLiteral; // literal id -> the groups it satisfies
    QHash<QList<QByteArray>, int> m_groups;          // alternatives -> group id
    bool m_built = false;
};

} // namespace shortfuse
