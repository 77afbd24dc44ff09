//! Structured JSON logs: tracing for events, and one metric-bearing line per request.

use std::future::Future;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::FutureExt;
use lambda_http::{Body, Response};

use serde::Serialize;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;

/// CloudWatch namespace of the per-request metrics.
pub const METRICS_NAMESPACE: &str = "AccountSecurity";

/// At TRACE, lambda_runtime logs every raw event, which carries passwords and tokens: that
/// target never logs below ERROR, whatever level is asked for.
const RAW_EVENT_TARGET: &str = "lambda_runtime::layers::api_response";

/// The filter for a level name such as `info` or `DEBUG` (unknown names mean INFO). A plain
/// target filter, not `EnvFilter`: it needs no regex engine, which keeps init and memory small.
fn filter(level: &str) -> Targets {
    let level = level.trim();
    // Lambda's log levels end at FATAL, which tracing lacks: its nearest is ERROR.
    let level = if level.eq_ignore_ascii_case("fatal") {
        LevelFilter::ERROR
    } else {
        level.parse::<LevelFilter>().unwrap_or(LevelFilter::INFO)
    };
    Targets::new().with_default(level).with_target(RAW_EVENT_TARGET, level.min(LevelFilter::ERROR))
}

/// JSON log lines to `writer`, as Lambda's JSON log format expects them (tests capture them).
pub fn subscriber<W>(level: &str, writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_target(false)
        .with_ansi(false)
        .with_writer(writer)
        // The builder's own ceiling (INFO by default) is lifted; `filter` decides.
        .with_max_level(LevelFilter::TRACE)
        .finish()
        .with(filter(level))
}

/// JSON logs on stdout, at `AWS_LAMBDA_LOG_LEVEL` (set by Lambda's logging config) or
/// `RUST_LOG`, default INFO. A panic logs where it happened but never its message, which could
/// quote request data.
pub fn init() {
    let level = std::env::var("AWS_LAMBDA_LOG_LEVEL").or_else(|_| std::env::var("RUST_LOG"));
    let subscriber = subscriber(level.as_deref().unwrap_or("info"), std::io::stdout);
    // Only fails if a subscriber is already set, which then stays.
    let _ = tracing::subscriber::set_global_default(subscriber);
    std::panic::set_hook(Box::new(log_panic));
}

/// Logs a panic's location, never its message.
fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
    let location = info.location().map(|location| format!("{}:{}", location.file(), location.line()));
    tracing::error!(location = location.as_deref().unwrap_or("unknown"), "panic");
}

/// The one log line of a request: its outcome, status and latency, in CloudWatch Embedded
/// Metric Format, so that `Requests` and `Latency` are metrics per function and outcome even
/// where the HTTP status is always 200.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLog<'a> {
    pub function: &'a str,
    pub request_id: &'a str,
    /// A short, fixed label such as `ok`, `unauthorized` or `store_error`.
    pub outcome: &'a str,
    pub status: u16,
    pub latency: Duration,
}

impl RequestLog<'_> {
    /// This request's line: one EMF JSON object.
    pub fn to_line(&self) -> String {
        let timestamp_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
        let line = EmfLine {
            aws: Aws {
                timestamp: u64::try_from(timestamp_ms).unwrap_or(u64::MAX),
                cloud_watch_metrics: [Directive {
                    namespace: METRICS_NAMESPACE,
                    dimensions: [["Function", "Outcome"]],
                    metrics: [
                        Metric { name: "Requests", unit: "Count" },
                        Metric { name: "Latency", unit: "Milliseconds" },
                    ],
                }],
            },
            level: "INFO",
            message: "request handled",
            function: self.function,
            outcome: self.outcome,
            requests: 1,
            latency: self.latency.as_secs_f64() * 1000.0,
            request_id: self.request_id,
            status: self.status,
        };
        // Plain structs of strings and numbers always serialise.
        serde_json::to_string(&line).unwrap_or_default()
    }

    /// Writes the line to stdout, where Lambda ships it to CloudWatch Logs: in one write, so
    /// that it stays whole; a closed stdout loses the line rather than failing the request.
    pub fn emit(&self) {
        let mut line = self.to_line();
        line.push('\n');
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
    }
}

/// A request's line in CloudWatch Embedded Metric Format: the `_aws` directive names which
/// top-level members are dimensions and metrics.
#[derive(Serialize)]
struct EmfLine<'a> {
    #[serde(rename = "_aws")]
    aws: Aws,
    level: &'static str,
    message: &'static str,
    #[serde(rename = "Function")]
    function: &'a str,
    #[serde(rename = "Outcome")]
    outcome: &'a str,
    #[serde(rename = "Requests")]
    requests: u32,
    #[serde(rename = "Latency")]
    latency: f64,
    #[serde(rename = "requestId")]
    request_id: &'a str,
    status: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Aws {
    timestamp: u64,
    cloud_watch_metrics: [Directive; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Directive {
    namespace: &'static str,
    dimensions: [[&'static str; 2]; 1],
    metrics: [Metric; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Metric {
    name: &'static str,
    unit: &'static str,
}

/// The outcome of a request whose handler panicked.
pub const PANIC_OUTCOME: &str = "server_failure";

/// Answers a request with `answer` (its outcome label and response) and writes the request's
/// one log line, timed from here. If `answer` panics, the request is answered with
/// `on_panic()` (the endpoint's own server failure) rather than API Gateway's bare 502; the
/// panic hook of [`init`] has logged where it happened.
pub async fn logged<F>(
    function: &str,
    request_id: &str,
    answer: F,
    on_panic: impl FnOnce() -> Response<Body>,
) -> Response<Body>
where
    F: Future<Output = (&'static str, Response<Body>)>,
{
    let started = Instant::now();
    let (outcome, response) =
        AssertUnwindSafe(answer).catch_unwind().await.unwrap_or_else(|_| (PANIC_OUTCOME, on_panic()));
    RequestLog { function, request_id, outcome, status: response.status().as_u16(), latency: started.elapsed() }.emit();
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Collects what a subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged_at(level: &str, emit: impl FnOnce()) -> String {
        let captured = Captured::default();
        let writer = captured.clone();
        tracing::subscriber::with_default(subscriber(level, move || writer.clone()), emit);
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn raw_events_never_reach_the_log_even_at_trace() {
        let logged = logged_at("trace", || {
            tracing::trace!(target: "lambda_runtime::layers::api_response", body = r#"{"password":"hunter2"}"#, "raw");
            tracing::trace!(target: "get_security_info", "kept");
        });
        assert!(!logged.contains("hunter2"), "{logged}");
        assert!(logged.contains("kept"), "{logged}");
    }

    #[test]
    fn lines_are_json_at_the_asked_level() {
        let logged = logged_at("WARN", || {
            tracing::info!("dropped");
            tracing::warn!(attribute = "mfaEnrolled", "account store failed");
        });
        let line: serde_json::Value = serde_json::from_str(logged.trim()).expect("one JSON line");
        assert_eq!(line["level"], "WARN");
        assert_eq!(line["attribute"], "mfaEnrolled");
        assert_eq!(line["message"], "account store failed");
    }

    #[test]
    fn lambdas_fatal_level_keeps_only_errors() {
        let logged = logged_at("FATAL", || {
            tracing::warn!("dropped");
            tracing::error!("kept");
        });
        let line: serde_json::Value = serde_json::from_str(logged.trim()).expect("one JSON line");
        assert_eq!(line["message"], "kept");
    }

    #[test]
    fn request_line_is_embedded_metric_format() {
        let line = RequestLog {
            function: "get-security-info",
            request_id: "r-1",
            outcome: "not_found",
            status: 200,
            latency: Duration::from_micros(1500),
        }
        .to_line();
        let line: serde_json::Value = serde_json::from_str(&line).expect("one JSON object");
        let directive = &line["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(directive["Namespace"], METRICS_NAMESPACE);
        // Every dimension and metric the directive names must be a top-level member.
        for dimension in directive["Dimensions"][0].as_array().unwrap() {
            assert!(line[dimension.as_str().unwrap()].is_string());
        }
        for metric in directive["Metrics"].as_array().unwrap() {
            assert!(line[metric["Name"].as_str().unwrap()].is_number());
        }
        assert_eq!(line["Outcome"], "not_found");
        assert_eq!(line["Latency"], 1.5);
        assert_eq!(line["requestId"], "r-1");
    }

    #[test]
    fn a_panicking_handler_answers_its_own_failure_and_logs_only_where() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(log_panic));
        let mut status = 0;
        let logged = logged_at("info", || {
            let answer = async { panic!("the password was hunter2") };
            let failure = || crate::response::json_response(500, &serde_json::json!({"error": "ours"}), &[]);
            status = runtime.block_on(logged("f", "r-1", answer, failure)).status().as_u16();
        });
        std::panic::set_hook(previous_hook);
        assert_eq!(status, 500);
        assert!(!logged.contains("hunter2"), "{logged}");
        let line: serde_json::Value = serde_json::from_str(logged.lines().next().unwrap()).unwrap();
        assert_eq!(line["message"], "panic");
        assert!(line["location"].as_str().unwrap().contains("logging.rs"), "{line}");
    }
}
