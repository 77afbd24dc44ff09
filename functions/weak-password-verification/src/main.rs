//! Lambda entry point: build everything once at init, then serve requests.

use aws_config::BehaviorVersion;
use dynamo_glue::with_store_settings;
use lambda_glue::{AuthSettings, TokenVerifier};
use lambda_http::{service_fn, Error};
use scoring::Assessor;
use weak_password_verification::config::{policy_from, policy_table_from};
use weak_password_verification::policy_cache::PolicyCache;
use weak_password_verification::tables::{DynamoTables, NoTables, Tables};
use weak_password_verification::{handle, Service};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_glue::logging::init();
    let env = |name: &str| std::env::var(name).ok();
    let assessor = Assessor::new(policy_from(env)?);
    let policy_table = policy_table_from(env)?;
    let verifier = TokenVerifier::new(AuthSettings::from_env());
    // Load the dictionaries and compile zxcvbn's patterns in init, not in the first request.
    assessor.warm_up();
    // Without a table, no DynamoDB client is built: init stays as short as it was.
    match policy_table {
        None => serve(Service { assessor, verifier, tables: NoTables, policy_cache: None }).await,
        Some(table) => {
            let sdk_config = with_store_settings(aws_config::defaults(BehaviorVersion::latest())).load().await;
            let tables = DynamoTables::new(aws_sdk_dynamodb::Client::new(&sdk_config), table.name);
            serve(Service { assessor, verifier, tables, policy_cache: Some(PolicyCache::new(table.ttl)) }).await
        }
    }
}

async fn serve<T: Tables + Sync>(service: Service<T>) -> Result<(), Error> {
    let service = &service;
    lambda_http::run(service_fn(move |request| async move { Ok::<_, Error>(handle(service, request).await) })).await
}
