#!/usr/bin/env bash
# `make bench`: scoring benchmarks (criterion), cold start and warm latency of both release
# binaries beside their floors (../shared/tools/lambda_rapid.py), sizes; writes docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DYNAMODB_LOCAL_PARENT_PID=$$ bash scripts/dynamodb-local.sh "$port" &
dynamodb_pid=$!
trap 'kill "$dynamodb_pid" 2>/dev/null || true; wait "$dynamodb_pid" 2>/dev/null || true' EXIT
python3 scripts/dynamodb-ready.py "http://127.0.0.1:$port"
python scripts/seed_accounts.py "http://127.0.0.1:$port"
python scripts/bench.py --dynamodb "http://127.0.0.1:$port" "$@"
