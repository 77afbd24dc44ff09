//! Authing's `PasswordSecurityLevel`: 1 LOW, 2 MIDDLE, 3 HIGH.

use serde::Serialize;

/// A password's strength level as Authing reports it.
///
/// Mapped from an assessment: a weak password is `Low`; a password that is not weak is `Middle`
/// at zxcvbn score 3 and `High` at score 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PasswordSecurityLevel {
    Low = 1,
    Middle = 2,
    High = 3,
}

impl PasswordSecurityLevel {
    /// Every level, weakest first.
    pub const ALL: [Self; 3] = [Self::Low, Self::Middle, Self::High];

    /// The level from an assessment's verdict and its zxcvbn score (0..=4).
    pub fn from_verdict(is_weak: bool, zxcvbn_score: u8) -> Self {
        match (is_weak, zxcvbn_score) {
            (true, _) => Self::Low,
            (false, 0..=3) => Self::Middle,
            (false, _) => Self::High,
        }
    }

    /// The wire number, 1..=3.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The level for a wire number, or `None` outside 1..=3.
    pub fn from_number(number: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|level| i64::from(level.number()) == number)
    }
}

impl Serialize for PasswordSecurityLevel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for level in PasswordSecurityLevel::ALL {
            assert_eq!(PasswordSecurityLevel::from_number(level.number().into()), Some(level));
        }
        assert_eq!(PasswordSecurityLevel::from_number(0), None);
        assert_eq!(PasswordSecurityLevel::from_number(4), None);
    }

    #[test]
    fn verdict_mapping() {
        assert_eq!(PasswordSecurityLevel::from_verdict(true, 4), PasswordSecurityLevel::Low);
        assert_eq!(PasswordSecurityLevel::from_verdict(false, 3), PasswordSecurityLevel::Middle);
        assert_eq!(PasswordSecurityLevel::from_verdict(false, 4), PasswordSecurityLevel::High);
    }
}
