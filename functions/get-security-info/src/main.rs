//! Lambda entry point: build the DynamoDB client and token verifier once, then serve requests.

use aws_config::BehaviorVersion;
use dynamo_glue::with_store_settings;
use get_security_info::dynamo::DynamoAccountStore;
use get_security_info::{handle, Service};
use lambda_glue::TokenVerifier;
use lambda_http::{service_fn, Error};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_glue::logging::init();
    let table = std::env::var("ACCOUNTS_TABLE").map_err(|_| "ACCOUNTS_TABLE must name the accounts table")?;
    let sdk_config = with_store_settings(aws_config::defaults(BehaviorVersion::latest())).load().await;
    let store = DynamoAccountStore::new(aws_sdk_dynamodb::Client::new(&sdk_config), table);
    let verifier = TokenVerifier::from_env().await?;
    let service = Service { store, verifier };
    let service = &service;
    lambda_http::run(service_fn(move |request| async move { Ok::<_, Error>(handle(service, request).await) })).await
}
