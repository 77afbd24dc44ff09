//! No false positives: 1,000 passwords of each strong set (`strong_sets`), none weak, neither
//! by a rule of ours (the blocklist, its cracking rules, length, classes) nor by the estimate
//! (zxcvbn's, with random runs and repeated words re-priced: `scoring::estimate`). The README
//! gives the few in 100,000 still weak in much larger samples.

mod strong_sets;

use scoring::{Assessor, WeaknessReason};

#[test]
fn no_strong_password_is_weak() {
    let assessor = Assessor::default();
    for set in strong_sets::strong_sets(1_000, strong_sets::SEED) {
        assert_eq!(set.passwords.len(), 1_000);
        let weak: Vec<_> = set
            .passwords
            .iter()
            .map(|password| (password, assessor.assess(password, &[])))
            .filter(|(_, assessment)| assessment.is_weak)
            .map(|(password, assessment)| (password.clone(), assessment.reasons))
            .collect();
        assert!(weak.is_empty(), "{}: {} weak, e.g. {:?}", set.name, weak.len(), &weak[..weak.len().min(5)]);
    }
}

#[test]
fn the_strong_sets_are_what_they_say() {
    let sets = strong_sets::strong_sets(1_000, strong_sets::SEED);
    let lengths = |index: usize| sets[index].passwords.iter().map(|p| p.chars().count()).collect::<Vec<_>>();
    assert!(lengths(0).iter().all(|&length| length == 16));
    assert!(sets[1].passwords.iter().all(|p| p.len() == 12 && p.chars().all(|c| c.is_ascii_lowercase())));
    assert!(sets[2]
        .passwords
        .iter()
        .all(|p| p.len() == 10 && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())));
    assert!(sets[5].passwords.iter().all(|p| p.split(' ').count() == 4));
    // The same seed draws the same passwords; another draws others.
    assert_eq!(sets[0].passwords, strong_sets::strong_sets(1_000, strong_sets::SEED)[0].passwords);
    assert_ne!(sets[0].passwords, strong_sets::strong_sets(1_000, strong_sets::SEED + 1)[0].passwords);
    // A mangled common word among them would be caught: the test can fail.
    assert!(Assessor::default().assess("Yeknomyeknom2024!", &[]).reasons.contains(&WeaknessReason::CommonPassword));
}
