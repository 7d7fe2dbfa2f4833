#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace shortfuse {

// A failure the engine can explain to a person and to a machine: the HTTP
// status it maps to, a stable machine code ("reason") and a sentence.
// One type for every layer, so routes, the window and the CLI report alike.
struct Error {
    int status = 400;
    QByteArray reason;
    QString message;
    int retryAfterSeconds = 0;  // > 0: the client may try again after this long
};

// A value or an Error. Small on purpose: the engine never throws across the
// event loop, it returns one of these.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<T>(m_state); }
    const T &value() const { return std::get<T>(m_state); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Result<void> equivalent: nothing on success.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace shortfuse
