#include "ui/linkconsole.h"

namespace shortfuse {

Error LinkConsole::unavailable()
{
    return Error{503, "unavailable", tr("The server is not running.")};
}

} // namespace shortfuse
