#pragma once

#include <QStringList>

#include <cstdio>

namespace shortfuse {

// `shortfuse-server keys create --name NAME [--admin] | list | revoke NAME`,
// with the server's own --data-dir and --db: manages API keys directly in
// the database, also while servers run on it (a revoked key stops working
// on every server at once: they look each key up on every request). The
// new key is printed once, to `out`; it is stored only as its SHA-256.
// Returns the exit code (0, 1 for a failure, 2 for a usage error).
int runKeysCommand(const QStringList &arguments, std::FILE *out, std::FILE *err);

} // namespace shortfuse
