//! What the matchers found. Dictionary words are kept compact, their guesses estimated as they
//! are found: a long password has thousands (every `a`, `aa`, `aaa`… at every position, in six
//! dictionaries, forwards and reversed), the search needs only their spans and guesses, and only
//! the few in its answer are built as `Match`es. Upstream builds a `Match`, with two strings,
//! for each.

use super::patterns::{DictionaryPattern, MatchPattern};
use super::Match;
use crate::frequency_lists::DictionaryType;
use crate::scoring::{
    dictionary_guesses, estimate_guesses, min_guesses, substitution_variations,
    uppercase_variations_of,
};
use itertools::Itertools;
use std::collections::HashMap;
use std::ops::Range;

/// Every match found in a password, in the order the matchers found them.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    /// The dictionary matchers' words (the first three matchers'), less those no cheaper than
    /// an earlier one over the same span (`is_cheapest`).
    pub(crate) words: Vec<WordMatch>,
    /// The words' spellings, end to end.
    spellings: String,
    /// The l33t substitutions the words use, end to end.
    substitutions: Vec<(char, char)>,
    /// The other matchers' matches.
    pub(crate) others: Vec<Match>,
    /// The fewest guesses of the words found so far over each span: by start, (end, guesses).
    cheapest: Vec<Vec<(usize, u64)>>,
}

/// A dictionary match, compact: what `Matches::word_match` builds its `Match` from.
#[derive(Debug)]
pub(crate) struct WordMatch {
    pub i: usize,
    pub j: usize,
    /// As `estimate_guesses` gives its `Match`.
    pub guesses: u64,
    rank: usize,
    dictionary: DictionaryType,
    reversed: bool,
    /// Its spelling, a range of `Matches::spellings`.
    spelling: Range<usize>,
    /// The substitutions it uses, a range of `Matches::substitutions`, if it is l33t.
    substitutions: Option<Range<usize>>,
}

/// A dictionary word found over characters `i..=j` of a password.
pub(crate) struct Word<'a> {
    pub i: usize,
    pub j: usize,
    pub spelling: &'a str,
    pub rank: usize,
    pub dictionary: DictionaryType,
    pub reversed: bool,
    /// The l33t substitutions that spell it, if any.
    pub substitutions: Option<&'a [(char, char)]>,
}

impl Matches {
    /// Adds `word`, whose token (`password[word.i..=word.j]`) is `token`, in a password of
    /// `password_len` characters.
    pub(crate) fn push_word(&mut self, word: Word<'_>, token: &[char], password_len: usize) {
        let l33t_variations = match word.substitutions {
            Some(substitutions) => substitution_variations(
                substitutions
                    .iter()
                    .map(|(subbed, unsubbed)| (subbed, unsubbed)),
                token,
            ),
            None => 1,
        };
        let guesses = dictionary_guesses(
            word.rank,
            uppercase_variations_of(token),
            l33t_variations,
            word.reversed,
        )
        .max(min_guesses(token.len(), password_len));
        if !self.is_cheapest(word.i, word.j, guesses) {
            return;
        }
        let spelling = self.spellings.len()..self.spellings.len() + word.spelling.len();
        self.spellings.push_str(word.spelling);
        let substitutions = word.substitutions.map(|substitutions| {
            let range = self.substitutions.len()..self.substitutions.len() + substitutions.len();
            self.substitutions.extend_from_slice(substitutions);
            range
        });
        self.words.push(WordMatch {
            i: word.i,
            j: word.j,
            guesses,
            rank: word.rank,
            dictionary: word.dictionary,
            reversed: word.reversed,
            spelling,
            substitutions,
        });
    }

    /// Whether a word over `i..=j` with `guesses` can change the search's answer: not if a word
    /// found before it over the same span takes at most as many. The search meets the words
    /// over a span in the order they were found, and every sequence the later one would end,
    /// the earlier one ended with at most as many guesses, which rejects it. (Upstream meets
    /// them in an order that depends on `HashMap` iteration; this order is one of those.)
    fn is_cheapest(&mut self, i: usize, j: usize, guesses: u64) -> bool {
        if self.cheapest.len() <= i {
            self.cheapest.resize_with(i + 1, Vec::new);
        }
        let ends = &mut self.cheapest[i];
        match ends.iter_mut().find(|(end, _)| *end == j) {
            Some((_, cheapest)) if *cheapest <= guesses => false,
            Some((_, cheapest)) => {
                *cheapest = guesses;
                true
            }
            None => {
                ends.push((j, guesses));
                true
            }
        }
    }

    /// Word `index` as the `Match` upstream would have built, its guesses estimated.
    pub(crate) fn word_match(&self, index: usize, password: &str) -> Match {
        let word = &self.words[index];
        let sub: Option<HashMap<char, char>> = word
            .substitutions
            .clone()
            .map(|range| self.substitutions[range].iter().copied().collect());
        let pattern = DictionaryPattern {
            matched_word: self.spellings[word.spelling.clone()].to_string(),
            rank: word.rank,
            dictionary_name: word.dictionary,
            reversed: word.reversed,
            l33t: sub.is_some(),
            sub_display: sub.as_ref().map(|sub| {
                sub.iter()
                    .map(|(subbed, unsubbed)| format!("{} -> {}", subbed, unsubbed))
                    .join(", ")
            }),
            sub,
            ..DictionaryPattern::default()
        };
        let mut m = Match {
            i: word.i,
            j: word.j,
            token: password
                .chars()
                .skip(word.i)
                .take(word.j - word.i + 1)
                .collect(),
            pattern: MatchPattern::Dictionary(pattern),
            guesses: None,
        };
        let guesses = estimate_guesses(&mut m, password.chars().count());
        debug_assert_eq!(guesses, word.guesses, "one estimate, two ways");
        m
    }

    /// Every match as a `Match`, words first.
    #[cfg(test)]
    pub(crate) fn into_vec(mut self, password: &str) -> Vec<Match> {
        let mut matches: Vec<Match> = (0..self.words.len())
            .map(|index| self.word_match(index, password))
            .collect();
        matches.append(&mut self.others);
        matches
    }
}

// The search's own tests hand it matches they build.
#[cfg(test)]
impl From<Vec<Match>> for Matches {
    fn from(others: Vec<Match>) -> Self {
        Matches {
            others,
            ..Matches::default()
        }
    }
}

#[cfg(test)]
impl From<&[Match]> for Matches {
    fn from(others: &[Match]) -> Self {
        others.to_vec().into()
    }
}

#[cfg(test)]
impl<const N: usize> From<&[Match; N]> for Matches {
    fn from(others: &[Match; N]) -> Self {
        others.to_vec().into()
    }
}
