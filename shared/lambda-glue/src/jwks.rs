//! An identity provider's key set, fetched at init and refetched when it is older than its
//! maximum age (in the background, while its keys still serve) or when a token names a key it
//! does not hold (within the request, bounded).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::auth::AuthError;
use crate::keys::{parse_jwks, VerifyingKey};

/// An unknown `kid` refetches the key set at most this often, so forged kids cannot flood the IdP.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);
/// The whole fetch, connection to last byte. A request that waits for it still finishes well
/// inside the functions' timeouts (3 s with the slowest password check at about 1.3 s).
const FETCH_TIMEOUT: Duration = Duration::from_secs(1);
/// A key set larger than this is not a key set.
const MAX_BYTES: u64 = 256 * 1024;

/// Why a JWKS URL is refused at init.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let (scheme, rest) = url.split_once("://").ok_or("AUTH_JWKS_URL is not a URL")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err("AUTH_JWKS_URL has no host".into());
    }
    let loopback = host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err("AUTH_JWKS_URL must be https (plain http only to a loopback address)".into()),
    }
}

pub(crate) struct JwksCache {
    shared: Arc<Shared>,
}

struct Shared {
    url: String,
    agent: ureq::Agent,
    max_age: Duration,
    keys: RwLock<KeySet>,
    last_attempt: Mutex<Option<Instant>>,
    refreshing: AtomicBool,
}

#[derive(Default)]
struct KeySet {
    keys: HashMap<String, VerifyingKey>,
    fetched_at: Option<Instant>,
}

impl JwksCache {
    /// Fetches the key set. A failure is logged and retried when the first token arrives, so a
    /// slow IdP never fails the function's init (tokens meanwhile are a server fault).
    pub fn new(url: String, max_age: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(FETCH_TIMEOUT))
            // A redirect could lead anywhere (https to http, another host): not followed.
            .max_redirects(0)
            // The key set comes from the IdP itself, never through a proxy the environment names.
            .proxy(None)
            .build()
            .into();
        let shared = Arc::new(Shared {
            url,
            agent,
            max_age,
            keys: RwLock::default(),
            last_attempt: Mutex::default(),
            refreshing: AtomicBool::new(false),
        });
        shared.refresh();
        // After a failed fetch the interval is not started, so the first token may refetch at once.
        if !shared.is_empty() {
            shared.claim_refresh();
        }
        Self { shared }
    }

    /// The key `kid` names, if the key set holds it.
    pub async fn key_for(&self, kid: Option<&str>) -> Result<VerifyingKey, AuthError> {
        let shared = &self.shared;
        let (key, stale) = shared.lookup(kid);
        if let Some(key) = key {
            if stale {
                self.refresh_in_background();
            }
            return Ok(key);
        }
        // A token without a kid cannot name a key a refetch would bring.
        if (kid.is_some() || shared.is_empty()) && shared.claim_refresh() {
            let fetching = shared.clone();
            if let Err(error) = tokio::task::spawn_blocking(move || fetching.refresh()).await {
                tracing::warn!(error = %error, "the JWKS fetch task failed");
            }
        }
        match shared.lookup(kid) {
            (Some(key), _) => Ok(key),
            _ if shared.is_empty() => Err(AuthError::KeyUnusable("the JWKS holds no usable key".into())),
            _ => Err(AuthError::UnknownKey),
        }
    }

    /// Refetches without holding up the request, which still has a key to use.
    fn refresh_in_background(&self) {
        let shared = self.shared.clone();
        if shared.refreshing.swap(true, Ordering::SeqCst) {
            return;
        }
        if !shared.claim_refresh() {
            shared.refreshing.store(false, Ordering::SeqCst);
            return;
        }
        tokio::spawn(async move {
            let fetching = shared.clone();
            if let Err(error) = tokio::task::spawn_blocking(move || fetching.refresh()).await {
                tracing::warn!(error = %error, "the JWKS fetch task failed");
            }
            shared.refreshing.store(false, Ordering::SeqCst);
        });
    }
}

impl Shared {
    /// The key for `kid` and whether the key set is older than its maximum age.
    fn lookup(&self, kid: Option<&str>) -> (Option<VerifyingKey>, bool) {
        let Ok(set) = self.keys.read() else {
            return (None, false);
        };
        let stale = set.fetched_at.is_none_or(|at| at.elapsed() >= self.max_age);
        (kid.and_then(|kid| set.keys.get(kid).cloned()), stale)
    }

    fn is_empty(&self) -> bool {
        self.keys.read().map_or(true, |set| set.keys.is_empty())
    }

    /// Whether this caller may fetch now; if so, the interval starts again from now.
    fn claim_refresh(&self) -> bool {
        let Ok(mut last_attempt) = self.last_attempt.lock() else {
            return false;
        };
        let interval = MIN_REFRESH_INTERVAL.min(self.max_age);
        if last_attempt.is_some_and(|at| at.elapsed() < interval) {
            return false;
        }
        *last_attempt = Some(Instant::now());
        true
    }

    /// Fetches the key set and keeps it; on failure the keys held so far stay.
    fn refresh(&self) {
        match self.fetch() {
            Ok(keys) => {
                if keys.is_empty() {
                    tracing::error!("the JWKS holds no usable key");
                }
                if let Ok(mut set) = self.keys.write() {
                    *set = KeySet { keys, fetched_at: Some(Instant::now()) };
                }
            }
            Err(error) => tracing::error!(error = %error, "could not fetch the JWKS"),
        }
    }

    fn fetch(&self) -> Result<HashMap<String, VerifyingKey>, JwksError> {
        let body = self.agent.get(&self.url).call()?.into_body().with_config().limit(MAX_BYTES).read_to_string()?;
        Ok(parse_jwks(&body)?)
    }
}

#[derive(Debug, thiserror::Error)]
enum JwksError {
    #[error("JWKS request failed: {0}")]
    Http(#[from] ureq::Error),
    #[error("JWKS is not a key set: {0}")]
    Json(#[from] serde_json::Error),
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn only_https_or_loopback_http_urls_are_accepted() {
        for url in [
            "https://idp.example/.well-known/jwks.json",
            "http://127.0.0.1:8080/jwks.json",
            "http://localhost/jwks.json",
            "http://[::1]:9000/jwks.json",
        ] {
            assert_eq!(check_url(url), Ok(()), "{url}");
        }
        for url in [
            "http://idp.example/jwks.json",
            "http://127.0.0.1.evil.example/jwks.json",
            "http://localhost@idp.example/jwks.json",
            "ftp://127.0.0.1/jwks.json",
            "idp.example/jwks.json",
            "https:///jwks.json",
        ] {
            assert!(check_url(url).is_err(), "{url}");
        }
    }
}
