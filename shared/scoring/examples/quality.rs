//! `make quality`'s measuring half: runs guesses through the verdict and reports, as JSON, the
//! share accepted per corpus, the weak verdicts per strong set and the cost per verdict.
//!
//! Usage: `quality [--strong COUNT] [NAME=FILE ...]`, each FILE a corpus of one guess a line
//! (scripts/quality.py makes them with John the Ripper and hashcat).

#[path = "../tests/strong_sets/mod.rs"]
mod strong_sets;

use std::hint::black_box;
use std::time::Instant;

use scoring::{Assessor, WeaknessReason};
use serde_json::json;

/// Accepted guesses or weak strong passwords shown per corpus, as examples.
const EXAMPLES: usize = 12;
/// Guesses timed for the cost per verdict, and how many times.
const COST_SAMPLE: usize = 2_000;
const ROUNDS: usize = 5;

fn main() {
    let mut strong_count = 0;
    let mut corpora = Vec::new();
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        if argument == "--strong" {
            strong_count = arguments.next().and_then(|count| count.parse().ok()).expect("--strong COUNT");
        } else {
            let (name, path) = argument.split_once('=').expect("NAME=FILE");
            // Rules work on bytes, so a guess may not be UTF-8: it is read as a client would send it.
            let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"));
            let text = String::from_utf8_lossy(&bytes);
            corpora.push((name.to_owned(), text.lines().map(str::to_owned).collect::<Vec<_>>()));
        }
    }
    let assessor = Assessor::default();
    let mut all_guesses: Vec<&str> = Vec::new();
    let corpus_figures: Vec<_> = corpora
        .iter()
        .map(|(name, guesses)| {
            all_guesses.extend(guesses.iter().map(String::as_str));
            let accepted: Vec<&String> = guesses.iter().filter(|guess| !assessor.is_weak(guess, &[])).collect();
            let long_enough = guesses.iter().filter(|guess| guess.chars().count() >= 8).count();
            json!({
                "name": name,
                "guesses": guesses.len(),
                "guesses_of_8_or_more": long_enough,
                "accepted": accepted.len(),
                "examples": accepted.iter().take(EXAMPLES).collect::<Vec<_>>(),
            })
        })
        .collect();
    let strong_figures: Vec<_> = strong_sets::strong_sets(strong_count, strong_sets::SEED)
        .into_iter()
        .filter(|set| !set.passwords.is_empty())
        .map(|set| {
            let weak: Vec<&String> = set.passwords.iter().filter(|password| assessor.is_weak(password, &[])).collect();
            // Weak for a reason of ours, not only for zxcvbn's score.
            let by_our_rules = weak
                .iter()
                .filter(|password| {
                    assessor.assess(password, &[]).reasons.iter().any(|&r| r != WeaknessReason::LowScore)
                })
                .count();
            json!({
                "name": set.name,
                "passwords": set.passwords.len(),
                "weak": weak.len(),
                "weak_by_our_rules": by_our_rules,
                "examples": weak.iter().take(EXAMPLES).collect::<Vec<_>>(),
            })
        })
        .collect();
    // The cost per verdict: over an even sample of all guesses, once to warm up and then in
    // ROUNDS rounds, of which the median counts.
    let step = all_guesses.len().div_ceil(COST_SAMPLE).max(1);
    let sample: Vec<&str> = all_guesses.iter().step_by(step).copied().collect();
    let cost = |run: &dyn Fn(&str)| {
        let mut rounds: Vec<f64> = (0..=ROUNDS)
            .map(|_| {
                let start = Instant::now();
                for guess in &sample {
                    run(guess);
                }
                start.elapsed().as_nanos() as f64 / sample.len().max(1) as f64
            })
            .skip(1)
            .collect();
        rounds.sort_by(f64::total_cmp);
        rounds[ROUNDS / 2]
    };
    let figures = json!({
        "corpora": corpus_figures,
        "strong_sets": strong_figures,
        "ns_per_guess": {
            "is_weak": cost(&|guess| {
                black_box(assessor.is_weak(black_box(guess), &[]));
            }),
            "assess": cost(&|guess| drop(black_box(assessor.assess(black_box(guess), &[])))),
            "bare_zxcvbn": cost(&|guess| drop(black_box(zxcvbn::zxcvbn(black_box(guess), &[])))),
        },
    });
    println!("{figures:#}");
}
