//! The DynamoDB store against DynamoDB Local: the real client, real items, and faults.

mod support;

use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, ScalarAttributeType};
use dynamo_glue::dynamodb_local::{client_for, endpoint, fake_endpoint, fresh_table, THROTTLED};
use fixture_harness::local_service::free_port;
use get_security_info::dynamo::{DynamoAccountStore, MFA_ENROLLED, PASSWORD_SECURITY_LEVEL, USER_ID};
use get_security_info::store::{AccountStore, StoreError};
use get_security_info::{handle, Service};
use scoring::{AccountFactors, PasswordSecurityLevel};
use support::{demo_items, Item};

async fn store_with(items: &[Item]) -> DynamoAccountStore {
    let client = client_for(endpoint()).await;
    let table = fresh_table(&client, "accounts", USER_ID, ScalarAttributeType::S, items).await;
    DynamoAccountStore::new(client, table)
}

fn item(user_id: &str, attributes: &[(&str, AttributeValue)]) -> Item {
    let mut item: Item = attributes.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect();
    item.insert(USER_ID.to_owned(), AttributeValue::S(user_id.to_owned()));
    item
}

#[tokio::test]
async fn every_fixture_gets_its_expected_response_from_dynamodb_local() {
    let service = Service { store: store_with(&demo_items()).await, verifier: fixture_harness::local_verifier() };
    fixture_harness::check_all_fixtures("get-security-info", |request| handle(&service, request)).await;
}

#[tokio::test]
async fn reads_stored_flags_and_reports_unknown_users() {
    let store = store_with(&demo_items()).await;
    let full = AccountFactors {
        password_set: true,
        password_security_level: Some(PasswordSecurityLevel::High),
        mfa_enrolled: true,
        email_binded: true,
        phone_binded: true,
    };
    assert_eq!(store.account("user-fully-bound").await, Ok(Some(full)));
    let bare = AccountFactors {
        password_set: true,
        password_security_level: Some(PasswordSecurityLevel::Low),
        ..AccountFactors::default()
    };
    assert_eq!(store.account("user-bare").await, Ok(Some(bare)));
    assert_eq!(store.account("user-unknown").await, Ok(None));
}

#[tokio::test]
async fn an_item_of_the_wrong_shape_is_a_clear_error() {
    let store = store_with(&[
        item("wrong-flag", &[(MFA_ENROLLED, AttributeValue::N("1".into()))]),
        item("wrong-level", &[(PASSWORD_SECURITY_LEVEL, AttributeValue::N("7".into()))]),
    ])
    .await;
    assert_eq!(
        store.account("wrong-flag").await,
        Err(StoreError::MalformedItem { attribute: MFA_ENROLLED, problem: "is not a BOOL" })
    );
    assert_eq!(
        store.account("wrong-level").await,
        Err(StoreError::MalformedItem { attribute: PASSWORD_SECURITY_LEVEL, problem: "is not 1, 2 or 3" })
    );
}

#[tokio::test]
async fn a_missing_table_is_unavailable() {
    let store = DynamoAccountStore::new(client_for(endpoint()).await, "no-such-table");
    assert_eq!(store.account("user-bare").await, Err(StoreError::Unavailable("the table does not exist".into())));
}

#[tokio::test]
async fn an_unreachable_endpoint_is_unavailable() {
    let port = free_port();
    let store = DynamoAccountStore::new(client_for(&format!("http://127.0.0.1:{port}")).await, "accounts");
    assert_eq!(
        store.account("user-bare").await,
        Err(StoreError::Unavailable("cannot reach the table's endpoint".into()))
    );
}

#[tokio::test]
async fn a_silent_endpoint_times_out_well_within_the_lambda_timeout() {
    let store = DynamoAccountStore::new(client_for(&fake_endpoint(None)).await, "accounts");
    let answer = tokio::time::timeout(Duration::from_secs(10), store.account("user-bare")).await;
    assert_eq!(answer.expect("the store gives up on its own"), Err(StoreError::Timeout));
}

/// Stalled-stream protection is off (its grace period outlasts our timeouts): a body that
/// stops halfway must still end in a timeout.
#[tokio::test]
async fn a_body_that_stalls_halfway_times_out_well_within_the_lambda_timeout() {
    const STALLED: &str = "HTTP/1.1 200 OK\r\n\
        Content-Type: application/x-amz-json-1.0\r\n\
        Content-Length: 200\r\n\r\n\
        {\"Item\":{\"passwordSet\":";
    let store = DynamoAccountStore::new(client_for(&fake_endpoint(Some(STALLED))).await, "accounts");
    let answer = tokio::time::timeout(Duration::from_secs(10), store.account("user-bare")).await;
    assert_eq!(answer.expect("the store gives up on its own"), Err(StoreError::Timeout));
}

#[tokio::test]
async fn throttling_is_reported_as_such() {
    let store = DynamoAccountStore::new(client_for(&fake_endpoint(Some(THROTTLED))).await, "accounts");
    assert_eq!(store.account("user-bare").await, Err(StoreError::Throttled));
}
