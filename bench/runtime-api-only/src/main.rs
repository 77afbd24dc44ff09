//! The control of `make bench`: a bootstrap that only fetches each event and answers it with a
//! constant, over one kept-alive connection, in plain blocking std code. Its first invocation
//! over its warm ones is what lambda_rapid's Runtime API and the loopback cost a first round
//! trip, with next to nothing of its own to warm up (no function, runtime or interpreter).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

fn main() -> io::Result<()> {
    let api =
        std::env::var("AWS_LAMBDA_RUNTIME_API").map_err(|_| io::Error::other("AWS_LAMBDA_RUNTIME_API is not set"))?;
    let mut runtime = TcpStream::connect(&api)?;
    runtime.set_nodelay(true)?;
    let mut responses = BufReader::new(runtime.try_clone()?);
    let next = format!("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\n\r\n");
    loop {
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

/// Reads one successful response, body included, and returns its `Lambda-Runtime-Aws-Request-Id`.
fn read_response(responses: &mut impl BufRead) -> io::Result<Option<String>> {
    let status = read_line(responses)?;
    if !status.split_whitespace().nth(1).is_some_and(|code| code.starts_with('2')) {
        return Err(io::Error::other(format!("the Runtime API answered {status}")));
    }
    let (mut request_id, mut body_length) = (None, 0);
    loop {
        let line = read_line(responses)?;
        let Some((name, value)) = line.split_once(':') else {
            break; // the blank line that ends the headers
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

/// One line without its line ending; the end of the stream is an error.
fn read_line(responses: &mut impl BufRead) -> io::Result<String> {
    let mut line = String::new();
    if responses.read_line(&mut line)? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(line.trim_end().to_owned())
}
