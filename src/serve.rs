//! `trellis serve`: builds the site into memory, serves it over HTTP on loopback, watches
//! `content/` and `themes/`, rebuilds on change and tells every open page to reload.
//!
//! It never writes `public/`. A failed rebuild keeps the last good site and shows the
//! located errors in an overlay on every page (and in the terminal) until they are fixed.
//! The server is deliberately small: GET and HEAD only, one thread per connection, only
//! the files the build produced, `Host` and `Origin` checked against the address it serves.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Error};
use crate::model::Drafts;
use crate::render::Files;
use http::{
    content_type, linger, query, read_request, redirect, request_path, respond, response_head,
    unavailable, Request,
};
use watch::{watch, Watching};

mod http;
mod watch;

/// What `serve` needs to know.
pub struct ServeOptions {
    /// The site's folder, the one that holds `content/`.
    pub root: PathBuf,
    /// The address to listen on (`--bind`); anything but loopback shares the site with the network.
    pub bind: IpAddr,
    /// `None`: 1111, or the next free port.
    pub port: Option<u16>,
    /// Whether draft pages are built (`--drafts`).
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
    /// Whether the catalog's exports of this build are still being made: they come after
    /// its pages (see [`crate::Cache::exports_apart`]), and a request for a file not found
    /// meanwhile waits for them.
    exports_pending: bool,
}

struct Shared {
    current: Mutex<Current>,
    changed: Condvar,
    /// The `Host` values requests may carry.
    hosts: Vec<String>,
    /// Bound to every interface (`--bind 0.0.0.0`): any `IP:port` host is also accepted, never
    /// a name, so DNS rebinding still fails.
    any_ip: bool,
    /// Open event streams, at most [`MAX_EVENT_STREAMS`].
    event_streams: Arc<AtomicUsize>,
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
    let mut cache = crate::Cache::exports_apart();
    let (mut current, site) = build(&options.root, options.drafts, None, &mut cache);
    if let Some(job) = site.and_then(|site| crate::exports_job(site, &cache)) {
        Arc::make_mut(&mut current.files).extend(export(job));
    }
    current.exports_pending = false;
    let shared = Arc::new(Shared {
        current: Mutex::new(current),
        changed: Condvar::new(),
        hosts: allowed_hosts(address),
        any_ip: options.bind.is_unspecified(),
        event_streams: Arc::default(),
    });
    eprintln!("Serving at http://{address}/ (Ctrl-C stops)");
    if options.open {
        open_browser(&format!("http://{address}/"));
    }

    let watcher_shared = Arc::clone(&shared);
    let drafts = options.drafts;
    std::thread::spawn(move || watch(&events, watching, drafts, &watcher_shared, cache));

    accept(&listener, &shared);
    Ok(())
}

/// Connections served at once (open pages each hold one for their reload events).
const MAX_CONNECTIONS: usize = 256;
/// Event streams open at once: a quarter of the connections, so that open pages (or
/// clients posing as them) always leave room to serve pages.
const MAX_EVENT_STREAMS: usize = 64;

/// Serves each connection on a thread of its own, up to [`MAX_CONNECTIONS`]; past that,
/// answers `503` at once. Slow clients give their place up after the head's time limit,
/// and closed pages their event stream within a second.
fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    let busy = Busy::start();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let Some(counted) = Counted::take(&open, MAX_CONNECTIONS) else {
            busy.refuse(stream);
            continue;
        };
        let shared = Arc::clone(shared);
        std::thread::spawn(move || {
            let _counted = counted;
            let _ = handle(stream, &shared);
        });
    }
}

/// One place among a limited number, held until it is dropped.
struct Counted(Arc<AtomicUsize>);

impl Counted {
    /// A place among at most `limit` counted by `count`, or `None` when all are taken.
    fn take(count: &Arc<AtomicUsize>, limit: usize) -> Option<Counted> {
        if count.fetch_add(1, Ordering::SeqCst) >= limit {
            count.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Counted(Arc::clone(count)))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers the connections there is no room for with `503` and `Retry-After`, and closes
/// them so that the client reads the answer rather than a reset. One thread does it for all,
/// so a flood costs no more threads; past its queue, connections are closed unanswered.
struct Busy(std::sync::mpsc::SyncSender<TcpStream>);

impl Busy {
    fn start() -> Busy {
        let (sender, refused) = std::sync::mpsc::sync_channel::<TcpStream>(64);
        std::thread::spawn(move || {
            for mut stream in refused {
                let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                if unavailable(&mut stream).is_ok() {
                    linger(&stream);
                }
            }
        });
        Busy(sender)
    }

    fn refuse(&self, stream: TcpStream) {
        let _ = self.0.try_send(stream);
    }
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
    let ip = match address.ip() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let mut names = vec!["localhost".to_string(), ip];
    if address.ip().is_loopback() {
        names.push("127.0.0.1".into());
        names.push("[::1]".into());
    }
    let mut hosts: Vec<String> = names.iter().map(|n| format!("{n}:{port}")).collect();
    // Browsers leave the default port out of `Host` and `Origin`.
    if port == 80 {
        hosts.extend(names);
    }
    hosts
}

/// One build into memory, with the site it was made from for [`export`] to finish. On
/// failure keeps `previous`'s files and sets the overlay.
fn build(
    root: &Path,
    drafts: Drafts,
    previous: Option<&Current>,
    cache: &mut crate::Cache,
) -> (Current, Option<crate::model::Site>) {
    let started = Instant::now();
    let outcome = crate::render_site_reusing(root, drafts, cache);
    let took = started.elapsed();
    let generation = previous.map_or(0, |p| p.generation + 1);
    match outcome {
        Ok(rendered) => {
            crate::cli::print_folded(&rendered.warnings);
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
            let current = Current {
                base_path: rendered.site.config.base_path.clone(),
                files: Arc::new(rendered.files),
                overlay: None,
                generation,
                exports_pending: true,
            };
            (current, Some(rendered.site))
        }
        Err(diagnostics) => {
            crate::cli::print_folded(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("Build failed with {errors} error(s); still serving the last good build");
            let current = Current {
                files: previous.map_or_else(Default::default, |p| Arc::clone(&p.files)),
                base_path: previous.map_or_else(|| "/".into(), |p| p.base_path.clone()),
                overlay: Some(overlay(&diagnostics)),
                generation,
                exports_pending: previous.is_some_and(|p| p.exports_pending),
            };
            (current, None)
        }
    }
}

/// The catalog's exports of a build, made after its pages.
fn export(job: crate::ExportsJob) -> Files {
    let started = Instant::now();
    let files = job.run();
    if !files.is_empty() {
        eprintln!(
            "Made the catalog's exports in {} ms",
            started.elapsed().as_millis()
        );
    }
    files
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
         <p>Pages show the last good build until these are fixed; \
         this page reloads by itself.</p><ol>",
    );
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        html.push_str("<li><pre>");
        html.push_str(&crate::markdown::escape_attr(&d.to_string()));
        html.push_str("</pre></li>");
    }
    html.push_str("</ol></aside>");
    html
}

/// How long a response may take to be written before the client is given up on.
const WRITE_TIME: Duration = Duration::from_secs(10);

/// Answers one connection: the request is checked (its form, method, host and origin,
/// path), then answered from the dev server's own files or from the site.
fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIME))?;
    let request = match read_request(&stream) {
        Ok(request) => request,
        Err(status) => return refuse(&mut stream, status),
    };
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return respond(&mut stream, 405, "text/plain", b"Only GET and HEAD\n", head);
    }
    if !is_same_site(&request, shared) {
        let body = b"Forbidden host or origin\n";
        return respond(&mut stream, 403, "text/plain", body, head);
    }
    let path = match request_path(&request.target) {
        Ok(path) => path,
        Err(status) => return respond(&mut stream, status, "text/plain", b"Bad path\n", head),
    };
    match path.as_str() {
        "/__trellis/events" if head => respond(&mut stream, 200, "text/event-stream", b"", true),
        "/__trellis/events" => events(stream, shared),
        "/__trellis/reload.js" => {
            let script = RELOAD_JS.as_bytes();
            respond(&mut stream, 200, "text/javascript", script, head)
        }
        "/__trellis/overlay.css" => {
            respond(&mut stream, 200, "text/css", OVERLAY_CSS.as_bytes(), head)
        }
        _ => site_file(&mut stream, shared, &request, &path),
    }
}

/// Answers a request that could not be read with its status.
fn refuse(stream: &mut TcpStream, status: u16) -> std::io::Result<()> {
    let body: &[u8] = match status {
        431 => b"Request header fields too large\n",
        408 => b"Request timeout\n",
        _ => b"Bad request\n",
    };
    respond(stream, status, "text/plain", body, false)?;
    // A slow client has had its time; others may have left bytes unread.
    if status != 408 {
        linger(stream);
    }
    Ok(())
}

/// A page on another site must not read this one (DNS rebinding, cross-site requests),
/// nor embed its files; following a link here is fine.
fn is_same_site(request: &Request, shared: &Shared) -> bool {
    let host_ok = request
        .host
        .as_deref()
        .is_some_and(|h| shared.host_allowed(h));
    let origin_ok = request.origin.as_deref().is_none_or(|o| {
        o.strip_prefix("http://")
            .is_some_and(|h| shared.host_allowed(h))
    });
    host_ok && origin_ok && !request.is_embedded_by_another_site()
}

/// Answers from the current build: a file (pages with the reload script injected), a
/// redirect to a folder's or the site's address, or the 404 page.
fn site_file(
    stream: &mut TcpStream,
    shared: &Shared,
    request: &Request,
    path: &str,
) -> std::io::Result<()> {
    let head = request.method == "HEAD";
    let mut current = shared.current.lock().expect("not poisoned").clone();
    let query = query(&request.target);
    let base_path = current.base_path.as_str();
    // A site under `/wbl/` is found from `/` and `/wbl` too.
    if base_path != "/" && (path == "/" || format!("{path}/") == base_path) {
        return redirect(stream, base_path, query);
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        return not_found(stream, &current, head);
    };
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if current.exports_pending && !current.files.contains_key(&key) {
        current = exports_made(shared, &current.files);
    }
    if let Some(bytes) = current.files.get(&key) {
        let kind = content_type(&key);
        if kind == "text/html; charset=utf-8" {
            let page = inject(bytes, &current);
            return respond(stream, 200, kind, &page, head);
        }
        return respond(stream, 200, kind, bytes, head);
    }
    if current.files.contains_key(&format!("{key}/index.html")) {
        return redirect(stream, &format!("{path}/"), query);
    }
    not_found(stream, &current, head)
}

/// The site once the exports of the build that made `files` are in (or another build's
/// files are served).
fn exports_made(shared: &Shared, files: &Arc<Files>) -> Current {
    const LIMIT: Duration = Duration::from_secs(60);
    let guard = shared.current.lock().expect("not poisoned");
    let (guard, _) = shared
        .changed
        .wait_timeout_while(guard, LIMIT, |c| {
            c.exports_pending && Arc::ptr_eq(&c.files, files)
        })
        .expect("not poisoned");
    guard.clone()
}

/// The page served before any build succeeded: bare, for the overlay and the reload script.
const BARE_PAGE: &[u8] = b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Build failed</title></head><body></body></html>";

fn not_found(stream: &mut TcpStream, current: &Current, head: bool) -> std::io::Result<()> {
    let page = match current.files.get("404.html") {
        Some(page) => page.as_slice(),
        // No good build yet: a bare page for the overlay and the reload script.
        None if current.overlay.is_some() => BARE_PAGE,
        None => return respond(stream, 404, "text/plain", b"Not found\n", head),
    };
    respond(
        stream,
        404,
        "text/html; charset=utf-8",
        &inject(page, current),
        head,
    )
}

/// Adds the reload script, marked with the build the page comes from, (and the error
/// overlay, if any) before `</body>`.
fn inject(page: &[u8], current: &Current) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let mut extra = format!(
        "<script src=\"/__trellis/reload.js\" data-generation=\"{}\"></script>",
        current.generation
    );
    if let Some(overlay) = &current.overlay {
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

/// Server-Sent Events: the current build's number on connecting, a `reload` event after
/// every rebuild, and a comment every 15 s. At most [`MAX_EVENT_STREAMS`] are open; a
/// closed page's stream ends within a second, when its connection reads as closed.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    const TICK: Duration = Duration::from_secs(1);
    const PING: Duration = Duration::from_secs(15);
    let Some(_counted) = Counted::take(&shared.event_streams, MAX_EVENT_STREAMS) else {
        return unavailable(&mut stream);
    };
    let mut seen = shared.current.lock().expect("not poisoned").generation;
    // The build the stream starts from: a page from an older one (a save landed between
    // loading the page and connecting) reloads at once.
    stream.write_all(
        format!(
            "{}Content-Type: text/event-stream\r\n\r\n\
             retry: 500\n\nevent: generation\ndata: {seen}\n\n",
            response_head(200)
        )
        .as_bytes(),
    )?;
    let mut written = Instant::now();
    loop {
        let guard = shared.current.lock().expect("not poisoned");
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, TICK, |c| c.generation == seen)
            .expect("not poisoned");
        let now = guard.generation;
        drop(guard);
        if now != seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else if peer_closed(&stream) {
            return Ok(());
        } else if written.elapsed() >= PING {
            stream.write_all(b": ping\n\n")?;
        } else {
            continue;
        }
        stream.flush()?;
        written = Instant::now();
    }
}

/// Whether the client has closed the connection: a read that does not wait finds its end.
/// An event-stream client sends nothing after its request, so anything read is dropped.
fn peer_closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut buffer = [0u8; 512];
    let mut reader = stream;
    let closed = match reader.read(&mut buffer) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    closed || stream.set_nonblocking(false).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_is_escaped() {
        let d = Diagnostic::error("content/a.md", "bad <script>alert(1)</script>");
        let html = overlay(&[d]);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn injection_goes_before_the_body_end() {
        let current = Current {
            exports_pending: false,
            files: Arc::default(),
            base_path: "/".into(),
            overlay: Some("<aside>e</aside>".into()),
            generation: 7,
        };
        let page = inject(b"<html><body><p>x</p></body></html>", &current);
        let page = String::from_utf8(page).unwrap();
        assert!(page.ends_with(
            "<script src=\"/__trellis/reload.js\" data-generation=\"7\"></script></body></html>"
        ));
        assert!(page.contains("<aside>e</aside>"));
    }
}
