//! Which rules make a password weak, beyond the blocklist and context words.

use crate::BannedWords;

/// The longest password the assessor is built for, in Unicode code points. NIST SP 800-63B
/// asks that at least 64 be accepted; the cost of an assessment is bounded by this length.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The rule set a password is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// Fewer code points than this is `too_short`.
    pub min_length: usize,
    /// More code points than this is `too_long` (`None`: up to [`MAX_PASSWORD_CHARS`]).
    pub max_length: Option<usize>,
    /// A zxcvbn score (0..=4) below this is `low_score`.
    pub min_score: u8,
    /// Distinct character classes (lower, upper, digit, other) required; 0 means none.
    pub min_character_classes: u8,
    /// The project's own banned words (none by default).
    pub banned_words: BannedWords,
}

impl PasswordPolicy {
    /// NIST SP 800-63B rev. 4: a minimum length, long passwords accepted, no composition rules.
    pub fn nist() -> Self {
        Self {
            min_length: 8,
            max_length: None,
            min_score: 3,
            min_character_classes: 0,
            banned_words: BannedWords::default(),
        }
    }

    /// Huawei Cloud DDM's own rules: 8 to 32 characters, 3 of 4 character classes.
    pub fn ddm() -> Self {
        Self {
            min_length: 8,
            max_length: Some(32),
            min_score: 3,
            min_character_classes: 3,
            banned_words: BannedWords::default(),
        }
    }
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self::nist()
    }
}

/// Counts the classes lower case, upper case, digit and anything else that occur in `password`.
pub fn character_classes(password: &str) -> u8 {
    classes_in(password).len() as u8
}

/// The classes that occur in `text`, each once.
pub fn classes_in(text: &str) -> Vec<CharacterClass> {
    let mut classes = Vec::with_capacity(4);
    for class in text.chars().map(CharacterClass::of) {
        if !classes.contains(&class) {
            classes.push(class);
        }
    }
    classes
}

/// The classes of composition rules: lower case, upper case, digits, and everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharacterClass {
    Lower,
    Upper,
    Digit,
    Other,
}

impl CharacterClass {
    pub fn of(c: char) -> Self {
        if c.is_lowercase() {
            Self::Lower
        } else if c.is_uppercase() {
            Self::Upper
        } else if c.is_ascii_digit() {
            Self::Digit
        } else {
            Self::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_character_classes() {
        assert_eq!(character_classes(""), 0);
        assert_eq!(character_classes("abc"), 1);
        assert_eq!(character_classes("aB3"), 3);
        assert_eq!(character_classes("aB3!"), 4);
        assert_eq!(character_classes("пароль"), 1);
    }
}
