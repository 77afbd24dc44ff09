//! The keys tokens are checked with, each checked for use when it is loaded, so that a bad key
//! is found at init (or when a key set is fetched), not by every token that names it.

use std::collections::HashMap;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{BigUint, RsaPublicKey};
use serde::Deserialize;

/// Shortest HS256 secret accepted: 256 bits, as RFC 7518 asks of an HS256 key.
pub const MIN_SECRET_BYTES: usize = 32;

const RSA_ALGORITHMS: [Algorithm; 6] =
    [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512, Algorithm::PS256, Algorithm::PS384, Algorithm::PS512];
const HMAC_ALGORITHMS: [Algorithm; 3] = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];

/// A key and the algorithms a token checked with it may name: those of its own family (and of
/// its curve), so an RSA public key can never be used as an HMAC secret.
#[derive(Clone)]
pub(crate) struct VerifyingKey {
    pub key: DecodingKey,
    pub algorithms: Vec<Algorithm>,
}

impl VerifyingKey {
    /// An HMAC secret.
    pub fn from_secret(secret: &[u8]) -> Self {
        Self { key: DecodingKey::from_secret(secret), algorithms: HMAC_ALGORITHMS.to_vec() }
    }

    /// A PEM public key (RSA, or EC on P-256 or P-384). Literal `\n`s, as a PEM pasted into a
    /// one-line variable has them, are read as newlines. A private key or a certificate is refused.
    pub fn from_pem(pem: &str) -> Result<Self, &'static str> {
        let pem = pem.replace("\\n", "\n");
        if !pem.contains("-----BEGIN PUBLIC KEY-----") && !pem.contains("-----BEGIN RSA PUBLIC KEY-----") {
            return Err("AUTH_JWT_PUBLIC_KEY is not a public key in PEM (BEGIN PUBLIC KEY)");
        }
        if let Ok(key) = DecodingKey::from_rsa_pem(pem.as_bytes()) {
            RsaPublicKey::from_pkcs1_der(key.as_bytes()).map_err(|_| "AUTH_JWT_PUBLIC_KEY is not a valid RSA key")?;
            return Ok(Self { key, algorithms: RSA_ALGORITHMS.to_vec() });
        }
        let key = DecodingKey::from_ec_pem(pem.as_bytes())
            .map_err(|_| "AUTH_JWT_PUBLIC_KEY is not an RSA or EC public key in PEM")?;
        [Algorithm::ES256, Algorithm::ES384]
            .into_iter()
            .find(|algorithm| parses_as(&key, *algorithm))
            .map(|algorithm| Self { key, algorithms: vec![algorithm] })
            .ok_or("AUTH_JWT_PUBLIC_KEY is not a P-256 or P-384 key")
    }

    /// A key of a JWKS, with its `kid`; or why it cannot be used.
    fn from_jwk(value: serde_json::Value) -> Result<(String, Self), String> {
        let jwk: Jwk =
            serde_json::from_value(value).map_err(|_| "not a signature key of a supported type".to_owned())?;
        let kid = jwk.common.key_id.clone().ok_or("it has no kid")?;
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
            return Err("it is an encryption key".into());
        }
        let mut algorithms = match &jwk.algorithm {
            // A symmetric key published in a JWKS would let anyone who can read it sign tokens.
            AlgorithmParameters::OctetKey(_) => return Err("it is a symmetric key".into()),
            AlgorithmParameters::RSA(params) => {
                let (n, e) = (decode(&params.n)?, decode(&params.e)?);
                RsaPublicKey::new(BigUint::from_bytes_be(&n), BigUint::from_bytes_be(&e))
                    .map_err(|_| "it is not a valid RSA key")?;
                RSA_ALGORITHMS.to_vec()
            }
            AlgorithmParameters::EllipticCurve(params) => match params.curve {
                EllipticCurve::P256 => vec![Algorithm::ES256],
                EllipticCurve::P384 => vec![Algorithm::ES384],
                _ => return Err("its curve is not supported".into()),
            },
            AlgorithmParameters::OctetKeyPair(params) => {
                // jsonwebtoken slices the first 32 bytes without checking: a shorter key would panic.
                if params.curve != EllipticCurve::Ed25519 || decode(&params.x)?.len() != 32 {
                    return Err("it is not a 32-byte Ed25519 key".into());
                }
                vec![Algorithm::EdDSA]
            }
        };
        if let Some(named) = &jwk.common.key_algorithm {
            let named = Algorithm::from_str(&named.to_string()).map_err(|_| "its alg is not a signature algorithm")?;
            if !algorithms.contains(&named) {
                return Err("its alg does not match its key type".into());
            }
            algorithms = vec![named];
        }
        let key = DecodingKey::from_jwk(&jwk).map_err(|_| "it is not a valid key")?;
        if !parses_as(&key, algorithms[0]) {
            return Err("it is not a valid key".into());
        }
        Ok((kid, Self { key, algorithms }))
    }
}

fn decode(base64url: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD.decode(base64url.trim_end_matches('=')).map_err(|_| "a parameter is not base64url".into())
}

/// Whether `key` can check `algorithm`'s signatures (an EC or Ed25519 key is parsed then; an
/// RSA key only when a signature is checked, which is why RSA keys are checked above).
fn parses_as(key: &DecodingKey, algorithm: Algorithm) -> bool {
    jsonwebtoken::crypto::verify("", b"", key, algorithm).is_ok()
}

/// The usable keys of a JWKS document by `kid`; each key that cannot be used is logged and
/// skipped, so one key of a kind this service cannot use (an X25519 encryption key beside the
/// signing keys, as some providers publish) does not cost the others.
pub(crate) fn parse_jwks(body: &str) -> Result<HashMap<String, VerifyingKey>, serde_json::Error> {
    #[derive(Deserialize)]
    struct KeySet {
        keys: Vec<serde_json::Value>,
    }
    let set: KeySet = serde_json::from_str(body)?;
    let mut keys = HashMap::new();
    for value in set.keys {
        let kid = value.get("kid").and_then(serde_json::Value::as_str).unwrap_or("-").to_owned();
        match VerifyingKey::from_jwk(value) {
            Ok((kid, key)) => {
                keys.insert(kid, key);
            }
            Err(reason) => tracing::warn!(kid = %kid, reason = %reason, "skipping a JWKS key"),
        }
    }
    Ok(keys)
}
