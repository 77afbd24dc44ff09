#!/usr/bin/env bash
# Loads the demo breach corpus (scripts/demo-breached.txt, Pwned Passwords' HASH:COUNT format)
# into the table `breached-passwords` at DynamoDB endpoint $1, with the workspace's own import
# command, built as profile $2 (`release`, default, as `make test` builds; `dev` for `make dev`).
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
profile="${2:-release}"
# All binaries, as the end-to-end run and cargo lambda build them: nothing is built twice.
cargo build --profile "$profile" --quiet --bins
directory="$([[ "$profile" == dev ]] && echo debug || echo "$profile")"
checkpoint="$(mktemp -d)"
trap 'rm -rf "$checkpoint"' EXIT
AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
    "target/$directory/account-security-admin" --endpoint-url "$1" \
    import-breached scripts/demo-breached.txt --table breached-passwords --quiet \
    --checkpoint "$checkpoint/progress"
