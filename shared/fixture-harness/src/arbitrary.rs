//! Arbitrary requests, for the handlers' property tests: what a fuzzing client, a broken proxy or
//! an attacker could send. Each is a fixture's event with its method, headers, query string and
//! body replaced, so that it still reaches the handler as API Gateway would deliver it.

use std::collections::BTreeMap;
use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use lambda_http::{Body, Request, Response};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

/// One arbitrary request, and the secrets it may carry, which must never come back.
#[derive(Debug, Clone)]
pub struct ArbitraryRequest {
    pub event: Value,
    pub password: String,
    pub token: String,
}

impl ArbitraryRequest {
    pub fn request(&self) -> Request {
        lambda_http::request::from_str(&self.event.to_string())
            .expect("an arbitrary event is still an API Gateway event")
    }
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "BREW"];
const CONTENT_TYPES: &[&str] =
    &["application/json", "application/json;charset=utf-8", "APPLICATION/JSON ; q=1", "text/plain", "", "json"];

/// JSON of any shape, a few levels deep.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON numbers are finite", |x| x.is_finite()).prop_map(Value::from),
        "\\PC{0,24}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map("\\PC{0,10}", inner, 0..4).prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A body: none, JSON of any shape, a JSON object holding `password` (sometimes with arbitrary
/// `user_inputs`), arbitrary text or arbitrary bytes; each text body also as base64.
fn any_body(password: String) -> impl Strategy<Value = (Option<String>, bool)> {
    let user_inputs = prop_oneof![
        3 => Just(None),
        1 => vec("\\PC{0,12}", 0..3).prop_map(|words| Some(json!(words))),
        1 => any_json().prop_map(Some),
    ];
    let with_password =
        (btree_map("[a-z_]{1,12}", any_json(), 0..3), user_inputs).prop_map(move |(fields, user_inputs)| {
            let mut object: Map<String, Value> = fields.into_iter().collect();
            object.insert("password".into(), Value::from(password.clone()));
            if let Some(user_inputs) = user_inputs {
                object.insert("user_inputs".into(), user_inputs);
            }
            Value::Object(object).to_string().into_bytes()
        });
    let bytes = prop_oneof![
        3 => with_password,
        1 => any_json().prop_map(|json| json.to_string().into_bytes()),
        1 => "\\PC{0,64}".prop_map(String::into_bytes),
        1 => vec(any::<u8>(), 0..64),
    ];
    prop_oneof![
        1 => Just((None, false)),
        8 => (bytes, any::<bool>()).prop_map(|(bytes, encode)| match String::from_utf8(bytes) {
            Ok(text) if !encode => (Some(text), false),
            Ok(text) => (Some(STANDARD.encode(text)), true),
            Err(error) => (Some(STANDARD.encode(error.into_bytes())), true),
        }),
    ]
}

/// Arbitrary requests built on `base`, a fixture event (API Gateway v2) whose `token_header`
/// holds a valid token: that token is sent as it is, after `Bearer `, replaced or left out.
/// Most keep the fixture's method, token and a JSON content type, so that most reach the body.
pub fn arbitrary_requests(base: Value, token_header: &'static str) -> impl Strategy<Value = ArbitraryRequest> {
    let token = base["headers"][token_header].as_str().expect("the base fixture has a token").to_owned();
    // Short ones are weak; the prefix keeps each one distinctive enough to look for.
    let password = "[A-Za-z0-9]{1,20}".prop_map(|random| format!("pw-{random}"));
    let base_method = base["requestContext"]["http"]["method"].as_str().expect("a v2 event").to_owned();
    let method = prop_oneof![
        4 => Just(base_method),
        1 => select(METHODS).prop_map(str::to_owned),
        1 => "[A-Z]{1,8}",
    ];
    let token_value = prop_oneof![
        4 => Just(Some(token.clone())),
        1 => Just(Some(format!("Bearer {token}"))),
        1 => "[ -~]{0,48}".prop_map(Some),
        1 => Just(None),
    ];
    let content_type = prop_oneof![
        4 => Just(Some("application/json".to_owned())),
        2 => select(CONTENT_TYPES).prop_map(|value| Some(value.to_owned())),
        1 => "[ -~]{0,24}".prop_map(Some),
        1 => Just(None),
    ];
    let headers = btree_map("[a-z][a-z0-9-]{0,12}", "[ -~]{0,32}", 0..4);
    let query_value =
        prop_oneof![select(&["true", "false", "1", "0", ""][..]).prop_map(str::to_owned), "[a-zA-Z0-9]{1,8}"];
    let query = btree_map(prop_oneof![Just("detail".to_owned()), "[a-z]{1,8}"], query_value, 0..3);
    (password, method, token_value, content_type, headers, query).prop_flat_map(
        move |(password, method, token_value, content_type, headers, query)| {
            let base = base.clone();
            let token = token.clone();
            any_body(password.clone()).prop_map(move |(body, is_base64)| {
                let mut event = base.clone();
                let mut all_headers: BTreeMap<String, String> = headers.clone();
                if let Some(value) = &token_value {
                    all_headers.insert(token_header.to_owned(), value.clone());
                }
                if let Some(value) = &content_type {
                    all_headers.insert("content-type".to_owned(), value.clone());
                }
                event["headers"] = json!(all_headers);
                event["requestContext"]["http"]["method"] = json!(method);
                let raw_query: Vec<String> = query.iter().map(|(name, value)| format!("{name}={value}")).collect();
                event["rawQueryString"] = json!(raw_query.join("&"));
                event["queryStringParameters"] = if query.is_empty() { Value::Null } else { json!(query) };
                event["body"] = json!(body);
                event["isBase64Encoded"] = json!(is_base64);
                ArbitraryRequest { event, password: password.clone(), token: token.clone() }
            })
        },
    )
}

/// Everything a response shows a client: its headers and its body.
pub fn response_text(response: &Response<Body>) -> String {
    let mut text = format!("{:?}", response.headers());
    match response.body() {
        Body::Text(body) => text.push_str(body),
        Body::Binary(bytes) => text.push_str(&String::from_utf8_lossy(bytes)),
        _ => {}
    }
    text
}

/// The response body as JSON (every answer of both endpoints is JSON).
pub fn json_body(response: &Response<Body>) -> Value {
    match response.body() {
        Body::Text(body) => serde_json::from_str(body).unwrap_or_else(|_| panic!("the body is not JSON: {body}")),
        other => panic!("the body is not text: {other:?}"),
    }
}

/// Runs `future` to completion on this thread and returns its output with every log line it
/// wrote, through the functions' own JSON subscriber at TRACE.
pub fn with_captured_logs<F: Future>(future: F) -> (F::Output, String) {
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);
    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("not poisoned").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = lambda_glue::logging::subscriber("trace", move || writer.clone());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let output = tracing::subscriber::with_default(subscriber, || runtime.block_on(future));
    let logs = String::from_utf8_lossy(&captured.0.lock().expect("not poisoned")).into_owned();
    (output, logs)
}
