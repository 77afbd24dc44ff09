//! The breach check through the handler, with in-memory tables and with a Pwned Passwords
//! range API of our own: verdicts, reads per request, and what a failed check answers.

mod support;

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use dynamo_glue::dynamodb_local::fake_endpoint;
use dynamo_glue::StoreError;
use lambda_http::{Body, Request};
use serde_json::{json, Value};
use support::range_server::RangeServer;
use support::{breach_check, demo_policy_items, service_over, InMemoryTables};
use weak_password_verification::breach_item::sha1_of;
use weak_password_verification::config::OnBreachError;
use weak_password_verification::policy_item::ProjectPolicy;
use weak_password_verification::range_api::RangeApi;
use weak_password_verification::tables::{NoTables, Tables, WithRangeApi};
use weak_password_verification::{handle, Service};

/// A fixture's request with another password, project or `detail`.
fn request(project: &str, password: &str, detail: bool) -> Request {
    use lambda_http::RequestExt;
    let (template, _) = fixture_harness::fixture("weak-password-verification", "v2-strong-password");
    let (mut parts, _) = template.into_parts();
    parts.uri = format!("/v3/{project}/weak-password-verification").parse().unwrap();
    let body = Body::Text(json!({ "password": password }).to_string());
    let request = Request::from_parts(parts, body)
        .with_path_parameters(HashMap::from([("project_id".to_owned(), project.to_owned())]));
    match detail {
        true => request.with_query_string_parameters(HashMap::from([("detail".to_owned(), "true".to_owned())])),
        false => request,
    }
}

async fn answer<T: Tables + Sync>(service: &Service<T>, project: &str, password: &str, detail: bool) -> (u16, Value) {
    let response = handle(service, request(project, password, detail)).await;
    let Body::Text(body) = response.body() else { panic!("a text body") };
    (response.status().as_u16(), serde_json::from_str(body).unwrap())
}

const PROJECT: &str = "0123456789abcdef0123456789abcdef";

#[tokio::test]
async fn a_breached_password_is_weak_however_strong_it_looks() {
    let service = service_over(InMemoryTables::demo());
    let (_, plain) = answer(&service, PROJECT, "correct horse battery staple", false).await;
    assert_eq!(plain, json!({"is_weak_password": true}));
    let (_, detail) = answer(&service, PROJECT, "correct horse battery staple", true).await;
    assert_eq!((detail["reasons"].clone(), detail["breach_count"].clone()), (json!(["breached"]), json!(3829)));
    let (_, unseen) = answer(&service, PROJECT, "plum-Orbit-velvet-93-harbor", true).await;
    assert_eq!((unseen["is_weak_password"].clone(), unseen["breach_count"].clone()), (json!(false), json!(0)));
}

#[tokio::test]
async fn at_most_one_round_trip_per_request_and_none_when_the_rules_already_decide() {
    let service = service_over(InMemoryTables::demo());
    answer(&service, PROJECT, "plum-Orbit-velvet-93-harbor", false).await;
    assert_eq!(service.tables.round_trips(), 1, "policy and breach item in one batch");
    answer(&service, PROJECT, "plum-Orbit-velvet-93-harbor", false).await;
    assert_eq!(service.tables.round_trips(), 2, "policy cached: the breach item alone");
    answer(&service, PROJECT, "P@ssw0rd2024!", false).await;
    assert_eq!(service.tables.round_trips(), 2, "already weak: no read");
    answer(&service, PROJECT, "P@ssw0rd2024!", true).await;
    assert_eq!(service.tables.round_trips(), 3, "detail reports the count, so it reads");
}

#[tokio::test]
async fn a_project_may_set_its_own_threshold() {
    let tolerant = ProjectPolicy { breached_min_count: Some(5000), ..ProjectPolicy::default() }.to_item("tolerant");
    let mut items = demo_policy_items();
    items.push(tolerant);
    let service = service_over(InMemoryTables::with(items, support::demo_corpus()));
    // Seen 3,829 times: weak under the deployment's threshold (1), not under the project's (5,000).
    let password = "correct horse battery staple";
    assert_eq!(answer(&service, PROJECT, password, false).await.1, json!({"is_weak_password": true}));
    assert_eq!(answer(&service, "tolerant", password, false).await.1, json!({"is_weak_password": false}));
}

#[tokio::test]
async fn a_failed_check_answers_offline_when_open_and_500_when_closed() {
    let mut tables = InMemoryTables::demo();
    tables.breach_fault = Some(StoreError::Timeout);
    let mut service = service_over(tables);
    let (status, body) = answer(&service, PROJECT, "correct horse battery staple", true).await;
    assert_eq!((status, body["is_weak_password"].clone(), body.get("breach_count")), (200, json!(false), None));
    service.breach_check = Some(breach_check(OnBreachError::Closed));
    let (status, body) = answer(&service, PROJECT, "correct horse battery staple", false).await;
    assert_eq!((status, body["errCode"].clone()), (500, json!("DBS.200412")));
}

fn range_api_service(api: RangeApi) -> Service<WithRangeApi<NoTables>> {
    let mut service = service_over(WithRangeApi { tables: NoTables, api });
    service.policy_cache = None;
    service
}

/// The demo corpus and 5,000 generated hashes, in Pwned Passwords' download format.
fn corpus_file() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("range-corpus-{}.txt", std::process::id()));
    let mut lines: Vec<String> = (0..5000)
        .map(|n| {
            let hash = sha1_of(&format!("generated-{n}"));
            format!("{}:{}", hash.iter().map(|b| format!("{b:02X}")).collect::<String>(), n + 1)
        })
        .collect();
    lines.extend(
        std::fs::read_to_string(fixture_harness::workspace_root().join("scripts/demo-breached.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned),
    );
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[tokio::test]
async fn the_range_api_gives_the_same_counts_and_learns_only_a_prefix() {
    let server = RangeServer::start(&corpus_file());
    let api = RangeApi::new(&server.base);
    for n in [0u64, 17, 4999] {
        assert_eq!(api.breach_count(&sha1_of(&format!("generated-{n}"))).await, Ok(n + 1));
    }
    assert_eq!(api.breach_count(&sha1_of("never-breached-9f3a")).await, Ok(0));
    let service = range_api_service(api);
    let (_, detail) = answer(&service, PROJECT, "correct horse battery staple", true).await;
    assert_eq!((detail["reasons"].clone(), detail["breach_count"].clone()), (json!(["breached"]), json!(3829)));
    assert_eq!(server.unpadded_requests.load(Ordering::Relaxed), 0, "every request asks for padding");
}

#[tokio::test]
async fn range_api_faults_are_reported_as_such() {
    let hash = sha1_of("anything");
    let silent = RangeApi::with_timeout(&fake_endpoint(None), Duration::from_millis(300));
    assert_eq!(silent.breach_count(&hash).await, Err(StoreError::Timeout));
    let down = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let failing = RangeApi::new(&fake_endpoint(Some(down)));
    assert_eq!(failing.breach_count(&hash).await, Err(StoreError::Unavailable("the range API answered 503".into())));
    let unreachable = RangeApi::new(&format!("http://127.0.0.1:{}", fixture_harness::local_service::free_port()));
    assert_eq!(
        unreachable.breach_count(&hash).await,
        Err(StoreError::Unavailable("cannot reach the range API".into()))
    );
}
