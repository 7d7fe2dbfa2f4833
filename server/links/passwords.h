#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace shortfuse {

// Link passwords: stored only as Argon2id hashes (libsodium's
// crypto_pwhash_str, which encodes its salt and cost in the string).
// Hashing is deliberately slow (~0.1 s, 64 MiB), so it never runs on the
// server's thread: PasswordHasher runs it on a small pool of its own and
// answers on the caller's context.
namespace passwords {

QString hash(const QString &password);
bool verify(const QString &encodedHash, const QString &password);

} // namespace passwords

class PasswordHasher final {
public:
    PasswordHasher();
    ~PasswordHasher();
    Q_DISABLE_COPY_MOVE(PasswordHasher)

    void hash(QString password, QObject *context, std::function<void(const QString &)> done);
    void verify(QString encodedHash, QString password, QObject *context, std::function<void(bool)> done);

private:
    // Two at a time bounds the memory (64 MiB each) whatever the load.
    QThreadPool m_pool;
};

} // namespace shortfuse
