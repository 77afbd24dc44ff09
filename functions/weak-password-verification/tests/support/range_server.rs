//! A Pwned Passwords range API of our own: `GET /range/{5 hex digits}` answered from a
//! `HASH:COUNT` file exactly as api.pwnedpasswords.com answers (`SUFFIX:COUNT` lines of the
//! other 35 hex digits, CRLF-separated, and with `Add-Padding: true` padding lines of count 0).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Padding lines added to each answer when asked (the real API pads to 800 to 1,000 lines).
const PADDING_LINES: usize = 200;

pub struct RangeServer {
    pub base: String,
    /// Requests that came without `Add-Padding: true`.
    pub unpadded_requests: Arc<AtomicUsize>,
}

impl RangeServer {
    /// Serves the `HASH:COUNT` lines of `file` on a free port, until the test process ends.
    pub fn start(file: &Path) -> Self {
        let mut ranges: HashMap<String, String> = HashMap::new();
        for line in std::fs::read_to_string(file).expect("the corpus file exists").lines() {
            let (prefix, rest) = line.split_at(5);
            ranges
                .entry(prefix.to_ascii_uppercase())
                .or_default()
                .push_str(&format!("{}\r\n", rest.to_ascii_uppercase()));
        }
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let unpadded_requests = Arc::new(AtomicUsize::new(0));
        let unpadded = unpadded_requests.clone();
        std::thread::spawn(move || {
            for connection in listener.incoming().flatten() {
                let mut reader = BufReader::new(connection.try_clone().unwrap());
                let mut request_line = String::new();
                let _ = reader.read_line(&mut request_line);
                let mut padded = false;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                        break;
                    }
                    padded |= header.to_ascii_lowercase().replace(' ', "").trim() == "add-padding:true";
                }
                if !padded {
                    unpadded.fetch_add(1, Ordering::Relaxed);
                }
                let path = request_line.split_whitespace().nth(1).unwrap_or("");
                let response = match path.strip_prefix("/range/") {
                    Some(prefix) if prefix.len() == 5 && prefix.bytes().all(|b| b.is_ascii_hexdigit()) => {
                        let mut body = ranges.get(&prefix.to_ascii_uppercase()).cloned().unwrap_or_default();
                        if padded {
                            for n in 0..PADDING_LINES {
                                body.push_str(&format!("{:035X}:0\r\n", 0xFFFF_0000_0000u64 + n as u64));
                            }
                        }
                        let body = body.trim_end_matches("\r\n");
                        format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
                    }
                    _ => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
                };
                let mut connection = connection;
                let _ = connection.write_all(response.as_bytes());
            }
        });
        Self { base, unpadded_requests }
    }
}
