//! The benchmark corpora, one password per line.

/// Common passwords, random ones, passphrases, names with digits.
pub fn typical() -> Vec<&'static str> {
    lines(include_str!("../typical-passwords.txt"))
}

/// Up to the length bound: long repeats, l33t-heavy strings, digit runs, dates, keyboard walks,
/// mixed scripts.
pub fn adversarial() -> Vec<&'static str> {
    lines(include_str!("../adversarial-passwords.txt"))
}

fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines().filter(|line| !line.is_empty()).collect()
}
