#!/usr/bin/env bash
# `make import-scale`: the import's DynamoDB Local tests at 2 million hashes (IMPORT_TEST_HASHES
# sets another size), through the release build of the import command, timed; writes the
# measured rates and what they project for a billion hashes into README.md.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh

# As the end-to-end run builds them: nothing is built twice.
cargo build --release --quiet --bins
# An import keeps DynamoDB Local busy for minutes: its full JIT pays off (the tests' default,
# C1 only, starts faster).
export DYNAMODB_LOCAL_JAVA_OPTS="-XX:+UseParallelGC"
start_dynamodb_local
figures="target/import-figures.jsonl"
rm -f "$figures"
IMPORT_TEST_HASHES="${IMPORT_TEST_HASHES:-2000000}" \
    IMPORT_TEST_ADMIN="$PWD/target/release/account-security-admin" IMPORT_FIGURES="$PWD/$figures" \
    cargo test --locked -p account-security-admin --test import -- --test-threads=1
python3 scripts/import_figures.py "$figures"
