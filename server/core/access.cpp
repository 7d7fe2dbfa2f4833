#include "server/core/access.h"

namespace shortfuse {

std::optional<CreateAccess> createAccessFromName(const QString &name)
{
    if (name == QLatin1String("local"))
        return CreateAccess::Local;
    if (name == QLatin1String("keys"))
        return CreateAccess::Keys;
    if (name == QLatin1String("public"))
        return CreateAccess::Public;
    return std::nullopt;
}

QString createAccessName(CreateAccess access)
{
    switch (access) {
    case CreateAccess::Local: return QStringLiteral("local");
    case CreateAccess::Keys: return QStringLiteral("keys");
    case CreateAccess::Public: return QStringLiteral("public");
    }
    Q_UNREACHABLE();
}

} // namespace shortfuse
