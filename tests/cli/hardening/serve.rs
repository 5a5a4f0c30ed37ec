//! Hardening: the dev server against hostile clients on its socket: oversized and ambiguous
//! request heads, framing by other sites, and floods of slow or event-stream clients.
//! Every wait polls for its condition with a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve::{event_stream, get, read_until, start};
use crate::support::*;

/// Sends `request` and returns the whole response as text (empty if the connection failed).
/// Write errors are ignored: a server may answer before reading all of a long request.
fn exchange(port: u16, request: &[u8]) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn request(port: u16, path: &str, extra_headers: &str) -> String {
    exchange(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra_headers}\r\n").as_bytes(),
    )
}

/// Polls `attempt` until it returns true, for at most 20 s.
fn eventually(what: &str, mut attempt: impl FnMut() -> bool) {
    let started = Instant::now();
    while !attempt() {
        assert!(started.elapsed() < Duration::from_secs(20), "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_request_head_over_16_kb_gets_431_and_is_not_served() {
    let site = TestSite::basic("hard_serve_431");
    let server = start(&site);
    let port = server.port;
    let long = "a".repeat(20 * 1024);
    let response = request(port, "/about/", &format!("X-Padding: {long}\r\n"));
    assert!(
        response.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{response}"
    );
    assert!(!response.contains("<h1>About</h1>"), "{response}");
    // One long line or many short ones: the head as a whole is capped.
    let many = "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(500);
    assert!(request(port, "/about/", &many).starts_with("HTTP/1.1 431 "));
    // A head under the limit is served.
    let under = "a".repeat(15 * 1024);
    let response = request(port, "/about/", &format!("X-Padding: {under}\r\n"));
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains("<h1>About</h1>"));
}

#[test]
fn two_host_or_origin_headers_are_refused_with_400() {
    let site = TestSite::basic("hard_serve_two_hosts");
    let server = start(&site);
    let port = server.port;
    let here = format!("127.0.0.1:{port}");
    for extra in [
        format!("Host: {here}\r\n"),
        "Host: evil.example\r\n".to_string(),
        "host: evil.example\r\n".to_string(),
        format!("Origin: http://{here}\r\nOrigin: http://evil.example\r\n"),
    ] {
        let response = request(port, "/about/", &extra);
        assert!(
            response.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{extra:?}: {response}"
        );
        assert!(!response.contains("<h1>About</h1>"));
    }
    let once = request(port, "/about/", &format!("Origin: http://{here}\r\n"));
    assert!(once.starts_with("HTTP/1.1 200 OK\r\n"), "{once}");
}

#[test]
fn every_response_forbids_framing_by_another_site() {
    let site = TestSite::basic("hard_serve_framing");
    let server = start(&site);
    let port = server.port;
    let responses = [
        request(port, "/about/", ""),
        request(port, "/nope", ""),
        request(port, "/toolkits", ""),
        request(port, "/%2e%2e/etc/passwd", ""),
        request(port, "/__trellis/reload.js", ""),
        exchange(port, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
        exchange(
            port,
            format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
        ),
        request(port, "/", &format!("X-Padding: {}\r\n", "a".repeat(20_000))),
        exchange(
            port,
            format!("HEAD /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
        ),
    ];
    let statuses: Vec<&str> = responses.iter().map(|r| &r[9..12]).collect();
    assert_eq!(
        statuses,
        ["200", "404", "301", "400", "200", "403", "405", "431", "200"]
    );
    for response in &responses {
        let head = response.split("\r\n\r\n").next().unwrap();
        assert!(
            head.contains("\r\nContent-Security-Policy: frame-ancestors 'self'\r\n")
                && head.contains("\r\nX-Frame-Options: SAMEORIGIN\r\n"),
            "{head}"
        );
    }
    // The event stream too.
    let mut events = event_stream(port);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        events.read_line(&mut head).unwrap();
    }
    assert!(
        head.contains("\r\nX-Frame-Options: SAMEORIGIN\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\nContent-Security-Policy: frame-ancestors 'self'\r\n"));
}

#[test]
fn a_full_server_answers_503_with_retry_after_and_recovers() {
    let site = TestSite::basic("hard_serve_full");
    let server = start(&site);
    let port = server.port;
    // 256 clients that connect and send nothing hold every connection.
    let idle: Vec<TcpStream> = (0..256)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let response = request(port, "/about/", "");
    assert!(
        response.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{response}"
    );
    assert!(response.contains("\r\nRetry-After: 1\r\n"), "{response}");
    drop(idle);
    eventually(
        "the server serves again once the idle clients leave",
        || request(port, "/about/", "").starts_with("HTTP/1.1 200 OK\r\n"),
    );
}

#[test]
fn a_slow_client_gets_408_once_its_head_takes_10_s() {
    let site = TestSite::basic("hard_serve_slow");
    let server = start(&site);
    let port = server.port;
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(slow, "GET /about/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
    // A byte every half second keeps the connection busy but never finishes the head.
    let mut trickle = slow.try_clone().unwrap();
    std::thread::spawn(move || {
        while trickle.write_all(b"X").is_ok() {
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    let started = Instant::now();
    let mut response = String::new();
    let _ = slow.read_to_string(&mut response);
    assert!(
        response.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{response}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn event_streams_are_capped_and_a_closed_one_frees_its_place() {
    let site = TestSite::basic("hard_serve_event_cap");
    let server = start(&site);
    let port = server.port;
    let mut open: Vec<BufReader<TcpStream>> = (0..64)
        .map(|_| {
            let mut events = event_stream(port);
            read_until(&mut events, "retry:");
            events
        })
        .collect();
    let events = |port: u16| {
        exchange(
            port,
            format!("GET /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
        )
    };
    let refused = events(port);
    assert!(
        refused.starts_with("HTTP/1.1 503 Service Unavailable\r\n")
            && refused.contains("\r\nRetry-After: 1\r\n"),
        "{refused}"
    );
    // Pages are still served while the streams are full.
    assert_eq!(get(port, "/about/").0, 200);
    // A page that closes gives its place back without waiting for a ping.
    drop(open.pop());
    eventually("a new event stream is accepted", || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let mut status = String::new();
        BufReader::new(stream).read_line(&mut status).unwrap();
        status.starts_with("HTTP/1.1 200 ")
    });
}
