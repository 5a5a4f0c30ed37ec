// Search benchmark, run by scripts/bench-search: for a built site, the bytes a first query
// fetches (gzip-compressed, as a server would send them) and how long queries take in
// Chromium, cold (nothing fetched yet) and warm.
"use strict";
const zlib = require("node:zlib");
const { serve, launch } = require("./support");

const root = process.argv[2];
const queries = (process.argv[3] || "internship,mentor,clinic portfolio,health,intrenship,insurance").split(",");
const pagefind = process.argv.includes("--pagefind");
// --file: a portable build (trellis build --portable) opened from disk, with no server.
// Nothing is compressed there; the sizes are the files' own, and gzip for comparison.
const fromDisk = process.argv.includes("--file");

async function onDisk(browser) {
  const fs = require("node:fs");
  const { pathToFileURL, fileURLToPath } = require("node:url");
  for (const query of queries) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(root + "/404.html").href);
    await page.waitForFunction(() => window.trellisSearch && window.trellisSearch.search);
    const files = [pathToFileURL(root + "/search.js").href];
    page.on("request", (r) => { if (r.url().includes("/search/")) files.push(r.url()); });
    const timing = await page.evaluate(async (q) => {
      const start = performance.now();
      const out = await window.trellisSearch.search(q, -1, 8);
      const cold = performance.now() - start;
      const again = performance.now();
      await window.trellisSearch.search(q, -1, 8);
      return { cold, warm: performance.now() - again, count: out.results.length };
    }, query);
    const bytes = files.map((u) => fs.readFileSync(fileURLToPath(u)));
    const raw = bytes.reduce((sum, b) => sum + b.length, 0);
    const gzip = bytes.reduce((sum, b) => sum + zlib.gzipSync(b).length, 0);
    console.log(`  "${query}": ${timing.count} results; first query read ${(raw / 1024).toFixed(1)} KB from disk (${(gzip / 1024).toFixed(1)} KB gzip) in ${files.length} files; cold ${timing.cold.toFixed(1)} ms, warm ${timing.warm.toFixed(1)} ms`);
    await page.close();
  }
}

(async () => {
  if (fromDisk) {
    const browser = await launch();
    await onDisk(browser);
    await browser.close();
    return;
  }
  const server = await serve(root);
  const browser = await launch();
  for (const query of queries) {
    const context = await browser.newContext({ bypassCSP: pagefind });
    const page = await context.newPage();
    await page.goto(server.url + "/404.html");
    await page.waitForFunction(() => pagefind || (window.trellisSearch && window.trellisSearch.search), null).catch(() => {});
    const bodies = [];
    page.on("response", async (r) => {
      const url = r.url();
      if (url.includes("/search/") || url.includes("/pagefind/") || url.endsWith("search.js")) {
        try { bodies.push({ url, size: zlib.gzipSync(await r.body()).length }); } catch (e) { /* redirects */ }
      }
    });
    // search.js itself counts: fetch it again as a first query would.
    const timing = await page.evaluate(async ([q, usePagefind]) => {
      const start = performance.now();
      let count = 0;
      if (usePagefind) {
        const pf = await import("/pagefind/pagefind.js");
        const found = await pf.search(q);
        const first = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
        count = first.length;
      } else {
        const out = await window.trellisSearch.search(q, -1, 8);
        count = out.results.length;
      }
      const cold = performance.now() - start;
      const again = performance.now();
      if (usePagefind) {
        const pf = await import("/pagefind/pagefind.js");
        const found = await pf.search(q);
        await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
      } else {
        await window.trellisSearch.search(q, -1, 8);
      }
      return { cold, warm: performance.now() - again, count };
    }, [query, pagefind]);
    await page.waitForTimeout(100);
    const script = pagefind ? 0 : zlib.gzipSync(require("node:fs").readFileSync(root + "/search.js")).length;
    const fetched = bodies.reduce((sum, b) => sum + b.size, 0) + script;
    console.log(`  "${query}": ${timing.count} results; first query fetched ${(fetched / 1024).toFixed(1)} KB gzip in ${bodies.length + (pagefind ? 0 : 1)} files; cold ${timing.cold.toFixed(1)} ms, warm ${timing.warm.toFixed(1)} ms`);
    await context.close();
  }
  await browser.close();
  await server.close();
})();
