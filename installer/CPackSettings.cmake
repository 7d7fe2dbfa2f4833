# CPack settings, included from the top-level CMakeLists.txt before
# installer/ (whose doc folders are named after the packages) and before
# include(CPack), which reads them from that scope. In a build folder:
#   cpack -G DEB   one Debian package per component (built and checked by the
#                  test package_deb)
#   cpack -G TGZ   everything in one tarball
# Only generators for Linux: the engine needs POSIX sockets and GCC's
# flags, so there is no Windows or macOS build to package.

set(CPACK_PACKAGE_NAME "shortfuse")
set(CPACK_PACKAGE_VENDOR "Shortfuse")
set(CPACK_PACKAGE_CONTACT "Shortfuse maintainers <shortfuse@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Short links that redirect exactly N times, then expire")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/data/")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_GENERATOR "DEB;TGZ")

# The components installer/CMakeLists.txt fills. A headless build has only
# the server, and so makes only its package.
set(CPACK_COMPONENTS_ALL server)
if(SHORTFUSE_DESKTOP)
    list(APPEND CPACK_COMPONENTS_ALL desktop)
endif()
set(CPACK_COMPONENT_DESKTOP_DEPENDS server)

# Debian: one package per component. Dependencies come from the binaries
# (dpkg-shlibdeps, which needs `file` and dpkg-dev) plus what a plugin or a
# data file needs that no ELF link shows.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPACK_COMPONENT_DESKTOP_DEPENDS as "shortfuse-server (= <version>)": the
# desktop app reads the analytics data the server package installs.
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

# shortfuse-server: nothing graphical, so it installs on a machine without
# a display (the test package_deb fails on any Qt GUI library here).
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "shortfuse-server")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "Shortfuse makes short links that redirect exactly N times (N = 1 for a one-time link) and then show an expired page forever, with click statistics that outlive the link. This package holds the headless server (shortfuse-server) with its web form and JSON API, its systemd units, an nginx sample for several servers on one PostgreSQL database, and the click-analytics data.")
# The SQLite driver is a Qt plugin and the user-agent rules a data file:
# no ELF link shows either.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, uap-core")
# libqt6sql6-psql: Qt's PostgreSQL driver, for --db postgresql:// (several servers).
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
# The unit is reloaded and restarted on upgrade, stopped on removal.
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/debian/postinst"
    "${PROJECT_SOURCE_DIR}/installer/debian/prerm"
    "${PROJECT_SOURCE_DIR}/installer/debian/postrm")

# shortfuse: the desktop app, which serves its links itself.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME "shortfuse")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION
    "Shortfuse makes short links that redirect exactly N times (N = 1 for a one-time link) and then show an expired page forever, with click statistics that outlive the link. This package holds the desktop app (shortfuse), which mints, copies and charts links and serves them itself from the tray.")
# Qt's own translations (dialog buttons) and the platform plugins the window
# needs on X11 and Wayland.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-qpa-plugins")
