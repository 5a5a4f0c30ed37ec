//! `trellis serve`: builds the site into memory, serves it over HTTP on loopback, watches
//! `content/` and `themes/`, rebuilds on change and tells every open page to reload.
//!
//! It never writes `public/`. A failed rebuild keeps the last good site and shows the
//! located errors in an overlay on every page (and in the terminal) until they are fixed.
//! The server is deliberately small: GET and HEAD only, one thread per connection, only
//! the files the build produced, `Host` and `Origin` checked against the address it serves.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Error};
use crate::model::Drafts;
use crate::render::Files;

/// What `serve` needs to know.
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// `None`: 1111, or the next free port.
    pub port: Option<u16>,
    pub drafts: Drafts,
    /// Open the site in the default browser.
    pub open: bool,
}

/// The site being served: the last good build and, if the latest build failed, its errors.
#[derive(Clone)]
struct Current {
    files: Arc<Files>,
    base_path: String,
    /// The overlay's HTML (escaped), when the latest build failed.
    overlay: Option<String>,
    /// Bumped on every rebuild; open pages reload when it changes.
    generation: u64,
}

struct Shared {
    current: Mutex<Current>,
    changed: Condvar,
    /// The `Host` values requests may carry.
    hosts: Vec<String>,
    /// Bound to every interface (`--bind 0.0.0.0`): any `IP:port` host is also accepted, never
    /// a name, so DNS rebinding still fails.
    any_ip: bool,
}

impl Shared {
    fn host_allowed(&self, host: &str) -> bool {
        self.hosts.iter().any(|a| a == host) || (self.any_ip && host.parse::<SocketAddr>().is_ok())
    }
}

const DEFAULT_PORT: u16 = 1111;
const RELOAD_JS: &str = include_str!("serve/reload.js");
const OVERLAY_CSS: &str = include_str!("serve/overlay.css");

/// Builds, serves and watches until the process is stopped. Returns only on a tool error.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    crate::require_content(&options.root)?;
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io(&options.root, e))?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the draft site reachable from other machines",
            options.bind
        );
    }
    let (watching, events) = Watching::start(&options.root)?;
    let mut cache = crate::Cache::default();
    let current = build(&options.root, options.drafts, None, &mut cache);
    let shared = Arc::new(Shared {
        current: Mutex::new(current),
        changed: Condvar::new(),
        hosts: allowed_hosts(address),
        any_ip: options.bind.is_unspecified(),
    });
    eprintln!("Serving at http://{address}/ (Ctrl-C stops)");
    if options.open {
        open_browser(&format!("http://{address}/"));
    }

    let watcher_shared = Arc::clone(&shared);
    let drafts = options.drafts;
    std::thread::spawn(move || watch(&events, watching, drafts, &watcher_shared, cache));

    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    Ok(())
}

fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, Error> {
    let here = Path::new(".");
    match port {
        Some(port) => TcpListener::bind((ip, port)).map_err(|e| Error::io(here, e)),
        None => {
            let mut last = None;
            for port in DEFAULT_PORT..DEFAULT_PORT + 50 {
                match TcpListener::bind((ip, port)) {
                    Ok(listener) => return Ok(listener),
                    Err(e) => last = Some(e),
                }
            }
            Err(Error::io(here, last.expect("tried at least one port")))
        }
    }
}

fn allowed_hosts(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    let mut hosts = vec![format!("localhost:{port}"), format!("{address}")];
    if address.ip().is_loopback() {
        hosts.push(format!("127.0.0.1:{port}"));
        hosts.push(format!("[::1]:{port}"));
    }
    hosts
}

/// One build into memory. On failure keeps `previous`'s files and sets the overlay.
fn build(
    root: &Path,
    drafts: Drafts,
    previous: Option<&Current>,
    cache: &mut crate::Cache,
) -> Current {
    let started = Instant::now();
    let outcome = crate::render_site_reusing(root, drafts, cache);
    let took = started.elapsed();
    let generation = previous.map_or(0, |p| p.generation + 1);
    match outcome {
        Ok(rendered) => {
            for warning in &rendered.warnings {
                eprintln!("{warning}");
            }
            let reused = match rendered.reused {
                crate::Reused {
                    catalog_pages: true,
                    ..
                } => " (catalog pages reused)".to_string(),
                crate::Reused {
                    catalog: true,
                    opportunities: 0,
                    ..
                } => " (catalog records reused)".to_string(),
                crate::Reused {
                    opportunities: 0, ..
                } => String::new(),
                crate::Reused { opportunities, .. } => format!(
                    " ({opportunities} of {} opportunity pages reused)",
                    rendered.site.catalog.opportunities.len()
                ),
            };
            eprintln!(
                "Built {} files in {} ms{reused}",
                rendered.files.len(),
                took.as_millis()
            );
            Current {
                base_path: rendered.site.config.base_path.clone(),
                files: Arc::new(rendered.files),
                overlay: None,
                generation,
            }
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("Build failed with {errors} error(s); still serving the last good build");
            Current {
                files: previous.map_or_else(Default::default, |p| Arc::clone(&p.files)),
                base_path: previous.map_or_else(|| "/".into(), |p| p.base_path.clone()),
                overlay: Some(overlay(&diagnostics)),
                generation,
            }
        }
    }
}

/// Asks the desktop to open `url`; a failure is reported, not fatal.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let opened = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
    }
}

/// The error overlay: every diagnostic, escaped.
fn overlay(diagnostics: &[Diagnostic]) -> String {
    let mut html = String::from(
        "<aside class=\"trellis-overlay\" role=\"alert\" aria-labelledby=\"trellis-overlay-title\">\
         <h2 id=\"trellis-overlay-title\">The site did not build</h2>\
         <p>Pages show the last good build until these are fixed; this page reloads by itself.</p><ol>",
    );
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        html.push_str("<li><pre>");
        html.push_str(&crate::markdown::escape_attr(&d.to_string()));
        html.push_str("</pre></li>");
    }
    html.push_str("</ol></aside>");
    html
}

/// The folders a site is built from, watched recursively.
const WATCHED: [&str; 2] = ["content", "themes"];

/// What the server watches: `content/` and `themes/`, recursively, and the site folder
/// itself (its own entries only), so that a `themes/` made later, or a `content/` replaced
/// by a checkout, is noticed and watched in its turn.
struct Watching {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    /// The folders of [`WATCHED`] under watch now.
    watched: Vec<PathBuf>,
}

impl Watching {
    /// Starts watching, before the first build, so that no save is missed between the build
    /// and the first request.
    fn start(root: &Path) -> Result<(Watching, Events), Error> {
        use notify::{RecursiveMode, Watcher};
        let (sender, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender)
            .map_err(|e| Error::new(root, format!("cannot watch for changes: {e}")))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::new(root, format!("cannot watch for changes: {e}")))?;
        let mut watching = Watching {
            watcher,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        for dir in WATCHED {
            let path = root.join(dir);
            if path.is_dir() {
                watching
                    .watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| Error::new(&path, format!("cannot watch for changes: {e}")))?;
                watching.watched.push(path);
            }
        }
        Ok((watching, events))
    }

    /// Whether an event can change the site: it concerns `content/` or `themes/`. Events
    /// the watcher could not describe count, to be safe; reads (the build's own) never do.
    fn relevant(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else { return true };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.need_rescan()
            || event
                .paths
                .iter()
                .any(|p| WATCHED.iter().any(|dir| p.starts_with(self.root.join(dir))))
    }

    /// After a burst of events: watches a `content/` or `themes/` that appeared, and watches
    /// again one that was removed or replaced (its old watch followed the old folder).
    fn refresh(&mut self, events: &[notify::Result<notify::Event>]) {
        use notify::{RecursiveMode, Watcher};
        for dir in WATCHED {
            let path = self.root.join(dir);
            let touched = events.iter().flatten().any(|e| e.paths.contains(&path));
            let watched = self.watched.contains(&path);
            if watched && (touched || !path.is_dir()) {
                let _ = self.watcher.unwatch(&path);
                self.watched.retain(|p| *p != path);
            }
            if path.is_dir() && !self.watched.contains(&path) {
                match self.watcher.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(path),
                    Err(e) => {
                        eprintln!("warning: cannot watch {} for changes: {e}", path.display())
                    }
                }
            }
        }
    }
}

/// File-system events from the watcher.
type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// Rebuilds after each burst of changes: a save by rename or a checkout of hundreds of
/// files is one rebuild once the files have been quiet for 25 ms.
fn watch(
    events: &Events,
    mut watching: Watching,
    drafts: Drafts,
    shared: &Shared,
    mut cache: crate::Cache,
) {
    while let Ok(event) = events.recv() {
        if !watching.relevant(&event) {
            continue;
        }
        let mut burst = vec![event];
        while let Ok(event) = events.recv_timeout(Duration::from_millis(25)) {
            burst.push(event);
        }
        watching.refresh(&burst);
        // Only this thread replaces `current`, so the clone (an Arc and two strings) is the
        // state the rebuild follows; requests keep being served from it meanwhile.
        let previous = shared.current.lock().expect("not poisoned").clone();
        let next = build(&watching.root, drafts, Some(&previous), &mut cache);
        *shared.current.lock().expect("not poisoned") = next;
        shared.changed.notify_all();
    }
}

/// A parsed request line and the headers that matter.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
    origin: Option<String>,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    // At most 16 KiB of request head: enough for any browser, too little to exhaust memory.
    let mut reader = BufReader::new(std::io::Read::take(stream, 16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let (mut host, mut origin) = (None, None);
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
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "host" => host = Some(value),
                "origin" => origin = Some(value),
                _ => {}
            }
        }
    }
    Some(Request {
        method,
        target,
        host,
        origin,
    })
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&stream) else {
        return respond(&mut stream, 400, "text/plain", b"Bad request\n", false);
    };
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return respond(&mut stream, 405, "text/plain", b"Only GET and HEAD\n", head);
    }
    // A page on another site must not read this one (DNS rebinding, cross-site requests).
    let host_ok = request
        .host
        .as_deref()
        .is_some_and(|h| shared.host_allowed(h));
    let origin_ok = request.origin.as_deref().is_none_or(|o| {
        o.strip_prefix("http://")
            .is_some_and(|h| shared.host_allowed(h))
    });
    if !host_ok || !origin_ok {
        return respond(
            &mut stream,
            403,
            "text/plain",
            b"Forbidden host or origin\n",
            head,
        );
    }
    let path = match request_path(&request.target) {
        Ok(path) => path,
        Err(status) => return respond(&mut stream, status, "text/plain", b"Bad path\n", head),
    };
    match path.as_str() {
        "/__trellis/events" => return events(stream, shared),
        "/__trellis/reload.js" => {
            return respond(
                &mut stream,
                200,
                "text/javascript",
                RELOAD_JS.as_bytes(),
                head,
            )
        }
        "/__trellis/overlay.css" => {
            return respond(&mut stream, 200, "text/css", OVERLAY_CSS.as_bytes(), head)
        }
        _ => {}
    }
    let (files, base_path, overlay) = {
        let c = shared.current.lock().expect("not poisoned");
        (Arc::clone(&c.files), c.base_path.clone(), c.overlay.clone())
    };
    // A site under `/wbl/` is found from `/` and `/wbl` too.
    if base_path != "/" && (path == "/" || format!("{path}/") == base_path) {
        return redirect(&mut stream, &base_path);
    }
    let Some(rel) = path.strip_prefix(base_path.as_str()) else {
        return not_found(&mut stream, &files, overlay.as_deref(), head);
    };
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(bytes) = files.get(&key) {
        let kind = content_type(&key);
        if kind == "text/html; charset=utf-8" {
            let page = inject(bytes, overlay.as_deref());
            return respond(&mut stream, 200, kind, &page, head);
        }
        return respond(&mut stream, 200, kind, bytes, head);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return redirect(&mut stream, &format!("{path}/"));
    }
    not_found(&mut stream, &files, overlay.as_deref(), head)
}

/// A redirect to `location`, a path this server produced (never one a request supplied
/// unchecked: request paths reach here only after `request_path`).
fn redirect(stream: &mut TcpStream, location: &str) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(response.as_bytes())
}

fn not_found(
    stream: &mut TcpStream,
    files: &Files,
    overlay: Option<&str>,
    head: bool,
) -> std::io::Result<()> {
    match files.get("404.html") {
        Some(page) => respond(
            stream,
            404,
            "text/html; charset=utf-8",
            &inject(page, overlay),
            head,
        ),
        // No good build yet: a bare page for the overlay and the reload script.
        None if overlay.is_some() => respond(
            stream,
            404,
            "text/html; charset=utf-8",
            &inject(
                b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>",
                overlay,
            ),
            head,
        ),
        None => respond(stream, 404, "text/plain", b"Not found\n", head),
    }
}

/// The request target's path, decoded once, or the status to refuse it with. Refuses what
/// could step outside the site or be read two ways: `..` and `.` segments (written or
/// encoded), encoded slashes and backslashes, backslashes, NUL and other control
/// characters, drive letters, and anything that is not UTF-8.
fn request_path(target: &str) -> Result<String, u16> {
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
        if segment == ".." || segment == "." || segment.contains(':') {
            return Err(400);
        }
    }
    Ok(decoded)
}

/// Adds the reload script (and the error overlay, if any) before `</body>`.
fn inject(page: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let mut extra = String::from("<script src=\"/__trellis/reload.js\"></script>");
    if let Some(overlay) = overlay {
        extra.insert_str(
            0,
            &format!("<link rel=\"stylesheet\" href=\"/__trellis/overlay.css\">{overlay}"),
        );
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

/// Server-Sent Events: a `reload` event after every rebuild, a comment every 15 s so a
/// closed tab's thread ends.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    let mut seen = shared.current.lock().expect("not poisoned").generation;
    loop {
        let guard = shared.current.lock().expect("not poisoned");
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |c| c.generation == seen)
            .expect("not poisoned");
        let now = guard.generation;
        drop(guard);
        if now != seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else {
            stream.write_all(b": ping\n\n")?;
        }
        stream.flush()?;
    }
}

fn respond(
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

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar",
        "gz" => "application/gzip",
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
            "/a%00b",
            "/%ff%fe",
            "relative",
            "/./index.html",
        ] {
            assert!(request_path(target).is_err(), "{target} was accepted");
        }
        assert_eq!(request_path("/a%20b/?q=1").unwrap(), "/a b/");
        assert_eq!(request_path("/").unwrap(), "/");
    }

    #[test]
    fn the_overlay_is_escaped() {
        let d = Diagnostic::error("content/a.md", "bad <script>alert(1)</script>");
        let html = overlay(&[d]);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn injection_goes_before_the_body_end() {
        let page = inject(
            b"<html><body><p>x</p></body></html>",
            Some("<aside>e</aside>"),
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.ends_with("<script src=\"/__trellis/reload.js\"></script></body></html>"));
        assert!(page.contains("<aside>e</aside>"));
    }
}
