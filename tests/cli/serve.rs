//! `trellis serve`: serves from memory, reloads open pages after a rebuild, shows errors in
//! an overlay and recovers, refuses hostile paths and foreign hosts, never writes public/.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{binary, TestSite};

/// The running server; killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// What the server printed after its address.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// The server's log so far, for a failure message.
    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(site: &TestSite) -> Server {
    start_with(site, &["--port", "0"])
}

fn start_with(site: &TestSite, options: &[&str]) -> Server {
    let mut command = binary();
    command
        .arg("--root")
        .arg(&site.root)
        .arg("serve")
        .args(options);
    launch(command)
}

/// Runs a `trellis serve` command until its address is printed.
fn launch(mut command: std::process::Command) -> Server {
    let mut child = command
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("Serving at http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    let log = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            kept.lock().unwrap().push(line);
        }
    });
    Server { child, port, log }
}

/// Sends `request` as raw bytes; returns the status code and the body.
pub(crate) fn raw(port: u16, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

pub(crate) fn get(port: u16, path: &str) -> (u16, String) {
    raw(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    )
}

/// Opens the reload event stream, as an open page does.
pub(crate) fn event_stream(port: u16) -> BufReader<TcpStream> {
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        events,
        "GET /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    BufReader::new(events)
}

/// Reads event-stream lines up to and including one that starts with `prefix`.
pub(crate) fn read_until(events: &mut BufReader<TcpStream>, prefix: &str) -> String {
    loop {
        let mut line = String::new();
        events.read_line(&mut line).unwrap();
        if line.starts_with(prefix) {
            return line;
        }
    }
}

/// The build a served page came from: its reload script's `data-generation` (0 is the first
/// build, each rebuild adds one).
fn generation(page: &str) -> u64 {
    let (_, rest) = page
        .split_once("data-generation=\"")
        .unwrap_or_else(|| panic!("no build number in:\n{page}"));
    let digits = rest.split('"').next().unwrap_or_default();
    digits.parse().expect("a build number")
}

/// Saves a marker into the about page and waits until it is served: the build that shows
/// it is the one after every change made before, so its number says how many rebuilds
/// those changes took (each save is one rebuild). Returns that build's number.
fn save_a_marker(site: &TestSite, port: u16, marker: &str) -> u64 {
    site.write(
        "content/pages/about.md",
        format!("+++\ntitle = \"About\"\n+++\n{marker}\n"),
    );
    generation(&eventually(port, "/about/", |b| b.contains(marker)))
}

/// Waits until `get(path)`'s body satisfies `ok`, for at most 10 s.
fn eventually(port: u16, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(port, path);
        if ok(&body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path} never changed as expected; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn hostile_requests_get_a_4xx_and_the_server_keeps_going() {
    let site = TestSite::basic("serve_hostile");
    let server = start(&site);
    let port = server.port;
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2Fetc%2Fpasswd",
        "/toolkits%2fguide",
        "/..\\..\\windows\\win.ini",
        "/c:/windows/win.ini",
        "/index.html%00.txt",
        "/%ff",
    ] {
        let (status, _) = get(port, path);
        assert!((400..500).contains(&status), "{path}: {status}");
    }
    let nul = raw(
        port,
        &format!("GET /a\0b HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert!((400..500).contains(&nul.0));
    let (status, _) = raw(port, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(status, 403, "foreign Host");
    let (status, _) = raw(
        port,
        &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n\r\n"),
    );
    assert_eq!(status, 403, "foreign Origin");
    let (status, _) = raw(
        port,
        &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert_eq!(status, 405);
    // Another site may link here but not embed or fetch from here.
    let fetched = |mode: &str| {
        raw(
            port,
            &format!("GET /about/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: {mode}\r\n\r\n"),
        )
        .0
    };
    assert_eq!(fetched("no-cors"), 403, "embedded by another site");
    assert_eq!(fetched("navigate"), 200, "a link from another site");
    // HEAD on the event stream answers and ends instead of streaming.
    let (status, body) = raw(
        port,
        &format!("HEAD /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert_eq!((status, body.as_str()), (200, ""));
    let (status, _) = raw(port, "garbage\r\n\r\n");
    assert!((400..500).contains(&status));
    // Still serving, with the reload script and no CORS header.
    let (status, body) = get(port, "/");
    assert_eq!(status, 200);
    assert!(body
        .contains("<script src=\"/__trellis/reload.js\" data-generation=\"0\"></script></body>"));
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(!response
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
    assert_eq!(get(port, "/nope").0, 404);
    assert!(
        !site.path("public").exists(),
        "serve must not write public/"
    );
}

#[test]
fn saves_reload_open_pages_errors_show_and_fixing_recovers() {
    let site = TestSite::basic("serve_reload");
    let server = start(&site);
    let port = server.port;

    let mut events = event_stream(port);
    read_until(&mut events, "retry:");

    let page = "content/toolkits/guide/04-last.md";
    site.edit(page, "~~Old text~~", "Freshly saved words.\n\n~~Old text~~");
    read_until(&mut events, "data: reload");
    eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("Freshly saved words.")
    });

    site.edit(page, "Freshly saved words.", "[broken <b>](nowhere.md)");
    let body = eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("trellis-overlay")
    });
    assert!(
        body.contains("content/toolkits/guide/04-last.md:8:1"),
        "{body}"
    );
    assert!(
        body.contains("Freshly saved words."),
        "the last good build stays"
    );
    assert!(!body.contains("<b>]"), "overlay text is escaped");

    site.edit(page, "[broken <b>](nowhere.md)", "Fixed words.");
    let body = eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("Fixed words.")
    });
    assert!(!body.contains("trellis-overlay"));
    assert!(
        !site.path("public").exists(),
        "serve must not write public/"
    );
}

#[test]
fn a_site_under_a_base_path_is_served_there_and_found_from_the_root() {
    let site = TestSite::basic("serve_base_path");
    site.edit(
        "content/site.toml",
        "https://fixture.example.org",
        "https://fixture.example.org/wbl",
    );
    let server = start(&site);
    let port = server.port;
    let head = |path: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    for path in ["/", "/wbl"] {
        let response = head(path);
        assert!(response.starts_with("HTTP/1.1 301"), "{path}: {response}");
        assert!(
            response.contains("\r\nLocation: /wbl/\r\n"),
            "{path}: {response}"
        );
    }
    // A shared search link keeps its words through the redirect.
    let response = head("/wbl?q=nursing%20panel");
    assert!(
        response.contains("\r\nLocation: /wbl/?q=nursing%20panel\r\n"),
        "{response}"
    );
    let (status, body) = get(port, "/wbl/");
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/wbl/toolkits/\""));
    assert_eq!(get(port, "/toolkits/").0, 404);
}

#[test]
fn a_save_by_rename_and_a_checkout_of_500_files_are_one_rebuild_each() {
    let site = TestSite::basic("serve_batching");
    let server = start(&site);
    let port = server.port;

    // An editor's safe save: write a hidden temporary file, then rename it over the page.
    let page = site.path("content/toolkits/guide/04-last.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let temporary = site.path("content/toolkits/guide/.04-last.md.tmp");
    std::fs::write(&temporary, text.replace("~~Old text~~", "Saved by rename.")).unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    let saved = eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("Saved by rename.")
    });
    assert_eq!(generation(&saved), 1, "{:?}", server.log());
    // The next save is the very next build: the rename left no rebuild behind it.
    assert_eq!(
        save_a_marker(&site, port, "First marker."),
        2,
        "{:?}",
        server.log()
    );

    // A checkout that brings 500 pages.
    for n in 0..500 {
        site.write(
            &format!("content/toolkits/guide/05-more/{n:03}.md"),
            format!("+++\ntitle = \"Checked out {n}\"\n+++\nPage {n}.\n"),
        );
    }
    site.write(
        "content/toolkits/guide/05-more/_index.md",
        "+++\ntitle = \"More\"\n+++\n",
    );
    let last = eventually(port, "/toolkits/guide/more/499/", |b| {
        b.contains("Checked out 499")
    });
    assert_eq!(generation(&last), 3, "{:?}", server.log());
    assert_eq!(
        save_a_marker(&site, port, "Second marker."),
        4,
        "{:?}",
        server.log()
    );
}

#[test]
fn a_themes_folder_made_later_and_a_replaced_content_folder_are_watched() {
    let site = TestSite::basic("serve_new_folders");
    assert!(!site.path("themes").exists());
    let server = start(&site);
    let port = server.port;

    // A theme override started while the server runs.
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"default/page.html\" %}{% block main %}<p>Overridden while serving.</p>{{ super() }}{% endblock main %}",
    );
    let overridden = eventually(port, "/about/", |b| b.contains("Overridden while serving."));
    let before = generation(&overridden);

    // A checkout that replaces the whole content folder.
    std::fs::rename(site.path("content"), site.path("content-before")).unwrap();
    crate::support::copy_tree(&site.path("content-before"), &site.path("content"));
    // Wait for a good build from the new folder: the watcher looks at the folders again
    // before each rebuild, so by then it watches the new `content/`.
    eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("<h1") && !b.contains("trellis-overlay") && generation(b) > before
    });
    site.edit(
        "content/toolkits/guide/04-last.md",
        "~~Old text~~",
        "Written in the new folder.",
    );
    eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("Written in the new folder.")
    });
}

#[test]
fn a_taken_default_port_moves_serve_to_the_next_free_one() {
    // Hold the default port (if something else already holds it, so much the better).
    let _held = std::net::TcpListener::bind(("127.0.0.1", 1111));
    let site = TestSite::basic("serve_next_port");
    let server = start_with(&site, &[]);
    assert!(
        (1112..1161).contains(&server.port),
        "served on {}",
        server.port
    );
    let (status, body) = get(server.port, "/about/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>About</h1>"), "{body}");
}

#[test]
fn serve_from_a_relative_root_rebuilds_and_names_its_build() {
    // `trellis serve` run inside the site, as most people start it.
    let site = TestSite::basic("serve_relative_root");
    site.write("content/toolkits/guide/Form: 2026.pdf", "%PDF-1.4 form");
    let mut command = binary();
    command
        .args(["serve", "--port", "0"])
        .current_dir(&site.root);
    let server = launch(command);
    let port = server.port;

    // An asset whose name has a colon is served, like any file the build produced.
    let (status, body) = get(port, "/toolkits/guide/Form%3A%202026.pdf");
    assert_eq!((status, body.as_str()), (200, "%PDF-1.4 form"));

    // The page names its build, and the event stream starts by naming the current one.
    let (_, page) = get(port, "/toolkits/guide/last/");
    assert!(page.contains("data-generation=\"0\""), "{page}");
    let mut events = event_stream(port);
    read_until(&mut events, "event: generation");
    assert_eq!(read_until(&mut events, ""), "data: 0\n");

    site.edit(
        "content/toolkits/guide/04-last.md",
        "~~Old text~~",
        "Saved under a relative root.",
    );
    let page = eventually(port, "/toolkits/guide/last/", |b| {
        b.contains("Saved under a relative root.")
    });
    assert!(page.contains("data-generation=\"1\""), "{page}");
}

#[test]
fn saving_a_catalog_spreadsheet_rebuilds_and_its_errors_point_at_the_cell() {
    let site = TestSite::new("serve_sheet", "catalog");
    let sheet = "content/catalog/opportunities/summer.csv";
    let row = |title: &str, kind: &str| {
        format!(
            "id,title,employer_id,kind,modality,city,grades,deadline\r\n\
             summer-desk,{title},valley-health,{kind},in-person,Alder,11;12,12/15/2026\r\n"
        )
    };
    site.write(sheet, row("Front desk helper", "job-shadow"));
    let server = start(&site);
    let port = server.port;
    eventually(port, "/opportunities/summer-desk/", |b| {
        b.contains("Front desk helper")
    });

    site.write(sheet, row("Front desk assistant", "job-shadow"));
    eventually(port, "/opportunities/summer-desk/", |b| {
        b.contains("Front desk assistant")
    });
    // The exports are made after the pages; asked for at once, they are waited for.
    let (status, json) = get(port, "/catalog.json");
    assert_eq!(status, 200);
    assert!(json.contains("\"Front desk assistant\""), "{json}");
    let (status, csv) = get(port, "/opportunities.csv");
    assert_eq!(status, 200);
    assert!(csv.contains(",Front desk assistant,"), "{csv}");

    site.write(sheet, row("Front desk assistant", "job-shadw"));
    let body = eventually(port, "/opportunities/summer-desk/", |b| {
        b.contains("trellis-overlay")
    });
    assert!(
        body.contains("content/catalog/opportunities/summer.csv:2:4"),
        "{body}\n{:?}",
        server.log()
    );
    assert!(body.contains("column D, `kind`"), "{body}");
    // A failed build keeps serving the last good one, exports included.
    let (status, json) = get(port, "/catalog.json");
    assert_eq!(status, 200);
    assert!(json.contains("\"Front desk assistant\""), "{json}");

    site.write(sheet, row("Front desk lead", "job-shadow"));
    let body = eventually(port, "/opportunities/summer-desk/", |b| {
        b.contains("Front desk lead")
    });
    assert!(!body.contains("trellis-overlay"));
}
