//! The bounded zxcvbn must estimate exactly what upstream zxcvbn does: the same guesses, score
//! and feedback, and the same verdict from `score_is_below` at every score, on both benchmark
//! corpora and on generated passwords, with and without user inputs. (Which of several equally cheap match sequences explains the estimate may differ:
//! upstream picks among ties in `HashMap` order, which changes from call to call.)

use proptest::prelude::*;

const TYPICAL: &str = include_str!("../benches/typical-passwords.txt");
const ADVERSARIAL: &str = include_str!("../benches/adversarial-passwords.txt");

/// What a caller sees of an estimate: guesses, score, warning and suggestions.
fn visible(entropy_guesses: u64, score: u8, feedback: Option<(Option<String>, Vec<String>)>) -> String {
    format!("guesses {entropy_guesses}, score {score}, feedback {feedback:?}")
}

fn assert_same_estimate(password: &str, user_inputs: &[&str]) {
    let upstream = zxcvbn::zxcvbn(password, user_inputs);
    let bounded = zxcvbn_bounded::zxcvbn(password, user_inputs);
    let expected = visible(
        upstream.guesses(),
        upstream.score().into(),
        upstream
            .feedback()
            .map(|f| (f.warning().map(|w| w.to_string()), f.suggestions().iter().map(ToString::to_string).collect())),
    );
    let actual = visible(
        bounded.guesses(),
        bounded.score().into(),
        bounded
            .feedback()
            .map(|f| (f.warning().map(|w| w.to_string()), f.suggestions().iter().map(ToString::to_string).collect())),
    );
    assert_eq!(actual, expected, "for {password:?} with user inputs {user_inputs:?}");
    for threshold in 0..=4 {
        let below = zxcvbn_bounded::score_is_below(password, user_inputs, threshold.try_into().unwrap());
        let upstream_below = u8::from(upstream.score()) < threshold;
        assert_eq!(below, upstream_below, "score below {threshold} for {password:?} with user inputs {user_inputs:?}");
    }
}

#[test]
fn both_corpora_get_upstreams_estimates() {
    for password in TYPICAL.lines().chain(ADVERSARIAL.lines()).filter(|line| !line.is_empty()) {
        assert_same_estimate(password, &[]);
    }
}

#[test]
fn user_inputs_are_matched_as_upstream_matches_them() {
    let inputs = ["alice.smith@example.com", "alicesmith", "Alice", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"];
    for password in ["alicesmith2024!", "ALICE-smith", "htimsecila", "4l1c3sm1th!!", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"]
    {
        assert_same_estimate(password, &inputs);
    }
}

/// Every look-alike character at once: 800 substitution tables, more than one walk follows.
#[test]
fn every_look_alike_at_once() {
    for password in ["4@8({[<369!|1705$+%2", "p@$$w0rd4@8({[<369!|1705$+%2", "%2<{8!|17"] {
        assert_same_estimate(password, &["p4ssw0rd"]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Look-alikes, keyboard rows, digits and dates: what the l33t, spatial, sequence, repeat
    /// and date matchers feed on.
    #[test]
    fn look_alike_heavy_passwords(password in "[a-z0-9@$!|+()<{%_ .,/-]{1,48}") {
        assert_same_estimate(&password, &[]);
    }

    #[test]
    fn any_unicode_with_user_inputs(password in "\\PC{1,32}", inputs in prop::collection::vec("\\PC{1,12}", 0..3)) {
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        assert_same_estimate(&password, &inputs);
    }
}
