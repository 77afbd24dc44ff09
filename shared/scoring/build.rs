//! Compiles the blocklist corpora (`data/*.SOURCE.md`) into an FST map (`blocklist.fst` in
//! `OUT_DIR`), holding each entry's case-folded form and its cores, so the binary embeds it and
//! never reads a file. Each key maps to its source (`src/key_source.rs`), so the feedback can
//! say which it matched. `data/held-out-passwords.txt` is kept out on purpose
//! (docs/QUALITY.md).

use std::collections::BTreeMap;
use std::{env, fs, path::PathBuf};

#[path = "src/key_source.rs"]
mod key_source;
#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use key_source::{DICTIONARY_WORD, PASSWORD};

/// The corpora and their source, passwords first: a key in both counts as a password.
const CORPORA: [(&str, u64); 3] = [
    ("data/common-passwords.txt", PASSWORD),
    ("data/breached-passwords.txt", PASSWORD),
    ("data/dictionary-words.txt", DICTIONARY_WORD),
];

fn main() {
    for (corpus, _) in CORPORA {
        println!("cargo:rerun-if-changed={corpus}");
    }
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("blocklist.fst");
    if env::var_os("CARGO_FEATURE_PASSWORD_ASSESSMENT").is_none() {
        return;
    }
    let mut keys = BTreeMap::new();
    for (corpus, source) in CORPORA {
        let text = fs::read_to_string(corpus).expect("the blocklist corpora are part of the crate");
        for entry in text.lines().filter(|line| !line.is_empty()) {
            let folded = normalize::fold_case(entry);
            if !folded.is_empty() {
                keys.entry(folded).or_insert(source);
            }
            for core in normalize::cores(entry) {
                if core.chars().count() >= normalize::MIN_CORE_CHARS {
                    keys.entry(core).or_insert(source);
                }
            }
        }
    }
    let map = fst::Map::from_iter(keys).expect("a BTreeMap iterates in sorted order");
    fs::write(&out, map.as_fst().as_bytes()).expect("OUT_DIR is writable");
}
