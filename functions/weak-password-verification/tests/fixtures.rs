//! Every fixture in `events/weak-password-verification/` through the handler, checked whole.

use lambda_glue::TokenVerifier;
use scoring::Assessor;
use weak_password_verification::{handle, Service};

#[tokio::test]
async fn every_fixture_gets_its_expected_response() {
    let service =
        Service { assessor: Assessor::default(), verifier: TokenVerifier::new(fixture_harness::local_auth_settings()) };
    fixture_harness::check_all_fixtures("weak-password-verification", |request| handle(&service, request)).await;
}
