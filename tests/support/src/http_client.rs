//! A bare HTTP/1.1 client over a TCP stream: enough for loopback calls to the local runner and
//! moto's inspection API, without another HTTP stack in the dependency tree.

use std::io::{Read, Write};
use std::net::TcpStream;

pub struct HttpResponse {
    pub status: u16,
    /// The header section, as sent.
    pub head: String,
    pub body: String,
}

impl HttpResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

pub fn request(base: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let authority = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(authority).unwrap_or_else(|e| panic!("connect {authority}: {e}"));
    // A test waits at most this long for an answer, and then says so.
    let timeout = Some(std::time::Duration::from_secs(30));
    stream.set_read_timeout(timeout).and_then(|_| stream.set_write_timeout(timeout)).expect("set timeouts");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body)).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap_or_else(|e| panic!("no answer to {method} {path} within 30 s: {e}"));
    let text = String::from_utf8(raw).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("header and body");
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    HttpResponse { status, head: head.to_string(), body }
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&tail[..size]);
        rest = &tail[size + 2..];
    }
    out
}
