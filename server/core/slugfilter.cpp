#include "server/core/slugfilter.h"

#include <QHashFunctions>

namespace shortfuse {

namespace {

// One 64-bit hash of the slug (Qt's own string hash), split into two halves; the k positions are h1 + i*h2 (Kirsch
// and Mitzenmacher: as good as k independent hashes). A fixed seed: a
// crafted "maybe" costs its sender nothing but a slower redirect.
std::pair<quint64, quint64> hashes(QStringView slug)
{
    const quint64 h = qHash(slug, size_t(0x5f0e1d2c3b4a6978ULL));
    return {h & 0xffffffffULL, (h >> 32) | 1};
}

} // namespace

SlugFilter::SlugFilter()
    : m_words(kBits / 64, 0)
{
}

void SlugFilter::insert(QStringView slug)
{
    const auto [h1, h2] = hashes(slug);
    for (int i = 0; i < kHashes; ++i) {
        const quint64 bit = (h1 + quint64(i) * h2) % kBits;
        m_words[bit / 64] |= quint64(1) << (bit % 64);
    }
    ++m_inserted;
}

bool SlugFilter::mayContain(QStringView slug) const
{
    const auto [h1, h2] = hashes(slug);
    for (int i = 0; i < kHashes; ++i) {
        const quint64 bit = (h1 + quint64(i) * h2) % kBits;
        if (!(m_words[bit / 64] & (quint64(1) << (bit % 64))))
            return false;
    }
    return true;
}

void SlugFilter::clear()
{
    std::fill(m_words.begin(), m_words.end(), 0);
    m_inserted = 0;
}

} // namespace shortfuse
