//! The deployment's settings, from the environment: its default password policy and the
//! tables it reads.

use std::time::Duration;

use scoring::PasswordPolicy;

/// The largest minimum length a policy may ask for.
pub const MAX_MIN_LENGTH: usize = 64;
/// The highest zxcvbn score.
pub const MAX_MIN_SCORE: u8 = 4;
/// How long a project's policy is used before it is read again, by default.
pub const DEFAULT_POLICY_TTL: Duration = Duration::from_secs(60);

/// A policy variable is set to something unusable; the function refuses to start.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("PASSWORD_POLICY must be `nist` or `ddm`")]
    Policy,
    #[error("PASSWORD_MIN_LENGTH must be a whole number from 1 to 64")]
    MinLength,
    #[error("PASSWORD_MIN_SCORE must be a whole number from 0 to 4")]
    MinScore,
    #[error("PROJECT_POLICY_TTL_SECONDS must be a whole number of seconds")]
    PolicyTtl,
}

/// Where per-project policies live, when they are on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyTable {
    /// `PROJECT_POLICIES_TABLE`.
    pub name: String,
    /// `PROJECT_POLICY_TTL_SECONDS` (default 60): how long a read policy is used.
    pub ttl: Duration,
}

/// `PROJECT_POLICIES_TABLE` and `PROJECT_POLICY_TTL_SECONDS`; `None` when no table is named
/// (every project then gets the deployment's policy).
pub fn policy_table_from(var: impl Fn(&str) -> Option<String>) -> Result<Option<PolicyTable>, ConfigError> {
    let Some(name) = var("PROJECT_POLICIES_TABLE").filter(|v| !v.is_empty()) else { return Ok(None) };
    let ttl = match var("PROJECT_POLICY_TTL_SECONDS").filter(|v| !v.is_empty()) {
        None => DEFAULT_POLICY_TTL,
        Some(value) => Duration::from_secs(value.parse().map_err(|_| ConfigError::PolicyTtl)?),
    };
    Ok(Some(PolicyTable { name, ttl }))
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
        policy.min_length =
            value.parse().ok().filter(|n| (1..=MAX_MIN_LENGTH).contains(n)).ok_or(ConfigError::MinLength)?;
    }
    if let Some(value) = var("PASSWORD_MIN_SCORE").filter(|v| !v.is_empty()) {
        policy.min_score = value.parse().ok().filter(|n| *n <= MAX_MIN_SCORE).ok_or(ConfigError::MinScore)?;
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

    #[test]
    fn policy_table_is_off_unless_named() {
        assert_eq!(policy_table_from(env(&[])), Ok(None));
        let table = PolicyTable { name: "policies".into(), ttl: DEFAULT_POLICY_TTL };
        assert_eq!(policy_table_from(env(&[("PROJECT_POLICIES_TABLE", "policies")])), Ok(Some(table)));
        let short = env(&[("PROJECT_POLICIES_TABLE", "policies"), ("PROJECT_POLICY_TTL_SECONDS", "5")]);
        assert_eq!(policy_table_from(short).unwrap().unwrap().ttl, Duration::from_secs(5));
        let bad = env(&[("PROJECT_POLICIES_TABLE", "policies"), ("PROJECT_POLICY_TTL_SECONDS", "-1")]);
        assert_eq!(policy_table_from(bad), Err(ConfigError::PolicyTtl));
    }
}
