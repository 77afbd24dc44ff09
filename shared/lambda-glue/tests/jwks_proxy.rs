//! The JWKS is fetched from the identity provider itself, whatever proxy the environment names.
//! A test binary of its own, since it sets the process's environment.

mod support;

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use lambda_glue::{AuthSettings, TokenVerifier};
use serde_json::json;
use support::JwksServer;

#[test]
fn the_environments_proxy_settings_are_ignored() {
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let proxied = Arc::new(AtomicUsize::new(0));
    let counted = proxied.clone();
    std::thread::spawn(move || {
        for connection in proxy.incoming() {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(connection);
        }
    });
    for name in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        std::env::set_var(name, &proxy_url);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(name);
    }
    let server = JwksServer::start(json!({"keys": []}));
    let settings =
        AuthSettings { jwks_url: Some(server.url.clone()), allow_any_audience: true, ..AuthSettings::default() };
    TokenVerifier::new(settings).unwrap();
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1, "fetched from the server itself");
    assert_eq!(proxied.load(Ordering::SeqCst), 0, "never through the proxy");
}
