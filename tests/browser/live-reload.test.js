"use strict";
// `trellis serve` in a real browser: a save updates the open tab by itself, a build error
// shows in an overlay on the page, and fixing it clears the overlay.
const test = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { repo, buildEpoch, launch, copy } = require("./support");

const binary = process.env.TRELLIS_BIN || path.join(repo, "target", "debug", "trellis");
const CHAPTER = path.join("content", "toolkits", "employer-guide", "01-why-host.md");

let dir, server, url, browser;

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-browser-serve-"));
  copy(path.join(repo, "content"), path.join(dir, "content"));
  server = spawn(binary, ["--root", dir, "serve", "--port", "0"],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SOURCE_DATE_EPOCH: buildEpoch } });
  url = await new Promise((resolve, reject) => {
    let seen = "";
    server.stderr.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(/Serving at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve(found[1]);
    });
    server.on("exit", (code) => reject(new Error("trellis serve exited with " + code + ":\n" + seen)));
  });
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/// axe-core's WCAG 2.1 A/AA findings inside the overlay. axe is evaluated as a string:
/// the page's CSP (rightly) refuses injected script tags.
async function overlayViolations(page) {
  const axe = fs.readFileSync(require.resolve("axe-core"), "utf8");
  await page.evaluate(axe);
  return page.evaluate(async () => {
    const result = await window.axe.run(".trellis-overlay", { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "));
  });
}

test("a save reloads the open tab; an error shows in the page and fixing it recovers", async () => {
  const page = await browser.newPage();
  const file = path.join(dir, CHAPTER);
  const original = fs.readFileSync(file, "utf8");
  await page.goto(url + "/toolkits/employer-guide/why-host/");
  // Let the page's event stream connect before the first save.
  await page.waitForTimeout(300);

  fs.writeFileSync(file, original + "\n\nA sentence saved while the tab was open.\n");
  await page.waitForSelector("text=A sentence saved while the tab was open.", { timeout: 10000 });

  fs.writeFileSync(file, original + "\n\nSee [the form](missing-form.md).\n");
  const overlay = await page.waitForSelector(".trellis-overlay", { timeout: 10000 });
  const text = await overlay.textContent();
  assert.match(text, /The site did not build/);
  assert.match(text, /content\/toolkits\/employer-guide\/01-why-host\.md:\d+:\d+: error: link `missing-form\.md`/);
  assert.equal(await overlay.getAttribute("role"), "alert");
  // The last good build stays underneath.
  assert.ok(await page.isVisible("text=A sentence saved while the tab was open."));
  // The overlay stays readable over the site's own styles, in both colour schemes.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await overlayViolations(page), [], scheme);
  }

  fs.writeFileSync(file, original);
  await page.waitForSelector(".trellis-overlay", { state: "detached", timeout: 10000 });
  assert.equal(await page.isVisible("text=A sentence saved while the tab was open."), false);
  assert.equal(fs.existsSync(path.join(dir, "public")), false, "serve must not write public/");
});
