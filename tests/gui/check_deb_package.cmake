# Builds the Debian package from the build folder (as `cpack -G DEB` would)
# and checks what it holds: both executables, the desktop entry and icon,
# the AppStream metainfo, the systemd units (with the right binary path and
# their own user), the nginx sample, and dependencies a plain ELF scan does not find.
#
#   cmake -DBUILD_DIR=<build> -DOUT_DIR=<scratch> -P check_deb_package.cmake

foreach(var BUILD_DIR OUT_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "${var} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
execute_process(COMMAND cpack -G DEB -B "${OUT_DIR}"
                WORKING_DIRECTORY "${BUILD_DIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack -G DEB failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs "${OUT_DIR}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${OUT_DIR}, found ${count}: ${debs}")
endif()
message(STATUS "package: ${debs}")

execute_process(COMMAND dpkg-deb -c "${debs}" RESULT_VARIABLE rc OUTPUT_VARIABLE listing)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -c failed")
endif()
set(expected
    "./usr/bin/shortfuse"
    "./usr/bin/shortfuse-server"
    "./usr/share/applications/invalid.example.Shortfuse.desktop"
    "./usr/share/icons/hicolor/256x256/apps/shortfuse.png"
    "./usr/share/icons/hicolor/48x48/apps/shortfuse.png"
    "./usr/share/icons/hicolor/scalable/apps/shortfuse.svg"
    "./usr/share/metainfo/invalid.example.Shortfuse.metainfo.xml"
    "./usr/lib/systemd/system/shortfuse-server.service"
    "./usr/lib/systemd/system/shortfuse-server@.service"
    "./usr/share/doc/shortfuse/examples/nginx/shortfuse.conf")
set(missing "")
foreach(path IN LISTS expected)
    string(FIND "${listing}" " ${path}\n" at)
    if(at EQUAL -1)
        list(APPEND missing "${path}")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "the package lacks:\n  ${missing}\nIt holds:\n${listing}")
endif()
# The executables are executable.
foreach(binary shortfuse shortfuse-server)
    if(NOT listing MATCHES "-rwxr-xr-x [^\n]* \\./usr/bin/${binary}\n")
        message(FATAL_ERROR "./usr/bin/${binary} is not mode 755:\n${listing}")
    endif()
endforeach()

execute_process(COMMAND dpkg-deb -f "${debs}" Package Depends RESULT_VARIABLE rc OUTPUT_VARIABLE fields)
foreach(needed "Package: shortfuse" "libqt6widgets6" "libqt6charts6" "libqt6sql6-sqlite" "uap-core")
    string(FIND "${fields}" "${needed}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "control fields lack '${needed}':\n${fields}")
    endif()
endforeach()

# The unit as installed: the packaged binary, its own user, its state directory.
set(extract "${OUT_DIR}/extracted")
execute_process(COMMAND dpkg-deb -x "${debs}" "${extract}" RESULT_VARIABLE rc)
file(READ "${extract}/usr/lib/systemd/system/shortfuse-server.service" unit)
foreach(line "ExecStart=/usr/bin/shortfuse-server --data-dir /var/lib/shortfuse" "DynamicUser=yes" "User=shortfuse"
             "StateDirectory=shortfuse")
    string(FIND "${unit}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the unit lacks '${line}':\n${unit}")
    endif()
endforeach()
# The template unit of several instances: the instance name is the port,
# PostgreSQL and the proxy's address come with it.
file(READ "${extract}/usr/lib/systemd/system/shortfuse-server@.service" template)
foreach(line "ExecStart=/usr/bin/shortfuse-server --bind 127.0.0.1 --port %i" "--trusted-proxy 127.0.0.1"
             "--db \${SHORTFUSE_DB}" "EnvironmentFile=/etc/shortfuse/server.env" "DynamicUser=yes"
             "StateDirectory=shortfuse-%i")
    string(FIND "${template}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the template unit lacks '${line}':\n${template}")
    endif()
endforeach()
file(READ "${extract}/usr/share/applications/invalid.example.Shortfuse.desktop" desktop)
foreach(line "Exec=shortfuse" "Icon=shortfuse" "Type=Application")
    string(FIND "${desktop}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the desktop entry lacks '${line}':\n${desktop}")
    endif()
endforeach()
message(STATUS "package contents and unit are as expected")
