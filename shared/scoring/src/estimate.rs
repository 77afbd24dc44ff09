//! zxcvbn's estimate, with two of its prices taken back where they call strong passwords weak.
//!
//! **Random runs.** zxcvbn prices every character it finds no pattern in at 10 guesses, low on
//! purpose: such a run is often a word it does not know (`ritchel`) or padding (`ritchel1`,
//! `!2024`). Two kinds of run are neither: one with a digit between the password's letters
//! (`eq78x` in `kkhebeq78x`), and one holding a letter pair that words hardly ever hold (`gj`
//! in `aggjcuster`, `qk` in `gl0ri4qkg9`: fewer than [`RARE_PAIR_COUNT`] times in zxcvbn's
//! dictionaries of words and names). There 10 a character let one short coincidental pattern
//! beside the run (`custer`, a surname; `gl0ri4`) make random passwords of 10 lowercase
//! letters and digits weak. Such a run costs here what a brute-force search of
//! its classes costs (36 a character for lowercase and digits). A repeated run is re-priced
//! only for a digit inside: a doubled unknown word (`ckfdrfckfdrf`) is what John's rules try.
//!
//! **Repeated words in a passphrase.** zxcvbn prices a repeat at its base's guesses times the
//! count, and sequences of three or more matches at 10^8 and more. So `fifteenderailderail`
//! was two matches and weak, where `fifteenderailcross` is three and strong, though a
//! passphrase generator draws its words independently. Where a password is only words (and
//! spaces, dashes, underscores or dots between them), a word said twice counts as the words
//! it repeats. A repeat that is the whole password (`monkeymonkey`), beside anything but
//! words (`passwordpassword1`), or of three or more (`dogdogdogcat`) keeps zxcvbn's price.
//!
//! The rest of zxcvbn's estimate stands: its patterns, its other matches, its formula. Where
//! zxcvbn scores 3 or more, its estimate stands whole, and a re-priced password scores 3 at
//! most: this only takes back weak verdicts. Only from [`MIN_CHARS`]: in shorter passwords,
//! best64's digits written into listed words (`no1knman`, `zap45m69`) look the same as random
//! runs, and zxcvbn's price is what catches them (`make quality` measures both sides,
//! docs/QUALITY.md).

use zxcvbn_bounded::matching::patterns::{MatchPattern, RepeatPattern};
use zxcvbn_bounded::{Entropy, Match, Score};

use crate::policy::{classes_in, CharacterClass};

/// Passwords shorter than this keep zxcvbn's estimate as it is.
pub const MIN_CHARS: usize = 10;

/// A letter pair seen fewer times than this in zxcvbn's dictionaries of words and names (about
/// 64,000 words) marks a run as no word: it is in most random runs of four letters or more, and
/// in few unknown words people use (`make quality`'s held-out figures).
const RARE_PAIR_COUNT: u32 = 20;

/// zxcvbn reads only this many characters; its matches' positions count within them.
const ZXCVBN_WINDOW_CHARS: usize = 100;

/// The most a re-priced password is given: score 3, never above a password zxcvbn itself
/// scores 3.
const MOST_GUESSES: u64 = 10_000_000_000 - 1;

/// A password's score and guesses: zxcvbn's, with random runs and repeated words re-priced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub score: Score,
    pub guesses_log10: f64,
}

impl Estimate {
    /// The estimate for `password`, of which `entropy` is zxcvbn's.
    pub fn of(password: &str, entropy: &Entropy) -> Self {
        let zxcvbn = Self { score: entropy.score(), guesses_log10: entropy.guesses_log10().max(0.0) };
        if zxcvbn.score >= Score::Three || password.chars().count() < MIN_CHARS {
            return zxcvbn;
        }
        let sequence = entropy.sequence();
        let letters = Letters::of(password);
        let passphrase = is_passphrase(sequence);
        // zxcvbn's formula over the re-priced matches: their count and their guesses' product.
        let (mut matches, mut product, mut repriced) = (0, 1u64, false);
        for m in sequence {
            let guesses = m.guesses.unwrap_or(0);
            let (count, priced) = match &m.pattern {
                MatchPattern::Repeat(repeat) if passphrase => priced_as_words(repeat),
                _ => (1, letters.as_ref().map_or(guesses, |letters| letters.repriced(m))),
            };
            repriced |= count != 1 || priced != guesses;
            matches += count;
            product = product.saturating_mul(priced);
        }
        if !repriced {
            return zxcvbn;
        }
        let guesses = zxcvbn_bounded::sequence_guesses(matches, product).min(MOST_GUESSES);
        Self { score: zxcvbn_bounded::score_of(guesses), guesses_log10: (guesses as f64).log10() }
    }
}

/// Whether `password`'s estimate scores below `score`: zxcvbn's bounded check first, the full
/// estimate only where that says below and the password is long enough to be re-priced.
pub fn scores_below(password: &str, context_words: &[&str], score: Score) -> bool {
    zxcvbn_bounded::score_is_below(password, context_words, score)
        && (score > Score::Three // a re-priced password scores 3 at most
            || !could_be_repriced(password)
            || Estimate::of(password, &zxcvbn_bounded::zxcvbn(password, context_words)).score < score)
}

/// Whether [`Estimate::of`] could re-price `password`, from its characters alone, so that the
/// verdict runs the full estimate only there: it is long enough, and within zxcvbn's window it
/// has a digit between letters, a rare letter pair, or nothing but letters and separators.
fn could_be_repriced(password: &str) -> bool {
    if password.chars().count() < MIN_CHARS {
        return false;
    }
    let window: String = password.chars().take(ZXCVBN_WINDOW_CHARS).collect();
    let words_only = window.chars().all(|c| c.is_alphabetic() || is_separator_char(c));
    words_only
        || has_rare_pair(&window)
        || Letters::of(&window).is_some_and(|letters| letters.has_digit_inside(&window, 0))
}

/// A dictionary word, in letters (not a listed password such as `0715` or `2sexy2ho`).
fn is_word(m: &Match) -> bool {
    matches!(m.pattern, MatchPattern::Dictionary(_)) && m.token.chars().all(char::is_alphabetic)
}

/// What passphrase generators put between words.
fn is_separator_char(c: char) -> bool {
    matches!(c, ' ' | '-' | '_' | '.')
}

fn is_separator(m: &Match) -> bool {
    matches!(m.pattern, MatchPattern::BruteForce) && m.token.chars().all(is_separator_char)
}

/// A word said twice, with or without separators (`derailderail`, ` arrest arrest`): what a
/// generator drawing words independently writes now and then. A word three times over
/// (`dogdogdogcat`) is a pattern, and keeps zxcvbn's price.
fn repeated_words(m: &Match) -> Option<&RepeatPattern> {
    match &m.pattern {
        MatchPattern::Repeat(repeat)
            if repeat.repeat_count == 2
                && repeat.base_matches.iter().all(|base| is_word(base) || is_separator(base))
                && repeat.base_matches.iter().any(is_word) =>
        {
            Some(repeat)
        }
        _ => None,
    }
}

/// Whether zxcvbn read `sequence` as words only, one of them repeated and one not.
fn is_passphrase(sequence: &[Match]) -> bool {
    sequence.iter().all(|m| is_word(m) || is_separator(m) || repeated_words(m).is_some())
        && sequence.iter().any(|m| repeated_words(m).is_some())
        && sequence.iter().any(is_word)
}

/// A repeat's matches and their guesses when each repetition counts as its words again.
fn priced_as_words(repeat: &RepeatPattern) -> (usize, u64) {
    let base = repeat.base_matches.iter().fold(1u64, |product, m| product.saturating_mul(m.guesses.unwrap_or(0)));
    let count = u32::try_from(repeat.repeat_count).unwrap_or(u32::MAX);
    (repeat.base_matches.len() * repeat.repeat_count, base.saturating_pow(count))
}

/// Where a password's letters begin and end: a digit between them is inside the word part of
/// the password, not padding around it.
struct Letters {
    first: usize,
    last: usize,
}

impl Letters {
    /// The password's letters, if it has any.
    fn of(password: &str) -> Option<Self> {
        let mut letters =
            password.chars().take(ZXCVBN_WINDOW_CHARS).enumerate().filter(|(_, c)| c.is_alphabetic()).map(|(at, _)| at);
        let first = letters.next()?;
        Some(Self { first, last: letters.last().unwrap_or(first) })
    }

    fn is_inside(&self, at: usize) -> bool {
        self.first < at && at < self.last
    }

    /// A match's guesses; a random run (alone, or repeated) priced by its alphabet.
    fn repriced(&self, m: &Match) -> u64 {
        let guesses = m.guesses.unwrap_or(0);
        match &m.pattern {
            MatchPattern::BruteForce if self.has_digit_inside(&m.token, m.i) || has_rare_pair(&m.token) => {
                guesses.max(alphabet_search(&m.token))
            }
            MatchPattern::Repeat(repeat) => match repeat.base_matches.as_slice() {
                [base]
                    if matches!(base.pattern, MatchPattern::BruteForce)
                        && self.has_digit_inside(&repeat.base_token, m.i) =>
                {
                    guesses.max(alphabet_search(&repeat.base_token).saturating_mul(repeat.repeat_count as u64))
                }
                _ => guesses,
            },
            _ => guesses,
        }
    }

    /// Whether `run`, from character `start` on, holds a letter and a digit inside the
    /// password's letters.
    fn has_digit_inside(&self, run: &str, start: usize) -> bool {
        run.chars().any(char::is_alphabetic)
            && run.chars().enumerate().any(|(offset, c)| c.is_ascii_digit() && self.is_inside(start + offset))
    }
}

/// Whether `run` holds two adjacent letters that words hardly ever hold together.
fn has_rare_pair(run: &str) -> bool {
    run.to_ascii_lowercase()
        .as_bytes()
        .windows(2)
        .any(|pair| zxcvbn_bounded::letter_pair_count(pair[0], pair[1]).is_some_and(|count| count < RARE_PAIR_COUNT))
}

/// Guesses to search every string of `run`'s length over the classes it uses.
fn alphabet_search(run: &str) -> u64 {
    let alphabet: u64 = classes_in(run).into_iter().map(brute_force_alphabet).sum();
    alphabet.saturating_pow(u32::try_from(run.chars().count()).unwrap_or(u32::MAX))
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
        for password in [
            "kkhebeq78x", // a digit inside the letters
            "nnnml2dzdr",
            "1xhs7311is",
            "d1qd1qz25i",
            "aggjcuster", // `gj`, which words hardly hold
            "gl0ri4qkg9", // `qk`
            "cqv4172006", // `cq`, beside a date
            "36ahvppqrs", // `hv`
        ] {
            assert_eq!(zxcvbn_bounded::zxcvbn(password, &[]).score(), Score::Two, "{password}");
            assert_eq!(estimate(password).score, Score::Three, "{password}"); // at most 3
            assert!(!scores_below(password, &[], Score::Three), "{password}");
        }
    }

    #[test]
    fn a_repeated_word_in_a_passphrase_counts_as_its_words() {
        for password in ["fifteenderailderail", "proud arrest arrest", "spoken spoken cross", "surfacesurfacedad"] {
            assert!(zxcvbn_bounded::zxcvbn(password, &[]).score() < Score::Three, "{password}");
            assert_eq!(estimate(password).score, Score::Three, "{password}");
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
            "no1knman",           // shorter than MIN_CHARS
            "greatwall8",         // `wall8`: a word with a digit after it
            "ckfdrfckfdrf",       // an unknown word doubled, as John's rules do
            "monkeymonkeymonkey", // one word repeated, and nothing else
            "dogdogdogcatcat",    // a word three times
            "passwordpassword1",  // a repeated word beside a digit
            "the07150715",        // a repeated listed password, not a word
            "qwerty123",
            "dragon2024",
        ] {
            let entropy = zxcvbn_bounded::zxcvbn(password, &[]);
            assert_eq!(estimate(password).score, entropy.score(), "{password}");
            assert_eq!(scores_below(password, &[], Score::Three), entropy.score() < Score::Three, "{password}");
        }
    }
}
