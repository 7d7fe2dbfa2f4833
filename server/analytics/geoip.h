#pragma once

#include "server/core/result.h"

#include <QHostAddress>
#include <QString>

#include <memory>
#include <optional>

struct MMDB_s;  // libmaxminddb's handle; its header stays out of ours

namespace shortfuse {

// Country of a client address, from a MaxMind-format (.mmdb) database read
// with libmaxminddb: a GeoLite2/GeoIP2 Country or City file, or the free
// ip-location-db country files. Both layouts are read: MaxMind's
// country.iso_code (falling back to registered_country.iso_code, which is
// all an anycast or satellite range has) and ip-location-db's top-level
// country_code.
//
// Owns the open database (memory-mapped, closed in the destructor).
// Thread-safe: countryCode() is const and libmaxminddb only reads the
// mapping after MMDB_open, so one instance serves any number of threads.
class GeoIpLookup final {
public:
    // A file that is missing or not an MMDB is an Error naming the path.
    static Result<std::unique_ptr<GeoIpLookup>> open(const QString &path);

    ~GeoIpLookup();

    // ISO 3166-1 alpha-2 ("DE"), or nullopt when the database does not know
    // the address. Addresses that are not globally routable (loopback,
    // private, link-local, CGNAT, documentation, multicast, ...) are nullopt
    // without a lookup: they say nothing about where a person is, and free
    // databases have been seen to place 192.168.0.0/16 in a country.
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is looked up as IPv4.
    std::optional<QString> countryCode(const QHostAddress &address) const;

    // False for the special-purpose ranges countryCode() never looks up.
    static bool isGloballyRoutable(const QHostAddress &address);

    const QString &path() const { return m_path; }
    // The database's own description of itself, e.g. "GeoLite2-Country".
    QString databaseType() const;

private:
    GeoIpLookup(QString path, std::unique_ptr<MMDB_s> db);

    QString m_path;
    std::unique_ptr<MMDB_s> m_db;

    Q_DISABLE_COPY_MOVE(GeoIpLookup)
};

} // namespace shortfuse
