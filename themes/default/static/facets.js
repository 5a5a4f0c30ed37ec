// Trellis listing filters: on /opportunities/, narrows the open opportunities by kind, stage,
// pathway, where, pay, grade, district, employer and supports, by ranges of grade, deadline,
// hours and pay, and by words; keeps the state in the address; and sorts. Built with DOM
// methods and textContent only. Without JavaScript the static facet pages do the same job.
(function () {
  "use strict";
  var listing = document.querySelector(".listing[data-facets]");
  if (!listing || !window.fetch || !window.URLSearchParams) return;
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "/";
  var PAGE = 50;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function longDate(days) {
    var d = new Date(days * 86400000);
    return MONTHS[d.getUTCMonth()] + " " + d.getUTCDate() + ", " + d.getUTCFullYear();
  }
  function isoDate(days) { return new Date(days * 86400000).toISOString().slice(0, 10); }
  function lower(s) { return String(s || "").toLowerCase(); }

  fetch(base + "search/opportunities.json").then(function (r) { return r.json(); }).then(start).catch(function () {});

  function start(data) {
    var rows = data.rows.map(function (r, i) {
      return { i: i, title: r[0], url: r[1], employer: r[2], kind: r[3], modality: r[4], paid: r[5], pay: r[6],
        gmin: r[7], gmax: r[8], districts: r[9], pathways: r[10], supports: r[11], deadline: r[12], starts: r[13],
        hours: r[14], hourly: r[15], seats: r[16], summary: r[17], city: r[18], order: r[19], soon: r[20],
        stage: data.kind_stage[r[3]],
        text: lower(r[0] + " " + (r[17] || "") + " " + data.employers[r[2]][1] + " " + (r[18] || "")) };
    });

    // The groups of checkboxes: name, legend, values [key, label], and how a row matches.
    var groups = [
      { name: "kind", legend: "Kind", values: data.kinds.map(function (k, i) { return [k[0], k[1], i]; }), test: function (r, v) { return r.kind === v; } },
      { name: "stage", legend: "Stage", values: data.stages.map(function (s, i) { return [s[0], s[1], i]; }), test: function (r, v) { return r.stage === v; } },
      { name: "pathway", legend: "Career pathway", values: data.pathways.map(function (p, i) { return [p[0], p[1], i]; }), test: function (r, v) { return r.pathways.indexOf(v) >= 0; } },
      { name: "modality", legend: "Where", values: data.modalities.map(function (m, i) { return [m[0], m[1], i]; }), test: function (r, v) { return r.modality === v; } },
      { name: "pay", legend: "Pay", values: [["paid", "Paid", 1], ["unpaid", "Unpaid", 0]], test: function (r, v) { return r.paid === v; } },
      { name: "district", legend: "District", values: data.districts.map(function (d, i) { return [d[0], d[1], i]; }), test: function (r, v) { return r.districts.length === 0 || r.districts.indexOf(v) >= 0; } },
      { name: "support", legend: "Supports", values: data.supports.map(function (s, i) { return [s[0], s[1], i]; }), test: function (r, v) { return (r.supports & (1 << v)) !== 0; } }
    ];

    // ---- The form ----
    var form = el("form", { "class": "facet-filters", "aria-label": "Filter opportunities" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var words = el("input", { type: "search", id: "filter-words", name: "q", autocomplete: "off" });
    var wordsField = el("p", { "class": "filter-field" });
    wordsField.appendChild(el("label", { "for": "filter-words" }, "Words"));
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
    var sort = select("sort", "Sort by", [["deadline", "Deadline, soonest first"], ["start", "Start date, soonest first"], ["newest", "Newest listings first"]]);
    var grade = select("grade", "Grade", [["", "Any grade"]].concat([6, 7, 8, 9, 10, 11, 12, 13, 14].map(function (g) { return [String(g), g > 12 ? "Grade " + g + " (college year " + (g - 12) + ")" : "Grade " + g]; })));
    var deadline = select("deadline", "Deadline", [["", "Any time"], ["7", "Within a week"], ["14", "Within two weeks"], ["30", "Within 30 days"], ["60", "Within 60 days"], ["90", "Within 90 days"]]);
    var employerSelect = select("employer", "Employer", [["", "Any employer"]].concat(data.employers.map(function (e) { return [e[0], e[1]]; })));
    var hoursMin = number("hours_min", "Hours in all, at least");
    var hoursMax = number("hours_max", "Hours in all, at most");
    var payMin = number("pay_min", "Hourly pay, at least ($)");

    // The checkbox groups fold away on narrow screens until wanted.
    var more = el("details", { "class": "filter-more" });
    more.appendChild(el("summary", {}, "More filters"));
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
    var reset = el("button", { type: "button", "class": "button button-secondary" }, "Clear filters");
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
    var showMore = el("button", { type: "button", "class": "button button-secondary show-more" }, "Show more");
    results.appendChild(showMore);
    var empty = el("p", { "class": "empty", hidden: "" }, "No open opportunities match these filters. Clear some to see more.");
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
      if (s.grade && !(r.gmin <= +s.grade && +s.grade <= r.gmax)) return false;
      if (s.deadline && !(r.deadline !== null && r.deadline - data.today <= +s.deadline)) return false;
      if (s.employer && data.employers[r.employer][0] !== s.employer) return false;
      if (s.hours_min && !(r.hours !== null && r.hours >= +s.hours_min)) return false;
      if (s.hours_max && !(r.hours !== null && r.hours <= +s.hours_max)) return false;
      if (s.pay_min && !(r.hourly !== null && r.hourly >= +s.pay_min)) return false;
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

    function card(r) {
      var article = el("article", { "class": "opportunity-card stage-" + data.stages[r.stage][0] + (r.soon ? " status-closing-soon" : " status-open") });
      var h = el("h3", { "class": "card-title" });
      h.appendChild(el("a", { href: r.url }, r.title));
      article.appendChild(h);
      var employer = data.employers[r.employer];
      var who = el("p", { "class": "card-employer" });
      who.appendChild(el("a", { href: employer[2] }, employer[1]));
      if (r.city) who.appendChild(el("span", { "class": "card-city" }, " \u00b7 " + r.city));
      article.appendChild(who);
      var badges = el("ul", { "class": "badges", "aria-label": "At a glance" });
      badges.appendChild(el("li", { "class": "badge badge-kind" }, data.kinds[r.kind][1]));
      badges.appendChild(el("li", { "class": "badge badge-stage stage-" + data.stages[r.stage][0] }, data.stages[r.stage][1]));
      badges.appendChild(el("li", { "class": "badge badge-modality" }, data.modalities[r.modality][1]));
      badges.appendChild(el("li", { "class": "badge " + (r.paid ? "badge-paid" : "badge-unpaid") }, r.pay ? "Paid: " + r.pay : "Unpaid"));
      if (r.soon) badges.appendChild(el("li", { "class": "badge badge-closing" }, "Closing soon"));
      article.appendChild(badges);
      if (r.summary) article.appendChild(el("p", { "class": "card-summary" }, r.summary));
      var facts = el("dl", { "class": "facts" });
      function fact(label, value) {
        var div = el("div");
        div.appendChild(el("dt", {}, label));
        var dd = el("dd");
        if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
        div.appendChild(dd);
        facts.appendChild(div);
      }
      fact("Grades", r.gmin === r.gmax ? "Grade " + r.gmin : "Grades " + r.gmin + "\u2013" + r.gmax);
      fact("Open to", r.districts.length ? r.districts.map(function (d) { return data.districts[d][1]; }).join(", ") : "All districts");
      if (r.pathways.length) fact("Pathway", r.pathways.map(function (p) { return data.pathways[p][1]; }).join("; "));
      if (r.seats) fact("Seats", String(r.seats));
      if (r.deadline !== null) fact("Apply by", el("time", { datetime: isoDate(r.deadline) }, longDate(r.deadline)));
      article.appendChild(facts);
      return article;
    }

    function render() {
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
        option.textContent = data.employers[n - 1][1] + " (" + count + ")";
      });
      var byGrade = rows.filter(function (r) { return passes(r, Object.assign({}, s, { grade: "" }), null); });
      Array.prototype.forEach.call(grade.options, function (option) {
        if (!option.value) return;
        var g = +option.value;
        var count = byGrade.filter(function (r) { return r.gmin <= g && g <= r.gmax; }).length;
        option.textContent = option.getAttribute("data-label") + " (" + count + ")";
      });
      matches = sorted(matches, s.sort);
      while (list.firstChild) list.removeChild(list.firstChild);
      matches.slice(0, shown).forEach(function (r) {
        var item = el("li");
        item.appendChild(card(r));
        list.appendChild(item);
      });
      showMore.hidden = matches.length <= shown;
      empty.hidden = matches.length > 0;
      var words_ = matches.length === 1 ? "1 listing" : matches.length + " listings";
      if (heading) heading.textContent = words_;
      live.textContent = words_ + " match.";
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
      render();
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
    window.addEventListener("popstate", function () { fromUrl(); shown = PAGE; render(); });
    fromUrl();
    if (groups.some(function (g) { return boxes[g.name].some(function (b) { return b.box.checked; }); })) more.open = true;
    render();
  }
})();
