//! The password assessment: zxcvbn plus what zxcvbn alone misses.

use serde::Serialize;

use crate::blocklist::{common_match, CommonMatch};
use crate::context::{match_context, ContextMatch};
use crate::estimate::{scores_below, Estimate};
use crate::policy::{character_classes, PasswordPolicy};
use crate::PasswordSecurityLevel;

/// Why a password is weak; serialised as the snake_case names clients match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeaknessReason {
    TooShort,
    TooLong,
    TooFewCharacterClasses,
    CommonPassword,
    MatchesContextWord,
    ContainsContextWord,
    BannedWord,
    LowScore,
    /// In a breach corpus (checked outside this crate, which does no I/O).
    Breached,
}

/// zxcvbn's advice, plus ours where a rule of our own caught the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
}

/// The verdict on one password and the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub is_weak: bool,
    pub reasons: Vec<WeaknessReason>,
    /// zxcvbn's score, 0..=4, with random runs and repeated words re-priced ([`crate::estimate`]).
    pub score: u8,
    /// log10 of the guesses that score is read from (0 for an empty password).
    pub guesses_log10: f64,
    pub level: PasswordSecurityLevel,
    pub feedback: Feedback,
}

impl Assessment {
    /// The password is in a breach corpus: weak, whatever else is said of it.
    pub fn mark_breached(&mut self) {
        self.is_weak = true;
        self.level = PasswordSecurityLevel::Low;
        self.reasons.push(WeaknessReason::Breached);
        let (warning, suggestion) = BREACHED_ADVICE;
        self.feedback.warning.get_or_insert_with(|| warning.to_owned());
        if !self.feedback.suggestions.iter().any(|known| known == suggestion) {
            self.feedback.suggestions.push(suggestion.to_owned());
        }
    }
}

const BREACHED_ADVICE: (&str, &str) =
    ("This password has appeared in a data breach.", "Choose a password that has never been used anywhere else.");

/// The zxcvbn score what remains beside a banned word must reach on its own: 3, "safely
/// unguessable" (about 10^8 guesses and more).
pub const STRONG_REMAINDER_SCORE: u8 = 3;

/// Assesses passwords against one policy.
#[derive(Debug, Clone, Default)]
pub struct Assessor {
    policy: PasswordPolicy,
}

impl Assessor {
    pub fn new(policy: PasswordPolicy) -> Self {
        Self { policy }
    }

    /// The rules this assessor applies.
    pub fn policy(&self) -> &PasswordPolicy {
        &self.policy
    }

    /// Loads zxcvbn's dictionaries, compiles its patterns and loads the blocklist, so that no
    /// request pays for them.
    pub fn warm_up(&self) {
        crate::blocklist::warm_up();
        zxcvbn_bounded::warm_up();
    }

    /// Assesses `password`; `context_words` are what is known about the account (project id,
    /// user name, e-mail, names).
    pub fn assess(&self, password: &str, context_words: &[&str]) -> Assessment {
        let entropy = zxcvbn_bounded::zxcvbn(password, context_words);
        let estimate = Estimate::of(password, &entropy);
        let score = u8::from(estimate.score);
        let (mut reasons, common) = self.rule_reasons(password, context_words);
        if score < self.policy.min_score {
            reasons.push(WeaknessReason::LowScore);
        }
        let is_weak = !reasons.is_empty();
        // zxcvbn advises on scores up to 2 only; a random run may lift the score above that.
        let zxcvbn_feedback = entropy.feedback().filter(|_| estimate.score <= zxcvbn_bounded::Score::Two);
        let feedback = feedback(zxcvbn_feedback, &reasons, common, &self.policy);
        Assessment {
            is_weak,
            score,
            guesses_log10: estimate.guesses_log10,
            level: PasswordSecurityLevel::from_verdict(is_weak, score),
            reasons,
            feedback,
        }
    }

    /// The verdict alone, always equal to `assess(..).is_weak`. zxcvbn, by far the costliest
    /// step, runs only when none of the cheap rules has already found the password weak, and
    /// then only as far as the verdict needs (`zxcvbn_bounded::score_is_below`).
    pub fn is_weak(&self, password: &str, context_words: &[&str]) -> bool {
        !self.rule_reasons(password, context_words).0.is_empty()
            || match zxcvbn_bounded::Score::try_from(self.policy.min_score) {
                Ok(min_score) => scores_below(password, context_words, min_score),
                Err(_) => true, // no score reaches above 4
            }
    }

    /// Every reason but zxcvbn's score, in the order they are reported, and how the password
    /// matched the blocklist, if it did.
    fn rule_reasons(&self, password: &str, context_words: &[&str]) -> (Vec<WeaknessReason>, Option<CommonMatch>) {
        let mut reasons = Vec::new();
        let length = password.chars().count();
        if length < self.policy.min_length {
            reasons.push(WeaknessReason::TooShort);
        }
        if self.policy.max_length.is_some_and(|max| length > max) {
            reasons.push(WeaknessReason::TooLong);
        }
        if character_classes(password) < self.policy.min_character_classes {
            reasons.push(WeaknessReason::TooFewCharacterClasses);
        }
        let common = common_match(password);
        if common.is_some() {
            reasons.push(WeaknessReason::CommonPassword);
        }
        match match_context(password, context_words) {
            Some(ContextMatch::Equal) => reasons.push(WeaknessReason::MatchesContextWord),
            Some(ContextMatch::Contains) => reasons.push(WeaknessReason::ContainsContextWord),
            None => {}
        }
        if self.has_weak_banned_word(password, context_words) {
            reasons.push(WeaknessReason::BannedWord);
        }
        (reasons, common)
    }

    /// A banned word makes the password weak unless what remains once every banned word is cut
    /// out scores at least [`STRONG_REMAINDER_SCORE`] (or the policy's minimum, if higher) on
    /// its own: a long passphrase that merely mentions the brand is still strong.
    fn has_weak_banned_word(&self, password: &str, context_words: &[&str]) -> bool {
        let Some(remainder) = self.policy.banned_words.remainder(password) else { return false };
        let needed = self.policy.min_score.max(STRONG_REMAINDER_SCORE);
        match zxcvbn_bounded::Score::try_from(needed) {
            Ok(needed) => scores_below(&remainder, context_words, needed),
            Err(_) => true, // no score reaches above 4
        }
    }
}

/// zxcvbn's feedback, with a warning and suggestion of ours for each rule zxcvbn does not know.
fn feedback(
    zxcvbn: Option<&zxcvbn_bounded::feedback::Feedback>,
    reasons: &[WeaknessReason],
    common: Option<CommonMatch>,
    policy: &PasswordPolicy,
) -> Feedback {
    let mut feedback = Feedback {
        warning: zxcvbn.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: zxcvbn.map(|f| f.suggestions().iter().map(ToString::to_string).collect()).unwrap_or_default(),
    };
    for reason in reasons {
        let (warning, suggestion) = match reason {
            WeaknessReason::TooShort => {
                ("This password is too short.".to_owned(), format!("Use at least {} characters.", policy.min_length))
            }
            WeaknessReason::TooLong => (
                "This password is too long.".to_owned(),
                format!("Use at most {} characters.", policy.max_length.unwrap_or(crate::MAX_PASSWORD_CHARS)),
            ),
            WeaknessReason::TooFewCharacterClasses => (
                "This password uses too few kinds of characters.".to_owned(),
                format!("Mix at least {} of lower case, upper case, digits and symbols.", policy.min_character_classes),
            ),
            WeaknessReason::CommonPassword if common == Some(CommonMatch::Mangled) => (
                "This is a common password or word with a predictable change, which cracking tools try early."
                    .to_owned(),
                "Adding digits, symbols or capitals to a common word, reversing, repeating or misspelling it \
                 does not make it strong: use a few unrelated words instead."
                    .to_owned(),
            ),
            WeaknessReason::CommonPassword if common == Some(CommonMatch::DictionaryWord) => (
                "This is a dictionary word or name, alone or with a few digits or symbols, which cracking \
                 tools try early."
                    .to_owned(),
                "Adding digits, symbols or capitals to a word or name does not make it strong: \
                 use a few unrelated words instead."
                    .to_owned(),
            ),
            WeaknessReason::CommonPassword => (
                "This is a commonly used password, even with substitutions and padding.".to_owned(),
                "Avoid common passwords and predictable variations of them.".to_owned(),
            ),
            WeaknessReason::MatchesContextWord | WeaknessReason::ContainsContextWord => (
                "This password contains something known about the account.".to_owned(),
                "Avoid names, user names, e-mail addresses and identifiers.".to_owned(),
            ),
            WeaknessReason::BannedWord => (
                "This password contains a word banned for this project.".to_owned(),
                "Avoid the organisation's own names and products, or add several unrelated words.".to_owned(),
            ),
            WeaknessReason::Breached => (BREACHED_ADVICE.0.to_owned(), BREACHED_ADVICE.1.to_owned()),
            WeaknessReason::LowScore => continue,
        };
        feedback.warning.get_or_insert(warning);
        if !feedback.suggestions.contains(&suggestion) {
            feedback.suggestions.push(suggestion);
        }
    }
    feedback
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use WeaknessReason::*;

    use crate::BannedWords;

    fn reasons(password: &str, context: &[&str]) -> Vec<WeaknessReason> {
        Assessor::default().assess(password, context).reasons
    }

    #[test]
    fn known_vectors() {
        assert_eq!(reasons("", &[]), [TooShort, LowScore]);
        assert_eq!(reasons("password", &[]), [CommonPassword, LowScore]);
        assert!(reasons("P@ssw0rd2024!", &[]).contains(&CommonPassword));
        assert_eq!(reasons("correct horse battery staple", &[]), []);
        assert_eq!(reasons("Xk9#mQ2$vL7!", &[]), []);
        assert_eq!(reasons("kkhebeq78x", &[]), []); // zxcvbn alone: 2, for `kkheb` (estimate.rs)
        assert_eq!(reasons("Zq8#x1!", &[]), [TooShort, LowScore]);
    }

    #[test]
    fn context_words_make_a_strong_password_weak() {
        let project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        assert!(reasons(project, &[project]).contains(&MatchesContextWord));
        assert_eq!(reasons("zebra-alicesmith-quantum", &["alicesmith"]), [ContainsContextWord]);
        let reversed: String = "cobalt-meridian-42".chars().rev().collect();
        assert!(reasons(&reversed, &["cobalt-meridian-42"]).contains(&MatchesContextWord));
    }

    #[test]
    fn a_strong_password_is_not_weak() {
        let assessment = Assessor::default().assess("correct horse battery staple", &[]);
        assert!(!assessment.is_weak);
        assert_eq!(assessment.score, 4);
        assert_eq!(assessment.level, PasswordSecurityLevel::High);
        assert!(assessment.guesses_log10 > 10.0);
    }

    #[test]
    fn length_counts_code_points_and_accepts_64_characters() {
        // Eight CJK characters are eight characters, though 24 bytes.
        assert!(!reasons("密码安全很重要吗", &[]).contains(&TooShort));
        assert!(!reasons("𝔘𝔫𝔦𝔠𝔬𝔡", &[]).is_empty());
        let long = "Zq8#".repeat(16);
        assert!(!reasons(&long, &[]).contains(&TooLong));
    }

    #[test]
    fn ddm_policy_is_opt_in() {
        let ddm = Assessor::new(PasswordPolicy::ddm());
        assert_eq!(ddm.assess("correct horse battery staple", &[]).reasons, [TooFewCharacterClasses]);
        let long = "Correct-Horse-Battery-Staple-Rides-Again";
        assert_eq!(ddm.assess(long, &[]).reasons, [TooLong]);
        assert_eq!(ddm.assess("Ecila#9Qz", &["zQ9#aliCE"]).reasons.first(), Some(&MatchesContextWord));
    }

    #[test]
    fn our_rules_explain_themselves() {
        let assessment = Assessor::default().assess("MonkeyMonkey2024!", &[]);
        assert!(assessment.is_weak);
        assert_eq!(assessment.level, PasswordSecurityLevel::Low);
        assert!(assessment.feedback.warning.is_some());
        assert!(!assessment.feedback.suggestions.is_empty());
    }

    #[test]
    fn a_mangled_common_word_is_weak_whatever_zxcvbn_scores() {
        let assessment = Assessor::default().assess("Chocolateetalocohc1", &[]);
        assert_eq!(assessment.reasons, [CommonPassword]);
        let warning = assessment.feedback.warning.expect("a warning");
        assert!(warning.contains("predictable change"), "{warning}");
        assert!(assessment.feedback.suggestions.iter().any(|s| s.contains("digits, symbols or capitals")));
    }

    #[test]
    fn a_dictionary_word_bare_or_with_digits_is_weak_with_advice_that_fits() {
        // Words in no password list and priced by zxcvbn as random letters.
        for password in ["Pecuniarily4", "osteosclerosis"] {
            let assessment = Assessor::default().assess(password, &[]);
            assert_eq!(assessment.reasons, [CommonPassword], "{password}");
            let warning = assessment.feedback.warning.expect("a warning");
            assert!(warning.contains("dictionary word or name"), "{password}: {warning}");
        }
    }

    #[test]
    fn the_verdict_alone_equals_the_full_assessment_on_the_benchmark_corpora() {
        let corpora =
            [include_str!("../benches/typical-passwords.txt"), include_str!("../benches/adversarial-passwords.txt")];
        let assessor = Assessor::default();
        for password in corpora.iter().flat_map(|corpus| corpus.lines()) {
            assert_eq!(assessor.is_weak(password, &[]), assessor.assess(password, &[]).is_weak, "{password}");
        }
    }

    #[test]
    fn a_breached_password_is_weak_whatever_its_score() {
        let mut assessment = Assessor::default().assess("correct horse battery staple", &[]);
        assessment.mark_breached();
        assert!(assessment.is_weak);
        assert_eq!(assessment.reasons, [Breached]);
        assert_eq!(assessment.level, PasswordSecurityLevel::Low);
        assert_eq!(assessment.feedback.warning.as_deref(), Some(BREACHED_ADVICE.0));
    }

    fn banning(words: &[&str]) -> Assessor {
        Assessor::new(PasswordPolicy { banned_words: BannedWords::new(words), ..PasswordPolicy::nist() })
    }

    #[test]
    fn a_banned_word_makes_a_password_weak_unless_the_rest_is_strong() {
        let contoso = banning(&["contoso"]);
        for weak in ["Contoso2024!", "c0nt0s0!", "contosso1", "Kontoso-Kontoso-2024"] {
            let assessment = contoso.assess(weak, &[]);
            assert!(assessment.reasons.contains(&BannedWord), "{weak}: {:?}", assessment.reasons);
            assert!(contoso.is_weak(weak, &[]), "{weak}");
        }
        let strong = "contoso hires purple kangaroos";
        assert_eq!(contoso.assess(strong, &[]).reasons, []);
        assert!(!contoso.is_weak(strong, &[]));
        // Without the list, the same passwords are judged on the other rules alone.
        // Strong without the list; with it, what remains (`-ww-zqb#`) is not strong alone.
        assert_eq!(reasons("c0nt0s0-ww-Zq8#", &[]), []);
        assert_eq!(contoso.assess("c0nt0s0-ww-Zq8#", &[]).reasons, [BannedWord]);
    }

    /// A banned word (4 to 12 letters) with at most one edit, amid short padding.
    fn disguised_banned_word() -> impl Strategy<Value = (String, String)> {
        ("[a-z]{4,12}", 0usize..3, any::<proptest::sample::Index>(), "[a-z]", "[0-9!@#$]{0,4}", "[0-9!@#$]{0,4}")
            .prop_map(|(word, edit, at, letter, before, after)| {
                let mut disguised: Vec<char> = word.chars().collect();
                let at = at.index(disguised.len());
                let letter = letter.chars().next().unwrap();
                match edit {
                    0 => disguised[at] = letter,
                    1 => disguised.insert(at, letter),
                    _ if disguised.len() > 4 => {
                        disguised.remove(at);
                    }
                    _ => {}
                }
                let password = format!("{before}{}{after}", disguised.iter().collect::<String>());
                (word, password)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn a_disguised_banned_word_with_little_else_is_weak((word, password) in disguised_banned_word()) {
            let assessor = banning(&[&word]);
            let assessment = assessor.assess(&password, &[]);
            prop_assert!(assessment.reasons.contains(&BannedWord), "{} in {}: {:?}", word, password, assessment.reasons);
            prop_assert!(assessor.is_weak(&password, &[]));
        }

        #[test]
        fn a_banned_word_beside_a_strong_passphrase_is_not_weak(
            word in "[a-z]{4,12}",
            passphrase in proptest::sample::subsequence(
                vec!["quantum", "harbor", "velvet", "kangaroo", "orbit", "lantern", "glacier", "mosaic", "tundra", "saffron"],
                4,
            ).prop_shuffle(),
            number in 10u32..99,
        ) {
            let rest = format!("{}-{number}", passphrase.join("-"));
            prop_assume!(BannedWords::new([&word]).remainder(&rest).is_none());
            let assessor = banning(&[&word]);
            let password = format!("{word} {rest}");
            prop_assert!(!assessor.assess(&password, &[]).reasons.contains(&BannedWord), "{}", password);
            prop_assert_eq!(assessor.is_weak(&password, &[]), assessor.assess(&password, &[]).is_weak);
        }

        #[test]
        fn any_unicode_is_assessed_the_same_way_twice(password in "\\PC{0,80}", context in proptest::collection::vec("\\PC{0,12}", 0..3)) {
            let context: Vec<&str> = context.iter().map(String::as_str).collect();
            let assessor = Assessor::default();
            let first = assessor.assess(&password, &context);
            prop_assert_eq!(first.is_weak, !first.reasons.is_empty());
            prop_assert_eq!(first.is_weak, assessor.is_weak(&password, &context));
            prop_assert!(first.score <= 4);
            prop_assert_eq!(first, assessor.assess(&password, &context));
        }
    }
}
