"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { repo, build, serve, launch, searchFor, violations } = require("./support");

// One page of every kind in the example site.
const PAGES = [
  "/", "/toolkits/", "/toolkits/employer-guide/", "/toolkits/employer-guide/hosting/before/",
  "/toolkits/employer-guide/print/", "/toolkits/employer-guide/for/employers/", "/toolkits/employer-guide/adapt/",
  "/about/", "/404.html", "/search/?q=nursing", "/opportunities/", "/opportunities/archive/",
  "/opportunities/kind/internship/", "/opportunities/avmc-nursing-careers-panel/", "/employers/",
  "/employers/kestrel-creative-studio/", "/pathways/", "/pathways/health-science/", "/districts/",
  "/districts/alder-unified/", "/districts/riverbend/employer-guide/labor-law/",
  "/districts/riverbend/employer-guide/compare/labor-law/", "/insights/", "/es/insights/",
  "/districts/riverbend/",
];

let server, browser;

test.before(async () => {
  server = await serve(build("axe", path.join(repo, "content")));
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  await server.close();
});


for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on any page kind (${scheme})`, async () => {
    // axe-core is injected as a script, which the pages' own CSP would refuse.
    const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    const found = {};
    for (const url of PAGES) {
      await page.goto(server.url + url);
      if (url.startsWith("/opportunities/") && url.endsWith("/opportunities/")) await page.waitForSelector(".facet-filters");
      if (url.startsWith("/search/")) await page.waitForSelector("#search-page-results a.search-result");
      const v = await violations(page);
      if (v.length) found[url] = v;
    }
    // The header search with its results open.
    await page.goto(server.url + "/");
    await searchFor(page, "nursing");
    const open = await violations(page);
    if (open.length) found["/ (search open)"] = open;
    await context.close();
    assert.deepEqual(found, {});
  });
}
