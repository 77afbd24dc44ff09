//! Links the functions get-security-info runs at init and per request (`hot-functions.txt`,
//! written by `make hot-functions`) next to each other, at the start of its code. The kernel maps
//! code 64 KB around each page a process first touches, so code that runs, gathered, keeps far
//! less of the binary resident than the same code spread through it (docs/PERFORMANCE.md).

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

const HOT_FUNCTIONS: &str = "hot-functions.txt";
/// Set to `off` to link with the default layout (for linkers without `INSERT`: gold, mold).
const OPT_OUT: &str = "HOT_FUNCTIONS_LAYOUT";

fn main() {
    println!("cargo:rerun-if-changed={HOT_FUNCTIONS}");
    println!("cargo:rerun-if-env-changed={OPT_OUT}");
    // Linker scripts are ELF's. Unoptimised builds (tests, `make dev`) keep the default layout,
    // which links faster.
    let elf = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let optimised = env::var("OPT_LEVEL").is_ok_and(|level| level != "0");
    let opted_out = env::var(OPT_OUT).is_ok_and(|value| value == "off");
    if !elf || !optimised || opted_out {
        return;
    }
    // The layout only saves memory: without a list, the function links as it would by default.
    let Ok(list) = fs::read_to_string(HOT_FUNCTIONS) else {
        println!("cargo:warning={HOT_FUNCTIONS} is unreadable: default code layout");
        return;
    };
    let mut script = String::from("SECTIONS {\n  .text.hot : {\n");
    for pattern in list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')) {
        if !pattern.chars().all(|c| c.is_ascii_alphanumeric() || "_$.*".contains(c)) {
            println!("cargo:warning={HOT_FUNCTIONS}: skipped a line that is not a section name pattern");
            continue;
        }
        // LLVM puts the functions it expects to run rarely under `.text.unlikely.`.
        writeln!(script, "    *(.text.{pattern} .text.unlikely.{pattern})").expect("writing to a String");
    }
    // INSERT keeps the linker's default layout for everything else (lld, GNU ld and zig alike).
    script.push_str("  }\n} INSERT BEFORE .text;\n");
    let path = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("hot-text.ld");
    fs::write(&path, script).expect("OUT_DIR is writable");
    println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", path.display());
}
