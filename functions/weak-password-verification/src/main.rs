//! Lambda entry point: build everything once at init, then serve requests.

use aws_config::BehaviorVersion;
use dynamo_glue::with_store_settings;
use lambda_glue::TokenVerifier;
use lambda_http::{service_fn, Error};
use scoring::Assessor;
use weak_password_verification::config::{breach_check_from, policy_from, policy_table_from, BreachSource};
use weak_password_verification::policy_cache::PolicyCache;
use weak_password_verification::range_api::RangeApi;
use weak_password_verification::tables::{DynamoTables, NoTables, Tables, WithRangeApi};
use weak_password_verification::{handle, Service};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_glue::logging::init();
    let env = |name: &str| std::env::var(name).ok();
    let assessor = Assessor::new(policy_from(env)?);
    let policy_table = policy_table_from(env)?;
    let breach_check = breach_check_from(env)?;
    let verifier = TokenVerifier::from_env().await?;
    // Load the dictionaries and compile zxcvbn's patterns in init, not in the first request.
    assessor.warm_up();
    let policy_cache = policy_table.as_ref().map(|table| PolicyCache::new(table.ttl));
    let breach_table = match breach_check.as_ref().map(|check| &check.source) {
        Some(BreachSource::Table(table)) => Some(table.clone()),
        _ => None,
    };
    let api = match breach_check.as_ref().map(|check| &check.source) {
        Some(BreachSource::Api(base)) => Some(RangeApi::new(base)),
        _ => None,
    };
    let parts = Parts { assessor, verifier, policy_cache, breach_check };
    // Without a table, no DynamoDB client is built: init stays as short as it was.
    if policy_table.is_none() && breach_table.is_none() {
        return match api {
            None => serve(parts, NoTables).await,
            Some(api) => serve(parts, WithRangeApi { tables: NoTables, api }).await,
        };
    }
    let sdk_config = with_store_settings(aws_config::defaults(BehaviorVersion::latest())).load().await;
    let mut tables = DynamoTables::new(aws_sdk_dynamodb::Client::new(&sdk_config));
    if let Some(table) = policy_table {
        tables = tables.with_policies(table.name);
    }
    if let Some(table) = breach_table {
        tables = tables.with_breach_table(table);
    }
    match api {
        None => serve(parts, tables).await,
        Some(api) => serve(parts, WithRangeApi { tables, api }).await,
    }
}

/// Everything of the service but its tables, whose type depends on the settings.
struct Parts {
    assessor: Assessor,
    verifier: TokenVerifier,
    policy_cache: Option<PolicyCache>,
    breach_check: Option<weak_password_verification::config::BreachCheck>,
}

async fn serve<T: Tables + Sync>(parts: Parts, tables: T) -> Result<(), Error> {
    let Parts { assessor, verifier, policy_cache, breach_check } = parts;
    let service = Service { assessor, verifier, tables, policy_cache, breach_check };
    let service = &service;
    lambda_http::run(service_fn(move |request| async move { Ok::<_, Error>(handle(service, request).await) })).await
}
