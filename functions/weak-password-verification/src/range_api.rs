//! Breach counts from a Pwned Passwords range API (`BREACHED_PASSWORDS_API`), for a team that
//! would rather not host the corpus: only the hash's first 5 hex digits leave the function.

use std::time::Duration;

use dynamo_glue::{StoreError, OPERATION_TIMEOUT};

use crate::breach_item::Sha1;

/// The largest answer read: a real range holds about 1,000 lines of 40 bytes, padding included.
const MAX_RESPONSE_BYTES: u64 = 1024 * 1024;

/// A Pwned Passwords range API at a base URL (`https://api.pwnedpasswords.com`).
#[derive(Debug, Clone)]
pub struct RangeApi {
    base: String,
    agent: ureq::Agent,
}

impl RangeApi {
    /// Each call gives up after the DynamoDB reads' own bound, well inside the function's timeout.
    pub fn new(base: &str) -> Self {
        Self::with_timeout(base, OPERATION_TIMEOUT)
    }

    pub fn with_timeout(base: &str, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder().timeout_global(Some(timeout)).build().into();
        Self { base: base.trim_end_matches('/').to_owned(), agent }
    }

    /// `GET {base}/range/{first 5 hex digits}` with `Add-Padding: true`; the count on the line
    /// of the other 35 digits, 0 when there is none (padding lines count 0 as well).
    pub async fn breach_count(&self, hash: &Sha1) -> Result<u64, StoreError> {
        let hex: String = hash.iter().map(|byte| format!("{byte:02X}")).collect();
        let (prefix, rest) = hex.split_at(5);
        let url = format!("{}/range/{prefix}", self.base);
        let agent = self.agent.clone();
        let body = tokio::task::spawn_blocking(move || {
            let response = agent.get(&url).header("Add-Padding", "true").call()?;
            response.into_body().with_config().limit(MAX_RESPONSE_BYTES).read_to_string()
        })
        .await
        .map_err(|_| StoreError::Unavailable("the range API call failed".into()))?
        .map_err(api_error)?;
        let count = body
            .lines()
            .filter_map(|line| line.trim().split_once(':'))
            .find(|(suffix, _)| suffix.eq_ignore_ascii_case(rest))
            .map(|(_, count)| count.trim().parse::<u64>())
            .transpose()
            .map_err(|_| StoreError::Unavailable("the range API answered a malformed count".into()))?;
        Ok(count.unwrap_or(0))
    }
}

fn api_error(error: ureq::Error) -> StoreError {
    match error {
        ureq::Error::Timeout(_) => StoreError::Timeout,
        ureq::Error::StatusCode(429) => StoreError::Throttled,
        ureq::Error::StatusCode(status) => StoreError::Unavailable(format!("the range API answered {status}")),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => StoreError::Timeout,
        _ => StoreError::Unavailable("cannot reach the range API".into()),
    }
}
