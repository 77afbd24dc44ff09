//! Test support: the demo accounts and an in-memory store.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
pub use dynamo_glue::dynamodb_local::Item;
use get_security_info::dynamo::{account_from_item, USER_ID};
use get_security_info::store::{AccountStore, StoreError};
use scoring::AccountFactors;
use serde_json::Value;

/// `scripts/demo-accounts.json`: the accounts `make dev` seeds and the fixtures expect.
pub fn demo_items() -> Vec<Item> {
    let path = fixture_harness::workspace_root().join("scripts/demo-accounts.json");
    let items: Vec<serde_json::Map<String, Value>> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo accounts exist")).expect("a JSON list");
    items.into_iter().map(|item| item.into_iter().map(|(name, value)| (name, attribute(&value))).collect()).collect()
}

/// One attribute in DynamoDB's JSON form (`{"S": ...}`, `{"N": ...}`, `{"BOOL": ...}`).
fn attribute(value: &Value) -> AttributeValue {
    let (kind, inner) = value.as_object().and_then(|typed| typed.iter().next()).expect("a typed attribute");
    match (kind.as_str(), inner) {
        ("S", Value::String(text)) => AttributeValue::S(text.clone()),
        ("N", Value::String(number)) => AttributeValue::N(number.clone()),
        ("BOOL", Value::Bool(flag)) => AttributeValue::Bool(*flag),
        ("NULL", _) => AttributeValue::Null(true),
        other => panic!("unsupported attribute {other:?}"),
    }
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
