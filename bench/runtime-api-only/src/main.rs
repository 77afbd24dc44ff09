//! The control of `make bench`: a bootstrap that only fetches each event and answers it with a
//! constant, over one kept-alive connection, in plain blocking std code. Its first invocation
//! over its warm ones is what lambda_rapid's Runtime API and the loopback cost a first round
//! trip, with no function, runtime or interpreter of its own to warm up.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

fn main() -> io::Result<()> {
    let api =
        std::env::var("AWS_LAMBDA_RUNTIME_API").map_err(|_| io::Error::other("AWS_LAMBDA_RUNTIME_API is not set"))?;
    let mut runtime = TcpStream::connect(&api)?;
    let mut responses = BufReader::new(runtime.try_clone()?);
    let next = format!("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\n\r\n");
    loop {
        // Each request in one write: split writes would wait on Nagle's algorithm.
        runtime.write_all(next.as_bytes())?;
        let request_id = read_response(&mut responses)?
            .ok_or_else(|| io::Error::other("an event came without Lambda-Runtime-Aws-Request-Id"))?;
        let body = r#"{"statusCode":200}"#;
        let answer = format!(
            "POST /2018-06-01/runtime/invocation/{request_id}/response HTTP/1.1\r\nHost: {api}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        runtime.write_all(answer.as_bytes())?;
        read_response(&mut responses)?;
    }
}

/// Reads one response, body included, and returns its `Lambda-Runtime-Aws-Request-Id`.
fn read_response(responses: &mut impl BufRead) -> io::Result<Option<String>> {
    let (mut request_id, mut body_length) = (None, 0);
    loop {
        let mut line = String::new();
        if responses.read_line(&mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let Some((name, value)) = line.trim_end().split_once(':') else {
            // The blank line that ends the headers (or the status line, which has no colon).
            if line.trim_end().is_empty() {
                break;
            }
            continue;
        };
        if name.eq_ignore_ascii_case("content-length") {
            body_length = value.trim().parse().map_err(io::Error::other)?;
        } else if name.eq_ignore_ascii_case("lambda-runtime-aws-request-id") {
            request_id = Some(value.trim().to_owned());
        }
    }
    io::copy(&mut responses.take(body_length), &mut io::sink())?;
    Ok(request_id)
}
