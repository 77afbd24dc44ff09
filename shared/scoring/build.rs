//! Compiles the blocklist corpora (`data/*.SOURCE.md`) into an FST set (`blocklist.fst` in
//! `OUT_DIR`), holding each entry's case-folded form and its cores, so the binary embeds it and
//! never reads a file. `data/held-out-passwords.txt` is kept out on purpose (docs/QUALITY.md).

use std::collections::BTreeSet;
use std::{env, fs, path::PathBuf};

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

const CORPORA: [&str; 2] = ["data/common-passwords.txt", "data/breached-passwords.txt"];

fn main() {
    for corpus in CORPORA {
        println!("cargo:rerun-if-changed={corpus}");
    }
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("blocklist.fst");
    if env::var_os("CARGO_FEATURE_PASSWORD_ASSESSMENT").is_none() {
        return;
    }
    let corpora: Vec<String> = CORPORA
        .iter()
        .map(|corpus| fs::read_to_string(corpus).expect("the blocklist corpora are part of the crate"))
        .collect();
    let mut keys = BTreeSet::new();
    for entry in corpora.iter().flat_map(|corpus| corpus.lines()).filter(|line| !line.is_empty()) {
        let folded = normalize::fold_case(entry);
        if !folded.is_empty() {
            keys.insert(folded);
        }
        for core in normalize::cores(entry) {
            if core.chars().count() >= normalize::MIN_CORE_CHARS {
                keys.insert(core);
            }
        }
    }
    let set = fst::Set::from_iter(keys).expect("a BTreeSet iterates in sorted order");
    fs::write(&out, set.as_fst().as_bytes()).expect("OUT_DIR is writable");
}
