//! Any request through the real handler: the answer is always Authing's V3 envelope, never a
//! panic, and it never shows the token, nor does the log.

mod support;

use fixture_harness::arbitrary::{arbitrary_requests, json_body, response_text, with_captured_logs, ArbitraryRequest};
use get_security_info::{handle, Service};
use proptest::prelude::*;
use support::{demo_items, InMemoryAccountStore};

fn requests() -> impl Strategy<Value = ArbitraryRequest> {
    arbitrary_requests(fixture_harness::fixture_event("get-security-info", "v2-bare-account"), "authorization")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_request_gets_an_authing_envelope_that_keeps_its_secrets(arbitrary in requests()) {
        let service = Service {
            store: InMemoryAccountStore::new(demo_items()),
            verifier: fixture_harness::local_verifier(),
        };
        let (response, logs) = with_captured_logs(handle(&service, arbitrary.request()));
        let body = json_body(&response);
        let status_code = body["statusCode"].as_u64();
        match response.status().as_u16() {
            405 => prop_assert_eq!(status_code, Some(405)),
            200 => prop_assert!(matches!(status_code, Some(200 | 400 | 401)), "{body}"),
            other => prop_assert!(false, "HTTP {other}: {body}"),
        }
        prop_assert!(body["message"].is_string() && body["requestId"].is_string(), "{body}");
        if status_code == Some(200) {
            prop_assert!(body["data"]["securityScore"].is_u64(), "{body}");
        } else {
            prop_assert!(body["data"].is_null() && body["apiCode"].is_u64(), "{body}");
        }
        let shown = response_text(&response);
        prop_assert!(!shown.contains(&arbitrary.token), "the response shows the token: {shown}");
        prop_assert!(!logs.contains(&arbitrary.token), "the log shows the token: {logs}");
        prop_assert!(!logs.contains(&arbitrary.password), "the log shows a password: {logs}");
    }
}
