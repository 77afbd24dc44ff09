//! main.rs's path: `TokenVerifier::from_env` reads the key `AUTH_JWT_SECRET_ARN` names with the
//! SDK's default configuration (aimed at moto's server here). A test binary of its own, since it
//! sets the process's environment.

mod support;

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use lambda_glue::{Identity, TokenVerifier};
use serde_json::json;
use support::{client, endpoint, secret_holding};

const SECRET: &str = "the-key-main-reads-from-secrets-manager-at-init";

#[tokio::test]
async fn from_env_reads_the_key_a_secret_arn_names() {
    let arn = secret_holding(&client().await, Ok(SECRET)).await;
    for name in
        ["AUTH_JWT_SECRET", "AUTH_JWT_PUBLIC_KEY", "AUTH_JWKS_URL", "AUTH_ISSUER", "AUTH_AUDIENCE", "AWS_PROFILE"]
    {
        std::env::remove_var(name);
    }
    for (name, value) in [
        ("AUTH_JWT_SECRET_ARN", arn.as_str()),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "local"),
        ("AWS_SECRET_ACCESS_KEY", "local"),
    ] {
        std::env::set_var(name, value);
    }
    let verifier = TokenVerifier::from_env().await.expect("the key is read");
    let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 600;
    let token = encode(
        &Header::new(Algorithm::HS256),
        &json!({"sub": "user-1", "exp": exp}),
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap();
    assert_eq!(verifier.verify(&token).await, Ok(Identity { subject: "user-1".into() }));

    std::env::set_var("AUTH_JWT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:gone-AbCdEf");
    assert!(TokenVerifier::from_env().await.is_err(), "a secret that cannot be read stops init");
}
