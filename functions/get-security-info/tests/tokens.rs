//! Token cases no fixture covers, and a panic, through the handler and checked whole: a
//! configured issuer and audience are required claims (`statusCode` 401), a key fault is the
//! server's (503), and a panic anywhere answers Authing's envelope (500), never a bare error.

mod support;

use fixture_harness::{
    fixture_with_header, local_token, local_verifier, matches_expected, required_claim_cases,
    verifier_without_usable_key,
};
use get_security_info::store::{AccountStore, StoreError};
use get_security_info::{handle, Service};

use scoring::AccountFactors;
use serde_json::{json, Value};
use support::{demo_items, InMemoryAccountStore};

const FUNCTION: &str = "get-security-info";
const FIXTURE: &str = "v2-bad-token";
const REQUEST_ID: &str = "gsi-v2-bad-token";

fn request_with_token(token: &str) -> lambda_http::Request {
    fixture_with_header(FUNCTION, FIXTURE, "authorization", &format!("Bearer {token}"))
}

/// Authing's envelope of a failure, in English (the fixture asks for it).
fn failure(status_code: u16, api_code: u32, message: &str) -> Value {
    json!({
        "statusCode": 200,
        "headers": {"content-type": "application/json", "content-language": "en-US", "x-request-id": REQUEST_ID},
        "body": {"statusCode": status_code, "apiCode": api_code, "message": message, "requestId": REQUEST_ID, "data": null},
    })
}

#[tokio::test]
async fn a_configured_issuer_and_audience_are_required_claims() {
    let service = Service { store: InMemoryAccountStore::new(demo_items()), verifier: local_verifier() };
    for (changes, reason) in required_claim_cases() {
        let response = handle(&service, request_with_token(&local_token("user-bare", changes.clone()))).await;
        let expected = failure(401, 2020, &format!("Not logged in: {reason}"));
        assert_eq!(matches_expected(&response, &expected), Ok(()), "{changes}");
    }
    let response = handle(&service, request_with_token(&local_token("user-bare", json!({})))).await;
    let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap();
    assert_eq!(body["statusCode"], 200, "the same token with both claims passes");
}

#[tokio::test(flavor = "current_thread")]
async fn no_usable_key_is_a_server_failure() {
    let verifier = verifier_without_usable_key();
    let service = Service { store: InMemoryAccountStore::new(demo_items()), verifier };
    let response = handle(&service, request_with_token(&local_token("user-bare", json!({})))).await;
    let expected = failure(503, 1000, "The system is busy; please try again later");
    assert_eq!(matches_expected(&response, &expected), Ok(()));
}

/// A store whose every read panics.
struct PanickingStore;

impl AccountStore for PanickingStore {
    async fn account(&self, _user_id: &str) -> Result<Option<AccountFactors>, StoreError> {
        panic!("a bug in the store")
    }
}

#[tokio::test]
async fn a_panic_is_answered_in_authings_envelope() {
    let service = Service { store: PanickingStore, verifier: local_verifier() };
    let response = handle(&service, request_with_token(&local_token("user-bare", json!({})))).await;
    let expected = failure(500, 1000, "The system is busy; please try again later");
    assert_eq!(matches_expected(&response, &expected), Ok(()));
}
