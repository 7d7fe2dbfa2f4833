#pragma once

#include <QString>

#include <optional>

namespace shortfuse {

// Who may make links without an API key (--create-access, issue 12):
//   Local   only requests from this machine (see AccessRules::isLocal)
//   Keys    nobody: every creation needs a key
//   Public  anyone, within the per-address rate limit
enum class CreateAccess { Local, Keys, Public };

std::optional<CreateAccess> createAccessFromName(const QString &name);
QString createAccessName(CreateAccess access);

} // namespace shortfuse
