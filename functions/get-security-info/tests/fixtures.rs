//! Every fixture in `events/get-security-info/` through the handler (with the demo accounts in
//! an in-memory store), checked whole. `dynamodb.rs` runs them again against DynamoDB Local.

mod support;

use get_security_info::{handle, Service};
use support::{demo_items, InMemoryAccountStore};

#[tokio::test]
async fn every_fixture_gets_its_expected_response() {
    let service =
        Service { store: InMemoryAccountStore::new(demo_items()), verifier: fixture_harness::local_verifier() };
    fixture_harness::check_all_fixtures("get-security-info", |request| handle(&service, request)).await;
}
