//! Finds dictionary words in a password by walking each dictionary from every start position,
//! one character at a time, until no word continues, instead of looking up every substring
//! (upstream's way: O(n²) lookups per dictionary and per l33t substitution table).

use super::Scope;
use crate::frequency_lists::{ranks, DictionaryType, LONGEST_RANKED_WORD_CHARS, RANKED_WORDS};
use fst::raw::{CompiledAddr, Fst, Node, Output};
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

/// A substitution table: (l33t character, the letter it stands for) pairs.
pub(crate) type Substitution = Vec<(char, char)>;

/// How `table` spells `c`: the letter it stands for, or itself.
pub(crate) fn spelling(table: &Substitution, c: char) -> char {
    table
        .iter()
        .find(|&&(l33t, _)| l33t == c)
        .map_or(c, |&(_, letter)| letter)
}

/// A word found: it spans characters `i..=j` of the password, is spelt `word` after
/// lowercasing and substitution, and `tables` are the indices of the substitution tables that
/// spell it so.
pub(crate) struct Found<'w> {
    pub dictionary: DictionaryType,
    pub i: usize,
    pub j: usize,
    pub word: &'w str,
    pub rank: usize,
    tables: &'w TableSet,
    first_table: usize,
}

impl Found<'_> {
    /// The indices (into `find_words`' `tables`) of the tables that spell the word.
    pub fn tables(&self) -> impl Iterator<Item = usize> + '_ {
        self.tables.iter().map(|table| self.first_table + table)
    }
}

/// Calls `found` for every word of every dictionary spelt by `chars[i..=j]` (the lowercased
/// password, one character per character of the password) with every character translated by
/// one of `tables`, the same table throughout a word. For each chunk of up to
/// [`MAX_TABLES_PER_WALK`] tables: the ranked dictionaries (one FST), for each start i in
/// ascending order, by ascending j, a word's dictionaries in a fixed order; then the user
/// inputs. With one empty table, this finds exactly the words upstream's substring lookups
/// find. Only the words in `scope` are reported, and for anchored ones only the starts from
/// which a word could reach the end are walked.
pub(crate) fn find_words(
    chars: &[char],
    tables: &[Substitution],
    user_inputs: &HashMap<String, usize>,
    scope: Scope,
    found: &mut dyn FnMut(Found<'_>),
) {
    let mut inputs: Vec<(&str, usize)> = user_inputs
        .iter()
        .map(|(input, &rank)| (input.as_str(), rank))
        .collect();
    inputs.sort_unstable();
    let longest_input = inputs.iter().map(|(input, _)| input.chars().count()).max();
    for (chunk, tables) in tables.chunks(MAX_TABLES_PER_WALK).enumerate() {
        let substitutions = Substitutions::new(tables, chunk * MAX_TABLES_PER_WALK);
        let ranked = FstWords(RANKED_WORDS.as_fst());
        Walk::new(&ranked, chars, &substitutions, scope).run(LONGEST_RANKED_WORD_CHARS, found);
        if let Some(longest_input) = longest_input {
            let inputs = SortedWords(&inputs);
            Walk::new(&inputs, chars, &substitutions, scope).run(longest_input, found);
        }
    }
}

/// A dictionary walked one byte at a time. A step yields a small `Addr`; the node there is
/// decoded once (`node`) and read in place, as decoded nodes are large and copying one just
/// written costs more than the step itself.
trait Trie {
    /// Where a walk is.
    type Addr: Copy;
    /// What the walk reads there.
    type Node;
    fn root(&self) -> Self::Addr;
    fn node(&self, at: Self::Addr) -> Self::Node;
    /// Where `byte` leads from `node`, if any word continues with it.
    fn step(&self, node: &Self::Node, byte: u8) -> Option<Self::Addr>;
    /// Calls `each` with every dictionary holding the word spelt on the way to `node`, and
    /// the word's rank there.
    fn ranks(&self, node: &Self::Node, each: &mut dyn FnMut(DictionaryType, usize));
}

/// The ranked dictionaries, compiled into one FST by `build.rs`.
struct FstWords<'f>(&'f Fst<&'f [u8]>);

impl<'f> Trie for FstWords<'f> {
    /// A node's address, and the output gathered on the way to it.
    type Addr = (CompiledAddr, Output);
    type Node = (Node<'f>, Output);

    fn root(&self) -> Self::Addr {
        (self.0.root().addr(), Output::zero())
    }

    fn node(&self, (addr, output): Self::Addr) -> Self::Node {
        (self.0.node(addr), output)
    }

    fn step(&self, (node, output): &Self::Node, byte: u8) -> Option<Self::Addr> {
        let transition = node.transition(node.find_input(byte)?);
        Some((transition.addr, output.cat(transition.out)))
    }

    fn ranks(&self, (node, output): &Self::Node, each: &mut dyn FnMut(DictionaryType, usize)) {
        if node.is_final() {
            let value = output.cat(node.final_output()).value();
            ranks(value).for_each(|(dictionary, rank)| each(dictionary, rank));
        }
    }
}

/// The user inputs, a handful of words per call: sorted, so the words sharing a prefix are
/// adjacent. (An FST would cost more to build than the whole search.)
struct SortedWords<'a>(&'a [(&'a str, usize)]);

impl Trie for SortedWords<'_> {
    /// The words `lo..hi` share the first `depth` bytes walked.
    type Addr = (usize, usize, usize);
    type Node = (usize, usize, usize);

    fn root(&self) -> Self::Addr {
        (0, self.0.len(), 0)
    }

    fn node(&self, at: Self::Addr) -> Self::Node {
        at
    }

    fn step(&self, &(lo, hi, depth): &Self::Node, byte: u8) -> Option<Self::Addr> {
        let words = &self.0[lo..hi];
        let byte_at = |word: &str| word.as_bytes().get(depth).copied();
        let first = words.partition_point(|(word, _)| byte_at(word) < Some(byte));
        let end = words.partition_point(|(word, _)| byte_at(word) <= Some(byte));
        (first < end).then_some((lo + first, lo + end, depth + 1))
    }

    fn ranks(&self, &(lo, hi, depth): &Self::Node, each: &mut dyn FnMut(DictionaryType, usize)) {
        // A word equal to the prefix sorts first among those sharing it.
        match self.0[lo..hi].first() {
            Some((word, rank)) if word.len() == depth => each(DictionaryType::UserInputs, *rank),
            _ => {}
        }
    }
}

/// A set of substitution tables, as bits.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct TableSet(u128);

/// At most this many tables are followed in one walk; more (up to 800, for a password holding
/// every l33t character) are split across walks.
pub(crate) const MAX_TABLES_PER_WALK: usize = 128;

impl TableSet {
    const EMPTY: TableSet = TableSet(0);

    fn insert(&mut self, table: usize) {
        self.0 |= 1 << table;
    }

    fn intersection(&self, other: &TableSet) -> TableSet {
        TableSet(self.0 & other.0)
    }

    /// The indices of the tables in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..MAX_TABLES_PER_WALK).filter(|&table| self.0 & (1 << table) != 0)
    }
}

/// How the tables spell one character: each distinct spelling, with the tables that spell it so.
type Spellings = Vec<(char, TableSet)>;

/// What a walk needs to know of up to [`MAX_TABLES_PER_WALK`] substitution tables.
struct Substitutions {
    /// The spellings of each character some table substitutes; the others spell themselves.
    /// (A dozen characters at most: a list is faster to search than a map.)
    substituted: Vec<(char, Spellings)>,
    all_tables: TableSet,
    /// The index of the first table among all of `find_words`' tables.
    first_table: usize,
}

impl Substitutions {
    fn new(tables: &[Substitution], first_table: usize) -> Self {
        assert!(
            tables.len() <= MAX_TABLES_PER_WALK,
            "find_words splits the tables"
        );
        let mut all_tables = TableSet::EMPTY;
        (0..tables.len()).for_each(|table| all_tables.insert(table));
        let mut substituted: Vec<(char, Spellings)> = Vec::new();
        for &(c, _) in tables.iter().flatten() {
            if substituted.iter().any(|(known, _)| *known == c) {
                continue;
            }
            let mut spellings: Spellings = Vec::new();
            for (index, table) in tables.iter().enumerate() {
                let spelling = spelling(table, c);
                match spellings.iter_mut().find(|(known, _)| *known == spelling) {
                    Some((_, set)) => set.insert(index),
                    None => {
                        let mut set = TableSet::EMPTY;
                        set.insert(index);
                        spellings.push((spelling, set));
                    }
                }
            }
            substituted.push((c, spellings));
        }
        Substitutions {
            substituted,
            all_tables,
            first_table,
        }
    }

    fn spellings(&self, c: char) -> Option<&Spellings> {
        self.substituted
            .iter()
            .find(|(known, _)| *known == c)
            .map(|(_, spellings)| spellings)
    }
}

struct Walk<'a, T: Trie> {
    trie: &'a T,
    chars: &'a [char],
    substitutions: &'a Substitutions,
    scope: Scope,
    /// Whether a start may replay an earlier start's walk (`Replays`). Anchored walks report
    /// by position, so only the others can; and a short password has too few starts for
    /// recording them to pay.
    replays: bool,
    /// The furthest character the current start's walk has read.
    furthest: Cell<usize>,
}

impl<'a, T: Trie> Walk<'a, T> {
    fn new(trie: &'a T, chars: &'a [char], substitutions: &'a Substitutions, scope: Scope) -> Self {
        Walk {
            trie,
            chars,
            substitutions,
            scope,
            replays: scope == Scope::Everywhere && chars.len() >= MIN_REPLAY_CHARS,
            furthest: Cell::new(0),
        }
    }

    /// Walks from every start in scope; no word has more than `longest` characters.
    fn run(&self, longest: usize, found: &mut dyn FnMut(Found<'_>)) {
        let mut word = String::new();
        let len = self.chars.len();
        let starts =
            (0..len).filter(|&i| self.scope == Scope::Everywhere || i == 0 || len - i <= longest);
        let mut replays = self.replays.then(|| Replays::new(self.chars));
        for i in starts {
            let all_tables = &self.substitutions.all_tables;
            let root = self.trie.node(self.trie.root());
            let replays = match replays.as_mut() {
                Some(replays) if replays.replay(self.chars, i, found) => continue,
                Some(replays) if replays.worth_recording(i) => replays,
                _ => {
                    self.extend(&root, i, i, all_tables, &mut word, found);
                    continue;
                }
            };
            replays.start_walk(i);
            self.furthest.set(i);
            self.extend(&root, i, i, all_tables, &mut word, &mut |word| {
                replays.record(&word);
                found(word)
            });
            replays.end_walk(self.furthest.get());
        }
    }

    /// Extends the word spelt so far (`word`, reached at `at` by the `alive` tables) with
    /// character j, as each of those tables spells it. (Inlined into `spell`, its caller at
    /// every step.)
    #[inline(always)]
    fn extend(
        &self,
        at: &T::Node,
        i: usize,
        j: usize,
        alive: &TableSet,
        word: &mut String,
        found: &mut dyn FnMut(Found<'_>),
    ) {
        let c = self.chars[j];
        match self.substitutions.spellings(c) {
            None => self.spell(at, i, j, c, alive, word, found),
            Some(spellings) => {
                for (spelling, tables) in spellings {
                    let alive = alive.intersection(tables);
                    if alive != TableSet::EMPTY {
                        self.spell(at, i, j, *spelling, &alive, word, found);
                    }
                }
            }
        }
    }

    /// Walks on from `at` with `c` as character j; reports the word if it is one and goes on
    /// to character j + 1.
    #[allow(clippy::too_many_arguments)]
    fn spell(
        &self,
        at: &T::Node,
        i: usize,
        j: usize,
        c: char,
        alive: &TableSet,
        word: &mut String,
        found: &mut dyn FnMut(Found<'_>),
    ) {
        let mut utf8 = [0; 4];
        let (first, rest) = c
            .encode_utf8(&mut utf8)
            .as_bytes()
            .split_first()
            .expect("a char");
        // no word continues with this spelling: return
        let Some(mut next) = self.trie.step(at, *first) else {
            return;
        };
        for &byte in rest {
            next = match self.trie.step(&self.trie.node(next), byte) {
                Some(next) => next,
                None => return,
            };
        }
        let at = self.trie.node(next);
        word.push(c);
        if self.scope.includes(i, j, self.chars.len()) {
            let first_table = self.substitutions.first_table;
            self.trie.ranks(&at, &mut |dictionary, rank| {
                found(Found {
                    dictionary,
                    i,
                    j,
                    word,
                    rank,
                    tables: alive,
                    first_table,
                })
            });
        }
        if j + 1 < self.chars.len() {
            self.furthest.set(self.furthest.get().max(j + 1));
            self.extend(&at, i, j + 1, alive, word, found);
        }
        word.pop();
    }
}

/// The walks made so far from a password's starts, so that a start whose characters are those
/// of an earlier one reports what that walk found rather than walking again: every start of a
/// long repeat after its first period (`aaaa…`, `1234567890…`, `19700101…`), the costliest
/// passwords to walk. A walk reads characters until no word continues; what it finds depends
/// on those characters alone, unless it stopped at the password's end.
struct Replays {
    /// Each start's slot: a hash of its first few characters.
    slots: Vec<u8>,
    /// Whether a later start has the same slot; only then is a start's walk recorded.
    recurs: Vec<bool>,
    /// By slot, the latest walk recorded from a start there, as an index into `walks` plus one.
    /// Starts beginning alike share a slot; a collision only misses a replay.
    latest: [u32; REPLAY_SLOTS],
    walks: Vec<Walked>,
    /// What the recorded walks found, end to end.
    reports: Vec<Report>,
    /// The reports' spellings, end to end.
    spellings: String,
}

/// One per value of a start's `u8` slot.
const REPLAY_SLOTS: usize = 1 << u8::BITS;
/// Passwords shorter than this are walked from every start.
const MIN_REPLAY_CHARS: usize = 24;
/// How many of a start's characters pick its slot.
const REPLAY_KEY_CHARS: usize = 4;

struct Walked {
    start: usize,
    /// How many characters the walk read from its start.
    read: usize,
    /// Its range of `Replays::reports`.
    reports: Range<usize>,
}

/// A word a walk found, relative to the walk's start.
struct Report {
    dictionary: DictionaryType,
    /// The word's last character, counted from the walk's start.
    end: usize,
    spelling: Range<usize>,
    rank: usize,
    tables: TableSet,
    first_table: usize,
}

impl Replays {
    fn new(chars: &[char]) -> Self {
        let slots: Vec<u8> = (0..chars.len())
            .map(|start| {
                let hash = chars[start..]
                    .iter()
                    .take(REPLAY_KEY_CHARS)
                    .fold(0u32, |hash, &c| (hash ^ c as u32).wrapping_mul(0x9e37_79b1));
                // The top byte, which every character stirred.
                (hash >> 24) as u8
            })
            .collect();
        let mut seen = [false; REPLAY_SLOTS];
        let mut recurs = vec![false; chars.len()];
        for (start, &slot) in slots.iter().enumerate().rev() {
            recurs[start] = std::mem::replace(&mut seen[usize::from(slot)], true);
        }
        Replays {
            slots,
            recurs,
            latest: [0; REPLAY_SLOTS],
            walks: Vec::new(),
            reports: Vec::new(),
            spellings: String::new(),
        }
    }

    /// Reports again, from `start`, what an earlier walk over the same characters found, if
    /// there was one.
    fn replay(&self, chars: &[char], start: usize, found: &mut dyn FnMut(Found<'_>)) -> bool {
        let slot = usize::from(self.slots[start]);
        let Some(index) = (self.latest[slot] as usize).checked_sub(1) else {
            return false;
        };
        let earlier = &self.walks[index];
        let read = earlier.read;
        // The earlier walk read `read` characters and stopped: no word went on past the last
        // (a walk cut short at the password's end has no room for a later start to replay it).
        let same = start + read <= chars.len()
            && chars[start..start + read] == chars[earlier.start..earlier.start + read];
        if !same {
            return false;
        }
        for report in &self.reports[earlier.reports.clone()] {
            found(Found {
                dictionary: report.dictionary,
                i: start,
                j: start + report.end,
                word: &self.spellings[report.spelling.clone()],
                rank: report.rank,
                tables: &report.tables,
                first_table: report.first_table,
            });
        }
        true
    }

    /// Whether the walk from `start` is worth recording: some later start may replay it.
    fn worth_recording(&self, start: usize) -> bool {
        self.recurs[start]
    }

    fn start_walk(&mut self, start: usize) {
        let reports = self.reports.len()..self.reports.len();
        self.walks.push(Walked {
            start,
            read: 0,
            reports,
        });
    }

    fn record(&mut self, word: &Found<'_>) {
        let spelling = self.spellings.len()..self.spellings.len() + word.word.len();
        self.spellings.push_str(word.word);
        let walk = self.walks.last_mut().expect("a walk started");
        self.reports.push(Report {
            dictionary: word.dictionary,
            end: word.j - walk.start,
            spelling,
            rank: word.rank,
            tables: *word.tables,
            first_table: word.first_table,
        });
        walk.reports.end = self.reports.len();
    }

    /// Ends the walk started last, which read up to character `furthest`.
    fn end_walk(&mut self, furthest: usize) {
        let index = u32::try_from(self.walks.len()).expect("fewer walks than characters");
        let walk = self.walks.last_mut().expect("a walk started");
        walk.read = furthest + 1 - walk.start;
        self.latest[usize::from(self.slots[walk.start])] = index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{enumerate_l33t_replacements, relevant_l33t_subtable};

    /// Everything `found` is told, in order.
    fn walk(password: &str, user_inputs: &[(&str, usize)], replays: bool) -> Vec<String> {
        let chars: Vec<char> = password.chars().collect();
        let mut tables = vec![Vec::new()];
        tables.extend(enumerate_l33t_replacements(&relevant_l33t_subtable(
            password,
        )));
        let mut reports = Vec::new();
        for (chunk, tables) in tables.chunks(MAX_TABLES_PER_WALK).enumerate() {
            let substitutions = Substitutions::new(tables, chunk * MAX_TABLES_PER_WALK);
            let ranked = FstWords(RANKED_WORDS.as_fst());
            let inputs = SortedWords(user_inputs);
            let mut found = |word: Found<'_>| {
                let tables: Vec<usize> = word.tables().collect();
                reports.push(format!(
                    "{:?} {}..={} {} #{} {tables:?}",
                    word.dictionary, word.i, word.j, word.word, word.rank
                ));
            };
            let mut ranked_walk = Walk::new(&ranked, &chars, &substitutions, Scope::Everywhere);
            ranked_walk.replays = replays;
            ranked_walk.run(LONGEST_RANKED_WORD_CHARS, &mut found);
            let mut inputs_walk = Walk::new(&inputs, &chars, &substitutions, Scope::Everywhere);
            inputs_walk.replays = replays;
            inputs_walk.run(16, &mut found);
        }
        reports
    }

    /// A start that replays an earlier walk reports what walking from it would: the same
    /// words, spellings, ranks and tables, in the same order. Repeats of every period, look-alike
    /// digits, a repeat broken off at the password's end or in its middle, and user inputs.
    #[test]
    fn replayed_walks_report_what_walking_reports() {
        let inputs = [("alice", 1), ("alice1970", 2), ("pass", 3)];
        let passwords = [
            "a".repeat(100),
            "1234567890".repeat(10),
            "19700101".repeat(12) + "1970",
            "p@$$w0rd".repeat(12),
            "4@!1|3$5$7+0".repeat(8),
            "alice1970".repeat(5) + "alice197" + &"alice1970".repeat(5),
            "passwordpassword-monkey-passwordpassword-dragonpass".to_owned(),
            "0".repeat(23) + "password" + &"0".repeat(23),
        ];
        for password in passwords {
            assert!(password.chars().count() >= MIN_REPLAY_CHARS, "{password}");
            let walked = walk(&password, &inputs, false);
            assert!(walked.len() > 10, "{password}: {walked:?}");
            assert_eq!(walk(&password, &inputs, true), walked, "{password}");
        }
    }
}
