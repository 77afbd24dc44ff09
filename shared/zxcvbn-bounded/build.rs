//! Compiles each frequency list in `data/` (one word per line, most frequent first) into an FST
//! map from word to rank (its line number), written to `OUT_DIR` and embedded in the binary.
//! An FST can be walked one character at a time, so the dictionary matcher stops at the first
//! character no word continues with, instead of looking up every substring.

use std::collections::BTreeMap;
use std::{env, fs, path::PathBuf};

const LISTS: [&str; 6] = [
    "passwords",
    "english_wikipedia",
    "female_names",
    "male_names",
    "surnames",
    "us_tv_and_film",
];

fn main() {
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for list in LISTS {
        let source = format!("data/{list}.txt");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).expect("the frequency lists are part of the crate");
        // Upstream collects (word, rank) pairs into a map, so a repeated word keeps its last rank.
        let ranks: BTreeMap<&str, u64> = text
            .lines()
            .enumerate()
            .map(|(index, word)| (word, index as u64 + 1))
            .collect();
        let map = fst::Map::from_iter(ranks).expect("a BTreeMap iterates in sorted order");
        fs::write(out_dir.join(format!("{list}.fst")), map.as_fst().as_bytes())
            .expect("OUT_DIR is writable");
    }
}
