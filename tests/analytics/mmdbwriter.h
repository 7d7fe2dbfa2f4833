#pragma once

// Writes a tiny MaxMind DB (format 2.0) so the GeoIP tests can use known
// answers in both layouts (MaxMind's country.iso_code and
// registered_country.iso_code, ip-location-db's country_code) without any
// dependency beyond libmaxminddb, which reads the result.
// Spec: https://maxmind.github.io/MaxMind-DB/ (search tree, data section,
// metadata). Test code only: prefixes must not nest.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace shortfuse::testmmdb {

// A value in the MMDB data format: a string, an unsigned int, or a map.
struct Value {
    enum Kind { String, Uint16, Uint32, Uint64, Map, Array } kind = String;
    std::string text;
    std::uint64_t number = 0;
    std::vector<std::pair<std::string, Value>> entries;  // Map
    std::vector<Value> items;                             // Array

    static Value str(std::string s) { Value v; v.kind = String; v.text = std::move(s); return v; }
    static Value u16(std::uint64_t n) { Value v; v.kind = Uint16; v.number = n; return v; }
    static Value u32(std::uint64_t n) { Value v; v.kind = Uint32; v.number = n; return v; }
    static Value u64(std::uint64_t n) { Value v; v.kind = Uint64; v.number = n; return v; }
    static Value map(std::vector<std::pair<std::string, Value>> e) { Value v; v.kind = Map; v.entries = std::move(e); return v; }
    static Value array(std::vector<Value> i) { Value v; v.kind = Array; v.items = std::move(i); return v; }
};

inline void encodeControl(QByteArray &out, int type, std::size_t size)
{
    Q_ASSERT(size < 29);  // small values only: no extended size bytes needed
    if (type <= 7) {
        out.append(char((type << 5) | int(size)));
    } else {
        out.append(char(size));
        out.append(char(type - 7));
    }
}

inline void encodeUint(QByteArray &out, int type, std::uint64_t n)
{
    QByteArray bytes;
    while (n) {
        bytes.prepend(char(n & 0xff));
        n >>= 8;
    }
    encodeControl(out, type, std::size_t(bytes.size()));
    out.append(bytes);
}

inline void encode(QByteArray &out, const Value &v)
{
    switch (v.kind) {
    case Value::String:
        encodeControl(out, 2, v.text.size());
        out.append(v.text.data(), qsizetype(v.text.size()));
        break;
    case Value::Uint16: encodeUint(out, 5, v.number); break;
    case Value::Uint32: encodeUint(out, 6, v.number); break;
    case Value::Uint64: encodeUint(out, 9, v.number); break;
    case Value::Map:
        encodeControl(out, 7, v.entries.size());
        for (const auto &[key, value] : v.entries) {
            encode(out, Value::str(key));
            encode(out, value);
        }
        break;
    case Value::Array:
        encodeControl(out, 11, v.items.size());
        for (const Value &item : v.items)
            encode(out, item);
        break;
    }
}

// An IPv6 database (IPv4 lives under ::/96, as in MaxMind's own files),
// 24-bit records.
inline QByteArray build(const QList<QPair<QString, Value>> &networks)
{
    struct Node {
        std::array<std::int64_t, 2> child{-1, -1};   // node index, or -1: empty
        std::array<std::int64_t, 2> data{-1, -1};    // data offset at a prefix's end
    };
    std::vector<Node> nodes(1);
    QByteArray data;

    for (const auto &[cidr, value] : networks) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(cidr);
        Q_ASSERT(!subnet.first.isNull());
        std::array<std::uint8_t, 16> bytes{};
        int bits = subnet.second;
        if (subnet.first.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 v4 = subnet.first.toIPv4Address();
            for (int i = 0; i < 4; ++i)
                bytes[12 + i] = std::uint8_t(v4 >> (24 - 8 * i));
            bits += 96;
        } else {
            const Q_IPV6ADDR v6 = subnet.first.toIPv6Address();
            for (int i = 0; i < 16; ++i)
                bytes[i] = v6.c[i];
        }
        const std::int64_t offset = data.size();
        encode(data, value);

        std::size_t node = 0;
        for (int i = 0; i < bits; ++i) {
            const int bit = (bytes[i / 8] >> (7 - i % 8)) & 1;
            if (i == bits - 1) {
                nodes[node].data[bit] = offset;
                break;
            }
            if (nodes[node].child[bit] < 0) {
                nodes[node].child[bit] = std::int64_t(nodes.size());
                nodes.push_back(Node{});
            }
            node = std::size_t(nodes[node].child[bit]);
        }
    }

    const std::uint32_t nodeCount = std::uint32_t(nodes.size());
    QByteArray out;
    for (const Node &n : nodes) {
        for (int side = 0; side < 2; ++side) {
            std::uint32_t record = nodeCount;  // "no data"
            if (n.child[side] >= 0)
                record = std::uint32_t(n.child[side]);
            else if (n.data[side] >= 0)
                record = nodeCount + 16 + std::uint32_t(n.data[side]);
            out.append(char(record >> 16)).append(char(record >> 8)).append(char(record));
        }
    }
    out.append(QByteArray(16, '\0'));  // data section separator
    out.append(data);
    out.append(QByteArray("\xAB\xCD\xEFMaxMind.com"));
    encode(out, Value::map({
                    {"binary_format_major_version", Value::u16(2)},
                    {"binary_format_minor_version", Value::u16(0)},
                    {"build_epoch", Value::u64(1700000000)},
                    {"database_type", Value::str("Shortfuse-Test-Country")},
                    {"description", Value::map({{"en", Value::str("test database")}})},
                    {"ip_version", Value::u16(6)},
                    {"languages", Value::array({Value::str("en")})},
                    {"node_count", Value::u32(nodeCount)},
                    {"record_size", Value::u16(24)},
                }));
    return out;
}

} // namespace shortfuse::testmmdb
