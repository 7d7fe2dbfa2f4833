# Sanitizer and fuzzing builds (issue 11). Both are off by default; scripts/test
# configures one extra build tree of each kind with clang:
#
#   SHORTFUSE_SANITIZE=address,undefined  plus SHORTFUSE_FUZZ=ON: the server,
#       its unit, storage and HTTP suites and the libFuzzer fuzzers (fuzz/);
#   SHORTFUSE_SANITIZE=thread: the threaded storage parts and their suite.
#
# Every target of the tree is instrumented the same way (compile and link
# options are global here), so a test's server subprocess is checked too.
# Debian's Qt is not instrumented: tests/sanitizers/*.supp name the few Qt
# internals that must be excused, line by line.
set(SHORTFUSE_SANITIZE "" CACHE STRING
    "Sanitizers for every target, as for -fsanitize= (address,undefined or thread); empty: none")
option(SHORTFUSE_FUZZ "Build the libFuzzer fuzzers in fuzz/ (clang only)" OFF)

if(SHORTFUSE_SANITIZE)
    add_compile_options(-fsanitize=${SHORTFUSE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${SHORTFUSE_SANITIZE})
    if(SHORTFUSE_SANITIZE MATCHES "undefined")
        # Qt's signal/slot calls go through function pointers of another
        # type by design, and Qt's classes are not built with UBSan's type
        # information: those two checks would report Qt, not Shortfuse.
        add_compile_options(-fno-sanitize=function,vptr)
    endif()
endif()

if(SHORTFUSE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "SHORTFUSE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    # Coverage counters in every target, so the fuzzers see which branches
    # of the engine an input reached; the fuzzers alone link libFuzzer's main.
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
