# Shared by the test scripts run with `cmake -P` (tests/headless,
# tests/package): included, never run on its own.

# require_variables(name...): each must be given with -D, or the test fails.
function(require_variables)
    foreach(var IN LISTS ARGN)
        if(NOT DEFINED ${var})
            message(FATAL_ERROR "${var} is not set")
        endif()
    endforeach()
endfunction()

# run(<output variable> command...): the command's standard output; any
# failure ends the test with what it printed.
function(run out)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
    if(NOT rc EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "`${command}` failed (${rc}):\n${stdout}\n${stderr}")
    endif()
    set(${out} "${stdout}" PARENT_SCOPE)
endfunction()
