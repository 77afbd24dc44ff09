//! Every way a request can fail, with the `statusCode`, `apiCode` and translated `message`
//! Authing answers it with.

use lambda_glue::AuthFailure;

use crate::language::Language;
use crate::store::StoreError;

/// A request that gets no security info.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("invalid parameter")]
    InvalidDetailFlag,
    #[error(transparent)]
    Auth(#[from] AuthFailure),
    #[error("no account for this user")]
    UserNotFound,
    #[error(transparent)]
    Store(StoreError),
    /// The handler panicked (its location is logged).
    #[error("server failure")]
    ServerFailure,
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
            Self::Auth(AuthFailure::Unauthenticated(_)) => "unauthorized",
            Self::UserNotFound => "not_found",
            Self::Store(error) => error.outcome("malformed_account"),
            Self::Auth(AuthFailure::Unavailable) => "auth_unavailable",
            Self::ServerFailure => "server_failure",
        }
    }

    /// `statusCode` and `apiCode`. Protocol errors without an Authing business code repeat
    /// the status as their `apiCode`.
    pub fn codes(&self) -> (u16, u32) {
        match self {
            Self::MethodNotAllowed => (405, 405),
            Self::InvalidDetailFlag => (400, 400),
            Self::Auth(AuthFailure::Unauthenticated(_)) => (401, API_CODE_NOT_LOGGED_IN),
            Self::UserNotFound => (404, API_CODE_USER_NOT_FOUND),
            Self::Store(StoreError::Throttled | StoreError::Unavailable(_)) | Self::Auth(AuthFailure::Unavailable) => {
                (503, API_CODE_SYSTEM_BUSY)
            }
            Self::Store(StoreError::Timeout) => (504, API_CODE_SYSTEM_BUSY),
            Self::Store(StoreError::MalformedItem { .. }) | Self::ServerFailure => (500, API_CODE_SYSTEM_BUSY),
        }
    }

    pub fn message(&self, language: Language) -> String {
        let zh = language == Language::ZhCn;
        match self {
            Self::MethodNotAllowed if zh => "请求方法不允许,请使用 GET".into(),
            Self::MethodNotAllowed => "Method not allowed: use GET".into(),
            Self::InvalidDetailFlag if zh => "参数错误:detail 只能是 true 或 false".into(),
            Self::InvalidDetailFlag => "Invalid parameter: detail must be true or false".into(),
            Self::Auth(AuthFailure::Unauthenticated(_)) if zh => "尚未登录,无权限访问此请求".into(),
            Self::Auth(AuthFailure::Unauthenticated(error)) => format!("Not logged in: {error}"),
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
