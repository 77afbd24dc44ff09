//! Test support: the demo accounts and an in-memory store.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use dynamo_glue::dynamodb_local::items_from_json_file;
pub use dynamo_glue::dynamodb_local::Item;
use get_security_info::dynamo::{account_from_item, USER_ID};
use get_security_info::store::{AccountStore, StoreError};
use scoring::AccountFactors;

/// `scripts/demo-accounts.json`: the accounts `make dev` seeds and the fixtures expect.
pub fn demo_items() -> Vec<Item> {
    items_from_json_file("scripts/demo-accounts.json")
}

/// An in-memory [`AccountStore`] that reads items exactly as the DynamoDB store does.
pub struct InMemoryAccountStore {
    items: HashMap<String, Item>,
}

impl InMemoryAccountStore {
    pub fn new(items: Vec<Item>) -> Self {
        let items = items
            .into_iter()
            .map(|item| {
                let Some(AttributeValue::S(user_id)) = item.get(USER_ID) else { panic!("an item has a userId") };
                (user_id.clone(), item)
            })
            .collect();
        Self { items }
    }
}

impl AccountStore for InMemoryAccountStore {
    async fn account(&self, user_id: &str) -> Result<Option<AccountFactors>, StoreError> {
        self.items.get(user_id).map(account_from_item).transpose()
    }
}
