//! The password policy, from the environment.

use scoring::PasswordPolicy;

/// A policy variable is set to something unusable; the function refuses to start.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("PASSWORD_POLICY must be `nist` or `ddm`")]
    Policy,
    #[error("PASSWORD_MIN_LENGTH must be a whole number from 1 to 64")]
    MinLength,
    #[error("PASSWORD_MIN_SCORE must be a whole number from 0 to 4")]
    MinScore,
}

/// `PASSWORD_POLICY` (`nist`, default, or `ddm`), then `PASSWORD_MIN_LENGTH` and
/// `PASSWORD_MIN_SCORE` override that policy's minimums.
pub fn policy_from(var: impl Fn(&str) -> Option<String>) -> Result<PasswordPolicy, ConfigError> {
    let mut policy = match var("PASSWORD_POLICY").as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("nist") => PasswordPolicy::nist(),
        Some("ddm") => PasswordPolicy::ddm(),
        Some(_) => return Err(ConfigError::Policy),
    };
    if let Some(value) = var("PASSWORD_MIN_LENGTH").filter(|v| !v.is_empty()) {
        policy.min_length = value.parse().ok().filter(|n| (1..=64).contains(n)).ok_or(ConfigError::MinLength)?;
    }
    if let Some(value) = var("PASSWORD_MIN_SCORE").filter(|v| !v.is_empty()) {
        policy.min_score = value.parse().ok().filter(|n| *n <= 4).ok_or(ConfigError::MinScore)?;
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    }

    #[test]
    fn defaults_to_nist() {
        assert_eq!(policy_from(env(&[])), Ok(PasswordPolicy::nist()));
    }

    #[test]
    fn ddm_with_overrides() {
        let policy = policy_from(env(&[("PASSWORD_POLICY", "DDM"), ("PASSWORD_MIN_SCORE", "4")])).unwrap();
        assert_eq!(policy, PasswordPolicy { min_score: 4, ..PasswordPolicy::ddm() });
    }

    #[test]
    fn rejects_unusable_values() {
        assert_eq!(policy_from(env(&[("PASSWORD_POLICY", "strict")])), Err(ConfigError::Policy));
        assert_eq!(policy_from(env(&[("PASSWORD_MIN_LENGTH", "0")])), Err(ConfigError::MinLength));
        assert_eq!(policy_from(env(&[("PASSWORD_MIN_SCORE", "5")])), Err(ConfigError::MinScore));
    }
}
