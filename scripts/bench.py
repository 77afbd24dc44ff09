#!/usr/bin/env python3
"""Measures both functions as Lambda bills them, beside their floors, and writes docs/PERFORMANCE.md.

Every ratio compares figures measured side by side in this one run, so it holds on a noisy
machine. Run through `make bench` (which starts DynamoDB Local and seeds it).
"""
import argparse
import json
import pathlib
import platform
import statistics
import subprocess
import sys
import zipfile

from dev_token import LOCAL_ENV
from figures_block import rewrite_block
from lambda_harness import run as harness_run

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target/criterion"
CORPORA = ROOT / "shared/scoring/benches"
PAGE = ROOT / "docs/PERFORMANCE.md"
# bench.py rewrites only what lies between these two lines of the page.
BEGIN, END = "<!-- figures: written by make bench -->", "<!-- end of figures -->"
ROUNDS = 31
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


def build_all():
    # Built as `sam build` (cargo lambda build --bin) builds them: one workspace, one profile.
    run("cargo", "build", "--quiet", "--release", "--bins")


def cold_start(binary, events, env):
    """One cold start and WARM warm invocations (cycling through `events`) under
    scripts/lambda_harness.py."""
    report = harness_run(binary, events, WARM, env)
    if not report["ok"]:
        sys.exit(f"{binary.name} failed under the harness: {report['error']}\n{report['log_tail']}")
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


def contains_any(binary, markers):
    data = binary.read_bytes()
    return any(marker in data for marker in markers)


def new_projects(event):
    """The event once per invocation, each for another project: none has a policy item, so
    each request reads the table once (a cache miss) and finds none."""
    variants = []
    for index in range(WARM + 1):
        variant = json.loads(event)
        project = f"bench-project-{index:03d}"
        path = f"/v3/{project}/weak-password-verification"
        variant["rawPath"] = variant["requestContext"]["http"]["path"] = path
        variant["pathParameters"]["project_id"] = project
        variants.append(json.dumps(variant))
    return variants


def lambda_figures(dynamodb):
    env = {**LOCAL_ENV, "AWS_ENDPOINT_URL_DYNAMODB": dynamodb, "AWS_LAMBDA_LOG_LEVEL": "warn"}
    events = ROOT / "events"
    verify = [(events / "weak-password-verification/v2-strong-password.json").read_text()]
    # The tables of scripts/seed_accounts.py; the fixture's project has no policy item, so it is
    # cached as having none after its first request, and its password is in no corpus.
    with_policies = {**env, "PROJECT_POLICIES_TABLE": "project-policies"}
    account = [(events / "get-security-info/v2-bare-account.json").read_text()]
    with_tables = {**with_policies, "BREACHED_PASSWORDS_TABLE": "breached-passwords"}
    subjects = {
        "weak-password-verification": (verify, env),
        "weak-password-verification, policies on": (verify, with_policies),
        "weak-password-verification, policies on, a new project each request": (new_projects(verify[0]), with_policies),
        "weak-password-verification, policies and breach table on": (verify, with_tables),
        "floor-zxcvbn": (verify, {}),
        "get-security-info": (account, env),
        "floor-getitem": (account, env),
    }
    build_all()
    binaries = {name: ROOT / "target/release" / name.split(",")[0] for name in subjects}
    # The control, timed in the same rounds: no function code, only the Runtime API round trip.
    timed = {**subjects, CONTROL: (verify, {})}
    binaries[CONTROL] = ROOT / "target/release" / CONTROL
    runs = {name: [] for name in timed}
    # One round unmeasured: DynamoDB Local is a JVM that compiles its hot paths during its first
    # requests, which would otherwise weigh on the first round's DynamoDB-backed subjects.
    for name, (event, subject_env) in timed.items():
        cold_start(binaries[name], event, subject_env)
    # Interleaved, so a noisy moment hits every subject alike; every other round in reverse
    # order, so that no subject always follows the same one.
    for round_index in range(ROUNDS):
        order = list(timed) if round_index % 2 == 0 else list(reversed(timed))
        for name in order:
            event, subject_env = timed[name]
            runs[name].append(cold_start(binaries[name], event, subject_env))
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
            "first_response": reports[0]["responses"][0]["body"][:160],
        }
    markers = dictionary_markers()
    for name in subjects:
        figures[name]["zxcvbn_dictionaries"] = contains_any(binaries[name], markers)
    return figures


def paired_ratios(subject, reference, key, reference_key=None):
    """`subject[key] / reference[reference_key]` within each round: a round's two figures were
    measured moments apart, so drift of the machine (or of DynamoDB Local's JVM) between rounds
    cancels out."""
    pairs = zip(subject["rounds"], reference["rounds"])
    return [mine[key] / theirs[reference_key or key] for mine, theirs in pairs]


def paired_ratio(subject, reference, key, reference_key=None):
    """The median over rounds of the paired ratios."""
    return statistics.median(paired_ratios(subject, reference, key, reference_key))


def with_spread(subject, reference, key):
    """The median paired ratio and its quartiles over rounds, as text: for figures that sit
    within the machine's noise of their line."""
    quartiles = statistics.quantiles(paired_ratios(subject, reference, key), n=4)
    return f"{quartiles[1]:.3f}× (quartiles {quartiles[0]:.2f}–{quartiles[2]:.2f}×)"


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
    return "met" if ok else "**missed**"


def render(scoring, lam):
    """The figures block of docs/PERFORMANCE.md."""
    typical, adversarial = scoring["typical"], scoring["adversarial"]
    overhead = sum(typical["assess"]) / sum(typical["zxcvbn"])
    verdict_overhead = sum(typical["is_weak"]) / sum(typical["zxcvbn"])
    passwords = [line for line in (CORPORA / "adversarial-passwords.txt").read_text().splitlines() if line]
    worst_case = scoring["worst_case"]
    worst, worst_verdict = worst_case["assess"], worst_case["is_weak"]
    worst_ratio, worst_verdict_ratio = worst["ratio_quartiles"][1], worst_verdict["ratio_quartiles"][1]
    spread = lambda quartiles: "–".join(f"{q:.1f}" for q in (quartiles[0], quartiles[2])) + "×"  # noqa: E731
    w, fz, g, fg = (lam[name] for name in ["weak-password-verification", "floor-zxcvbn", "get-security-info", "floor-getitem"])
    ours = [name for name in lam if not name.startswith("floor") and name != CONTROL]
    wp = lam["weak-password-verification, policies on"]
    wt = lam["weak-password-verification, policies and breach table on"]
    wpv_first, gsi_first = paired_ratio(w, fz, "first_ms"), paired_ratio(g, fg, "first_ms")
    gsi_warm = paired_ratio(g, fg, "warm_p50_ms")
    cached_policy = paired_ratio(wp, w, "warm_p50_ms")
    new_project = lam["weak-password-verification, policies on, a new project each request"]
    first_policy_read = paired_ratio(new_project, fg, "warm_p50_ms")
    breach_warm = paired_ratio(wt, fg, "warm_p50_ms")
    peak_rss = max(figures["peak_rss_mb"] for name, figures in lam.items() if name in ours)
    targets = [
        ("typical full assessment ≤ ½ bare zxcvbn", f"{overhead:.3f}×", overhead <= 0.5),
        ("typical verdict ≤ ½ bare zxcvbn", f"{verdict_overhead:.3f}×", verdict_overhead <= 0.5),
        ("slowest adversarial verdict ≤ 20× median typical assessment",
         f"{worst_verdict_ratio:.1f}× (quartiles {spread(worst_verdict['ratio_quartiles'])})", worst_verdict_ratio <= 20),
        ("slowest adversarial full assessment ≤ 20× median typical",
         f"{worst_ratio:.1f}× (quartiles {spread(worst['ratio_quartiles'])})", worst_ratio <= 20),
        ("weak-password-verification: init + first response ≤ floor-zxcvbn", f"{wpv_first:.3f}×", wpv_first <= 1),
        ("get-security-info: init + first response ≤ 1.2× floor-getitem", f"{gsi_first:.3f}×", gsi_first <= 1.2),
        ("get-security-info: warm p50 ≤ 1.1× floor-getitem", with_spread(g, fg, "warm_p50_ms"), gsi_warm <= 1.1),
        ("policies on, a cached project: warm p50 ≤ 1.2× policies off", f"{cached_policy:.3f}×", cached_policy <= 1.2),
        ("policies on, a project's first request (one `GetItem`): warm p50 ≤ 1.2× floor-getitem",
         with_spread(new_project, fg, "warm_p50_ms"), first_policy_read <= 1.2),
        ("breach table on: warm p50 (one `GetItem`) ≤ 1.2× floor-getitem", with_spread(wt, fg, "warm_p50_ms"),
         breach_warm <= 1.2),
        ("get-security-info: no zxcvbn dictionaries linked", "absent" if not g["zxcvbn_dictionaries"] else "present",
         not g["zxcvbn_dictionaries"]),
        ("both functions' peak RSS < 64 MB (of 128 MB)", f"{peak_rss:.1f} MB", peak_rss < 64),
    ]
    information = [
        ("weak-password-verification: first invoke / warm p50",
         f"{paired_ratio(w, w, 'first_invoke_ms', 'warm_p50_ms'):.2f}× "
         f"(floor-zxcvbn {paired_ratio(fz, fz, 'first_invoke_ms', 'warm_p50_ms'):.2f}×, "
         f"runtime-api-only {paired_ratio(lam[CONTROL], lam[CONTROL], 'first_invoke_ms', 'warm_p50_ms'):.2f}×; "
         f"net of the control {net_of_harness(w, lam[CONTROL])})"),
        ("get-security-info: peak RSS / floor-getitem", f"{paired_ratio(g, fg, 'peak_rss_kb'):.3f}×"),
    ]
    rows = [
        f"| {name} | {f['init_ms']:.1f} | {f['first_ms']:.1f} | {f['first_invoke_ms']:.2f} | {f['warm_p50_ms']:.3f} | "
        f"{f['warm_p99_ms']:.3f} | {f['peak_rss_mb']:.1f} | {f['binary_mb']:.2f} | {f['zip_mb']:.2f} |"
        for name, f in lam.items()
        if name != CONTROL
    ]
    slowest = passwords[worst["slowest_index"]]
    return f"""
Last run: {platform.machine()}, {platform.system()} {platform.release()}; {ROUNDS} interleaved rounds.

| target | measured | |
|---|---|---|
{chr(10).join(f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in targets)}
{chr(10).join(f"| {name} (information) | {value} | |" for name, value in information)}

| binary | init ms | first response ms | first invoke ms | warm p50 ms | warm p99 ms | peak RSS MB | binary MB | zip MB |
|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

| corpus | passwords | `assess` | `is_weak` | bare zxcvbn | median `assess` |
|---|---|---|---|---|---|
| typical | {len(typical['assess'])} | {sum(typical['assess']) / 1e6:.2f} ms | {sum(typical['is_weak']) / 1e6:.2f} ms | {sum(typical['zxcvbn']) / 1e6:.2f} ms | {statistics.median(typical['assess']) / 1e3:.1f} µs |
| adversarial | {len(adversarial['assess'])} | {sum(adversarial['assess']) / 1e6:.2f} ms | {sum(adversarial['is_weak']) / 1e6:.2f} ms | {sum(adversarial['zxcvbn']) / 1e6:.2f} ms | {statistics.median(adversarial['assess']) / 1e3:.1f} µs |

Slowest adversarial full assessment: `{slowest[:32]}…` ({len(slowest)} characters),
{worst['slowest_ns'] / 1e3:.0f} µs.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dynamodb", required=True)
    args = parser.parse_args()
    scoring = scoring_figures()
    lam = lambda_figures(args.dynamodb)
    rewrite_block(PAGE, BEGIN, END, render(scoring, lam))
    (ROOT / "target/bench-figures.json").write_text(json.dumps({"scoring": scoring, "lambda": lam}, indent=2))
    print(f"wrote the figures of {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
