//! zxcvbn's ranked frequency lists, compiled by `build.rs` into one FST over every word and the
//! ranks each word has in each list.

use fst::Map;

#[derive(Copy, Clone, Debug, Eq, PartialEq, Hash, Default)]
pub enum DictionaryType {
    #[default]
    Passwords,
    English,
    FemaleNames,
    MaleNames,
    Surnames,
    UsTvAndFilm,
    UserInputs,
}

/// The ranked dictionaries, in the order of `build.rs`'s lists (upstream iterates a `HashMap`,
/// in an order that changes from process to process).
const RANKED_DICTIONARIES: [DictionaryType; 6] = [
    DictionaryType::Passwords,
    DictionaryType::English,
    DictionaryType::FemaleNames,
    DictionaryType::MaleNames,
    DictionaryType::Surnames,
    DictionaryType::UsTvAndFilm,
];

// How many characters the longest ranked word has.
include!(concat!(env!("OUT_DIR"), "/longest_ranked_word.rs"));

static RANKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ranks.bin"));

lazy_static! {
    /// Every word of every ranked dictionary; its value tells where (see [`ranks`]).
    pub(crate) static ref RANKED_WORDS: Map<&'static [u8]> =
        Map::new(include_bytes!(concat!(env!("OUT_DIR"), "/ranked_words.fst")).as_slice())
            .expect("build.rs writes a valid FST");
}

/// Each ranked dictionary holding a word, with the word's rank there, from the word's value in
/// [`RANKED_WORDS`].
pub(crate) fn ranks(value: u64) -> impl Iterator<Item = (DictionaryType, usize)> {
    let offset = (value >> 6) as usize;
    RANKED_DICTIONARIES
        .iter()
        .enumerate()
        .filter(move |(index, _)| value & (1 << index) != 0)
        .enumerate()
        .map(move |(nth, (_, &dictionary))| {
            let at = 2 * (offset + nth);
            (
                dictionary,
                u16::from_le_bytes([RANKS[at], RANKS[at + 1]]) as usize,
            )
        })
}
