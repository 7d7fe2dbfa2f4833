# Builds the Debian packages from a build folder (as `cpack -G DEB` would)
# and checks each one: its control fields, its files, that the server
# package pulls in no GUI library, and that the packages unpack side by side
# into an empty root.
#
#   cmake -DBUILD_DIR=<build> -DOUT_DIR=<scratch> -DSOURCE_DIR=<source>
#         -DVERSION=<version> -DAPP_ID=<app id> -DDESKTOP=ON|OFF -P check_deb_package.cmake
#
# DESKTOP=OFF (a headless build): only shortfuse-server is made, and checked.

include(${CMAKE_CURRENT_LIST_DIR}/../support/scriptcheck.cmake)
require_variables(BUILD_DIR OUT_DIR SOURCE_DIR VERSION APP_ID DESKTOP)

# expect_contains(WHAT TEXT needle...) / expect_lacks(WHAT TEXT regex...)
function(expect_contains what text)
    foreach(needle IN LISTS ARGN)
        string(FIND "${text}" "${needle}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "${what} lacks '${needle}':\n${text}")
        endif()
    endforeach()
endfunction()
function(expect_lacks what text)
    foreach(regex IN LISTS ARGN)
        if(text MATCHES "${regex}")
            message(FATAL_ERROR "${what} has '${CMAKE_MATCH_0}' (matching '${regex}'):\n${text}")
        endif()
    endforeach()
endfunction()

# The file list of a package as ` ./path\n` lines (dpkg-deb -c prints
# mode, owner, size and date before each path).
function(package_listing deb out)
    run(listing dpkg-deb -c "${deb}")
    set(${out} "${listing}" PARENT_SCOPE)
endfunction()
function(expect_files deb listing)
    foreach(path IN LISTS ARGN)
        expect_contains("${deb}" "${listing}" " ./${path}\n")
    endforeach()
endfunction()
function(expect_executable deb listing path)
    if(NOT listing MATCHES "-rwxr-xr-x [^\n]* \\./${path}\n")
        message(FATAL_ERROR "${deb}: ./${path} is not mode 755:\n${listing}")
    endif()
endfunction()

# The Qt libraries only a window needs: the server package must not pull
# in any of them, by its control fields or by its binary.
set(gui_packages "libqt6(widgets|gui|charts|opengl|openglwidgets|svg)[0-9a-z-]*" "qt6-qpa-plugins")
set(gui_libraries "libQt6(Widgets|Gui|Charts|OpenGL|OpenGLWidgets|Svg)[.]so")

# --- build them ---------------------------------------------------------------
file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
run(out cpack -G DEB -B "${OUT_DIR}" --config "${BUILD_DIR}/CPackConfig.cmake")
run(arch dpkg --print-architecture)
string(STRIP "${arch}" arch)
set(server_deb "${OUT_DIR}/shortfuse-server_${VERSION}_${arch}.deb")
set(desktop_deb "${OUT_DIR}/shortfuse_${VERSION}_${arch}.deb")
set(expected_debs "${server_deb}")
if(DESKTOP)
    list(APPEND expected_debs "${desktop_deb}")
endif()
file(GLOB debs "${OUT_DIR}/*.deb")
list(SORT debs)
list(SORT expected_debs)
if(NOT debs STREQUAL expected_debs)
    message(FATAL_ERROR "cpack made\n  ${debs}\ninstead of\n  ${expected_debs}\n${out}")
endif()
message(STATUS "packages: ${debs}")

# --- shortfuse-server ---------------------------------------------------------
run(fields dpkg-deb -f "${server_deb}" Package Version Architecture Depends Recommends)
expect_contains("shortfuse-server's control fields" "${fields}"
    "Package: shortfuse-server\n" "Version: ${VERSION}\n" "Architecture: ${arch}\n"
    # From dpkg-shlibdeps: what the binary links.
    "libqt6core6" "libqt6network6" "libqt6httpserver6" "libqt6sql6" "libsodium" "libmaxminddb" "libyaml-cpp"
    "libminiupnpc" "libnatpmp"
    # Added by hand: a Qt plugin and a data file no ELF link shows.
    "libqt6sql6-sqlite" "uap-core")
expect_lacks("shortfuse-server's control fields" "${fields}" ${gui_packages})

package_listing("${server_deb}" listing)
expect_files("${server_deb}" "${listing}"
    "usr/bin/shortfuse-server"
    "usr/lib/systemd/system/shortfuse-server.service"
    "usr/lib/systemd/system/shortfuse-server@.service"
    "usr/share/doc/shortfuse-server/examples/nginx/shortfuse.conf"
    "usr/share/doc/shortfuse-server/copyright")
expect_executable("${server_deb}" "${listing}" "usr/bin/shortfuse-server")
# The analytics data, where scripts/install-deps fetched it (it is optional).
foreach(data "crawlers/crawler-user-agents.json" "geoip/country.mmdb")
    if(EXISTS "${SOURCE_DIR}/data/${data}")
        expect_files("${server_deb}" "${listing}" "usr/share/shortfuse/${data}")
    endif()
endforeach()
expect_lacks("${server_deb}" "${listing}"
    " ./usr/bin/shortfuse\n" " ./usr/share/applications/" " ./usr/share/icons/" " ./usr/share/metainfo/")

# The maintainer scripts that reload, restart and stop the units.
set(control "${OUT_DIR}/shortfuse-server.control")
run(out dpkg-deb -e "${server_deb}" "${control}")
foreach(script postinst prerm postrm)
    file(READ "${SOURCE_DIR}/installer/debian/${script}" want)
    file(READ "${control}/${script}" got)
    if(NOT got STREQUAL want)
        message(FATAL_ERROR "the package's ${script} is not installer/debian/${script}")
    endif()
    run(out find "${control}/${script}" -perm 0755)
    expect_contains("the mode of ${script}" "${out}" "${script}")
endforeach()

# --- shortfuse (the desktop app) ----------------------------------------------
if(DESKTOP)
    run(fields dpkg-deb -f "${desktop_deb}" Package Version Architecture Depends)
    expect_contains("shortfuse's control fields" "${fields}"
        "Package: shortfuse\n" "Version: ${VERSION}\n" "Architecture: ${arch}\n"
        "shortfuse-server (= ${VERSION})" "libqt6widgets6" "libqt6charts6")

    package_listing("${desktop_deb}" listing)
    expect_files("${desktop_deb}" "${listing}"
        "usr/bin/shortfuse"
        "usr/share/applications/${APP_ID}.desktop"
        "usr/share/metainfo/${APP_ID}.metainfo.xml"
        "usr/share/icons/hicolor/48x48/apps/shortfuse.png"
        "usr/share/icons/hicolor/256x256/apps/shortfuse.png"
        "usr/share/icons/hicolor/scalable/apps/shortfuse.svg"
        "usr/share/doc/shortfuse/copyright")
    expect_executable("${desktop_deb}" "${listing}" "usr/bin/shortfuse")
    # What the server package brings: in both, dpkg would refuse the second.
    expect_lacks("${desktop_deb}" "${listing}"
        " ./usr/bin/shortfuse-server\n" " ./usr/lib/systemd/" " ./usr/share/shortfuse/")
endif()

# --- both, unpacked into an empty root -----------------------------------------
# dpkg itself, with a database of its own: it refuses a file two packages
# ship. --unpack runs no maintainer script (there is no preinst), so
# nothing touches this machine's systemd; dependencies are not installed.
set(root "${OUT_DIR}/root")
file(MAKE_DIRECTORY "${root}/var/lib/dpkg/info" "${root}/var/lib/dpkg/updates")
file(TOUCH "${root}/var/lib/dpkg/status")
run(out dpkg --root=${root} --force-depends --force-not-root --unpack ${debs})

file(READ "${root}/usr/lib/systemd/system/shortfuse-server.service" unit)
expect_contains("the unit" "${unit}"
    "ExecStart=/usr/bin/shortfuse-server --data-dir /var/lib/shortfuse"
    "DynamicUser=yes" "User=shortfuse" "StateDirectory=shortfuse")
expect_lacks("the unit" "${unit}" "@[A-Z_]+@")
# The template unit of several instances: the instance name is the port,
# PostgreSQL and the proxy's address come with it.
file(READ "${root}/usr/lib/systemd/system/shortfuse-server@.service" template)
expect_contains("the template unit" "${template}"
    "ExecStart=/usr/bin/shortfuse-server --bind 127.0.0.1 --port %i" "--trusted-proxy 127.0.0.1"
    "--db \${SHORTFUSE_DB}" "EnvironmentFile=/etc/shortfuse/server.env" "DynamicUser=yes"
    "StateDirectory=shortfuse-%i")
expect_lacks("the template unit" "${template}" "@[A-Z_]+@")

# The packaged server itself: no GUI library among what it loads.
run(libraries ldd "${root}/usr/bin/shortfuse-server")
expect_contains("ldd shortfuse-server" "${libraries}" "libQt6HttpServer.so")
expect_lacks("ldd shortfuse-server" "${libraries}" "${gui_libraries}")
run(out "${root}/usr/bin/shortfuse-server" --version)
expect_contains("shortfuse-server --version" "${out}" "${VERSION}")

if(DESKTOP)
    file(READ "${root}/usr/share/applications/${APP_ID}.desktop" desktop)
    expect_contains("the desktop entry" "${desktop}" "Exec=shortfuse\n" "Icon=shortfuse\n" "Type=Application\n")
    file(READ "${root}/usr/share/metainfo/${APP_ID}.metainfo.xml" metainfo)
    expect_contains("the metainfo" "${metainfo}"
        "<id>${APP_ID}</id>" "<launchable type=\"desktop-id\">${APP_ID}.desktop</launchable>"
        "<release version=\"${VERSION}\"")
endif()
message(STATUS "the packages' fields, files and units are as expected")
