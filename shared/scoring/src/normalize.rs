//! Canonical forms of a password, so that trivial disguises of a common word still match it.
//!
//! This file is also compiled into `build.rs`, which folds the blocklist with the very same
//! functions: the compiled set and the run-time lookup can never disagree.

use unicode_normalization::UnicodeNormalization;

/// A core shorter than this is too generic to call a password "common" (`Xq!9ab` is not `ab`).
pub const MIN_CORE_CHARS: usize = 4;

/// Unicode NFKC, then lower case: full-width letters, ligatures and case never hide a word.
pub fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        // NFKC leaves ASCII as it is; most passwords are ASCII, and NFKC costs far more.
        return text.to_ascii_lowercase();
    }
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// Look-alike symbols, each folded onto the letter it stands for.
fn unleet_symbol(c: char) -> char {
    match c {
        '@' => 'a',
        '(' => 'c',
        '!' | '|' => 'i',
        '$' => 's',
        '+' => 't',
        other => other,
    }
}

/// Look-alike digits, plus `l`, which `1` and `|` stand for as often as for `i`: folding both
/// letters onto one keeps `he11o` and `hello` together.
fn unleet_digit(c: char) -> char {
    match c {
        '4' => 'a',
        '8' => 'b',
        '3' => 'e',
        '6' | '9' => 'g',
        '1' | 'l' => 'i',
        '0' => 'o',
        '5' => 's',
        '7' => 't',
        '2' => 'z',
        other => other,
    }
}

fn unleet(c: char) -> char {
    unleet_digit(unleet_symbol(c))
}

/// Case- and look-alike-folded text, with nothing removed: used for context-word containment.
pub fn canonical(text: &str) -> String {
    fold_case(text).chars().map(unleet).collect()
}

/// Digits, symbols and spaces around a word are the usual padding (`Password2024!`).
fn is_padding(c: char) -> bool {
    !c.is_alphabetic()
}

/// The cores a password may hide, each padding-stripped and folded.
///
/// Two orders are needed: stripping first catches `P@ssw0rd2024!` (the `!` is padding), while
/// folding symbols first keeps a leading look-alike such as the `@` of `@dmin1`.
pub fn cores(password: &str) -> [String; 2] {
    let folded = fold_case(password);
    let strip_first = folded.trim_matches(is_padding).chars().map(unleet).collect();
    let symbols_first: String = folded.chars().map(unleet_symbol).collect();
    let symbols_first = symbols_first.trim_matches(is_padding).chars().map(unleet_digit).collect();
    [strip_first, symbols_first]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_and_leet_fold_to_the_word() {
        assert_eq!(cores("P@ssw0rd2024!")[0], "password");
        assert_eq!(cores("@dmin1")[1], "admin");
        assert_eq!(canonical("HELLO"), canonical("he11o"));
    }

    #[test]
    fn nfkc_and_case_folding() {
        // Full-width letters are compatibility variants of ASCII ones.
        assert_eq!(fold_case("ＰＡＳＳ"), "pass");
        assert_eq!(fold_case("ÉTÉ"), "été");
        assert_eq!(fold_case("MiXeD 123!"), "mixed 123!");
    }

    #[test]
    fn all_padding_has_an_empty_core() {
        assert_eq!(cores("2024-01-01"), [String::new(), String::new()]);
    }
}
