#!/usr/bin/env python3
"""Writes the figures of `make import-scale` (JSON lines of the timed imports) into README.md:
the rate of each path and what it projects for a billion hashes."""
import json
import os
import pathlib
import sys

from figures_block import rewrite_block

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = ROOT / "README.md"
BEGIN, END = "<!-- import figures: written by make import-scale -->", "<!-- end of import figures -->"
BILLION = 1_000_000_000
# One item per 24-bit prefix once the corpus is large enough to fill them all.
ITEMS_AT_A_BILLION = 2**24


def duration(seconds):
    return f"{seconds / 60:.0f} minutes" if seconds < 2 * 3600 else f"{seconds / 3600:.1f} hours"


def render(table, s3):
    items_per_second = table["items_written"] / table["seconds"]
    hashes_per_second = s3["hashes"] / s3["seconds"]
    return f"""
Measured by `make import-scale` ({os.cpu_count()} cores, release build, DynamoDB Local in memory):

| path | run | rate | a billion hashes at that rate |
|---|---|---|---|
| `BatchWriteItem` into DynamoDB Local | {table['hashes']:,} hashes; killed with {table['items_before_kill']:,} items checkpointed, the rerun wrote {table['items_written']:,} in {table['seconds']:.0f} s | {items_per_second:,.0f} items/s | {ITEMS_AT_A_BILLION:,} items: {duration(ITEMS_AT_A_BILLION / items_per_second)} |
| S3 import files | {s3['hashes']:,} hashes, {s3['items_written']:,} items, {s3['gzipped_bytes'] / 1e6:.0f} MB gzipped, in {s3['seconds']:.0f} s | {hashes_per_second:,.0f} hashes/s | {duration(BILLION / hashes_per_second)} to write the files |

Both runs then check the table (or the files) whole: every hash with its count, one item per
prefix, and 100,000 absent hashes never found.
"""


def main():
    runs = {run["path"]: run for run in map(json.loads, pathlib.Path(sys.argv[1]).read_text().splitlines())}
    missing = {"table", "s3"} - runs.keys()
    if missing:
        sys.exit(f"{sys.argv[1]} has no figures of {', '.join(sorted(missing))}: did the import tests run?")
    rewrite_block(PAGE, BEGIN, END, render(runs["table"], runs["s3"]))
    print(f"wrote the import figures of {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
