//! Password assessment and account security scoring for the account-security service.
//!
//! Pure domain logic: no Lambda, HTTP or AWS types. With the `password-assessment` feature
//! (default) it assesses passwords with zxcvbn, a compiled blocklist and context words; without
//! it, only the account security score is built, so a binary that needs just the score carries
//! no password dictionaries.

mod level;
#[cfg(feature = "password-assessment")]
mod normalize;
mod security_score;

#[cfg(feature = "password-assessment")]
mod assessment;
#[cfg(feature = "password-assessment")]
mod banned_words;
#[cfg(feature = "password-assessment")]
mod blocklist;
#[cfg(feature = "password-assessment")]
mod context;
#[cfg(feature = "password-assessment")]
mod estimate;
#[cfg(feature = "password-assessment")]
mod key_source;
#[cfg(feature = "password-assessment")]
mod policy;
#[cfg(feature = "password-assessment")]
mod rules;

pub use level::PasswordSecurityLevel;
pub use security_score::{security_score, AccountFactors, Action, Factor, FactorPoints, NextStep, SecurityScore};

#[cfg(feature = "password-assessment")]
pub use assessment::{Assessment, Assessor, Feedback, WeaknessReason};
#[cfg(feature = "password-assessment")]
pub use banned_words::{BannedWords, MAX_BANNED_WORDS, MAX_BANNED_WORD_CHARS, MIN_BANNED_WORD_CHARS};
#[cfg(feature = "password-assessment")]
pub use policy::{PasswordPolicy, MAX_PASSWORD_CHARS};
