#pragma once

#include "server/core/result.h"
#include "server/serverconfig.h"
#include "server/storage/linkstore.h"
#include "server/storage/postgreslinkstore.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace shortfuse {

// What --db names: how to open a store on it (the writer and the reader
// each get one), and where other processes that share it announce their
// changes: a PostgreSQL database's address (the ChangeListener connects
// there too) or a SQLite file's path (the SqliteChangePoller reads it).
struct Database {
    std::function<std::unique_ptr<LinkStore>()> makeStore;
    std::optional<PostgresAddress> shared;
    QString sqlitePath;
};

// --db: the embedded SQLite file in --data-dir (default) or a shared
// PostgreSQL database. The server and the `keys` command both open it here.
Result<Database> databaseFor(const ServerConfig &config);

} // namespace shortfuse
