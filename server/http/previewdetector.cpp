#include "server/http/previewdetector.h"

#include <QHttpServerRequest>

namespace shortfuse {

PreviewDetector::PreviewDetector(std::unique_ptr<BotDetector> bots)
    : m_bots(std::move(bots))
{
}

PreviewDetector::~PreviewDetector() = default;

bool PreviewDetector::isPreviewAgent(QByteArrayView userAgent)
{
    // The preview rules and the crawler list come before uap-core's spider
    // rules, so no parse is needed to learn whether it is a previewer.
    return m_bots && m_bots->detect(userAgent, UserAgentInfo{}).linkPreview;
}

bool PreviewDetector::isPreview(const QHttpServerRequest &request)
{
    for (const char *header : {"sec-purpose", "purpose", "x-purpose", "x-moz"}) {
        const QByteArray value = request.value(QByteArray(header)).toLower();
        if (value.contains("prefetch") || value.contains("preview"))
            return true;
    }
    return isPreviewAgent(request.value(QByteArrayLiteral("user-agent")));
}

} // namespace shortfuse
