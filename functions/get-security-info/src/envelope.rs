//! Authing's V3 response envelope, `{statusCode, message, apiCode?, requestId, data}`.
//!
//! Authing's V3 API answers HTTP 200 and reports the outcome in `statusCode`; so do we.

use lambda_glue::response::json_response;
use lambda_glue::AuthError;
use lambda_http::{Body, Response};
use scoring::{security_score, AccountFactors, FactorPoints, NextStep};
use serde::Serialize;

use crate::language::Language;
use crate::store::StoreError;

/// Authing's `GetSecurityInfoDto`, exactly.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SecurityInfo {
    /// 1 LOW, 2 MIDDLE, 3 HIGH; 0 when no password is set or its level was never assessed.
    pub password_security_level: u8,
    pub mfa_enrolled: bool,
    pub password_set: bool,
    pub email_binded: bool,
    pub phone_binded: bool,
    pub security_score: u8,
}

/// The opt-in `?detail=true` extension, beside `data` so `data` keeps the DTO's exact shape.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreDetail {
    pub breakdown: Vec<FactorPoints>,
    pub next_steps: Vec<NextStep>,
}

/// The DTO and, on request, the breakdown behind its score.
pub fn security_info(account: &AccountFactors, detail: bool) -> (SecurityInfo, Option<ScoreDetail>) {
    let score = security_score(account);
    let level = account.password_security_level.filter(|_| account.password_set);
    let info = SecurityInfo {
        password_security_level: level.map_or(0, |level| level.number()),
        mfa_enrolled: account.mfa_enrolled,
        password_set: account.password_set,
        email_binded: account.email_binded,
        phone_binded: account.phone_binded,
        security_score: score.total,
    };
    let detail = detail.then_some(ScoreDetail { breakdown: score.breakdown, next_steps: score.next_steps });
    (info, detail)
}

/// A request that gets no security info.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("invalid parameter")]
    InvalidDetailFlag,
    #[error(transparent)]
    Unauthenticated(AuthError),
    #[error("no account for this user")]
    UserNotFound,
    #[error(transparent)]
    Store(StoreError),
    #[error("token verification is not configured")]
    NotConfigured,
}

impl From<AuthError> for RequestError {
    fn from(error: AuthError) -> Self {
        if error.is_server_fault() {
            tracing::error!(error = %error, "cannot verify tokens");
            Self::NotConfigured
        } else {
            Self::Unauthenticated(error)
        }
    }
}

/// Authing's "system busy, try again later", for every server-side failure.
const API_CODE_SYSTEM_BUSY: u32 = 1000;
const API_CODE_NOT_LOGGED_IN: u32 = 2020;
const API_CODE_USER_NOT_FOUND: u32 = 2004;

impl RequestError {
    /// The fixed label of this outcome in logs and metrics.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::MethodNotAllowed => "method_not_allowed",
            Self::InvalidDetailFlag => "bad_request",
            Self::Unauthenticated(_) => "unauthorized",
            Self::UserNotFound => "not_found",
            Self::Store(StoreError::MalformedItem { .. }) => "malformed_account",
            Self::Store(StoreError::Throttled) => "store_throttled",
            Self::Store(StoreError::Timeout) => "store_timeout",
            Self::Store(StoreError::Unavailable(_)) => "store_unavailable",
            Self::NotConfigured => "misconfigured",
        }
    }

    /// `statusCode` and `apiCode`. Protocol errors without an Authing business code repeat
    /// the status as their `apiCode`.
    fn codes(&self) -> (u16, u32) {
        match self {
            Self::MethodNotAllowed => (405, 405),
            Self::InvalidDetailFlag => (400, 400),
            Self::Unauthenticated(_) => (401, API_CODE_NOT_LOGGED_IN),
            Self::UserNotFound => (404, API_CODE_USER_NOT_FOUND),
            Self::Store(StoreError::Throttled | StoreError::Unavailable(_)) => (503, API_CODE_SYSTEM_BUSY),
            Self::Store(StoreError::Timeout) => (504, API_CODE_SYSTEM_BUSY),
            Self::Store(StoreError::MalformedItem { .. }) | Self::NotConfigured => (500, API_CODE_SYSTEM_BUSY),
        }
    }

    fn message(&self, language: Language) -> String {
        let zh = language == Language::ZhCn;
        match self {
            Self::MethodNotAllowed if zh => "请求方法不允许,请使用 GET".into(),
            Self::MethodNotAllowed => "Method not allowed: use GET".into(),
            Self::InvalidDetailFlag if zh => "参数错误:detail 只能是 true 或 false".into(),
            Self::InvalidDetailFlag => "Invalid parameter: detail must be true or false".into(),
            Self::Unauthenticated(_) if zh => "尚未登录,无权限访问此请求".into(),
            Self::Unauthenticated(error) => format!("Not logged in: {error}"),
            Self::UserNotFound if zh => "用户不存在".into(),
            Self::UserNotFound => "User not found".into(),
            Self::Store(StoreError::MalformedItem { .. }) if zh => "账号安全数据无法读取,请联系管理员".into(),
            Self::Store(StoreError::MalformedItem { .. }) => {
                "The account's security data cannot be read; contact the administrator".into()
            }
            _ if zh => "系统繁忙,请稍后再试".into(),
            _ => "The system is busy; please try again later".into(),
        }
    }
}

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
