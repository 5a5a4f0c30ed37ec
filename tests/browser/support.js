// Shared set-up for the browser tests: build a site with the real binary, serve it on
// 127.0.0.1, and drive Debian's Chromium headless through playwright-core.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const repo = path.resolve(__dirname, "..", "..");
const binary = process.env.TRELLIS_BIN || path.join(repo, "target", "debug", "trellis");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
// The build date of every site built here, as the Rust tests pin it: 2026-11-01, midnight
// UTC. The example site sets no `today`, so the clock would otherwise decide its listings.
const buildEpoch = "1793491200";

/** Copies `from` into `to`. */
function copy(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

/** Builds a site whose content/ is `content` (after `change(dir)`), returns its public dir. */
function build(name, content, change) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-browser-" + name + "-"));
  copy(content, path.join(dir, "content"));
  if (change) change(dir);
  execFileSync(binary, ["--root", dir, "build"], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SOURCE_DATE_EPOCH: buildEpoch } });
  return path.join(dir, "public");
}

/** Copies `content` into a new site folder, writes the bundle `args` ask for
 * (`["--district", "north"]`) and unzips it; returns the folder it was unzipped into. */
function bundle(name, content, args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-bundle-" + name + "-"));
  copy(content, path.join(dir, "content"));
  const zip = path.join(dir, "bundle.zip");
  execFileSync(binary, ["--root", dir, "bundle", ...args, "--output", zip], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SOURCE_DATE_EPOCH: buildEpoch } });
  const out = path.join(dir, "unzipped");
  execFileSync("python3", ["-m", "zipfile", "-e", zip, out]);
  return out;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json",
  ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml", ".ics": "text/calendar", ".csv": "text/csv" };

/** Serves `root` on 127.0.0.1; resolves to { url, close }. */
function serve(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let file = path.join(root, decodeURIComponent(new URL(req.url, "http://localhost").pathname));
      if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => {
      const url = "http://127.0.0.1:" + server.address().port;
      resolve({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/** Launches Chromium with the flags this machine's closed network needs. */
function launch() {
  return chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** Types `query` into the header search box and waits for the results to settle. */
async function searchFor(page, query) {
  await page.fill("#site-search-input", query);
  await page.waitForFunction((q) => {
    const status = document.getElementById("site-search-status");
    return status && status.textContent.includes(q.trim());
  }, query);
}

/** Runs axe-core on `page` for WCAG 2.1 A and AA; returns each violation with its first
 * nodes. The page's context must bypass CSP: axe is injected as a script. */
async function violations(page) {
  await page.addScriptTag({ path: require.resolve("axe-core") });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", "));
  });
}

module.exports = { repo, buildEpoch, build, bundle, serve, launch, searchFor, copy, violations };
