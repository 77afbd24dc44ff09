//! Test support shared by both functions' fixture tests.
//!
//! Every `events/<function>/*.json` is an API Gateway event; `expected-responses.json` beside
//! them holds, per fixture, the response a client must get: status, the headers that matter
//! and the whole body. The same file drives the end-to-end run against the release binaries.
//! [`arbitrary`] makes arbitrary requests from a fixture, for the handlers' property tests.

pub mod arbitrary;
pub mod local_service;

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};

use lambda_glue::{AuthSettings, TokenVerifier};
use lambda_http::{Body, Request, Response};
use serde_json::Value;

/// The workspace root (this crate lives in `shared/fixture-harness`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root exists")
}

/// `scripts/local.env`: the local development settings that signed the fixtures' tokens.
pub fn local_env() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(workspace_root().join("scripts/local.env")).expect("scripts/local.env exists");
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// Token settings matching the fixtures' tokens.
pub fn local_auth_settings() -> AuthSettings {
    let env = local_env();
    AuthSettings {
        jwt_secret: env.get("AUTH_JWT_SECRET").map(|secret| secret.as_str().into()),
        issuer: env.get("AUTH_ISSUER").cloned(),
        audience: env.get("AUTH_AUDIENCE").cloned(),
        ..AuthSettings::default()
    }
}

/// The fixture `events/<function>/<name>.json`, as JSON.
pub fn fixture_event(function: &str, name: &str) -> Value {
    let path = workspace_root().join("events").join(function).join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture exists")).expect("a fixture is JSON")
}

/// The verifier of the fixtures' tokens.
pub fn local_verifier() -> TokenVerifier {
    TokenVerifier::new(local_auth_settings()).expect("the local settings are valid")
}

/// Parses an API Gateway event (v1 or v2) as Lambda would deliver it.
fn request_from_event(event: &str) -> Request {
    lambda_http::request::from_str(event).expect("a fixture is an API Gateway event")
}

/// The fixture `events/<function>/<name>.json` with its header `name` (in the event's own
/// spelling) set to `value`: a variation on a fixture, for the cases no fixture covers.
pub fn fixture_with_header(function: &str, fixture: &str, header: &str, value: &str) -> Request {
    let mut event = fixture_event(function, fixture);
    event["headers"][header] = Value::from(value);
    request_from_event(&event.to_string())
}

/// A token signed with the local development key, whose claims are the local issuer and
/// audience, subject `sub` and no expiry before 2100, with `changes` applied (`null` removes
/// a claim).
pub fn local_token(sub: &str, changes: Value) -> String {
    let env = local_env();
    let mut claims =
        serde_json::json!({"sub": sub, "iss": env["AUTH_ISSUER"], "aud": env["AUTH_AUDIENCE"], "exp": 4102444800u64});
    for (name, value) in changes.as_object().expect("changes are an object") {
        match value {
            Value::Null => claims.as_object_mut().expect("claims are an object").remove(name),
            value => claims.as_object_mut().expect("claims are an object").insert(name.clone(), value.clone()),
        };
    }
    let key = jsonwebtoken::EncodingKey::from_secret(env["AUTH_JWT_SECRET"].as_bytes());
    jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &key).expect("a token is signed")
}

/// Claim changes for [`local_token`] that leave out or spoil the configured issuer or
/// audience, each with the reason the 401 gives: both functions must refuse them all.
pub fn required_claim_cases() -> Vec<(Value, &'static str)> {
    use serde_json::json;
    vec![
        (json!({"iss": null}), "the token has no issuer"),
        (json!({"iss": 42}), "the token's issuer is not accepted"),
        (json!({"iss": "https://elsewhere.example"}), "the token's issuer is not accepted"),
        (json!({"aud": null}), "the token has no audience"),
        (json!({"aud": {"x": 1}}), "the token's audience is not accepted"),
        (json!({"aud": ["another-app"]}), "the token's audience is not accepted"),
    ]
}

/// A verifier whose JWKS cannot be fetched (nothing listens at its loopback port), so it holds
/// no usable key: every token is a server fault, not the caller's.
pub fn verifier_without_usable_key() -> TokenVerifier {
    let port = local_service::free_port();
    TokenVerifier::new(AuthSettings {
        jwks_url: Some(format!("http://127.0.0.1:{port}/jwks.json")),
        audience: Some("account-security".into()),
        ..AuthSettings::default()
    })
    .expect("a loopback JWKS URL with an audience is a valid setting")
}

/// Runs every fixture of `function` through `handle` and checks each response against
/// `expected-responses.json`; fails if a fixture has no expectation or the reverse.
pub async fn check_all_fixtures<F, Fut>(function: &str, handle: F)
where
    F: Fn(Request) -> Fut,
    Fut: Future<Output = Response<Body>>,
{
    let directory = workspace_root().join("events").join(function);
    let expected = expected_responses(&directory);
    let fixtures = fixture_names(&directory);
    assert_eq!(
        fixtures.iter().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "every fixture needs an expected response, and every expected response a fixture"
    );
    let mut failures = Vec::new();
    for name in fixtures {
        let event = std::fs::read_to_string(directory.join(format!("{name}.json"))).expect("fixture is readable");
        let response = handle(request_from_event(&event)).await;
        if let Err(problem) = matches_expected(&response, &expected[&name]) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{} fixture(s) answered wrongly:\n{}", failures.len(), failures.join("\n"));
}

/// One fixture of `function` as a request, and the response `expected-responses.json` gives it
/// (for tests that run a fixture under other conditions, e.g. a table that is down).
pub fn fixture(function: &str, name: &str) -> (Request, Value) {
    let directory = workspace_root().join("events").join(function);
    let event = std::fs::read_to_string(directory.join(format!("{name}.json"))).expect("fixture is readable");
    let expected = expected_responses(&directory).remove(name).expect("the fixture has an expected response");
    (request_from_event(&event), expected)
}

/// The fixture names (file stems) in a directory, sorted.
fn fixture_names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .expect("the fixture directory exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|file| file.ends_with(".json") && file != "expected-responses.json")
        .map(|file| file.trim_end_matches(".json").to_owned())
        .collect();
    names.sort();
    names
}

fn expected_responses(directory: &Path) -> BTreeMap<String, Value> {
    let text =
        std::fs::read_to_string(directory.join("expected-responses.json")).expect("expected-responses.json exists");
    serde_json::from_str(&text).expect("expected-responses.json is a JSON object")
}

/// Compares status, each expected header and the whole JSON body.
pub fn matches_expected(response: &Response<Body>, expected: &Value) -> Result<(), String> {
    let status = response.status().as_u16();
    if Some(u64::from(status)) != expected["statusCode"].as_u64() {
        return Err(format!("status {status}, expected {}", expected["statusCode"]));
    }
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let actual = response.headers().get(name).and_then(|actual| actual.to_str().ok());
        if actual != value.as_str() {
            return Err(format!("header {name}: {actual:?}, expected {value}"));
        }
    }
    let body: Value = match response.body() {
        Body::Text(text) => serde_json::from_str(text).map_err(|error| format!("body is not JSON: {error}"))?,
        other => return Err(format!("body is not text: {other:?}")),
    };
    if body != expected["body"] {
        return Err(format!("body {body}, expected {}", expected["body"]));
    }
    Ok(())
}
