#pragma once

// What every fuzzer shares: a check that turns a broken invariant into a
// crash libFuzzer reports (with the input that broke it), and a reader that
// cuts one fuzz input into several fields.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                        \
    do {                                                                                             \
        if (!(condition)) {                                                                          \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                            \
        }                                                                                            \
    } while (false)

namespace shortfuse::fuzz {

// The input as fields separated by NUL bytes (dictionaries and seeds use
// the same separator); a missing field is empty.
class Fields {
public:
    Fields(const uint8_t *data, size_t size) : m_rest(reinterpret_cast<const char *>(data), qsizetype(size)) {}

    QByteArray next()
    {
        const qsizetype end = m_rest.indexOf('\0');
        const QByteArrayView field = end < 0 ? m_rest : m_rest.first(end);
        m_rest = end < 0 ? QByteArrayView() : m_rest.sliced(end + 1);
        return field.toByteArray();
    }
    QString nextString() { return QString::fromUtf8(next()); }

private:
    QByteArrayView m_rest;
};

} // namespace shortfuse::fuzz
