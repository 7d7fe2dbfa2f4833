#pragma once

#include <QByteArray>
#include <QString>

#include <ostream>

// Readable gtest failure messages for Qt's strings (else a byte dump).
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}
inline void PrintTo(const QByteArray &bytes, std::ostream *out)
{
    *out << '"' << bytes.toStdString() << '"';
}
