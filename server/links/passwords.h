#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
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

    // Past this many waiting hashes and checks callers answer 503 at once
    // instead of queueing more (see full()). Far fewer than the readers'
    // bound: each takes 0.05-0.3 s of one of two threads, so 64 waiting is
    // already seconds of work, as long as a person waits for a password
    // page; a flood of tries is refused rather than held in memory.
    static constexpr int kMaxWaiting = 64;
    // True when kMaxWaiting hashes and checks wait; the caller refuses.
    bool full() const { return m_waiting.load(std::memory_order_relaxed) >= kMaxWaiting; }
    int waiting() const { return m_waiting.load(std::memory_order_relaxed); }

    void hash(QString password, QObject *context, std::function<void(const QString &)> done);
    void verify(QString encodedHash, QString password, QObject *context, std::function<void(bool)> done);

private:
    // Two at a time bounds the memory (64 MiB each) whatever the load.
    QThreadPool m_pool;
    std::atomic<int> m_waiting{0}; // started and not yet picked up by a thread
};

} // namespace shortfuse
