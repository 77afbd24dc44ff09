//! Test support: a JWKS endpoint, and moto's server, a local Secrets Manager: the one
//! `MOTO_ENDPOINT` names (the test command starts it), else one this test binary starts with
//! `scripts/moto-server.sh` (which stops it when the test process exits).

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_sdk_secretsmanager::config::{Credentials, Region};
use aws_sdk_secretsmanager::primitives::Blob;
use aws_sdk_secretsmanager::Client;
use fixture_harness::local_service;

/// The run's moto server, started on first use.
pub fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| match std::env::var("MOTO_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => endpoint,
        _ => start_moto(),
    })
}

fn start_moto() -> String {
    // The first run installs the Python tools, which takes longer than a start.
    local_service::start("moto-server.sh", "MOTO_PARENT_PID", "Python 3.11", Duration::from_secs(900))
}

pub async fn client() -> Client {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("local", "local", None, None, "tests"))
        .load()
        .await;
    Client::new(&config)
}

/// A new secret holding `value`, named uniquely; its ARN.
pub async fn secret_holding(client: &Client, value: Result<&str, &[u8]>) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!("token-key-{}-{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let request = client.create_secret().name(name);
    let request = match value {
        Ok(text) => request.secret_string(text),
        Err(bytes) => request.secret_binary(Blob::new(bytes)),
    };
    request.send().await.expect("moto creates the secret").arn().expect("a new secret has an ARN").to_owned()
}

/// A JWKS endpoint whose key set a test can swap, counting fetches.
pub struct JwksServer {
    pub url: String,
    pub keys: Arc<Mutex<serde_json::Value>>,
    pub fetches: Arc<AtomicUsize>,
}

impl JwksServer {
    pub fn start(keys: serde_json::Value) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/.well-known/jwks.json", listener.local_addr().unwrap());
        let keys = Arc::new(Mutex::new(keys));
        let fetches = Arc::new(AtomicUsize::new(0));
        let (served, counted) = (keys.clone(), fetches.clone());
        std::thread::spawn(move || {
            for mut connection in listener.incoming().flatten() {
                let mut request = [0u8; 4096];
                let _ = connection.read(&mut request);
                counted.fetch_add(1, Ordering::SeqCst);
                // A null key set stands for an identity provider that is down.
                // A string stands for a redirect to that URL.
                let keys = served.lock().unwrap().clone();
                let (status, location, body) = match &keys {
                    serde_json::Value::Null => ("503 Service Unavailable", String::new(), String::new()),
                    serde_json::Value::String(url) => ("302 Found", format!("Location: {url}\r\n"), String::new()),
                    _ => ("200 OK", String::new(), keys.to_string()),
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\n{location}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = connection.write_all(response.as_bytes());
            }
        });
        Self { url, keys, fetches }
    }
}
