#!/usr/bin/env bash
# `make dev`: the whole system locally. DynamoDB Local with the demo accounts, and both
# functions behind `cargo lambda watch` at their real paths (reloaded as you edit).
# Ctrl-C stops everything this started.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

http_port="${PORT:-9000}"
start_dynamodb_local "${DYNAMODB_PORT:-8000}"
endpoint="$DYNAMODB_LOCAL_ENDPOINT"
python scripts/seed_accounts.py "$endpoint"
echo "DynamoDB Local at $endpoint: table 'accounts' with the demo accounts of scripts/demo-accounts.json"

# Built as cargo lambda runs them (features unified across the workspace): the first request
# is then quick.
cargo build --quiet --bins

full="$(python3 scripts/dev_token.py user-fully-bound)"
bare="$(python3 scripts/dev_token.py user-bare)"
none="$(python3 scripts/dev_token.py user-no-password)"
cat <<EOT

Ready once cargo lambda prints its banner. Try (tokens signed with the local development key):

  curl -s localhost:$http_port/api/v3/get-security-info -H "authorization: Bearer $full"
  curl -s localhost:$http_port/api/v3/get-security-info -H "authorization: $bare" -H "x-authing-lang: en-US"
  curl -s "localhost:$http_port/api/v3/get-security-info?detail=true" -H "authorization: $none"
  curl -s localhost:$http_port/v3/0123456789abcdef0123456789abcdef/weak-password-verification \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "P@ssw0rd2024!"}'
  curl -s "localhost:$http_port/v3/0123456789abcdef0123456789abcdef/weak-password-verification?detail=true" \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "plum-Orbit-velvet-93-harbor"}'

Mint more with: python3 scripts/dev_token.py <userId>. Ctrl-C stops everything.

EOT
cargo lambda watch --invoke-port "$http_port" --env-file scripts/local.env \
    --env-var "AWS_ENDPOINT_URL_DYNAMODB=$endpoint"
