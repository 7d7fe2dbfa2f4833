# Shared by the bench scripts that start shortfuse-server builds of
# different ages side by side (run-abba-bench, count-instructions).
# Source it; it defines functions only.

# The flags that lift the creation limits of BINARY, one per line: builds
# from before owner access (issue 12) have no per-key limit.
unlimited_creation_flags() { # binary
    printf '%s\n' --rate-limit 0
    if "$1" --help 2>/dev/null | grep -q -- --key-rate-limit; then printf '%s\n' --key-rate-limit 0; fi
}

# Stops the server PID and exits when its standard error (ERRFILE) says it
# runs without click analytics: a build that cannot find its analytics data
# does less per click (no user-agent parsing, no country), and comparing it
# would flatter it. Kills the server itself: callers run in subshells,
# which their script's EXIT trap does not cover.
refuse_without_analytics() { # binary errfile pid
    if grep -q "click analytics disabled" "$2"; then
        echo "$1 runs without click analytics: $(grep -m1 "click analytics disabled" "$2")" >&2
        kill "$3" 2>/dev/null
        wait "$3" 2>/dev/null # before the caller's cleanup deletes its data directory
        exit 1
    fi
}
