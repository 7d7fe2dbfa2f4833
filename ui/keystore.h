#pragma once

#include "server/core/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace shortfuse {

// The API keys of remote connections (issue 15), in the system's keychain
// (QtKeychain: the Secret Service on Linux, the Keychain on macOS, the
// Credential Store on Windows), never in the settings file. Without a
// keychain every call fails with reason "no_keychain": the window then
// says the key cannot be kept and asks for it at each start; it never
// falls back to plain text (QtKeychain's insecure fallback stays off).
// Every call answers once, later, on the caller's thread.
class KeyStore final : public QObject {
    Q_OBJECT
public:
    explicit KeyStore(QObject *parent = nullptr);

    using Done = std::function<void(const Status &)>;
    void write(const QString &connectionId, const QString &key, QObject *context, Done done);
    // The key, or an Error (reason "not_found" when none is kept, "no_keychain" without a keychain).
    void read(const QString &connectionId, QObject *context, std::function<void(const Result<QString> &)> done);
    void remove(const QString &connectionId, QObject *context, Done done);

    // The keychain's service name the keys are filed under.
    static QString serviceName();
};

} // namespace shortfuse
