"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { repo, build, serve, launch } = require("./support");

let server, browser, page;

test.before(async () => {
  server = await serve(build("facets", path.join(repo, "content")));
  browser = await launch();
  page = await browser.newPage();
});
test.after(async () => {
  await browser.close();
  await server.close();
});

const title = () => page.textContent(".results-title");
const kinds = () => page.$$eval(".results .opportunity-list:not([hidden]) .badge-kind", (b) => b.map((x) => x.textContent));

test("facets narrow the listing, count their values and update the address", async () => {
  await page.goto(server.url + "/opportunities/");
  await page.waitForSelector(".facet-filters");
  const all = parseInt(await title(), 10);
  const internshipCount = await page.textContent("label[for=filter-kind-internship] .count");
  await page.check("#filter-kind-internship");
  assert.match(page.url(), /\?kind=internship$/);
  const narrowed = parseInt(await title(), 10);
  assert.ok(narrowed < all);
  assert.equal(`(${narrowed})`, internshipCount);
  assert.ok((await kinds()).every((k) => k === "Internship"));
  await page.check("#filter-pay-paid");
  await page.selectOption("#filter-grade", "12");
  assert.match(page.url(), /grade=12/);
  assert.match(page.url(), /pay=paid/);
  assert.ok(parseInt(await title(), 10) <= narrowed);
});

test("reloading the address restores the state, and the back button works", async () => {
  await page.goto(server.url + "/opportunities/?kind=internship&pay=paid");
  await page.waitForSelector(".facet-filters");
  assert.ok(await page.isChecked("#filter-kind-internship"));
  assert.ok(await page.isChecked("#filter-pay-paid"));
  const both = await title();
  await page.uncheck("#filter-pay-paid");
  assert.notEqual(await title(), both);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("filter-pay-paid").checked);
  assert.equal(await title(), both);
});

test("words, ranges and sorting combine with facets", async () => {
  await page.goto(server.url + "/opportunities/?q=health&sort=newest");
  await page.waitForSelector(".facet-filters");
  assert.equal(await page.inputValue("#filter-words"), "health");
  assert.equal(await page.inputValue("#filter-sort"), "newest");
  const some = parseInt(await title(), 10);
  assert.ok(some > 0);
  await page.fill("#filter-hours_min", "100");
  await page.waitForFunction(() => location.search.includes("hours_min=100"));
  assert.ok(parseInt(await title(), 10) <= some);
});
