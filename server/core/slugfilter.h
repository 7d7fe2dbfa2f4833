#pragma once

#include <QString>
#include <QtGlobal>

#include <vector>

namespace shortfuse {

// A Bloom filter over slugs: says "maybe" for every slug inserted, and "no"
// for most others (about 0.5% wrongly "maybe" at a million slugs, 20% at
// five million). Fixed memory (2 MiB), O(1) and allocation-free per call,
// no removal. For hints that are safe to get wrong one way only.
class SlugFilter final {
public:
    SlugFilter();

    void insert(QStringView slug);
    bool mayContain(QStringView slug) const;
    void clear();
    qsizetype inserted() const { return m_inserted; }

private:
    static constexpr int kBits = 1 << 24;  // 2 MiB
    static constexpr int kHashes = 3;
    std::vector<quint64> m_words;
    qsizetype m_inserted = 0;
};

} // namespace shortfuse
