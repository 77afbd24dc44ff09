//! A project's own banned words (its brand, products, city...), matched as Microsoft Entra
//! Password Protection matches a tenant's custom list: in the blocklist's normalised form, as a
//! substring, and within one edit.
//!
//! A banned word alone does not decide: what remains of the password once every banned word
//! is cut out must be strong on its own ([`BannedWords::remainder`], then the assessor scores
//! it), so `contoso hires purple kangaroos` passes where `Contoso2024!` does not.

use crate::normalize::{canonical, MIN_CORE_CHARS};

/// A project may ban at most this many words...
pub const MAX_BANNED_WORDS: usize = 1000;
/// ...each of this many characters at least...
pub const MIN_BANNED_WORD_CHARS: usize = 4;
/// ...and at most.
pub const MAX_BANNED_WORD_CHARS: usize = 32;

/// A list of banned words, folded once (at policy load) into the form passwords are compared in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BannedWords {
    words: Vec<BannedWord>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BannedWord {
    chars: Vec<char>,
    /// The two halves: one edit leaves at least one of them intact, so a password holding
    /// neither cannot match (a cheap filter before the edit-distance scan).
    halves: [String; 2],
}

impl BannedWord {
    fn new(canonical: String) -> Self {
        let chars: Vec<char> = canonical.chars().collect();
        let middle = chars.len() / 2;
        let halves = [chars[..middle].iter().collect(), chars[middle..].iter().collect()];
        Self { chars, halves }
    }
}

impl BannedWords {
    /// Folds `words` (validated by the caller: see [`MIN_BANNED_WORD_CHARS`] and friends);
    /// duplicates after folding count once, and a word folding to nothing is dropped.
    pub fn new<I, S>(words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut folded: Vec<String> =
            words.into_iter().map(|word| canonical(word.as_ref())).filter(|word| !word.is_empty()).collect();
        folded.sort();
        folded.dedup();
        Self { words: folded.into_iter().map(BannedWord::new).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// `None` when no banned word occurs in `password`; else the password, folded, with every
    /// occurrence cut out: each window of its folded form that is a banned word within one
    /// edit (a letter changed, added or removed; never shorter than [`MIN_CORE_CHARS`]).
    pub fn remainder(&self, password: &str) -> Option<String> {
        if self.words.is_empty() {
            return None;
        }
        let folded = canonical(password);
        let chars: Vec<char> = folded.chars().collect();
        let mut banned = vec![false; chars.len()];
        let mut found = false;
        for word in &self.words {
            if !word.halves.iter().any(|half| folded.contains(half.as_str())) {
                continue;
            }
            let n = word.chars.len();
            for length in [n, n + 1, n.saturating_sub(1)] {
                if length < MIN_CORE_CHARS || length > chars.len() {
                    continue;
                }
                for start in 0..=chars.len() - length {
                    let window = &chars[start..start + length];
                    if within_one_edit(window, &word.chars) {
                        banned[start..start + length].iter_mut().for_each(|cut| *cut = true);
                        found = true;
                    }
                }
            }
        }
        found.then(|| chars.iter().zip(&banned).filter(|(_, cut)| !**cut).map(|(c, _)| *c).collect())
    }
}

/// Whether `a` becomes `b` with at most one substitution, insertion or deletion.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match longer.len() - shorter.len() {
        0 => shorter.iter().zip(longer).filter(|(x, y)| x != y).count() <= 1,
        1 => {
            let prefix = shorter.iter().zip(longer).take_while(|(x, y)| x == y).count();
            shorter[prefix..] == longer[prefix + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn one_edit_at_most() {
        assert!(within_one_edit(&chars("contoso"), &chars("contoso")));
        assert!(within_one_edit(&chars("contosso"), &chars("contoso")));
        assert!(within_one_edit(&chars("contso"), &chars("contoso")));
        assert!(within_one_edit(&chars("kontoso"), &chars("contoso")));
        assert!(!within_one_edit(&chars("kontosso"), &chars("contoso")));
        assert!(!within_one_edit(&chars("contosoxx"), &chars("contoso")));
    }

    #[test]
    fn cuts_every_disguised_occurrence() {
        let banned = BannedWords::new(["Contoso"]);
        assert_eq!(banned.remainder("Contoso2024!").as_deref(), Some("ozai"));
        assert_eq!(banned.remainder("c0nt0s0!").as_deref(), Some(""));
        assert_eq!(banned.remainder("contosso1").as_deref(), Some("i"));
        assert_eq!(banned.remainder("ＣＯＮＴＯＳＯ").as_deref(), Some(""));
        assert_eq!(banned.remainder("my contoso and kontoso").as_deref(), Some("myand "));
        assert_eq!(banned.remainder("correct horse battery staple"), None);
    }

    #[test]
    fn duplicates_fold_together_and_nothing_bans_nothing() {
        assert_eq!(BannedWords::new(["Contoso", "c0nt0so", "contoso"]).len(), 1);
        assert_eq!(BannedWords::new(Vec::<String>::new()).remainder("anything"), None);
    }
}
