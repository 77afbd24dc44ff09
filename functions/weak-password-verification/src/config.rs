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
    #[error("set at most one of BREACHED_PASSWORDS_TABLE and BREACHED_PASSWORDS_API")]
    BreachSource,
    #[error("BREACHED_MIN_COUNT must be a whole number of 1 or more")]
    BreachMinCount,
    #[error("BREACHED_ON_ERROR must be `open` or `closed`")]
    BreachOnError,
}

/// What a failed breach check answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBreachError {
    /// The offline rules' verdict, logged and counted as `breach_check_unavailable`.
    Open,
    /// DDM's 500 `DBS.200412`.
    Closed,
}

/// Where breach counts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreachSource {
    /// `BREACHED_PASSWORDS_TABLE`.
    Table(String),
    /// `BREACHED_PASSWORDS_API`: a Pwned Passwords range API's base URL.
    Api(String),
}

/// The breach check's settings, when it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachCheck {
    pub source: BreachSource,
    /// `BREACHED_MIN_COUNT` (default 1): a password seen this often or more is weak.
    pub min_count: u64,
    /// `BREACHED_ON_ERROR` (default `open`).
    pub on_error: OnBreachError,
}

/// `BREACHED_PASSWORDS_TABLE` or `BREACHED_PASSWORDS_API`, with `BREACHED_MIN_COUNT` and
/// `BREACHED_ON_ERROR`; `None` when neither source is set.
pub fn breach_check_from(var: impl Fn(&str) -> Option<String>) -> Result<Option<BreachCheck>, ConfigError> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    let source = match (set("BREACHED_PASSWORDS_TABLE"), set("BREACHED_PASSWORDS_API")) {
        (None, None) => return Ok(None),
        (Some(table), None) => BreachSource::Table(table),
        (None, Some(base)) => BreachSource::Api(base),
        (Some(_), Some(_)) => return Err(ConfigError::BreachSource),
    };
    let min_count = match set("BREACHED_MIN_COUNT") {
        None => 1,
        Some(value) => value.parse().ok().filter(|n| *n >= 1).ok_or(ConfigError::BreachMinCount)?,
    };
    let on_error = match set("BREACHED_ON_ERROR").map(|v| v.to_ascii_lowercase()).as_deref() {
        None | Some("open") => OnBreachError::Open,
        Some("closed") => OnBreachError::Closed,
        Some(_) => return Err(ConfigError::BreachOnError),
    };
    Ok(Some(BreachCheck { source, min_count, on_error }))
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
    fn breach_check_is_off_unless_a_source_is_named() {
        assert_eq!(breach_check_from(env(&[])), Ok(None));
        let table =
            BreachCheck { source: BreachSource::Table("breached".into()), min_count: 1, on_error: OnBreachError::Open };
        assert_eq!(breach_check_from(env(&[("BREACHED_PASSWORDS_TABLE", "breached")])), Ok(Some(table)));
        let api = env(&[
            ("BREACHED_PASSWORDS_API", "http://x"),
            ("BREACHED_MIN_COUNT", "10"),
            ("BREACHED_ON_ERROR", "closed"),
        ]);
        let api = breach_check_from(api).unwrap().unwrap();
        assert_eq!(
            (api.source, api.min_count, api.on_error),
            (BreachSource::Api("http://x".into()), 10, OnBreachError::Closed)
        );
        let both = env(&[("BREACHED_PASSWORDS_TABLE", "t"), ("BREACHED_PASSWORDS_API", "http://x")]);
        assert_eq!(breach_check_from(both), Err(ConfigError::BreachSource));
        let zero = env(&[("BREACHED_PASSWORDS_TABLE", "t"), ("BREACHED_MIN_COUNT", "0")]);
        assert_eq!(breach_check_from(zero), Err(ConfigError::BreachMinCount));
        let maybe = env(&[("BREACHED_PASSWORDS_TABLE", "t"), ("BREACHED_ON_ERROR", "maybe")]);
        assert_eq!(breach_check_from(maybe), Err(ConfigError::BreachOnError));
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
