"use strict";
// The live filter on /opportunities/ against the static pages: its counts equal the static
// facet pages', its cards are the server's cards, and it reads the facet data pinned by
// tests/facet-data.json.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repo, build, serve, launch } = require("./support");

const catalogFixture = path.join(repo, "tests", "fixtures", "catalog", "content");
const golden = JSON.parse(fs.readFileSync(path.join(repo, "tests", "facet-data.json"), "utf8"));

/** Adds the listing the golden file pins (grades 9 and 11, closing soon) to a catalog site. */
function withGaps(dir) {
  fs.copyFileSync(path.join(repo, "tests", "facet-data", "gaps.toml"),
    path.join(dir, "content", "catalog", "opportunities", "gaps.toml"));
}

/** A card template of a site's own: the default card inside a marked wrapper. */
function withOwnCard(dir) {
  withGaps(dir);
  const card = fs.readFileSync(path.join(repo, "themes", "default", "templates", "opportunity_card.html"), "utf8");
  const templates = path.join(dir, "themes", "default", "templates");
  fs.mkdirSync(templates, { recursive: true });
  fs.writeFileSync(path.join(templates, "opportunity_card.html"), '<div class="own-card">' + card + "</div>");
  // Enough listings that some cards come from the card files, not the page.
  let bulk = "";
  for (let n = 0; n < 64; n++) {
    bulk += `[[opportunity]]\nid = "bulk-${n}"\ntitle = "Bulk tour ${n}"\nemployer = "byte-shop"\n` +
      `kind = "worksite-tour"\nmodality = "virtual"\ngrades = [12]\ndescription = "A bulk tour."\n\n`;
  }
  fs.writeFileSync(path.join(dir, "content", "catalog", "opportunities", "bulk.toml"), bulk);
}

let example, catalog, ownCard, browser, page;

test.before(async () => {
  example = await serve(build("facets", path.join(repo, "content")));
  catalog = await serve(build("facets-catalog", catalogFixture, withGaps));
  ownCard = await serve(build("facets-own-card", catalogFixture, withOwnCard));
  browser = await launch();
  page = await browser.newPage();
});
test.after(async () => {
  await browser.close();
  await Promise.all([example.close(), catalog.close(), ownCard.close()]);
});

const title = () => page.textContent(".results-title");
const settled = () => page.waitForSelector(".results[aria-busy=false]", { state: "attached" });
/** The live list's cards, each as the HTML inside its list item. */
const liveCards = () => page.$$eval(".results .opportunity-list:not([hidden]) > li", (items) => items.map((li) => li.innerHTML));

/** Opens the listing at `query` and waits for the live list. */
async function open(server, query) {
  await page.goto(server.url + "/opportunities/" + (query || ""));
  await page.waitForSelector(".facet-filters");
  await settled();
}

/** Every card of a static listing (all its pages, in order), fetched and parsed in the page. */
function staticCards(url) {
  return page.evaluate(async (first) => {
    const cards = [];
    let next = first;
    while (next) {
      const html = await (await fetch(next)).text();
      const doc = new DOMParser().parseFromString(html, "text/html");
      doc.querySelectorAll(".results .opportunity-list > li").forEach((li) => cards.push(li.innerHTML));
      const link = doc.querySelector(".pagination a[rel=next]");
      next = link ? new URL(link.getAttribute("href"), location.href).href : null;
    }
    return cards;
  }, url);
}

/** The value of each checkbox of a facet group on the live form. */
const values = (group) => page.$$eval(`input[type=checkbox][name=${group}]`, (boxes) => boxes.map((b) => b.value));

test("facets.js reads every field of the facet data the golden file pins", async () => {
  await open(catalog);
  const served = await page.evaluate(async () => (await fetch("/search/opportunities.json")).json());
  assert.deepEqual(served, golden, "this site's facet data is the golden file's");
  const fields = await page.evaluate(() => window.trellisFacets.fields);
  const pinned = {};
  Object.keys(golden).filter((k) => golden[k].columns).forEach((k) => { pinned[k] = golden[k].columns; });
  assert.deepEqual(fields, pinned);
  assert.equal(parseInt(await title(), 10), golden.opportunities.rows.length);
});

test("each facet value's live count and cards equal its static facet page's", async () => {
  await open(example);
  for (const group of ["kind", "stage", "pathway", "modality", "pay", "district"]) {
    const all = await values(group);
    assert.ok(all.length > 0, group);
    for (const value of all) {
      await open(example, `?${group}=${value}`);
      const expected = await staticCards(`/opportunities/${group}/${value}/`);
      const count = parseInt(await title(), 10);
      assert.equal(count, expected.length, `${group}=${value}: count`);
      assert.equal(await page.textContent(`label[for=filter-${group}-${value}] .count`), `(${count})`);
      assert.deepEqual(await liveCards(), expected.slice(0, 50), `${group}=${value}: cards`);
    }
  }
});

test("the whole live listing is the static listing, card for card", async () => {
  await open(example);
  const expected = await staticCards("/opportunities/");
  assert.ok(expected.length > 50, "some cards come from the card files");
  assert.deepEqual(await liveCards(), expected.slice(0, 50));
  await page.click(".show-more");
  await settled();
  assert.deepEqual(await liveCards(), expected.slice(0, 100));
  // Text too, not only markup: what a reader sees is the server's card.
  const texts = await page.$$eval(".results .opportunity-list:not([hidden]) > li", (items) => items.map((li) => li.textContent));
  const server = await page.evaluate((cards) => cards.map((html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content.textContent;
  }), expected.slice(0, 100));
  assert.deepEqual(texts, server);
});

test("a grade filter takes grades as a set: grade 10 leaves out a grades-9-and-11 listing", async () => {
  const gaps = "Worksite tour for grades 9 and 11";
  const titles = () => page.$$eval(".results .opportunity-list:not([hidden]) .card-title", (t) => t.map((x) => x.textContent.trim()));
  const grade = golden.opportunities.columns.indexOf("grades");
  for (const g of [9, 10, 11]) {
    await open(catalog, `?grade=${g}`);
    const shown = await titles();
    assert.equal(shown.includes(gaps), g !== 10, `grade ${g}: ${shown}`);
    assert.equal(shown.length, golden.opportunities.rows.filter((r) => r[grade].includes(g)).length, `grade ${g}`);
    assert.match(await page.textContent(`#filter-grade option[value="${g}"]`), new RegExp(`\\(${shown.length}\\)$`));
  }
});

test("the deadline and closing-soon marks survive filtering", async () => {
  await open(catalog, "?kind=worksite-tour");
  const card = ".results .opportunity-list:not([hidden]) .opportunity-card";
  assert.equal(await page.$$eval(card, (c) => c.length), 1);
  assert.ok(await page.$eval(card, (c) => c.classList.contains("status-closing-soon")));
  assert.equal(await page.textContent(`${card} .badge-closing`), "Closing soon");
  assert.equal(await page.getAttribute(`${card} .fact-deadline time`, "datetime"), "2026-11-08");
  assert.deepEqual(await liveCards(), await staticCards("/opportunities/kind/worksite-tour/"));
});

test("a site's own card template shows in the live filter, from the page and the card files", async () => {
  await open(ownCard, "?q=bulk");
  assert.equal(parseInt(await title(), 10), 64);
  await page.click(".show-more");
  await settled();
  const cards = await liveCards();
  assert.equal(cards.length, 64);
  assert.ok(cards.every((html) => html.startsWith('<div class="own-card">')), cards[0]);
  const expected = await staticCards("/opportunities/");
  assert.deepEqual(cards, expected.filter((html) => html.includes("Bulk tour")));
});

test("facets narrow the listing and update the address", async () => {
  await open(example);
  const internshipCount = await page.textContent("label[for=filter-kind-internship] .count");
  await page.check("#filter-kind-internship");
  await settled();
  assert.match(page.url(), /\?kind=internship$/);
  assert.equal(`(${parseInt(await title(), 10)})`, internshipCount);
  const kinds = await page.$$eval(".results .opportunity-list:not([hidden]) .badge-kind", (b) => b.map((x) => x.textContent));
  assert.ok(kinds.length > 0 && kinds.every((k) => k === "Internship"));
  await page.check("#filter-pay-paid");
  await page.selectOption("#filter-grade", "12");
  await settled();
  assert.match(page.url(), /grade=12/);
  assert.match(page.url(), /pay=paid/);
});

test("reloading the address restores the state, and the back button works", async () => {
  await open(example, "?kind=internship&pay=paid");
  assert.ok(await page.isChecked("#filter-kind-internship"));
  assert.ok(await page.isChecked("#filter-pay-paid"));
  const both = await title();
  await page.uncheck("#filter-pay-paid");
  await settled();
  assert.notEqual(await title(), both);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("filter-pay-paid").checked);
  await settled();
  assert.equal(await title(), both);
});

test("words, ranges and sorting combine with facets", async () => {
  await open(example, "?q=health&sort=newest");
  assert.equal(await page.inputValue("#filter-words"), "health");
  assert.equal(await page.inputValue("#filter-sort"), "newest");
  const some = parseInt(await title(), 10);
  assert.ok(some > 0);
  await page.fill("#filter-hours_min", "100");
  await page.waitForFunction(() => location.search.includes("hours_min=100"));
  await settled();
  assert.ok(parseInt(await title(), 10) <= some);
});
