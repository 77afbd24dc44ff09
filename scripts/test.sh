#!/usr/bin/env bash
# `make test`: every check, cheapest first. Installs what is missing (scripts/tools.sh), shares
# one DynamoDB Local and one moto server across the whole run, and leaves no process behind.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

step() { printf '\n==> %s\n' "$*"; }

step "formatting"
cargo fmt --all --check

step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "DynamoDB Local and moto's Secrets Manager (one instance each for the run)"
start_dynamodb_local
start_moto_server

step "unit, property, fixture and DynamoDB Local tests"
cargo test --workspace --locked

step "template checks"
cfn-lint template.yaml
sam validate --lint --template template.yaml --region us-east-1

step "end to end: release binaries behind cargo lambda's emulator, official SDKs"
python scripts/seed_accounts.py "$DYNAMODB_LOCAL_ENDPOINT"
bash scripts/import-demo-corpus.sh "$DYNAMODB_LOCAL_ENDPOINT"
python scripts/e2e.py --dynamodb "$DYNAMODB_LOCAL_ENDPOINT"

step "all checks passed"
