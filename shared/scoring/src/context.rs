//! Context words: what the caller knows about the account (project id, user name, e-mail, names).

use crate::normalize::{canonical, cores};

/// A context word shorter than this is too generic to forbid inside a password.
pub const MIN_CONTAINED_WORD_CHARS: usize = 4;

/// How a password relates to the account's context words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextMatch {
    /// The password is a context word, or one reversed (DDM's "not the user name or its reverse").
    Equal,
    /// The password contains a context word of [`MIN_CONTAINED_WORD_CHARS`] or more characters,
    /// forwards or reversed.
    Contains,
}

/// Splits `alice.smith@example.com` into itself and `alice`, `smith`, `example`, `com`.
fn expand(word: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(word)
        .chain(word.split(|c: char| !c.is_alphanumeric()))
        .map(canonical)
        .filter(|word| !word.is_empty())
}

/// Compares in canonical form, so `Al1ce` matches the user name `alice`.
pub fn match_context(password: &str, context_words: &[&str]) -> Option<ContextMatch> {
    if context_words.is_empty() {
        return None;
    }
    let whole = canonical(password);
    let reversed: String = whole.chars().rev().collect();
    let password_cores = cores(password);
    let mut found = None;
    for word in context_words.iter().flat_map(|word| expand(word)) {
        if word == whole || word == reversed || password_cores.contains(&word) {
            return Some(ContextMatch::Equal);
        }
        if word.chars().count() >= MIN_CONTAINED_WORD_CHARS && (whole.contains(&word) || reversed.contains(&word)) {
            found = Some(ContextMatch::Contains);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_reversed_or_padded_context_word() {
        assert_eq!(match_context("alice", &["Alice"]), Some(ContextMatch::Equal));
        assert_eq!(match_context("ecila", &["alice"]), Some(ContextMatch::Equal));
        assert_eq!(match_context("Bob2024!", &["bob"]), Some(ContextMatch::Equal));
    }

    #[test]
    fn contains_a_long_enough_context_word() {
        let words = ["alice.smith@example.com"];
        assert_eq!(match_context("my-Sm1th-horse-battery", &words), Some(ContextMatch::Contains));
        assert_eq!(match_context("horse-htims-battery", &words), Some(ContextMatch::Contains));
        assert_eq!(match_context("xbobx-horse-battery", &["bob"]), None);
        assert_eq!(match_context("anything", &[]), None);
    }
}
