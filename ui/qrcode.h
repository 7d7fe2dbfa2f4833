#pragma once

#include <QImage>
#include <QString>

namespace shortfuse {

// A QR code of `text` (Nayuki's qrcodegen, medium error correction) as a
// black-on-white image: `scale` pixels per module and the 4-module quiet
// zone the standard asks for. A null image if the text does not fit.
QImage renderQrCode(const QString &text, int scale = 6);

} // namespace shortfuse
