#include "ui/qrcode.h"

#include <qrcodegen.hpp>

#include <QPainter>

#include <stdexcept>

namespace shortfuse {

QImage renderQrCode(const QString &text, int scale)
{
    constexpr int kQuietZone = 4;
    const QByteArray utf8 = text.toUtf8();
    try {
        const qrcodegen::QrCode qr = qrcodegen::QrCode::encodeText(utf8.constData(), qrcodegen::QrCode::Ecc::MEDIUM);
        const int modules = qr.getSize() + 2 * kQuietZone;
        QImage image(modules * scale, modules * scale, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::black);
        for (int y = 0; y < qr.getSize(); ++y) {
            for (int x = 0; x < qr.getSize(); ++x) {
                if (qr.getModule(x, y))
                    painter.drawRect((x + kQuietZone) * scale, (y + kQuietZone) * scale, scale, scale);
            }
        }
        return image;
    } catch (const qrcodegen::data_too_long &) {
        return {};
    }
}

} // namespace shortfuse
