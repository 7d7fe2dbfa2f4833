# Validates AppStream metainfo the strictest way appstreamcli knows
# (--pedantic --strict, without the network), and fails on any issue but
# one: the pedantic note that the id has an upper-case letter. The id is
# io.github.shortfuse.Shortfuse on purpose (reverse DNS of the homepage plus
# the app's name, as desktops and Flathub name apps); renaming it would
# change the .desktop file name every desktop already matches windows by.
#
#   cmake -DMETAINFO=<file> -P check_metainfo.cmake

if(NOT DEFINED METAINFO)
    message(FATAL_ERROR "METAINFO is not set")
endif()
execute_process(COMMAND appstreamcli validate --no-net --pedantic --strict "${METAINFO}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
# Issue lines look like "P: <id>:<line>: <tag> <detail>" (E, W, I or P).
string(REGEX MATCHALL "(^|\n)[EWIP]: [^\n]*" issues "${out}")
list(FILTER issues EXCLUDE REGEX "^\n?P: [^ ]+ cid-contains-uppercase-letter ")
if(NOT rc EQUAL 0 OR issues)
    message(FATAL_ERROR "appstreamcli validate (${rc}) finds in ${METAINFO}:\n${out}")
endif()
message(STATUS "${METAINFO}: valid\n${out}")
