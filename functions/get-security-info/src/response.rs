//! Authing's V3 response envelope, `{statusCode, message, apiCode?, requestId, data}`.
//!
//! Authing's V3 API answers HTTP 200 and reports the outcome in `statusCode`; so do we.

use lambda_glue::response::json_response;
use lambda_http::{Body, Response};
use serde::Serialize;

use crate::errors::RequestError;
use crate::language::Language;
use crate::security_info::{ScoreDetail, SecurityInfo};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    status_code: u16,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_code: Option<u32>,
    request_id: &'a str,
    data: Option<&'a SecurityInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a ScoreDetail>,
}

fn success_message(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "操作成功",
        Language::EnUs => "Operation successful",
    }
}

fn content_language(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh-CN",
        Language::EnUs => "en-US",
    }
}

/// HTTP 200 with the security info.
pub fn success(
    info: &SecurityInfo,
    detail: Option<&ScoreDetail>,
    language: Language,
    request_id: &str,
) -> Response<Body> {
    let envelope = Envelope {
        status_code: 200,
        message: success_message(language),
        api_code: None,
        request_id,
        data: Some(info),
        detail,
    };
    respond(200, &envelope, language, request_id)
}

/// The error in Authing's envelope: HTTP 200 (405 for a wrong method, which no SDK sends).
pub fn failure(error: &RequestError, language: Language, request_id: &str) -> Response<Body> {
    let (status_code, api_code) = error.codes();
    let message = error.message(language);
    let envelope =
        Envelope { status_code, message: &message, api_code: Some(api_code), request_id, data: None, detail: None };
    let http_status = if matches!(error, RequestError::MethodNotAllowed) { 405 } else { 200 };
    let mut response = respond(http_status, &envelope, language, request_id);
    if http_status == 405 {
        response.headers_mut().insert("allow", lambda_http::http::HeaderValue::from_static("GET"));
    }
    response
}

fn respond(http_status: u16, envelope: &Envelope, language: Language, request_id: &str) -> Response<Body> {
    json_response(
        http_status,
        envelope,
        &[("content-language", content_language(language)), ("x-request-id", request_id)],
    )
}
