//! Every fixture in `events/weak-password-verification/` through the handler, checked whole.

use scoring::Assessor;
use weak_password_verification::{handle, Service};

#[tokio::test]
async fn every_fixture_gets_its_expected_response() {
    let service = Service { assessor: Assessor::default(), verifier: fixture_harness::local_verifier() };
    fixture_harness::check_all_fixtures("weak-password-verification", |request| handle(&service, request)).await;
}
