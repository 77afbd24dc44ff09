# Sourced by the regenerate-*.sh scripts that write a folder, with its OUTPUT_DIR argument (or
# the data folder): makes it absolute before anything changes directory, creates it, then works
# in a scratch directory removed on exit.
out="$(realpath -m "$1")"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
