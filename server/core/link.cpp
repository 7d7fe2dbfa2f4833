#include "server/core/link.h"

namespace shortfuse {

std::optional<LinkStatus> linkStatusFromName(QStringView name)
{
    for (LinkStatus status : {LinkStatus::Active, LinkStatus::UsedUp, LinkStatus::Expired, LinkStatus::Revoked}) {
        if (name == QLatin1String(linkStatusName(status)))
            return status;
    }
    return std::nullopt;
}

} // namespace shortfuse
