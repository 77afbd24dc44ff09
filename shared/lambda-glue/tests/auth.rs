//! Token verification: every way a token can be wrong, each key source, and the authorizer path.

mod support;

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use lambda_glue::{AuthError, AuthFailure, AuthSettings, Identity, TokenVerifier};
use serde_json::json;
use support::JwksServer;
use tracing::Level;

const SECRET: &str = "test-secret-for-hs256-only-in-tests";
const ISSUER: &str = "https://issuer.test";
const AUDIENCE: &str = "account-security";
const RSA_PRIVATE: &[u8] = include_bytes!("keys/rsa-private.pem");
const RSA_PUBLIC: &str = include_str!("keys/rsa-public.pem");
const EC_PRIVATE: &[u8] = include_bytes!("keys/ec-private.pem");
const EC_PUBLIC: &str = include_str!("keys/ec-public.pem");

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn claims() -> serde_json::Value {
    json!({"sub": "user-1", "iss": ISSUER, "aud": AUDIENCE, "exp": now() + 600})
}

fn hs256(claims: &serde_json::Value) -> String {
    encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(SECRET.as_bytes())).unwrap()
}

fn verifier(settings: AuthSettings) -> TokenVerifier {
    TokenVerifier::new(settings).expect("valid settings")
}

fn secret_verifier() -> TokenVerifier {
    verifier(AuthSettings {
        jwt_secret: Some(SECRET.into()),
        issuer: Some(ISSUER.into()),
        audience: Some(AUDIENCE.into()),
        ..AuthSettings::default()
    })
}

/// A public key's settings, with the audience they require.
fn public_key(pem: &str) -> AuthSettings {
    AuthSettings { jwt_public_key_pem: Some(pem.into()), audience: Some(AUDIENCE.into()), ..AuthSettings::default() }
}

/// A JWKS's settings, with the audience they require.
fn jwks(url: &str) -> AuthSettings {
    AuthSettings { jwks_url: Some(url.into()), audience: Some(AUDIENCE.into()), ..AuthSettings::default() }
}

fn user_1() -> Result<Identity, AuthError> {
    Ok(Identity { subject: "user-1".into() })
}

fn with(changes: serde_json::Value) -> serde_json::Value {
    let mut claims = claims();
    for (name, value) in changes.as_object().unwrap() {
        if value.is_null() {
            claims.as_object_mut().unwrap().remove(name);
        } else {
            claims[name] = value.clone();
        }
    }
    claims
}

#[tokio::test]
async fn a_valid_hs256_token_names_its_subject() {
    assert_eq!(secret_verifier().verify(&hs256(&claims())).await, user_1());
}

#[tokio::test]
async fn every_bad_claim_is_refused_for_its_own_reason() {
    let verifier = secret_verifier();
    let long_ago = now() - 3600;
    let cases = [
        (with(json!({"exp": long_ago})), AuthError::Expired),
        (with(json!({"nbf": now() + 3600})), AuthError::NotYetValid),
        (with(json!({"iss": "https://elsewhere.test"})), AuthError::WrongIssuer),
        (with(json!({"aud": "another-api"})), AuthError::WrongAudience),
        (with(json!({"sub": null})), AuthError::MissingSubject),
        (with(json!({"sub": ""})), AuthError::MissingSubject),
        (with(json!({"exp": null})), AuthError::Malformed),
        // A configured issuer and audience are required claims, and must be strings.
        (with(json!({"iss": null})), AuthError::MissingIssuer),
        (with(json!({"iss": 42})), AuthError::WrongIssuer),
        (with(json!({"iss": [ISSUER]})), AuthError::WrongIssuer),
        (with(json!({"aud": null})), AuthError::MissingAudience),
        (with(json!({"aud": {"x": 1}})), AuthError::WrongAudience),
        (with(json!({"aud": ["another-api"]})), AuthError::WrongAudience),
        (with(json!({"aud": [AUDIENCE, 7]})), AuthError::WrongAudience),
    ];
    for (claims, expected) in cases {
        assert_eq!(verifier.verify(&hs256(&claims)).await, Err(expected), "{claims}");
    }
}

#[tokio::test]
async fn forged_and_malformed_tokens_never_pass() {
    let verifier = secret_verifier();
    let other_key = encode(&Header::new(Algorithm::HS256), &claims(), &EncodingKey::from_secret(b"another")).unwrap();
    assert_eq!(verifier.verify(&other_key).await, Err(AuthError::BadSignature));

    // `alg: none` with no signature.
    let token = hs256(&claims());
    let payload = token.split('.').nth(1).unwrap();
    let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
    assert_eq!(verifier.verify(&unsigned).await, Err(AuthError::Malformed));

    for garbage in ["", "abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..."] {
        assert_eq!(verifier.verify(garbage).await, Err(AuthError::Malformed), "{garbage:?}");
    }
}

#[tokio::test]
async fn a_public_key_accepts_its_own_family_only() {
    let rsa = verifier(public_key(RSA_PUBLIC));
    let rs256 =
        encode(&Header::new(Algorithm::RS256), &claims(), &EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap()).unwrap();
    assert_eq!(rsa.verify(&rs256).await, user_1());

    // Algorithm confusion: an HS256 token "signed" with the public key as the HMAC secret.
    let confused =
        encode(&Header::new(Algorithm::HS256), &claims(), &EncodingKey::from_secret(RSA_PUBLIC.as_bytes())).unwrap();
    assert_eq!(rsa.verify(&confused).await, Err(AuthError::DisallowedAlgorithm));

    let ec = verifier(public_key(EC_PUBLIC));
    let es256 =
        encode(&Header::new(Algorithm::ES256), &claims(), &EncodingKey::from_ec_pem(EC_PRIVATE).unwrap()).unwrap();
    assert_eq!(ec.verify(&es256).await, user_1());
    assert_eq!(ec.verify(&rs256).await, Err(AuthError::DisallowedAlgorithm));
}

#[tokio::test]
async fn a_pem_with_escaped_newlines_is_accepted() {
    // A PEM pasted into a single-line environment variable arrives with literal `\n`s.
    let one_line = RSA_PUBLIC.trim_end().replace('\n', "\\n");
    let rsa = verifier(public_key(&one_line));
    let rs256 =
        encode(&Header::new(Algorithm::RS256), &claims(), &EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap()).unwrap();
    assert_eq!(rsa.verify(&rs256).await, user_1());
}

#[tokio::test]
async fn without_a_key_every_token_is_a_server_fault() {
    let unconfigured = verifier(AuthSettings::default());
    let error = unconfigured.verify(&hs256(&claims())).await.unwrap_err();
    assert!(error.is_server_fault(), "{error:?}");
    let both = verifier(AuthSettings {
        jwt_secret: Some(SECRET.into()),
        jwt_public_key_pem: Some(RSA_PUBLIC.into()),
        audience: Some(AUDIENCE.into()),
        ..AuthSettings::default()
    });
    assert!(both.verify(&hs256(&claims())).await.unwrap_err().is_server_fault());
}

fn rsa_jwk(kid: &str) -> serde_json::Value {
    let mut jwk = Jwk::from_encoding_key(&EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap(), Algorithm::RS256).unwrap();
    jwk.common.key_id = Some(kid.into());
    serde_json::to_value(jwk).unwrap()
}

fn rs256_with_kid(kid: &str) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.into());
    encode(&header, &claims(), &EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap()).unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn a_jwks_is_fetched_at_init_and_known_kids_need_no_fetch() {
    let server = JwksServer::start(json!({"keys": [rsa_jwk("k1")]}));
    let verifier = verifier(jwks(&server.url));
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1, "fetched once, at init");
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1, "a known kid needs no fetch");

    // The identity provider rotates to k2 moments later: refetches are rate limited, so a
    // flood of forged kids cannot turn into a flood of fetches.
    *server.keys.lock().unwrap() = json!({"keys": [rsa_jwk("k2")]});
    assert_eq!(verifier.verify(&rs256_with_kid("k2")).await, Err(AuthError::UnknownKey));
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_kid_refetches_the_jwks_once() {
    let server = JwksServer::start(serde_json::Value::Null);
    let verifier = verifier(jwks(&server.url));
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1, "the init fetch failed");

    *server.keys.lock().unwrap() = json!({"keys": [rsa_jwk("k1")]});
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
    assert_eq!(server.fetches.load(Ordering::SeqCst), 2, "the unknown kid triggered one refetch");
    assert_eq!(verifier.verify(&rs256_with_kid("k9")).await, Err(AuthError::UnknownKey));
    assert_eq!(server.fetches.load(Ordering::SeqCst), 2, "the next unknown kid waits for the interval");
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreachable_jwks_is_a_server_fault() {
    let port = fixture_harness::local_service::free_port();
    let verifier = verifier(jwks(&format!("http://127.0.0.1:{port}/jwks.json")));
    let error = verifier.verify(&rs256_with_kid("k1")).await.unwrap_err();
    assert!(error.is_server_fault(), "{error:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn symmetric_keys_in_a_jwks_are_ignored() {
    let oct = json!({"kty": "oct", "kid": "shared", "k": "c2VjcmV0", "alg": "HS256"});
    let server = JwksServer::start(json!({"keys": [oct, rsa_jwk("k1")]}));
    let verifier = verifier(jwks(&server.url));
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("shared".into());
    let token = encode(&header, &claims(), &EncodingKey::from_secret(b"secret")).unwrap();
    assert_eq!(verifier.verify(&token).await, Err(AuthError::UnknownKey));
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
}

#[test]
fn settings_that_would_accept_tokens_meant_for_others_stop_init() {
    let refusal = |settings: AuthSettings| TokenVerifier::new(settings).err().map(|error| error.to_string());
    let any_audience = AuthSettings { audience: None, ..public_key(RSA_PUBLIC) };
    assert!(refusal(any_audience.clone()).is_some_and(|why| why.contains("AUTH_AUDIENCE is required")));
    assert!(refusal(AuthSettings { audience: None, ..jwks("https://idp.example/jwks.json") })
        .is_some_and(|why| why.contains("AUTH_AUDIENCE is required")));
    assert_eq!(refusal(AuthSettings { allow_any_audience: true, ..any_audience }), None, "allowed on purpose");

    let secret = |bytes: usize| AuthSettings { jwt_secret: Some("k".repeat(bytes).into()), ..AuthSettings::default() };
    assert!(refusal(secret(31)).is_some_and(|why| why.contains("at least 32 bytes")));
    assert_eq!(refusal(secret(32)), None);

    for url in ["http://idp.example/jwks.json", "ftp://127.0.0.1/jwks.json"] {
        assert!(refusal(jwks(url)).is_some_and(|why| why.contains("https")), "{url}");
    }
}

#[tokio::test]
async fn a_pem_that_is_not_a_usable_public_key_is_a_server_fault() {
    let rs256 =
        encode(&Header::new(Algorithm::RS256), &claims(), &EncodingKey::from_rsa_pem(RSA_PRIVATE).unwrap()).unwrap();
    let private_keys = [std::str::from_utf8(RSA_PRIVATE).unwrap(), std::str::from_utf8(EC_PRIVATE).unwrap()];
    let broken = RSA_PUBLIC.replace("MIIBIjAN", "MIIBIjAM");
    for pem in private_keys.into_iter().chain([broken.as_str(), "not a key"]) {
        let error = verifier(public_key(pem)).verify(&rs256).await.unwrap_err();
        assert!(error.is_server_fault(), "{error:?} for {pem}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn unusable_jwks_keys_are_skipped_and_the_others_serve() {
    let mut encryption = rsa_jwk("rsa-enc");
    encryption["use"] = json!("enc");
    let server = JwksServer::start(json!({"keys": [
        {"kty": "OKP", "crv": "X25519", "kid": "x25519", "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"},
        // jsonwebtoken would panic on this one: its x is 3 bytes, not 32.
        {"kty": "OKP", "crv": "Ed25519", "kid": "ed-short", "x": "AAAA"},
        {"kty": "RSA", "kid": "rsa-tiny", "n": "AQ", "e": "AQAB"},
        {"kty": "EC", "crv": "P-256", "kid": "ec-off-curve", "x": "AQ", "y": "AQ"},
        encryption,
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        rsa_jwk("k1"),
    ]}));
    let verifier = verifier(jwks(&server.url));
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
    let payload = rs256_with_kid("k1").split('.').nth(1).unwrap().to_owned();
    for (alg, kid) in [("EdDSA", "x25519"), ("EdDSA", "ed-short"), ("RS256", "rsa-tiny"), ("ES256", "ec-off-curve")] {
        let header = URL_SAFE_NO_PAD.encode(json!({"alg": alg, "kid": kid}).to_string());
        let token = format!("{header}.{payload}.AAAA");
        assert_eq!(verifier.verify(&token).await, Err(AuthError::UnknownKey), "{kid}");
    }
    assert_eq!(verifier.verify(&rs256_with_kid("rsa-enc")).await, Err(AuthError::UnknownKey));
}

#[tokio::test(flavor = "current_thread")]
async fn a_jwks_without_a_usable_key_is_a_server_fault() {
    let server = JwksServer::start(json!({"keys": [{"kty": "oct", "kid": "shared", "k": "c2VjcmV0"}]}));
    let error = verifier(jwks(&server.url)).verify(&rs256_with_kid("shared")).await.unwrap_err();
    assert!(error.is_server_fault(), "{error:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_jwks_redirect_is_not_followed() {
    let target = JwksServer::start(json!({"keys": [rsa_jwk("k1")]}));
    let redirecting = JwksServer::start(json!(target.url));
    let error = verifier(jwks(&redirecting.url)).verify(&rs256_with_kid("k1")).await.unwrap_err();
    assert!(error.is_server_fault(), "{error:?}");
    assert_eq!(redirecting.fetches.load(Ordering::SeqCst), 2, "at init, then for the first token");
    assert_eq!(target.fetches.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "current_thread")]
async fn keys_past_their_max_age_serve_while_they_are_refetched_in_the_background() {
    let server = JwksServer::start(json!({"keys": [rsa_jwk("k1")]}));
    let verifier = verifier(AuthSettings { jwks_max_age: Some(Duration::ZERO), ..jwks(&server.url) });
    // The provider withdraws k1: the request still holding it is answered with it at once.
    *server.keys.lock().unwrap() = json!({"keys": [rsa_jwk("k2")]});
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, user_1());
    // Once the refetch it started has landed, k1 is no longer trusted.
    let mut waits = 0;
    while verifier.verify(&rs256_with_kid("k1")).await.is_ok() {
        waits += 1;
        assert!(waits < 6000, "the background refetch never landed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(verifier.verify(&rs256_with_kid("k1")).await, Err(AuthError::UnknownKey));
    assert_eq!(verifier.verify(&rs256_with_kid("k2")).await, user_1());
}

/// Collects what a subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_secret_never_reaches_debug_or_log_output() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber =
        tracing_subscriber::fmt().with_writer(move || writer.clone()).with_max_level(Level::TRACE).finish();
    let _logging = tracing::subscriber::set_default(subscriber);
    const SHORT: &str = "short-secret-of-31-bytes-xxxxxx";

    let settings = AuthSettings { jwt_secret: Some(SECRET.into()), ..AuthSettings::default() };
    let mut output = format!("{settings:?}");
    let short = AuthSettings { jwt_secret: Some(SHORT.into()), ..AuthSettings::default() };
    output += &format!("{short:?} {:?}", TokenVerifier::new(short.clone()).err());
    // Both a secret and a public key: every token is a server fault, and its reason is logged.
    let both = verifier(AuthSettings {
        jwt_public_key_pem: Some(RSA_PUBLIC.into()),
        audience: Some(AUDIENCE.into()),
        ..settings
    });
    let request = http_api_event(None);
    let failure = both.authenticate(&request, Some(&hs256(&claims()))).await;
    output += &format!("{failure:?}");
    output += &format!("{:?}", secret_verifier().authenticate(&request, Some("a.b.c")).await);

    output += &String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(output.contains("cannot verify tokens") && output.contains("redacted"), "{output}");
    assert!(!output.contains(SECRET) && !output.contains(SHORT), "{output}");
}

fn http_api_event(claims: Option<serde_json::Value>) -> lambda_http::Request {
    let mut event = json!({
        "version": "2.0", "routeKey": "GET /api/v3/get-security-info", "rawPath": "/api/v3/get-security-info",
        "rawQueryString": "", "headers": {"host": "example.test"},
        "requestContext": {"accountId": "1", "apiId": "a", "domainName": "example.test", "domainPrefix": "e",
            "http": {"method": "GET", "path": "/api/v3/get-security-info", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "t"},
            "requestId": "r", "routeKey": "GET /api/v3/get-security-info", "stage": "$default", "time": "t", "timeEpoch": 0},
        "isBase64Encoded": false
    });
    if let Some(claims) = claims {
        event["requestContext"]["authorizer"] = json!({"jwt": {"claims": claims, "scopes": null}});
    }
    lambda_http::request::from_str(&event.to_string()).unwrap()
}

#[tokio::test]
async fn authorizer_claims_are_used_only_when_trusted() {
    let request = http_api_event(Some(json!({"sub": "user-1"})));
    let untrusted = secret_verifier();
    assert_eq!(untrusted.authenticate(&request, None).await, Err(AuthFailure::Unauthenticated(AuthError::Missing)));
    let trusted = verifier(AuthSettings { trust_authorizer: true, ..AuthSettings::default() });
    assert_eq!(trusted.authenticate(&request, None).await, Ok(Identity { subject: "user-1".into() }));
    // Trusted, but no authorizer ran: the function falls back to its own check.
    let bare = http_api_event(None);
    assert_eq!(trusted.authenticate(&bare, Some(&hs256(&claims()))).await, Err(AuthFailure::Unavailable));
}
