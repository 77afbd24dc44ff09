//! The strong sets: random passwords and passphrases that no cracking run will guess, so no
//! verdict may call one weak. Drawn from a fixed seed, so every run sees the same passwords.
//! Shared by `tests/false_positives.rs` and `examples/quality.rs` (`make quality`).

const SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";

/// The seed of `make test` and `make quality`.
pub const SEED: u64 = 14;

/// One strong set: its name and its passwords.
pub struct StrongSet {
    pub name: &'static str,
    pub passwords: Vec<String>,
}

/// SplitMix64: a small generator with a fixed sequence per seed, enough to draw test passwords.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound`, by rejection, so no index is favoured.
    fn below(&mut self, bound: usize) -> usize {
        let bound = bound as u64;
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let value = self.next();
            if value < zone {
                return (value % bound) as usize;
            }
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn random_strings(rng: &mut SplitMix64, count: usize, length: usize, alphabet: &str) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    (0..count).map(|_| (0..length).map(|_| *rng.pick(&alphabet)).collect()).collect()
}

fn passphrases(rng: &mut SplitMix64, count: usize, words: usize, separator: &str) -> Vec<String> {
    let list: Vec<&str> = include_str!("../data/eff-long-wordlist.txt").lines().collect();
    (0..count).map(|_| (0..words).map(|_| *rng.pick(&list)).collect::<Vec<_>>().join(separator)).collect()
}

/// `count` passwords of each strong set, drawn from `seed`.
pub fn strong_sets(count: usize, seed: u64) -> Vec<StrongSet> {
    let mut rng = SplitMix64(seed);
    let all_classes = format!("{LOWER}{UPPER}{DIGITS}{SYMBOLS}");
    let lower_digits = format!("{LOWER}{DIGITS}");
    vec![
        StrongSet {
            name: "16 letters, digits and symbols",
            passwords: random_strings(&mut rng, count, 16, &all_classes),
        },
        StrongSet { name: "12 lowercase letters", passwords: random_strings(&mut rng, count, 12, LOWER) },
        StrongSet {
            name: "10 lowercase letters and digits",
            passwords: random_strings(&mut rng, count, 10, &lower_digits),
        },
        StrongSet { name: "3 EFF words, spaced", passwords: passphrases(&mut rng, count, 3, " ") },
        StrongSet { name: "3 EFF words, run together", passwords: passphrases(&mut rng, count, 3, "") },
        StrongSet { name: "4 EFF words, spaced", passwords: passphrases(&mut rng, count, 4, " ") },
        StrongSet { name: "4 EFF words, run together", passwords: passphrases(&mut rng, count, 4, "") },
    ]
}
