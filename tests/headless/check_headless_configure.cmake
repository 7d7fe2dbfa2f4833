# Proves that -DSHORTFUSE_DESKTOP=OFF is a build of the server alone that
# needs no GUI package: it configures a headless tree of the same sources
# with Qt's GUI packages made unfindable, then checks which targets and
# tests that tree has, and that its whole build graph resolves (a dry run:
# compiling the server again would cost a minute on two cores, and compiles
# the very commands the main tree has just compiled).
#
#   cmake -DSOURCE_DIR=<source> -DTREE=<scratch> -DGENERATOR=<generator>
#         -DCXX_COMPILER=<compiler> -P check_headless_configure.cmake

include(${CMAKE_CURRENT_LIST_DIR}/../support/scriptcheck.cmake)
require_variables(SOURCE_DIR TREE GENERATOR CXX_COMPILER)

# expect_names(WHAT TEXT PRESENT|ABSENT name...): each name on a line of
# its own in a listing (Ninja prints "name: phony", Make "... name").
function(expect_names what text presence)
    foreach(name IN LISTS ARGN)
        string(REGEX REPLACE "([.+])" "[\\1]" escaped "${name}")
        if(text MATCHES "(^|\n)(\\.\\.\\. |  Test +#[0-9]+: )?${escaped}(:[^\n]*)?\n")
            set(found TRUE)
        else()
            set(found FALSE)
        endif()
        if(presence STREQUAL "PRESENT" AND NOT found)
            message(FATAL_ERROR "the headless tree lacks the ${what} ${name}:\n${text}")
        elseif(presence STREQUAL "ABSENT" AND found)
            message(FATAL_ERROR "the headless tree has the ${what} ${name}:\n${text}")
        endif()
    endforeach()
endfunction()

# Any find_package() of these now fails the configure (a REQUIRED one
# stops it, and a target linking Qt6::Widgets cannot be generated).
set(disabled "")
foreach(package Qt6Gui Qt6Widgets Qt6Charts Qt6LinguistTools Qt6OpenGL Qt6OpenGLWidgets Qt6Svg)
    list(APPEND disabled -DCMAKE_DISABLE_FIND_PACKAGE_${package}=ON)
endforeach()
file(REMOVE_RECURSE "${TREE}")
run(out ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${TREE}" -G "${GENERATOR}" --no-warn-unused-cli
        -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DSHORTFUSE_DESKTOP=OFF -DSHORTFUSE_BUILD_TESTS=ON ${disabled})

run(targets ${CMAKE_COMMAND} --build "${TREE}" --target help)
expect_names(target "${targets}" PRESENT shortfuse-server shortfuse_server unit_tests http_tests storage_tests)
expect_names(target "${targets}" ABSENT
    shortfuse shortfuse-screenshots shortfuse_ui shortfuse_ui_logic gui_tests gui_pg_tests update_translations)

run(tests ctest --test-dir "${TREE}" -N)
expect_names(test "${tests}" PRESENT package_deb headless_server_links_no_gui)
expect_names(test "${tests}" ABSENT TranslationsComplete metainfo_valid desktop_entry_valid headless_configure)

# Every rule of the headless build resolves: sources, generated files
# (rcc, moc) and link inputs, without compiling anything.
run(out ${CMAKE_COMMAND} --build "${TREE}" -- -n)
message(STATUS "the headless tree configures without any GUI package, and its build graph resolves")
