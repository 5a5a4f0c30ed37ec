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

/// Reads a request head, or says which status refuses it: `431` when it is longer than
/// [`HEAD_BYTES`] (never truncated and served), `408` when it takes longer than
/// [`HEAD_TIME`], `400` when it is malformed, ends early or names `Host` or `Origin` twice.
pub(super) fn read_request(stream: &TcpStream) -> Result<Request, u16> {
    let deadline = Deadline {
        stream,
        until: Instant::now() + HEAD_TIME,
    };
    let mut reader = BufReader::new(deadline.take(HEAD_BYTES));
    let line = head_line(&mut reader)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or(400u16)?.to_string();
    let target = parts.next().ok_or(400u16)?.to_string();
    let mut request = Request {
        method,
        target,
        host: None,
        origin: None,
        fetch_site: None,
        fetch_mode: None,
    };
    loop {
        let header = head_line(&mut reader)?;
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim().to_string();
            // Two values of a header that decides access could be read two ways.
            let (field, once) = match name.trim().to_ascii_lowercase().as_str() {
                "host" => (&mut request.host, true),
                "origin" => (&mut request.origin, true),
                "sec-fetch-site" => (&mut request.fetch_site, false),
                "sec-fetch-mode" => (&mut request.fetch_mode, false),
                _ => continue,
            };
            if once && field.is_some() {
                return Err(400);
            }
            *field = Some(value);
        }
    }
    Ok(request)
}

/// One line of a request head without its line ending, or the status that refuses the head.
fn head_line(reader: &mut BufReader<std::io::Take<Deadline<'_>>>) -> Result<String, u16> {
    use std::io::ErrorKind;
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(_) if line.ends_with('\n') => Ok(line.trim_end_matches(['\r', '\n']).to_string()),
        // The line stopped at the size limit, not at its end.
        Ok(_) if reader.get_ref().limit() == 0 => Err(431),
        Ok(_) => Err(400),
        Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => Err(408),
        Err(_) => Err(400),
    }
}

/// Closes a connection whose request was refused before it was read in full: stops
/// writing, then reads what is left (a little, for a short while), so that the client sees
/// the answer rather than a reset caused by unread bytes.
pub(super) fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(LINGER_TIME));
    let mut rest = stream.take(LINGER_BYTES);
    let _ = std::io::copy(&mut rest, &mut std::io::sink());
}

/// How long and how much a refused connection is read before it is closed.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: u64 = 64 * 1024;

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

/// Headers every response carries: no page of another site may frame this one
/// (clickjacking), nothing is cached or sniffed, and the connection ends with the response.
const ALWAYS: &str = "Content-Security-Policy: frame-ancestors 'self'\r\nX-Frame-Options: SAMEORIGIN\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n";

/// The status line and the headers every response carries, to be followed by its own.
pub(super) fn response_head(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    };
    format!("HTTP/1.1 {status} {reason}\r\n{ALWAYS}")
}

/// A redirect to `path` (decoded; encoded here) with `query` kept.
pub(super) fn redirect(stream: &mut TcpStream, path: &str, query: &str) -> std::io::Result<()> {
    let location = crate::render::links::percent_encode_path(path);
    let response = format!(
        "{}Location: {location}{query}\r\nContent-Length: 0\r\n\r\n",
        response_head(301)
    );
    stream.write_all(response.as_bytes())
}

/// `503` with `Retry-After`: the server has no room for this connection now.
pub(super) fn unavailable(stream: &mut TcpStream) -> std::io::Result<()> {
    let body = "Too many connections; try again in a moment\n";
    let response = format!(
        "{}Retry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        response_head(503),
        body.len()
    );
    stream.write_all(response.as_bytes())?;
    stream.flush()
}

pub(super) fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let header = format!(
        "{}Content-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
        response_head(status),
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
