//! zxcvbn 3.1.1 (<https://github.com/shssoichiro/zxcvbn-rs>, MIT, see `LICENSE`) with its work
//! bounded, so a 100-character password costs a small multiple of a typical one instead of
//! hundreds. Every estimate is the same as upstream's: `PATCHES.md` lists each change and why it
//! cannot alter a result, and the scoring crate's tests compare the two on its corpora.
//!
//! ```
//! let entropy = zxcvbn_bounded::zxcvbn("correct horse battery staple", &[]);
//! assert_eq!(u8::from(entropy.score()), 4);
//! ```
#![recursion_limit = "128"]
#![warn(missing_docs)]

#[macro_use]
extern crate lazy_static;

use std::time::Duration;

#[cfg(test)]
#[macro_use]
extern crate quickcheck;

pub use scoring::{sequence_guesses, Score};
use time_estimates::CrackTimes;

pub use crate::matching::Match;

mod adjacency_graphs;
pub mod feedback;
mod frequency_lists;
/// Defines structures for matches found in a password
pub mod matching;
mod scoring;
pub mod time_estimates;

fn time_scoped<F, R>(f: F) -> (R, Duration)
where
    F: FnOnce() -> R,
{
    let start_time = std::time::Instant::now();
    let result = f();
    let calc_time = std::time::Instant::now().duration_since(start_time);
    (result, calc_time)
}

/// Contains the results of an entropy calculation
#[derive(Debug, PartialEq, Clone)]
pub struct Entropy {
    /// Estimated guesses needed to crack the password
    guesses: u64,
    /// Order of magnitude of `guesses`
    guesses_log10: f64,
    /// List of back-of-the-envelope crack time estimations based on a few scenarios.
    crack_times: time_estimates::CrackTimes,
    /// Overall strength score from 0-4.
    /// Any score less than 3 should be considered too weak.
    score: Score,
    /// Verbal feedback to help choose better passwords. Set when `score` <= 2.
    feedback: Option<feedback::Feedback>,
    /// The list of patterns the guess calculation was based on
    sequence: Vec<Match>,
    /// How long it took to calculate the answer.
    calc_time: Duration,
}

impl Entropy {
    /// The estimated number of guesses needed to crack the password.
    pub fn guesses(&self) -> u64 {
        self.guesses
    }

    /// The order of magnitude of `guesses`.
    pub fn guesses_log10(&self) -> f64 {
        self.guesses_log10
    }

    /// List of back-of-the-envelope crack time estimations based on a few scenarios.
    pub fn crack_times(&self) -> time_estimates::CrackTimes {
        self.crack_times
    }

    /// Overall strength score from 0-4.
    /// Any score less than 3 should be considered too weak.
    pub fn score(&self) -> Score {
        self.score
    }

    /// Feedback to help choose better passwords. Set when `score` <= 2.
    pub fn feedback(&self) -> Option<&feedback::Feedback> {
        self.feedback.as_ref()
    }

    /// The list of patterns the guess calculation was based on
    pub fn sequence(&self) -> &[Match] {
        &self.sequence
    }

    /// How long it took to calculate the answer.
    pub fn calculation_time(&self) -> Duration {
        self.calc_time
    }
}

/// Takes a password string and optionally a list of user-supplied inputs
/// (e.g. username, email, first name) and calculates the strength of the password
/// based on entropy, using a number of different factors.
pub fn zxcvbn(password: &str, user_inputs: &[&str]) -> Entropy {
    if password.is_empty() {
        return Entropy {
            guesses: 0,
            guesses_log10: f64::NEG_INFINITY,
            crack_times: CrackTimes::new(0),
            score: Score::Zero,
            feedback: feedback::get_feedback(Score::Zero, &[]),
            sequence: Vec::default(),
            calc_time: Duration::from_secs(0),
        };
    }

    let (result, calc_time) =
        time_scoped(|| most_guessable(password, user_inputs, matching::Scope::Everywhere));
    let (crack_times, score) = time_estimates::estimate_attack_times(result.guesses);
    let feedback = feedback::get_feedback(score, &result.sequence);

    Entropy {
        guesses: result.guesses,
        guesses_log10: result.guesses_log10,
        crack_times,
        score,
        feedback,
        sequence: result.sequence,
        calc_time,
    }
}

/// The score of an estimate of `guesses`, by the thresholds of [`Entropy::score`].
pub fn score_of(guesses: u64) -> Score {
    time_estimates::estimate_attack_times(guesses).1
}

/// Builds now what the first estimate would otherwise pay for: the lazily loaded dictionaries
/// and the patterns the matchers compile.
pub fn warm_up() {
    zxcvbn("warm-up: Tr0ub4dor&3 2024-01-01 qwerty", &["context"]);
}

/// Whether `word` (lower case) is a word of zxcvbn's ranked dictionaries: common passwords,
/// English Wikipedia, names, surnames, US TV and film.
pub fn is_ranked_word(word: &str) -> bool {
    frequency_lists::RANKED_WORDS.contains_key(word)
}

include!(concat!(env!("OUT_DIR"), "/letter_pairs.rs"));

/// How often `second` follows `first` in the words of zxcvbn's dictionaries of words and names
/// (not its passwords), for two ASCII lower-case letters: a pair that words hardly ever hold
/// marks a string as no word.
pub fn letter_pair_count(first: u8, second: u8) -> Option<u32> {
    (first.is_ascii_lowercase() && second.is_ascii_lowercase())
        .then(|| LETTER_PAIR_COUNTS[usize::from(first - b'a')][usize::from(second - b'a')])
}

/// Whether `text` (lower case) is the start of a longer word of zxcvbn's ranked dictionaries.
pub fn is_ranked_word_start(text: &str) -> bool {
    let words = frequency_lists::RANKED_WORDS.as_fst();
    let mut node = words.root();
    for &byte in text.as_bytes() {
        match node.find_input(byte) {
            Some(index) => node = words.node(node.transition_addr(index)),
            None => return false,
        }
    }
    !node.is_empty()
}

/// Whether `zxcvbn(password, user_inputs).score()` is below `score`, decided from fewer matches
/// when it can be: for scores up to Three, that is fewer than 10^8 + 5 guesses, and a sequence
/// of three or more matches takes at least 3!·1 + 10^4·10^4 guesses, so only sequences of one
/// or two matches can be below it. Those use only matches that start at the password's first
/// character or end at its last, and the search (a sequence of the matches it is given, at
/// most as many guesses as any one- or two-match sequence of them) finds the same verdict from
/// those alone. Long passwords have far fewer of them than matches.
pub fn score_is_below(password: &str, user_inputs: &[&str], score: Score) -> bool {
    if score > Score::Three || password.is_empty() {
        return zxcvbn(password, user_inputs).score() < score;
    }
    let result = most_guessable(password, user_inputs, matching::Scope::Anchored);
    time_estimates::estimate_attack_times(result.guesses).1 < score
}

/// The cheapest sequence of the matches in `scope` that covers the password.
fn most_guessable(
    password: &str,
    user_inputs: &[&str],
    scope: matching::Scope,
) -> scoring::GuessCalculation {
    // Only evaluate the first 100 characters of the input.
    // This prevents potential DoS attacks from sending extremely long input strings.
    let password = password.chars().take(100).collect::<String>();

    let sanitized_inputs = user_inputs
        .iter()
        .enumerate()
        .map(|(i, x)| (x.to_lowercase(), i + 1))
        .collect();

    let matches = matching::omnimatch_in(&password, &sanitized_inputs, scope);
    scoring::most_guessable_match_sequence(&password, matches, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    use quickcheck::TestResult;

    quickcheck! {
        fn test_zxcvbn_doesnt_panic(password: String, user_inputs: Vec<String>) -> TestResult {
            let inputs = user_inputs.iter().map(|s| s.as_ref()).collect::<Vec<&str>>();
            zxcvbn(&password, &inputs);
            TestResult::from_bool(true)
        }

    }

    #[test]
    fn test_zxcvbn() {
        let password = "r0sebudmaelstrom11/20/91aaaa";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.guesses_log10 as u16, 14);
        assert_eq!(entropy.score, Score::Four);
        assert!(!entropy.sequence.is_empty());
        assert!(entropy.feedback.is_none());
        assert!(entropy.calc_time.as_nanos() > 0);
    }

    #[test]
    fn test_zxcvbn_empty() {
        let password = "";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.score, Score::Zero);
        assert_eq!(entropy.guesses, 0);
        assert_eq!(entropy.guesses_log10, f64::NEG_INFINITY);
        assert_eq!(entropy.crack_times, CrackTimes::new(0));
        assert_eq!(entropy.sequence, Vec::default());
    }

    #[test]
    fn test_zxcvbn_unicode() {
        let password = "𐰊𐰂𐰄𐰀𐰁";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.score, Score::One);
    }

    #[test]
    fn test_zxcvbn_unicode_2() {
        let password = "r0sebudmaelstrom丂/20/91aaaa";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.score, Score::Four);
    }

    #[test]
    fn test_issue_13() {
        let password = "Imaginative-Say-Shoulder-Dish-0";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.score, Score::Four);
    }

    #[test]
    fn test_issue_15_example_1() {
        let password = "TestMeNow!";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.guesses, 372_010_000);
        assert!((entropy.guesses_log10 - 8.57055461430783).abs() < f64::EPSILON);
        assert_eq!(entropy.score, Score::Three);
    }

    #[test]
    fn test_issue_15_example_2() {
        let password = "hey<123";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.guesses, 1_010_000);
        assert!((entropy.guesses_log10 - 6.004321373782642).abs() < f64::EPSILON);
        assert_eq!(entropy.score, Score::Two);
    }

    #[test]
    fn test_overflow_safety() {
        let password = "!QASW@#EDFR$%TGHY^&UJKI*(OL";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.guesses, u64::MAX);
        assert_eq!(entropy.score, Score::Four);
    }

    #[test]
    fn test_unicode_mb() {
        let password = "08märz2010";
        let entropy = zxcvbn(password, &[]);
        assert_eq!(entropy.guesses, 100010000);
        assert_eq!(entropy.score, Score::Three);
    }
}
