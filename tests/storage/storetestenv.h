#pragma once

#include "server/storage/linkstore.h"
#include "server/storage/postgreslinkstore.h"
#include "server/storage/sqlitelinkstore.h"

#include "tests/support/pgtestenv.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

// The storage suites are parametrised over implementations: each backend
// contributes one StoreBackend, and every test runs against all of them.
struct StoreBackend {
    std::string name;
    // A fresh, empty database for one test; several stores made from the
    // same backend instance share it (as several servers would).
    std::function<std::unique_ptr<shortfuse::LinkStore>()> makeStore;
    // Where a second, independent connection can read what was written.
    std::function<QString()> describe;
};

inline StoreBackend sqliteBackend()
{
    auto dir = std::make_shared<QTemporaryDir>();
    const QString path = QDir(dir->path()).filePath(QStringLiteral("test.db"));
    return StoreBackend{"Sqlite",
                        [dir, path] { return std::make_unique<shortfuse::SqliteLinkStore>(path); },
                        [path] { return path; }};
}

// A fresh database on the throwaway PostgreSQL cluster ctest starts.
inline StoreBackend postgresBackend()
{
    auto database = std::make_shared<shortfuse::test::FreshDatabase>();
    const QString url = database->isValid() ? database->url() : QStringLiteral("postgresql://invalid/none");
    const auto address = shortfuse::PostgresAddress::fromUrl(url);
    return StoreBackend{"Postgres",
                        [database, address]() -> std::unique_ptr<shortfuse::LinkStore> {
                            return std::make_unique<shortfuse::PostgresLinkStore>(address.value());
                        },
                        [url] { return url; }};
}

// A claim with no gate in the way, as the HTTP layer sends for a plain
// link: what the storage tests mostly need, without the request's fields.
inline shortfuse::Result<shortfuse::Claim> claimPlain(shortfuse::LinkWrites &store, const QString &slug)
{
    return store.claimClick(shortfuse::ClaimRequest{slug, 0, false, true, {}, 0});
}

inline std::string backendName(const ::testing::TestParamInfo<std::function<StoreBackend()>> &info)
{
    return info.param().name;
}
