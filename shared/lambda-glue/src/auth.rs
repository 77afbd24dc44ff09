//! Access-token verification, shared by both functions.
//!
//! A function verifies the JWT itself (signature, `exp`, `nbf`, and `iss`/`aud` when
//! configured), or, when `AUTH_TRUST_AUTHORIZER=true`, takes the claims an API Gateway JWT
//! authorizer already verified. `alg: none` never parses, and each key accepts only the
//! algorithms of its own family, so an RSA public key can never be used as an HMAC secret.

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{AlgorithmFamily, DecodingKey, Validation};
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
    pub async fn authenticate(&self, request: &Request, token: Option<&str>) -> Result<Identity, AuthError> {
        if self.trust_authorizer {
            if let Some(identity) = authorizer_identity(request) {
                return Ok(identity);
            }
        }
        match token.map(str::trim) {
            None | Some("") => Err(AuthError::Missing),
            Some(token) => self.verify(token).await,
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

    /// Checks a token no key signed with one key of each family held, so that the first
    /// request's signature check finds its code in the CPU's caches rather than in memory.
    /// Never fetches a JWKS.
    pub fn warm_up(&self) {
        for key in self.one_key_per_family() {
            let _ = std::hint::black_box(self.check_unsigned(&key));
        }
    }

    /// The first key held of each algorithm family.
    fn one_key_per_family(&self) -> Vec<DecodingKey> {
        let held = match &self.keys {
            KeySource::Static(key) => vec![key.clone()],
            KeySource::Jwks(cache) => cache.held(),
            KeySource::Unconfigured(_) => Vec::new(),
        };
        let mut keys: Vec<DecodingKey> = Vec::new();
        for key in held {
            if !keys.iter().any(|kept| kept.family() == key.family()) {
                keys.push(key);
            }
        }
        keys
    }

    /// What checking `unsigned_token` with `key` gives (a bad signature), or None where
    /// warm-up leaves the family out.
    fn check_unsigned(&self, key: &DecodingKey) -> Option<Result<(), AuthError>> {
        let token = unsigned_token(key.family())?;
        Some(jsonwebtoken::decode::<Claims>(&token, key, &self.validation(key)).map(drop).map_err(AuthError::from))
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

/// A well-formed token in `family`'s usual algorithm, whose signature has the length an
/// HMAC-SHA256, RSA-2048 or P-256 key makes but was made by no key, so that checking it runs the
/// whole signature check before failing. None for Ed25519: jsonwebtoken panics on a malformed
/// Ed25519 key, which in warm-up would fail init rather than one request.
fn unsigned_token(family: AlgorithmFamily) -> Option<String> {
    let (algorithm, signature_bytes) = match family {
        AlgorithmFamily::Hmac => ("HS256", 32),
        AlgorithmFamily::Rsa => ("RS256", 256),
        AlgorithmFamily::Ec => ("ES256", 64),
        AlgorithmFamily::Ed => return None,
    };
    let header = format!(r#"{{"alg":"{algorithm}","typ":"JWT"}}"#);
    let claims = r#"{"sub":"warm-up","exp":0}"#;
    let encode = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    Some(format!("{}.{}.{}", encode(header.as_bytes()), encode(claims.as_bytes()), encode(&vec![1; signature_bytes])))
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

    /// Every key held now.
    fn held(&self) -> Vec<DecodingKey> {
        self.keys.read().map(|keys| keys.values().cloned().collect()).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{Algorithm, EncodingKey, Header};

    fn verifier(keys: KeySource) -> TokenVerifier {
        TokenVerifier { keys, issuer: None, audience: None, trust_authorizer: false }
    }

    fn signature_bytes(token: &str) -> usize {
        URL_SAFE_NO_PAD.decode(token.rsplit('.').next().unwrap()).unwrap().len()
    }

    /// Warm-up runs what a request's token runs only if its token reaches the signature check,
    /// with a signature as long as a real one (a shorter one fails before the arithmetic).
    #[test]
    fn the_warm_up_token_runs_the_signature_check_of_each_family() {
        let pairs = [
            (Algorithm::HS256, EncodingKey::from_secret(b"secret"), DecodingKey::from_secret(b"secret")),
            (
                Algorithm::RS256,
                EncodingKey::from_rsa_pem(include_bytes!("../tests/keys/rsa-private.pem")).unwrap(),
                public_key_from_pem(include_str!("../tests/keys/rsa-public.pem")).unwrap(),
            ),
            (
                Algorithm::ES256,
                EncodingKey::from_ec_pem(include_bytes!("../tests/keys/ec-private.pem")).unwrap(),
                public_key_from_pem(include_str!("../tests/keys/ec-public.pem")).unwrap(),
            ),
        ];
        for (algorithm, signing, key) in pairs {
            let signed =
                jsonwebtoken::encode(&Header::new(algorithm), &serde_json::json!({"sub": "warm-up"}), &signing);
            let unsigned = unsigned_token(key.family()).unwrap();
            assert_eq!(signature_bytes(&unsigned), signature_bytes(&signed.unwrap()), "{algorithm:?}");
            let verifier = verifier(KeySource::Static(key.clone()));
            assert_eq!(verifier.check_unsigned(&key), Some(Err(AuthError::BadSignature)), "{algorithm:?}");
        }
    }

    #[test]
    fn warm_up_checks_one_key_of_each_family_in_a_jwks_and_leaves_ed25519_out() {
        let rsa = || public_key_from_pem(include_str!("../tests/keys/rsa-public.pem")).unwrap();
        let ec = public_key_from_pem(include_str!("../tests/keys/ec-public.pem")).unwrap();
        // RFC 8037's example key, and one too short to be an Ed25519 key at all.
        let ed = DecodingKey::from_ed_components("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let malformed_ed = DecodingKey::from_ed_components("AAAA").unwrap();
        let keys = [("r1", rsa()), ("r2", rsa()), ("e1", ec), ("d1", ed), ("d2", malformed_ed)];
        let cache = JwksCache {
            url: String::new(),
            keys: RwLock::new(keys.into_iter().map(|(kid, key)| (kid.to_owned(), key)).collect()),
            last_fetch: Mutex::default(),
        };
        let verifier = verifier(KeySource::Jwks(cache));
        let mut families: Vec<String> =
            verifier.one_key_per_family().iter().map(|key| format!("{:?}", key.family())).collect();
        families.sort();
        assert_eq!(families, ["Ec", "Ed", "Rsa"]);
        for key in verifier.one_key_per_family() {
            let expected = (key.family() != AlgorithmFamily::Ed).then_some(Err(AuthError::BadSignature));
            assert_eq!(verifier.check_unsigned(&key), expected);
        }
        verifier.warm_up();
    }
}
