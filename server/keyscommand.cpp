#include "server/keyscommand.h"

#include "server/core/apikey.h"
#include "server/database.h"
#include "server/serverconfig.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace shortfuse {

namespace {

constexpr auto kUsage = "usage: shortfuse-server keys create --name NAME [--admin] | keys list | keys revoke NAME "
                        "[--data-dir DIR] [--db URL]";

QString utcMinute(std::optional<qint64> ms)
{
    if (!ms)
        return QStringLiteral("never");
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// One store, opened for one command and closed again.
class KeyStore {
public:
    explicit KeyStore(std::unique_ptr<LinkStore> store) : m_store(std::move(store)) {}
    ~KeyStore() { m_store->close(); }
    Status open() { return m_store->open(); }
    LinkStore &operator*() { return *m_store; }
    LinkStore *operator->() { return m_store.get(); }

    // One write in its own transaction (waiting up to a few seconds for a
    // running server's batch to commit on a shared SQLite file).
    template <typename Write>
    auto write(Write &&write) -> decltype(write())
    {
        m_store->setLockWait(std::chrono::seconds(10));
        if (Status begun = m_store->beginBatch(); !begun)
            return begun.error();
        auto result = write();
        if (!result) {
            m_store->rollbackBatch();
            return result;
        }
        if (Status committed = m_store->commitBatch(); !committed) {
            m_store->rollbackBatch();
            return committed.error();
        }
        return result;
    }

private:
    std::unique_ptr<LinkStore> m_store;
};

int create(KeyStore &store, const QString &name, bool admin, std::FILE *out, std::FILE *err)
{
    // `name` was checked before the database was opened (runKeysCommand).
    const QString key = apikeys::generate();
    const NewApiKey fresh{name, apikeys::hash(key), apikeys::shownPrefix(key), admin,
                          QDateTime::currentMSecsSinceEpoch()};
    const Result<std::optional<ApiKey>> made = store.write([&] { return store->insertApiKey(fresh); });
    if (!made) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(made.error().message));
        return 1;
    }
    if (!made->has_value()) {
        std::fprintf(err, "shortfuse-server keys: a key named \"%s\" exists already (revoke it first, or pick another name)\n",
                     qPrintable(name));
        return 1;
    }
    // The key alone on stdout, so a script can capture it; the rest on stderr.
    std::fprintf(out, "%s\n", qPrintable(key));
    std::fprintf(err, "Created %s key \"%s\". Store it now: it is shown only this once.\n",
                 admin ? "admin" : "owner", qPrintable(name));
    return 0;
}

int list(KeyStore &store, std::FILE *out, std::FILE *err)
{
    const Result<QList<ApiKey>> keys = store->listApiKeys();
    if (!keys) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(keys.error().message));
        return 1;
    }
    std::fprintf(out, "%-24s %-6s %-14s %-20s %-20s %s\n", "NAME", "ROLE", "KEY", "CREATED", "LAST USED", "STATUS");
    for (const ApiKey &key : *keys) {
        std::fprintf(out, "%-24s %-6s %-14s %-20s %-20s %s\n", qPrintable(key.name), key.admin ? "admin" : "owner",
                     qPrintable(key.prefix + QStringLiteral("...")), qPrintable(utcMinute(key.createdAtMs)),
                     qPrintable(utcMinute(key.lastUsedAtMs)),
                     key.revoked() ? qPrintable(QStringLiteral("revoked ") + utcMinute(key.revokedAtMs)) : "active");
    }
    return 0;
}

int revoke(KeyStore &store, const QString &name, std::FILE *out, std::FILE *err)
{
    const Result<bool> revoked =
        store.write([&] { return store->revokeApiKey(name, QDateTime::currentMSecsSinceEpoch()); });
    if (!revoked) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(revoked.error().message));
        return 1;
    }
    if (!*revoked) {
        std::fprintf(err, "shortfuse-server keys: no active key is named \"%s\" (see keys list)\n", qPrintable(name));
        return 1;
    }
    std::fprintf(out, "Revoked key \"%s\": it no longer works on any server using this database.\n", qPrintable(name));
    return 0;
}

} // namespace

int runKeysCommand(const QStringList &arguments, std::FILE *out, std::FILE *err)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    // The server's own flags, so --data-dir and --db mean exactly what they
    // mean for the server (and a server's command line can be reused).
    ServerOptions::addTo(parser);
    parser.addOptions({
        {QStringLiteral("name"), QStringLiteral("keys create: the new key's name."), QStringLiteral("NAME")},
        {QStringLiteral("admin"), QStringLiteral("keys create: the key sees and changes every link.")},
    });
    if (!parser.parse(arguments)) {
        std::fprintf(err, "shortfuse-server keys: %s\n%s\n", qPrintable(parser.errorText()), kUsage);
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(out, "%s\n", kUsage);
        return 0;
    }
    const QStringList words = parser.positionalArguments(); // "keys", the action, its argument
    const QString action = words.value(1);
    const bool wellFormed = (action == QLatin1String("create") && words.size() == 2)
        || (action == QLatin1String("list") && words.size() == 2)
        || (action == QLatin1String("revoke") && words.size() == 3);
    if (!wellFormed) {
        std::fprintf(err, "shortfuse-server keys: %s\n", kUsage);
        return 2;
    }
    if (action != QLatin1String("create") && (parser.isSet(QStringLiteral("name")) || parser.isSet(QStringLiteral("admin")))) {
        std::fprintf(err, "shortfuse-server keys: --name and --admin go with keys create\n");
        return 2;
    }
    // A bad name is refused before the database is even opened.
    if (action == QLatin1String("create")) {
        if (const QString problem = apikeys::nameProblem(parser.value(QStringLiteral("name"))); !problem.isEmpty()) {
            std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(problem));
            return 2;
        }
    }
    const Result<ServerConfig> config = ServerOptions::read(parser);
    if (!config) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(config.error().message));
        return 2;
    }
    const Result<Database> database = databaseFor(*config);
    if (!database) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(database.error().message));
        return 2;
    }
    if (database->sqlitePath.size() && !QDir().mkpath(QFileInfo(database->sqlitePath).absolutePath())) {
        std::fprintf(err, "shortfuse-server keys: cannot create the folder of %s\n", qPrintable(database->sqlitePath));
        return 1;
    }
    KeyStore store(database->makeStore());
    if (Status opened = store.open(); !opened) {
        std::fprintf(err, "shortfuse-server keys: %s\n", qPrintable(opened.error().message.simplified()));
        return 1;
    }
    if (action == QLatin1String("create"))
        return create(store, parser.value(QStringLiteral("name")), parser.isSet(QStringLiteral("admin")), out, err);
    if (action == QLatin1String("list"))
        return list(store, out, err);
    return revoke(store, words.at(2), out, err);
}

} // namespace shortfuse
