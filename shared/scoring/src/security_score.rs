//! The account security score (0..=100) that Authing's `securityScore` reports.
//!
//! Weights (they sum to 100):
//!
//! | factor                      | points                         |
//! |-----------------------------|--------------------------------|
//! | password set                | 50                             |
//! | password level (if set)     | LOW +10, MIDDLE +15, HIGH +20  |
//! | MFA enrolled                | 20                             |
//! | e-mail bound                | 5                              |
//! | phone bound                 | 5                              |
//!
//! This reproduces Authing's published sample (a password at level 1, nothing else bound: 60),
//! and binding a factor or raising the level only ever adds points.

use serde::Serialize;

use crate::PasswordSecurityLevel;

const PASSWORD_SET_POINTS: u8 = 50;
const MFA_POINTS: u8 = 20;
const EMAIL_POINTS: u8 = 5;
const PHONE_POINTS: u8 = 5;

fn level_points(level: Option<PasswordSecurityLevel>) -> u8 {
    match level {
        None => 0,
        Some(PasswordSecurityLevel::Low) => 10,
        Some(PasswordSecurityLevel::Middle) => 15,
        Some(PasswordSecurityLevel::High) => 20,
    }
}

/// What an account has bound, as stored for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountFactors {
    pub password_set: bool,
    /// `None` when the password's level was never assessed; ignored when no password is set.
    pub password_security_level: Option<PasswordSecurityLevel>,
    pub mfa_enrolled: bool,
    pub email_binded: bool,
    pub phone_binded: bool,
}

/// One factor of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Factor {
    Password,
    PasswordStrength,
    Mfa,
    Email,
    Phone,
}

/// The points one factor earns, out of the most it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactorPoints {
    pub factor: Factor,
    pub points: u8,
    pub max_points: u8,
}

/// An action that would raise the score, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    pub action: Action,
    pub gain: u8,
}

/// What the account holder can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    SetPassword,
    StrengthenPassword,
    EnrollMfa,
    BindEmail,
    BindPhone,
}

/// The score, its per-factor breakdown and the next steps, biggest gain first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityScore {
    pub total: u8,
    pub breakdown: Vec<FactorPoints>,
    pub next_steps: Vec<NextStep>,
}

fn earned(bound: bool, points: u8) -> u8 {
    if bound {
        points
    } else {
        0
    }
}

/// Scores an account's factors.
pub fn security_score(account: &AccountFactors) -> SecurityScore {
    let level = account.password_security_level.filter(|_| account.password_set);
    let max_level_points = level_points(Some(PasswordSecurityLevel::High));
    let breakdown = vec![
        FactorPoints {
            factor: Factor::Password,
            points: earned(account.password_set, PASSWORD_SET_POINTS),
            max_points: PASSWORD_SET_POINTS,
        },
        FactorPoints { factor: Factor::PasswordStrength, points: level_points(level), max_points: max_level_points },
        FactorPoints { factor: Factor::Mfa, points: earned(account.mfa_enrolled, MFA_POINTS), max_points: MFA_POINTS },
        FactorPoints {
            factor: Factor::Email,
            points: earned(account.email_binded, EMAIL_POINTS),
            max_points: EMAIL_POINTS,
        },
        FactorPoints {
            factor: Factor::Phone,
            points: earned(account.phone_binded, PHONE_POINTS),
            max_points: PHONE_POINTS,
        },
    ];
    let total = breakdown.iter().map(|factor| factor.points).sum();

    let mut next_steps = Vec::new();
    if !account.password_set {
        // Setting a password earns its own points and, once assessed, at least the LOW level's.
        let gain = PASSWORD_SET_POINTS + level_points(Some(PasswordSecurityLevel::Low));
        next_steps.push(NextStep { action: Action::SetPassword, gain });
    } else if level != Some(PasswordSecurityLevel::High) {
        let gain = max_level_points - level_points(level);
        next_steps.push(NextStep { action: Action::StrengthenPassword, gain });
    }
    for (bound, action, points) in [
        (account.mfa_enrolled, Action::EnrollMfa, MFA_POINTS),
        (account.email_binded, Action::BindEmail, EMAIL_POINTS),
        (account.phone_binded, Action::BindPhone, PHONE_POINTS),
    ] {
        if !bound {
            next_steps.push(NextStep { action, gain: points });
        }
    }
    next_steps.sort_by_key(|step| std::cmp::Reverse(step.gain));
    SecurityScore { total, breakdown, next_steps }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reproduces_authings_published_sample() {
        let account = AccountFactors {
            password_set: true,
            password_security_level: Some(PasswordSecurityLevel::Low),
            ..AccountFactors::default()
        };
        assert_eq!(security_score(&account).total, 60);
    }

    #[test]
    fn bare_and_fully_bound_accounts() {
        let bare = security_score(&AccountFactors::default());
        assert_eq!(bare.total, 0);
        assert_eq!(bare.next_steps[0], NextStep { action: Action::SetPassword, gain: 60 });

        let full = AccountFactors {
            password_set: true,
            password_security_level: Some(PasswordSecurityLevel::High),
            mfa_enrolled: true,
            email_binded: true,
            phone_binded: true,
        };
        let full = security_score(&full);
        assert_eq!(full.total, 100);
        assert!(full.next_steps.is_empty());
        let max: u8 = full.breakdown.iter().map(|factor| factor.max_points).sum();
        assert_eq!(max, 100);
    }

    #[test]
    fn a_level_without_a_password_earns_nothing() {
        let account =
            AccountFactors { password_security_level: Some(PasswordSecurityLevel::High), ..AccountFactors::default() };
        assert_eq!(security_score(&account).total, 0);
    }

    fn level() -> impl Strategy<Value = Option<PasswordSecurityLevel>> {
        prop_oneof![Just(None), proptest::sample::select(PasswordSecurityLevel::ALL.to_vec()).prop_map(Some)]
    }

    prop_compose! {
        fn account()(password_set: bool, level in level(), mfa: bool, email: bool, phone: bool) -> AccountFactors {
            AccountFactors { password_set, password_security_level: level, mfa_enrolled: mfa, email_binded: email, phone_binded: phone }
        }
    }

    proptest! {
        #[test]
        fn binding_a_factor_or_raising_the_level_never_lowers_the_score(account in account(), raised in level()) {
            let before = security_score(&account).total;
            prop_assert!(before <= 100);
            let improvements = [
                AccountFactors { password_set: true, ..account },
                AccountFactors { mfa_enrolled: true, ..account },
                AccountFactors { email_binded: true, ..account },
                AccountFactors { phone_binded: true, ..account },
                AccountFactors { password_security_level: raised.max(account.password_security_level), ..account },
            ];
            for improved in improvements {
                prop_assert!(security_score(&improved).total >= before, "{improved:?} scored below {account:?}");
            }
        }

        #[test]
        fn each_next_step_gains_what_it_says(account in account()) {
            let score = security_score(&account);
            prop_assert_eq!(score.total, score.breakdown.iter().map(|f| f.points).sum::<u8>());
            for step in score.next_steps {
                let improved = match step.action {
                    Action::SetPassword => AccountFactors { password_set: true, password_security_level: Some(PasswordSecurityLevel::Low), ..account },
                    Action::StrengthenPassword => AccountFactors { password_security_level: Some(PasswordSecurityLevel::High), ..account },
                    Action::EnrollMfa => AccountFactors { mfa_enrolled: true, ..account },
                    Action::BindEmail => AccountFactors { email_binded: true, ..account },
                    Action::BindPhone => AccountFactors { phone_binded: true, ..account },
                };
                prop_assert_eq!(security_score(&improved).total, score.total + step.gain);
            }
        }
    }
}
