//! Token cases no fixture covers, through the handler and checked whole: a configured issuer
//! and audience are required claims (401 in Huawei API Gateway's format), and a key fault is the
//! server's (500 in DDM's format).

use fixture_harness::{
    fixture_with_header, local_token, local_verifier, matches_expected, required_claim_cases,
    verifier_without_usable_key,
};
use lambda_glue::TokenVerifier;
use scoring::Assessor;
use serde_json::json;
use weak_password_verification::tables::NoTables;
use weak_password_verification::{handle, Service};

const FUNCTION: &str = "weak-password-verification";
const FIXTURE: &str = "v2-strong-password";
const REQUEST_ID: &str = "wpv-v2-strong-password";

/// The service with no table: tokens are checked before any is read.
fn offline_service(verifier: TokenVerifier) -> Service<NoTables> {
    Service { assessor: Assessor::default(), verifier, tables: NoTables, policy_cache: None, breach_check: None }
}

fn request_with_token(token: &str) -> lambda_http::Request {
    fixture_with_header(FUNCTION, FIXTURE, "x-auth-token", token)
}

#[tokio::test]
async fn a_configured_issuer_and_audience_are_required_claims() {
    let service = offline_service(local_verifier());
    for (changes, reason) in required_claim_cases() {
        let response = handle(&service, request_with_token(&local_token("user-bare", changes.clone()))).await;
        let expected = json!({
            "statusCode": 401,
            "headers": {"content-type": "application/json", "x-request-id": REQUEST_ID},
            "body": {
                "error_code": "APIGW.0301",
                "error_msg": format!("Incorrect IAM authentication information: {reason}"),
                "request_id": REQUEST_ID,
            },
        });
        assert_eq!(matches_expected(&response, &expected), Ok(()), "{changes}");
    }
    // The same token with both claims passes.
    let response = handle(&service, request_with_token(&local_token("user-bare", json!({})))).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test(flavor = "current_thread")]
async fn no_usable_key_is_a_server_failure() {
    let verifier = verifier_without_usable_key();
    let service = offline_service(verifier);
    let response = handle(&service, request_with_token(&local_token("user-bare", json!({})))).await;
    let expected = json!({
        "statusCode": 500,
        "headers": {"content-type": "application/json", "x-request-id": REQUEST_ID},
        "body": {"errCode": "DBS.200412", "externalMessage": "Server failure.", "error_code": "DBS.200412", "error_msg": "Server failure."},
    });
    assert_eq!(matches_expected(&response, &expected), Ok(()));
}
