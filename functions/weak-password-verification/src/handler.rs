//! `POST /v3/{project_id}/weak-password-verification`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use lambda_glue::request::{header, request_id};
use lambda_glue::response::json_response;
use lambda_glue::{RequestLog, TokenVerifier};
use lambda_http::http::Method;
use lambda_http::{Body, Request, Response};
use scoring::{Assessment, Assessor, Feedback, PasswordSecurityLevel, WeaknessReason};
use serde::Serialize;

use crate::errors::RequestError;
use crate::request::{parse, Verification};

/// The function's name in logs and metrics.
pub const FUNCTION_NAME: &str = "weak-password-verification";

/// What the handler needs, built once at init.
pub struct Service {
    pub assessor: Assessor,
    pub verifier: TokenVerifier,
}

/// DDM's answer, plus the opt-in `?detail=true` fields.
#[derive(Serialize)]
struct VerificationBody<'a> {
    is_weak_password: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    detail: Option<Detail<'a>>,
}

#[derive(Serialize)]
struct Detail<'a> {
    reasons: &'a [WeaknessReason],
    score: u8,
    guesses_log10: f64,
    level: PasswordSecurityLevel,
    feedback: &'a Feedback,
}

/// Answers one request; every failure becomes the endpoint's own error response.
pub async fn handle(service: &Service, request: Request) -> Response<Body> {
    let started = Instant::now();
    let request_id = request_id(&request);
    let (outcome, response) = match verify(service, &request).await {
        Ok(assessment_and_detail) => {
            let (assessment, detail) = assessment_and_detail;
            let outcome = if assessment.is_weak { "weak" } else { "strong" };
            (outcome, success_response(&assessment, detail, &request_id))
        }
        Err(error) => (error.outcome(), error.into_response(&request_id)),
    };
    RequestLog {
        function: FUNCTION_NAME,
        request_id: &request_id,
        outcome,
        status: response.status().as_u16(),
        latency: started.elapsed(),
    }
    .emit();
    response
}

async fn verify(service: &Service, request: &Request) -> Result<(Assessment, bool), RequestError> {
    if request.method() != Method::POST {
        return Err(RequestError::MethodNotAllowed);
    }
    service.verifier.authenticate(request, header(request, "x-auth-token")).await?;
    let verification: Verification = parse(request)?;
    let context = verification.context_words();
    // A panic here would otherwise reach the client as API Gateway's bare 502.
    let assessment = catch_unwind(AssertUnwindSafe(|| service.assessor.assess(&verification.password, &context)))
        .map_err(|_| RequestError::ServerFailure)?;
    Ok((assessment, verification.detail))
}

fn success_response(assessment: &Assessment, detail: bool, request_id: &str) -> Response<Body> {
    let body = VerificationBody {
        is_weak_password: assessment.is_weak,
        detail: detail.then_some(Detail {
            reasons: &assessment.reasons,
            score: assessment.score,
            guesses_log10: (assessment.guesses_log10 * 1000.0).round() / 1000.0,
            level: assessment.level,
            feedback: &assessment.feedback,
        }),
    };
    json_response(200, &body, &[("x-request-id", request_id)])
}
