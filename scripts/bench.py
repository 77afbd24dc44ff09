#!/usr/bin/env python3
"""Measures both functions as Lambda bills them, beside their floors, and writes docs/PERFORMANCE.md.

Every ratio compares figures measured side by side in this one run, so it holds on a noisy
machine. Run through `make bench` (which starts DynamoDB Local and seeds it).
"""
import argparse
import json
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
RAPID = ROOT.parent / "shared/tools/lambda_rapid.py"
CRITERION = ROOT / "target/criterion"
CORPORA = ROOT / "shared/scoring/benches"
ROUNDS = 31
# lambda_rapid reads a function's stdout only when it stops, and ours log one line (~450 bytes)
# per request: more than ~130 invocations would fill the pipe and stall the function.
WARM = 100
# Figures kept per round, for the ratios of the targets.
ROUND_KEYS = ["first_ms", "first_invoke_ms", "warm_p50_ms", "peak_rss_kb"]
# The bootstrap that runs no function code (bench/runtime-api-only).
CONTROL = "runtime-api-only"


def run(*command, **kwargs):
    return subprocess.run(command, cwd=ROOT, check=True, **kwargs)


def criterion_ns(group, function, index):
    path = CRITERION / group / f"{function}_{index:02d}" / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def scoring_figures():
    run("cargo", "bench", "--quiet", "-p", "scoring", "--bench", "assessment")
    # The worst case beside the typical case, timed side by side (benches/worst_case.rs).
    side_by_side = run("cargo", "bench", "--quiet", "-p", "scoring", "--bench", "worst_case", capture_output=True, text=True)
    figures = {"worst_case": json.loads(side_by_side.stdout)}
    for group in ["typical", "adversarial"]:
        count = len([line for line in (CORPORA / f"{group}-passwords.txt").read_text().splitlines() if line])
        figures[group] = {
            function: [criterion_ns(group, function, index) for index in range(count)]
            for function in ["assess", "is_weak", "zxcvbn"]
        }
    return figures


def local_env():
    lines = (ROOT / "scripts/local.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def build_all():
    # Built as `sam build` (cargo lambda build --bin) builds them: one workspace, one profile.
    run("cargo", "build", "--quiet", "--release", "--bins")


def rapid(binary, event, env):
    command = [sys.executable, str(RAPID), "--bin", str(binary), "--event", str(event), "--warm", str(WARM)]
    for key, value in env.items():
        command += ["--env", f"{key}={value}"]
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if not report["ok"]:
        sys.exit(f"{binary.name} failed under lambda_rapid: {report.get('init_error')} {report.get('log_tail')}")
    return report


def zipped_size(binary):
    target = ROOT / "target" / f"{binary.name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.write(binary, "bootstrap")
    return target.stat().st_size


def dictionary_markers():
    """Byte strings only a binary with zxcvbn's dictionaries holds: the head of upstream zxcvbn's
    embedded password list, and a slice of zxcvbn-bounded's compiled FST of every word."""
    markers = [b"123456,password,12345678,qwerty"]
    for fst in (ROOT / "target/release/build").glob("zxcvbn-bounded-*/out/ranked_words.fst"):
        data = fst.read_bytes()
        markers.append(data[len(data) // 2:len(data) // 2 + 64])
    return markers


def hot_code_mb(binary):
    """Size of the code the build links first (`.text.hot`: get-security-info's build.rs), or None."""
    sections = subprocess.run(["readelf", "-SW", str(binary)], check=True, capture_output=True, text=True).stdout
    # Name, type, address, offset, size.
    found = re.search(r" \.text\.hot +\S+ +[0-9a-f]+ +[0-9a-f]+ +([0-9a-f]+) ", sections)
    return int(found.group(1), 16) / 2**20 if found else None


def contains_any(binary, markers):
    data = binary.read_bytes()
    return any(marker in data for marker in markers)


def lambda_figures(dynamodb):
    env = {**local_env(), "AWS_ENDPOINT_URL_DYNAMODB": dynamodb, "AWS_LAMBDA_LOG_LEVEL": "warn"}
    events = ROOT / "events"
    subjects = {
        "weak-password-verification": (events / "weak-password-verification/v2-strong-password.json", env),
        "floor-zxcvbn": (events / "weak-password-verification/v2-strong-password.json", {}),
        "get-security-info": (events / "get-security-info/v2-bare-account.json", env),
        "floor-getitem": (events / "get-security-info/v2-bare-account.json", env),
    }
    build_all()
    binaries = {name: ROOT / "target/release" / name for name in subjects}
    # The control, timed in the same rounds: no function code, only the Runtime API round trip.
    timed = {**subjects, CONTROL: (events / "weak-password-verification/v2-strong-password.json", {})}
    binaries[CONTROL] = ROOT / "target/release" / CONTROL
    runs = {name: [] for name in timed}
    # One round unmeasured: DynamoDB Local is a JVM that compiles its hot paths during its first
    # requests, which would otherwise weigh on the first round's DynamoDB-backed subjects.
    for name, (event, subject_env) in timed.items():
        rapid(binaries[name], event, subject_env)
    # Interleaved, so a noisy moment hits every subject alike; every other round in reverse
    # order, so that no subject always follows the same one.
    for round_index in range(ROUNDS):
        order = list(timed) if round_index % 2 == 0 else list(reversed(timed))
        for name in order:
            event, subject_env = timed[name]
            runs[name].append(rapid(binaries[name], event, subject_env))
    figures = {CONTROL: {"rounds": [{key: report[key] for key in ROUND_KEYS} for report in runs.pop(CONTROL)]}}
    for name, reports in runs.items():
        median = lambda key: statistics.median(report[key] for report in reports)  # noqa: E731
        figures[name] = {
            "rounds": [{key: report[key] for key in ROUND_KEYS} for report in reports],
            "init_ms": median("init_ms"),
            "first_ms": median("first_ms"),
            "first_invoke_ms": median("first_invoke_ms"),
            "warm_p50_ms": median("warm_p50_ms"),
            "warm_p99_ms": median("warm_p99_ms"),
            "peak_rss_mb": median("peak_rss_kb") / 1024,
            "binary_mb": binaries[name].stat().st_size / 2**20,
            "zip_mb": zipped_size(binaries[name]) / 2**20,
            "hot_code_mb": hot_code_mb(binaries[name]),
            "first_response": reports[0]["responses"][0]["body"][:160],
        }
    markers = dictionary_markers()
    for name in subjects:
        figures[name]["zxcvbn_dictionaries"] = contains_any(binaries[name], markers)
    return figures


def hot_code(figures):
    return "—" if figures["hot_code_mb"] is None else f"{figures['hot_code_mb']:.2f}"


def paired_ratio(subject, reference, key, reference_key=None):
    """The median over rounds of `subject[key] / reference[reference_key]` within each round:
    a round's two figures were measured moments apart, so drift of the machine (or of DynamoDB
    Local's JVM) between rounds cancels out."""
    pairs = zip(subject["rounds"], reference["rounds"])
    return statistics.median(mine[key] / theirs[reference_key or key] for mine, theirs in pairs)


def net_of_harness(subject, control):
    """The function's own first invocation over its own warm one, as text: in each round the
    control's first invoke and warm p50 (measured moments apart, with no function code) are
    taken off the subject's, and the ratio of what is left is taken; then its median and
    quartiles over the rounds where the subject's warm p50 was above the control's."""
    ratios = [
        (mine["first_invoke_ms"] - harness["first_invoke_ms"]) / (mine["warm_p50_ms"] - harness["warm_p50_ms"])
        for mine, harness in zip(subject["rounds"], control["rounds"])
        if mine["warm_p50_ms"] > harness["warm_p50_ms"]
    ]
    if len(ratios) < 2:
        return f"not measurable ({len(ratios)} of {len(subject['rounds'])} rounds)"
    quartiles = statistics.quantiles(ratios, n=4)
    spread = ", ".join(f"{q:.1f}×" for q in quartiles)
    return f"{quartiles[1]:.2f}× (quartiles {spread} over {len(ratios)} of {len(subject['rounds'])} rounds)"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def render(scoring, lam):
    typical, adversarial = scoring["typical"], scoring["adversarial"]
    assess_total, zxcvbn_total = sum(typical["assess"]), sum(typical["zxcvbn"])
    verdict_total = sum(typical["is_weak"])
    overhead = assess_total / zxcvbn_total
    median_typical = statistics.median(typical["assess"])
    bare_worst_ratio = max(adversarial["zxcvbn"]) / statistics.median(typical["zxcvbn"])
    passwords = [line for line in (CORPORA / "adversarial-passwords.txt").read_text().splitlines() if line]
    worst_case = scoring["worst_case"]
    worst, worst_verdict = worst_case["assess"], worst_case["is_weak"]
    worst_ratio, worst_verdict_ratio = worst["ratio_quartiles"][1], worst_verdict["ratio_quartiles"][1]
    worst_password, worst_verdict_password = passwords[worst["slowest_index"]], passwords[worst_verdict["slowest_index"]]
    spread = lambda quartiles: "×, ".join(f"{q:.1f}" for q in quartiles) + "×"  # noqa: E731
    w, fz, g, fg = (lam[name] for name in ["weak-password-verification", "floor-zxcvbn", "get-security-info", "floor-getitem"])
    first_invoke = paired_ratio(w, w, "first_invoke_ms", "warm_p50_ms")
    floor_first_invoke = paired_ratio(fz, fz, "first_invoke_ms", "warm_p50_ms")
    control_first_invoke = paired_ratio(lam[CONTROL], lam[CONTROL], "first_invoke_ms", "warm_p50_ms")
    own_first_invoke = net_of_harness(w, lam[CONTROL])
    floor_own_first_invoke = net_of_harness(fz, lam[CONTROL])
    wpv_first, gsi_first = paired_ratio(w, fz, "first_ms"), paired_ratio(g, fg, "first_ms")
    gsi_warm, gsi_rss = paired_ratio(g, fg, "warm_p50_ms"), paired_ratio(g, fg, "peak_rss_kb")
    rows = []
    for name, figures in lam.items():
        if name == CONTROL:
            continue
        rows.append(
            f"| {name} | {figures['init_ms']:.1f} | {figures['first_ms']:.1f} | {figures['first_invoke_ms']:.2f} | "
            f"{figures['warm_p50_ms']:.3f} | {figures['warm_p99_ms']:.3f} | {figures['peak_rss_mb']:.1f} | "
            f"{figures['binary_mb']:.2f} | {figures['zip_mb']:.2f} | {hot_code(figures)} | "
            f"{'yes' if figures['zxcvbn_dictionaries'] else 'no'} |"
        )
    targets = [
        ("typical assessment ≤ 1.15× bare zxcvbn", f"{overhead:.3f}×", overhead <= 1.15),
        ("slowest adversarial verdict (`is_weak`) ≤ 20× median typical assessment",
         f"{worst_verdict_ratio:.1f}×", worst_verdict_ratio <= 20),
        ("slowest adversarial full assessment (`assess`) ≤ 20× median typical",
         f"{worst_ratio:.1f}×", worst_ratio <= 20),
        ("weak-password-verification: first invoke ≤ 2× warm p50", f"{first_invoke:.2f}×", first_invoke <= 2),
        ("weak-password-verification: init + first response ≤ 1.1× floor", f"{wpv_first:.3f}×", wpv_first <= 1.1),
        ("get-security-info: first response ≤ 1.2× floor", f"{gsi_first:.3f}×", gsi_first <= 1.2),
        ("get-security-info: warm p50 ≤ 1.1× floor", f"{gsi_warm:.3f}×", gsi_warm <= 1.1),
        ("get-security-info: peak RSS ≤ 1.2× floor", f"{gsi_rss:.3f}×", gsi_rss <= 1.2),
        ("get-security-info: no zxcvbn dictionaries in the binary", "absent" if not g["zxcvbn_dictionaries"] else "present",
         not g["zxcvbn_dictionaries"]),
        ("both well inside 128 MB", f"{max(w['peak_rss_mb'], g['peak_rss_mb']):.1f} MB peak RSS",
         max(w["peak_rss_mb"], g["peak_rss_mb"]) < 64),
    ]
    lines = [
        "| target | measured | |", "|---|---|---|",
        *[f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in targets],
    ]
    return f"""
## Figures of the last run

Machine: {platform.machine()}, {platform.system()} {platform.release()}; release profile of the
workspace (fat LTO, one codegen unit, stripped); x86_64 build (Lambda runs arm64: absolute
figures differ there, the ratios are what this page tracks).

### Targets

{chr(10).join(lines)}

### Scoring (criterion, median per password)

| corpus | passwords | `assess` total | `is_weak` total | bare zxcvbn total | `assess` / zxcvbn | median `assess` | slowest `assess` |
|---|---|---|---|---|---|---|---|
| typical | {len(typical['assess'])} | {assess_total / 1e6:.2f} ms | {verdict_total / 1e6:.2f} ms | {zxcvbn_total / 1e6:.2f} ms | {overhead:.3f}× | {median_typical / 1e3:.1f} µs | {max(typical['assess']) / 1e3:.1f} µs |
| adversarial | {len(adversarial['assess'])} | {sum(adversarial['assess']) / 1e6:.2f} ms | {sum(adversarial['is_weak']) / 1e6:.2f} ms | {sum(adversarial['zxcvbn']) / 1e6:.2f} ms | {sum(adversarial['assess']) / sum(adversarial['zxcvbn']):.3f}× | {statistics.median(adversarial['assess']) / 1e3:.1f} µs | {max(adversarial['assess']) / 1e3:.1f} µs |

Median typical `is_weak`: {statistics.median(typical['is_weak']) / 1e3:.1f} µs (a common password
is settled by the blocklist before zxcvbn runs). Bare zxcvbn's slowest is {bare_worst_ratio:.0f}×
its own median typical.

### Worst case, side by side (`benches/worst_case.rs`, {worst_case['rounds']} rounds)

Each round times every password of both corpora once, back to back; a password's ratio is its
cost over the same round's median typical assessment ({worst_case['median_typical_ns'] / 1e3:.1f} µs over the rounds), and the slowest
password is the one with the highest median ratio.

| | slowest adversarial password | its median cost | its ratio, quartiles over rounds |
|---|---|---|---|
| full assessment (`assess`) | `{worst_password[:40]}…` ({len(worst_password)} characters) | {worst['slowest_ns'] / 1e3:.0f} µs | {spread(worst['ratio_quartiles'])} |
| verdict (`is_weak`) | `{worst_verdict_password[:40]}…` ({len(worst_verdict_password)} characters) | {worst_verdict['slowest_ns'] / 1e3:.0f} µs | {spread(worst_verdict['ratio_quartiles'])} |

### Lambda (lambda_rapid, median of {ROUNDS} interleaved cold starts after one unmeasured round, {WARM} warm invocations each)

| binary | init ms | first response ms | first invoke ms | warm p50 ms | warm p99 ms | peak RSS MB | binary MB | zip MB | code linked first MB | zxcvbn dictionaries |
|---|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Each figure here is a median over the rounds; a target's ratio is the median of the ratios within
each round, so it can differ from the quotient of two figures in this table.

First invoke over warm p50, in the same rounds: weak-password-verification {first_invoke:.2f}×,
floor-zxcvbn {floor_first_invoke:.2f}×, and `bench/runtime-api-only`, a bootstrap that runs no
function code at all, {control_first_invoke:.2f}×: that much is lambda_rapid's Runtime API and the
loopback. With the control's figures of each round taken off, the functions' own first invocation
over their own warm one: weak-password-verification {own_first_invoke}, floor-zxcvbn
{floor_own_first_invoke}.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dynamodb", required=True)
    args = parser.parse_args()
    scoring = scoring_figures()
    lam = lambda_figures(args.dynamodb)
    page = ROOT / "docs/PERFORMANCE.md"
    text = page.read_text() if page.exists() else ""
    head = text.split("\n## Figures of the last run")[0].rstrip() + "\n"
    page.write_text(head + render(scoring, lam))
    (ROOT / "target/bench-figures.json").write_text(json.dumps({"scoring": scoring, "lambda": lam}, indent=2))
    print(f"wrote {page.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
