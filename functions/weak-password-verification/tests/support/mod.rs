//! Test support: the demo project policies, and in-memory tables.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_dynamodb::types::AttributeValue;
use dynamo_glue::dynamodb_local::items_from_json_file;
pub use dynamo_glue::dynamodb_local::Item;
use dynamo_glue::StoreError;
use lambda_glue::TokenVerifier;
use scoring::Assessor;
use weak_password_verification::policy_cache::PolicyCache;
use weak_password_verification::policy_item::{policy_from_item, ProjectPolicy, PROJECT_ID};
use weak_password_verification::tables::Tables;
use weak_password_verification::Service;

/// `scripts/demo-policies.json`: the project policies `make dev` seeds and the fixtures expect.
pub fn demo_policy_items() -> Vec<Item> {
    items_from_json_file("scripts/demo-policies.json")
}

/// The service as `main` builds it with policies on, over `tables`.
pub fn service_over<T: Tables>(tables: T) -> Service<T> {
    Service {
        assessor: Assessor::default(),
        verifier: TokenVerifier::new(fixture_harness::local_auth_settings()),
        tables,
        policy_cache: Some(PolicyCache::new(std::time::Duration::from_secs(60))),
    }
}

/// In-memory [`Tables`] that read items exactly as the DynamoDB ones do, and count the reads.
#[derive(Default)]
pub struct InMemoryTables {
    policies: HashMap<String, Item>,
    pub reads: AtomicUsize,
}

impl InMemoryTables {
    pub fn with_policies(items: Vec<Item>) -> Self {
        let policies = items
            .into_iter()
            .map(|item| {
                let Some(AttributeValue::S(project_id)) = item.get(PROJECT_ID) else {
                    panic!("an item has a projectId")
                };
                (project_id.clone(), item)
            })
            .collect();
        Self { policies, reads: AtomicUsize::new(0) }
    }

    pub fn reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }
}

impl Tables for InMemoryTables {
    async fn policy(&self, project_id: &str) -> Result<Option<ProjectPolicy>, StoreError> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.policies.get(project_id).map(policy_from_item).transpose()
    }
}
