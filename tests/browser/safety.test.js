"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repo, build, serve, launch, searchFor } = require("./support");

const PAYLOAD = "<img src=x onerror=window.__pwned=1> \\\" onmouseover=\\\"window.__pwned=2";

let server, browser, page, requests;

test.before(async () => {
  const root = build("safety", path.join(repo, "tests", "fixtures", "catalog", "content"), (dir) => {
    fs.writeFileSync(path.join(dir, "content", "catalog", "opportunities", "hostile.toml"),
      `[[opportunity]]
id = "hostile"
title = "Zebrafish ${PAYLOAD}"
employer = "byte-shop"
kind = "career-talk"
modality = "virtual"
grades = [9]
summary = "Zebrafish <script>window.__pwned=3</script>"
description = "Zebrafish [x](javascript:window.__pwned=4) <b onclick=window.__pwned=5>b</b>"
`);
  });
  server = await serve(root);
  browser = await launch();
  page = await browser.newPage();
  requests = [];
  page.on("request", (r) => requests.push(r.url()));
});
test.after(async () => {
  await browser.close();
  await server.close();
});

async function inert() {
  const found = await page.evaluate(() => {
    const handlers = [];
    document.querySelectorAll("*").forEach((el) => {
      for (const a of el.attributes) if (a.name.toLowerCase().startsWith("on")) handlers.push(el.tagName + " " + a.name);
    });
    const scripts = [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href")));
    return { handlers, scripts: scripts.length, pwned: window.__pwned || null };
  });
  assert.deepEqual(found.handlers, []);
  assert.equal(found.scripts, 0);
  assert.equal(found.pwned, null);
}

test("planted payloads in search results stay text", async () => {
  await page.goto(server.url + "/");
  await searchFor(page, "zebrafish");
  const titles = await page.$$eval("#site-search-results a.search-result", (a) => a.map((x) => x.textContent));
  assert.ok(titles.some((t) => t.includes("<img src=x onerror")), JSON.stringify(titles));
  await inert();
  await page.goto(server.url + "/search/?q=zebrafish");
  await page.waitForSelector("#search-page-results a.search-result");
  await inert();
});

test("planted payloads in the live listing stay text", async () => {
  await page.goto(server.url + "/opportunities/?q=zebrafish");
  await page.waitForSelector(".facet-filters");
  const titles = await page.$$eval(".results .opportunity-list:not([hidden]) .card-title", (t) => t.map((x) => x.textContent));
  assert.ok(titles.some((t) => t.includes("<img src=x onerror")), JSON.stringify(titles));
  await inert();
  await page.goto(server.url + "/opportunities/hostile/");
  await inert();
});

test("no request leaves 127.0.0.1", async () => {
  await page.goto(server.url + "/opportunities/");
  await page.waitForSelector(".facet-filters");
  await searchFor(page, "clinic");
  const elsewhere = requests.filter((u) => !u.startsWith(server.url + "/") && !u.startsWith("data:"));
  assert.deepEqual(elsewhere, []);
});
