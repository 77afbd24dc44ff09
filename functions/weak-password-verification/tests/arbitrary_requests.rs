//! Any request through the real handler: the answer is always DDM's (or, for the token, Huawei
//! API Gateway's) status and error format, never a panic, and it never shows the password or
//! the token, nor does the log.

mod support;

use fixture_harness::arbitrary::{arbitrary_requests, json_body, response_text, with_captured_logs, ArbitraryRequest};
use proptest::prelude::*;
use serde_json::Value;
use support::{service_over, InMemoryTables};
use weak_password_verification::handle;

fn requests() -> impl Strategy<Value = ArbitraryRequest> {
    arbitrary_requests(fixture_harness::fixture_event("weak-password-verification", "v2-detail"), "x-auth-token")
}

fn check_format(status: u16, body: &Value) -> Result<(), TestCaseError> {
    match status {
        200 => prop_assert!(body["is_weak_password"].is_boolean(), "{body}"),
        401 => {
            prop_assert_eq!(&body["error_code"], "APIGW.0301");
            prop_assert!(body["error_msg"].is_string() && body["request_id"].is_string(), "{body}");
        }
        400 | 405 | 415 => {
            prop_assert_eq!(&body["errCode"], "DBS.280001");
            prop_assert_eq!(&body["error_code"], "DBS.280001");
            prop_assert_eq!(&body["externalMessage"], "Parameter error.");
            prop_assert!(body["error_msg"].is_string(), "{body}");
        }
        other => prop_assert!(false, "status {other}: {body}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_request_gets_a_ddm_answer_that_keeps_its_secrets(arbitrary in requests()) {
        // Both tables on (the demo policies and corpus, in memory): every path a request can take.
        let service = service_over(InMemoryTables::demo());
        let (response, logs) = with_captured_logs(handle(&service, arbitrary.request()));
        check_format(response.status().as_u16(), &json_body(&response))?;
        prop_assert!(response.headers().contains_key("x-request-id"));
        let shown = response_text(&response);
        for secret in [&arbitrary.password, &arbitrary.token] {
            prop_assert!(!shown.contains(secret.as_str()), "the response shows a secret: {shown}");
            prop_assert!(!logs.contains(secret.as_str()), "the log shows a secret: {logs}");
        }
    }
}
