//! Test support: the demo project policies and breach corpus, in-memory tables, and a Pwned
//! Passwords range API of our own.

#![allow(dead_code)] // Each test binary uses its own part of this module.

pub mod range_server;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_dynamodb::types::AttributeValue;
use dynamo_glue::dynamodb_local::items_from_json_file;
pub use dynamo_glue::dynamodb_local::Item;
use dynamo_glue::StoreError;
use scoring::Assessor;
use weak_password_verification::breach_item::{Sha1, ENTRIES, HASH_PREFIX};
use weak_password_verification::config::{BreachCheck, BreachSource, OnBreachError};
use weak_password_verification::policy_cache::PolicyCache;
use weak_password_verification::policy_item::{policy_from_item, PROJECT_ID};
use weak_password_verification::tables::{BreachRead, PolicyRead, Tables};
use weak_password_verification::Service;

/// `scripts/demo-policies.json`: the project policies `make dev` seeds and the fixtures expect.
pub fn demo_policy_items() -> Vec<Item> {
    items_from_json_file("scripts/demo-policies.json")
}

/// `scripts/demo-breached.txt`: the demo corpus, Pwned Passwords' `HASH:COUNT` lines.
pub fn demo_corpus() -> Vec<(Sha1, u64)> {
    let path = fixture_harness::workspace_root().join("scripts/demo-breached.txt");
    std::fs::read_to_string(path)
        .expect("the demo corpus exists")
        .lines()
        .map(|line| {
            let (hex, count) = line.split_once(':').expect("HASH:COUNT");
            let mut hash = [0u8; 20];
            for (byte, pair) in hash.iter_mut().zip(hex.as_bytes().chunks(2)) {
                *byte = u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap();
            }
            (hash, count.parse().unwrap())
        })
        .collect()
}

/// The demo corpus as the breached-passwords table holds it: one item per prefix.
pub fn demo_breach_items() -> Vec<Item> {
    use weak_password_verification::breach_item::{prefix_key, suffix, EntriesBuilder};
    let mut corpus = demo_corpus();
    corpus.sort();
    let mut items: Vec<(String, EntriesBuilder)> = Vec::new();
    for (hash, count) in corpus {
        let key = prefix_key(&hash);
        if items.last().is_none_or(|(last, _)| *last != key) {
            items.push((key, EntriesBuilder::default()));
        }
        items.last_mut().unwrap().1.push(suffix(&hash), count);
    }
    items
        .into_iter()
        .map(|(key, entries)| {
            Item::from([
                (HASH_PREFIX.to_owned(), AttributeValue::S(key)),
                (ENTRIES.to_owned(), AttributeValue::B(entries.finish().into())),
            ])
        })
        .collect()
}

/// The breach check as the local settings have it: the table on, open on errors.
pub fn breach_check(on_error: OnBreachError) -> BreachCheck {
    BreachCheck { source: BreachSource::Table("breached-passwords".into()), min_count: 1, on_error }
}

/// The service as `main` builds it with both tables on, over `tables`.
pub fn service_over<T: Tables>(tables: T) -> Service<T> {
    Service {
        assessor: Assessor::default(),
        verifier: fixture_harness::local_verifier(),
        tables,
        policy_cache: Some(PolicyCache::new(std::time::Duration::from_secs(60))),
        breach_check: Some(breach_check(OnBreachError::Open)),
    }
}

/// In-memory [`Tables`] that read items exactly as the DynamoDB ones do, and count the
/// round trips each kind of read would make.
#[derive(Default)]
pub struct InMemoryTables {
    policies: HashMap<String, Item>,
    breached: HashMap<Sha1, u64>,
    /// What every breach read answers instead, when set.
    pub breach_fault: Option<StoreError>,
    pub round_trips: AtomicUsize,
}

impl InMemoryTables {
    /// The demo policies and corpus.
    pub fn demo() -> Self {
        Self::with(demo_policy_items(), demo_corpus())
    }

    pub fn with(policy_items: Vec<Item>, corpus: Vec<(Sha1, u64)>) -> Self {
        let policies = policy_items
            .into_iter()
            .map(|item| {
                let Some(AttributeValue::S(project_id)) = item.get(PROJECT_ID) else {
                    panic!("an item has a projectId")
                };
                (project_id.clone(), item)
            })
            .collect();
        Self { policies, breached: corpus.into_iter().collect(), ..Self::default() }
    }

    pub fn round_trips(&self) -> usize {
        self.round_trips.load(Ordering::Relaxed)
    }

    fn read_policy(&self, project_id: &str) -> PolicyRead {
        self.policies.get(project_id).map(policy_from_item).transpose()
    }

    fn read_breach(&self, hash: &Sha1) -> BreachRead {
        match &self.breach_fault {
            Some(fault) => Err(fault.clone()),
            None => Ok(self.breached.get(hash).copied().unwrap_or(0)),
        }
    }
}

impl Tables for InMemoryTables {
    async fn policy(&self, project_id: &str) -> PolicyRead {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        self.read_policy(project_id)
    }

    async fn breach_count(&self, hash: &Sha1) -> BreachRead {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        self.read_breach(hash)
    }

    async fn policy_and_breach_count(&self, project_id: &str, hash: &Sha1) -> (PolicyRead, BreachRead) {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        (self.read_policy(project_id), self.read_breach(hash))
    }
}
