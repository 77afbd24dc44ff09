#!/usr/bin/env bash
# Runs a command beside a seeded DynamoDB Local on a free port, appending `--dynamodb <endpoint>`
# to its arguments, and stops DynamoDB Local when it ends (`make bench`, `make hot-functions`).
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DYNAMODB_LOCAL_PARENT_PID=$$ bash scripts/dynamodb-local.sh "$port" &
dynamodb_pid=$!
trap 'kill "$dynamodb_pid" 2>/dev/null || true; wait "$dynamodb_pid" 2>/dev/null || true' EXIT
python3 scripts/dynamodb-ready.py "http://127.0.0.1:$port"
python scripts/seed_accounts.py "http://127.0.0.1:$port"
"$@" --dynamodb "http://127.0.0.1:$port"
