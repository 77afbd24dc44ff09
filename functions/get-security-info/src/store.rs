//! Where account-binding flags live: a small trait, so handlers can be tested with a fake.

use std::future::Future;

pub use dynamo_glue::StoreError;
use scoring::AccountFactors;

/// Reads one account's binding flags by user id (the token's `sub`).
pub trait AccountStore {
    /// `Ok(None)` when there is no account for `user_id`.
    fn account(&self, user_id: &str) -> impl Future<Output = Result<Option<AccountFactors>, StoreError>> + Send;
}
