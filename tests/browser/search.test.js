"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repo, build, serve, launch, searchFor } = require("./support");

let server, browser, page;

test.before(async () => {
  server = await serve(build("search", path.join(repo, "content")));
  browser = await launch();
  page = await browser.newPage();
});
test.after(async () => {
  await browser.close();
  await server.close();
});

async function results() {
  return page.$$eval("#site-search-results a.search-result", (links) =>
    links.map((a) => ({ title: a.textContent, href: a.getAttribute("href") })));
}

test("typing a query shows grouped, highlighted results", async () => {
  await page.goto(server.url + "/");
  await searchFor(page, "nursing");
  const found = await results();
  assert.ok(found.length > 0, "no results for nursing");
  assert.ok(found.some((r) => /nurs/i.test(r.title) && r.href.startsWith("/opportunities/")), JSON.stringify(found));
  const groups = await page.$$eval("#site-search-results .search-group h2", (h) => h.map((x) => x.textContent));
  assert.ok(groups.includes("Opportunities"), groups.join());
  assert.ok(await page.$("#site-search-results mark"), "matches are marked");
});

test("an employer's name, a kind, a skill, a pathway and a misspelt word all find something", async () => {
  await page.goto(server.url + "/");
  for (const [query, expect] of [
    ["Kestrel", "/employers/kestrel-creative-studio/"],
    ["apprenticeship", "/opportunities/"],
    ["welding", "/"],
    ["health science", "/pathways/health-science/"],
    ["internshp", "/"],
  ]) {
    await searchFor(page, query);
    const found = await results();
    assert.ok(found.some((r) => r.href.startsWith(expect)), query + ": " + JSON.stringify(found));
  }
});

test("toolkit results lead to the heading's anchor", async () => {
  await page.goto(server.url + "/");
  await searchFor(page, "chambers of commerce");
  const found = await results();
  assert.ok(found.some((r) => r.href.includes("/chambers-of-commerce/#")), JSON.stringify(found));
});

test("the keyboard moves through results", async () => {
  await page.goto(server.url + "/");
  await searchFor(page, "internship");
  await page.focus("#site-search-input");
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.className);
  assert.equal(first, "search-result");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-input");
});

test("/search/?q= works as a page that can be shared", async () => {
  await page.goto(server.url + "/search/?q=micro-internship");
  await page.waitForSelector("#search-page-results a.search-result");
  const count = await page.$$eval("#search-page-results a.search-result", (a) => a.length);
  assert.ok(count > 3, "only " + count);
  await page.fill("#search-page-input", "job shadow");
  await page.waitForFunction(() => location.search.includes("job+shadow") || location.search.includes("job%20shadow"));
});

test("a district edition searches its own edition", async () => {
  await page.goto(server.url + "/toolkits/micro-internships/");
  await searchFor(page, "chambers of commerce");
  const regional = await results();
  assert.ok(regional.some((r) => r.href.startsWith("/toolkits/micro-internships/recruiting-partners/chambers-of-commerce/")));
  // Cedar Springs leaves that page out of its edition.
  await page.goto(server.url + "/districts/cedar-springs/micro-internships/");
  await searchFor(page, "chambers of commerce");
  const edition = await results();
  assert.ok(!edition.some((r) => r.href.includes("chambers-of-commerce/")), JSON.stringify(edition));
  assert.ok(edition.some((r) => r.href.startsWith("/districts/cedar-springs/micro-internships/")), JSON.stringify(edition));
});

test("the browser's word rules match the index's, in every language", async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(repo, "tests", "search-words.json"), "utf8"));
  await page.goto(server.url + "/");
  const out = await page.evaluate((c) => ({
    rules: c.rules.map(([code]) => window.trellisSearch.rules(code).name),
    languages: Object.keys(c.languages).map((code) => {
      const rules = window.trellisSearch.rules(code);
      return {
        stems: c.languages[code].stems.map(([w]) => rules.stem(w)),
        terms: c.languages[code].terms.map(([t]) => rules.terms(t)),
      };
    }),
    page: window.trellisSearch.stem("nursing"),
  }), cases);
  assert.deepEqual(out.rules, cases.rules.map(([, name]) => name));
  assert.deepEqual(out.languages, Object.values(cases.languages).map((c) => ({
    stems: c.stems.map(([, s]) => s),
    terms: c.terms.map(([, t]) => t),
  })));
  assert.equal(out.page, "nurs", "an English page searches with the English rules");
});

test("a Spanish site searches with the Spanish rules, with and without accents", async () => {
  const spanish = await serve(build("search-es", path.join(repo, "tests", "fixtures", "basic", "content"), (dir) => {
    const site = path.join(dir, "content", "site.toml");
    fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace('language = "en"', 'language = "es"'));
    fs.writeFileSync(path.join(dir, "content", "pages", "familias.md"), [
      "+++", 'title = "Información para las familias"', "+++", "",
      "Los niños y las niñas aprenden en una pasantía pagada.", "",
    ].join("\n"));
  }));
  try {
    await page.goto(spanish.url + "/");
    assert.equal(await page.evaluate(() => window.trellisSearch.rules(document.documentElement.lang).name), "es");
    for (const query of ["niños", "ninos", "información", "informacion", "pasantias", "familas", "infor"]) {
      await searchFor(page, query);
      const found = await results();
      assert.ok(found.some((r) => r.href === "/familias/"), query + ": " + JSON.stringify(found));
    }
    // Spanish stop words find nothing on their own.
    await searchFor(page, "para las ");
    assert.deepEqual(await results(), []);
  } finally {
    await spanish.close();
  }
});
