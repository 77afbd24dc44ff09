//! Access-token verification, shared by both functions.
//!
//! A function verifies the JWT itself (signature, `exp`, `nbf`, and `iss`/`aud` when
//! configured), or, when `AUTH_TRUST_AUTHORIZER=true`, takes the claims an API Gateway JWT
//! authorizer already verified. `alg: none` never parses, and each key accepts only the
//! algorithms of its own family, so an RSA public key can never be used as an HMAC secret.

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{DecodingKey, Validation};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::Deserialize;

/// Clock skew tolerated on `exp` and `nbf`.
const LEEWAY_SECONDS: u64 = 30;
/// An unknown `kid` refetches the key set at most this often, so forged kids cannot flood the IdP.
const JWKS_MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);
const JWKS_FETCH_TIMEOUT: Duration = Duration::from_secs(2);
/// A key set larger than this is not a key set.
const JWKS_MAX_BYTES: u64 = 256 * 1024;

/// Why a request is not authenticated. Messages never echo the token.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthError {
    #[error("the token is missing")]
    Missing,
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's signature is invalid")]
    BadSignature,
    #[error("the token's algorithm is not accepted")]
    DisallowedAlgorithm,
    #[error("the token is signed with an unknown key")]
    UnknownKey,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the token's issuer is not accepted")]
    WrongIssuer,
    #[error("the token's audience is not accepted")]
    WrongAudience,
    #[error("the token has no subject")]
    MissingSubject,
    /// The function has no usable key: a deployment fault, answered as a server failure.
    #[error("token verification is not configured: {0}")]
    NotConfigured(String),
}

impl AuthError {
    /// Whether the fault is the server's (a configuration error), not the caller's.
    pub fn is_server_fault(&self) -> bool {
        matches!(self, Self::NotConfigured(_))
    }
}

/// How a failed token check is answered, the same way by both functions: the caller's fault
/// (401 in the endpoint's own format), or the server's, which the caller cannot fix.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthFailure {
    #[error(transparent)]
    Unauthenticated(AuthError),
    /// No token can be verified (the reason is logged, never answered).
    #[error("token verification is unavailable")]
    Unavailable,
}

impl From<AuthError> for AuthFailure {
    fn from(error: AuthError) -> Self {
        if error.is_server_fault() {
            tracing::error!(error = %error, "cannot verify tokens");
            Self::Unavailable
        } else {
            Self::Unauthenticated(error)
        }
    }
}

impl From<jsonwebtoken::errors::Error> for AuthError {
    fn from(error: jsonwebtoken::errors::Error) -> Self {
        match error.kind() {
            ErrorKind::InvalidSignature => Self::BadSignature,
            ErrorKind::InvalidAlgorithm | ErrorKind::MissingAlgorithm => Self::DisallowedAlgorithm,
            ErrorKind::ExpiredSignature => Self::Expired,
            ErrorKind::ImmatureSignature => Self::NotYetValid,
            ErrorKind::InvalidIssuer => Self::WrongIssuer,
            ErrorKind::InvalidAudience => Self::WrongAudience,
            ErrorKind::MissingRequiredClaim(claim) if claim == "sub" => Self::MissingSubject,
            _ => Self::Malformed,
        }
    }
}

/// The verified identity behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The token's `sub`: the user.
    pub subject: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
}

/// Where the key that checks signatures comes from.
enum KeySource {
    /// `AUTH_JWT_SECRET` (HS256) or `AUTH_JWT_PUBLIC_KEY` (PEM, RS256/ES256).
    Static(DecodingKey),
    /// `AUTH_JWKS_URL`: an identity provider's key set.
    Jwks(JwksCache),
    /// Nothing usable was configured; every request is a server failure until it is.
    Unconfigured(String),
}

/// Token settings, read from the `AUTH_*` environment variables.
#[derive(Debug, Clone, Default)]
pub struct AuthSettings {
    pub jwt_secret: Option<String>,
    pub jwt_public_key_pem: Option<String>,
    pub jwks_url: Option<String>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub trust_authorizer: bool,
}

impl AuthSettings {
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|value: &String| !value.trim().is_empty());
        Self {
            jwt_secret: var("AUTH_JWT_SECRET"),
            jwt_public_key_pem: var("AUTH_JWT_PUBLIC_KEY"),
            jwks_url: var("AUTH_JWKS_URL"),
            issuer: var("AUTH_ISSUER"),
            audience: var("AUTH_AUDIENCE"),
            trust_authorizer: var("AUTH_TRUST_AUTHORIZER").is_some_and(|value| value.eq_ignore_ascii_case("true")),
        }
    }
}

/// Verifies access tokens. Built once at init; a JWKS is fetched then, not per request.
pub struct TokenVerifier {
    keys: KeySource,
    issuer: Option<String>,
    audience: Option<String>,
    trust_authorizer: bool,
}

impl TokenVerifier {
    /// Builds the verifier, fetching the JWKS if one is configured. A fetch failure is logged
    /// and retried when the first token arrives, so a slow IdP never fails the function's init.
    pub fn new(settings: AuthSettings) -> Self {
        let keys = match (&settings.jwt_secret, &settings.jwt_public_key_pem, &settings.jwks_url) {
            (Some(secret), None, None) => KeySource::Static(DecodingKey::from_secret(secret.as_bytes())),
            (None, Some(pem), None) => match public_key_from_pem(pem) {
                Some(key) => KeySource::Static(key),
                None => KeySource::Unconfigured("AUTH_JWT_PUBLIC_KEY is not an RSA or EC public key in PEM".into()),
            },
            (None, None, Some(url)) => KeySource::Jwks(JwksCache::new(url.clone())),
            (None, None, None) => {
                KeySource::Unconfigured("set one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL".into())
            }
            _ => {
                KeySource::Unconfigured("set only one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL".into())
            }
        };
        if let KeySource::Unconfigured(reason) = &keys {
            if !settings.trust_authorizer {
                tracing::error!(reason = %reason, "token verification is not configured");
            }
        }
        Self { keys, issuer: settings.issuer, audience: settings.audience, trust_authorizer: settings.trust_authorizer }
    }

    /// The identity behind `request`, whose token is `token` (already taken from its header).
    pub async fn authenticate(&self, request: &Request, token: Option<&str>) -> Result<Identity, AuthFailure> {
        if self.trust_authorizer {
            if let Some(identity) = authorizer_identity(request) {
                return Ok(identity);
            }
        }
        match token.map(str::trim) {
            None | Some("") => Err(AuthError::Missing.into()),
            Some(token) => Ok(self.verify(token).await?),
        }
    }

    /// Verifies a JWT and returns its subject.
    pub async fn verify(&self, token: &str) -> Result<Identity, AuthError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::Malformed)?;
        let key = match &self.keys {
            KeySource::Static(key) => key.clone(),
            KeySource::Jwks(cache) => cache.key_for(header.kid.as_deref()).await?,
            KeySource::Unconfigured(reason) => return Err(AuthError::NotConfigured(reason.clone())),
        };
        let claims = jsonwebtoken::decode::<Claims>(token, &key, &self.validation(&key))?.claims;
        match claims.sub {
            Some(subject) if !subject.is_empty() => Ok(Identity { subject }),
            _ => Err(AuthError::MissingSubject),
        }
    }

    /// What a token checked with `key` must satisfy.
    fn validation(&self, key: &DecodingKey) -> Validation {
        let mut validation = Validation::new_for_family(key.family());
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "sub"]);
        match &self.issuer {
            Some(issuer) => validation.set_issuer(&[issuer]),
            None => validation.iss = None,
        }
        match &self.audience {
            Some(audience) => validation.set_audience(&[audience]),
            None => validation.validate_aud = false,
        }
        validation
    }
}

fn public_key_from_pem(pem: &str) -> Option<DecodingKey> {
    let pem = pem.replace("\\n", "\n");
    DecodingKey::from_rsa_pem(pem.as_bytes()).or_else(|_| DecodingKey::from_ec_pem(pem.as_bytes())).ok()
}

/// Claims an HTTP API JWT authorizer verified and put in the request context.
fn authorizer_identity(request: &Request) -> Option<Identity> {
    let RequestContext::ApiGatewayV2(context) = request.request_context_ref()? else {
        return None;
    };
    let claims = &context.authorizer.as_ref()?.jwt.as_ref()?.claims;
    let subject = claims.get("sub").filter(|sub| !sub.is_empty())?;
    Some(Identity { subject: subject.clone() })
}

/// An identity provider's key set, refetched when a token names a key it does not hold.
struct JwksCache {
    url: String,
    keys: RwLock<HashMap<String, DecodingKey>>,
    last_fetch: Mutex<Option<Instant>>,
}

impl JwksCache {
    fn new(url: String) -> Self {
        let cache = Self { url, keys: RwLock::default(), last_fetch: Mutex::default() };
        match fetch_jwks(&cache.url) {
            Ok(keys) => {
                cache.store(keys);
                cache.mark_fetched();
            }
            // Left unmarked, so the first token may refetch at once.
            Err(error) => {
                tracing::warn!(error = %error, "could not fetch the JWKS at init; will retry on the first token")
            }
        }
        cache
    }

    async fn key_for(&self, kid: Option<&str>) -> Result<DecodingKey, AuthError> {
        let kid = kid.ok_or(AuthError::UnknownKey)?;
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        if self.claim_refresh() {
            let url = self.url.clone();
            match tokio::task::spawn_blocking(move || fetch_jwks(&url)).await {
                Ok(Ok(keys)) => self.store(keys),
                Ok(Err(error)) => tracing::warn!(error = %error, "could not refresh the JWKS"),
                Err(error) => tracing::warn!(error = %error, "the JWKS refresh task failed"),
            }
        }
        self.cached(kid).ok_or(AuthError::UnknownKey)
    }

    fn cached(&self, kid: &str) -> Option<DecodingKey> {
        self.keys.read().ok()?.get(kid).cloned()
    }

    fn store(&self, keys: HashMap<String, DecodingKey>) {
        if let Ok(mut cached) = self.keys.write() {
            *cached = keys;
        }
    }

    fn mark_fetched(&self) {
        if let Ok(mut last_fetch) = self.last_fetch.lock() {
            *last_fetch = Some(Instant::now());
        }
    }

    /// Whether this caller may refetch now; if so, the interval starts again from now.
    fn claim_refresh(&self) -> bool {
        let Ok(mut last_fetch) = self.last_fetch.lock() else {
            return false;
        };
        if last_fetch.is_some_and(|at| at.elapsed() < JWKS_MIN_REFRESH_INTERVAL) {
            return false;
        }
        *last_fetch = Some(Instant::now());
        true
    }
}

/// Fetches a JWKS and keeps its asymmetric keys by `kid`.
fn fetch_jwks(url: &str) -> Result<HashMap<String, DecodingKey>, JwksError> {
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(JWKS_FETCH_TIMEOUT)).build().into();
    let body = agent.get(url).call()?.into_body().with_config().limit(JWKS_MAX_BYTES).read_to_string()?;
    let set: JwkSet = serde_json::from_str(&body)?;
    Ok(set
        .keys
        .iter()
        // A symmetric key published in a JWKS would let anyone who can read it sign tokens.
        .filter(|jwk| !matches!(jwk.algorithm, AlgorithmParameters::OctetKey(_)))
        .filter_map(|jwk| Some((jwk.common.key_id.clone()?, DecodingKey::from_jwk(jwk).ok()?)))
        .collect())
}

#[derive(Debug, thiserror::Error)]
enum JwksError {
    #[error("JWKS request failed: {0}")]
    Http(#[from] ureq::Error),
    #[error("JWKS is not a key set: {0}")]
    Json(#[from] serde_json::Error),
}
