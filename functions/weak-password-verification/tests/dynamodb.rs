//! The project-policies table against DynamoDB Local: the real client, real items, and faults.

mod support;

use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, ScalarAttributeType};
use dynamo_glue::dynamodb_local::{client_for, endpoint, fake_endpoint, free_port, fresh_table, THROTTLED};
use dynamo_glue::StoreError;
use support::{demo_policy_items, service_over, Item};
use weak_password_verification::handle;
use weak_password_verification::policy_item::{BasePolicy, ProjectPolicy, MIN_LENGTH, PROJECT_ID};
use weak_password_verification::tables::{DynamoTables, Tables};

async fn tables_with(items: &[Item]) -> DynamoTables {
    let client = client_for(endpoint()).await;
    let table = fresh_table(&client, "project-policies", PROJECT_ID, ScalarAttributeType::S, items).await;
    DynamoTables::new(client, table)
}

async fn tables_at(endpoint: &str) -> DynamoTables {
    DynamoTables::new(client_for(endpoint).await, "project-policies")
}

#[tokio::test]
async fn every_fixture_gets_its_expected_response_from_dynamodb_local() {
    let service = service_over(tables_with(&demo_policy_items()).await);
    fixture_harness::check_all_fixtures("weak-password-verification", |request| handle(&service, request)).await;
}

#[tokio::test]
async fn reads_a_policy_and_reports_projects_without_one() {
    let tables = tables_with(&demo_policy_items()).await;
    let demo = ProjectPolicy {
        base: Some(BasePolicy::Nist),
        min_length: Some(12),
        banned_words: vec!["contoso".into(), "fabrikam".into()],
        ..ProjectPolicy::default()
    };
    assert_eq!(tables.policy("demo-policy-project").await, Ok(Some(demo)));
    assert_eq!(tables.policy("no-such-project").await, Ok(None));
}

#[tokio::test]
async fn a_policy_written_as_the_admin_tool_writes_it_reads_back() {
    let policy = ProjectPolicy {
        base: Some(BasePolicy::Ddm),
        min_score: Some(4),
        banned_words: vec!["northwind".into()],
        breached_min_count: Some(3),
        ..ProjectPolicy::default()
    };
    let tables = tables_with(&[policy.to_item("written")]).await;
    assert_eq!(tables.policy("written").await, Ok(Some(policy)));
}

#[tokio::test]
async fn a_malformed_item_names_its_attribute() {
    let malformed: Item = [
        (PROJECT_ID.to_owned(), AttributeValue::S("p".into())),
        (MIN_LENGTH.to_owned(), AttributeValue::N("0".into())),
    ]
    .into();
    let tables = tables_with(&[malformed]).await;
    assert!(matches!(tables.policy("p").await, Err(StoreError::MalformedItem { attribute: MIN_LENGTH, .. })));
}

#[tokio::test]
async fn table_faults_are_reported_as_such() {
    let missing = DynamoTables::new(client_for(endpoint()).await, "no-such-table");
    assert_eq!(missing.policy("p").await, Err(StoreError::Unavailable("the table does not exist".into())));
    let unreachable = tables_at(&format!("http://127.0.0.1:{}", free_port())).await;
    assert_eq!(unreachable.policy("p").await, Err(StoreError::Unavailable("cannot reach the table's endpoint".into())));
    assert_eq!(tables_at(&fake_endpoint(Some(THROTTLED))).await.policy("p").await, Err(StoreError::Throttled));
    let silent = tables_at(&fake_endpoint(None)).await;
    let answer = tokio::time::timeout(Duration::from_secs(10), silent.policy("p")).await;
    assert_eq!(answer.expect("the read gives up on its own"), Err(StoreError::Timeout));
}

/// A policy that cannot be read never weakens the rules: the request fails with DDM's 500,
/// exactly as for a malformed item.
#[tokio::test]
async fn an_unreachable_table_answers_a_server_failure() {
    let service = service_over(tables_at(&format!("http://127.0.0.1:{}", free_port())).await);
    let (request, expected) = fixture_harness::fixture("weak-password-verification", "v2-project-malformed-policy");
    fixture_harness::matches_expected(&handle(&service, request).await, &expected).unwrap();
}
