mod char_indexing;
mod dictionary_walk;
mod matches;
/// Defines potential patterns used to match against a password
pub mod patterns;

use self::patterns::*;
use crate::adjacency_graphs::Graph;
use char_indexing::{CharIndexable, CharIndexableStr};
use dictionary_walk::{find_words, spelling, Found, Substitution};
pub(crate) use matches::Matches;
use matches::Word;
use regex::Regex;
use std::collections::HashMap;

/// A match of a predictable pattern in the password.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Match {
    /// Beginning of the match.
    pub i: usize,
    /// End of the match.
    pub j: usize,
    /// Token that has been matched.
    pub token: String,
    /// Pattern type and details used to detect this match.
    pub pattern: MatchPattern,
    /// Estimated number of tries for guessing the match.
    pub guesses: Option<u64>,
}

impl Match {
    /// Get the range of the index of the chars that are included in the match.
    pub fn range_inclusive(&self) -> std::ops::RangeInclusive<usize> {
        self.i..=self.j
    }
}

#[allow(clippy::implicit_hasher)]
pub(crate) fn omnimatch(password: &str, user_inputs: &HashMap<String, usize>) -> Matches {
    omnimatch_in(password, user_inputs, Scope::Everywhere)
}

/// Which matches a matcher reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every match.
    Everywhere,
    /// Only the matches that start at the first character or end at the last: all that a
    /// sequence of one or two matches covering the password can use.
    Anchored,
}

impl Scope {
    /// Whether a match over characters `i..=j` of a password of `len` characters is in scope.
    fn includes(self, i: usize, j: usize, len: usize) -> bool {
        self == Scope::Everywhere || i == 0 || j + 1 == len
    }

    /// The matches in scope.
    fn keep(self, password: &str, mut matches: Vec<Match>) -> Vec<Match> {
        let len = password.chars().count();
        matches.retain(|m| self.includes(m.i, m.j, len));
        matches
    }
}

/// Every match in `scope`, in matcher order (the search orders them).
pub(crate) fn omnimatch_in(
    password: &str,
    user_inputs: &HashMap<String, usize>,
    scope: Scope,
) -> Matches {
    let mut found = Matches::default();
    for matcher in MATCHERS.iter() {
        matcher.find(password, user_inputs, scope, &mut found);
    }
    found
}

lazy_static! {
    static ref L33T_TABLE: HashMap<char, Vec<char>> = {
        let mut table = HashMap::with_capacity(12);
        table.insert('a', vec!['4', '@']);
        table.insert('b', vec!['8']);
        table.insert('c', vec!['(', '{', '[', '<']);
        table.insert('e', vec!['3']);
        table.insert('g', vec!['6', '9']);
        table.insert('i', vec!['1', '!', '|']);
        table.insert('l', vec!['1', '|', '7']);
        table.insert('o', vec!['0']);
        table.insert('s', vec!['$', '5']);
        table.insert('t', vec!['+', '7']);
        table.insert('x', vec!['%']);
        table.insert('z', vec!['2']);
        table
    };
    /// In a fixed order (upstream iterates a `HashMap`, in an order that changes from process to
    /// process), so that which of two equal spatial matches the search keeps does not.
    static ref GRAPHS: [(&'static str, &'static Graph); 4] = [
        ("qwerty", &*super::adjacency_graphs::QWERTY),
        ("dvorak", &*super::adjacency_graphs::DVORAK),
        ("keypad", &*super::adjacency_graphs::KEYPAD),
        ("mac_keypad", &*super::adjacency_graphs::MAC_KEYPAD),
    ];
}

trait Matcher: Send + Sync {
    #[cfg(test)]
    fn get_matches(&self, password: &str, user_inputs: &HashMap<String, usize>) -> Vec<Match> {
        let mut found = Matches::default();
        self.find(password, user_inputs, Scope::Everywhere, &mut found);
        found.into_vec(password)
    }

    /// Adds the matches in `scope` to `found`.
    fn find(
        &self,
        password: &str,
        user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    );
}

lazy_static! {
    static ref MATCHERS: [Box<dyn Matcher>; 8] = [
        Box::new(DictionaryMatch {}),
        Box::new(ReverseDictionaryMatch {}),
        Box::new(L33tMatch {}),
        Box::new(SpatialMatch {}),
        Box::new(RepeatMatch {}),
        Box::new(SequenceMatch {}),
        Box::new(RegexMatch {}),
        Box::new(DateMatch {}),
    ];
}

struct DictionaryMatch {}

impl Matcher for DictionaryMatch {
    fn find(
        &self,
        password: &str,
        user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        let password_chars: Vec<char> = password.chars().collect();
        let lower = lowercase_chars(password);
        find_dictionary_words(&password_chars, &lower, false, user_inputs, scope, found);
    }
}

/// Adds the dictionary words spelt in `walked` (the lowercased password, or the lowercased
/// reversed password if `reversed`) as matches over `password`'s characters.
fn find_dictionary_words(
    password: &[char],
    walked: &[char],
    reversed: bool,
    user_inputs: &HashMap<String, usize>,
    scope: Scope,
    found: &mut Matches,
) {
    let len = password.len();
    // One substitution table that substitutes nothing.
    let no_substitution = [Vec::new()];
    find_words(
        &walked[..len],
        &no_substitution,
        user_inputs,
        scope,
        &mut |word| {
            let (i, j) = match reversed {
                true => (len - 1 - word.j, len - 1 - word.i),
                false => (word.i, word.j),
            };
            let word = Word {
                i,
                j,
                spelling: word.word,
                rank: word.rank,
                dictionary: word.dictionary,
                reversed,
                substitutions: None,
            };
            found.push_word(word, &password[i..=j], len);
        },
    );
}

/// Whether `token` lowercased (as a string: 'Σ' lowercases by context) is `word`, without
/// building strings for an ASCII token.
fn lowercases_to(token: &[char], word: &str) -> bool {
    if token.iter().all(char::is_ascii) {
        return token.iter().map(char::to_ascii_lowercase).eq(word.chars());
    }
    token.iter().collect::<String>().to_lowercase() == word
}

/// `text` lowercased, as characters. Upstream walks them by position, up to the length of
/// `text`: lowercasing never shortens a string but may lengthen it ('İ'), and then these run
/// ahead of `text`'s characters, as upstream's do.
fn lowercase_chars(text: &str) -> Vec<char> {
    text.to_lowercase().chars().collect()
}

struct ReverseDictionaryMatch {}

impl Matcher for ReverseDictionaryMatch {
    fn find(
        &self,
        password: &str,
        user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        let password_chars: Vec<char> = password.chars().collect();
        let reversed_password: String = password_chars.iter().rev().collect();
        let lower = lowercase_chars(&reversed_password);
        // Reversing maps the anchored matches onto each other.
        find_dictionary_words(&password_chars, &lower, true, user_inputs, scope, found);
    }
}

struct L33tMatch {}

impl Matcher for L33tMatch {
    fn find(
        &self,
        password: &str,
        user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        // Upstream translates the whole password by each table and matches each translation
        // against every dictionary; one walk per start follows every table at once instead,
        // splitting only where tables spell a character differently.
        let tables: Vec<Substitution> =
            enumerate_l33t_replacements(&relevant_l33t_subtable(password))
                .into_iter()
                .take_while(|sub| !sub.is_empty())
                .collect();
        if tables.is_empty() {
            return;
        }
        let password_chars: Vec<char> = password.chars().collect();
        let len = password_chars.len();
        let lower = lowercase_chars(password);
        let one_to_one = lower.len() == len;
        // Buffers reused across words: the part of a table a word uses, and the parts already
        // reported for it.
        let mut part: Substitution = Vec::new();
        let mut reported: Vec<Substitution> = Vec::new();
        let mut report = |word: Found<'_>, tables: &[Substitution]| {
            let token = &password_chars[word.i..=word.j];
            if lowercases_to(token, word.word) {
                // Only return the matches that contain an actual substitution
                return;
            }
            // Upstream reports the word once per table that spells it, with the part of
            // the table the token uses; identical reports change no estimate, so each
            // distinct part is reported once. The tables that spell a word agree on every
            // character walked, which are the token's unless lowercasing changed the number
            // of characters (then tokens and walked characters are misaligned, as upstream
            // has them): one table then tells the part for all.
            let spelling_tables = word.tables().take(match one_to_one {
                true => 1,
                false => usize::MAX,
            });
            reported.clear();
            for table in spelling_tables {
                // A table's pairs are sorted, so equal parts are equal lists.
                part.clear();
                let used = tables[table]
                    .iter()
                    .filter(|(l33t, _)| token.contains(l33t));
                part.extend(used);
                if reported.contains(&part) {
                    continue;
                }
                if !one_to_one {
                    reported.push(part.clone());
                }
                let l33t_word = Word {
                    i: word.i,
                    j: word.j,
                    spelling: word.word,
                    rank: word.rank,
                    dictionary: word.dictionary,
                    reversed: false,
                    substitutions: Some(&part),
                };
                found.push_word(l33t_word, token, len);
            }
        };
        if password.contains('Σ') {
            // Lowercasing is context-dependent for 'Σ' alone (word-final 'ς'), and upstream
            // lowercases each translation, whose letters can change that context: each table
            // is then walked on its own translation, as upstream matches it.
            for table in &tables {
                let translated: String = password.chars().map(|c| spelling(table, c)).collect();
                let translated_lower = lowercase_chars(&translated);
                let table = std::slice::from_ref(table);
                find_words(
                    &translated_lower[..len],
                    table,
                    user_inputs,
                    scope,
                    &mut |word| report(word, table),
                );
            }
        } else {
            find_words(&lower[..len], &tables, user_inputs, scope, &mut |word| {
                report(word, &tables)
            });
        }
    }
}

fn relevant_l33t_subtable(password: &str) -> HashMap<char, Vec<char>> {
    let password_chars: Vec<char> = password.chars().collect();
    let mut subtable: HashMap<char, Vec<char>> = HashMap::new();
    for (letter, subs) in L33T_TABLE.iter() {
        let relevant_subs: Vec<char> = subs
            .iter()
            .filter(|&x| password_chars.contains(x))
            .cloned()
            .collect();
        if !relevant_subs.is_empty() {
            subtable.insert(*letter, relevant_subs);
        }
    }
    subtable
}

/// Every substitution table upstream's enumeration yields, each once: each letter picks one of
/// its l33t characters, and a character picked by several letters stands for one of them.
/// Upstream builds the same tables (as a set) with many duplicates and clones, in an order that
/// depends on `HashMap` iteration; that order decides nothing here, as every table is followed.
fn enumerate_l33t_replacements(table: &HashMap<char, Vec<char>>) -> Vec<Substitution> {
    let mut letters: Vec<(char, &Vec<char>)> = table.iter().map(|(&l, c)| (l, c)).collect();
    letters.sort_unstable();
    let mut l33t_chars: Vec<char> = letters
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    l33t_chars.sort_unstable();
    l33t_chars.dedup();
    // A table packed in one integer, four bits per l33t character (the first in the highest
    // bits): 0 when it stands for no letter, else 1 + the index of its letter in `letters`.
    // Letters are sorted, so packed tables sort as the per-character `Option<letter>` arrays
    // they stand for would, and sorting and deduplicating them, the enumeration's main cost, is
    // integer work.
    const BITS: u32 = 4;
    const SLOT: u128 = (1 << BITS) - 1;
    assert!(letters.len() < SLOT as usize, "L33T_TABLE has 12 letters");
    assert!(
        l33t_chars.len() as u32 * BITS <= u128::BITS,
        "L33T_TABLE has 20 characters"
    );
    let shift = |index: usize| u128::BITS - BITS * (index as u32 + 1);
    let mut subs: Vec<u128> = vec![0];
    for (letter_index, (_, chars)) in letters.iter().enumerate() {
        let letter_code = letter_index as u128 + 1;
        let mut next_subs = Vec::with_capacity(subs.len() * chars.len() * 2);
        for l33t_chr in chars.iter() {
            let shift = shift(l33t_chars.binary_search(l33t_chr).expect("collected above"));
            for &sub in &subs {
                if (sub >> shift) & SLOT != 0 {
                    next_subs.push(sub);
                }
                next_subs.push((sub & !(SLOT << shift)) | (letter_code << shift));
            }
        }
        next_subs.sort_unstable();
        next_subs.dedup();
        subs = next_subs;
    }
    subs.into_iter()
        .map(|sub| {
            l33t_chars
                .iter()
                .enumerate()
                .filter_map(|(index, &l33t_chr)| match (sub >> shift(index)) & SLOT {
                    0 => None,
                    code => Some((l33t_chr, letters[code as usize - 1].0)),
                })
                .collect()
        })
        .collect()
}

struct SpatialMatch {}

impl Matcher for SpatialMatch {
    fn find(
        &self,
        password: &str,
        _user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        // Straight into `found`: a long password has dozens of spatial matches, and collecting
        // them first copied each (a `Match` is large) two or three times over.
        let password_chars: Vec<char> = password.chars().collect();
        let len = password_chars.len();
        for (graph_name, graph) in GRAPHS.iter() {
            spatial_match_helper(&password_chars, graph, graph_name, &mut |m: Match| {
                if scope.includes(m.i, m.j, len) {
                    found.others.push(m);
                }
            });
        }
    }
}

const SHIFTED_CHARS: [char; 49] = [
    '[', '~', '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 'Q', 'W', 'E', 'R', 'T',
    'Y', 'U', 'I', 'O', 'P', '{', '}', '|', 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"',
    'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', ']',
];

fn spatial_match_helper(
    password_chars: &[char],
    graph: &Graph,
    graph_name: &str,
    matches: &mut dyn FnMut(Match),
) {
    let password_len = password_chars.len();
    if password_len <= 2 {
        return;
    }
    let mut i = 0;
    while i < password_len - 1 {
        let mut j = i + 1;
        let mut last_direction = None;
        let mut turns = 0;
        let mut shifted_count = if ["qwerty", "dvorak"].contains(&graph_name)
            && SHIFTED_CHARS.contains(&password_chars[i])
        {
            1
        } else {
            0
        };
        loop {
            let prev_char = password_chars[j - 1];
            let mut found = false;
            let found_direction;
            let mut cur_direction = -1;
            let adjacents = graph.get(&prev_char).map_or(&[][..], Vec::as_slice);
            // consider growing pattern by one character if j hasn't gone over the edge.
            if j < password_len {
                let cur_char = password_chars[j];
                for adj in adjacents {
                    cur_direction += 1;
                    if let Some(adj) = adj {
                        if let Some(adj_position) = adj.find(cur_char) {
                            found = true;
                            found_direction = cur_direction;
                            if adj_position == 1 {
                                // index 1 in the adjacency means the key is shifted,
                                // 0 means unshifted: A vs a, % vs 5, etc.
                                // for example, 'q' is adjacent to the entry '2@'.
                                // @ is shifted w/ index 1, 2 is unshifted.
                                shifted_count += 1;
                            }
                            if last_direction != Some(found_direction) {
                                // adding a turn is correct even in the initial case when last_direction is null:
                                // every spatial pattern starts with a turn.
                                turns += 1;
                                last_direction = Some(found_direction);
                            }
                            break;
                        }
                    }
                }
            }
            if found {
                // if the current pattern continued, extend j and try to grow again
                j += 1;
            } else {
                // otherwise push the pattern discovered so far, if any...
                if j - i > 2 {
                    // Don't consider length 1 or 2 chains
                    let pattern = MatchPattern::Spatial(SpatialPattern {
                        graph: graph_name.to_string(),
                        turns,
                        shifted_count,
                    });
                    matches(Match {
                        pattern,
                        i,
                        j: j - 1,
                        token: password_chars[i..j].iter().collect(),
                        ..Match::default()
                    });
                }
                i = j;
                break;
            }
        }
    }
}

struct RepeatMatch {}

impl Matcher for RepeatMatch {
    fn find(
        &self,
        password: &str,
        user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        let mut last_index = 0;
        let password_chars: Vec<char> = password.chars().collect();
        let char_count = password_chars.len();
        while last_index < char_count {
            let token = &password_chars[last_index..];
            let Some(greedy) = Repeat::find(token, Repeat::GREEDY) else {
                break;
            };
            let lazy = Repeat::find(token, Repeat::LAZY).expect("a greedy repeat is a lazy one");
            let (m4tch, base_len) = if greedy.len() > lazy.len() {
                // greedy beats lazy for 'aabaab'
                //   greedy: [aabaab, aab]
                //   lazy:   [aa,     a]
                // greedy's repeated string might itself be repeated, eg.
                // aabaab in aabaabaabaab.
                // find the shortest repeated string in greedy's, as an anchored lazy match would
                (greedy, greedy.shortest_base(token))
            } else {
                // lazy beats greedy for 'aaaaa'
                //   greedy: [aaaa,  aa]
                //   lazy:   [aaaaa, a]
                (lazy, lazy.base_len)
            };
            let (i, j) = (
                last_index + m4tch.start,
                last_index + m4tch.start + m4tch.len() - 1,
            );
            let matched = &token[m4tch.start..m4tch.start + m4tch.len()];
            last_index = j + 1;
            if !scope.includes(i, j, char_count) {
                // out of scope: skip scoring the base, the costly part
                continue;
            }
            let base_token: String = matched[..base_len].iter().collect();
            // recursively match and score the base string
            let base_analysis = super::scoring::most_guessable_match_sequence(
                &base_token,
                omnimatch(&base_token, user_inputs),
                false,
            );
            let base_matches = base_analysis.sequence;
            let base_guesses = base_analysis.guesses;
            let pattern = MatchPattern::Repeat(RepeatPattern {
                repeat_count: matched.len() / base_len,
                base_token,
                base_guesses,
                base_matches,
            });
            found.others.push(Match {
                pattern,
                i,
                j,
                token: matched.iter().collect(),
                ..Match::default()
            });
        }
    }
}

/// A repeat as upstream's regular expressions find it: `(.+)\1+` (greedy) or `(.+?)\1+`
/// (lazy), in characters. Upstream runs them with fancy_regex, whose backtracking costs up to
/// the cube of the length; this finds the same leftmost match directly.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Repeat {
    start: usize,
    base_len: usize,
    count: usize,
}

impl Repeat {
    const GREEDY: bool = true;
    const LAZY: bool = false;

    /// The leftmost start with a repeat; there, the longest base (greedy) or the shortest
    /// (lazy) followed by at least one copy of itself, and then as many copies as follow.
    fn find(chars: &[char], greedy: bool) -> Option<Repeat> {
        (0..chars.len()).find_map(|start| {
            let rest = &chars[start..];
            // `.` matches anything but a line feed, so a base holds none.
            let longest = rest
                .iter()
                .position(|&c| c == '\n')
                .unwrap_or(rest.len())
                .min(rest.len() / 2);
            let copies = |base_len: usize| {
                rest[base_len..]
                    .chunks_exact(base_len)
                    .take_while(|copy| *copy == &rest[..base_len])
                    .count()
            };
            let repeat = |base_len: usize| {
                // A copy starts as the base does (cheap to rule out first).
                if rest[base_len] != rest[0] {
                    return None;
                }
                let count = 1 + copies(base_len);
                (count > 1).then_some(Repeat {
                    start,
                    base_len,
                    count,
                })
            };
            match greedy {
                true => (1..=longest).rev().find_map(repeat),
                false => (1..=longest).find_map(repeat),
            }
        })
    }

    fn len(&self) -> usize {
        self.base_len * self.count
    }

    /// The shortest base that repeats to the whole match, as `^(.+?)\1+$` finds it.
    fn shortest_base(&self, chars: &[char]) -> usize {
        let matched = &chars[self.start..self.start + self.len()];
        (1..=self.len() / 2)
            .find(|&len| {
                self.len() % len == 0 && matched.chunks(len).all(|copy| copy == &matched[..len])
            })
            .unwrap_or(self.base_len)
    }
}

const MAX_DELTA: i32 = 5;

/// Identifies sequences by looking for repeated differences in unicode codepoint.
/// this allows skipping, such as 9753, and also matches some extended unicode sequences
/// such as Greek and Cyrillic alphabets.
///
/// for example, consider the input 'abcdb975zy'
///
/// password: a   b   c   d   b    9   7   5   z   y
/// index:    0   1   2   3   4    5   6   7   8   9
/// delta:        1   1   1  -2  -41  -2  -2  69   1
///
/// expected result:
/// `[(i, j, delta), ...] = [(0, 3, 1), (5, 7, -2), (8, 9, 1)]`
struct SequenceMatch {}

impl Matcher for SequenceMatch {
    fn find(
        &self,
        password: &str,
        _user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        found
            .others
            .extend(scope.keep(password, self.all_matches(password)));
    }
}

impl SequenceMatch {
    fn all_matches(&self, password: &str) -> Vec<Match> {
        fn update(i: usize, j: usize, delta: i32, password: &[char], matches: &mut Vec<Match>) {
            let delta_abs = delta.abs();
            if (j - i > 1 || delta_abs == 1) && (0 < delta_abs && delta_abs <= MAX_DELTA) {
                let token = password[i..=j].iter().collect::<String>();
                let first_chr = token.chars().next().unwrap();
                let (sequence_name, sequence_space) = if first_chr.is_lowercase() {
                    ("lower", 26)
                } else if first_chr.is_uppercase() {
                    ("upper", 26)
                } else if first_chr.is_ascii_digit() {
                    ("digits", 10)
                } else {
                    // conservatively stick with roman alphabet size.
                    // (this could be improved)
                    ("unicode", 26)
                };
                let pattern = MatchPattern::Sequence(SequencePattern {
                    sequence_name: sequence_name.to_owned(),
                    sequence_space,
                    ascending: delta > 0,
                });
                matches.push(Match {
                    pattern,
                    i,
                    j,
                    token,
                    ..Match::default()
                });
            }
        }

        let mut matches = Vec::new();

        let password: Vec<char> = password.chars().collect();
        let password_len = password.len();
        if password_len <= 1 {
            return matches;
        }

        let mut i = 0;
        let mut j;
        let mut last_delta = 0;

        for k in 1..password_len {
            let delta = password[k] as i32 - password[k - 1] as i32;
            if last_delta == 0 {
                last_delta = delta;
            }
            if last_delta == delta {
                continue;
            }
            j = k - 1;
            update(i, j, last_delta, &password, &mut matches);
            i = j;
            last_delta = delta;
        }
        update(i, password_len - 1, last_delta, &password, &mut matches);
        matches
    }
}

struct RegexMatch {}

impl Matcher for RegexMatch {
    fn find(
        &self,
        password: &str,
        _user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        found
            .others
            .extend(scope.keep(password, self.all_matches(password)));
    }
}

impl RegexMatch {
    fn all_matches(&self, password: &str) -> Vec<Match> {
        let mut matches = Vec::new();
        for (&name, regex) in REGEXES.iter() {
            for capture in regex.captures_iter(password) {
                let m = capture.get(0).unwrap();
                let pattern = MatchPattern::Regex(RegexPattern {
                    regex_name: name.to_owned(),
                    regex_match: capture
                        .iter()
                        .map(|x| x.unwrap().as_str().to_string())
                        .collect(),
                });
                let (i, j) = (
                    password[..m.start()].chars().count(),
                    password[..m.end()].chars().count() - 1,
                );
                matches.push(Match {
                    pattern,
                    token: m.as_str().to_string(),
                    i,
                    j,
                    ..Match::default()
                });
            }
        }
        matches
    }
}

lazy_static! {
    static ref REGEXES: HashMap<&'static str, Regex> = {
        let mut table = HashMap::with_capacity(1);
        table.insert("recent_year", Regex::new(r"19[0-9]{2}|20[0-9]{2}").unwrap());
        table
    };
}

/// a "date" is recognized as:
///   any 3-tuple that starts or ends with a 2- or 4-digit year,
///   with 2 or 0 separator chars (1.1.91 or 1191),
///   maybe zero-padded (01-01-91 vs 1-1-91),
///   a month between 1 and 12,
///   a day between 1 and 31.
///
/// note: this isn't true date parsing in that "feb 31st" is allowed,
/// this doesn't check for leap years, etc.
///
/// recipe:
/// split every substring of the password that could be a date (digits alone, or digits around
/// two equal separators) into maybe-dates, then attempt to map the integers onto
/// month-day-year to filter the maybe-dates into dates.
/// finally, remove matches that are substrings of other matches to reduce noise.
struct DateMatch {}

impl Matcher for DateMatch {
    fn find(
        &self,
        password: &str,
        _user_inputs: &HashMap<String, usize>,
        scope: Scope,
        found: &mut Matches,
    ) {
        // A match that contains an anchored one is anchored too, so dropping contained matches
        // (below) works the same on the anchored ones alone. Each date's span and pattern: only
        // those not contained become matches.
        let mut dates: Vec<(usize, usize, DatePattern)> = Vec::new();
        let char_indexable = CharIndexableStr::from(password);
        let reference_year = *super::scoring::REFERENCE_YEAR;

        let password_len = password.chars().count();
        // dates without separators are between length 4 '1191' and 8 '11111991'
        if password_len < 4 {
            return;
        }
        for i in 0..(password_len - 3) {
            for j in (i + 3)..(i + 8) {
                if j >= password_len {
                    break;
                }
                if !scope.includes(i, j, password_len) {
                    continue;
                }
                let token_str = char_indexable.char_index(i..j + 1);
                // What `^[0-9]{4,8}$` checks: 4 to 8 characters, all ASCII digits.
                if !token_str.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                // ASCII digits: one byte per character.
                let candidates = date_splits(token_str.len()).iter().filter_map(|&(k, l)| {
                    map_ints_to_ymd(
                        ascii_number(&token_str[..k]),
                        ascii_number(&token_str[k..l]),
                        ascii_number(&token_str[l..]),
                    )
                });
                // at this point: different possible ymd mappings for the same i,j substring.
                // match the candidate date that likely takes the fewest guesses: a year closest to 2000.
                // (scoring.REFERENCE_YEAR).
                //
                // ie, considering '111504', prefer 11-15-04 to 1-1-1504
                // (interpreting '04' as 2004)
                let metric = |candidate: &(i32, i8, i8)| (candidate.0 - reference_year).abs();
                let Some(best_candidate) = candidates.min_by_key(metric) else {
                    continue;
                };
                let pattern = DatePattern {
                    separator: String::new(),
                    year: best_candidate.0,
                    month: best_candidate.1,
                    day: best_candidate.2,
                };
                dates.push((i, j, pattern));
            }
        }

        // dates with separators are between length 6 '1/1/91' and 10 '11/11/1991'
        if password_len >= 6 {
            // A date needs a leading digit and separators; most spans have neither, which is
            // cheap to tell: the first separator at or after each i.
            let chars: Vec<char> = password.chars().collect();
            let mut next_separator = vec![password_len; password_len + 1];
            for i in (0..password_len).rev() {
                next_separator[i] = match is_separator(chars[i]) {
                    true => i,
                    false => next_separator[i + 1],
                };
            }
            let starts = next_separator.iter().enumerate().take(password_len - 5);
            for (i, &first_separator) in starts {
                for j in (i + 5)..(i + 10) {
                    if j >= password_len {
                        break;
                    }
                    if !scope.includes(i, j, password_len) {
                        continue;
                    }
                    let token = char_indexable.char_index(i..j + 1);
                    if !token.starts_with(|c: char| c.is_ascii_digit()) || first_separator > j {
                        continue;
                    }
                    let Some((first, separator, second, third)) = split_date_with_separators(token)
                    else {
                        continue;
                    };
                    let ymd = map_ints_to_ymd(
                        ascii_number(first),
                        ascii_number(second),
                        ascii_number(third),
                    );
                    if let Some(ymd) = ymd {
                        let pattern = DatePattern {
                            separator: separator.to_string(),
                            year: ymd.0,
                            month: ymd.1,
                            day: ymd.2,
                        };
                        dates.push((i, j, pattern));
                    }
                }
            }
        }

        // Upstream drops each match that a different one contains by comparing every pair.
        // No two of these matches share a span, and none is longer than 10 characters, so a
        // match is dropped exactly when one of the few spans around it that could contain it
        // is another match's.
        // The spans starting at each i, as bits j - i (a date has at most 10 characters).
        let mut spans = vec![0u16; password_len];
        for &(i, j, _) in &dates {
            spans[i] |= 1 << (j - i);
        }
        let is_span = |i: usize, j: usize| j - i < 10 && spans[i] & (1 << (j - i)) != 0;
        let contained = |(x_i, x_j): (usize, usize)| {
            (x_j.saturating_sub(9)..=x_i)
                .any(|i| (x_j..=i + 9).any(|j| (i, j) != (x_i, x_j) && is_span(i, j)))
        };
        for (i, j, pattern) in dates {
            if !contained((i, j)) {
                found.others.push(Match {
                    pattern: MatchPattern::Date(pattern),
                    token: char_indexable.char_index(i..j + 1).to_string(),
                    i,
                    j,
                    ..Match::default()
                });
            }
        }
    }
}

/// Takes three ints and returns them in a (y, m, d) tuple
fn map_ints_to_ymd(first: u16, second: u16, third: u16) -> Option<(i32, i8, i8)> {
    // given a 3-tuple, discard if:
    //   middle int is over 31 (for all ymd formats, years are never allowed in the middle)
    //   middle int is zero
    //   any int is over the max allowable year
    //   any int is over two digits but under the min allowable year
    //   2 ints are over 31, the max allowable day
    //   2 ints are zero
    //   all ints are over 12, the max allowable month
    if second > 31 || second == 0 {
        return None;
    }
    let mut over_12 = 0;
    let mut over_31 = 0;
    let mut zero = 0;
    for &i in &[first, second, third] {
        if 99 < i && i < DATE_MIN_YEAR || i > DATE_MAX_YEAR {
            return None;
        }
        if i > 31 {
            over_31 += 1;
        }
        if i > 12 {
            over_12 += 1;
        }
        if i == 0 {
            zero += 1;
        }
    }
    if over_31 >= 2 || over_12 == 3 || zero >= 2 {
        return None;
    }

    // first look for a four digit year: yyyy + daymonth or daymonth + yyyy
    let possible_year_splits = &[(third, first, second), (first, second, third)];
    for &(year, second, third) in possible_year_splits {
        if (DATE_MIN_YEAR..=DATE_MAX_YEAR).contains(&year) {
            let dm = map_ints_to_md(second, third);
            if let Some(dm) = dm {
                return Some((i32::from(year), dm.0, dm.1));
            } else {
                // for a candidate that includes a four-digit year,
                // when the remaining ints don't match to a day and month,
                // it is not a date.
                return None;
            }
        }
    }

    // given no four-digit year, two digit years are the most flexible int to match, so
    // try to parse a day-month out of (first, second) or (second, first)
    for &(year, second, third) in possible_year_splits {
        let dm = map_ints_to_md(second, third);
        if let Some(dm) = dm {
            let year = two_to_four_digit_year(year);
            return Some((i32::from(year), dm.0, dm.1));
        }
    }

    None
}

/// Takes two ints and returns them in a (m, d) tuple
fn map_ints_to_md(first: u16, second: u16) -> Option<(i8, i8)> {
    for &(d, m) in &[(first, second), (second, first)] {
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            return Some((m as i8, d as i8));
        }
    }
    None
}

fn two_to_four_digit_year(year: u16) -> u16 {
    if year > 99 {
        year
    } else if year > 50 {
        // 87 -> 1987
        year + 1900
    } else {
        // 15 -> 2015
        year + 2000
    }
}

/// Where a date of 4 to 8 digits may split into its three numbers: (start of the second, start
/// of the third). Upstream keeps these in a `HashMap`.
fn date_splits(len: usize) -> &'static [(usize, usize)] {
    match len {
        // for length-4 strings, eg 1191 or 9111, two ways to split:
        // 1 1 91 (2nd split starts at index 1, 3rd at index 2)
        // 91 1 1
        4 => &[(1, 2), (2, 3)],
        // 1 11 91
        // 11 1 91
        5 => &[(1, 3), (2, 3)],
        // 1 1 1991
        // 11 11 91
        // 1991 1 1
        6 => &[(1, 2), (2, 4), (4, 5)],
        // 1 11 1991
        // 11 1 1991
        // 1991 1 11
        // 1991 11 1
        7 => &[(1, 3), (2, 3), (4, 5), (4, 6)],
        // 11 11 1991
        // 1991 11 11
        8 => &[(2, 4), (4, 6)],
        _ => unreachable!("dates without separators have 4 to 8 digits"),
    }
}

const DATE_MIN_YEAR: u16 = 1000;
const DATE_MAX_YEAR: u16 = 2050;

/// The number 1 to 4 ASCII digits spell: what `parse` gives them, without its checks, which
/// were a date search's largest cost on long digit strings.
fn ascii_number(digits: &str) -> u16 {
    debug_assert!((1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()));
    digits
        .bytes()
        .fold(0, |number, digit| number * 10 + u16::from(digit - b'0'))
}

/// `[\s/\\_.-]`: `\s` is Unicode's White_Space, as is `char::is_whitespace`.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || "/\\_.-".contains(c)
}

/// What upstream's `^([0-9]{1,4})([\s/\\_.-])([0-9]{1,2})([\s/\\_.-])([0-9]{1,4})$` with both
/// separators equal (a backreference upstream) accepts, as its three numbers and the separator.
/// Separators are never digits, so the digit runs between them are the only way to split a
/// token; telling them by hand costs a fraction of running the regular expression on every span.
fn split_date_with_separators(token: &str) -> Option<(&str, char, &str, &str)> {
    /// `[0-9]{1,max}` at the start of `text`, and what follows.
    fn digits(text: &str, max: usize) -> Option<(&str, &str)> {
        let end = text
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(text.len());
        (1..=max).contains(&end).then(|| text.split_at(end))
    }
    let (first, rest) = digits(token, 4)?;
    let separator = rest.chars().next().filter(|&c| is_separator(c))?;
    let (second, rest) = digits(&rest[separator.len_utf8()..], 2)?;
    let third = rest.strip_prefix(separator)?;
    let (third, rest) = digits(third, 4)?;
    rest.is_empty().then_some((first, separator, second, third))
}

#[cfg(test)]
mod tests {
    use crate::matching;
    use crate::matching::patterns::*;
    use crate::matching::Matcher;
    use std::collections::HashMap;

    /// Upstream's expression, with its backreference as the equality check it stands for.
    fn upstream_date_split<'t>(
        regex: &regex::Regex,
        token: &'t str,
    ) -> Option<(&'t str, char, &'t str, &'t str)> {
        let captures = regex.captures(token)?;
        let group = |index| captures.get(index).unwrap().as_str();
        (group(2) == group(4)).then(|| {
            (
                group(1),
                group(2).chars().next().unwrap(),
                group(3),
                group(5),
            )
        })
    }

    #[test]
    fn dates_with_separators_split_as_upstreams_expression_splits_them() {
        // Every token of up to 12 characters (the longest a date can be) over a digit, an ASCII
        // separator and a multi-byte one, then random tokens over every character that counts.
        let mut tokens = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..12 {
            frontier = frontier
                .iter()
                .flat_map(|token| ['1', '/', '\u{3000}'].map(|c| format!("{token}{c}")))
                .collect();
            tokens.extend(frontier.iter().cloned());
        }
        let alphabet: Vec<char> = "0123456789/\\_.- \t\u{3000}\u{0663}a".chars().collect();
        let mut state = 0x2545_f491_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 13) as usize;
            tokens.push(
                (0..len)
                    .map(|k| alphabet[((state >> (5 * k)) % alphabet.len() as u64) as usize])
                    .collect(),
            );
        }
        let regex =
            regex::Regex::new(r"^([0-9]{1,4})([\s/\\_.-])([0-9]{1,2})([\s/\\_.-])([0-9]{1,4})$")
                .unwrap();
        for token in &tokens {
            assert_eq!(
                matching::split_date_with_separators(token),
                upstream_date_split(&regex, token),
                "{token:?}"
            );
        }
    }

    #[test]
    fn test_dictionary_matches_words_that_contain_other_words() {
        let matches = (matching::DictionaryMatch {}).get_matches("motherboard", &HashMap::new());
        let patterns = ["mother", "motherboard", "board"];
        let ijs = [(0, 5), (0, 10), (6, 10)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
        }
    }

    #[test]
    fn test_dictionary_matches_multiple_words_when_they_overlap() {
        let matches = (matching::DictionaryMatch {}).get_matches("1abcdef12", &HashMap::new());
        let patterns = ["1abcdef", "abcdef12"];
        let ijs = [(0, 6), (1, 8)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
        }
    }

    #[test]
    fn test_dictionary_ignores_uppercasing() {
        let matches = (matching::DictionaryMatch {}).get_matches("BoaRdZ", &HashMap::new());
        let patterns = ["BoaRd"];
        let ijs = [(0, 4)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
        }
    }

    #[test]
    fn test_dictionary_identifies_words_surrounded_by_non_words() {
        let matches = (matching::DictionaryMatch {}).get_matches("asdf1234&*", &HashMap::new());
        let patterns = ["asdf", "asdf1234"];
        let ijs = [(0, 3), (0, 7)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
        }
    }

    #[test]
    fn test_dictionary_matches_user_inputs() {
        use crate::frequency_lists::DictionaryType;
        let user_inputs = [("bejeebus".to_string(), 1)]
            .iter()
            .cloned()
            .collect::<HashMap<String, usize>>();
        let matches = (matching::DictionaryMatch {}).get_matches("bejeebus", &user_inputs);
        let patterns = ["bejeebus"];
        let ijs = [(0, 7)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.dictionary_name, DictionaryType::UserInputs);
        }
    }

    #[test]
    fn test_dictionary_matches_against_reversed_words() {
        let matches = (matching::ReverseDictionaryMatch {}).get_matches("rehtom", &HashMap::new());
        let patterns = ["rehtom"];
        let ijs = [(0, 5)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert!(p.reversed);
        }
    }

    #[test]
    fn test_reduces_l33t_table_to_only_relevant_substitutions() {
        let test_data = vec![
            ("", HashMap::new()),
            ("a", HashMap::new()),
            ("4", vec![('a', vec!['4'])].into_iter().collect()),
            ("4@", vec![('a', vec!['4', '@'])].into_iter().collect()),
            (
                "4({60",
                vec![
                    ('a', vec!['4']),
                    ('c', vec!['(', '{']),
                    ('g', vec!['6']),
                    ('o', vec!['0']),
                ]
                .into_iter()
                .collect(),
            ),
        ];
        for (pw, expected) in test_data {
            assert_eq!(matching::relevant_l33t_subtable(pw), expected);
        }
    }

    #[test]
    fn test_enumerates_sets_of_l33t_subs_a_password_might_be_using() {
        let test_data = vec![
            (HashMap::new(), vec![HashMap::new()]),
            (
                vec![('a', vec!['@'])].into_iter().collect(),
                vec![vec![('@', 'a')].into_iter().collect()],
            ),
            (
                vec![('a', vec!['@', '4'])].into_iter().collect(),
                vec![
                    vec![('@', 'a')].into_iter().collect(),
                    vec![('4', 'a')].into_iter().collect(),
                ],
            ),
            (
                vec![('a', vec!['@', '4']), ('c', vec!['('])]
                    .into_iter()
                    .collect(),
                vec![
                    vec![('@', 'a'), ('(', 'c')].into_iter().collect(),
                    vec![('4', 'a'), ('(', 'c')].into_iter().collect(),
                ],
            ),
        ];
        // The order of the tables decides nothing, so they are compared as sets.
        let as_set = |subs: Vec<Vec<(char, char)>>| {
            let mut sorted: Vec<Vec<(char, char)>> = subs
                .into_iter()
                .map(|mut pairs| {
                    pairs.sort();
                    pairs
                })
                .collect();
            sorted.sort();
            sorted
        };
        for (table, subs) in test_data {
            let subs: Vec<HashMap<char, char>> = subs;
            assert_eq!(
                as_set(matching::enumerate_l33t_replacements(&table)),
                as_set(
                    subs.into_iter()
                        .map(|sub| sub.into_iter().collect())
                        .collect()
                )
            );
        }
    }

    #[test]
    fn test_dictionary_matches_against_l33t_words() {
        let matches = (matching::L33tMatch {}).get_matches("m0th3r", &HashMap::new());
        let patterns = ["m0th3r"];
        let ijs = [(0, 5)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert!(p.l33t);
        }
    }

    #[test]
    fn test_dictionary_matches_overlapping_l33ted_words() {
        let matches = (matching::L33tMatch {}).get_matches("p@ssw0rd", &HashMap::new());
        let patterns = ["p@ss", "@ssw0rd"];
        let ijs = [(0, 3), (1, 7)];
        for (k, &pattern) in patterns.iter().enumerate() {
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            let (i, j) = ijs[k];
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Dictionary(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert!(p.l33t);
        }
    }

    #[test]
    fn test_doesnt_match_when_multiple_l33t_subs_needed_for_same_letter() {
        let matches = (matching::L33tMatch {}).get_matches("p4@ssword", &HashMap::new());
        assert!(!matches.iter().any(|m| &m.token == "p4@ssword"));
    }

    #[test]
    fn test_doesnt_match_single_character_l33ted_words() {
        let matches = (matching::L33tMatch {}).get_matches("4 ( @", &HashMap::new());
        assert!(matches.is_empty());
    }

    #[test]
    fn test_doesnt_match_1_and_2_char_spatial_patterns() {
        for password in &["", "/", "qw", "*/"] {
            let result = (matching::SpatialMatch {}).get_matches(password, &HashMap::new());
            assert!(!result.into_iter().any(|m| m.token == *password));
        }
    }

    #[test]
    fn test_matches_spatial_patterns_surrounded_by_non_spatial_patterns() {
        let password = "6tfGHJ";
        let m = (matching::SpatialMatch {})
            .get_matches(password, &HashMap::new())
            .into_iter()
            .find(|m| m.token == *password)
            .unwrap();
        let p = if let MatchPattern::Spatial(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.graph, "qwerty".to_string());
        assert_eq!(p.turns, 2);
        assert_eq!(p.shifted_count, 3);
    }

    #[test]
    fn test_matches_pattern_as_a_keyboard_pattern() {
        let test_data = vec![
            ("12345", "qwerty", 1, 0),
            ("@WSX", "qwerty", 1, 4),
            ("6tfGHJ", "qwerty", 2, 3),
            ("hGFd", "qwerty", 1, 2),
            ("/;p09876yhn", "qwerty", 3, 0),
            ("Xdr%", "qwerty", 1, 2),
            ("159-", "keypad", 1, 0),
            ("*84", "keypad", 1, 0),
            ("/8520", "keypad", 1, 0),
            ("369", "keypad", 1, 0),
            ("/963.", "mac_keypad", 1, 0),
            ("*-632.0214", "mac_keypad", 9, 0),
            ("aoEP%yIxkjq:", "dvorak", 4, 5),
            (";qoaOQ:Aoq;a", "dvorak", 11, 4),
        ];
        for (password, keyboard, turns, shifts) in test_data {
            let matches = (matching::SpatialMatch {}).get_matches(password, &HashMap::new());
            let m = matches
                .into_iter()
                .find(|m| {
                    if let MatchPattern::Spatial(ref p) = m.pattern {
                        if m.token == *password && p.graph == keyboard {
                            return true;
                        }
                    };
                    false
                })
                .unwrap();
            let p = if let MatchPattern::Spatial(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.turns, turns);
            assert_eq!(p.shifted_count, shifts);
        }
    }

    #[test]
    fn test_doesnt_match_len_1_sequences() {
        for &password in &["", "a", "1"] {
            assert_eq!(
                (matching::SequenceMatch {}).get_matches(password, &HashMap::new()),
                Vec::new()
            );
        }
    }

    #[test]
    fn test_matches_overlapping_sequences() {
        let password = "abcbabc";
        let matches = (matching::SequenceMatch {}).get_matches(password, &HashMap::new());
        for &(pattern, i, j, ascending) in &[
            ("abc", 0, 2, true),
            ("cba", 2, 4, false),
            ("abc", 4, 6, true),
        ] {
            let m = matches
                .iter()
                .find(|m| m.token == *pattern && m.i == i && m.j == j)
                .unwrap();
            let p = if let MatchPattern::Sequence(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.ascending, ascending);
        }
    }

    #[test]
    fn test_matches_embedded_sequence_patterns() {
        let password = "!jihg22";
        let matches = (matching::SequenceMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| &m.token == "jihg").unwrap();
        let p = if let MatchPattern::Sequence(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.sequence_name, "lower");
        assert!(!p.ascending);
    }

    #[test]
    fn test_matches_pattern_as_sequence() {
        let test_data = [
            ("ABC", "upper", true),
            ("CBA", "upper", false),
            ("PQR", "upper", true),
            ("RQP", "upper", false),
            ("XYZ", "upper", true),
            ("ZYX", "upper", false),
            ("abcd", "lower", true),
            ("dcba", "lower", false),
            ("jihg", "lower", false),
            ("wxyz", "lower", true),
            ("zxvt", "lower", false),
            ("0369", "digits", true),
            ("97531", "digits", false),
        ];
        for &(pattern, name, is_ascending) in &test_data {
            let matches = (matching::SequenceMatch {}).get_matches(pattern, &HashMap::new());
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            assert_eq!(m.i, 0);
            assert_eq!(m.j, pattern.len() - 1);
            let p = if let MatchPattern::Sequence(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.sequence_name, name);
            assert_eq!(p.ascending, is_ascending);
        }
    }

    #[test]
    fn test_doesnt_match_len_1_repeat_patterns() {
        for &password in &["", "#"] {
            assert_eq!(
                (matching::RepeatMatch {}).get_matches(password, &HashMap::new()),
                Vec::new()
            );
        }
    }

    #[test]
    fn test_matches_embedded_repeat_patterns() {
        let password = "y4@&&&&&u%7";
        let (i, j) = (3, 7);
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| &m.token == "&&&&&").unwrap();
        assert_eq!(m.i, i);
        assert_eq!(m.j, j);
        let p = if let MatchPattern::Repeat(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.base_token, "&".to_string());
    }

    #[test]
    fn test_repeats_with_base_character() {
        for len in 3..13 {
            for &chr in &['a', 'Z', '4', '&'] {
                let password = (0..len).map(|_| chr).collect::<String>();
                let matches = (matching::RepeatMatch {}).get_matches(&password, &HashMap::new());
                let m = matches
                    .iter()
                    .find(|m| {
                        if let MatchPattern::Repeat(ref p) = m.pattern {
                            if p.base_token == format!("{}", chr) {
                                return true;
                            }
                        };
                        false
                    })
                    .unwrap();
                assert_eq!(m.i, 0);
                assert_eq!(m.j, len - 1);
            }
        }
    }

    #[test]
    fn test_multiple_adjacent_repeats() {
        let password = "BBB1111aaaaa@@@@@@";
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let test_data = [
            ("BBB", 0, 2),
            ("1111", 3, 6),
            ("aaaaa", 7, 11),
            ("@@@@@@", 12, 17),
        ];
        for &(pattern, i, j) in &test_data {
            let m = matches.iter().find(|m| m.token == pattern).unwrap();
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Repeat(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.base_token, pattern[0..1].to_string());
        }
    }

    #[test]
    fn test_multiple_non_adjacent_repeats() {
        let password = "2818BBBbzsdf1111@*&@!aaaaaEUDA@@@@@@1729";
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let test_data = [
            ("BBB", 4, 6),
            ("1111", 12, 15),
            ("aaaaa", 21, 25),
            ("@@@@@@", 30, 35),
        ];
        for &(pattern, i, j) in &test_data {
            let m = matches.iter().find(|m| m.token == pattern).unwrap();
            assert_eq!(m.i, i);
            assert_eq!(m.j, j);
            let p = if let MatchPattern::Repeat(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.base_token, pattern[0..1].to_string());
        }
    }

    #[test]
    fn test_multiple_character_repeats() {
        let password = "abab";
        let (i, j) = (0, 3);
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == *password).unwrap();
        assert_eq!(m.i, i);
        assert_eq!(m.j, j);
        let p = if let MatchPattern::Repeat(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.base_token, "ab".to_string());
    }

    #[test]
    fn test_matches_longest_repeat() {
        let password = "aabaab";
        let (i, j) = (0, 5);
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == *password).unwrap();
        assert_eq!(m.i, i);
        assert_eq!(m.j, j);
        let p = if let MatchPattern::Repeat(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.base_token, "aab".to_string());
    }

    #[test]
    fn test_identifies_simplest_repeat() {
        let password = "abababab";
        let (i, j) = (0, 7);
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == *password).unwrap();
        assert_eq!(m.i, i);
        assert_eq!(m.j, j);
        let p = if let MatchPattern::Repeat(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.base_token, "ab".to_string());
    }

    #[test]
    fn test_identifies_repeat_with_multibyte_utf8() {
        let password = "x\u{1F431}\u{1F436}\u{1F431}\u{1F436}";
        let (i, j) = (1, 4);
        let matches = (matching::RepeatMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == password[1..]).unwrap();
        assert_eq!(m.i, i);
        assert_eq!(m.j, j);
        let p = if let MatchPattern::Repeat(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.base_token, "\u{1F431}\u{1F436}".to_string());
    }

    #[test]
    fn test_regex_matching() {
        let test_data = [("1922", "recent_year"), ("2017", "recent_year")];
        for &(pattern, name) in &test_data {
            let matches = (matching::RegexMatch {}).get_matches(pattern, &HashMap::new());
            let m = matches.iter().find(|m| m.token == *pattern).unwrap();
            assert_eq!(m.i, 0);
            assert_eq!(m.j, pattern.len() - 1);
            let p = if let MatchPattern::Regex(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.regex_name, name);
        }
    }

    #[test]
    fn test_date_matching_with_various_separators() {
        let separators = ["", " ", "-", "/", "\\", "_", "."];
        for sep in &separators {
            let password = format!("13{}2{}1921", sep, sep);
            let matches = (matching::DateMatch {}).get_matches(&password, &HashMap::new());
            let m = matches.iter().find(|m| m.token == password).unwrap();
            assert_eq!(m.i, 0);
            assert_eq!(m.j, password.len() - 1);
            let p = if let MatchPattern::Date(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.year, 1921);
            assert_eq!(p.month, 2);
            assert_eq!(p.day, 13);
            assert_eq!(p.separator, sep.to_string());
        }
    }

    #[test]
    fn test_date_matches_year_closest_to_reference_year() {
        let now = time::OffsetDateTime::now_utc();
        let password = format!("1115{}", now.year() % 100);
        let matches = (matching::DateMatch {}).get_matches(&password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == password).unwrap();
        assert_eq!(m.i, 0);
        assert_eq!(m.j, password.len() - 1);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, now.year());
        assert_eq!(p.month, 11);
        assert_eq!(p.day, 15);
        assert_eq!(p.separator, "".to_string());
    }

    #[test]
    fn test_date_matches() {
        let test_data = [(1, 1, 1999), (11, 8, 2000), (9, 12, 2005), (22, 11, 1551)];
        for &(day, month, year) in &test_data {
            let password = format!("{}{}{}", year, month, day);
            let matches = (matching::DateMatch {}).get_matches(&password, &HashMap::new());
            let m = matches.iter().find(|m| m.token == password).unwrap();
            assert_eq!(m.i, 0);
            assert_eq!(m.j, password.len() - 1);
            let p = if let MatchPattern::Date(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.year, year);
            assert_eq!(p.separator, "".to_string());
        }
        for &(day, month, year) in &test_data {
            let password = format!("{}.{}.{}", year, month, day);
            let matches = (matching::DateMatch {}).get_matches(&password, &HashMap::new());
            let m = matches.iter().find(|m| m.token == password).unwrap();
            assert_eq!(m.i, 0);
            assert_eq!(m.j, password.len() - 1);
            let p = if let MatchPattern::Date(ref p) = m.pattern {
                p
            } else {
                panic!("Wrong match pattern")
            };
            assert_eq!(p.year, year);
            assert_eq!(p.separator, ".".to_string());
        }
    }

    #[test]
    fn test_matching_zero_padded_dates() {
        let password = "02/02/02";
        let matches = (matching::DateMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| m.token == password).unwrap();
        assert_eq!(m.i, 0);
        assert_eq!(m.j, password.len() - 1);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, 2002);
        assert_eq!(p.month, 2);
        assert_eq!(p.day, 2);
        assert_eq!(p.separator, "/".to_string());
    }

    #[test]
    fn test_matching_embedded_dates() {
        let password = "a1/1/91!";
        let matches = (matching::DateMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| &m.token == "1/1/91").unwrap();
        assert_eq!(m.i, 1);
        assert_eq!(m.j, password.len() - 2);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, 1991);
        assert_eq!(p.month, 1);
        assert_eq!(p.day, 1);
        assert_eq!(p.separator, "/".to_string());
    }

    #[test]
    fn test_matching_overlapping_dates() {
        let password = "12/20/1991.12.20";
        let matches = (matching::DateMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| &m.token == "12/20/1991").unwrap();
        assert_eq!(m.i, 0);
        assert_eq!(m.j, 9);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, 1991);
        assert_eq!(p.month, 12);
        assert_eq!(p.day, 20);
        assert_eq!(p.separator, "/".to_string());
        let m = matches.iter().find(|m| &m.token == "1991.12.20").unwrap();
        assert_eq!(m.i, 6);
        assert_eq!(m.j, password.len() - 1);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, 1991);
        assert_eq!(p.month, 12);
        assert_eq!(p.day, 20);
        assert_eq!(p.separator, ".".to_string());
    }

    #[test]
    fn test_matches_dates_padded_by_non_ambiguous_digits() {
        let password = "912/20/919";
        let matches = (matching::DateMatch {}).get_matches(password, &HashMap::new());
        let m = matches.iter().find(|m| &m.token == "12/20/91").unwrap();
        assert_eq!(m.i, 1);
        assert_eq!(m.j, password.len() - 2);
        let p = if let MatchPattern::Date(ref p) = m.pattern {
            p
        } else {
            panic!("Wrong match pattern")
        };
        assert_eq!(p.year, 1991);
        assert_eq!(p.month, 12);
        assert_eq!(p.day, 20);
        assert_eq!(p.separator, "/".to_string());
    }

    #[test]
    fn test_omnimatch() {
        assert_eq!(
            matching::omnimatch("", &HashMap::new()).into_vec(""),
            Vec::new()
        );
        let password = "r0sebudmaelstrom11/20/91aaaa";
        let expected = [
            ("dictionary", 0, 6),
            ("dictionary", 7, 15),
            ("date", 16, 23),
            ("repeat", 24, 27),
        ];
        let matches = matching::omnimatch(password, &HashMap::new()).into_vec(password);
        for &(pattern_name, i, j) in &expected {
            assert!(matches
                .iter()
                .any(|m| m.pattern.variant() == pattern_name && m.i == i && m.j == j));
        }
    }

    /// The repeat finder agrees with the regular expressions upstream runs.
    #[test]
    fn repeats_are_found_where_upstreams_regexes_find_them() {
        use crate::matching::Repeat;
        use fancy_regex::Regex;
        let greedy = Regex::new(r"(.+)\1+").unwrap();
        let lazy = Regex::new(r"(.+?)\1+").unwrap();
        let anchored = Regex::new(r"^(.+?)\1+$").unwrap();
        let as_chars = |s: &str, byte: usize| s[..byte].chars().count();
        let mut seed = 7u64;
        let mut passwords: Vec<String> = vec![
            "aabaab".into(),
            "aaaaa".into(),
            "aabaabaabaab".into(),
            "ab\nab\nab".into(),
            "x\n\n\ny".into(),
            "éé😀😀é".into(),
            "abcabcabd".into(),
        ];
        for _ in 0..3000 {
            let len = 1 + (seed % 24) as usize;
            let word: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ['a', 'b', 'c', '\n', 'é'][(seed >> 33) as usize % 5]
                })
                .collect();
            passwords.push(word);
        }
        for password in &passwords {
            let chars: Vec<char> = password.chars().collect();
            for (regex, mode) in [(&greedy, Repeat::GREEDY), (&lazy, Repeat::LAZY)] {
                let expected = regex.captures(password).unwrap().map(|c| {
                    let (whole, base) = (c.get(0).unwrap(), c.get(1).unwrap());
                    let start = as_chars(password, whole.start());
                    let base_len = base.as_str().chars().count();
                    let count = whole.as_str().chars().count() / base_len;
                    Repeat {
                        start,
                        base_len,
                        count,
                    }
                });
                let found = Repeat::find(&chars, mode);
                assert_eq!(found, expected, "{password:?}");
                if let Some(found) = found {
                    let whole = regex.captures(password).unwrap().unwrap();
                    let base = anchored
                        .captures(whole.get(0).unwrap().as_str())
                        .unwrap()
                        .unwrap();
                    assert_eq!(
                        found.shortest_base(&chars),
                        base.get(1).unwrap().as_str().chars().count()
                    );
                }
            }
        }
    }
}
