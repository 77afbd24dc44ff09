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
echo "DynamoDB Local at $endpoint: table 'accounts' with the demo accounts of scripts/demo-accounts.json,"
echo "table 'project-policies' with the demo project policies of scripts/demo-policies.json,"
echo "table 'breached-passwords' with the demo breach corpus of scripts/demo-breached.txt"

# Built as cargo lambda runs them (features unified across the workspace): the first request
# is then quick.
cargo build --quiet --bins
bash scripts/import-demo-corpus.sh "$endpoint" dev

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

Project demo-policy-project has its own policy (minLength 12, bannedWords contoso and fabrikam):
  curl -s "localhost:$http_port/v3/demo-policy-project/weak-password-verification?detail=true" \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "c0nt0s0-ww-Zq8#"}'
  curl -s "localhost:$http_port/v3/demo-policy-project/weak-password-verification?detail=true" \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "Xk9#mQ2\$vL7"}'
  curl -s "localhost:$http_port/v3/demo-policy-project/weak-password-verification" \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "contoso hires purple kangaroos"}'
A password in the demo breach corpus (seen 3,829 times) is weak, however strong it looks:
  curl -s "localhost:$http_port/v3/0123456789abcdef0123456789abcdef/weak-password-verification?detail=true" \\
       -H "x-auth-token: $full" -H "content-type: application/json" -d '{"password": "correct horse battery staple"}'
Set a project's policy with:
  AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\
  cargo run -q -p account-security-admin -- --endpoint-url $endpoint set-policy \\
       --table project-policies --project my-project --min-length 14 --banned-word northwind

Mint more with: python3 scripts/dev_token.py <userId>. Ctrl-C stops everything.

EOT
cargo lambda watch --invoke-port "$http_port" --env-file scripts/local.env \
    --env-var "AWS_ENDPOINT_URL_DYNAMODB=$endpoint" --env-var "PROJECT_POLICIES_TABLE=project-policies" \
    --env-var "BREACHED_PASSWORDS_TABLE=breached-passwords"
