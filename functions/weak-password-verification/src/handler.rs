//! `POST /v3/{project_id}/weak-password-verification`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use lambda_glue::logging::logged;
use lambda_glue::request::{header, request_id};
use lambda_glue::response::json_response;
use lambda_glue::TokenVerifier;
use lambda_http::http::Method;
use lambda_http::{Body, Request, Response};
use scoring::{Assessment, Assessor, Feedback, PasswordSecurityLevel, WeaknessReason};
use serde::Serialize;

use crate::errors::RequestError;
use crate::policy_cache::{CachedRules, PolicyCache, ProjectRules};
use crate::request::{parse, Verification};
use crate::tables::Tables;

/// The function's name in logs and metrics.
pub const FUNCTION_NAME: &str = "weak-password-verification";

/// What the handler needs, built once at init.
pub struct Service<T> {
    /// The deployment's rules, for every project without its own.
    pub assessor: Assessor,
    pub verifier: TokenVerifier,
    pub tables: T,
    /// `Some` when projects have their own policies (`PROJECT_POLICIES_TABLE`).
    pub policy_cache: Option<PolicyCache>,
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
pub async fn handle<T: Tables>(service: &Service<T>, request: Request) -> Response<Body> {
    let request_id = request_id(&request);
    let answer = async {
        match verify(service, &request).await {
            Ok(verdict) => (if verdict.is_weak() { "weak" } else { "strong" }, success_response(&verdict, &request_id)),
            Err(error) => {
                if let RequestError::Policy(store_error) = &error {
                    tracing::warn!(request_id = %request_id, error = %store_error, "project policy unreadable");
                }
                (error.outcome(), error.into_response(&request_id))
            }
        }
    };
    logged(FUNCTION_NAME, &request_id, answer).await
}

/// The answer: the verdict alone (DDM's contract, computed as cheaply as possible) or, on
/// `?detail=true`, the whole assessment.
enum Verdict {
    Plain { is_weak: bool },
    Detailed(Assessment),
}

impl Verdict {
    fn is_weak(&self) -> bool {
        match self {
            Self::Plain { is_weak } => *is_weak,
            Self::Detailed(assessment) => assessment.is_weak,
        }
    }
}

async fn verify<T: Tables>(service: &Service<T>, request: &Request) -> Result<Verdict, RequestError> {
    if request.method() != Method::POST {
        return Err(RequestError::MethodNotAllowed);
    }
    service.verifier.authenticate(request, header(request, "x-auth-token")).await?;
    let verification: Verification = parse(request)?;
    let context = verification.context_words();
    let password = verification.password.as_str();
    let rules = project_rules(service, &verification.project_id).await?;
    let assessor = rules.as_deref().map_or(&service.assessor, |rules| &rules.assessor);
    // A panic here would otherwise reach the client as API Gateway's bare 502.
    catch_unwind(AssertUnwindSafe(|| match verification.detail {
        true => Verdict::Detailed(assessor.assess(password, &context)),
        false => Verdict::Plain { is_weak: assessor.is_weak(password, &context) },
    }))
    .map_err(|_| RequestError::ServerFailure)
}

/// The project's own rules, from the cache or else one read; `None` for the deployment's.
async fn project_rules<T: Tables>(service: &Service<T>, project_id: &str) -> Result<CachedRules, RequestError> {
    let Some(cache) = &service.policy_cache else { return Ok(None) };
    if let Some(rules) = cache.get(project_id) {
        return Ok(rules);
    }
    let policy = service.tables.policy(project_id).await.map_err(RequestError::Policy)?;
    let rules = policy.map(|policy| {
        Arc::new(ProjectRules {
            assessor: Assessor::new(policy.rules(service.assessor.policy())),
            breached_min_count: policy.breached_min_count,
        })
    });
    cache.put(project_id, rules.clone());
    Ok(rules)
}

fn success_response(verdict: &Verdict, request_id: &str) -> Response<Body> {
    let body = VerificationBody {
        is_weak_password: verdict.is_weak(),
        detail: match verdict {
            Verdict::Plain { .. } => None,
            Verdict::Detailed(assessment) => Some(Detail {
                reasons: &assessment.reasons,
                score: assessment.score,
                guesses_log10: (assessment.guesses_log10 * 1000.0).round() / 1000.0,
                level: assessment.level,
                feedback: &assessment.feedback,
            }),
        },
    };
    json_response(200, &body, &[("x-request-id", request_id)])
}
