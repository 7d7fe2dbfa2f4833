#include "server/links/passwords.h"

#include <QMetaObject>
#include <QPointer>

#include <sodium.h>

namespace shortfuse {

namespace {

void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        qFatal("libsodium could not be initialised");
}

} // namespace

QString passwords::hash(const QString &password)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(encoded, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        qFatal("out of memory while hashing a password");
    return QString::fromLatin1(encoded);
}

bool passwords::verify(const QString &encodedHash, const QString &password)
{
    ensureSodium();
    const QByteArray stored = encodedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return !stored.isEmpty()
        && crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

PasswordHasher::PasswordHasher()
{
    m_pool.setMaxThreadCount(2);
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

void PasswordHasher::hash(QString password, QObject *context, std::function<void(const QString &)> done)
{
    QPointer<QObject> target(context);
    m_waiting.fetch_add(1, std::memory_order_relaxed);
    m_pool.start([this, password = std::move(password), target, done = std::move(done)] {
        m_waiting.fetch_sub(1, std::memory_order_relaxed);
        const QString encoded = passwords::hash(password);
        if (target)
            QMetaObject::invokeMethod(target.data(), [done, encoded] { done(encoded); }, Qt::QueuedConnection);
    });
}

void PasswordHasher::verify(QString encodedHash, QString password, QObject *context, std::function<void(bool)> done)
{
    QPointer<QObject> target(context);
    m_waiting.fetch_add(1, std::memory_order_relaxed);
    m_pool.start([this, encodedHash = std::move(encodedHash), password = std::move(password), target,
                  done = std::move(done)] {
        m_waiting.fetch_sub(1, std::memory_order_relaxed);
        const bool ok = passwords::verify(encodedHash, password);
        if (target)
            QMetaObject::invokeMethod(target.data(), [done, ok] { done(ok); }, Qt::QueuedConnection);
    });
}

} // namespace shortfuse
