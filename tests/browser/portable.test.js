"use strict";
// A district's bundle (trellis bundle), unzipped and opened from disk as a person would:
// through file:// URLs, with no server. Links lead to files, search and the listing filters
// work without fetch(), the print edition opens, nothing is asked of any host and nothing
// is logged as an error.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { fileURLToPath, pathToFileURL } = require("node:url");
const { repo, bundle, launch, violations } = require("./support");

const SITES = [
  {
    name: "fixture",
    content: path.join(repo, "tests", "fixtures", "portable", "content"),
    district: "north",
    // Only an opportunity's description holds it; only a regional chapter the other.
    catalogWord: "marmalade", catalogPage: "opportunities/clinic-internship/index.html",
    chapterWord: "quillwort", chapterPage: "districts/north/hosts/hosting/index.html",
    // A link in that chapter to the other toolkit leads to the district's edition of it.
    across: "districts/north/families/apply/index.html",
    paid: ["Clinic summer internship"],
  },
  {
    name: "example",
    content: path.join(repo, "content"),
    district: "alder-unified",
    catalogWord: "hairnets", catalogPage: "opportunities/sunridge-plant-tour-middle-school/index.html",
    chapterWord: "babysitting", chapterPage: "districts/alder-unified/family-guide/how-to-apply/index.html",
    across: null,
    paid: null,
  },
];

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

/** A page that records console errors, failed loads and every request that is not a file. */
async function watched() {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  // A load cut short by the next navigation (a favicon, say) is aborted, not failed.
  page.on("requestfailed", (r) => { if (r.failure().errorText !== "net::ERR_ABORTED") problems.push("failed: " + r.url() + " " + r.failure().errorText); });
  page.on("request", (r) => { if (!r.url().startsWith("file://")) problems.push("request to a host: " + r.url()); });
  return { page, problems };
}

/** The path of the current page inside the bundle. */
function inside(root, page) {
  return path.relative(root, fileURLToPath(page.url().split(/[?#]/)[0])).split(path.sep).join("/");
}

/** Every link and source of the page leads to a file of the bundle (or elsewhere: mailto:, https:). */
async function linksResolve(root, page) {
  const urls = await page.$$eval("[href], [src]", (nodes) =>
    nodes.map((n) => n.href || n.src).filter((u) => typeof u === "string" && u.startsWith("file:")));
  for (const url of urls) {
    const file = fileURLToPath(url.split(/[?#]/)[0]);
    assert.ok(file.startsWith(root), url + " leaves the bundle");
    assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), url + " on " + inside(root, page) + " is not a file of the bundle");
  }
  return urls.length;
}

async function searchFor(page, query) {
  await page.fill("#site-search-input", query);
  await page.waitForFunction((q) => {
    const status = document.getElementById("site-search-status");
    return status && status.textContent.includes(q);
  }, query);
  return page.$$eval("#site-search-results a.search-result", (links) => links.map((a) => a.href));
}

for (const site of SITES) {
  test(site.name + ": the bundle works opened from disk", async () => {
    const root = bundle(site.name, site.content, ["--district", site.district]);
    const { page, problems } = await watched();

    // The top index.html opens the district's page.
    await page.goto(pathToFileURL(path.join(root, "index.html")).href);
    await page.waitForURL(/districts\/[^/]+\/index\.html$/);
    assert.equal(inside(root, page), "districts/" + site.district + "/index.html");
    assert.ok(await linksResolve(root, page) > 10);

    // Follow links: each of the district's editions, a listing, its employer and pathway.
    const editions = await page.$$eval("main a", (links) => links.map((a) => a.href)
      .filter((u) => /\/districts\/[^/]+\/[^/]+\/index\.html$/.test(u)));
    assert.ok(editions.length >= 2, "editions: " + editions);
    for (const edition of editions) {
      await page.goto(edition);
      await linksResolve(root, page);
      // Every edition has a print edition, linked from its pages.
      const print = await page.$$eval("a", (links) => links.map((a) => a.href).filter((u) => /\/print\/index\.html$/.test(u)));
      assert.ok(print.length > 0, "no print edition linked from " + edition);
      await page.goto(print[0]);
      assert.ok(await page.$$eval("main h2, main h1", (h) => h.length) > 1, "the print edition has its chapters");
      await linksResolve(root, page);
    }
    await page.goto(pathToFileURL(path.join(root, site.catalogPage)).href);
    await linksResolve(root, page);
    for (const kind of ["employers", "pathways"]) {
      const link = await page.$$eval("main a", (links, k) => links.map((a) => a.href).find((u) => u.includes("/" + k + "/")), kind);
      assert.ok(link, "the listing links its " + kind);
      await page.goto(link);
      await linksResolve(root, page);
    }
    if (site.across) {
      await page.goto(pathToFileURL(path.join(root, site.chapterPage)).href);
      await page.click("main a[href$='apply/index.html']");
      await page.waitForLoadState();
      assert.equal(inside(root, page), site.across);
    }

    // Search, from the district's page: a word only a listing's description holds, and one
    // only a chapter holds, which leads to the district's edition of that chapter.
    await page.goto(pathToFileURL(path.join(root, "districts", site.district, "index.html")).href);
    let found = await searchFor(page, site.catalogWord);
    assert.ok(found.some((u) => u.endsWith(site.catalogPage)), site.catalogWord + ": " + found);
    found = await searchFor(page, site.chapterWord);
    assert.ok(found.some((u) => u.split("#")[0].endsWith(site.chapterPage)), site.chapterWord + ": " + found);
    for (const url of found) {
      assert.ok(fs.existsSync(fileURLToPath(url.split("#")[0])), url + " is not in the bundle");
    }
    await page.click("#site-search-results a.search-result");
    await page.waitForLoadState();
    assert.equal(inside(root, page), site.chapterPage);

    // Filter the listings.
    await page.goto(pathToFileURL(path.join(root, "opportunities", "index.html")).href);
    await page.waitForSelector("form.facet-filters");
    const all = await page.$$eval(".results .opportunity-list > li", (items) => items.length);
    await page.check("form.facet-filters input[name=pay][value=paid]");
    await page.waitForURL(/pay=paid/);
    await page.waitForFunction(() => document.querySelector(".results").getAttribute("aria-busy") === "false");
    const paid = await page.$$eval(".results .opportunity-list > li h3, .results .opportunity-list > li h2", (h) => h.map((x) => x.textContent.trim()));
    assert.ok(paid.length > 0 && paid.length <= all, paid.length + " of " + all);
    if (site.paid) assert.deepEqual(paid, site.paid);
    await linksResolve(root, page);

    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("the bundle holds nothing it does not link: other districts, drafts, private contacts", () => {
  const root = bundle("scope", SITES[0].content, ["--district", "north"]);
  const files = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full); else files.push(path.relative(root, full).split(path.sep).join("/"));
    }
  })(root);
  assert.ok(files.includes("districts/north/families/consent.pdf"), "the district's form file");
  assert.ok(!files.some((f) => f.startsWith("districts/south/") || f.startsWith("toolkits/") || f.includes("hangar")), files.join("\n"));
  const text = files.map((f) => fs.readFileSync(path.join(root, f), "latin1")).join("\n");
  for (const word of ["scrimshaw", "Zebulon", "Hidden Person", "zeppelin", "South Airfield"]) {
    assert.ok(!text.includes(word), word + " is in the bundle");
  }
});

test("a bundle's pages have no WCAG 2.1 AA violations from disk, its opener and search page included", async () => {
  const root = bundle("axe", SITES[0].content, ["--district", "north"]);
  // axe is injected as a script, which the pages' Content-Security-Policy would refuse.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const file of ["index.html", "districts/north/index.html", "districts/north/hosts/hosting/index.html",
    "districts/north/hosts/print/index.html", "opportunities/index.html", "search/index.html?q=quillwort"]) {
    const [name, query] = file.split("?");
    const url = pathToFileURL(path.join(root, name)).href + (query ? "?" + query : "");
    if (file === "index.html") {
      // The opener, before it opens the district's page.
      const html = fs.readFileSync(path.join(root, "index.html"), "utf8").replace(/<meta http-equiv="refresh"[^>]*>/, "");
      await page.setContent(html);
    } else {
      await page.goto(url);
    }
    assert.deepEqual(await violations(page), [], file);
  }
  await context.close();
});
