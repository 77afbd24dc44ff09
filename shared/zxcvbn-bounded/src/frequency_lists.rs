//! zxcvbn's ranked frequency lists, compiled by `build.rs` into FST maps from word to rank.

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

macro_rules! ranked_dictionary {
    ($list:literal) => {
        Map::new(include_bytes!(concat!(env!("OUT_DIR"), "/", $list, ".fst")).as_slice())
            .expect("build.rs writes a valid FST")
    };
}

lazy_static! {
    /// Every ranked dictionary, in a fixed order (upstream iterates a `HashMap`, in an order that
    /// changes from process to process).
    pub(crate) static ref RANKED_DICTIONARIES: [(DictionaryType, Map<&'static [u8]>); 6] = [
        (DictionaryType::Passwords, ranked_dictionary!("passwords")),
        (DictionaryType::English, ranked_dictionary!("english_wikipedia")),
        (DictionaryType::FemaleNames, ranked_dictionary!("female_names")),
        (DictionaryType::MaleNames, ranked_dictionary!("male_names")),
        (DictionaryType::Surnames, ranked_dictionary!("surnames")),
        (DictionaryType::UsTvAndFilm, ranked_dictionary!("us_tv_and_film")),
    ];
}
