//! Where account-binding flags live: a small trait, so handlers can be tested with a fake.

use std::future::Future;

use scoring::AccountFactors;

/// Why an account could not be read. Messages name no user and quote no item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the account store is throttling requests")]
    Throttled,
    #[error("the account store did not answer in time")]
    Timeout,
    #[error("the account store is unavailable: {0}")]
    Unavailable(String),
    #[error("the stored account is malformed: attribute `{attribute}` {problem}")]
    MalformedItem { attribute: &'static str, problem: &'static str },
}

/// Reads one account's binding flags by user id (the token's `sub`).
pub trait AccountStore {
    /// `Ok(None)` when there is no account for `user_id`.
    fn account(&self, user_id: &str) -> impl Future<Output = Result<Option<AccountFactors>, StoreError>> + Send;
}
