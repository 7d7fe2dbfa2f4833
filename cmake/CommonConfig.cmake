# One INTERFACE target carries the compile definitions and warnings every
# Shortfuse target shares; each target links it instead of repeating flags.
add_library(shortfuse_common INTERFACE)

target_compile_definitions(shortfuse_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    # The one place the version reaches the code (the server links this
    # target too, so /health, /metrics and --version all read it here).
    SHORTFUSE_VERSION="${PROJECT_VERSION}")

target_compile_options(shortfuse_common INTERFACE
    -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
