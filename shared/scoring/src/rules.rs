//! Rule inversion: from a password, the base words a cracking rule could have made it from.
//!
//! A cracking run mangles each listed word with rules (John the Ripper's default rule set,
//! hashcat's `best64`). Here each rule family is undone instead, and a password is mangled when a
//! base of [`MIN_CORE_CHARS`] or more characters is listed:
//! - free, as the blocklist already does: case, look-alikes and padding of digits, years and
//!   symbols around the word ([`crate::normalize`]);
//! - one step of [`undo_step`]: reversal, duplication, reflection, doubled characters, English
//!   inflections; or two steps in a row; or one of [`undo_alone`]: rotations, a `the` prefix;
//! - one character deleted, inserted or replaced ([`within_one_edit`]), or the end cut off
//!   ([`is_listed_prefix`]), only where little else is left to guess (see
//!   [`MIN_EDITED_CHARS`] and [`MAX_PADDING_AROUND_EDITS`]).
//! - the end cut off and the rest duplicated, also as hashcat's `--stdout` writes it
//!   ([`copied_half`]), or cut by exactly three and `123`, `man` or `dog` appended;
//! - every vowel purged, as John's rules do ([`vowels_purged`]).

use fst::raw::{Fst, Node};

use crate::normalize::{cores, fold_case, MIN_CORE_CHARS};

/// Rules are undone on passwords of up to this many characters: the longest rule output of a
/// listed word is well within it, and it bounds the cost for long passwords.
pub const MAX_MANGLED_CHARS: usize = 64;

/// One-edit and truncation matches need a base this long: shorter words have so many listed
/// neighbours that a random string would often be one edit away from one (a random six-letter
/// core is within one edit of a listed password or word about one time in 26, a seven-letter
/// one about one time in 300).
const MIN_EDITED_CHARS: usize = 7;

/// A listed word this long may carry a little more padding (`Monkey2024!`).
const LONG_WORD_CHARS: usize = 6;

/// ... and at most this many characters of padding around that base: a long random remainder
/// makes a password strong whatever word it surrounds.
const MAX_PADDING_AROUND_EDITS: usize = 4;

/// ... and one edit on a base of exactly [`MIN_EDITED_CHARS`] at most this many: with three
/// digits around a seven-letter core, 5 of 200,000 random passwords of 10 lowercase letters
/// and digits (seeds 15 and 16, on the password lists alone) were one edit from a listed word
/// (`mmouseb096`).
const MAX_PADDING_AROUND_SHORT_EDITS: usize = 2;

/// What best64 writes over a word's first characters (`o0m o1a`; its `o0d` is one edit).
const OVERWRITTEN_STARTS: [&str; 1] = ["ma"];

/// Letters that best64 appends after cutting a word's end (`] ] ] $d $o $g`).
const CUT_AND_APPENDED: [&str; 9] = ["a", "e", "s", "o", "y", "er", "ie", "man", "dog"];

/// What best64 appends after cutting exactly [`BEST64_CUT`] characters off a word's end
/// (`] ] ] $1 $2 $3`): a base this specific may be shorter than [`MIN_EDITED_CHARS`].
const APPENDED_AFTER_BEST64_CUT: [&str; 3] = ["123", "man", "dog"];
const BEST64_CUT: usize = 3;
/// The shortest stem left by best64's cut of [`BEST64_CUT`]: a listed word of 9 characters.
const MIN_BEST64_CUT_STEM_CHARS: usize = 6;

/// Whether a listed core with `padding` characters around it (digits, years, symbols) is still
/// a guess that cracking rules make early: a few characters of padding, or a few more around a
/// long word (`Password2024!`), but not a short word in a random remainder (`naojl03626`).
pub fn padding_is_predictable(core_chars: usize, padding_chars: usize) -> bool {
    padding_chars <= MAX_PADDING_AROUND_EDITS || (core_chars >= LONG_WORD_CHARS && padding_chars <= 6)
}

/// Whether `password` is a listed word (of [`MIN_CORE_CHARS`] or more) mangled by one or two
/// cracking rules.
pub fn is_mangled(fst: &Fst<&[u8]>, password: &str) -> bool {
    let length = password.chars().count();
    if length > MAX_MANGLED_CHARS {
        return false;
    }
    let mut search = Search { fst, length, seen: Vec::new() };
    let folded = fold_case(password);
    if vowels_purged(search.fst, &folded) {
        return true;
    }
    // The bases: the whole password, and the cores left when its padding is stripped.
    let mut bases = vec![folded.clone()];
    for core in cores(password) {
        if !bases.contains(&core)
            && padding_is_predictable(core.chars().count(), length.saturating_sub(core.chars().count()))
        {
            bases.push(core);
        }
    }
    let folded_letters_inside = letters_inside(&folded);
    bases.retain(|base| *base == folded || folded_letters_inside);
    for base in &bases {
        if search.ending_replaced(base) {
            return true;
        }
        let padding = length.saturating_sub(base.chars().count());
        // A cut or edited word, or one cut and copied (best64's `] ] ] d`).
        if search.cut_or_edited(base, padding)
            || copied_half(base)
                .is_some_and(|half| search.cut_or_edited(half, padding) || search.cut_by_best64(half, padding))
        {
            return true;
        }
    }
    // Rules that best64 applies alone, or part of the padding stripped.
    if search.cut_by_best64_and_appended(&folded) {
        return true;
    }
    let mut alone: Vec<String> = strip_some_padding(&folded)
        .into_iter()
        .filter(|stripped| {
            let stripped_chars = stripped.chars().count();
            padding_is_predictable(stripped_chars, length.saturating_sub(stripped_chars))
        })
        .collect();
    for base in &bases {
        undo_alone(base, &mut alone);
    }
    if alone.iter().any(|candidate| search.is_new_and_listed(candidate)) {
        return true;
    }
    // One step, then a second one on each result.
    let mut first = Vec::new();
    for base in &bases {
        undo_step(base, &mut first);
    }
    let mut second = Vec::new();
    for candidate in first {
        if search.is_new_and_listed(&candidate) {
            return true;
        }
        undo_step(&candidate, &mut second);
    }
    second.iter().any(|candidate| search.is_new_and_listed(candidate))
}

/// Whether `folded`'s characters are letters from its first letter to its last. Rules are
/// undone on a core, and cores are looked up, only where it was letters: look-alike digits
/// inside a random string (`12sti55l55`, `big5lng3d8`, `p0kzgq` like the listed `pok29q6666`)
/// fold into so many letter strings that one is often near or on a listed word.
fn letters_inside(folded: &str) -> bool {
    folded.trim_matches(|c: char| !c.is_alphabetic()).chars().all(char::is_alphabetic)
}

/// The password with part of its padding stripped: up to four characters at the end and two at
/// the start, for listed words that end or start with digits or symbols themselves (`abc123`
/// gives `abc12345`, and `1374653317652` gives `1374653317652123`).
fn strip_some_padding(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let padding = |c: &char| !c.is_alphabetic();
    let trailing = chars.iter().rev().take_while(|c| padding(c)).count().min(4);
    let leading = chars.iter().take_while(|c| padding(c)).count().min(2);
    let mut out = Vec::new();
    for start in 0..=leading {
        for cut in 0..=trailing {
            if (start, cut) != (0, 0) && start + cut < chars.len() {
                out.push(chars[start..chars.len() - cut].iter().collect());
            }
        }
    }
    out
}

struct Search<'f> {
    fst: &'f Fst<&'f [u8]>,
    /// The password's length, in characters: what a candidate does not cover is padding.
    length: usize,
    seen: Vec<String>,
}

impl<'f> Search<'f> {
    /// Whether `candidate`, or a core it hides behind predictable padding, is listed; each
    /// candidate is looked up once.
    fn is_new_and_listed(&mut self, candidate: &str) -> bool {
        let candidate_chars = candidate.chars().count();
        if candidate_chars < MIN_CORE_CHARS || self.seen.iter().any(|seen| seen == candidate) {
            return false;
        }
        // Lower-case letters but `l` are their own cores.
        let own_core = candidate.bytes().all(|byte| byte.is_ascii_lowercase() && byte != b'l');
        let listed = self.fst.contains_key(candidate)
            || !own_core
                && letters_inside(candidate)
                && cores(candidate).iter().any(|core| {
                    let core_chars = core.chars().count();
                    core != candidate
                        && core_chars >= MIN_CORE_CHARS
                        && padding_is_predictable(core_chars, self.length.saturating_sub(core_chars))
                        && self.fst.contains_key(core)
                });
        self.seen.push(candidate.to_owned());
        listed
    }

    /// Whether `stem` (ASCII) is a listed key with best64's [`BEST64_CUT`] characters cut off
    /// its end, with little `padding` around it.
    fn cut_by_best64(&self, stem: &str, padding: usize) -> bool {
        padding <= MAX_PADDING_AROUND_EDITS
            && walk(self.fst, self.fst.root(), stem.as_bytes())
                .is_some_and(|node| any_start_then(self.fst, node, BEST64_CUT, b""))
    }

    /// A listed word with best64's [`BEST64_CUT`] characters cut off its end and one of
    /// [`APPENDED_AFTER_BEST64_CUT`] appended (`mixmas123` from `mixmaster`).
    fn cut_by_best64_and_appended(&self, folded: &str) -> bool {
        APPENDED_AFTER_BEST64_CUT.iter().any(|appended| {
            folded.is_ascii()
                && folded
                    .strip_suffix(appended)
                    .is_some_and(|stem| stem.len() >= MIN_BEST64_CUT_STEM_CHARS && self.cut_by_best64(stem, 0))
        })
    }

    /// An inflection that replaced the word's last letter, as John's rules do (`vincenzo`
    /// gives `Vincenzing`): the stem plus any one character is listed.
    fn ending_replaced(&self, base: &str) -> bool {
        ["ing", "ed", "er"].iter().any(|suffix| {
            base.strip_suffix(suffix).is_some_and(|stem| {
                stem.chars().count() >= MIN_CORE_CHARS
                    && walk(self.fst, self.fst.root(), stem.as_bytes()).is_some_and(|node| {
                        node.transitions().any(|transition| self.fst.node(transition.addr).is_final())
                    })
            })
        })
    }

    /// The end of a listed word cut off (with best64's letters appended after the cut), one
    /// character of it deleted, inserted or replaced, two deleted where best64 deletes two, or
    /// its start overwritten as best64 does; only for long enough ASCII bases with little
    /// `padding` around them (and less for one edit on the shortest bases).
    fn cut_or_edited(&self, base: &str, padding: usize) -> bool {
        if !base.is_ascii() || base.len() < MIN_EDITED_CHARS || padding > MAX_PADDING_AROUND_EDITS {
            return false;
        }
        let (word, root) = (base.as_bytes(), self.fst.root());
        is_listed_prefix(self.fst, root, word)
            || CUT_AND_APPENDED.iter().any(|appended| {
                word.strip_suffix(appended.as_bytes())
                    .is_some_and(|stem| stem.len() >= MIN_EDITED_CHARS && is_listed_prefix(self.fst, root, stem))
            })
            || (word.len() > MIN_EDITED_CHARS || padding <= MAX_PADDING_AROUND_SHORT_EDITS) && within_one_edit(self.fst, word)
            // `D2 D2` deletes the third and fourth characters, `} ] ] {` the two before the last.
            || [2, word.len() - 1].iter().any(|&position| two_inserted_at(self.fst, word, position))
            || OVERWRITTEN_STARTS.iter().any(|start| {
                word.starts_with(start.as_bytes()) && any_start_then(self.fst, root, start.len(), &word[start.len()..])
            })
    }
}

/// `wordword`'s `word`, also as hashcat 6.2.6's `--stdout` writes it: its `d` ORs bytes left
/// in its buffer into the copy (hashcat issues 3537 and 3596), so the copy's first characters
/// are intact and every later one holds all the bits of the original's (`lookatme` cut by
/// `] ] ] d` gives `lookalooko`, not `lookalooka`).
fn copied_half(base: &str) -> Option<&str> {
    const INTACT: usize = 3;
    let (half, copy) = base.as_bytes().split_at(base.len() / 2);
    (base.is_ascii()
        && half.len() == copy.len()
        && half.len() >= MIN_CORE_CHARS
        && half[..INTACT] == copy[..INTACT]
        && half.iter().zip(copy).all(|(original, copied)| original & copied == *original))
    .then(|| &base[..half.len()])
}

/// The vowels John's rules purge (`?v`; `y` is not one).
const VOWELS: &[u8] = b"aeiou";

/// John's `/?v @?v >3 l`: a listed word with its vowels purged (`prtnrshps` from
/// `partnerships`). The rule pads nothing, so only the whole password counts, and only where it
/// holds no vowel at all; like other edits, it needs [`MIN_EDITED_CHARS`]. Look-alike cores are
/// keys too, so this reaches a little further than John does (`thndrbt` reaches `thunderbolt`
/// through its core `thunderboit`); the strong sets' figures include that.
fn vowels_purged(fst: &Fst<&[u8]>, folded: &str) -> bool {
    let word = folded.as_bytes();
    word.len() >= MIN_EDITED_CHARS
        && word.iter().all(|byte| byte.is_ascii_lowercase() && !VOWELS.contains(byte))
        && purged_key_from(fst, fst.root(), word, false)
}

/// Whether, from `node`, a key reads `rest` once its vowels are skipped, having skipped one at
/// least (`purged`).
fn purged_key_from(fst: &Fst<&[u8]>, node: Node<'_>, rest: &[u8], purged: bool) -> bool {
    if rest.is_empty() && purged && node.is_final() {
        return true;
    }
    node.transitions().any(|transition| {
        if VOWELS.contains(&transition.inp) {
            purged_key_from(fst, fst.node(transition.addr), rest, true)
        } else {
            rest.first() == Some(&transition.inp) && purged_key_from(fst, fst.node(transition.addr), &rest[1..], purged)
        }
    })
}

/// Whether a key is `word` with two characters inserted at `position`.
fn two_inserted_at(fst: &Fst<&[u8]>, word: &[u8], position: usize) -> bool {
    walk(fst, fst.root(), &word[..position]).is_some_and(|node| any_start_then(fst, node, 2, &word[position..]))
}

/// Whether, from `node`, any `skipped` characters and then `rest` end a key.
fn any_start_then(fst: &Fst<&[u8]>, node: Node<'_>, skipped: usize, rest: &[u8]) -> bool {
    if skipped == 0 {
        return ends_a_key(fst, node, rest);
    }
    node.transitions().any(|transition| any_start_then(fst, fst.node(transition.addr), skipped - 1, rest))
}

/// The node `rest` leads to from `node`, if the set has a key with that path.
fn walk<'f>(fst: &'f Fst<&[u8]>, mut node: Node<'f>, rest: &[u8]) -> Option<Node<'f>> {
    for &byte in rest {
        let index = node.find_input(byte)?;
        node = fst.node(node.transition_addr(index));
    }
    Some(node)
}

fn ends_a_key(fst: &Fst<&[u8]>, node: Node<'_>, rest: &[u8]) -> bool {
    walk(fst, node, rest).is_some_and(|node| node.is_final())
}

/// Whether some key strictly longer than `stem` starts with it (every node of an FST leads to a
/// key, so reaching a node with transitions is enough).
fn is_listed_prefix(fst: &Fst<&[u8]>, root: Node<'_>, stem: &[u8]) -> bool {
    walk(fst, root, stem).is_some_and(|node| !node.is_empty())
}

/// Whether a key is one character deleted, inserted or replaced away from `word` (ASCII), by one
/// walk of the FST: the word's prefix exactly, one edit, and the rest exactly.
fn within_one_edit(fst: &Fst<&[u8]>, word: &[u8]) -> bool {
    let mut node = fst.root();
    for position in 0..=word.len() {
        // A character inserted into the listed word at `position`: skip it.
        if position < word.len() && ends_a_key(fst, node, &word[position + 1..]) {
            return true;
        }
        for transition in node.transitions() {
            let next = fst.node(transition.addr);
            // A character of the listed word deleted at `position`, or replaced there.
            if ends_a_key(fst, next, &word[position..])
                || (position < word.len()
                    && transition.inp != word[position]
                    && ends_a_key(fst, next, &word[position + 1..]))
            {
                return true;
            }
        }
        match word.get(position).and_then(|&byte| node.find_input(byte)) {
            Some(index) => node = fst.node(node.transition_addr(index)),
            None => return false,
        }
    }
    false
}

/// What one rule could have been applied to, to give `word`: each result is a candidate base,
/// to which a second rule may be undone in turn.
fn undo_step(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    let length = chars.len();
    out.push(chars.iter().rev().collect());
    if length % 2 == 0 && length >= 2 * MIN_CORE_CHARS {
        let (front, back) = chars.split_at(length / 2);
        if front == back {
            out.push(front.iter().collect()); // duplicated: wordword
        } else if front.iter().eq(back.iter().rev()) {
            out.push(front.iter().collect()); // reflected: worddrow
            out.push(back.iter().collect()); // drowword, reflected then reversed
        }
        if chars.chunks(2).all(|pair| pair[0] == pair[1]) {
            out.push(chars.iter().step_by(2).collect()); // every character doubled
        }
    }
    undo_inflection(word, out);
}

/// What a rule that best64 applies alone could have been applied to: a rotation by one either
/// way or by three (`} } }`), or a `the` prefix (`^e ^h ^t`).
fn undo_alone(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    // A rotation of a short random core is as likely to be listed as the core itself.
    if chars.len() >= MIN_EDITED_CHARS {
        for (left, right) in [(1, 0), (0, 1), (3, 0)] {
            let mut rotated = chars.clone();
            rotated.rotate_left(left);
            rotated.rotate_right(right);
            out.push(rotated.iter().collect());
        }
    }
    if let Some(rest) = word.strip_prefix("the") {
        out.push(rest.to_owned());
    }
}

/// The stems an English inflection (`s`, `es`, `ed`, `ing`, `er`, with `y`->`ies` and
/// `f`->`ves`) could have been added to. Look-alike folding turns `l` into `i`, so `ies` may
/// also be a folded `les`: both readings are tried.
fn undo_inflection(word: &str, out: &mut Vec<String>) {
    let mut stems = |suffix: &str, replacements: &[&str]| {
        if let Some(stem) = word.strip_suffix(suffix) {
            for replacement in replacements {
                out.push(format!("{stem}{replacement}"));
            }
            if let [.., a, b] = stem.as_bytes() {
                if a == b {
                    out.push(stem[..stem.len() - 1].to_owned()); // stopped, running, bigger
                }
            }
        }
    };
    stems("ies", &["y"]);
    stems("ves", &["f", "fe"]);
    stems("es", &["", "e"]);
    stems("s", &[""]);
    stems("ied", &["y"]);
    stems("ed", &["", "e"]);
    stems("ing", &["", "e"]);
    stems("ier", &["y"]);
    stems("er", &["", "e"]);
}

/// What people put before one word (`ilovesoccer`, `thebrandon`, `teamojulio`, `lilbuddy69`) or
/// after it (`pinkgirl`, `bobbyfan`): a base made of one of these and one dictionary word is a
/// guess as early as the word alone.
const WORD_PREFIXES: [&str; 16] = [
    "ilove", "iluv", "luv", "love", "teamo", "the", "my", "lil", "so", "mr", "mrs", "miss", "its", "im", "big", "baby",
];
const WORD_SUFFIXES: [&str; 8] = ["girl", "boy", "man", "love", "lover", "fan", "rules", "baby"];

/// Whether `password` is one word of zxcvbn's dictionaries (English, names, surnames, TV and
/// film, passwords; [`MIN_CORE_CHARS`] or more letters) with case changes and at most
/// [`MAX_PADDING_AROUND_EDITS`] digits or symbols around it, as a cracking run with a
/// dictionary tries first: padded (`Brandon1987`), its end cut off and padded (`Aerospac9`),
/// inflected (`Comatosing`), or after one of [`WORD_PREFIXES`] (`ilovesoccer0`) or before one of
/// [`WORD_SUFFIXES`] (`Brandonfan1`). A bare word is
/// zxcvbn's to score; two or more words run together never count, so passphrases stay strong.
pub fn is_padded_dictionary_word(password: &str) -> bool {
    let folded = fold_case(password);
    let word = folded.trim_matches(|c: char| !c.is_ascii_alphabetic());
    let padding = folded.chars().count().saturating_sub(word.chars().count());
    if padding > MAX_PADDING_AROUND_EDITS || !word.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return false;
    }
    let is_word = |word: &str| word.len() >= MIN_CORE_CHARS && zxcvbn_bounded::is_ranked_word(word);
    let mut stems = Vec::new();
    undo_inflection(word, &mut stems);
    (padding > 0 && (is_word(word) || word.len() >= MIN_EDITED_CHARS && zxcvbn_bounded::is_ranked_word_start(word)))
        || WORD_PREFIXES.iter().any(|prefix| word.strip_prefix(prefix).is_some_and(is_word))
        || WORD_SUFFIXES.iter().any(|suffix| word.strip_suffix(suffix).is_some_and(is_word))
        || stems.iter().any(|stem| is_word(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> fst::Set<Vec<u8>> {
        let mut keys: Vec<String> = words.iter().map(|word| fold_case(word)).collect();
        keys.extend(words.iter().flat_map(|word| cores(word)));
        keys.sort();
        keys.dedup();
        fst::Set::from_iter(keys).expect("sorted")
    }

    fn mangled(words: &[&str], password: &str) -> bool {
        let set = set(words);
        is_mangled(&Fst::new(set.as_fst().as_bytes()).expect("valid"), password)
    }

    #[test]
    fn each_family_is_undone() {
        let words = [
            "password",
            "monkey",
            "dragon",
            "baby",
            "wolf",
            "jesuslives",
            "vincenzo",
            "dell",
            "masina",
            "lookatme",
            "mixmaster",
            "peraspera",
        ];
        for password in [
            "drowssaP",         // reversal
            "monkeymonkey",     // duplication
            "dragonnogard",     // reflection
            "nogarddragon",     // reflection, reversed
            "ppaasssswwoorrdd", // every character doubled
            "asswordp",         // rotation
            "thedragon",        // best64's `the` prefix
            "Monkeys",          // inflection s
            "passwordes",       // es
            "dragoned",         // ed
            "monkeying",        // ing
            "Vincenzing",       // ing for the last letter
            "dragoner",         // er
            "babies",           // y -> ies
            "wolves",           // f -> ves
            "passwrd99",        // one deleted
            "passsword!",       // one inserted
            "PasswOrt",         // one replaced
            "Jesusliv123",      // end cut, digits appended
            "masinaanisam",     // reflection
            "Delldells",        // duplication, then s
            "babybabied",       // duplication, then y -> ied
            "jesusliveses",     // es on a word ending in s
            "Drowssap2024!",    // reversal, with case and padding
            "lookalooka",       // end cut, duplicated
            "lookalooko",       // end cut, duplicated as hashcat's --stdout writes it
            "mixmas123",        // best64's cut of three, 123 appended
            "peraspman",        // best64's cut of three, man appended
        ] {
            assert!(mangled(&words, password), "{password}");
        }
    }

    #[test]
    fn a_long_word_with_its_vowels_purged() {
        assert!(mangled(&["partnerships"], "prtnrshps"));
        assert!(mangled(&["partnerships"], "PRTNRSHPS"));
        // Vowels left in, padding, or a base too short are other rules' or none.
        for password in ["prtnershps", "prtnrshps1", "mnky"] {
            assert!(!mangled(&["partnerships", "monkey"], password), "{password}");
        }
    }

    #[test]
    fn unrelated_words_and_short_bases_are_not_mangled() {
        let words = ["password", "monkey", "abc", "wxyz"];
        for password in ["correct horse", "kqzvmwpxhtbn", "abcabc", "wxyzqrst", "monk3y-plus-x9Rt"] {
            assert!(!mangled(&words, password), "{password}");
        }
    }

    #[test]
    fn a_copy_keeps_its_start_and_every_bit_of_the_original() {
        let words = ["lookatme"];
        for password in ["lookalooka", "lookalooko", "lookaloo\u{7f}o"] {
            assert!(mangled(&words, password), "{password}");
        }
        // `b` (0x62) lacks a bit of `a` (0x61); the copy's start changed; the half unlisted.
        for password in ["lookaloobb", "lookaxooka", "lookblookb"] {
            assert!(!mangled(&words, password), "{password}");
        }
    }

    #[test]
    fn best64s_cut_of_three_then_appended_needs_exactly_three_cut() {
        assert!(!mangled(&["mixmasters"], "mixmas123"));
        assert!(!mangled(&["mixmaster"], "mixma123"));
    }

    #[test]
    fn edits_need_a_long_base_with_little_around_it() {
        assert!(mangled(&["dragons"], "dragonz!"));
        assert!(!mangled(&["dragons"], "dragonz!8#%2"));
        assert!(!mangled(&["monkey"], "8monkez689"));
        // A seven-letter base one edit away takes at most two characters around it.
        assert!(mangled(&["dragons"], "8dragonz6"));
        assert!(!mangled(&["dragons"], "8dragonz68"));
    }

    #[test]
    fn look_alike_digits_and_long_padding_do_not_reach_a_listed_core() {
        // `954p0kzgq6` (the reversal) folds to the core of the listed `pok29q6666`.
        assert!(!mangled(&["pok29q6666"], "6qgzk0p459"));
        // `ussr` inside six characters of padding is no padded word.
        assert!(!mangled(&["ussr"], "84ussr7726"));
        assert!(mangled(&["abc123"], "abc12345"));
    }

    #[test]
    fn one_dictionary_word_with_padding_or_a_prefix() {
        for password in [
            "Brandon1987",
            "!sweet88",
            "ilovesoccer0",
            "thebrandon10",
            "sosweet11",
            "lilbuddy69",
            "MyThomas",
            "Aerospac9",
            "Comatosing",
        ] {
            assert!(is_padded_dictionary_word(password), "{password}");
        }
        // A bare word is zxcvbn's to score; two words, a long remainder or letters around the
        // word are not one word with padding.
        for password in ["brandon", "sweetbuddy12", "brandon12345", "brandon12x", "sweet buddy", "kqzvmwpx12"] {
            assert!(!is_padded_dictionary_word(password), "{password}");
        }
    }
}
