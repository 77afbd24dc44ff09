#!/usr/bin/env python3
"""Lists the functions get-security-info runs, for its build to link them next to each other.

A process maps its executable's code as it first runs it, and the kernel maps 64 KB around each
page it touches, so how much code stays resident depends on how widely the code that runs is
spread through the binary. functions/get-security-info/build.rs gathers the functions listed in
functions/get-security-info/hot-functions.txt at the start of the code.

This writes that list: it runs an unstripped release build under valgrind's callgrind, through
lambda_rapid, with every get-security-info event fixture against DynamoDB Local, and keeps the
functions of the binary that ran, with the hashes the compiler appends to their names replaced by
wildcards so that the list matches later builds. Rerun it (`make hot-functions`; needs valgrind)
when what the function runs at init or per request changes.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from bench import RAPID, ROOT, local_env
from e2e import answers_as_expected

FUNCTION = "get-security-info"
LIST = ROOT / "functions" / FUNCTION / "hot-functions.txt"
TARGET = ROOT / "target" / "symbols"
HEADER = """\
# Functions get-security-info runs at init and per request, as linker section patterns ('*'
# stands for the hashes the compiler appends). build.rs links them together at the start of the
# code, so that less of it stays resident (docs/PERFORMANCE.md). Written by `make hot-functions`.
"""
# Callgrind marks recursive activations with a 'N suffix.
RECURSION_MARK = re.compile(r"'\d+$")
LEGACY_HASH = re.compile(r"17h[0-9a-f]{16}E.*$")
V0_CRATE_HASH = re.compile(r"Cs[0-9A-Za-z]+_")
SECTION_NAME = re.compile(r"[A-Za-z0-9_$.]+")


def build():
    """An unstripped release build: the same code, with the symbols callgrind names it by."""
    env = {**os.environ, "CARGO_TARGET_DIR": str(TARGET), "CARGO_PROFILE_RELEASE_STRIP": "none"}
    subprocess.run(["cargo", "build", "--quiet", "--release", "--bin", FUNCTION], cwd=ROOT, env=env, check=True)
    return TARGET / "release" / FUNCTION


def profile(binary, dynamodb, work):
    """Runs the binary under callgrind through every fixture; returns callgrind's output file."""
    output, pid_file, bootstrap = work / "callgrind.out", work / "valgrind.pid", work / "bootstrap"
    # lambda_rapid SIGKILLs the process it starts, and callgrind writes nothing when killed so:
    # the bootstrap starts valgrind apart (off lambda_rapid's pipe), and it is stopped below.
    bootstrap.write_text(
        "#!/bin/sh\n"
        f"valgrind --tool=callgrind --demangle=no --callgrind-out-file='{output}' '{binary}' >/dev/null 2>&1 &\n"
        f"echo $! > '{pid_file}'\n"
        "wait\n"
    )
    bootstrap.chmod(0o755)
    events = sorted((ROOT / "events" / FUNCTION).glob("v*.json"))
    command = [sys.executable, str(RAPID), "--bin", str(bootstrap), "--timeout", "120"]
    for event in events:
        command += ["--event", str(event)]
    for key, value in {**local_env(), "AWS_ENDPOINT_URL_DYNAMODB": dynamodb}.items():
        command += ["--env", f"{key}={value}"]
    try:
        report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    finally:
        if pid_file.exists():
            stop(int(pid_file.read_text()))
    if not report["ok"] or len(report["responses"]) != len(events):
        sys.exit(f"{FUNCTION} failed under callgrind: {report.get('init_error')} {report.get('log_tail')}")
    check_answers(events, report["responses"])
    return output


def check_answers(events, responses):
    """A profile is only worth keeping if each fixture took its real path (e.g. a seeded table)."""
    expected = json.loads((ROOT / "events" / FUNCTION / "expected-responses.json").read_text())
    wrong = [
        event.stem
        for event, response in zip(events, responses)
        if not answers_as_expected(json.loads(response["body"]), expected[event.stem])
    ]
    if wrong:
        sys.exit(f"unexpected answers under callgrind, profile not written: {', '.join(wrong)}")


def stop(pid):
    """SIGTERM, which callgrind answers by writing its output; waits until the process is gone."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    sys.exit(f"valgrind (pid {pid}) did not write its output within 2 minutes")


def functions_run(callgrind_output, binary):
    """Names of the binary's own functions that callgrind saw run (not libc's, not valgrind's)."""
    nm = subprocess.run(["nm", "--defined-only", str(binary)], check=True, capture_output=True, text=True)
    symbols = {fields[2] for fields in (line.split() for line in nm.stdout.splitlines()) if len(fields) == 3}
    names = set()
    with open(callgrind_output, errors="replace") as lines:
        for line in lines:
            match = re.match(r"c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
            if match:
                names.add(RECURSION_MARK.sub("", match.group(1)))
    return names & symbols


def pattern(name):
    """A section pattern for the function, matching it whatever hashes a later build gives it."""
    if name.startswith("_ZN"):
        return LEGACY_HASH.sub("17h*", name)
    if name.startswith("_R"):
        return V0_CRATE_HASH.sub("Cs*_", name) + "*"
    return name


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dynamodb", required=True)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("make hot-functions needs valgrind (apt-get install valgrind)")
    binary = build()
    with tempfile.TemporaryDirectory() as work:
        names = functions_run(profile(binary, args.dynamodb, pathlib.Path(work)), binary)
    patterns = sorted({pattern(name) for name in names if SECTION_NAME.fullmatch(name)})
    LIST.write_text(HEADER + "".join(f"{line}\n" for line in patterns))
    print(f"{LIST.relative_to(ROOT)}: {len(patterns)} patterns for {len(names)} functions")


if __name__ == "__main__":
    main()
