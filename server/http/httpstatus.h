#pragma once

#include <QByteArray>

namespace shortfuse::http {

// "Not Found" for 404 and so on; "Unknown" for codes we never send.
QByteArray reasonPhrase(int status);

} // namespace shortfuse::http
