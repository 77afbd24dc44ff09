//! Compiles the frequency lists in `data/` (one word per line, most frequent first, so a word's
//! rank is its line number) into one FST over every word, written to `OUT_DIR` with the ranks it
//! points to, and embedded in the binary. An FST can be walked one character at a time, so the
//! dictionary matcher stops at the first character no word continues with, instead of looking
//! up every substring; one FST for all lists means one walk instead of six.
//!
//! A word's value in the FST is `offset << 6 | lists`: bit d of `lists` says whether list d
//! holds the word, and its rank in each of those lists, in list order, is a little-endian u16
//! in `ranks.bin`, from u16 number `offset` on.
//!
//! It also counts, over the lists of words and names, how often each lower-case letter follows
//! another (`letter_pairs.rs`, for `letter_pair_count`).

use std::collections::BTreeMap;
use std::{env, fs, path::PathBuf};

/// In the order of `frequency_lists::RANKED_DICTIONARIES`.
const LISTS: [&str; 6] = [
    "passwords",
    "english_wikipedia",
    "female_names",
    "male_names",
    "surnames",
    "us_tv_and_film",
];

fn main() {
    let mut letter_pairs = [[0u32; 26]; 26];
    let mut ranks: BTreeMap<String, [u16; LISTS.len()]> = BTreeMap::new();
    for (list_index, list) in LISTS.iter().enumerate() {
        let source = format!("data/{list}.txt");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).expect("the frequency lists are part of the crate");
        // Letter pairs are counted in words and names, not in passwords.
        if *list != "passwords" {
            for word in text.lines() {
                for pair in word.as_bytes().windows(2) {
                    if pair.iter().all(u8::is_ascii_lowercase) {
                        letter_pairs[usize::from(pair[0] - b'a')][usize::from(pair[1] - b'a')] += 1;
                    }
                }
            }
        }
        // Upstream collects (word, rank) pairs into a map, so a repeated word keeps its last rank.
        for (index, word) in text.lines().enumerate() {
            let rank = u16::try_from(index + 1).expect("no list has 65535 words");
            ranks.entry(word.to_owned()).or_default()[list_index] = rank;
        }
    }
    let mut rank_bytes: Vec<u8> = Vec::new();
    let mut words = fst::MapBuilder::memory();
    for (word, word_ranks) in &ranks {
        let offset = (rank_bytes.len() / 2) as u64;
        let mut lists = 0u64;
        for (list_index, rank) in word_ranks.iter().enumerate().filter(|(_, &rank)| rank > 0) {
            lists |= 1 << list_index;
            rank_bytes.extend(rank.to_le_bytes());
        }
        words
            .insert(word, offset << 6 | lists)
            .expect("a BTreeMap iterates in sorted order");
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let longest = ranks
        .keys()
        .map(|word| word.chars().count())
        .max()
        .unwrap_or(0);
    let longest_rs = format!("pub(crate) const LONGEST_RANKED_WORD_CHARS: usize = {longest};\n");
    fs::write(out_dir.join("longest_ranked_word.rs"), longest_rs).expect("OUT_DIR is writable");
    let letter_pairs_rs =
        format!("pub(crate) const LETTER_PAIR_COUNTS: [[u32; 26]; 26] = {letter_pairs:?};\n");
    fs::write(out_dir.join("letter_pairs.rs"), letter_pairs_rs).expect("OUT_DIR is writable");
    let fst = words.into_inner().expect("an in-memory FST builds");
    fs::write(out_dir.join("ranked_words.fst"), fst).expect("OUT_DIR is writable");
    fs::write(out_dir.join("ranks.bin"), rank_bytes).expect("OUT_DIR is writable");
}
