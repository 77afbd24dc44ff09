//! Everything that can go wrong with a request, and how each is answered: DDM's own error body
//! (`errCode`/`externalMessage`) for parameter and server errors, Huawei API Gateway's for
//! authentication. DDM bodies also carry `error_code`/`error_msg`, the keys Huawei Cloud's SDKs
//! read, so an SDK user sees `DBS.280001` rather than a bare HTTP status.

use dynamo_glue::StoreError;
use lambda_glue::response::json_response;
use lambda_glue::AuthFailure;
use lambda_http::{Body, Response};
use serde::Serialize;

const PARAMETER_ERROR_CODE: &str = "DBS.280001";
const PARAMETER_ERROR_MESSAGE: &str = "Parameter error.";
const SERVER_FAILURE_CODE: &str = "DBS.200412";
const SERVER_FAILURE_MESSAGE: &str = "Server failure.";
const AUTH_ERROR_CODE: &str = "APIGW.0301";

/// Which parameter is wrong, said in a way that never quotes the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidParameter {
    #[error("project_id must be 1 to 64 letters, digits, '-' or '_'")]
    ProjectId,
    #[error("the body must be at most {} bytes", crate::limits::MAX_BODY_BYTES)]
    BodyTooLarge,
    #[error("the body must be a JSON object")]
    BodyNotJsonObject,
    #[error("password is required")]
    PasswordMissing,
    #[error("password must be a string")]
    PasswordNotString,
    #[error("password must not be empty")]
    PasswordEmpty,
    #[error("password must be at most {} characters", scoring::MAX_PASSWORD_CHARS)]
    PasswordTooLong,
    #[error(
        "user_inputs must be a list of at most {} strings of at most {} characters",
        crate::limits::MAX_USER_INPUTS,
        crate::limits::MAX_USER_INPUT_CHARS
    )]
    UserInputs,
    #[error("detail must be true or false")]
    DetailFlag,
}

/// A request that gets no verdict.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error(transparent)]
    Auth(#[from] AuthFailure),
    #[error("Content-Type must be application/json")]
    UnsupportedMediaType,
    #[error(transparent)]
    InvalidParameter(#[from] InvalidParameter),
    /// The handler panicked (its location is logged).
    #[error("server failure")]
    ServerFailure,
    /// The project's policy cannot be read: answered as a server failure, never with weaker rules.
    #[error("the project's policy cannot be read: {0}")]
    Policy(StoreError),
    /// The breach check failed and `BREACHED_ON_ERROR=closed`: no verdict without it.
    #[error("the breach check failed: {0}")]
    BreachCheck(StoreError),
}

#[derive(Serialize)]
struct DdmErrorBody<'a> {
    #[serde(rename = "errCode")]
    err_code: &'a str,
    #[serde(rename = "externalMessage")]
    external_message: &'a str,
    error_code: &'a str,
    error_msg: String,
}

#[derive(Serialize)]
struct GatewayErrorBody<'a> {
    error_code: &'a str,
    error_msg: String,
    request_id: &'a str,
}

impl RequestError {
    /// The fixed label of this outcome in logs and metrics.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Auth(AuthFailure::Unauthenticated(_)) => "unauthorized",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::InvalidParameter(_) => "bad_request",
            Self::Auth(AuthFailure::Unavailable) | Self::ServerFailure => "server_failure",
            Self::Policy(error) => error.outcome("malformed_policy"),
            Self::BreachCheck(_) => "breach_check_failed",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Self::MethodNotAllowed => 405,
            Self::Auth(AuthFailure::Unauthenticated(_)) => 401,
            Self::UnsupportedMediaType => 415,
            Self::InvalidParameter(_) => 400,
            Self::Auth(AuthFailure::Unavailable) | Self::ServerFailure | Self::Policy(_) | Self::BreachCheck(_) => 500,
        }
    }

    pub fn into_response(self, request_id: &str) -> Response<Body> {
        let status = self.status();
        let request_id_header = ("x-request-id", request_id);
        match self {
            Self::Auth(AuthFailure::Unauthenticated(error)) => {
                let body = GatewayErrorBody {
                    error_code: AUTH_ERROR_CODE,
                    error_msg: format!("Incorrect IAM authentication information: {error}"),
                    request_id,
                };
                json_response(status, &body, &[request_id_header])
            }
            Self::Auth(AuthFailure::Unavailable) | Self::ServerFailure | Self::Policy(_) | Self::BreachCheck(_) => {
                json_response(
                    status,
                    &ddm_body(SERVER_FAILURE_CODE, SERVER_FAILURE_MESSAGE, None),
                    &[request_id_header],
                )
            }
            Self::MethodNotAllowed => {
                let body = ddm_body(PARAMETER_ERROR_CODE, PARAMETER_ERROR_MESSAGE, Some("the method must be POST"));
                json_response(status, &body, &[request_id_header, ("allow", "POST")])
            }
            other => {
                let detail = other.to_string();
                let body = ddm_body(PARAMETER_ERROR_CODE, PARAMETER_ERROR_MESSAGE, Some(&detail));
                json_response(status, &body, &[request_id_header])
            }
        }
    }
}

fn ddm_body<'a>(code: &'a str, message: &'a str, detail: Option<&str>) -> DdmErrorBody<'a> {
    let error_msg = match detail {
        Some(detail) => format!("{}: {detail}.", message.trim_end_matches('.')),
        None => message.to_owned(),
    };
    DdmErrorBody { err_code: code, external_message: message, error_code: code, error_msg }
}
