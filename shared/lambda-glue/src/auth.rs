//! Access-token verification, shared by both functions.
//!
//! A function verifies the JWT itself (signature, `exp`, `nbf`, and the `iss`/`aud` it is
//! configured with, which tokens must then carry), or, when `AUTH_TRUST_AUTHORIZER=true`, takes
//! the claims an API Gateway JWT authorizer already verified. `alg: none` never parses, and each
//! key accepts only the algorithms of its own family, so an RSA public key can never be used as
//! an HMAC secret. A fault of the keys (none usable) is the server's, never the caller's.

use std::fmt;
use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::Validation;
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde::Deserialize;
use serde_json::Value;

use crate::jwks::{check_url, JwksCache};
use crate::keys::{VerifyingKey, MIN_SECRET_BYTES};

/// Clock skew tolerated on `exp` and `nbf`.
const LEEWAY_SECONDS: u64 = 30;
/// How long a fetched JWKS is trusted before it is refetched, unless `AUTH_JWKS_MAX_AGE_SECONDS`.
pub const DEFAULT_JWKS_MAX_AGE: Duration = Duration::from_secs(600);
/// The whole Secrets Manager read at init, retries included.
const SECRET_READ_TIMEOUT: Duration = Duration::from_secs(5);

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
    #[error("the token has no issuer")]
    MissingIssuer,
    #[error("the token's issuer is not accepted")]
    WrongIssuer,
    #[error("the token has no audience")]
    MissingAudience,
    #[error("the token's audience is not accepted")]
    WrongAudience,
    #[error("the token has no subject")]
    MissingSubject,
    /// The function has no usable key: a deployment fault, answered as a server failure.
    #[error("token verification is not configured: {0}")]
    NotConfigured(String),
    /// The keys cannot be used (none fetched, none usable): answered as a server failure.
    #[error("no usable key: {0}")]
    KeyUnusable(String),
}

impl AuthError {
    /// Whether the fault is the server's (its configuration or keys), not the caller's.
    pub fn is_server_fault(&self) -> bool {
        matches!(self, Self::NotConfigured(_) | Self::KeyUnusable(_))
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
            ErrorKind::MissingRequiredClaim(claim) if claim == "sub" => Self::MissingSubject,
            // Keys are checked when loaded, and only their own algorithms reach them.
            ErrorKind::InvalidKeyFormat
            | ErrorKind::InvalidRsaKey(_)
            | ErrorKind::InvalidEcdsaKey
            | ErrorKind::InvalidEddsaKey => Self::KeyUnusable("a key failed to check a signature".into()),
            _ => Self::Malformed,
        }
    }
}

/// Settings that stop the function at init: running with them would accept tokens it must not.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct InvalidAuthSettings(String);

/// The verified identity behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The token's `sub`: the user.
    pub subject: String,
}

/// The claims checked here rather than by jsonwebtoken, which compares `iss` and `aud` only
/// when a token carries them as strings.
#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    iss: Option<Value>,
    aud: Option<Value>,
}

/// Where the key that checks signatures comes from.
enum KeySource {
    /// `AUTH_JWT_SECRET` or `AUTH_JWT_SECRET_ARN` (HS256), or `AUTH_JWT_PUBLIC_KEY` (PEM).
    Static(VerifyingKey),
    /// `AUTH_JWKS_URL`: an identity provider's key set.
    Jwks(JwksCache),
    /// Nothing usable was configured; every request is a server failure until it is.
    Unconfigured(String),
}

/// A secret key: its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Secret(<{} bytes, redacted>)", self.0.len())
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Self(secret.as_bytes().to_vec())
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Self(secret.into_bytes())
    }
}

impl From<Vec<u8>> for Secret {
    fn from(secret: Vec<u8>) -> Self {
        Self(secret)
    }
}

/// Token settings, read from the `AUTH_*` environment variables.
#[derive(Debug, Clone, Default)]
pub struct AuthSettings {
    /// `AUTH_JWT_SECRET`: the HS256 key itself (local runs and tests).
    pub jwt_secret: Option<Secret>,
    /// `AUTH_JWT_SECRET_ARN`: the Secrets Manager secret holding the HS256 key (AWS).
    pub jwt_secret_arn: Option<String>,
    pub jwt_public_key_pem: Option<String>,
    pub jwks_url: Option<String>,
    /// `AUTH_JWKS_MAX_AGE_SECONDS`; [`DEFAULT_JWKS_MAX_AGE`] when `None`.
    pub jwks_max_age: Option<Duration>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    /// `AUTH_ALLOW_ANY_AUDIENCE=true`: a JWKS or public key without an audience, on purpose.
    pub allow_any_audience: bool,
    pub trust_authorizer: bool,
}

impl AuthSettings {
    pub fn from_env() -> Result<Self, InvalidAuthSettings> {
        let var = |name| std::env::var(name).ok().filter(|value: &String| !value.trim().is_empty());
        let flag = |name| var(name).is_some_and(|value| value.eq_ignore_ascii_case("true"));
        let jwks_max_age = match var("AUTH_JWKS_MAX_AGE_SECONDS") {
            None => None,
            Some(seconds) => Some(Duration::from_secs(seconds.trim().parse().map_err(|_| {
                InvalidAuthSettings("AUTH_JWKS_MAX_AGE_SECONDS must be a whole number of seconds".into())
            })?)),
        };
        Ok(Self {
            jwt_secret: var("AUTH_JWT_SECRET").map(Secret::from),
            jwt_secret_arn: var("AUTH_JWT_SECRET_ARN"),
            jwt_public_key_pem: var("AUTH_JWT_PUBLIC_KEY"),
            jwks_url: var("AUTH_JWKS_URL"),
            jwks_max_age,
            issuer: var("AUTH_ISSUER"),
            audience: var("AUTH_AUDIENCE"),
            allow_any_audience: flag("AUTH_ALLOW_ANY_AUDIENCE"),
            trust_authorizer: flag("AUTH_TRUST_AUTHORIZER"),
        })
    }

    /// Reads the HS256 key of `jwt_secret_arn`, when set, from Secrets Manager: its
    /// `SecretString`, else its `SecretBinary`.
    pub async fn with_secret_from(
        mut self,
        secrets_manager: &aws_sdk_secretsmanager::Client,
    ) -> Result<Self, InvalidAuthSettings> {
        let Some(arn) = self.jwt_secret_arn.take() else {
            return Ok(self);
        };
        if self.jwt_secret.is_some() {
            return Err(InvalidAuthSettings("set only one of AUTH_JWT_SECRET or AUTH_JWT_SECRET_ARN".into()));
        }
        let output = secrets_manager.get_secret_value().secret_id(&arn).send().await.map_err(|error| {
            InvalidAuthSettings(format!(
                "cannot read the secret AUTH_JWT_SECRET_ARN names: {}",
                aws_sdk_secretsmanager::error::DisplayErrorContext(&error)
            ))
        })?;
        let secret = match (output.secret_string(), output.secret_binary()) {
            (Some(text), _) => Secret::from(text),
            (None, Some(bytes)) => Secret::from(bytes.as_ref().to_vec()),
            (None, None) => return Err(InvalidAuthSettings("the secret AUTH_JWT_SECRET_ARN names is empty".into())),
        };
        self.jwt_secret = Some(secret);
        Ok(self)
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
    /// The verifier of the `AUTH_*` environment, reading a secret from Secrets Manager when
    /// `AUTH_JWT_SECRET_ARN` names one. An error is logged, and stops the function's init.
    pub async fn from_env() -> Result<Self, InvalidAuthSettings> {
        let verifier = async {
            let settings = AuthSettings::from_env()?;
            let settings = match settings.jwt_secret_arn {
                None => settings,
                Some(_) => {
                    let timeouts = TimeoutConfig::builder().operation_timeout(SECRET_READ_TIMEOUT).build();
                    let config = aws_config::defaults(BehaviorVersion::latest()).timeout_config(timeouts).load().await;
                    settings.with_secret_from(&aws_sdk_secretsmanager::Client::new(&config)).await?
                }
            };
            Self::new(settings)
        }
        .await;
        if let Err(error) = &verifier {
            tracing::error!(error = %error, "token settings are unusable; the function cannot start");
        }
        verifier
    }

    /// Builds the verifier, fetching the JWKS if one is configured (a fetch failure is logged
    /// and retried on the first token). Settings that would accept tokens meant for others (a
    /// short secret, a JWKS or public key without an audience, a JWKS over plain http) are
    /// refused; no key at all, or an unusable public key, makes every token a server fault.
    pub fn new(settings: AuthSettings) -> Result<Self, InvalidAuthSettings> {
        let invalid = |reason: &str| Err(InvalidAuthSettings(reason.into()));
        let asymmetric = settings.jwt_public_key_pem.is_some() || settings.jwks_url.is_some();
        if asymmetric && settings.audience.is_none() && !settings.allow_any_audience {
            return invalid(
                "AUTH_AUDIENCE is required with AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL: without it, a token the \
                 identity provider issued for any application would be accepted (AUTH_ALLOW_ANY_AUDIENCE=true \
                 allows that on purpose)",
            );
        }
        if settings.jwt_secret.as_ref().is_some_and(|secret| secret.expose().len() < MIN_SECRET_BYTES) {
            return Err(InvalidAuthSettings(format!(
                "the HS256 secret must be at least {MIN_SECRET_BYTES} bytes; a shorter one can be guessed from any token"
            )));
        }
        if let Some(url) = &settings.jwks_url {
            check_url(url).map_err(InvalidAuthSettings)?;
        }
        let jwks_max_age = settings.jwks_max_age.unwrap_or(DEFAULT_JWKS_MAX_AGE);
        let keys = match (&settings.jwt_secret, &settings.jwt_public_key_pem, &settings.jwks_url) {
            (Some(secret), None, None) => KeySource::Static(VerifyingKey::from_secret(secret.expose())),
            (None, Some(pem), None) => match VerifyingKey::from_pem(pem) {
                Ok(key) => KeySource::Static(key),
                Err(reason) => KeySource::Unconfigured(reason.into()),
            },
            (None, None, Some(url)) => KeySource::Jwks(JwksCache::new(url.clone(), jwks_max_age)),
            (None, None, None) => KeySource::Unconfigured(
                "set one of AUTH_JWT_SECRET_ARN, AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL".into(),
            ),
            _ => KeySource::Unconfigured(
                "set only one of AUTH_JWT_SECRET(_ARN), AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL".into(),
            ),
        };
        if let KeySource::Unconfigured(reason) = &keys {
            if !settings.trust_authorizer {
                tracing::error!(reason = %reason, "token verification is not configured");
            }
        }
        Ok(Self {
            keys,
            issuer: settings.issuer,
            audience: settings.audience,
            trust_authorizer: settings.trust_authorizer,
        })
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
        let claims = jsonwebtoken::decode::<Claims>(token, &key.key, &validation(&key))?.claims;
        if let Some(issuer) = &self.issuer {
            match &claims.iss {
                None => return Err(AuthError::MissingIssuer),
                Some(Value::String(iss)) if iss == issuer => {}
                Some(_) => return Err(AuthError::WrongIssuer),
            }
        }
        if let Some(audience) = &self.audience {
            if !has_audience(claims.aud.as_ref().ok_or(AuthError::MissingAudience)?, audience) {
                return Err(AuthError::WrongAudience);
            }
        }
        match claims.sub {
            Some(subject) if !subject.is_empty() => Ok(Identity { subject }),
            _ => Err(AuthError::MissingSubject),
        }
    }
}

/// What a token checked with `key` must satisfy besides `iss`/`aud`.
fn validation(key: &VerifyingKey) -> Validation {
    let mut validation = Validation::new(key.algorithms[0]);
    validation.algorithms.clone_from(&key.algorithms);
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "sub"]);
    validation.iss = None;
    validation.validate_aud = false;
    validation
}

/// RFC 7519's `aud`: one string, or a list of strings one of which is ours.
fn has_audience(aud: &Value, audience: &str) -> bool {
    match aud {
        Value::String(single) => single == audience,
        Value::Array(list) => list.iter().all(Value::is_string) && list.iter().any(|item| item == audience),
        _ => false,
    }
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
