//! Lambda entry point: build everything once at init, then serve requests.

use lambda_glue::TokenVerifier;
use lambda_http::{service_fn, Error};
use scoring::Assessor;
use weak_password_verification::config::policy_from;
use weak_password_verification::{handle, Service};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_glue::logging::init();
    let policy = policy_from(|name| std::env::var(name).ok())?;
    let assessor = Assessor::new(policy);
    let verifier = TokenVerifier::from_env().await?;
    // Load the dictionaries and compile zxcvbn's patterns in init, not in the first request.
    assessor.warm_up();
    let service = Service { assessor, verifier };
    let service = &service;
    lambda_http::run(service_fn(move |request| async move { Ok::<_, Error>(handle(service, request).await) })).await
}
