//! The project-policies and breached-passwords tables against DynamoDB Local: the real client,
//! real items, one round trip for both, and faults.

mod support;

use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, ScalarAttributeType};
use dynamo_glue::dynamodb_local::{client_for, endpoint, fake_endpoint, fresh_table, THROTTLED};
use dynamo_glue::StoreError;
use fixture_harness::local_service::free_port;
use support::{breach_check, demo_breach_items, demo_corpus, demo_policy_items, service_over, Item};
use weak_password_verification::breach_item::{sha1_of, HASH_PREFIX};
use weak_password_verification::config::OnBreachError;
use weak_password_verification::handle;
use weak_password_verification::policy_item::{BasePolicy, ProjectPolicy, MIN_LENGTH, PROJECT_ID};
use weak_password_verification::tables::{DynamoTables, Tables};

async fn tables_with(items: &[Item]) -> DynamoTables {
    let client = client_for(endpoint()).await;
    let table = fresh_table(&client, "project-policies", PROJECT_ID, ScalarAttributeType::S, items).await;
    DynamoTables::new(client).with_policies(table)
}

async fn tables_at(endpoint: &str) -> DynamoTables {
    DynamoTables::new(client_for(endpoint).await).with_policies("project-policies").with_breach_table("breached")
}

/// Both tables, with the demo policies and the demo corpus.
async fn demo_tables() -> DynamoTables {
    let client = client_for(endpoint()).await;
    let policies =
        fresh_table(&client, "project-policies", PROJECT_ID, ScalarAttributeType::S, &demo_policy_items()).await;
    let breached = fresh_table(&client, "breached", HASH_PREFIX, ScalarAttributeType::S, &demo_breach_items()).await;
    DynamoTables::new(client).with_policies(policies).with_breach_table(breached)
}

#[tokio::test]
async fn every_fixture_gets_its_expected_response_from_dynamodb_local() {
    let service = service_over(demo_tables().await);
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
    let missing = DynamoTables::new(client_for(endpoint()).await).with_policies("no-such-table");
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

#[tokio::test]
async fn finds_every_breached_password_with_its_count_and_no_other() {
    let tables = demo_tables().await;
    for (hash, count) in demo_corpus() {
        assert_eq!(tables.breach_count(&hash).await, Ok(count));
    }
    assert_eq!(tables.breach_count(&sha1_of("plum-Orbit-velvet-93-harbor")).await, Ok(0));
}

#[tokio::test]
async fn policy_and_breach_count_come_back_from_one_batch_get() {
    let tables = demo_tables().await;
    let breached = sha1_of("correct horse battery staple");
    let (policy, count) = tables.policy_and_breach_count("demo-policy-project", &breached).await;
    assert_eq!(policy.unwrap().unwrap().min_length, Some(12));
    assert_eq!(count, Ok(3829));
    let (policy, count) = tables.policy_and_breach_count("no-such-project", &sha1_of("unseen")).await;
    assert_eq!((policy, count), (Ok(None), Ok(0)));
}

#[tokio::test]
async fn breach_table_faults_are_reported_as_such() {
    let hash = sha1_of("anything");
    let client = client_for(endpoint()).await;
    let missing = DynamoTables::new(client).with_breach_table("no-such-table");
    assert_eq!(missing.breach_count(&hash).await, Err(StoreError::Unavailable("the table does not exist".into())));
    let (_, count) = missing.with_policies("no-such-table-either").policy_and_breach_count("p", &hash).await;
    assert_eq!(count, Err(StoreError::Unavailable("the table does not exist".into())));
    let unreachable = tables_at(&format!("http://127.0.0.1:{}", free_port())).await;
    assert_eq!(
        unreachable.breach_count(&hash).await,
        Err(StoreError::Unavailable("cannot reach the table's endpoint".into()))
    );
    let throttled = tables_at(&fake_endpoint(Some(THROTTLED))).await;
    assert_eq!(throttled.policy_and_breach_count("p", &hash).await.1, Err(StoreError::Throttled));
    let silent = tables_at(&fake_endpoint(None)).await;
    let answer = tokio::time::timeout(Duration::from_secs(10), silent.breach_count(&hash)).await;
    assert_eq!(answer.expect("the read gives up on its own"), Err(StoreError::Timeout));
}

/// With the policy cached and the corpus table gone: `open` answers from the offline rules,
/// `closed` answers DDM's 500.
#[tokio::test]
async fn a_failed_breach_check_answers_as_the_operator_chose() {
    let client = client_for(endpoint()).await;
    let policies = fresh_table(&client, "project-policies", PROJECT_ID, ScalarAttributeType::S, &[]).await;
    let tables = DynamoTables::new(client).with_policies(policies).with_breach_table("no-such-table");
    let mut service = service_over(tables);
    let (request, expected) = fixture_harness::fixture("weak-password-verification", "v2-strong-password");
    fixture_harness::matches_expected(&handle(&service, request).await, &expected).unwrap();
    service.breach_check = Some(breach_check(OnBreachError::Closed));
    let (request, _) = fixture_harness::fixture("weak-password-verification", "v2-strong-password");
    let (_, server_failure) = fixture_harness::fixture("weak-password-verification", "v2-project-malformed-policy");
    let response = handle(&service, request).await;
    assert_eq!(response.status(), 500);
    let lambda_http::Body::Text(body) = response.body() else { panic!("a text body") };
    assert_eq!(serde_json::from_str::<serde_json::Value>(body).unwrap(), server_failure["body"]);
}
