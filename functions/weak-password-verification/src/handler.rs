//! `POST /v3/{project_id}/weak-password-verification`.

use std::sync::Arc;

use lambda_glue::logging::logged;
use lambda_glue::request::{header, request_id};
use lambda_glue::response::json_response;
use lambda_glue::TokenVerifier;
use lambda_http::http::Method;
use lambda_http::{Body, Request, Response};
use scoring::{Assessment, Assessor, Feedback, PasswordSecurityLevel, WeaknessReason};
use serde::Serialize;

use crate::breach_item::{sha1_of, Sha1};
use crate::config::{BreachCheck, OnBreachError};
use crate::errors::RequestError;
use crate::policy_cache::{CachedRules, PolicyCache, ProjectRules};
use crate::request::{parse, Verification};
use crate::tables::{BreachRead, Tables};

/// The function's name in logs and metrics.
pub const FUNCTION_NAME: &str = "weak-password-verification";

/// The outcome of a request answered from the offline rules alone because the breach check
/// failed (`BREACHED_ON_ERROR=open`).
pub const BREACH_CHECK_UNAVAILABLE: &str = "breach_check_unavailable";

/// What the handler needs, built once at init.
pub struct Service<T> {
    /// The deployment's rules, for every project without its own.
    pub assessor: Assessor,
    pub verifier: TokenVerifier,
    pub tables: T,
    /// `Some` when projects have their own policies (`PROJECT_POLICIES_TABLE`).
    pub policy_cache: Option<PolicyCache>,
    /// `Some` when passwords are checked against a breach corpus.
    pub breach_check: Option<BreachCheck>,
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
    /// How often the password was seen in breaches, when it was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    breach_count: Option<u64>,
}

/// Answers one request; every failure becomes the endpoint's own error response.
pub async fn handle<T: Tables>(service: &Service<T>, request: Request) -> Response<Body> {
    let request_id = request_id(&request);
    let answer = async {
        match verify(service, &request).await {
            Ok(verdict) => {
                if let Some(error) = &verdict.breach_check_failed {
                    tracing::warn!(request_id = %request_id, error = %error, "breach check unavailable; answered offline");
                }
                (verdict.outcome(), success_response(&verdict, &request_id))
            }
            Err(error) => {
                if let RequestError::Policy(store_error) | RequestError::BreachCheck(store_error) = &error {
                    tracing::warn!(request_id = %request_id, error = %store_error, "{}", error.outcome());
                }
                (error.outcome(), error.into_response(&request_id))
            }
        }
    };
    let on_panic = || RequestError::ServerFailure.into_response(&request_id);
    logged(FUNCTION_NAME, &request_id, answer, on_panic).await
}

/// The answer: the verdict alone (DDM's contract, computed as cheaply as possible) or, on
/// `?detail=true`, the whole assessment; and what the breach check found.
struct Verdict {
    rules: Rules,
    breach_count: Option<u64>,
    /// The breach check failed and the operator chose to answer from the offline rules.
    breach_check_failed: Option<dynamo_glue::StoreError>,
}

enum Rules {
    Plain { is_weak: bool },
    Detailed(Assessment),
}

impl Verdict {
    fn is_weak(&self) -> bool {
        match &self.rules {
            Rules::Plain { is_weak } => *is_weak,
            Rules::Detailed(assessment) => assessment.is_weak,
        }
    }

    fn outcome(&self) -> &'static str {
        match (self.breach_check_failed.is_some(), self.is_weak()) {
            (true, _) => BREACH_CHECK_UNAVAILABLE,
            (false, true) => "weak",
            (false, false) => "strong",
        }
    }

    /// The password's breach count is `count`: weak from `min_count` on.
    fn apply_breach_count(&mut self, count: u64, min_count: u64) {
        let breached = count >= min_count;
        match &mut self.rules {
            Rules::Plain { is_weak } => *is_weak |= breached,
            Rules::Detailed(assessment) => {
                if breached {
                    assessment.mark_breached();
                }
                self.breach_count = Some(count);
            }
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
    let hash = service.breach_check.as_ref().map(|_| sha1_of(password));
    let (project, prefetched_count) = project_rules(service, &verification.project_id, hash.as_ref()).await?;
    let assessor = project.as_deref().map_or(&service.assessor, |project| &project.assessor);
    let rules = match verification.detail {
        true => Rules::Detailed(assessor.assess(password, &context)),
        false => Rules::Plain { is_weak: assessor.is_weak(password, &context) },
    };
    let mut verdict = Verdict { rules, breach_count: None, breach_check_failed: None };
    let (Some(check), Some(hash)) = (&service.breach_check, hash) else { return Ok(verdict) };
    // A plain answer already weak cannot change: no read.
    if matches!(verdict.rules, Rules::Plain { is_weak: true }) {
        return Ok(verdict);
    }
    let count = match prefetched_count {
        Some(count) => count,
        None => service.tables.breach_count(&hash).await,
    };
    match (count, check.on_error) {
        (Ok(count), _) => {
            let min_count = project.as_ref().and_then(|project| project.breached_min_count).unwrap_or(check.min_count);
            verdict.apply_breach_count(count, min_count);
        }
        (Err(error), OnBreachError::Open) => verdict.breach_check_failed = Some(error),
        (Err(error), OnBreachError::Closed) => return Err(RequestError::BreachCheck(error)),
    }
    Ok(verdict)
}

/// The project's own rules (`None` for the deployment's), from the cache or else one read.
/// When that read is needed and so is the breach check, both go in one round trip, and the
/// breach count comes back too.
async fn project_rules<T: Tables>(
    service: &Service<T>,
    project_id: &str,
    hash: Option<&Sha1>,
) -> Result<(CachedRules, Option<BreachRead>), RequestError> {
    let Some(cache) = &service.policy_cache else { return Ok((None, None)) };
    if let Some(rules) = cache.get(project_id) {
        return Ok((rules, None));
    }
    let (policy, count) = match hash {
        Some(hash) => {
            let (policy, count) = service.tables.policy_and_breach_count(project_id, hash).await;
            // A batch fails as a whole, so a corpus table at fault fails the policy read too:
            // then the policy is read alone, and the fault stays the breach check's own.
            let policy = match (&policy, &count) {
                (Err(_), Err(_)) => service.tables.policy(project_id).await,
                _ => policy,
            };
            (policy, Some(count))
        }
        None => (service.tables.policy(project_id).await, None),
    };
    let policy = policy.map_err(RequestError::Policy)?;
    let rules = policy.map(|policy| {
        Arc::new(ProjectRules {
            assessor: Assessor::new(policy.rules(service.assessor.policy())),
            breached_min_count: policy.breached_min_count,
        })
    });
    cache.put(project_id, rules.clone());
    Ok((rules, count))
}

fn success_response(verdict: &Verdict, request_id: &str) -> Response<Body> {
    let body = VerificationBody {
        is_weak_password: verdict.is_weak(),
        detail: match &verdict.rules {
            Rules::Plain { .. } => None,
            Rules::Detailed(assessment) => Some(Detail {
                reasons: &assessment.reasons,
                score: assessment.score,
                guesses_log10: (assessment.guesses_log10 * 1000.0).round() / 1000.0,
                level: assessment.level,
                feedback: &assessment.feedback,
                breach_count: verdict.breach_count,
            }),
        },
    };
    json_response(200, &body, &[("x-request-id", request_id)])
}
