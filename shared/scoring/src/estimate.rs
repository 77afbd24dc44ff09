//! zxcvbn's estimate, with random runs priced as a brute-force search of their alphabet.
//!
//! zxcvbn prices every character it finds no pattern in at 10 guesses, low on purpose: such a
//! run is often a word it does not know (`ritchel`) or padding (`ritchel1`, `!2024`). A run
//! with a digit between letters (`eq78x` in `kkhebeq78x`, `l2dzdr` in `nnnml2dzdr`) is
//! neither, and there 10 a character let one short coincidental pattern (`kkheb`, a name of
//! four letters) make about one random password in 4,000 of 10 lowercase letters and digits
//! weak. Such a run costs here what a brute-force search of its classes costs (36 a character
//! for lowercase and digits); the rest of zxcvbn's estimate stands: its patterns, its other
//! runs, its formula. Where zxcvbn scores 3 or more, its estimate stands whole, and a
//! re-priced password scores 3 at most: this only takes back weak verdicts.
//!
//! Only from [`MIN_CHARS`]: in shorter passwords, best64's digits written into listed words
//! (`no1knman`, `zap45m69`) look the same, and zxcvbn's price is what catches them
//! (`make quality` measures both sides, docs/QUALITY.md).

use zxcvbn_bounded::matching::patterns::MatchPattern;
use zxcvbn_bounded::{Entropy, Match, Score};

use crate::policy::{classes_in, CharacterClass};

/// Passwords shorter than this keep zxcvbn's estimate as it is.
pub const MIN_CHARS: usize = 10;

/// zxcvbn reads only this many characters; its matches' positions count within them.
const ZXCVBN_WINDOW_CHARS: usize = 100;

/// The most a re-priced password is given: score 3, never above a password zxcvbn itself
/// scores 3.
const MOST_GUESSES: u64 = 10_000_000_000 - 1;

/// A password's score and guesses: zxcvbn's, with random runs priced by their alphabet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub score: Score,
    pub guesses_log10: f64,
}

impl Estimate {
    /// The estimate for `password`, of which `entropy` is zxcvbn's.
    pub fn of(password: &str, entropy: &Entropy) -> Self {
        let zxcvbn = Self { score: entropy.score(), guesses_log10: entropy.guesses_log10().max(0.0) };
        if zxcvbn.score >= Score::Three {
            return zxcvbn;
        }
        let Some(letters) = Letters::around_digits(password) else { return zxcvbn };
        let sequence = entropy.sequence();
        let repriced: Vec<u64> = sequence.iter().map(|m| letters.repriced(m)).collect();
        if repriced.iter().zip(sequence).all(|(repriced, m)| Some(*repriced) == m.guesses) {
            return zxcvbn;
        }
        let product = repriced.iter().fold(1u64, |product, guesses| product.saturating_mul(*guesses));
        let guesses = zxcvbn_bounded::sequence_guesses(sequence.len(), product).min(MOST_GUESSES);
        Self { score: zxcvbn_bounded::score_of(guesses), guesses_log10: (guesses as f64).log10() }
    }
}

/// Whether `password`'s estimate scores below `score`: zxcvbn's bounded check first, the full
/// estimate only where that says below and a random run could lift it.
pub fn scores_below(password: &str, context_words: &[&str], score: Score) -> bool {
    zxcvbn_bounded::score_is_below(password, context_words, score)
        && (Letters::around_digits(password).is_none()
            || Estimate::of(password, &zxcvbn_bounded::zxcvbn(password, context_words)).score < score)
}

/// Where a password's letters begin and end: a digit between them is inside the word part of
/// the password, not padding around it.
struct Letters {
    first: usize,
    last: usize,
}

impl Letters {
    /// The password's letters, if it is long enough and has a digit between them.
    fn around_digits(password: &str) -> Option<Self> {
        if password.chars().count() < MIN_CHARS {
            return None;
        }
        let window = || password.chars().take(ZXCVBN_WINDOW_CHARS).enumerate();
        let mut letters = window().filter(|(_, c)| c.is_alphabetic()).map(|(at, _)| at);
        let first = letters.next()?;
        let letters = Self { first, last: letters.last()? };
        window().any(|(at, c)| c.is_ascii_digit() && letters.is_inside(at)).then_some(letters)
    }

    fn is_inside(&self, at: usize) -> bool {
        self.first < at && at < self.last
    }

    /// A match's guesses; a random run (alone, or repeated) priced by its alphabet.
    fn repriced(&self, m: &Match) -> u64 {
        let guesses = m.guesses.unwrap_or(0);
        match &m.pattern {
            MatchPattern::BruteForce => guesses.max(self.alphabet_search(&m.token, m.i)),
            MatchPattern::Repeat(repeat) => match repeat.base_matches.as_slice() {
                [base] if matches!(base.pattern, MatchPattern::BruteForce) => guesses
                    .max(self.alphabet_search(&repeat.base_token, m.i).saturating_mul(repeat.repeat_count as u64)),
                _ => guesses,
            },
            _ => guesses,
        }
    }

    /// Guesses to search every string of `run`'s length over the classes it uses, if it is
    /// random: letters with a digit inside the password's letters (`run` starts at character
    /// `start`); 0 otherwise, so that the run keeps zxcvbn's price.
    fn alphabet_search(&self, run: &str, start: usize) -> u64 {
        let random = run.chars().any(char::is_alphabetic)
            && run.chars().enumerate().any(|(offset, c)| c.is_ascii_digit() && self.is_inside(start + offset));
        if !random {
            return 0;
        }
        let alphabet: u64 = classes_in(run).into_iter().map(brute_force_alphabet).sum();
        alphabet.saturating_pow(run.chars().count() as u32)
    }
}

/// The characters a brute-force search tries for a class (ASCII's; other letters count as
/// ASCII's, anything else as ASCII's 33 symbols).
fn brute_force_alphabet(class: CharacterClass) -> u64 {
    match class {
        CharacterClass::Lower | CharacterClass::Upper => 26,
        CharacterClass::Digit => 10,
        CharacterClass::Other => 33,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(password: &str) -> Estimate {
        Estimate::of(password, &zxcvbn_bounded::zxcvbn(password, &[]))
    }

    #[test]
    fn a_random_run_beside_a_short_pattern_is_priced_by_its_alphabet() {
        for password in ["kkhebeq78x", "nnnml2dzdr", "1xhs7311is", "d1qd1qz25i"] {
            assert_eq!(zxcvbn_bounded::zxcvbn(password, &[]).score(), Score::Two, "{password}");
            assert_eq!(estimate(password).score, Score::Three, "{password}"); // at most 3
            assert!(!scores_below(password, &[], Score::Three), "{password}");
        }
    }

    #[test]
    fn patterns_words_and_padding_keep_zxcvbn_price() {
        for password in [
            "ritchel123",
            "ritchel1",
            "123ritchel",
            "pass1word",
            "Kontoso-Kontoso-2024",
            "s3es3eqpbs", // `see` in look-alikes, twice
            "no1knman",   // shorter than MIN_CHARS
            "36ahvppqrs", // its digits lead: padding
            "qwerty123",
            "dragon2024",
        ] {
            let entropy = zxcvbn_bounded::zxcvbn(password, &[]);
            assert_eq!(estimate(password).score, entropy.score(), "{password}");
            assert_eq!(scores_below(password, &[], Score::Three), entropy.score() < Score::Three, "{password}");
        }
    }
}
