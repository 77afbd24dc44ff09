#!/usr/bin/env bash
# Regenerates dictionary-words.txt (compiled in) from SCOWL's largest English word lists, as
# Debian ships them (wamerican-insane, wbritish-insane), and their copyright notice verbatim
# (dictionary-words.COPYRIGHT); see dictionary-words.SOURCE.md. Reads the password lists beside
# it: a word listed as a password, or held out from the lists, is left out.
#
# Usage: regenerate-dictionary-words.sh [OUTPUT_DIR]
#   OUTPUT_DIR defaults to this script's folder. To verify the committed files:
#   regenerate-dictionary-words.sh /tmp/x && cmp /tmp/x/dictionary-words.txt dictionary-words.txt \
#     && cmp /tmp/x/dictionary-words.COPYRIGHT dictionary-words.COPYRIGHT
set -euo pipefail

AMERICAN_DEB=wamerican-insane_2020.12.07-2_all.deb
AMERICAN_SHA256=7ad9f4dde6a07c1dc33c7bdc2435940a889805b9d32286eb8afe6434109e4a0a
AMERICAN_MEMBER=./usr/share/dict/american-english-insane
BRITISH_DEB=wbritish-insane_2020.12.07-2_all.deb
BRITISH_SHA256=0e444a36d96be51004b9e86f02770af08c40bcad46ebae9136e8004a462f8fa2
BRITISH_MEMBER=./usr/share/dict/british-english-insane
# The same SCOWL notice in both packages.
COPYRIGHT_MEMBER=./usr/share/doc/wamerican-insane/copyright

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/scratch-dir.sh" "${1:-$here}"

for package in wamerican-insane=2020.12.07-2 wbritish-insane=2020.12.07-2; do
  apt-get download "$package" > /dev/null 2>&1 || apt-get download "$package"
done
sha256sum --check --quiet - <<SUMS
$AMERICAN_SHA256  $AMERICAN_DEB
$BRITISH_SHA256  $BRITISH_DEB
SUMS
dpkg-deb --fsys-tarfile "$AMERICAN_DEB" | tar x "$AMERICAN_MEMBER" "$COPYRIGHT_MEMBER"
mv "$AMERICAN_MEMBER" american.txt && mv "$COPYRIGHT_MEMBER" "$out/dictionary-words.COPYRIGHT"
dpkg-deb --fsys-tarfile "$BRITISH_DEB" | tar x "$BRITISH_MEMBER" && mv "$BRITISH_MEMBER" british.txt

python3 - "$here"/{common,breached,held-out}-passwords.txt "$out/dictionary-words.txt" <<'PY'
import sys, unicodedata
*listed, out = sys.argv[1:]

def normalise(entry):
    # As the crate's fold_case: NFKC, then lower case.
    return unicodedata.normalize("NFKC", entry).lower()

seen = {normalise(line) for path in listed for line in open(path, encoding="utf-8").read().split("\n") if line}
words = set()
for path in ["american.txt", "british.txt"]:
    for line in open(path, encoding="utf-8").read().split("\n"):
        word = normalise(line)
        # Plain ASCII letters only: possessives (`aaron's`) and accented forms are left out.
        if len(word) >= 4 and word.isascii() and word.isalpha() and word not in seen:
            words.add(word)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("".join(word + "\n" for word in sorted(words)))
print(f"{out}: {len(words)} words", file=sys.stderr)
PY
cd "$out" && sha256sum dictionary-words.txt dictionary-words.COPYRIGHT
