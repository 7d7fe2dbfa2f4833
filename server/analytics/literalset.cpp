#include "server/analytics/literalset.h"

#include <algorithm>
#include <deque>

namespace shortfuse {

int LiteralSet::addAnyOf(const QList<QByteArray> &alternatives)
{
    Q_ASSERT(!m_built && !alternatives.isEmpty());
    if (const auto known = m_groups.constFind(alternatives); known != m_groups.cend())
        return known.value();
    const int group = int(m_groups.size());
    m_groups.insert(alternatives, group);
    for (const QByteArray &alternative : alternatives) {
        std::vector<int> &groups = m_groupsOfLiteral[size_t(addLiteral(alternative))];
        if (groups.empty() || groups.back() != group)
            groups.push_back(group);
    }
    return group;
}

int LiteralSet::addLiteral(const QByteArray &literal)
{
    Q_ASSERT(!literal.isEmpty());
    if (const auto known = m_literals.constFind(literal); known != m_literals.cend())
        return known.value();
    const int id = int(m_literals.size());
    m_literals.insert(literal, id);
    m_groupsOfLiteral.emplace_back();

    int node = 0;
    for (const char c : literal) {
        const auto byte = static_cast<unsigned char>(c);
        int next = child(node, byte);
        if (next < 0) {
            next = int(m_nodes.size());
            Node created;
            created.byte = byte;
            created.nextSibling = m_nodes[size_t(node)].firstChild;
            m_nodes.push_back(created);
            m_nodes[size_t(node)].firstChild = next;
        }
        node = next;
    }
    m_nodes[size_t(node)].output = id;
    return id;
}

void LiteralSet::build()
{
    std::fill(std::begin(m_rootChild), std::end(m_rootChild), 0);
    for (int c = m_nodes[0].firstChild; c >= 0; c = m_nodes[size_t(c)].nextSibling)
        m_rootChild[m_nodes[size_t(c)].byte] = c;

    // Breadth first, so every node's fail target (shorter) is done before it.
    std::deque<int> queue;
    for (int c = m_nodes[0].firstChild; c >= 0; c = m_nodes[size_t(c)].nextSibling)
        queue.push_back(c);  // fail = root, nextOutput = none: the defaults
    while (!queue.empty()) {
        const int parent = queue.front();
        queue.pop_front();
        for (int c = m_nodes[size_t(parent)].firstChild; c >= 0; c = m_nodes[size_t(c)].nextSibling) {
            Node &node = m_nodes[size_t(c)];
            node.fail = step(m_nodes[size_t(parent)].fail, node.byte);
            const Node &fail = m_nodes[size_t(node.fail)];
            node.nextOutput = fail.output >= 0 ? node.fail : fail.nextOutput;
            queue.push_back(c);
        }
    }
    m_built = true;
}

int LiteralSet::child(int node, unsigned char byte) const
{
    for (int c = m_nodes[size_t(node)].firstChild; c >= 0; c = m_nodes[size_t(c)].nextSibling)
        if (m_nodes[size_t(c)].byte == byte)
            return c;
    return -1;
}

int LiteralSet::step(int node, unsigned char byte) const
{
    while (node != 0) {
        if (const int next = child(node, byte); next >= 0)
            return next;
        node = m_nodes[size_t(node)].fail;
    }
    return m_rootChild[byte];
}

void LiteralSet::find(QByteArrayView text, std::vector<bool> &found) const
{
    Q_ASSERT(m_built);
    found.assign(size_t(groupCount()), false);
    int state = 0;
    for (const char c : text) {
        state = step(state, static_cast<unsigned char>(c));
        // Every literal that ends here: this node's, then those of its
        // suffixes, along the output links.
        for (int n = m_nodes[size_t(state)].output >= 0 ? state : m_nodes[size_t(state)].nextOutput; n >= 0;
             n = m_nodes[size_t(n)].nextOutput) {
            for (const int group : m_groupsOfLiteral[size_t(m_nodes[size_t(n)].output)])
                found[size_t(group)] = true;
        }
    }
}

void LiteralSet::findLowercased(QStringView text, std::vector<bool> &found) const
{
    QByteArray lowered(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 128) {
            lowered[i] = char(c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c);
        } else {
            // Unicode simple case folding, which case-insensitive regexes use,
            // takes exactly two non-ASCII characters onto ASCII letters: the
            // Kelvin sign onto k and the long s onto s. Every other one can
            // match no letter of a literal (literals are ASCII), so it becomes
            // a byte no literal has: agents with non-ASCII characters are
            // filtered like any other, instead of running every regex.
            lowered[i] = c == u'\u212A' ? 'k' : c == u'\u017F' ? 's' : char(0x80);
        }
    }
    find(lowered, found);
}

} // namespace shortfuse
