//! Per-project policies through the handler, with in-memory tables: what is read, when, and
//! what happens with policies off.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use scoring::Assessor;
use support::{service_over, InMemoryTables};
use weak_password_verification::policy_cache::PolicyCache;
use weak_password_verification::tables::NoTables;
use weak_password_verification::{handle, Service};

fn banned_word_request() -> lambda_http::Request {
    fixture_harness::fixture("weak-password-verification", "v2-project-banned-word").0
}

async fn is_weak<T: weak_password_verification::tables::Tables + Sync>(service: &Service<T>) -> bool {
    let response = handle(service, banned_word_request()).await;
    let lambda_http::Body::Text(body) = response.body() else { panic!("a text body") };
    serde_json::from_str::<serde_json::Value>(body).unwrap()["is_weak_password"].as_bool().unwrap()
}

/// Policies on, the breach check off: every read counted is a policy's.
fn policies_only(tables: InMemoryTables) -> Service<InMemoryTables> {
    Service { breach_check: None, ..service_over(tables) }
}

#[tokio::test]
async fn a_policy_is_read_once_then_again_after_its_ttl() {
    let start = Instant::now();
    let elapsed_s = Arc::new(AtomicU64::new(0));
    let clock_reads = elapsed_s.clone();
    let mut service = policies_only(InMemoryTables::demo());
    service.policy_cache = Some(PolicyCache::with_clock(
        Duration::from_secs(60),
        Box::new(move || start + Duration::from_secs(clock_reads.load(Ordering::Relaxed))),
    ));
    for _ in 0..3 {
        assert!(is_weak(&service).await);
    }
    assert_eq!(service.tables.round_trips(), 1, "steady traffic adds no read");
    elapsed_s.store(60, Ordering::Relaxed);
    assert!(is_weak(&service).await);
    assert_eq!(service.tables.round_trips(), 2, "an expired policy is read again");
}

#[tokio::test]
async fn a_project_without_an_item_is_cached_too() {
    let service = policies_only(InMemoryTables::default());
    for _ in 0..3 {
        assert!(!is_weak(&service).await, "the deployment's rules do not ban contoso");
    }
    assert_eq!(service.tables.round_trips(), 1);
}

#[tokio::test]
async fn with_policies_off_every_project_gets_the_deployment_rules() {
    let service = Service {
        assessor: Assessor::default(),
        verifier: fixture_harness::local_verifier(),
        tables: NoTables,
        policy_cache: None,
        breach_check: None,
    };
    assert!(!is_weak(&service).await);
}
