# Checks that #include lines follow the layers (docs/ARCHITECTURE.md):
#
#   ui/  ->  server/http  ->  server/links  ->  server/storage  ->  server/core
#                                              server/analytics ->  server/core
#
# An arrow means "may include". A layer may include those below it, never
# those above; nothing under server/ includes ui/ or a Qt Widgets, Gui or
# Charts header (the headless server must build without them); ui/ talks
# to the server's services, never to server/storage/.
#
# Run: cmake -DSOURCE_DIR=<repo> -DQT_INCLUDE_DIR=<qt6 include root> -P check_layers.cmake
# Fails (non-zero exit) listing every offending line.
cmake_minimum_required(VERSION 3.21)

if(NOT SOURCE_DIR OR NOT QT_INCLUDE_DIR)
    message(FATAL_ERROR "pass -DSOURCE_DIR=... -DQT_INCLUDE_DIR=...")
endif()

# The header names of Qt's desktop-only modules, read from the installed
# headers, so a new class (QPixmap, QChartView...) needs no list here.
set(gui_headers "")
foreach(module QtGui QtWidgets QtCharts QtPrintSupport QtSvg QtOpenGL QtOpenGLWidgets)
    if(IS_DIRECTORY "${QT_INCLUDE_DIR}/${module}")
        file(GLOB names RELATIVE "${QT_INCLUDE_DIR}/${module}" "${QT_INCLUDE_DIR}/${module}/*")
        list(APPEND gui_headers ${names})
        list(APPEND gui_headers ${module})
    endif()
endforeach()
if(NOT "QWidget" IN_LIST gui_headers AND NOT "QPixmap" IN_LIST gui_headers)
    # Without Qt's desktop headers (a headless machine) only the module-prefixed form can be checked.
    message(STATUS "Qt Gui/Widgets headers not installed: checking <QtGui/...>-style includes only")
endif()

# layer folder -> folders it must not include
set(forbidden_server_core "server/storage/;server/links/;server/http/;server/analytics/;server/webhooks/;ui/")
set(forbidden_server_analytics "server/storage/;server/links/;server/http/;server/webhooks/;ui/")
set(forbidden_server_storage "server/links/;server/http/;server/webhooks/;ui/")
# Webhook delivery: its own storage work and the transport, never the links layer or HTTP routing.
set(forbidden_server_webhooks "server/links/;server/http/;ui/")
# Port mapping: the core's vocabulary only (the composition root wires it).
set(forbidden_server_reachability "server/storage/;server/links/;server/http/;server/webhooks/;ui/")
set(forbidden_server_links "server/http/;ui/")
set(forbidden_server_http "ui/")
set(forbidden_server "ui/") # the composition root (serverconfig, shortfuseserver)
set(forbidden_ui "server/storage/")

set(problems "")
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/server/*.h" "${SOURCE_DIR}/server/*.cpp"
                                                  "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp")
foreach(source IN LISTS sources)
    # The most specific layer folder the file is in.
    string(REGEX MATCH "^(server/(core|analytics|storage|links|http|webhooks|reachability)/|server/|ui/)" layer "${source}")
    string(REGEX REPLACE "/$" "" layer "${layer}")
    string(REPLACE "/" "_" layer_var "${layer}")
    set(forbidden "${forbidden_${layer_var}}")

    file(STRINGS "${SOURCE_DIR}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" included "${line}")
        foreach(prefix IN LISTS forbidden)
            string(FIND "${included}" "${prefix}" at)
            if(at EQUAL 0)
                list(APPEND problems "${source}: ${layer}/ may not include ${included}")
            endif()
        endforeach()
        if(source MATCHES "^server/")
            string(REGEX MATCH "^(QtGui|QtWidgets|QtCharts|QtPrintSupport|QtSvg|QtOpenGL|QtOpenGLWidgets)(/|$)" gui_module "${included}")
            if(gui_module OR (NOT included MATCHES "/" AND included IN_LIST gui_headers))
                list(APPEND problems "${source}: the server may not include the desktop-only Qt header <${included}>")
            endif()
        endif()
    endforeach()
endforeach()

list(LENGTH sources checked)
if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Layer rule broken (see docs/ARCHITECTURE.md):\n  ${text}")
endif()
message(STATUS "${checked} files follow the layers")
