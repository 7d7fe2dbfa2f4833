# CPack settings, included from the top-level CMakeLists.txt right before
# include(CPack) (CPack reads them from that scope). In a build folder:
#   cpack -G DEB        Debian/Ubuntu package (built and checked by the tests)
#   cpack -G NSIS       Windows installer  (configured; needs a Windows build)
#   cpack -G WIX        Windows MSI        (configured; needs a Windows build)
#   cpack -G DragNDrop  macOS disk image   (configured; needs a macOS build)

set(CPACK_PACKAGE_NAME "shortfuse")
set(CPACK_PACKAGE_VENDOR "Shortfuse")
set(CPACK_PACKAGE_CONTACT "Shortfuse maintainers <shortfuse@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Short links that redirect exactly N times, then expire")
set(CPACK_PACKAGE_DESCRIPTION
    "Shortfuse makes short links that redirect exactly N times (N = 1 for a one-time link) and then show an expired page forever, with click statistics that outlive the link. The desktop app (shortfuse) mints, copies and charts links and serves them itself; the headless server (shortfuse-server) runs the same engine on machines without a display, as a systemd service.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Shortfuse")
set(CPACK_PACKAGE_EXECUTABLES "shortfuse" "Shortfuse")
set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/shortfuse-256.png")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/data/")
set(CPACK_PACKAGE_CHECKSUM SHA256)

# Debian: dependencies from the binaries (dpkg-shlibdeps) plus what a
# plugin or a data file needs that no ELF link shows.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, uap-core")
# libqt6sql6-psql: Qt's PostgreSQL driver, for --db postgresql:// (several servers).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-qpa-plugins, libqt6sql6-psql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/debian/postinst"
    "${PROJECT_SOURCE_DIR}/installer/debian/prerm"
    "${PROJECT_SOURCE_DIR}/installer/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Windows: NSIS and WiX (the Qt DLLs come from windeployqt in a Windows build).
set(CPACK_NSIS_DISPLAY_NAME "Shortfuse")
set(CPACK_NSIS_PACKAGE_NAME "Shortfuse")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\shortfuse.exe")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/shortfuse.ico")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Shortfuse.lnk' '$INSTDIR\\\\bin\\\\shortfuse.exe'")
set(CPACK_WIX_UPGRADE_GUID "6F1E3C9A-2B7D-4E58-9A41-0C5D8E7B3F12")
set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/resources/icons/shortfuse.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Shortfuse")

# macOS: a drag-and-drop disk image with Shortfuse.app.
set(CPACK_DMG_VOLUME_NAME "Shortfuse ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_BUNDLE_NAME "Shortfuse")

if(WIN32)
    set(CPACK_GENERATOR "NSIS;WIX")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
endif()
