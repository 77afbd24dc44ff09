use crate::matching::patterns::*;
use crate::matching::{Match, Matches};
use std::collections::HashMap;
use std::{cmp, fmt::Display};

/// Score generated when measuring the entropy of a password.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Score {
    /// Can be cracked with 10^3 guesses or less.
    Zero = 0,
    /// Can be cracked with 10^6 guesses or less.
    One,
    /// Can be cracked with 10^8 guesses or less.
    Two,
    /// Can be cracked with 10^10 guesses or less.
    Three,
    /// Requires more than 10^10 guesses to crack.
    Four,
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score as u8
    }
}

impl TryFrom<u8> for Score {
    type Error = &'static str;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Ok(match value {
            0 => Self::Zero,
            1 => Self::One,
            2 => Self::Two,
            3 => Self::Three,
            4 => Self::Four,
            _ => return Err("zxcvbn entropy score must be in the range 0-4"),
        })
    }
}

impl Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", u8::from(*self))
    }
}

#[derive(Debug, Clone)]
pub struct GuessCalculation {
    /// Estimated guesses needed to crack the password
    pub guesses: u64,
    /// Order of magnitude of `guesses`
    pub guesses_log10: f64,
    /// The list of patterns the guess calculation was based on
    pub sequence: Vec<Match>,
}

lazy_static! {
    pub(crate) static ref REFERENCE_YEAR: i32 = time::OffsetDateTime::now_utc().year();
}

const MIN_YEAR_SPACE: i32 = 20;
const BRUTEFORCE_CARDINALITY: u64 = 10;
const MIN_GUESSES_BEFORE_GROWING_SEQUENCE: u64 = 10_000;
const MIN_SUBMATCH_GUESSES_SINGLE_CHAR: u64 = 10;
const MIN_SUBMATCH_GUESSES_MULTI_CHAR: u64 = 50;

/// The last match of a candidate sequence: one of the matches passed in, or a bruteforce match
/// over `i..=k`, built only if it ends up in the final sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LastMatch {
    Found(Origin),
    BruteForce { i: usize },
}

/// A match as the search needs it.
#[derive(Debug, Clone, Copy)]
struct Scored {
    i: usize,
    j: usize,
    guesses: u64,
    origin: Origin,
}

/// Where a match is: a word among `Matches::words`, or one of the other matches.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Origin {
    Word(usize),
    Other(usize),
}

/// The best length-l sequence found so far covering the password prefix up to some k.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    last: LastMatch,
    /// The product term Prod(m.guesses for m in sequence), for non-looping updates.
    pi: u64,
    /// The overall metric.
    guesses: u64,
}

/// The candidates covering one prefix, by ascending length: a handful, so a sorted list.
#[derive(Debug, Clone, Default)]
struct Candidates(Vec<(usize, Candidate)>);

impl Candidates {
    fn iter(&self) -> impl Iterator<Item = (usize, &Candidate)> {
        self.0.iter().map(|(len, candidate)| (*len, candidate))
    }

    fn get(&self, len: usize) -> &Candidate {
        let index = self.0.binary_search_by_key(&len, |(l, _)| *l);
        &self.0[index.expect("a candidate of each length extended")].1
    }

    /// The fewest guesses among the candidates of at most `len` matches, if any.
    fn fewest_up_to(&self, len: usize) -> Option<u64> {
        self.iter()
            .take_while(|&(l, _)| l <= len)
            .map(|(_, candidate)| candidate.guesses)
            .min()
    }

    /// A floor on what extending any of these by a match of g guesses costs, divided by g:
    /// a sequence of l + 1 matches costs at least (l + 1)! · pi · g.
    fn extension_floor(&self, cost: &SequenceCost) -> u64 {
        self.iter()
            .map(|(l, candidate)| cost.factorial[l + 1].saturating_mul(candidate.pi))
            .min()
            .unwrap_or(u64::MAX)
    }

    fn insert(&mut self, len: usize, candidate: Candidate) {
        match self.0.binary_search_by_key(&len, |(l, _)| *l) {
            Ok(index) => self.0[index].1 = candidate,
            Err(index) => self.0.insert(index, (len, candidate)),
        }
    }
}

/// Finds the sequence of non-overlapping matches (gaps filled by bruteforce) that takes the fewest
/// guesses, by upstream zxcvbn's dynamic programme, with the same pruning and tie-breaks as the
/// original JavaScript (which visits sequence lengths in ascending order; upstream's Rust port
/// visits them in `HashMap` order). Unlike upstream, it neither clones a match per step nor
/// allocates a bruteforce match per (i, k): each match's guesses are estimated once, and only
/// the matches in the answer are built as `Match`es (dictionary words arrive compact).
pub(crate) fn most_guessable_match_sequence(
    password: &str,
    matches: impl Into<Matches>,
    exclude_additive: bool,
) -> GuessCalculation {
    let n = password.chars().count();

    // Each match as the search needs it: its span, its guesses (estimated once; the estimate
    // also fills in the pattern's details, which feedback reads) and where to find it. Words
    // come first, as their matchers do.
    let mut matches: Matches = matches.into();
    let mut others = std::mem::take(&mut matches.others);
    let words = matches
        .words
        .iter()
        .enumerate()
        .map(|(index, word)| Scored {
            i: word.i,
            j: word.j,
            guesses: word.guesses,
            origin: Origin::Word(index),
        });
    let others_scored = others.iter_mut().enumerate().map(|(index, m)| Scored {
        i: m.i,
        j: m.j,
        guesses: estimate_guesses(m, n),
        origin: Origin::Other(index),
    });
    let scored: Vec<Scored> = words.chain(others_scored).collect();
    // By end, then start; matches over the same span stay in the order they were found (the
    // first of equal guesses wins), so the answer does not depend on a sort's whims.
    let mut by_end: Vec<usize> = (0..scored.len()).collect();
    by_end.sort_by_key(|&index| (scored[index].j, scored[index].i));

    // optimal[k][l]: the best length-l sequence covering the password prefix up to k, inclusive,
    // if no shorter sequence over the same prefix scores at least as well.
    let mut optimal: Vec<Candidates> = vec![Candidates::default(); n];

    /// helper: considers whether a length-l sequence ending at `last` (with `guesses` of its own,
    /// over i..=k) is better (fewer guesses) than previously encountered sequences, updating
    /// state if so. `at_k` holds the candidates covering the prefix up to k, `before` those
    /// covering the prefix up to i - 1 (none if i is 0).
    fn update(
        at_k: &mut Candidates,
        before: Option<&Candidates>,
        last: LastMatch,
        last_guesses: u64,
        len: usize,
        cost: &SequenceCost,
    ) {
        let mut pi = last_guesses;
        if len > 1 {
            // we're considering a length-l sequence ending with this match:
            // obtain the product term in the minimization function by multiplying its guesses
            // by the product of the length-(l-1) sequence ending just before it, at i - 1.
            let before = before.expect("a sequence of several matches starts after 0");
            pi = pi.saturating_mul(before.get(len - 1).pi);
        }
        // calculate the minimization func
        let guesses = cost.of(len, pi);
        // update state if new best.
        // first see if any competing sequences covering this prefix, with l or fewer matches,
        // fare better than this sequence. if so, skip it and return.
        if at_k
            .iter()
            .take_while(|&(competing_l, _)| competing_l <= len)
            .any(|(_, competing)| competing.guesses <= guesses)
        {
            return;
        }
        // this sequence might be part of the final optimal sequence.
        at_k.insert(len, Candidate { last, pi, guesses });
    }

    /// helper: considers `last` (over i..=k, with `guesses` of its own) as the last match of a
    /// sequence of each length that covers the prefix up to i - 1 (`before`), or alone if i is 0.
    fn extend(
        at_k: &mut Candidates,
        before: Option<&Candidates>,
        last: LastMatch,
        guesses: u64,
        cost: &SequenceCost,
    ) {
        match before {
            None => update(at_k, None, last, guesses, 1, cost),
            Some(before) => {
                // corner: an optimal sequence will never have two adjacent bruteforce matches.
                // it is strictly better to have a single bruteforce match spanning the same region:
                // same contribution to the guess product with a lower length.
                // --> safe to skip those cases.
                let bruteforce = matches!(last, LastMatch::BruteForce { .. });
                for (l, candidate) in before.iter() {
                    if bruteforce && matches!(candidate.last, LastMatch::BruteForce { .. }) {
                        continue;
                    }
                    update(at_k, Some(before), last, guesses, l + 1, cost);
                }
            }
        }
    }

    /// helper: evaluate bruteforce matches ending at k.
    /// (`bruteforce[len]`: the guesses of a bruteforce match of `len` characters.)
    /// (`extension_floors[e]`: `optimal[e].extension_floor(cost)`.)
    fn bruteforce_update(
        k: usize,
        optimal: &mut [Candidates],
        bruteforce: &[u64],
        extension_floors: &[u64],
        cost: &SequenceCost,
    ) {
        let (done, rest) = optimal.split_at_mut(k);
        let at_k = &mut rest[0];
        // see if a single bruteforce match spanning the k-prefix is optimal.
        let whole = LastMatch::BruteForce { i: 0 };
        let guesses = bruteforce[k + 1];
        extend(at_k, None, whole, guesses, cost);
        // Every candidate below has two or more matches, so the best single-match sequence at k
        // stays as it is, and any candidate with at least its guesses is rejected. A candidate
        // costs at least its bruteforce match's guesses (the additive term saturates long
        // before the factorial could wrap), so the spans that alone reach that ceiling are
        // skipped, which is what keeps this loop short for long passwords. Without the
        // additive term, a wrapped factorial could undercut it: nothing is skipped.
        let ceiling = at_k.get(1).guesses;
        let first_i = match cost.exclude_additive {
            true => 1,
            false => (1..=k)
                .find(|&i| bruteforce[k - i + 1] < ceiling)
                .unwrap_or(k + 1),
        };
        for i in first_i..=k {
            // generate k bruteforce matches, spanning from (i=1, j=k) up to (i=k, j=k).
            // see if adding these new matches to any of the sequences in optimal[i-1]
            // leads to new bests.
            let guesses = bruteforce[k - i + 1];
            // Each sequence ending with this span has two or more matches and costs at least
            // its floor, so a candidate with at most two matches and no more guesses than
            // that floor rejects them all; for a long password, most spans follow a prefix
            // whose sequences already cost the maximum.
            let floor = guesses.saturating_mul(extension_floors[i - 1]);
            if at_k.fewest_up_to(2).is_some_and(|fewest| fewest <= floor) {
                continue;
            }
            let last = LastMatch::BruteForce { i };
            extend(at_k, Some(&done[i - 1]), last, guesses, cost);
        }
    }

    /// helper: make bruteforce match objects spanning i to j, inclusive.
    fn make_bruteforce_match(i: usize, j: usize, password: &str) -> Match {
        let mut m = Match {
            pattern: MatchPattern::BruteForce,
            token: password.chars().take(j + 1).skip(i).collect(),
            i,
            j,
            ..Match::default()
        };
        estimate_guesses(&mut m, password.chars().count());
        m
    }

    // Sequences of up to n matches, extended by one.
    let cost = &SequenceCost::new(n + 1, exclude_additive);
    let bruteforce: Vec<u64> = (0..=n).map(bruteforce_guesses).collect();
    let mut extension_floors: Vec<u64> = Vec::with_capacity(n);
    let mut ending = by_end.iter().map(|&index| &scored[index]).peekable();
    for k in 0..n {
        let (done, rest) = optimal.split_at_mut(k);
        while let Some(m) = ending.next_if(|m| m.j == k) {
            let before = m.i.checked_sub(1).map(|end| &done[end]);
            let last = LastMatch::Found(m.origin);
            extend(&mut rest[0], before, last, m.guesses, cost);
        }
        bruteforce_update(k, &mut optimal, &bruteforce, &extension_floors, cost);
        extension_floors.push(optimal[k].extension_floor(cost));
    }

    // step backwards through optimal starting at the end, constructing the final optimal match
    // sequence. the final best sequence length is the first with the fewest guesses.
    let mut optimal_match_sequence = Vec::new();
    let mut k = n - 1;
    let mut best: Option<(usize, u64)> = None;
    for (candidate_l, candidate) in optimal[k].iter() {
        if best.is_none_or(|(_, guesses)| candidate.guesses < guesses) {
            best = Some((candidate_l, candidate.guesses));
        }
    }
    let (optimal_l, _) = best.expect("every prefix has a bruteforce cover");
    let mut l = optimal_l;
    loop {
        let (m, i) = match optimal[k].get(l).last {
            LastMatch::Found(Origin::Word(index)) => {
                let m = matches.word_match(index, password);
                let i = m.i;
                (m, i)
            }
            LastMatch::Found(Origin::Other(index)) => (others[index].clone(), others[index].i),
            LastMatch::BruteForce { i } => (make_bruteforce_match(i, k, password), i),
        };
        optimal_match_sequence.insert(0, m);
        if i == 0 {
            break;
        }
        k = i - 1;
        l -= 1;
    }

    // corner: empty password
    let guesses = if password.is_empty() {
        1
    } else {
        optimal[n - 1].get(optimal_l).guesses
    };

    GuessCalculation {
        guesses,
        guesses_log10: (guesses as f64).log10(),
        sequence: optimal_match_sequence,
    }
}

/// What a sequence of `len` matches costs given the product `pi` of their guesses: len! times
/// that, plus 10^4^(len - 1) unless the additive term is excluded. Tabulated once per search,
/// as every candidate needs it.
struct SequenceCost {
    /// By length, from 0.
    factorial: Vec<u64>,
    additive: Vec<u64>,
    exclude_additive: bool,
}

impl SequenceCost {
    /// For sequences of up to `longest` matches.
    fn new(longest: usize, exclude_additive: bool) -> Self {
        let additive = |len: usize| match len {
            0 | 1 => 1,
            _ => (2..len).fold(MIN_GUESSES_BEFORE_GROWING_SEQUENCE, |acc, _| {
                acc.saturating_mul(MIN_GUESSES_BEFORE_GROWING_SEQUENCE)
            }),
        };
        SequenceCost {
            factorial: (0..=longest).map(|len| factorial(len) as u64).collect(),
            additive: (0..=longest).map(additive).collect(),
            exclude_additive,
        }
    }

    fn of(&self, len: usize, pi: u64) -> u64 {
        let guesses = self.factorial[len].saturating_mul(pi);
        match self.exclude_additive {
            true => guesses,
            false => guesses.saturating_add(self.additive[len]),
        }
    }
}

/// The guesses of a whole password's sequence of `len` matches whose guesses multiply to `pi`,
/// by the formula the search minimises.
pub fn sequence_guesses(len: usize, pi: u64) -> u64 {
    SequenceCost::new(len, false).of(len, pi)
}

/// n!, wrapping like upstream's `(1..=n).product()` in a release build (from 21 matches on)
/// instead of panicking in a debug one.
fn factorial(n: usize) -> usize {
    (1..=n).fold(1, usize::wrapping_mul)
}

/// A bruteforce match's guesses depend on its length alone. Being above the submatch minimum,
/// they are also what `estimate_guesses` gives it.
fn bruteforce_guesses(token_len: usize) -> u64 {
    let exponent = u32::try_from(token_len.max(1)).unwrap_or(u32::MAX);
    let guesses = BRUTEFORCE_CARDINALITY.saturating_pow(exponent);
    // small detail: make bruteforce matches at minimum one guess bigger than smallest allowed
    // submatch guesses, such that non-bruteforce submatches over the same [i..j] take precedence.
    let min_guesses = if token_len == 1 {
        MIN_SUBMATCH_GUESSES_SINGLE_CHAR + 1
    } else {
        MIN_SUBMATCH_GUESSES_MULTI_CHAR + 1
    };
    cmp::max(guesses, min_guesses)
}

/// A match's guesses, at least the floor for its length (and cached in it), in a password of
/// `password_len` characters.
pub(crate) fn estimate_guesses(m: &mut Match, password_len: usize) -> u64 {
    if let Some(guesses) = m.guesses {
        // a match's guess estimate doesn't change. cache it.
        return guesses;
    }
    let min_guesses = min_guesses(m.token.chars().count(), password_len);
    let guesses = m.pattern.estimate(&m.token);
    m.guesses = Some(cmp::max(guesses, min_guesses));
    m.guesses.unwrap()
}

/// The fewest guesses a match of `token_len` characters in a password of `password_len` is
/// given, so that longer matches and bruteforce are not crowded out by one-character ones.
pub(crate) fn min_guesses(token_len: usize, password_len: usize) -> u64 {
    if token_len < password_len {
        if token_len == 1 {
            MIN_SUBMATCH_GUESSES_SINGLE_CHAR
        } else {
            MIN_SUBMATCH_GUESSES_MULTI_CHAR
        }
    } else {
        1
    }
}

trait Estimator {
    fn estimate(&mut self, token: &str) -> u64;
}

impl Estimator for MatchPattern {
    fn estimate(&mut self, token: &str) -> u64 {
        match *self {
            MatchPattern::Dictionary(ref mut p) => p.estimate(token),
            MatchPattern::Spatial(ref mut p) => p.estimate(token),
            MatchPattern::Repeat(ref mut p) => p.estimate(token),
            MatchPattern::Sequence(ref mut p) => p.estimate(token),
            MatchPattern::Regex(ref mut p) => p.estimate(token),
            MatchPattern::Date(ref mut p) => p.estimate(token),
            MatchPattern::BruteForce => bruteforce_guesses(token.chars().count()),
        }
    }
}

impl Estimator for DictionaryPattern {
    fn estimate(&mut self, token: &str) -> u64 {
        self.base_guesses = self.rank as u64;
        self.uppercase_variations = uppercase_variations(token);
        self.l33t_variations = l33t_variations(self, token);
        dictionary_guesses(
            self.rank,
            self.uppercase_variations,
            self.l33t_variations,
            self.reversed,
        )
    }
}

/// A dictionary word's guesses, before the floor for its length.
pub(crate) fn dictionary_guesses(
    rank: usize,
    uppercase_variations: u64,
    l33t_variations: u64,
    reversed: bool,
) -> u64 {
    rank as u64 * uppercase_variations * l33t_variations * if reversed { 2 } else { 1 }
}

fn uppercase_variations(token: &str) -> u64 {
    uppercase_variations_of(&token.chars().collect::<Vec<char>>())
}

/// How many ways `token` could be capitalized. Upstream takes a string; this takes characters
/// and builds a string only for a non-ASCII token with capitals (to lowercase it as a string).
pub(crate) fn uppercase_variations_of(token: &[char]) -> u64 {
    if token.iter().all(|c| c.is_lowercase()) || lowercasing_keeps(token) {
        return 1;
    }
    let upper = token.iter().filter(|c| c.is_uppercase()).count();
    let lower = token.iter().filter(|c| c.is_lowercase()).count();
    // a capitalized token is the most common capitalization scheme,
    // so it only doubles the search space (uncapitalized + capitalized).
    // allcaps and end-capitalized are common enough too, underestimate as 2x factor to be safe.
    let first_or_last_upper = [token.first(), token.last()]
        .into_iter()
        .flatten()
        .any(|c| c.is_uppercase());
    if (first_or_last_upper && upper == 1) || token.iter().all(|c| c.is_uppercase()) {
        return 2;
    }
    // otherwise calculate the number of ways to capitalize U+L uppercase+lowercase letters
    // with U uppercase letters or less. or, if there's more uppercase than lower (for eg. PASSwORD),
    // the number of ways to lowercase U+L letters with L lowercase letters or less.
    (1..=cmp::min(upper, lower))
        .map(|i| n_ck(upper + lower, i))
        .sum()
}

/// Whether lowercasing `token` (as a string: 'Σ' lowercases by context) leaves it as it is.
fn lowercasing_keeps(token: &[char]) -> bool {
    if token.iter().all(char::is_ascii) {
        return !token.iter().any(char::is_ascii_uppercase);
    }
    let token: String = token.iter().collect();
    token.to_lowercase() == token
}

fn l33t_variations(pattern: &DictionaryPattern, token: &str) -> u64 {
    match pattern.l33t {
        true => substitution_variations(
            pattern.sub.as_ref().unwrap(),
            &token.chars().collect::<Vec<char>>(),
        ),
        false => 1,
    }
}

/// How many ways the l33t substitutions `sub` could have been applied to `token`.
pub(crate) fn substitution_variations<'s>(
    sub: impl IntoIterator<Item = (&'s char, &'s char)>,
    token: &[char],
) -> u64 {
    // lower-case match.token before calculating: capitalization shouldn't affect l33t calc.
    // (As a string, 'Σ' lowercasing by context; an ASCII token needs no string.)
    let lowercase: Vec<char> = match token.iter().all(char::is_ascii) {
        true => token.iter().map(char::to_ascii_lowercase).collect(),
        false => token
            .iter()
            .collect::<String>()
            .to_lowercase()
            .chars()
            .collect(),
    };
    let mut variations = 1;
    for (subbed, unsubbed) in sub {
        let subbed = lowercase.iter().filter(|c| *c == subbed).count();
        let unsubbed = lowercase.iter().filter(|c| *c == unsubbed).count();
        if subbed == 0 || unsubbed == 0 {
            // for this sub, password is either fully subbed (444) or fully unsubbed (aaa)
            // treat that as doubling the space (attacker needs to try fully subbed chars in addition to
            // unsubbed.)
            variations *= 2;
        } else {
            // this case is similar to capitalization:
            // with aa44a, U = 3, S = 2, attacker needs to try unsubbed + one sub + two subs
            let p = cmp::min(unsubbed, subbed);
            let possibilities: u64 = (1..=p).map(|i| n_ck(unsubbed + subbed, i)).sum();
            variations *= possibilities;
        }
    }
    variations
}

fn n_ck(n: usize, k: usize) -> u64 {
    // http://blog.plover.com/math/choose.html
    (if k > n {
        0
    } else if k == 0 {
        1
    } else {
        let mut r: usize = 1;
        let mut n = n;
        for d in 1..=k {
            r = r.saturating_mul(n);
            r /= d;
            n -= 1;
        }
        r
    }) as u64
}

impl Estimator for SpatialPattern {
    fn estimate(&mut self, token: &str) -> u64 {
        let (starts, degree) = if ["qwerty", "dvorak"].contains(&self.graph.as_str()) {
            (*KEYBOARD_STARTING_POSITIONS, *KEYBOARD_AVERAGE_DEGREE)
        } else {
            (*KEYPAD_STARTING_POSITIONS, *KEYPAD_AVERAGE_DEGREE)
        };
        let mut guesses = 0u64;
        let len = token.chars().count();
        // estimate the number of possible patterns w/ length L or less with t turns or less.
        for i in 2..=len {
            let possible_turns = cmp::min(self.turns, i - 1);
            for j in 1..=possible_turns {
                guesses = guesses.saturating_add(
                    n_ck(i - 1, j - 1)
                        .saturating_mul(starts)
                        .saturating_mul(degree.pow(j as u32)),
                );
            }
        }
        // add extra guesses for shifted keys. (% instead of 5, A instead of a.)
        // math is similar to extra guesses of l33t substitutions in dictionary matches.
        let shifted_count = self.shifted_count;
        if shifted_count > 0 {
            let unshifted_count = len - shifted_count;
            if unshifted_count == 0 {
                guesses = guesses.saturating_mul(2);
            } else {
                let shifted_variations: u64 = (1..=cmp::min(shifted_count, unshifted_count))
                    .map(|i| n_ck(shifted_count + unshifted_count, i))
                    .sum();
                guesses = guesses.saturating_mul(shifted_variations);
            }
        }
        guesses
    }
}

lazy_static! {
    static ref KEYBOARD_AVERAGE_DEGREE: u64 = calc_average_degree(&crate::adjacency_graphs::QWERTY);
    // slightly different for keypad/mac keypad, but close enough
    static ref KEYPAD_AVERAGE_DEGREE: u64 = calc_average_degree(&crate::adjacency_graphs::KEYPAD);
    static ref KEYBOARD_STARTING_POSITIONS: u64 = crate::adjacency_graphs::QWERTY.len() as u64;
    static ref KEYPAD_STARTING_POSITIONS: u64 = crate::adjacency_graphs::KEYPAD.len() as u64;
}

fn calc_average_degree(graph: &crate::adjacency_graphs::Graph) -> u64 {
    let sum: u64 = graph
        .values()
        .map(|neighbors| neighbors.iter().filter(|n| n.is_some()).count() as u64)
        .sum();
    sum / graph.len() as u64
}

impl Estimator for RepeatPattern {
    fn estimate(&mut self, _: &str) -> u64 {
        self.base_guesses.saturating_mul(self.repeat_count as u64)
    }
}

impl Estimator for SequencePattern {
    fn estimate(&mut self, token: &str) -> u64 {
        let first_chr = token.chars().next().unwrap();
        // lower guesses for obvious starting points
        let mut base_guesses = if ['a', 'A', 'z', 'Z', '0', '1', '9'].contains(&first_chr) {
            4
        } else if first_chr.is_ascii_digit() {
            10
        } else {
            // could give a higher base for uppercase,
            // assigning 26 to both upper and lower sequences is more conservative.
            26
        };
        if !self.ascending {
            // need to try a descending sequence in addition to every ascending sequence ->
            // 2x guesses
            base_guesses *= 2;
        }
        base_guesses * token.chars().count() as u64
    }
}

impl Estimator for RegexPattern {
    fn estimate(&mut self, token: &str) -> u64 {
        if CHAR_CLASS_BASES.keys().any(|x| *x == self.regex_name) {
            CHAR_CLASS_BASES[&*self.regex_name].pow(token.chars().count() as u32)
        } else {
            match &*self.regex_name {
                "recent_year" => {
                    let year_space =
                        (self.regex_match[0].parse::<i32>().unwrap() - *REFERENCE_YEAR).abs();
                    cmp::max(year_space, MIN_YEAR_SPACE) as u64
                }
                _ => unreachable!(),
            }
        }
    }
}

lazy_static! {
    static ref CHAR_CLASS_BASES: HashMap<&'static str, u64> = {
        let mut table = HashMap::with_capacity(6);
        table.insert("alpha_lower", 26);
        table.insert("alpha_upper", 26);
        table.insert("alpha", 52);
        table.insert("alphanumeric", 62);
        table.insert("digits", 10);
        table.insert("symbols", 33);
        table
    };
}

impl Estimator for DatePattern {
    fn estimate(&mut self, _: &str) -> u64 {
        // base guesses: (year distance from REFERENCE_YEAR) * num_days * num_years
        let year_space = cmp::max((self.year - *REFERENCE_YEAR).abs(), MIN_YEAR_SPACE);
        let mut guesses = year_space as u64 * 365;
        // add factor of 4 for separator selection (one of ~4 choices)
        if !self.separator.is_empty() {
            guesses *= 4;
        }
        guesses
    }
}

#[cfg(test)]
mod tests {
    use crate::matching::patterns::*;
    use crate::matching::Match;
    use crate::scoring;
    use crate::scoring::Estimator;
    use quickcheck::TestResult;
    use std::collections::HashMap;

    #[test]
    fn test_n_ck() {
        let test_data = [
            (0, 0, 1),
            (1, 0, 1),
            (5, 0, 1),
            (0, 1, 0),
            (0, 5, 0),
            (2, 1, 2),
            (4, 2, 6),
            (33, 7, 4_272_048),
        ];
        for &(n, k, result) in &test_data {
            assert_eq!(scoring::n_ck(n, k), result);
        }
    }

    quickcheck! {
        fn test_n_ck_mul_overflow(n: usize, k: usize) -> TestResult {
            if (63..=100).contains(&n) {
                scoring::n_ck(n, k); // Must not panic
                TestResult::from_bool(true)
            } else {
                TestResult::discard()
            }
        }

        fn test_n_ck_mirror_identity(n: usize, k: usize) -> TestResult {
            if k > n || n >= 63 {
                return TestResult::discard();
            }
            TestResult::from_bool(scoring::n_ck(n, k) == scoring::n_ck(n, n-k))
        }

        fn test_n_ck_pascals_triangle(n: usize, k: usize) -> TestResult {
            if n == 0 || k == 0 || n >= 63 {
                return TestResult::discard();
            }
            TestResult::from_bool(scoring::n_ck(n, k) == scoring::n_ck(n-1, k-1) + scoring::n_ck(n-1, k))
        }
    }

    #[test]
    fn test_search_returns_one_bruteforce_match_given_empty_match_sequence() {
        let password = "0123456789";
        let result = scoring::most_guessable_match_sequence(password, &[], true);
        assert_eq!(result.sequence.len(), 1);
        let m0 = &result.sequence[0];
        assert_eq!(m0.pattern.variant(), "bruteforce");
        assert_eq!(m0.token, password);
        assert_eq!(m0.i, 0);
        assert_eq!(m0.j, 9);
    }

    #[test]
    fn test_search_returns_match_and_bruteforce_when_match_covers_prefix_of_password() {
        let password = "0123456789";
        let m = Match {
            i: 0,
            j: 5,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result =
            scoring::most_guessable_match_sequence(password, std::slice::from_ref(&m), true);
        assert_eq!(result.sequence.len(), 2);
        assert_eq!(result.sequence[0], m);
        let m1 = &result.sequence[1];
        assert_eq!(m1.pattern.variant(), "bruteforce");
        assert_eq!(m1.i, 6);
        assert_eq!(m1.j, 9);
    }

    #[test]
    fn test_search_returns_bruteforce_and_match_when_match_covers_a_suffix() {
        let password = "0123456789";
        let m = Match {
            i: 3,
            j: 9,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result =
            scoring::most_guessable_match_sequence(password, std::slice::from_ref(&m), true);
        assert_eq!(result.sequence.len(), 2);
        let m0 = &result.sequence[0];
        assert_eq!(m0.pattern.variant(), "bruteforce");
        assert_eq!(m0.i, 0);
        assert_eq!(m0.j, 2);
        assert_eq!(result.sequence[1], m);
    }

    #[test]
    fn test_search_returns_bruteforce_and_match_when_match_covers_an_infix() {
        let password = "0123456789";
        let m = Match {
            i: 1,
            j: 8,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result =
            scoring::most_guessable_match_sequence(password, std::slice::from_ref(&m), true);
        assert_eq!(result.sequence.len(), 3);
        assert_eq!(result.sequence[1], m);
        let m0 = &result.sequence[0];
        let m2 = &result.sequence[2];
        assert_eq!(m0.pattern.variant(), "bruteforce");
        assert_eq!(m0.i, 0);
        assert_eq!(m0.j, 0);
        assert_eq!(m2.pattern.variant(), "bruteforce");
        assert_eq!(m2.i, 9);
        assert_eq!(m2.j, 9);
    }

    #[test]
    fn test_search_chooses_lower_guesses_match_given_two_matches_of_same_span() {
        let password = "0123456789";
        let mut m0 = Match {
            i: 0,
            j: 9,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };
        let m1 = Match {
            i: 0,
            j: 9,
            guesses: Some(2),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result =
            scoring::most_guessable_match_sequence(password, &[m0.clone(), m1.clone()], true);
        assert_eq!(result.sequence.len(), 1);
        assert_eq!(result.sequence[0], m0);
        // make sure ordering doesn't matter
        m0.guesses = Some(3);
        let result = scoring::most_guessable_match_sequence(password, &[m0, m1.clone()], true);
        assert_eq!(result.sequence.len(), 1);
        assert_eq!(result.sequence[0], m1);
    }

    #[test]
    fn test_search_when_m0_covers_m1_and_m2_choose_m0_when_m0_lt_m1_t_m2_t_fact_2() {
        let password = "0123456789";
        let m0 = Match {
            i: 0,
            j: 9,
            guesses: Some(3),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };
        let m1 = Match {
            i: 0,
            j: 3,
            guesses: Some(2),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };
        let m2 = Match {
            i: 4,
            j: 9,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result = scoring::most_guessable_match_sequence(password, &[m0.clone(), m1, m2], true);
        assert_eq!(result.guesses, 3);
        assert_eq!(result.sequence, vec![m0]);
    }

    #[test]
    fn test_search_when_m0_covers_m1_and_m2_choose_m1_m2_when_m0_gt_m1_t_m2_t_fact_2() {
        let password = "0123456789";
        let m0 = Match {
            i: 0,
            j: 9,
            guesses: Some(5),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };
        let m1 = Match {
            i: 0,
            j: 3,
            guesses: Some(2),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };
        let m2 = Match {
            i: 4,
            j: 9,
            guesses: Some(1),
            pattern: MatchPattern::Dictionary(DictionaryPattern::default()),
            ..Match::default()
        };

        let result =
            scoring::most_guessable_match_sequence(password, &[m0, m1.clone(), m2.clone()], true);
        assert_eq!(result.guesses, 4);
        assert_eq!(result.sequence, vec![m1, m2]);
    }

    #[test]
    fn test_calc_guesses_returns_guesses_when_cached() {
        let mut m = Match {
            guesses: Some(1),
            ..Match::default()
        };
        assert_eq!(scoring::estimate_guesses(&mut m, 0), 1);
    }

    #[test]
    fn test_calc_guesses_delegates_based_on_pattern() {
        let mut p = DatePattern {
            year: 1977,
            month: 7,
            day: 14,
            ..DatePattern::default()
        };
        let token = "1977";
        let mut m = Match {
            pattern: MatchPattern::Date(p.clone()),
            token: token.to_string(),
            ..Match::default()
        };
        assert_eq!(
            scoring::estimate_guesses(&mut m, token.len()),
            p.estimate(token)
        );
    }

    #[test]
    fn test_repeat_guesses() {
        let test_data = [
            ("aa", "a", 2),
            ("999", "9", 3),
            ("$$$$", "$", 4),
            ("abab", "ab", 2),
            (
                "batterystaplebatterystaplebatterystaple",
                "batterystaple",
                3,
            ),
        ];
        for &(token, base_token, repeat_count) in &test_data {
            let base_guesses = scoring::most_guessable_match_sequence(
                base_token,
                crate::matching::omnimatch(base_token, &HashMap::new()),
                false,
            )
            .guesses;
            let mut p = RepeatPattern {
                base_token: base_token.to_string(),
                base_guesses,
                repeat_count,
                ..RepeatPattern::default()
            };
            let expected_guesses = base_guesses * repeat_count as u64;
            assert_eq!(p.estimate(token), expected_guesses);
        }
    }

    #[test]
    fn test_sequence_guesses() {
        let test_data = [
            ("ab", true, 4 * 2),         // obvious start * len-2
            ("XYZ", true, 26 * 3),       // base26 * len-3
            ("4567", true, 10 * 4),      // base10 * len-4
            ("7654", false, 10 * 4 * 2), // base10 * len 4 * descending
            ("ZYX", false, 4 * 3 * 2),   /* obvious start * len-3 * descending */
        ];
        for &(token, ascending, guesses) in &test_data {
            let mut p = SequencePattern {
                ascending,
                ..SequencePattern::default()
            };
            assert_eq!(p.estimate(token), guesses);
        }
    }

    #[test]
    fn test_regex_guesses_lowercase() {
        let token = "aizocdk";
        let mut p = RegexPattern {
            regex_name: "alpha_lower".to_owned(),
            regex_match: vec![token.to_string()],
        };
        assert_eq!(p.estimate(token), 26u64.pow(7));
    }

    #[test]
    fn test_regex_guesses_alphanumeric() {
        let token = "ag7C8";
        let mut p = RegexPattern {
            regex_name: "alphanumeric".to_owned(),
            regex_match: vec![token.to_string()],
        };
        assert_eq!(p.estimate(token), 62u64.pow(5));
    }

    #[test]
    fn test_regex_guesses_distant_year() {
        let token = "1972";
        let mut p = RegexPattern {
            regex_name: "recent_year".to_owned(),
            regex_match: vec![token.to_string()],
        };
        assert_eq!(p.estimate(token), (*scoring::REFERENCE_YEAR - 1972) as u64);
    }

    #[test]
    fn test_regex_guesses_recent_year() {
        let token = (*scoring::REFERENCE_YEAR - 15).to_string();
        let mut p = RegexPattern {
            regex_name: "recent_year".to_owned(),
            regex_match: vec![token.to_string()],
        };
        assert_eq!(p.estimate(&token), scoring::MIN_YEAR_SPACE as u64);
    }

    #[test]
    fn test_regex_guesses_current_year() {
        let token = time::OffsetDateTime::now_utc().year().to_string();
        let mut p = RegexPattern {
            regex_name: "recent_year".to_owned(),
            regex_match: vec![token.to_string()],
        };
        assert_eq!(p.estimate(&token), scoring::MIN_YEAR_SPACE as u64);
    }

    #[test]
    fn test_date_guesses() {
        let mut p = DatePattern {
            separator: "".to_string(),
            year: 1923,
            month: 1,
            day: 1,
        };
        let token = "1123";
        assert_eq!(
            p.estimate(token),
            365 * (*scoring::REFERENCE_YEAR - p.year).unsigned_abs() as u64
        );
    }

    #[test]
    fn test_date_guesses_recent_years_assume_min_year_space() {
        let mut p = DatePattern {
            separator: "/".to_string(),
            year: 2010,
            month: 1,
            day: 1,
        };
        let token = "1/1/2010";
        assert_eq!(p.estimate(token), 365 * scoring::MIN_YEAR_SPACE as u64 * 4);
    }

    #[test]
    #[allow(clippy::clone_on_copy)]
    fn test_spatial_guesses_no_turns_or_shifts() {
        let mut p = SpatialPattern {
            graph: "qwerty".to_string(),
            turns: 1,
            shifted_count: 0,
        };
        let token = "zxcvbn";
        let base_guesses = *scoring::KEYBOARD_STARTING_POSITIONS
            * *scoring::KEYBOARD_AVERAGE_DEGREE
            * (token.len() - 1) as u64;
        assert_eq!(p.estimate(token), base_guesses);
    }

    #[test]
    #[allow(clippy::clone_on_copy)]
    fn test_spatial_guesses_adds_for_shifted_keys() {
        let mut p = SpatialPattern {
            graph: "qwerty".to_string(),
            turns: 1,
            shifted_count: 2,
        };
        let token = "ZxCvbn";
        let base_guesses = *scoring::KEYBOARD_STARTING_POSITIONS
            * *scoring::KEYBOARD_AVERAGE_DEGREE
            * (token.len() - 1) as u64
            * (scoring::n_ck(6, 2) + scoring::n_ck(6, 1));
        assert_eq!(p.estimate(token), base_guesses);
    }

    #[test]
    #[allow(clippy::clone_on_copy)]
    fn test_spatial_guesses_doubles_when_all_shifted() {
        let mut p = SpatialPattern {
            graph: "qwerty".to_string(),
            turns: 1,
            shifted_count: 6,
        };
        let token = "ZXCVBN";
        let base_guesses = *scoring::KEYBOARD_STARTING_POSITIONS
            * *scoring::KEYBOARD_AVERAGE_DEGREE
            * (token.len() - 1) as u64
            * 2;
        assert_eq!(p.estimate(token), base_guesses);
    }

    #[test]
    #[allow(clippy::clone_on_copy)]
    fn test_spatial_guesses_accounts_for_turn_positions_directions_and_start_keys() {
        let mut p = SpatialPattern {
            graph: "qwerty".to_string(),
            turns: 3,
            shifted_count: 0,
        };
        let token = "zxcft6yh";
        let guesses: u64 = (2..(token.len() + 1))
            .map(|i| {
                (1..::std::cmp::min(p.turns + 1, i))
                    .map(|j| {
                        scoring::n_ck(i - 1, j - 1)
                            * (*scoring::KEYBOARD_STARTING_POSITIONS
                                * scoring::KEYBOARD_AVERAGE_DEGREE.pow(j as u32))
                    })
                    .sum::<u64>()
            })
            .sum::<u64>();
        assert_eq!(p.estimate(token), guesses);
    }

    #[test]
    fn test_dictionary_base_guesses_equals_rank() {
        let mut p = DictionaryPattern {
            rank: 32,
            ..DictionaryPattern::default()
        };
        let token = "aaaaa";
        assert_eq!(p.estimate(token), 32);
    }

    #[test]
    fn test_dictionary_extra_guesses_added_for_caps() {
        let mut p = DictionaryPattern {
            rank: 32,
            ..DictionaryPattern::default()
        };
        let token = "AAAaaa";
        assert_eq!(p.estimate(token), 32 * scoring::uppercase_variations(token));
    }

    #[test]
    fn test_dictionary_guesses_doubled_if_reversed() {
        let mut p = DictionaryPattern {
            rank: 32,
            reversed: true,
            ..DictionaryPattern::default()
        };
        let token = "aaa";
        assert_eq!(p.estimate(token), 32 * 2);
    }

    #[test]
    fn test_dictionary_guesses_added_for_l33t() {
        let mut subs = HashMap::with_capacity(1);
        subs.insert('@', 'a');
        let mut p = DictionaryPattern {
            rank: 32,
            l33t: true,
            sub: Some(subs),
            ..DictionaryPattern::default()
        };
        let token = "aaa@@@";
        let expected = 32 * scoring::l33t_variations(&p, token);
        assert_eq!(p.estimate(token), expected);
    }

    #[test]
    fn test_dictionary_guesses_added_for_caps_and_l33t() {
        let mut subs = HashMap::with_capacity(1);
        subs.insert('@', 'a');
        let mut p = DictionaryPattern {
            rank: 32,
            l33t: true,
            sub: Some(subs),
            ..DictionaryPattern::default()
        };
        let token = "AaA@@@";
        let expected =
            32 * scoring::l33t_variations(&p, token) * scoring::uppercase_variations(token);
        assert_eq!(p.estimate(token), expected);
    }

    #[test]
    fn test_uppercase_variations() {
        let test_data = [
            ("", 1),
            ("a", 1),
            ("A", 2),
            ("abcdef", 1),
            ("Abcdef", 2),
            ("abcdeF", 2),
            ("ABCDEF", 2),
            ("aBcdef", scoring::n_ck(6, 1)),
            ("aBcDef", scoring::n_ck(6, 1) + scoring::n_ck(6, 2)),
            ("ABCDEf", scoring::n_ck(6, 1)),
            ("aBCDEf", scoring::n_ck(6, 1) + scoring::n_ck(6, 2)),
            (
                "ABCdef",
                scoring::n_ck(6, 1) + scoring::n_ck(6, 2) + scoring::n_ck(6, 3),
            ),
        ];
        for &(word, variants) in &test_data {
            assert_eq!(scoring::uppercase_variations(word), variants);
        }
    }

    #[test]
    fn test_l33t_variations_for_non_l33t() {
        let p = DictionaryPattern {
            l33t: false,
            ..DictionaryPattern::default()
        };
        assert_eq!(scoring::l33t_variations(&p, ""), 1);
    }

    #[test]
    fn test_l33t_variations() {
        let test_data = [
            ("", 1, vec![].into_iter().collect::<HashMap<char, char>>()),
            ("a", 1, vec![].into_iter().collect::<HashMap<char, char>>()),
            (
                "4",
                2,
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "4pple",
                2,
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "abcet",
                1,
                vec![].into_iter().collect::<HashMap<char, char>>(),
            ),
            (
                "4bcet",
                2,
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "a8cet",
                2,
                vec![('8', 'b')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "abce+",
                2,
                vec![('+', 't')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "48cet",
                4,
                vec![('4', 'a'), ('8', 'b')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "a4a4aa",
                scoring::n_ck(6, 2) + scoring::n_ck(6, 1),
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "4a4a44",
                scoring::n_ck(6, 2) + scoring::n_ck(6, 1),
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "Aa44aA",
                scoring::n_ck(6, 2) + scoring::n_ck(6, 1),
                vec![('4', 'a')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
            (
                "a44att+",
                (scoring::n_ck(4, 2) + scoring::n_ck(4, 1)) * scoring::n_ck(3, 1),
                vec![('4', 'a'), ('+', 't')]
                    .into_iter()
                    .collect::<HashMap<char, char>>(),
            ),
        ];
        for &(word, variants, ref sub) in &test_data {
            let p = DictionaryPattern {
                sub: Some(sub.clone()),
                l33t: !sub.is_empty(),
                ..DictionaryPattern::default()
            };
            assert_eq!(scoring::l33t_variations(&p, word), variants);
        }
    }
}
