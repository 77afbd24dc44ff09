//! The worst case beside the typical case, timed side by side: the slowest adversarial
//! assessment against the median typical one (issue 5's 20x target).
//!
//! Criterion times one benchmark at a time, so its figures for the median typical password and
//! the slowest adversarial one are minutes apart, and a busy spell of the machine in between
//! moves their ratio (it read 16x to 20x across runs of one build). Here each round times every
//! password of both corpora once, back to back, and takes each adversarial password's ratio to
//! the round's median typical one; a password's figure is the median of its rounds' ratios, and
//! the target reads the highest of those, so a spell that slows a few rounds, or one password in
//! a round, does not move it.
//!
//! `cargo bench --bench worst_case` prints the figures as JSON, which `make bench`
//! (scripts/bench.py) reads; run without `--bench` (as `cargo test --benches` runs it), one
//! short round checks that it works.

mod corpora;

use scoring::Assessor;
use std::hint::black_box;
use std::time::{Duration, Instant};

const ROUNDS: usize = 31;
/// How long, at least, one password is timed in a round: long enough for the clock, short
/// enough that a round (every typical password, every adversarial one twice) takes well under a
/// second.
const BATCH: Duration = Duration::from_millis(2);

/// What is timed: the full assessment (`?detail=true`) or the verdict alone (DDM's answer).
#[derive(Clone, Copy)]
enum Operation {
    Assess,
    IsWeak,
}

impl Operation {
    fn run(self, assessor: &Assessor, password: &str) {
        match self {
            Operation::Assess => drop(black_box(assessor.assess(black_box(password), &[]))),
            Operation::IsWeak => drop(black_box(assessor.is_weak(black_box(password), &[]))),
        }
    }
}

/// One password's operation, with as many calls per round as fill a batch.
struct Timed {
    password: &'static str,
    operation: Operation,
    calls: u32,
}

impl Timed {
    fn new(assessor: &Assessor, password: &'static str, operation: Operation, batch: Duration) -> Self {
        let mut calls = 1;
        while time_calls(assessor, password, operation, calls) < batch {
            calls *= 2;
        }
        Timed { password, operation, calls }
    }

    /// Nanoseconds per call, over one batch.
    fn ns_per_call(&self, assessor: &Assessor) -> f64 {
        time_calls(assessor, self.password, self.operation, self.calls).as_nanos() as f64 / f64::from(self.calls)
    }
}

fn time_calls(assessor: &Assessor, password: &str, operation: Operation, calls: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        operation.run(assessor, password);
    }
    start.elapsed()
}

fn median(values: Vec<f64>) -> f64 {
    quartiles(values)[1]
}

/// The lower quartile, the median (of the two middle values, for an even count: the typical
/// corpus has 50 passwords) and the upper quartile.
fn quartiles(mut values: Vec<f64>) -> [f64; 3] {
    values.sort_by(f64::total_cmp);
    let len = values.len();
    let median = (values[(len - 1) / 2] + values[len / 2]) / 2.0;
    [values[len / 4], median, values[len * 3 / 4]]
}

fn main() {
    let benchmarking = std::env::args().any(|argument| argument == "--bench");
    let (rounds, batch) = if benchmarking { (ROUNDS, BATCH) } else { (1, Duration::ZERO) };
    let assessor = Assessor::default();
    assessor.warm_up();
    let timed = |passwords: Vec<&'static str>, operation| -> Vec<Timed> {
        passwords.into_iter().map(|password| Timed::new(&assessor, password, operation, batch)).collect()
    };
    let typical = timed(corpora::typical(), Operation::Assess);
    let adversarial_assess = timed(corpora::adversarial(), Operation::Assess);
    let adversarial_verdict = timed(corpora::adversarial(), Operation::IsWeak);

    // Each password's cost in each round, by group; a round times the groups in turn, every other
    // round in reverse, so that no password is always timed right after another.
    let groups = [&typical, &adversarial_assess, &adversarial_verdict];
    let mut costs: Vec<Vec<Vec<f64>>> =
        groups.iter().map(|group| vec![Vec::with_capacity(rounds); group.len()]).collect();
    let mut slots: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(group, timed)| (0..timed.len()).map(move |index| (group, index)))
        .collect();
    let mut median_typical = Vec::with_capacity(rounds);
    for round in 0..rounds {
        for &(group, index) in &slots {
            costs[group][index].push(groups[group][index].ns_per_call(&assessor));
        }
        slots.reverse();
        median_typical.push(median(costs[0].iter().map(|password| password[round]).collect()));
    }

    // Each adversarial password's cost over the same round's median typical one, by round; the
    // slowest password is the one whose median ratio is highest. (The highest ratio of each
    // round would instead pick up whichever of the ten or so near-slowest passwords a busy
    // moment hit in that round.)
    let report = |per_password: &[Vec<f64>]| {
        let ratios: Vec<Vec<f64>> = per_password
            .iter()
            .map(|costs| costs.iter().zip(&median_typical).map(|(cost, typical)| cost / typical).collect())
            .collect();
        let medians: Vec<f64> = ratios.iter().map(|ratios| median(ratios.clone())).collect();
        let slowest = (0..medians.len()).max_by(|&a, &b| medians[a].total_cmp(&medians[b])).expect("a corpus");
        serde_json::json!({
            "slowest_index": slowest,
            "slowest_ns": median(per_password[slowest].clone()),
            "ratio_quartiles": quartiles(ratios[slowest].clone()),
        })
    };
    let figures = serde_json::json!({
        "rounds": rounds,
        "median_typical_ns": median(median_typical.clone()),
        "assess": report(&costs[1]),
        "is_weak": report(&costs[2]),
    });
    println!("{figures:#}");
}
