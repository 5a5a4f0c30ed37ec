// Trellis listing filters: on /opportunities/, narrows the open opportunities by kind, stage,
// pathway, where, pay, grade, district, employer and supports, by ranges of grade, deadline,
// hours and pay, and by words; keeps the state in the address; and sorts. It shows the cards
// the server rendered (search/cards/<n>.json, fetched as needed), never markup of its own, so
// a theme's card shows here too. Without JavaScript the static facet pages do the same job.
(function () {
  "use strict";
  // The fields read from each table of search/opportunities.json, by name. The browser tests
  // check these against tests/facet-data.json, which pins what the server writes.
  var FIELDS = {
    kinds: ["label", "slug", "stage"],
    stages: ["label", "slug"],
    modalities: ["label", "slug"],
    supports: ["label", "slug"],
    pathways: ["label", "slug"],
    employers: ["label", "slug"],
    districts: ["label", "slug"],
    opportunities: ["city", "deadline", "districts", "employer", "grades", "hourly_pay", "hours", "kind",
      "modality", "order", "paid", "pathways", "starts", "summary", "supports", "title"]
  };
  window.trellisFacets = { fields: FIELDS };
  var listing = document.querySelector(".listing[data-facets]");
  if (!listing || !window.fetch || !window.URLSearchParams || !("content" in document.createElement("template"))) return;
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "/";
  var PAGE = 50;
  // A portable build gives a relative base: the data files are classic scripts that register
  // their data (see search.js), and the cards' root-relative links are made relative here.
  var portable = base.charAt(0) !== "/";
  var siteRoot = portable ? base.match(/^(\.\.\/)*/)[0] : "/";
  function pageUrl(url) {
    if (!portable || url.charAt(0) !== "/" || url.charAt(1) === "/") return url;
    var cut = url.search(/[?#]/);
    var path = url.slice(1, cut < 0 ? url.length : cut), tail = cut < 0 ? "" : url.slice(cut);
    return siteRoot + path + (path === "" || path.slice(-1) === "/" ? "index.html" : "") + tail;
  }
  /** The data file at `url` (its `.json` address), parsed: fetched, or from disk its script. */
  function loadData(url) {
    if (!portable) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    var key = url.slice(url.lastIndexOf("/search/") + "/search/".length);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url.replace(/\.json$/, ".js");
      tag.onload = function () {
        var all = self.trellisData || {};
        if (key in all) resolve(all[key]); else reject(new Error(key));
        delete all[key];
      };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function lower(s) { return String(s || "").toLowerCase(); }
  /** The rows of a table of the facet data as objects with the named fields; throws when the
   * data lacks one, and the static listing stays. */
  function table(data, name) {
    var t = data[name];
    var at = {};
    t.columns.forEach(function (c, i) { at[c] = i; });
    FIELDS[name].forEach(function (f) { if (!(f in at)) throw new Error("facet data: " + name + " lacks " + f); });
    return t.rows.map(function (row) {
      var o = {};
      FIELDS[name].forEach(function (f) { o[f] = row[at[f]]; });
      return o;
    });
  }

  /** The server's cards by row: those on the page already, the rest fetched from the card
   * files (`where`: their folder's URL and cards per file) as they are needed. Null when the
   * folder is not on this site: cards are parsed only from the site's own files. */
  function startCards(where, count) {
    var folder = new URL(portable ? siteRoot + where.url.replace(/^\//, "") : where.url, location.href);
    if (folder.origin !== location.origin || !(where.per_file > 0)) return null;
    var byRow = [];
    var files = {};
    var onPage = listing.querySelector(".results .opportunity-list");
    var seeds = onPage ? Array.prototype.slice.call(onPage.children) : [];
    if (seeds.length === Math.min(count, PAGE) && seeds.every(function (li) { return li.tagName === "LI"; })) {
      seeds.forEach(function (li, i) { byRow[i] = li; });
    }
    function parse(html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      var item = el("li");
      item.appendChild(template.content);
      if (portable) {
        Array.prototype.forEach.call(item.querySelectorAll("[href], [src]"), function (node) {
          var name = node.hasAttribute("href") ? "href" : "src";
          node.setAttribute(name, pageUrl(node.getAttribute(name)));
        });
      }
      return item;
    }
    function file(n) {
      if (!files[n]) {
        files[n] = loadData(new URL(n + ".json", folder).href).then(function (html) {
          html.forEach(function (h, j) { var i = n * where.per_file + j; if (!byRow[i]) byRow[i] = parse(h); });
        });
        files[n].catch(function () { delete files[n]; });
      }
      return files[n];
    }
    return {
      /** Resolves to whether the cards of all these rows are in hand. */
      load: function (wanted) {
        var needed = {};
        wanted.forEach(function (i) { if (!byRow[i]) needed[Math.floor(i / where.per_file)] = true; });
        return Promise.all(Object.keys(needed).map(function (n) { return file(+n); }))
          .then(function () { return true; }, function () { return false; });
      },
      get: function (i) { return byRow[i] || null; }
    };
  }

  loadData(base + "search/opportunities.json").then(start).catch(function () {});

  // The page's strings table ([script]) when it gives one (see search.js); English otherwise.
  var given = document.getElementById("theme-strings");
  var strings = {};
  try { strings = given ? JSON.parse(given.textContent) : {}; } catch (e) { strings = {}; }
  /** The message `key` of the page's language, or `english`, with each {name} filled. */
  function say(key, english, values) {
    var text = typeof strings[key] === "string" ? strings[key] : english;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  /** The message for `count` things: `key_one` when it is 1, else `key_other`. */
  function sayCount(key, count, one, other, values) {
    var all = Object.assign({ count: String(count) }, values || {});
    return count === 1 ? say(key + "_one", one, all) : say(key + "_other", other, all);
  }

  function start(data) {
    var kinds = table(data, "kinds"), stages = table(data, "stages"), modalities = table(data, "modalities"),
      supports = table(data, "supports"), pathways = table(data, "pathways"), employers = table(data, "employers"),
      districts = table(data, "districts");
    var rows = table(data, "opportunities").map(function (r, i) {
      r.i = i;
      r.stage = kinds[r.kind].stage;
      r.text = lower(r.title + " " + (r.summary || "") + " " + employers[r.employer].label + " " + (r.city || ""));
      return r;
    });
    var cards = startCards(data.cards, rows.length);
    if (!cards) return;
    function terms(list) { return list.map(function (t, i) { return [t.slug, t.label, i]; }); }
    function has(list, v) { return list.indexOf(v) >= 0; }

    // The groups of checkboxes: name, legend, values [key, label, value], and how a row
    // matches a value. Each matches as the static facet page of the same name does.
    var groups = [
      { name: "kind", legend: say("kind", "Kind"), values: terms(kinds), test: function (r, v) { return r.kind === v; } },
      { name: "stage", legend: say("stage", "Stage"), values: terms(stages), test: function (r, v) { return r.stage === v; } },
      { name: "pathway", legend: say("pathway", "Career pathway"), values: terms(pathways), test: function (r, v) { return has(r.pathways, v); } },
      { name: "modality", legend: say("modality", "Where"), values: terms(modalities), test: function (r, v) { return r.modality === v; } },
      { name: "pay", legend: say("pay", "Pay"), values: [["paid", say("paid", "Paid"), true], ["unpaid", say("unpaid", "Unpaid"), false]], test: function (r, v) { return r.paid === v; } },
      { name: "district", legend: say("district", "District"), values: terms(districts), test: function (r, v) { return r.districts.length === 0 || has(r.districts, v); } },
      { name: "support", legend: say("supports", "Supports"), values: terms(supports), test: function (r, v) { return has(r.supports, v); } }
    ];

    // ---- The form ----
    var form = el("form", { "class": "facet-filters", "aria-label": say("filter_form", "Filter opportunities"), "data-heading": say("filter", "Filter") });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var words = el("input", { type: "search", id: "filter-words", name: "q", autocomplete: "off" });
    var wordsField = el("p", { "class": "filter-field" });
    wordsField.appendChild(el("label", { "for": "filter-words" }, say("words", "Words")));
    wordsField.appendChild(words);
    form.appendChild(wordsField);

    function select(name, label, options) {
      var field = el("p", { "class": "filter-field" });
      field.appendChild(el("label", { "for": "filter-" + name }, label));
      var s = el("select", { id: "filter-" + name, name: name });
      options.forEach(function (o) { s.appendChild(el("option", { value: o[0], "data-label": o[1] }, o[1])); });
      field.appendChild(s);
      form.appendChild(field);
      return s;
    }
    function number(name, label) {
      var field = el("p", { "class": "filter-field" });
      field.appendChild(el("label", { "for": "filter-" + name }, label));
      var input = el("input", { id: "filter-" + name, name: name, type: "number", min: "0", inputmode: "numeric" });
      field.appendChild(input);
      form.appendChild(field);
      return input;
    }
    var sort = select("sort", say("sort_by", "Sort by"), [["deadline", say("sort_deadline", "Deadline, soonest first")],
      ["start", say("sort_start", "Start date, soonest first")], ["newest", say("sort_newest", "Newest listings first")]]);
    function gradeLabel(g) {
      var values = { grade: String(g), year: String(g - 12) };
      return g > 12 ? say("college_grade_option", "Grade {grade} (college year {year})", values) : say("grade_option", "Grade {grade}", values);
    }
    var grade = select("grade", say("grade", "Grade"), [["", say("any_grade", "Any grade")]].concat([6, 7, 8, 9, 10, 11, 12, 13, 14].map(function (g) { return [String(g), gradeLabel(g)]; })));
    function within(days) { return say("within_days", "Within {count} days", { count: String(days) }); }
    var deadline = select("deadline", say("deadline", "Deadline"), [["", say("any_time", "Any time")], ["7", say("within_week", "Within a week")],
      ["14", say("within_two_weeks", "Within two weeks")], ["30", within(30)], ["60", within(60)], ["90", within(90)]]);
    var employerSelect = select("employer", say("employer", "Employer"), [["", say("any_employer", "Any employer")]].concat(employers.map(function (e) { return [e.slug, e.label]; })));
    var hoursMin = number("hours_min", say("hours_min", "Hours in all, at least"));
    var hoursMax = number("hours_max", say("hours_max", "Hours in all, at most"));
    var payMin = number("pay_min", say("pay_min", "Hourly pay, at least ($)"));

    // The checkbox groups fold away on narrow screens until wanted.
    var more = el("details", { "class": "filter-more" });
    more.appendChild(el("summary", {}, say("more_filters", "More filters")));
    if (window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) more.open = true;
    form.appendChild(more);
    var boxes = {};
    groups.forEach(function (g) {
      var fieldset = el("fieldset", { "class": "facet-group" });
      fieldset.appendChild(el("legend", {}, g.legend));
      var list = el("ul");
      boxes[g.name] = [];
      g.values.forEach(function (v) {
        var id = "filter-" + g.name + "-" + v[0];
        var item = el("li");
        var box = el("input", { type: "checkbox", id: id, name: g.name, value: v[0] });
        var label = el("label", { "for": id });
        label.appendChild(document.createTextNode(v[1] + " "));
        var count = el("span", { "class": "count" });
        label.appendChild(count);
        item.appendChild(box);
        item.appendChild(label);
        list.appendChild(item);
        boxes[g.name].push({ box: box, key: v[0], value: v[2], count: count, item: item });
      });
      fieldset.appendChild(list);
      more.appendChild(fieldset);
    });
    var reset = el("button", { type: "button", "class": "button button-secondary" }, say("clear", "Clear filters"));
    form.appendChild(reset);

    // Swap the static links and results for the live ones.
    var staticNav = listing.querySelector("nav.facets");
    var results = listing.querySelector(".results");
    if (staticNav) staticNav.hidden = true;
    listing.insertBefore(form, listing.firstChild);
    var heading = results.querySelector(".results-title");
    var staticList = results.querySelector(".opportunity-list");
    var staticPages = results.querySelector(".pagination");
    if (staticList) staticList.hidden = true;
    if (staticPages) staticPages.hidden = true;
    var list = el("ol", { "class": "opportunity-list", "aria-describedby": "results-title" });
    results.appendChild(list);
    var showMore = el("button", { type: "button", "class": "button button-secondary show-more" }, say("show_more", "Show more"));
    results.appendChild(showMore);
    var EMPTY = say("no_match", "No open opportunities match these filters. Clear some to see more.");
    var FAILED = say("failed", "Some listings could not be loaded. Reload the page to try again.");
    var empty = el("p", { "class": "empty", hidden: "" }, EMPTY);
    results.appendChild(empty);
    var live = el("p", { "class": "visually-hidden", role: "status" });
    results.appendChild(live);
    var shown = PAGE;

    // ---- State: the form and the address say the same ----
    function state() {
      var s = { q: words.value.trim(), sort: sort.value, grade: grade.value, deadline: deadline.value,
        employer: employerSelect.value, hours_min: hoursMin.value, hours_max: hoursMax.value, pay_min: payMin.value };
      groups.forEach(function (g) {
        s[g.name] = boxes[g.name].filter(function (b) { return b.box.checked; }).map(function (b) { return b.key; });
      });
      return s;
    }
    function toUrl(s) {
      var params = new URLSearchParams();
      Object.keys(s).forEach(function (k) {
        var v = s[k];
        if (Array.isArray(v)) { if (v.length) params.set(k, v.join(",")); }
        else if (v && !(k === "sort" && v === "deadline")) params.set(k, v);
      });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "");
    }
    function fromUrl() {
      var params = new URLSearchParams(location.search);
      words.value = params.get("q") || "";
      sort.value = params.get("sort") || "deadline";
      grade.value = params.get("grade") || "";
      deadline.value = params.get("deadline") || "";
      employerSelect.value = params.get("employer") || "";
      hoursMin.value = params.get("hours_min") || "";
      hoursMax.value = params.get("hours_max") || "";
      payMin.value = params.get("pay_min") || "";
      groups.forEach(function (g) {
        var wanted = (params.get(g.name) || "").split(",");
        boxes[g.name].forEach(function (b) { b.box.checked = wanted.indexOf(b.key) >= 0; });
      });
    }

    // ---- Filtering ----
    function passes(r, s, except) {
      if (s.q) {
        var needed = s.q.toLowerCase().split(/\s+/);
        for (var w = 0; w < needed.length; w++) if (r.text.indexOf(needed[w]) < 0) return false;
      }
      if (s.grade && !has(r.grades, +s.grade)) return false;
      if (s.deadline && !(r.deadline !== null && r.deadline - data.today <= +s.deadline)) return false;
      if (s.employer && employers[r.employer].slug !== s.employer) return false;
      if (s.hours_min && !(r.hours !== null && r.hours >= +s.hours_min)) return false;
      if (s.hours_max && !(r.hours !== null && r.hours <= +s.hours_max)) return false;
      if (s.pay_min && !(r.hourly_pay !== null && r.hourly_pay >= +s.pay_min)) return false;
      for (var i = 0; i < groups.length; i++) {
        var g = groups[i];
        if (g.name === except || !s[g.name].length) continue;
        var ok = boxes[g.name].some(function (b) { return b.box.checked && g.test(r, b.value); });
        if (!ok) return false;
      }
      return true;
    }
    function sorted(matches, how) {
      var key = {
        deadline: function (r) { return r.deadline === null ? Infinity : r.deadline; },
        start: function (r) { return r.starts === null ? Infinity : r.starts; },
        newest: function (r) { return -r.order; }
      }[how] || function (r) { return r.i; };
      return matches.slice().sort(function (a, b) { return key(a) - key(b) || a.i - b.i; });
    }

    var renders = 0;
    /** Filters, counts and shows the matching cards; `then` runs once they are in place. */
    function render(then) {
      var s = state();
      var matches = rows.filter(function (r) { return passes(r, s, null); });
      groups.forEach(function (g) {
        var base = rows.filter(function (r) { return passes(r, s, g.name); });
        boxes[g.name].forEach(function (b) {
          var n = base.filter(function (r) { return g.test(r, b.value); }).length;
          b.count.textContent = "(" + n + ")";
          b.item.hidden = n === 0 && !b.box.checked;
        });
      });
      // Counts on the choices of the employer and grade lists too.
      var byEmployer = rows.filter(function (r) { return passes(r, Object.assign({}, s, { employer: "" }), null); });
      var perEmployer = {};
      byEmployer.forEach(function (r) { perEmployer[r.employer] = (perEmployer[r.employer] || 0) + 1; });
      Array.prototype.forEach.call(employerSelect.options, function (option, n) {
        if (n === 0) return;
        var count = perEmployer[n - 1] || 0;
        option.textContent = employers[n - 1].label + " (" + count + ")";
      });
      var byGrade = rows.filter(function (r) { return passes(r, Object.assign({}, s, { grade: "" }), null); });
      Array.prototype.forEach.call(grade.options, function (option) {
        if (!option.value) return;
        var g = +option.value;
        var count = byGrade.filter(function (r) { return has(r.grades, g); }).length;
        option.textContent = option.getAttribute("data-label") + " (" + count + ")";
      });
      matches = sorted(matches, s.sort);
      var visible = matches.slice(0, shown);
      var generation = ++renders;
      results.setAttribute("aria-busy", "true");
      cards.load(visible.map(function (r) { return r.i; })).then(function (ok) {
        if (generation !== renders) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        visible.forEach(function (r) { var card = cards.get(r.i); if (card) list.appendChild(card); });
        showMore.hidden = matches.length <= shown;
        empty.textContent = ok ? EMPTY : FAILED;
        empty.hidden = ok && matches.length > 0;
        var words_ = sayCount("listings", matches.length, "{count} listing", "{count} listings");
        if (heading) heading.textContent = words_;
        live.textContent = sayCount("match", matches.length, "{listings} match.", "{listings} match.", { listings: words_ });
        results.setAttribute("aria-busy", "false");
        if (then) then();
      });
    }

    function changed(push) {
      shown = PAGE;
      var url = toUrl(state());
      if (url !== location.pathname + location.search) {
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      }
      render();
    }

    form.addEventListener("change", function (e) { changed(e.target.type === "checkbox" || e.target.tagName === "SELECT"); });
    var timer = null;
    form.addEventListener("input", function (e) {
      if (e.target.type === "checkbox" || e.target.tagName === "SELECT") return;
      clearTimeout(timer);
      timer = setTimeout(function () { changed(false); }, 150);
    });
    reset.addEventListener("click", function () {
      form.reset();
      groups.forEach(function (g) { boxes[g.name].forEach(function (b) { b.box.checked = false; }); });
      changed(true);
    });
    showMore.addEventListener("click", function () {
      var first = shown;
      shown += PAGE;
      render(function () {
        var next = list.children[first] && list.children[first].querySelector("a");
        if (next) next.focus();
      });
    });
    window.addEventListener("popstate", function () { fromUrl(); shown = PAGE; render(); });
    fromUrl();
    if (groups.some(function (g) { return boxes[g.name].some(function (b) { return b.box.checked; }); })) more.open = true;
    render();
  }
})();
