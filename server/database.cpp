#include "server/database.h"

#include "server/storage/sqlitelinkstore.h"

#include <QDir>

namespace shortfuse {

Result<Database> databaseFor(const ServerConfig &config)
{
    const QString url = config.databaseUrl;
    if (url.isEmpty() || url.startsWith(QLatin1String("sqlite:"))) {
        QString path = QDir(config.dataDir).filePath(QStringLiteral("shortfuse.db"));
        if (url.startsWith(QLatin1String("sqlite://")))
            path = url.mid(9);
        else if (!url.isEmpty())
            path = url.mid(7);
        if (path.isEmpty())
            return Error{1, "db", QStringLiteral("--db: '%1' names no file (try sqlite:///var/lib/shortfuse/links.db)").arg(url)};
        return Database{[path] { return std::make_unique<SqliteLinkStore>(path); }, std::nullopt, path};
    }
    Result<PostgresAddress> address = PostgresAddress::fromUrl(url);
    if (!address)
        return Error{1, "db", address.error().message};
    return Database{[address = *address] { return std::make_unique<PostgresLinkStore>(address); }, *address, {}};
}

} // namespace shortfuse
