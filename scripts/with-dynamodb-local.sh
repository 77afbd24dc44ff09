#!/usr/bin/env bash
# Runs a command beside a seeded DynamoDB Local on a free port, appending `--dynamodb <endpoint>`
# to its arguments, and stops DynamoDB Local when it ends (`make bench`).
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

start_dynamodb_local
python scripts/seed_accounts.py "$DYNAMODB_LOCAL_ENDPOINT"
"$@" --dynamodb "$DYNAMODB_LOCAL_ENDPOINT"
