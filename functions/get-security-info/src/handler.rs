//! `GET /api/v3/get-security-info`.

use lambda_glue::logging::logged;
use lambda_glue::request::{header, query_flag, request_id};
use lambda_glue::TokenVerifier;
use lambda_http::http::Method;
use lambda_http::{Body, Request, Response};

use crate::errors::RequestError;
use crate::language::negotiate;
use crate::response::{failure, success};
use crate::security_info::{security_info, ScoreDetail, SecurityInfo};
use crate::store::AccountStore;

/// The function's name in logs and metrics.
pub const FUNCTION_NAME: &str = "get-security-info";

/// What the handler needs, built once at init.
pub struct Service<S> {
    pub store: S,
    pub verifier: TokenVerifier,
}

/// Answers one request; every failure becomes an Authing envelope.
pub async fn handle<S: AccountStore>(service: &Service<S>, request: Request) -> Response<Body> {
    let request_id = request_id(&request);
    let language = negotiate(&request);
    let answer = async {
        match security_info_for(service, &request).await {
            Ok((info, detail)) => ("ok", success(&info, detail.as_ref(), language, &request_id)),
            Err(error) => {
                if let RequestError::Store(store_error) = &error {
                    tracing::warn!(request_id = %request_id, error = %store_error, "account store failed");
                }
                (error.outcome(), failure(&error, language, &request_id))
            }
        }
    };
    let on_panic = || failure(&RequestError::ServerFailure, language, &request_id);
    logged(FUNCTION_NAME, &request_id, answer, on_panic).await
}

async fn security_info_for<S: AccountStore>(
    service: &Service<S>,
    request: &Request,
) -> Result<(SecurityInfo, Option<ScoreDetail>), RequestError> {
    if request.method() != Method::GET {
        return Err(RequestError::MethodNotAllowed);
    }
    let identity = service.verifier.authenticate(request, access_token(request)).await?;
    let detail = query_flag(request, "detail").map_err(|_| RequestError::InvalidDetailFlag)?;
    let account = service
        .store
        .account(&identity.subject)
        .await
        .map_err(RequestError::Store)?
        .ok_or(RequestError::UserNotFound)?;
    Ok(security_info(&account, detail))
}

/// The `authorization` header's token; Authing's SDKs send it bare or after `Bearer `.
fn access_token(request: &Request) -> Option<&str> {
    let value = header(request, "authorization")?.trim();
    let token = match value.get(..6) {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer") => value[6..].trim_start(),
        _ => value,
    };
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_of(authorization: Option<&str>) -> Option<String> {
        let mut builder = lambda_http::http::Request::builder();
        if let Some(value) = authorization {
            builder = builder.header("authorization", value);
        }
        let request: Request = builder.body(Body::Empty).unwrap();
        access_token(&request).map(str::to_owned)
    }

    #[test]
    fn takes_the_token_with_or_without_bearer() {
        assert_eq!(token_of(Some("eyJ.a.b")).as_deref(), Some("eyJ.a.b"));
        assert_eq!(token_of(Some("Bearer eyJ.a.b")).as_deref(), Some("eyJ.a.b"));
        assert_eq!(token_of(Some("bearer   eyJ.a.b ")).as_deref(), Some("eyJ.a.b"));
        assert_eq!(token_of(Some("Bearer")), None);
        assert_eq!(token_of(Some("  ")), None);
        assert_eq!(token_of(None), None);
    }
}
