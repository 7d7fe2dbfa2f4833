#include "server/analytics/geoip.h"

#include "server/core/clientaddress.h"

#include <QFile>
#include <QList>
#include <QPair>
#include <QtEndian>

#include <maxminddb.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace shortfuse {

namespace {

Error openError(const QString &path, const QString &why)
{
    return Error{500, QByteArrayLiteral("geoip_database"),
                 QStringLiteral("cannot open GeoIP database %1: %2").arg(path, why)};
}

// The IANA special-purpose ranges that are not globally reachable (RFC 6890
// and its updates), plus multicast and the reserved 240/4. IPv4-mapped
// addresses are normalized to IPv4 before this table is consulted.
const QList<QPair<QHostAddress, int>> &nonGlobalRanges()
{
    static const QList<QPair<QHostAddress, int>> ranges = [] {
        QList<QPair<QHostAddress, int>> list;
        for (const char *cidr : {"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                                 "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
                                 "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
                                 "224.0.0.0/4", "240.0.0.0/4",
                                 "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001:2::/48",
                                 "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"})
            list.append(QHostAddress::parseSubnet(QString::fromLatin1(cidr)));
        return list;
    }();
    return ranges;
}

// A usable code: two ASCII letters, returned upper-case.
std::optional<QString> isoCode(const MMDB_entry_data_s &data)
{
    if (!data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size != 2)
        return std::nullopt;
    const QString code = QString::fromLatin1(data.utf8_string, 2).toUpper();
    for (QChar c : code) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return std::nullopt;
    }
    return code;
}

} // namespace

GeoIpLookup::GeoIpLookup(QString path, std::unique_ptr<MMDB_s> db)
    : m_path(std::move(path)), m_db(std::move(db))
{
}

GeoIpLookup::~GeoIpLookup()
{
    MMDB_close(m_db.get());
}

Result<std::unique_ptr<GeoIpLookup>> GeoIpLookup::open(const QString &path)
{
    if (path.isEmpty())
        return openError(QStringLiteral("(no path)"), QStringLiteral("no database was given"));
    // libmaxminddb's "error opening the file" does not say which error.
    if (!QFile::exists(path))
        return openError(path, QStringLiteral("no such file"));
    auto db = std::make_unique<MMDB_s>();
    const int status = MMDB_open(QFile::encodeName(path).constData(), MMDB_MODE_MMAP, db.get());
    if (status != MMDB_SUCCESS)
        return openError(path, QString::fromUtf8(MMDB_strerror(status)));
    return std::unique_ptr<GeoIpLookup>(new GeoIpLookup(path, std::move(db)));
}

bool GeoIpLookup::isGloballyRoutable(const QHostAddress &address)
{
    const QHostAddress normalized = normalizeAddress(address);
    if (normalized.isNull())
        return false;
    const auto &ranges = nonGlobalRanges();
    return std::none_of(ranges.begin(), ranges.end(),
                        [&](const QPair<QHostAddress, int> &range) { return normalized.isInSubnet(range); });
}

std::optional<QString> GeoIpLookup::countryCode(const QHostAddress &address) const
{
    // Mapped IPv4 must be looked up as IPv4: the database keeps IPv4 under
    // ::/96, not ::ffff:0:0/96, and would not find it otherwise.
    const QHostAddress normalized = normalizeAddress(address);
    if (!isGloballyRoutable(normalized))
        return std::nullopt;

    sockaddr_storage storage{};
    if (normalized.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_addr.s_addr = qToBigEndian(normalized.toIPv4Address());
    } else {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        const Q_IPV6ADDR bytes = normalized.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
    }

    int mmdbError = MMDB_SUCCESS;
    MMDB_lookup_result_s result =
        MMDB_lookup_sockaddr(m_db.get(), reinterpret_cast<const sockaddr *>(&storage), &mmdbError);
    // An IPv6 address in an IPv4-only database is an error here, not a crash.
    if (mmdbError != MMDB_SUCCESS || !result.found_entry)
        return std::nullopt;

    MMDB_entry_data_s data{};
    if (MMDB_get_value(&result.entry, &data, "country", "iso_code", nullptr) == MMDB_SUCCESS)
        if (auto code = isoCode(data))
            return code;
    if (MMDB_get_value(&result.entry, &data, "registered_country", "iso_code", nullptr) == MMDB_SUCCESS)
        if (auto code = isoCode(data))
            return code;
    if (MMDB_get_value(&result.entry, &data, "country_code", nullptr) == MMDB_SUCCESS)
        if (auto code = isoCode(data))
            return code;
    return std::nullopt;
}

QString GeoIpLookup::databaseType() const
{
    return QString::fromUtf8(m_db->metadata.database_type);
}

} // namespace shortfuse
