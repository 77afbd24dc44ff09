//! The compiled blocklist of common and breached passwords and of English dictionary words
//! (see `data/*.SOURCE.md`), and the cracking rules undone against it (`crate::rules`).

use std::sync::OnceLock;

use crate::key_source::PASSWORD;
use crate::normalize::{cores, fold_case, MIN_CORE_CHARS};

static BLOCKLIST_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/blocklist.fst"));

fn blocklist() -> &'static fst::Map<&'static [u8]> {
    static MAP: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| fst::Map::new(BLOCKLIST_FST).expect("build.rs writes a valid FST"))
}

/// Loads the blocklist now, so that the first request does not pay for it.
pub fn warm_up() {
    blocklist();
}

/// How a password matched the blocklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommonMatch {
    /// The password, or a core it hides behind case, look-alikes and padding, is a listed
    /// password.
    Listed,
    /// A cracking rule, or two, would make it from a listed password or word (`crate::rules`).
    Mangled,
    /// One dictionary word or name: bare, or with case, look-alikes and predictable padding, a
    /// prefix or an inflection (`crate::rules`).
    DictionaryWord,
}

/// Whether, and how, the password is a common one.
pub fn common_match(password: &str) -> Option<CommonMatch> {
    let map = blocklist();
    let folded = fold_case(password);
    let whole = (!folded.is_empty()).then(|| map.get(&folded)).flatten();
    let cores = cores(password);
    let sources = whole.into_iter().chain(cores.iter().filter_map(|core| {
        let core_chars = core.chars().count();
        (core_chars >= MIN_CORE_CHARS
            && crate::rules::padding_is_predictable(core_chars, password.chars().count().saturating_sub(core_chars)))
        .then(|| map.get(core))
        .flatten()
    }));
    match sources.min() {
        Some(PASSWORD) => Some(CommonMatch::Listed),
        Some(_) => Some(CommonMatch::DictionaryWord),
        None if crate::rules::is_mangled(map.as_fst(), password) => Some(CommonMatch::Mangled),
        None if crate::rules::is_padded_dictionary_word(password) => Some(CommonMatch::DictionaryWord),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_disguised_common_passwords() {
        for password in ["password", "P@ssw0rd2024!", "QWERTY", "iloveyou!!", "Dr@gon99", "123456"] {
            assert_eq!(common_match(password), Some(CommonMatch::Listed), "{password} should be listed");
        }
    }

    #[test]
    fn catches_dictionary_words_and_names_in_no_password_list() {
        // The README's examples of both dictionary families: the compiled dictionary, and
        // zxcvbn's names and film words padded, cut, inflected or after a prefix.
        for password in [
            "Osteosclerosis",
            "Pecuniarily4",
            "3caravansary!",
            "D3ftness2",
            "Longoria1987",
            "Stenbec9",
            "Quartermaining",
            "ilovecorinthos0",
            "lilcassadine69",
        ] {
            assert_eq!(common_match(password), Some(CommonMatch::DictionaryWord), "{password} should be a word");
        }
    }

    #[test]
    fn passes_uncommon_passwords() {
        for password in ["", "correct horse battery staple", "vK7#qPz!2mWx", "Xq!9ab", "kettle-otter-quiet-7"] {
            assert_eq!(common_match(password), None, "{password} should not be listed");
        }
    }

    #[test]
    fn catches_mangled_common_passwords() {
        for password in ["Yeknomyeknom", "monkeymonkey", "Enihsnus2024!", "computering", "Starwarsed!", "Princessess1"]
        {
            assert_eq!(common_match(password), Some(CommonMatch::Mangled), "{password} should be mangled");
        }
    }

    #[test]
    fn the_readme_examples_of_each_rule_family_are_common() {
        for password in [
            "PASSword",
            "P@55w0rd",
            "1Dragon2024!",
            "Drowssap",
            "MonkeyMonkey",
            "dragonnogard",
            "nogarddragon",
            "ppaasssswwoorrdd",
            "asswordp",
            "thedragon",
            "Dragoned",
            "monkeying",
            "babies",
            "wolves",
            "Vincenzing",
            "passwrd",
            "passsword",
            "PasswOrt",
            "Jesusliv123",
            "BSKTBLL",
            "Delldells",
            "babybabied",
            "Enihsnus2024!",
        ] {
            assert!(common_match(password).is_some(), "{password} should be common");
        }
    }
}
