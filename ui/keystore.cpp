#include "ui/keystore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace shortfuse {

namespace {

QString entryName(const QString &connectionId)
{
    return QStringLiteral("api-key:") + connectionId;
}

Error keychainError(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error{404, "not_found", KeyStore::tr("No key is kept for this server.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Error{503, "no_keychain",
                     KeyStore::tr("This desktop has no keychain to keep the key in (%1): Shortfuse asks for it at "
                                  "each start instead, and never writes it to a file.")
                         .arg(job.errorString())};
    default:
        return Error{403, "keychain_refused", KeyStore::tr("The keychain refused: %1").arg(job.errorString())};
    }
}

// Runs `job`; `finish` gets it once it is done, if `context` still exists.
void run(QKeychain::Job *job, QObject *context, std::function<void(QKeychain::Job &)> finish)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // a key in plain text would be worse than asking for it
    QPointer<QObject> target(context);
    QObject::connect(job, &QKeychain::Job::finished, job, [target, finish = std::move(finish)](QKeychain::Job *done) {
        if (target)
            finish(*done);
    });
    job->start();
}

} // namespace

KeyStore::KeyStore(QObject *parent)
    : QObject(parent)
{
}

QString KeyStore::serviceName()
{
    return QStringLiteral("shortfuse");
}

void KeyStore::write(const QString &connectionId, const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(entryName(connectionId));
    job->setTextData(key);
    run(job, context, [done = std::move(done)](QKeychain::Job &finished) {
        done(finished.error() == QKeychain::NoError ? Status{} : Status(keychainError(finished)));
    });
}

void KeyStore::read(const QString &connectionId, QObject *context, std::function<void(const Result<QString> &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(entryName(connectionId));
    run(job, context, [done = std::move(done)](QKeychain::Job &finished) {
        if (finished.error() != QKeychain::NoError)
            return done(keychainError(finished));
        done(static_cast<QKeychain::ReadPasswordJob &>(finished).textData());
    });
}

void KeyStore::remove(const QString &connectionId, QObject *context, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(entryName(connectionId));
    run(job, context, [done = std::move(done)](QKeychain::Job &finished) {
        const bool gone = finished.error() == QKeychain::NoError || finished.error() == QKeychain::EntryNotFound;
        done(gone ? Status{} : Status(keychainError(finished)));
    });
}

} // namespace shortfuse
