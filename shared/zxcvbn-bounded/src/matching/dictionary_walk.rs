//! Finds dictionary words in a password by walking each dictionary from every start position,
//! one character at a time, until no word continues, instead of looking up every substring
//! (upstream's way: O(n²) lookups per dictionary and per l33t substitution table).

use super::Scope;
use crate::frequency_lists::{ranks, DictionaryType, LONGEST_RANKED_WORD_CHARS, RANKED_WORDS};
use fst::raw::{CompiledAddr, Fst, Node, Output};
use std::collections::HashMap;

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
}

impl<'a, T: Trie> Walk<'a, T> {
    fn new(trie: &'a T, chars: &'a [char], substitutions: &'a Substitutions, scope: Scope) -> Self {
        Walk {
            trie,
            chars,
            substitutions,
            scope,
        }
    }

    /// Walks from every start in scope; no word has more than `longest` characters.
    fn run(&self, longest: usize, found: &mut dyn FnMut(Found<'_>)) {
        let mut word = String::new();
        let len = self.chars.len();
        let starts =
            (0..len).filter(|&i| self.scope == Scope::Everywhere || i == 0 || len - i <= longest);
        for i in starts {
            let all_tables = &self.substitutions.all_tables;
            let root = self.trie.node(self.trie.root());
            self.extend(&root, i, i, all_tables, &mut word, found);
        }
    }

    /// Extends the word spelt so far (`word`, reached at `at` by the `alive` tables) with
    /// character j, as each of those tables spells it.
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
            self.extend(&at, i, j + 1, alive, word, found);
        }
        word.pop();
    }
}
