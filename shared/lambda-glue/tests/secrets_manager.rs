//! The HS256 key read from Secrets Manager (`AUTH_JWT_SECRET_ARN`), against moto's server.

mod support;

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use lambda_glue::{AuthSettings, Identity, TokenVerifier};
use serde_json::json;
use support::{client, secret_holding};

const SECRET: &str = "a-key-of-at-least-32-bytes-kept-in-secrets-manager";

fn settings_for(arn: String) -> AuthSettings {
    AuthSettings { jwt_secret_arn: Some(arn), ..AuthSettings::default() }
}

fn token_signed_with(key: &[u8]) -> String {
    let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 600;
    encode(&Header::new(Algorithm::HS256), &json!({"sub": "user-1", "exp": exp}), &EncodingKey::from_secret(key))
        .unwrap()
}

#[tokio::test]
async fn the_hs256_key_is_read_from_secrets_manager() {
    let client = client().await;
    let binary_key = [7u8; 48];
    for (value, key) in [(Ok(SECRET), SECRET.as_bytes()), (Err(&binary_key[..]), &binary_key[..])] {
        let settings = settings_for(secret_holding(&client, value).await).with_secret_from(&client).await.unwrap();
        assert!(!format!("{settings:?}").contains(SECRET), "{settings:?}");
        let verifier = TokenVerifier::new(settings).unwrap();
        assert_eq!(verifier.verify(&token_signed_with(key)).await, Ok(Identity { subject: "user-1".into() }));
        assert!(verifier.verify(&token_signed_with(b"another-key-of-at-least-32-bytes!!")).await.is_err());
    }
}

#[tokio::test]
async fn a_secret_that_cannot_be_read_or_used_stops_init() {
    let client = client().await;
    let missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:no-such-secret-AbCdEf".to_owned();
    let error = settings_for(missing).with_secret_from(&client).await.unwrap_err();
    assert!(error.to_string().contains("cannot read the secret AUTH_JWT_SECRET_ARN names"), "{error}");

    let short = secret_holding(&client, Ok("too-short")).await;
    let settings = settings_for(short).with_secret_from(&client).await.unwrap();
    let error = TokenVerifier::new(settings).err().expect("a short key is refused");
    assert!(error.to_string().contains("at least 32 bytes"), "{error}");

    let both =
        AuthSettings { jwt_secret: Some(SECRET.into()), ..settings_for(secret_holding(&client, Ok(SECRET)).await) };
    let error = both.with_secret_from(&client).await.unwrap_err();
    assert!(error.to_string().contains("only one"), "{error}");
}
