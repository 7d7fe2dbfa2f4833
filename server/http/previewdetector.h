#pragma once

#include "server/analytics/botdetector.h"

#include <QByteArray>

#include <memory>

class QHttpServerRequest;

namespace shortfuse {

// Tells, on the server's thread and before a click is claimed, whether a
// request is a link preview rather than a person: a chat or mail app's
// preview fetcher or link scanner (by its user agent, through the same
// maintained rules the analytics use), or a browser prefetch
// (Sec-Purpose / Purpose / X-Purpose / X-Moz: prefetch). HEAD requests
// never claim anything and are handled apart.
class PreviewDetector final {
public:
    // Without a crawler list only the prefetch headers are recognised.
    explicit PreviewDetector(std::unique_ptr<BotDetector> bots);
    ~PreviewDetector();
    Q_DISABLE_COPY_MOVE(PreviewDetector)

    bool isPreview(const QHttpServerRequest &request);
    bool isPreviewAgent(QByteArrayView userAgent);

private:
    std::unique_ptr<BotDetector> m_bots; // its own instance: this thread only
};

} // namespace shortfuse
