//! Building JSON responses.

use lambda_http::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use lambda_http::{Body, Response};
use serde::Serialize;

/// A JSON response with the given status and extra headers.
pub fn json_response(status: u16, body: &impl Serialize, headers: &[(&'static str, &str)]) -> Response<Body> {
    // Serialising our own plain structs cannot fail; an empty object is the safe fallback.
    let json = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    let mut response = Response::new(Body::Text(json));
    *response.status_mut() =
        lambda_http::http::StatusCode::from_u16(status).unwrap_or(lambda_http::http::StatusCode::INTERNAL_SERVER_ERROR);
    let response_headers = response.headers_mut();
    response_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            response_headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}
