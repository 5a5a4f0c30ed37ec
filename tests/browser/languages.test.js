"use strict";
// The Spanish edition of the example site in a browser: the language switcher and its
// alternates, untranslated and stale pages, Spanish search and filters, accessibility, and
// no English left in the interface of a Spanish page.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { repo, build, serve, launch, searchFor, violations } = require("./support");

let server, browser, page;

test.before(async () => {
  server = await serve(build("languages", path.join(repo, "content")));
  browser = await launch();
  page = await browser.newPage();
});
test.after(async () => {
  await browser.close();
  await server.close();
});

/** The path of an absolute or root-relative URL. */
const pathOf = (href) => new URL(href, "http://localhost").pathname;

/** The language an element is in: its own or its nearest ancestor's `lang`. */
const langOf = (selector) => page.$eval(selector, (el) => el.closest("[lang]").getAttribute("lang"));

test("the switcher leads from a page to its Spanish edition and back to the same URL", async () => {
  for (const url of [
    "/toolkits/family-guide/how-to-apply/", "/districts/alder-unified/",
    "/districts/alder-unified/family-guide/how-to-apply/", "/opportunities/",
    "/opportunities/alder-fire-station-tour/",
  ]) {
    await page.goto(server.url + url);
    assert.equal(await page.getAttribute("html", "lang"), "en", url);
    await Promise.all([page.waitForNavigation(), page.click(".language-switcher a[hreflang=es]")]);
    assert.equal(pathOf(page.url()), "/es" + url, url);
    assert.equal(await page.getAttribute("html", "lang"), "es", url);
    const back = page.locator(".language-switcher a[hreflang=en]");
    assert.equal(await back.textContent(), "English", url);
    await Promise.all([page.waitForNavigation(), back.click()]);
    assert.equal(pathOf(page.url()), url, url);
  }
});

test("every hreflang alternate of a page names a page that exists", async () => {
  for (const url of [
    "/toolkits/family-guide/how-to-apply/", "/es/toolkits/family-guide/how-to-apply/",
    "/es/districts/alder-unified/", "/es/opportunities/", "/es/toolkits/employer-guide/labor-law/",
  ]) {
    await page.goto(server.url + url);
    const links = await page.$$eval("link[rel=alternate][hreflang]", (ls) =>
      ls.map((l) => ({ lang: l.getAttribute("hreflang"), href: l.getAttribute("href") })));
    assert.deepEqual(links.map((l) => l.lang).sort(), ["en", "es", "x-default"], url);
    const es = links.find((l) => l.lang === "es");
    assert.ok(pathOf(es.href).startsWith("/es/"), url + ": " + es.href);
    for (const link of links) {
      const res = await fetch(server.url + pathOf(link.href));
      assert.equal(res.status, 200, url + ": " + link.href);
    }
  }
});

test("an untranslated chapter keeps Spanish navigation and marks its English content", async () => {
  await page.goto(server.url + "/es/toolkits/employer-guide/labor-law/");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.match(await page.textContent(".site-nav"), /Oportunidades/);
  const notice = await page.textContent(".notice-translation");
  assert.match(notice, /todavía no está traducida/);
  assert.equal(await langOf(".notice-translation"), "es");
  // The content is English, and says so...
  for (const part of ["h1", ".chapter .lead", ".prose", ".page-toc li a"]) {
    assert.equal(await langOf(part), "en", part);
  }
  // ...while the words the theme puts around it stay Spanish, and are marked Spanish.
  for (const part of [".chapter .updated", ".chapter .tags-label", ".page-toc summary", ".pager"]) {
    assert.equal(await langOf(part), "es", part);
  }
});

test("a stale translation says so and leads to a side-by-side view of both languages", async () => {
  await page.goto(server.url + "/es/toolkits/employer-guide/hosting/");
  const notice = page.locator(".notice-translation");
  assert.match(await notice.textContent(), /cambió después de que se tradujera/);
  await Promise.all([page.waitForNavigation(), notice.locator("a").click()]);
  assert.equal(pathOf(page.url()), "/es/toolkits/employer-guide/translations/compare/hosting/");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  const pairs = await page.$$eval(".side-by-side .pair", (items) => items.map((li) => {
    const side = (cls) => {
      const el = li.querySelector(cls + " .pair-text");
      return el && { lang: el.closest("[lang]").getAttribute("lang"), text: el.textContent, box: el.getBoundingClientRect().toJSON() };
    };
    return { source: side(".pair-source"), translation: side(".pair-translation") };
  }));
  assert.ok(pairs.length > 5, "only " + pairs.length + " pairs");
  const both = pairs.filter((p) => p.source && p.translation);
  assert.ok(both.length > 5);
  for (const p of both) {
    assert.equal(p.source.lang, "en", p.source.text);
    assert.equal(p.translation.lang, "es", p.translation.text);
    // Side by side on a wide screen: the same row, the original first.
    assert.ok(p.source.box.x < p.translation.box.x, JSON.stringify(p));
    assert.ok(Math.abs(p.source.box.y - p.translation.box.y) < 40, JSON.stringify(p));
  }
  assert.ok(both.some((p) => /Recibir a un estudiante/.test(p.translation.text)));
  assert.ok(both.some((p) => /Hosting a student/.test(p.source.text)));
});

/** The header search's results, each as its title and link. */
const results = () => page.$$eval("#site-search-results a.search-result", (links) =>
  links.map((a) => ({ title: a.textContent, href: a.getAttribute("href") })));

test("Spanish search finds the same pages with and without accents, in the Spanish edition", async () => {
  await page.goto(server.url + "/es/");
  for (const [accented, plain, expect] of [
    ["niños", "ninos", "/es/opportunities/"],
    ["información", "informacion", "/es/toolkits/"],
    ["pasantía", "pasantia", "/es/toolkits/"],
  ]) {
    await searchFor(page, accented);
    const one = await results();
    assert.match(await page.textContent("#site-search-status"), /resultados? para/);
    await searchFor(page, plain);
    const two = await results();
    assert.ok(one.length > 0, accented);
    assert.deepEqual(two.map((r) => r.href), one.map((r) => r.href), accented + " / " + plain);
    assert.ok(one.every((r) => r.href.startsWith("/es/")), JSON.stringify(one));
    assert.ok(one.some((r) => r.href.startsWith(expect)), JSON.stringify(one));
  }
  // A misspelt word still finds the family guide.
  await searchFor(page, "familas");
  const typo = await results();
  assert.ok(typo.some((r) => r.href.startsWith("/es/toolkits/family-guide/")), JSON.stringify(typo));

  await page.goto(server.url + "/es/search/?q=" + encodeURIComponent("niños"));
  await page.waitForSelector("#search-page-results a.search-result");
  const hrefs = await page.$$eval("#search-page-results a.search-result", (a) => a.map((x) => x.getAttribute("href")));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith("/es/")), hrefs.join());
});

/** Words of the English interface that must not show on a Spanish page's interface. */
const ENGLISH = ["On this page", "Search", "Previous", "Next", "Skip to", "Updated", "Contents", "Filter",
  "Deadline", "Apply", "Menu", "Clear", "results", "result", "Kind", "Show more", "More filters", "Sort by",
  "Home", "Page", "Link to this section", "Table", "Employer", "Opportunities", "Other languages", "Print",
  "listings", "match", "removed text", "Back", "Close", "Open", "Toolkits", "Breadcrumb", "All pages"];
const englishIn = (text) => ENGLISH.filter((w) => new RegExp("(^|[^\\p{L}])" + w + "($|[^\\p{L}])", "u").test(text));

/**
 * The interface text of the page that is in Spanish: text in its header, navigation,
 * footer, notices, breadcrumbs, pagination, buttons and summaries, every aria-label, and
 * text that CSS writes before or after an element; leaving out whatever is marked English.
 */
function interfaceText() {
  const english = (el) => { const l = el.closest("[lang]"); return l && l.getAttribute("lang") !== "es"; };
  const found = [];
  const regions = "header, nav, footer, .notice, .breadcrumbs, .pager, .pagination, button, summary, label, legend, " +
    ".facet-filters, .results-title, [role=status], .prose a.anchor, .updated, .tags-label, .pair-label, caption, th";
  document.querySelectorAll(regions).forEach((region) => {
    const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest("script, style, template")) continue;
      if (!english(n.parentElement) && n.textContent.trim()) found.push(n.textContent.trim());
    }
  });
  document.querySelectorAll("[aria-label], [title], [placeholder], input[type=submit]").forEach((el) => {
    if (english(el)) return;
    ["aria-label", "title", "placeholder"].forEach((a) => { if (el.getAttribute(a)) found.push(el.getAttribute(a)); });
    if (el.type === "submit") found.push(el.value);
  });
  document.querySelectorAll("body *").forEach((el) => {
    if (english(el)) return;
    for (const pseudo of ["::before", "::after"]) {
      let content = getComputedStyle(el, pseudo).content;
      if (!content || content === "none" || content === "normal") continue;
      content = content.replace(/attr\(([\w-]+)\)/g, (_, name) => JSON.stringify(el.getAttribute(name) || ""));
      const text = (content.split(" / ")[0].match(/"((?:[^"\\]|\\.)*)"/g) || []).map((s) => s.slice(1, -1)).join("");
      if (/\p{L}/u.test(text)) found.push(text + " (" + pseudo + " of " + el.tagName.toLowerCase() + "." + el.className + ")");
    }
  });
  return found;
}

test("the Spanish filters speak Spanish and narrow the listing", async () => {
  await page.goto(server.url + "/es/opportunities/");
  await page.waitForSelector(".facet-filters");
  await page.waitForSelector(".results[aria-busy=false]", { state: "attached" });
  const form = await page.$eval(".facet-filters", (f) => f.innerText);
  assert.deepEqual(englishIn(form), [], form);
  const generated = (await page.evaluate(interfaceText)).filter((t) => t.includes("::before of form"));
  assert.ok(generated.some((t) => t.startsWith("Filtr")), generated.join());
  const title = () => page.textContent(".results-title");
  const all = parseInt(await title(), 10);
  assert.ok(all > 10, await title());
  const box = page.locator("input[type=checkbox][name=kind]").first();
  const label = await page.textContent(`label[for="${await box.getAttribute("id")}"]`);
  await box.check();
  await page.waitForFunction((n) => parseInt(document.querySelector(".results-title").textContent, 10) < n, all);
  const count = parseInt(await title(), 10);
  assert.ok(count > 0 && count < all, label + ": " + count);
  assert.equal(label.trim().match(/\((\d+)\)$/)[1], String(count));
  assert.match(await title(), /^\d+ oportunidad(es)?/);
  assert.deepEqual(englishIn(await title()), []);
  const status = await page.$$eval("[role=status]", (s) => s.map((x) => x.textContent).join(" "));
  assert.deepEqual(englishIn(status), [], status);
});

const SPANISH_PAGES = [
  "/es/", "/es/toolkits/family-guide/how-to-apply/", "/es/toolkits/employer-guide/labor-law/",
  "/es/toolkits/employer-guide/hosting/", "/es/toolkits/employer-guide/translations/compare/hosting/",
  "/toolkits/employer-guide/translations/", "/es/toolkits/employer-guide/translations/",
  "/es/opportunities/", "/es/opportunities/alder-fire-station-tour/", "/es/employers/kestrel-creative-studio/",
  "/es/districts/alder-unified/", "/es/districts/alder-unified/micro-internships/recruiting-partners/alder-academy-partners/",
  "/es/search/?q=ni%C3%B1os", "/es/404.html",
];

/** Opens `url` and waits for what its scripts add. */
async function open(p, url) {
  await p.goto(server.url + url);
  if (url.endsWith("/opportunities/")) await p.waitForSelector(".facet-filters");
  if (url.includes("/search/")) await p.waitForSelector("#search-page-results a.search-result");
}


for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on the Spanish edition (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
    const p = await context.newPage();
    const found = {};
    for (const url of SPANISH_PAGES) {
      await open(p, url);
      const v = await violations(p);
      if (v.length) found[url] = v;
    }
    await p.setViewportSize({ width: 390, height: 844 });
    for (const url of ["/es/", "/es/toolkits/employer-guide/labor-law/", "/es/toolkits/employer-guide/translations/compare/hosting/", "/es/opportunities/"]) {
      await open(p, url);
      const v = await violations(p);
      if (v.length) found[url + " (390px)"] = v;
    }
    await context.close();
    assert.deepEqual(found, {});
  });
}

test("no English words in the interface of a Spanish page", async () => {
  const found = {};
  for (const url of SPANISH_PAGES.filter((u) => u.startsWith("/es/")).concat(["/es/opportunities/page/2/"])) {
    await open(page, url);
    await page.waitForLoadState("load");
    const english = (await page.evaluate(interfaceText)).filter((t) => englishIn(t).length);
    if (english.length) found[url] = [...new Set(english)];
  }
  assert.deepEqual(found, {});
});

test("the on-page contents heading that CSS writes is the page's own language", async () => {
  for (const [url, heading] of [["/es/toolkits/family-guide/how-to-apply/", "En esta página"], ["/toolkits/family-guide/how-to-apply/", "On this page"]]) {
    await page.goto(server.url + url);
    const text = await page.$eval(".page-toc nav", (nav) => {
      const content = getComputedStyle(nav, "::before").content;
      return content.replace(/attr\(([\w-]+)\)/g, (_, name) => JSON.stringify(nav.getAttribute(name) || ""));
    });
    assert.ok(text.includes('"' + heading + '"'), url + ": " + text);
  }
});
