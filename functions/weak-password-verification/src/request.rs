//! Turning an API Gateway request into a validated verification request.

use lambda_glue::request::{body_bytes, header, query_flag};
use lambda_http::{Request, RequestExt};
use serde_json::Value;

use crate::errors::{InvalidParameter, RequestError};
use crate::limits::{MAX_BODY_BYTES, MAX_PROJECT_ID_CHARS, MAX_USER_INPUTS, MAX_USER_INPUT_CHARS};

/// A well-formed request to verify one password. No `Debug`: it holds the password.
pub struct Verification {
    pub project_id: String,
    pub password: String,
    pub user_inputs: Vec<String>,
    pub detail: bool,
}

impl Verification {
    /// Every context word: the project id and the caller's `user_inputs`.
    pub fn context_words(&self) -> Vec<&str> {
        std::iter::once(self.project_id.as_str()).chain(self.user_inputs.iter().map(String::as_str)).collect()
    }
}

/// Validates everything but the token (which the handler checks first).
pub fn parse(request: &Request) -> Result<Verification, RequestError> {
    if !is_json(header(request, "content-type")) {
        return Err(RequestError::UnsupportedMediaType);
    }
    let project_id = project_id(request).ok_or(InvalidParameter::ProjectId)?;
    let body = body_bytes(request);
    if body.len() > MAX_BODY_BYTES {
        return Err(InvalidParameter::BodyTooLarge.into());
    }
    let Ok(Value::Object(mut fields)) = serde_json::from_slice::<Value>(body) else {
        return Err(InvalidParameter::BodyNotJsonObject.into());
    };
    let password = match fields.remove("password") {
        None | Some(Value::Null) => return Err(InvalidParameter::PasswordMissing.into()),
        Some(Value::String(password)) => password,
        Some(_) => return Err(InvalidParameter::PasswordNotString.into()),
    };
    if password.is_empty() {
        return Err(InvalidParameter::PasswordEmpty.into());
    }
    if password.chars().count() > scoring::MAX_PASSWORD_CHARS {
        return Err(InvalidParameter::PasswordTooLong.into());
    }
    let user_inputs = user_inputs(fields.remove("user_inputs"))?;
    let detail = query_flag(request, "detail").map_err(|_| InvalidParameter::DetailFlag)?;
    Ok(Verification { project_id, password, user_inputs, detail })
}

/// `application/json`, with any parameters (`;charset=utf-8`, as Huawei's SDKs send).
fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case("application/json"))
}

/// The `{project_id}` path parameter, from API Gateway's path parameters or else the path.
fn project_id(request: &Request) -> Option<String> {
    let from_parameters =
        request.path_parameters_ref().and_then(|params| params.first("project_id")).map(str::to_owned);
    let project_id = from_parameters.or_else(|| {
        let segments: Vec<&str> = request.uri().path().split('/').collect();
        match segments.as_slice() {
            [.., "v3", project_id, "weak-password-verification"] => Some((*project_id).to_owned()),
            _ => None,
        }
    })?;
    let well_formed = (1..=MAX_PROJECT_ID_CHARS).contains(&project_id.len())
        && project_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then_some(project_id)
}

fn user_inputs(value: Option<Value>) -> Result<Vec<String>, InvalidParameter> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) if items.len() <= MAX_USER_INPUTS => items,
        Some(_) => return Err(InvalidParameter::UserInputs),
    };
    items
        .into_iter()
        .map(|item| match item {
            Value::String(word) if word.chars().count() <= MAX_USER_INPUT_CHARS => Ok(word),
            _ => Err(InvalidParameter::UserInputs),
        })
        .collect()
}
