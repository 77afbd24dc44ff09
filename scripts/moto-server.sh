#!/usr/bin/env bash
# Run moto's server, a local AWS API (the tests use its Secrets Manager), in memory on
# 127.0.0.1:<port>, from .tools/venv (scripts/tools.sh installs it when missing).
#
# Usage: scripts/moto-server.sh <port>
#
# Environment:
#   MOTO_PARENT_PID  if set, the server stops as soon as that pid is gone (polled every 0.5 s)
#                    or when this script gets SIGTERM/SIGINT/SIGHUP, as scripts/dynamodb-local.sh
#                    does; without it, the script execs the server in the foreground.
set -euo pipefail

[[ $# -eq 1 && "$1" =~ ^[0-9]+$ ]] || { echo "usage: $0 <port>" >&2; exit 2; }
PORT="$1"
# shellcheck source=scripts/tools.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/tools.sh"
trap - EXIT # tools.sh's trap stops services this script does not start

CMD=(moto_server -H 127.0.0.1 -p "$PORT")
if [[ -z "${MOTO_PARENT_PID:-}" ]]; then
    exec "${CMD[@]}"
fi

"${CMD[@]}" </dev/null >/dev/null 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
while kill -0 "$MOTO_PARENT_PID" 2>/dev/null && kill -0 "$SERVER_PID" 2>/dev/null; do
    sleep 0.5 &
    wait "$!" || true
done
