//! The value of a blocklist key: the source build.rs found it in, which the feedback names.

/// A password list (or a core of one of its entries); a key also in the dictionary counts here.
pub const PASSWORD: u64 = 0;
/// The dictionary only.
pub const DICTIONARY_WORD: u64 = 1;

// Of the sources a password matches, the least names it: a password list before the dictionary.
const _: () = assert!(PASSWORD < DICTIONARY_WORD);
