//! What a request may read, behind a small trait so that handlers can be tested with an
//! in-memory fake: a project's policy and a password's breach count. [`DynamoTables`] reads
//! both from DynamoDB, in one round trip when both are wanted; [`WithRangeApi`] takes breach
//! counts from a Pwned Passwords range API instead.

use std::collections::HashMap;
use std::future::Future;

use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes};
use aws_sdk_dynamodb::Client;
use dynamo_glue::{store_error, StoreError};

use crate::breach_item::{count_in, prefix_key, suffix, Sha1, ENTRIES, HASH_PREFIX};
use crate::policy_item::{policy_from_item, Item, ProjectPolicy, PROJECT_ID};
use crate::range_api::RangeApi;

/// A project's policy (`Ok(None)`: it has none).
pub type PolicyRead = Result<Option<ProjectPolicy>, StoreError>;
/// A password's breach count (`Ok(0)`: not in the corpus).
pub type BreachRead = Result<u64, StoreError>;

/// What weak-password-verification reads.
pub trait Tables {
    /// The project's own policy.
    fn policy(&self, project_id: &str) -> impl Future<Output = PolicyRead> + Send;
    /// How often the password of `hash` was seen in breaches.
    fn breach_count(&self, hash: &Sha1) -> impl Future<Output = BreachRead> + Send;
    /// Both, in one round trip.
    fn policy_and_breach_count(
        &self,
        project_id: &str,
        hash: &Sha1,
    ) -> impl Future<Output = (PolicyRead, BreachRead)> + Send;
}

/// No table configured (the deployment's defaults for every project): nothing to read.
#[derive(Debug, Clone, Copy)]
pub struct NoTables;

impl Tables for NoTables {
    async fn policy(&self, _project_id: &str) -> PolicyRead {
        Ok(None)
    }

    async fn breach_count(&self, _hash: &Sha1) -> BreachRead {
        Ok(0)
    }

    async fn policy_and_breach_count(&self, _project_id: &str, _hash: &Sha1) -> (PolicyRead, BreachRead) {
        (Ok(None), Ok(0))
    }
}

/// The project-policies and breached-passwords tables in DynamoDB: eventually consistent
/// reads, one `GetItem` for one item, one `BatchGetItem` for both.
#[derive(Debug, Clone)]
pub struct DynamoTables {
    client: Client,
    policies_table: String,
    breach_table: String,
}

impl DynamoTables {
    /// No table named yet: add the ones that are on (the handler reads no other).
    pub fn new(client: Client) -> Self {
        Self { client, policies_table: String::new(), breach_table: String::new() }
    }

    pub fn with_policies(self, table: impl Into<String>) -> Self {
        Self { policies_table: table.into(), ..self }
    }

    pub fn with_breach_table(self, table: impl Into<String>) -> Self {
        Self { breach_table: table.into(), ..self }
    }

    async fn get(&self, table: &str, key: (&str, String)) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(table)
            .key(key.0, AttributeValue::S(key.1))
            .send()
            .await
            .map_err(store_error)?;
        Ok(output.item)
    }
}

fn policy_key(project_id: &str) -> (&'static str, String) {
    (PROJECT_ID, project_id.to_owned())
}

fn breach_key(hash: &Sha1) -> (&'static str, String) {
    (HASH_PREFIX, prefix_key(hash))
}

/// The breach count of `hash` in its prefix's item (absent: 0).
fn count_from_item(item: Option<&Item>, hash: &Sha1) -> BreachRead {
    match item.and_then(|item| item.get(ENTRIES)) {
        None => Ok(0),
        Some(AttributeValue::B(entries)) => count_in(entries.as_ref(), &suffix(hash)),
        Some(_) => Err(StoreError::MalformedItem { attribute: ENTRIES, problem: "is not a B" }),
    }
}

impl Tables for DynamoTables {
    async fn policy(&self, project_id: &str) -> PolicyRead {
        self.get(&self.policies_table, policy_key(project_id)).await?.map(|item| policy_from_item(&item)).transpose()
    }

    async fn breach_count(&self, hash: &Sha1) -> BreachRead {
        count_from_item(self.get(&self.breach_table, breach_key(hash)).await?.as_ref(), hash)
    }

    async fn policy_and_breach_count(&self, project_id: &str, hash: &Sha1) -> (PolicyRead, BreachRead) {
        let keys = |(name, value): (&str, String)| {
            KeysAndAttributes::builder()
                .keys(HashMap::from([(name.to_owned(), AttributeValue::S(value))]))
                .build()
                .expect("keys are set")
        };
        let answer = self
            .client
            .batch_get_item()
            .request_items(&self.policies_table, keys(policy_key(project_id)))
            .request_items(&self.breach_table, keys(breach_key(hash)))
            .send()
            .await;
        let mut output = match answer {
            Ok(output) => output,
            Err(error) => {
                let error = store_error(error);
                return (Err(error.clone()), Err(error));
            }
        };
        // DynamoDB may leave keys unprocessed under load: a read it did not make is throttled.
        let unprocessed = |table: &str| output.unprocessed_keys().is_some_and(|keys| keys.contains_key(table));
        let (policy_skipped, breach_skipped) = (unprocessed(&self.policies_table), unprocessed(&self.breach_table));
        let mut responses = output.responses.take().unwrap_or_default();
        let mut first = |table: &str| responses.remove(table).and_then(|items| items.into_iter().next());
        let policy = match policy_skipped {
            true => Err(StoreError::Throttled),
            false => first(&self.policies_table).map(|item| policy_from_item(&item)).transpose(),
        };
        let breach = match breach_skipped {
            true => Err(StoreError::Throttled),
            false => count_from_item(first(&self.breach_table).as_ref(), hash),
        };
        (policy, breach)
    }
}

/// Policies from `tables`, breach counts from a Pwned Passwords range API.
pub struct WithRangeApi<T> {
    pub tables: T,
    pub api: RangeApi,
}

impl<T: Tables + Sync> Tables for WithRangeApi<T> {
    async fn policy(&self, project_id: &str) -> PolicyRead {
        self.tables.policy(project_id).await
    }

    async fn breach_count(&self, hash: &Sha1) -> BreachRead {
        self.api.breach_count(hash).await
    }

    /// One DynamoDB round trip and one API call, side by side.
    async fn policy_and_breach_count(&self, project_id: &str, hash: &Sha1) -> (PolicyRead, BreachRead) {
        tokio::join!(self.tables.policy(project_id), self.api.breach_count(hash))
    }
}
