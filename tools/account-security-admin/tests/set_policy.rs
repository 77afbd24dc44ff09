//! `account-security-admin set-policy` against DynamoDB Local, run as an operator runs it.

use std::process::{Command, Output};

use aws_sdk_dynamodb::types::ScalarAttributeType;
use dynamo_glue::dynamodb_local::{client_for, endpoint, fresh_table};
use weak_password_verification::policy_item::{BasePolicy, ProjectPolicy, PROJECT_ID};
use weak_password_verification::tables::{DynamoTables, Tables};

fn admin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_account-security-admin"))
        .args(["--endpoint-url", endpoint()])
        .args(args)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "local")
        .env("AWS_SECRET_ACCESS_KEY", "local")
        .output()
        .expect("the admin tool runs")
}

async fn policies_table() -> (DynamoTables, String) {
    let client = client_for(endpoint()).await;
    let table = fresh_table(&client, "project-policies", PROJECT_ID, ScalarAttributeType::S, &[]).await;
    (DynamoTables::new(client).with_policies(&table), table)
}

#[tokio::test]
async fn writes_a_valid_policy_that_the_function_reads_back() {
    let (tables, table) = policies_table().await;
    let words = std::env::temp_dir().join(format!("banned-words-{}.txt", std::process::id()));
    std::fs::write(&words, "# our brands\nfabrikam\n\nnorthwind\n").unwrap();
    let output = admin(&[
        "set-policy",
        "--table",
        &table,
        "--project",
        "tenant-1",
        "--policy",
        "ddm",
        "--min-length",
        "12",
        "--banned-word",
        "contoso",
        "--banned-words-file",
        words.to_str().unwrap(),
        "--breached-min-count",
        "5",
    ]);
    std::fs::remove_file(&words).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected = ProjectPolicy {
        base: Some(BasePolicy::Ddm),
        min_length: Some(12),
        min_score: None,
        banned_words: vec!["contoso".into(), "fabrikam".into(), "northwind".into()],
        breached_min_count: Some(5),
    };
    assert_eq!(tables.policy("tenant-1").await, Ok(Some(expected)));
}

#[tokio::test]
async fn refuses_an_invalid_policy_and_writes_nothing() {
    let (tables, table) = policies_table().await;
    for bad in [["--min-length", "0"], ["--banned-word", "abc"], ["--min-score", "5"], ["--policy", "strict"]] {
        let output = admin(&["set-policy", "--table", &table, "--project", "tenant-2", bad[0], bad[1]]);
        assert!(!output.status.success(), "{bad:?} was accepted");
        assert!(!String::from_utf8_lossy(&output.stderr).is_empty());
    }
    assert_eq!(tables.policy("tenant-2").await, Ok(None));
}

#[test]
fn a_dry_run_prints_the_item_for_aws_put_item() {
    let output = admin(&["set-policy", "--table", "t", "--project", "tenant-3", "--min-length", "12", "--dry-run"]);
    assert!(output.status.success());
    let item: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(item, serde_json::json!({"projectId": {"S": "tenant-3"}, "minLength": {"N": "12"}}));
}
