//! The DynamoDB glue both functions share: the client settings (timeouts and retries) and the
//! one mapping of SDK faults (throttled, timed out, unreachable, missing table) to [`StoreError`].

#[cfg(feature = "test-support")]
pub mod dynamodb_local;

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::ConfigLoader;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};

/// Each attempt and the whole call are bounded, so a slow table answers a clean error long
/// before the function's own timeout (see `template.yaml`).
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(1000);
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(1000);
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(2500);
pub const MAX_ATTEMPTS: u32 = 3;

/// Why an item could not be read. Messages name no key and quote no item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the table is throttling requests")]
    Throttled,
    #[error("the table did not answer in time")]
    Timeout,
    #[error("the table is unavailable: {0}")]
    Unavailable(String),
    #[error("the stored item is malformed: attribute `{attribute}` {problem}")]
    MalformedItem { attribute: &'static str, problem: &'static str },
}

impl StoreError {
    /// The fixed label of this failure in logs and metrics.
    pub fn outcome(&self, malformed: &'static str) -> &'static str {
        match self {
            Self::Throttled => "store_throttled",
            Self::Timeout => "store_timeout",
            Self::Unavailable(_) => "store_unavailable",
            Self::MalformedItem { .. } => malformed,
        }
    }
}

/// The SDK settings every store runs with; endpoint, region and credentials come from the
/// loader (and so from `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL` in Lambda).
///
/// Stalled-stream protection is off: its 20 s grace period could never fire before
/// [`OPERATION_TIMEOUT`], and it costs every request an interceptor and a wrapped body.
pub fn with_store_settings(loader: ConfigLoader) -> ConfigLoader {
    loader
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .operation_timeout(OPERATION_TIMEOUT)
                .build(),
        )
        .retry_config(
            RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS).with_max_backoff(Duration::from_millis(200)),
        )
}

/// Any DynamoDB operation's failure as a [`StoreError`], by the error codes DynamoDB answers
/// with (the same for `GetItem`, `BatchGetItem` and the rest).
pub fn store_error<E: ProvideErrorMetadata, R>(error: SdkError<E, R>) -> StoreError {
    match &error {
        SdkError::TimeoutError(_) => StoreError::Timeout,
        SdkError::DispatchFailure(failure) if failure.is_timeout() => StoreError::Timeout,
        SdkError::DispatchFailure(_) => StoreError::Unavailable("cannot reach the table's endpoint".into()),
        SdkError::ServiceError(service) => match service.err().code() {
            Some("ProvisionedThroughputExceededException" | "RequestLimitExceeded" | "ThrottlingException") => {
                StoreError::Throttled
            }
            Some("ResourceNotFoundException") => StoreError::Unavailable("the table does not exist".into()),
            code => StoreError::Unavailable(format!("DynamoDB error {}", code.unwrap_or("unknown"))),
        },
        _ => StoreError::Unavailable("DynamoDB request failed".into()),
    }
}
