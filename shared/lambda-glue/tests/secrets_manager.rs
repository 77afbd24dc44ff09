//! The HS256 key read from Secrets Manager (`AUTH_JWT_SECRET_ARN`), against moto's server: the
//! one `MOTO_ENDPOINT` names (the test command starts it), else one this test binary starts with
//! `scripts/moto-server.sh` (which stops it when the test process exits).

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_sdk_secretsmanager::config::{Credentials, Region};
use aws_sdk_secretsmanager::primitives::Blob;
use aws_sdk_secretsmanager::Client;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use lambda_glue::{AuthSettings, Identity, TokenVerifier};
use serde_json::json;

const SECRET: &str = "a-key-of-at-least-32-bytes-kept-in-secrets-manager";

/// The run's moto server, started on first use.
fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| match std::env::var("MOTO_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => endpoint,
        _ => start_moto(),
    })
}

fn start_moto() -> String {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/moto-server.sh");
    static STARTED: OnceLock<Child> = OnceLock::new();
    let child = Command::new("bash")
        .arg(script)
        .arg(port.to_string())
        .env("MOTO_PARENT_PID", std::process::id().to_string())
        .spawn()
        .expect("scripts/moto-server.sh starts (needs Python 3.11)");
    let _ = STARTED.set(child);
    // The first run installs the Python tools, which takes longer than a start.
    let deadline = Instant::now() + Duration::from_secs(900);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto_server did not start on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    format!("http://127.0.0.1:{port}")
}

async fn client() -> Client {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("local", "local", None, None, "tests"))
        .load()
        .await;
    Client::new(&config)
}

/// A new secret holding `value`, named uniquely; its ARN.
async fn secret_holding(client: &Client, value: Result<&str, &[u8]>) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!("token-key-{}-{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let request = client.create_secret().name(name);
    let request = match value {
        Ok(text) => request.secret_string(text),
        Err(bytes) => request.secret_binary(Blob::new(bytes)),
    };
    request.send().await.expect("moto creates the secret").arn().expect("a new secret has an ARN").to_owned()
}

fn settings_for(arn: String) -> AuthSettings {
    AuthSettings { jwt_secret_arn: Some(arn), ..AuthSettings::default() }
}

fn token_signed_with(key: &[u8]) -> String {
    let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 600;
    encode(&Header::new(Algorithm::HS256), &json!({"sub": "user-1", "exp": exp}), &EncodingKey::from_secret(key))
        .unwrap()
}

#[tokio::test]
async fn the_hs256_key_is_read_from_secrets_manager() {
    let client = client().await;
    let binary_key = [7u8; 48];
    for (value, key) in [(Ok(SECRET), SECRET.as_bytes()), (Err(&binary_key[..]), &binary_key[..])] {
        let settings = settings_for(secret_holding(&client, value).await).with_secret_from(&client).await.unwrap();
        assert!(!format!("{settings:?}").contains(SECRET), "{settings:?}");
        let verifier = TokenVerifier::new(settings).unwrap();
        assert_eq!(verifier.verify(&token_signed_with(key)).await, Ok(Identity { subject: "user-1".into() }));
        assert!(verifier.verify(&token_signed_with(b"another-key-of-at-least-32-bytes!!")).await.is_err());
    }
}

#[tokio::test]
async fn a_secret_that_cannot_be_read_or_used_stops_init() {
    let client = client().await;
    let missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:no-such-secret-AbCdEf".to_owned();
    let error = settings_for(missing).with_secret_from(&client).await.unwrap_err();
    assert!(error.to_string().contains("cannot read the secret AUTH_JWT_SECRET_ARN names"), "{error}");

    let short = secret_holding(&client, Ok("too-short")).await;
    let settings = settings_for(short).with_secret_from(&client).await.unwrap();
    let error = TokenVerifier::new(settings).err().expect("a short key is refused");
    assert!(error.to_string().contains("at least 32 bytes"), "{error}");

    let both =
        AuthSettings { jwt_secret: Some(SECRET.into()), ..settings_for(secret_holding(&client, Ok(SECRET)).await) };
    let error = both.with_secret_from(&client).await.unwrap_err();
    assert!(error.to_string().contains("only one"), "{error}");
}
