//! The little HTTP the dev server speaks: reading a request head within limits, deciding
//! which path a request names, and writing responses.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most a request head may take, in bytes and in time: enough for any browser, too
/// little for a client to hold a thread or memory by sending slowly.
const HEAD_BYTES: u64 = 16 * 1024;
const HEAD_TIME: Duration = Duration::from_secs(10);

/// A parsed request line and the headers that matter.
pub(super) struct Request {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    /// `Sec-Fetch-Site` and `Sec-Fetch-Mode`, which browsers send with every request.
    pub fetch_site: Option<String>,
    pub fetch_mode: Option<String>,
}

impl Request {
    /// A request another site's page made for a resource (a script, an image, a fetch), as
    /// opposed to the reader following a link here.
    pub fn is_embedded_by_another_site(&self) -> bool {
        self.fetch_site.as_deref() == Some("cross-site")
            && self.fetch_mode.as_deref() != Some("navigate")
    }
}

/// Reads from a stream until a deadline, however the bytes trickle in.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self
            .until
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
            .ok_or(std::io::ErrorKind::TimedOut)?;
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Reads a request head; `None` if it is malformed, too long or too slow.
pub(super) fn read_request(stream: &TcpStream) -> Option<Request> {
    let deadline = Deadline {
        stream,
        until: Instant::now() + HEAD_TIME,
    };
    let mut reader = BufReader::new(deadline.take(HEAD_BYTES));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut request = Request {
        method,
        target,
        host: None,
        origin: None,
        fetch_site: None,
        fetch_mode: None,
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            break;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = Some(value.trim().to_string());
            match name.trim().to_ascii_lowercase().as_str() {
                "host" => request.host = value,
                "origin" => request.origin = value,
                "sec-fetch-site" => request.fetch_site = value,
                "sec-fetch-mode" => request.fetch_mode = value,
                _ => {}
            }
        }
    }
    Some(request)
}

/// The request target's path, decoded once, or the status to refuse it with. Refuses what
/// could step outside the site or be read two ways: `..` and `.` segments (written or
/// encoded), encoded slashes and backslashes, backslashes, NUL and other control
/// characters, drive letters (`c:`), and anything that is not UTF-8.
pub(super) fn request_path(target: &str) -> Result<String, u16> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(400);
    }
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return Err(400);
    }
    let decoded = crate::render::links::percent_decode_strict(raw).ok_or(400u16)?;
    if decoded.chars().any(char::is_control) {
        return Err(400);
    }
    for segment in decoded.split('/') {
        let drive = segment
            .as_bytes()
            .get(..2)
            .is_some_and(|two| two[0].is_ascii_alphabetic() && two[1] == b':');
        if segment == ".." || segment == "." || drive {
            return Err(400);
        }
    }
    Ok(decoded)
}

/// The query string of a request target (`?` included), if it is safe to repeat in a
/// header; otherwise nothing.
pub(super) fn query(target: &str) -> &str {
    let query = target
        .find('?')
        .map_or("", |at| &target[at..])
        .split('#')
        .next()
        .unwrap_or("");
    if query.bytes().all(|b| b.is_ascii_graphic()) {
        query
    } else {
        ""
    }
}

/// A redirect to `path` (decoded; encoded here) with `query` kept.
pub(super) fn redirect(stream: &mut TcpStream, path: &str, query: &str) -> std::io::Result<()> {
    let location = crate::render::links::percent_encode_path(path);
    let response = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}{query}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(response.as_bytes())
}

pub(super) fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

pub(super) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar",
        "gz" => "application/gzip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_refused() {
        for target in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%2fb",
            "/a%5cb",
            "/a\\..\\b",
            "/c:/windows",
            "/C%3A/windows",
            "/a/d:",
            "/a%00b",
            "/%ff%fe",
            "relative",
            "/./index.html",
        ] {
            assert!(request_path(target).is_err(), "{target} was accepted");
        }
        assert_eq!(request_path("/a%20b/?q=1").unwrap(), "/a b/");
        assert_eq!(request_path("/").unwrap(), "/");
        // A colon that is not a drive letter is an ordinary file name character.
        assert_eq!(
            request_path("/forms/Form%3A%202026.pdf").unwrap(),
            "/forms/Form: 2026.pdf"
        );
    }

    #[test]
    fn only_a_plain_query_is_kept() {
        assert_eq!(query("/search?q=intern#top"), "?q=intern");
        assert_eq!(query("/search"), "");
        assert_eq!(query("/search?q=a\u{7f}b"), "");
    }

    #[test]
    fn content_types_ignore_case() {
        assert_eq!(content_type("a/photo.PNG"), "image/png");
        assert_eq!(content_type("a/photo.avif"), "image/avif");
        assert_eq!(content_type("a/unknown.bin"), "application/octet-stream");
    }
}
