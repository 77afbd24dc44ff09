//! Reading what both functions need from an API Gateway request.

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt};

/// A header's value, if present and valid UTF-8 (header names are case-insensitive).
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|value| value.to_str().ok())
}

/// The request body's bytes; API Gateway's base64 bodies arrive already decoded.
pub fn body_bytes(request: &Request) -> &[u8] {
    match request.body() {
        Body::Empty => &[],
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => &[],
    }
}

/// A query flag such as `?detail=true` was given a value other than true/false/1/0.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("query parameter `{0}` must be true or false")]
pub struct InvalidFlag(pub String);

/// Reads an opt-in boolean query parameter; absent means false.
pub fn query_flag(request: &Request, name: &str) -> Result<bool, InvalidFlag> {
    let params = request.query_string_parameters_ref();
    let Some(value) = params.and_then(|params| params.first(name)) else {
        return Ok(false);
    };
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(InvalidFlag(name.to_owned())),
    }
}

/// The id a client can quote: API Gateway's request id, else the Lambda invocation's.
pub fn request_id(request: &Request) -> String {
    let gateway_id = match request.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(context)) => context.request_id.clone(),
        Some(RequestContext::ApiGatewayV1(context)) => context.request_id.clone(),
        _ => None,
    };
    gateway_id
        .or_else(|| request.lambda_context_ref().map(|context| context.request_id.clone()))
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| "-".to_owned())
}
