//! Every fixture in `events/weak-password-verification/` through the handler (with the demo
//! project policies and breach corpus in in-memory tables), checked whole. `dynamodb.rs` runs them again against
//! DynamoDB Local.

mod support;

use support::{service_over, InMemoryTables};
use weak_password_verification::handle;

#[tokio::test]
async fn every_fixture_gets_its_expected_response() {
    let service = service_over(InMemoryTables::demo());
    fixture_harness::check_all_fixtures("weak-password-verification", |request| handle(&service, request)).await;
}
