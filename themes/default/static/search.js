// Trellis search: one search box on every page, answered in the browser from the index
// files under /search/ (see src/search/mod.rs). Results are built with DOM methods and
// textContent only: no indexed text is ever parsed as HTML.
(function () {
  "use strict";

  // ---- Words and terms: the same rules as src/search/text.rs, chosen by <html lang> ----
  var FOLD = { "á": "a", "à": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "é": "e", "è": "e", "ê": "e",
    "ë": "e", "í": "i", "ì": "i", "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "ö": "o", "õ": "o",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "ñ": "n", "ç": "c" };

  function words(text) {
    var out = [];
    String(text).toLowerCase().split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      var folded = "";
      for (var i = 0; i < w.length; i++) {
        var c = FOLD[w[i]] || w[i];
        if (/[a-z0-9]/.test(c)) folded += c;
      }
      if (folded) out.push(folded);
    });
    return out;
  }

  function list(text) { return text.split(" "); }
  function set(text) {
    var out = Object.create(null);
    list(text).forEach(function (w) { out[w] = true; });
    return function (w) { return out[w] === true; };
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  // src/search/english.rs
  function undouble(w) {
    var n = w.length;
    if (n >= 2 && w[n - 1] === w[n - 2] && "aeioulsz".indexOf(w[n - 1]) < 0) return w.slice(0, -1);
    return w;
  }
  var ENGLISH = {
    isStop: set("a an and are as at be but by for from has have in is it its of on or that the " +
      "their them they this to was were will with you your"),
    stem: function (word) {
      var w = word;
      if (w.length > 4 && /ies$/.test(w)) w = w.slice(0, -3) + "y";
      else if (/sses$/.test(w)) w = w.slice(0, -2);
      else if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
      if (w.length > 5 && /ing$/.test(w)) w = undouble(w.slice(0, -3));
      else if (w.length > 4 && /ed$/.test(w)) w = undouble(w.slice(0, -2));
      if (w.length > 4 && /e$/.test(w)) w = w.slice(0, -1);
      return w;
    }
  };

  // src/search/spanish.rs: Snowball Spanish on folded words.
  var SPANISH = (function () {
    var PRONOUNS = list("me se sela selo selas selos la le lo las les los nos");
    var HOSTS = list("iendo ando ar er ir yendo");
    var STANDARD = [
      [list("anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas " +
        "amiento amientos imiento imientos"), "delete"],
      [list("adora ador acion adoras adores aciones ante antes ancia ancias"), "ic"],
      [list("logia logias"), 3],
      [list("ucion uciones"), 1],
      [list("encia encias"), "ente"],
      [["amente"], "amente"],
      [["mente"], "mente"],
      [list("idad idades"), "idad"],
      [list("iva ivo ivas ivos"), "iv"]
    ];
    var Y_VERB = list("ya ye yan yen yeron yendo yo yas yes yais yamos");
    var VERB_GU = list("en es eis emos");
    var VERB = list("arian arias aran aras ariais areis ariamos aremos ara erian erias eriais ereis " +
      "eriamos eremos irian irias iriais ireis iriamos iremos aba ada ida iera ad ed id ase iese aste " +
      "iste an aban ieran asen iesen aron ieron ado ido ando iendo ar er ir as abas adas idas ieras " +
      "ases ieses ais abais arais ierais aseis ieseis asteis isteis ados idos amos abamos imos aramos " +
      "ieramos iesemos asemos");
    var RESIDUAL = list("os a o e");
    function vowel(c) { return c.length === 1 && "aeiou".indexOf(c) >= 0; }
    // The offset after the first consonant that follows a vowel, looking from `from`.
    function after(w, from) {
      var i = from, n = w.length;
      while (i < n && !vowel(w[i])) i++;
      if (i >= n) return n;
      i++;
      while (i < n && vowel(w[i])) i++;
      return i >= n ? n : i + 1;
    }
    function regions(w) {
      var n = w.length, rv = n, i;
      if (n >= 2 && !vowel(w[1])) {
        for (i = 2; i < n; i++) if (vowel(w[i])) { rv = i + 1; break; }
      } else if (n >= 2 && vowel(w[0])) {
        for (i = 2; i < n; i++) if (!vowel(w[i])) { rv = i + 1; break; }
      } else if (n >= 2) rv = Math.min(3, n);
      var r1 = after(w, 0);
      return { rv: rv, r1: r1, r2: after(w, r1) };
    }
    // The longest of `suffixes` that `w` ends with and that starts at `from` or later.
    function longest(w, suffixes, from) {
      var best = null;
      suffixes.forEach(function (s) {
        if (w.length >= from + s.length && ends(w, s) && (!best || s.length > best.length)) best = s;
      });
      return best;
    }
    function cut(w, s, from) { return ends(w, s) && w.length >= from + s.length ? w.slice(0, w.length - s.length) : w; }
    function pronoun(w, r) {
      var p = longest(w, PRONOUNS, 0);
      if (!p) return w;
      var host = w.slice(0, w.length - p.length);
      var e = longest(host, HOSTS, 0);
      if (!e) return w;
      var start = host.length - e.length;
      if (start < r.rv || (e === "yendo" && !ends(host.slice(0, start), "u"))) return w;
      return host;
    }
    // Steps 1, 2a and 2b each return the shorter word, or null when they removed nothing.
    function standard(w, r) {
      var found = null, action = null, before;
      STANDARD.forEach(function (group) {
        group[0].forEach(function (s) {
          if (ends(w, s) && (!found || s.length > found.length)) { found = s; action = group[1]; }
        });
      });
      if (!found) return null;
      var start = w.length - found.length;
      if (start < (action === "amente" ? r.r1 : r.r2)) return null;
      w = w.slice(0, start);
      if (action === "ic") w = cut(w, "ic", r.r2);
      else if (typeof action === "number") w += found.slice(0, action);
      else if (action === "ente") w += "ente";
      else if (action === "amente") {
        before = longest(w, ["iv", "os", "ic", "ad"], r.r2);
        if (before) w = w.slice(0, w.length - before.length);
        if (before === "iv") w = cut(w, "at", r.r2);
      } else if (action === "mente" || action === "idad") {
        before = longest(w, action === "mente" ? ["ante", "able", "ible"] : ["abil", "ic", "iv"], r.r2);
        if (before) w = w.slice(0, w.length - before.length);
      } else if (action === "iv") w = cut(w, "at", r.r2);
      return w;
    }
    function yVerb(w, r) {
      var s = longest(w, Y_VERB, r.rv);
      return s && ends(w.slice(0, w.length - s.length), "u") ? w.slice(0, w.length - s.length) : null;
    }
    function verb(w, r) {
      var gu = longest(w, VERB_GU, r.rv), other = longest(w, VERB, r.rv);
      if (gu && (!other || other.length < gu.length)) {
        w = w.slice(0, w.length - gu.length);
        return ends(w, "gu") ? w.slice(0, -1) : w;
      }
      return other ? w.slice(0, w.length - other.length) : null;
    }
    function residual(w, r) {
      var s = longest(w, RESIDUAL, 0);
      if (!s || w.length < r.rv + s.length) return w;
      w = w.slice(0, w.length - s.length);
      return s === "e" && ends(w, "gu") && w.length > r.rv ? w.slice(0, -1) : w;
    }
    return {
      isStop: set("a al algo algunas algunos ante antes como con contra cual cuando de del desde donde " +
        "durante e el ella ellas ellos en entre era eran eres es esa esas ese eso esos esta estaba estamos " +
        "estan estar estas este esto estos estoy fue fueron ha habia han has hasta hay he hemos la las le " +
        "les lo los mas me mi mia mias mio mios mis mucho muchos muy nada ni no nos nosotras nosotros " +
        "nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco por porque que quien " +
        "quienes se sea sean ser si sido siendo sin sobre sois somos son soy su sus suya suyas suyo suyos " +
        "tambien tanto te tenemos tener tengo ti tiene tienen tienes todo todos tu tus tuya tuyas tuyo " +
        "tuyos u un una uno unos vosotras vosotros vuestra vuestras vuestro vuestros y ya yo"),
      stem: function (word) {
        if (word.length < 2) return word;
        var r = regions(word);
        var w = pronoun(word, r);
        var shorter = standard(w, r);
        if (shorter === null) shorter = yVerb(w, r);
        if (shorter === null) shorter = verb(w, r);
        return residual(shorter === null ? w : shorter, r);
      }
    };
  })();

  // Any other language: folded words, no stop words, no stemming.
  var OTHER = { isStop: function () { return false; }, stem: function (w) { return w; } };

  function rules(name, language) {
    var stem = function (w) { return /[0-9]/.test(w) ? w : language.stem(w); };
    var keeps = function (w) { return w.length > 1 && !language.isStop(w); };
    return { name: name, isStop: language.isStop, stem: stem,
      terms: function (text) { return words(text).filter(keeps).map(stem); } };
  }
  var RULES = { en: rules("en", ENGLISH), es: rules("es", SPANISH), other: rules("other", OTHER) };
  // The rules for a language code: its primary subtag, in any case ("es-MX" is Spanish).
  function rulesFor(code) {
    var primary = String(code || "").split(/[-_]/)[0].toLowerCase();
    return primary === "en" || primary === "es" ? RULES[primary] : RULES.other;
  }
  var pageRules = rulesFor(document.documentElement.lang);

  // ---- Fetching index files, each once ----
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "/";
  // A portable build (trellis build --portable, opened from disk) gives a relative base
  // ("../../"): browsers refuse fetch() there, so each index file is a classic script that
  // registers its data, and the site's root-relative URLs are made relative to this page.
  var portable = base.charAt(0) !== "/";
  var siteRoot = portable ? base.match(/^(\.\.\/)*/)[0] : "/";
  var sitePath = portable ? "/" + base.slice(siteRoot.length).replace(/^\.\//, "") : base;
  function pageUrl(url) {
    if (!portable || url.charAt(0) !== "/" || url.charAt(1) === "/") return url;
    var cut = url.search(/[?#]/);
    var path = url.slice(1, cut < 0 ? url.length : cut), tail = cut < 0 ? "" : url.slice(cut);
    return siteRoot + path + (path === "" || path.slice(-1) === "/" ? "index.html" : "") + tail;
  }
  function loadScript(src, key) {
    return new Promise(function (resolve) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = function () {
        var all = self.trellisData || {};
        resolve(key in all ? all[key] : null);
        delete all[key];
      };
      tag.onerror = function () { resolve(null); };
      document.head.appendChild(tag);
    });
  }
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = portable ? loadScript(base + "search/" + path.replace(/\.json$/, ".js"), path) :
        fetch(base + "search/" + path).then(function (r) {
          if (!r.ok) return null;
          return r.json();
        }).catch(function () { return null; });
    }
    return cache[path];
  }

  function within(a, b) {
    // Whether the edit distance between a and b is at most 1.
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la > lb) i++;
      else if (lb > la) j++;
      else if (i + 1 < la && a[i] === b[j + 1] && a[i + 1] === b[j]) { i += 2; j += 2; }
      else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  // ---- Searching ----
  // Finds documents for `query`; resolves to [{doc, score}] best first, scoped to `scope`
  // (a district's index into meta.scopes, or -1 for the regional site).
  function search(query, scope, limit) {
    var all = words(query).filter(function (w) { return !pageRules.isStop(w); });
    if (!all.length) return Promise.resolve({ results: [], words: [] });
    var typing = !/\s$/.test(query);
    var queries = all.map(function (w, i) {
      return { word: w, term: pageRules.stem(w), prefix: typing && i === all.length - 1 };
    }).filter(function (q) { return q.word.length > 1; });
    if (!queries.length) return Promise.resolve({ results: [], words: all });
    var meta;
    return load("meta.json").then(function (m) {
      meta = m;
      if (!meta) return [];
      // A big two-letter shard is split by three letters: use the longest that exists.
      return Promise.all(queries.map(function (q) {
        var three = q.word.slice(0, 3);
        var key = q.word.length >= 3 && meta.shards.indexOf(three) >= 0 ? three : q.word.slice(0, 2);
        return meta.shards.indexOf(key) >= 0 ? load("t/" + key + ".json") : Promise.resolve({});
      }));
    }).then(function (shards) {
      var files = [meta].concat(shards);
      if (!meta) return { results: [], words: all };
      var found = {};
      queries.forEach(function (q, n) {
        var shard = files[n + 1] || {};
        var best = {};
        Object.keys(shard).forEach(function (term) {
          var weight = 0;
          if (term === q.term) weight = 1;
          else if (q.prefix && (term.indexOf(q.word) === 0 || (term.length >= 3 && q.word.indexOf(term) === 0))) weight = 0.8;
          else if (q.term.length >= 4 && within(term, q.term)) weight = 0.6;
          if (!weight) return;
          shard[term].forEach(function (p) {
            var score = p[1] * weight;
            if (!best[p[0]] || best[p[0]] < score) best[p[0]] = score;
          });
        });
        Object.keys(best).forEach(function (d) {
          var hit = found[d] || (found[d] = { doc: +d, score: 0, matched: 0 });
          hit.score += best[d];
          hit.matched += 1;
        });
      });
      var ranked = Object.keys(found).map(function (d) { return found[d]; });
      ranked.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.doc - b.doc; });
      // Fetch only the chunks of the best documents, a batch at a time, until enough of
      // them belong to this scope.
      var scopeId = scope >= 0 ? meta.scopes[scope] : null;
      var results = [];
      var next = 0;
      function batch() {
        if (results.length >= limit || next >= ranked.length) return Promise.resolve({ results: results, words: all });
        var hits = ranked.slice(next, next + limit - results.length);
        next += hits.length;
        var chunks = {};
        hits.forEach(function (hit) { chunks[Math.floor(hit.doc / meta.chunk)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) { return load("d/" + c + ".json"); })).then(function () {
          return Promise.all(hits.map(function (hit) { return load("d/" + Math.floor(hit.doc / meta.chunk) + ".json"); }));
        }).then(function (rowsets) {
          hits.forEach(function (hit, n) {
            var row = rowsets[n] && rowsets[n][hit.doc % meta.chunk];
            if (!row) return;
            var only = row[4], not = row[5];
            if (only && only.indexOf(scope) < 0) return;
            if (not && not.indexOf(scope) >= 0) return;
            var url = row[2];
            if (scopeId && row[0] === 0 && url.indexOf(sitePath + "toolkits/") === 0) {
              url = sitePath + "districts/" + scopeId + "/" + url.slice((sitePath + "toolkits/").length);
            }
            results.push({ type: row[0], typeLabel: meta.types[row[0]], title: row[1], url: pageUrl(url), excerpt: row[3] });
          });
          return batch();
        });
      }
      return batch();
    });
  }

  // ---- Showing results, with DOM methods only ----
  function highlight(text, queryWords) {
    var fragment = document.createDocumentFragment();
    var parts = String(text).split(/([\p{L}\p{N}]+)/u);
    parts.forEach(function (part) {
      var w = words(part)[0];
      var hit = w && queryWords.some(function (q) {
        return q.length > 1 && (w.indexOf(q) === 0 || pageRules.stem(w) === pageRules.stem(q));
      });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  // ---- Messages: English unless the page gives its language's (see themeStrings) ----
  var TEXT = themeStrings({
    no_results: "No results for \u201c{query}\u201d.",
    one_result: "{count} result for \u201c{query}\u201d.",
    results: "{count} results for \u201c{query}\u201d."
  });

  // The messages in the page's language: `defaults` overridden by the page's
  // <script type="application/json" id="theme-strings"> (the strings table's [script]),
  // which a page in English leaves out.
  function themeStrings(defaults) {
    var given = document.getElementById("theme-strings");
    if (!given) return defaults;
    try {
      var table = JSON.parse(given.textContent);
      Object.keys(defaults).forEach(function (key) {
        if (typeof table[key] === "string") defaults[key] = table[key];
      });
    } catch (e) { /* A broken table leaves the English messages. */ }
    return defaults;
  }

  // The message `key` with each {name} replaced by `values[name]`.
  function say(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  // Fills `container` with results grouped by type; `status` (a live region) says how many.
  function render(container, status, outcome, query, headingLevel) {
    while (container.firstChild) container.removeChild(container.firstChild);
    var n = outcome.results.length;
    var values = { query: query.trim(), count: n };
    var said = query.trim() === "" ? "" :
      say(n === 0 ? "no_results" : n === 1 ? "one_result" : "results", values);
    status.textContent = said;
    if (!n) {
      if (said) {
        var none = document.createElement("p");
        none.className = "search-none";
        none.textContent = said;
        container.appendChild(none);
      }
      return;
    }
    var groups = [];
    outcome.results.forEach(function (r) {
      var group = groups.filter(function (g) { return g.type === r.type; })[0];
      if (!group) groups.push(group = { type: r.type, label: r.typeLabel, items: [] });
      group.items.push(r);
    });
    groups.forEach(function (group) {
      var section = document.createElement("section");
      section.className = "search-group";
      var heading = document.createElement("h" + headingLevel);
      heading.textContent = group.label;
      section.appendChild(heading);
      var list = document.createElement("ul");
      group.items.forEach(function (r) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = r.url;
        link.className = "search-result";
        link.appendChild(highlight(r.title, outcome.words));
        item.appendChild(link);
        if (r.excerpt) {
          var excerpt = document.createElement("p");
          excerpt.appendChild(highlight(r.excerpt, outcome.words));
          item.appendChild(excerpt);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      container.appendChild(section);
    });
  }

  function scopeIndex() {
    var id = document.body.getAttribute("data-search-scope");
    if (!id) return Promise.resolve(-1);
    return load("meta.json").then(function (meta) { return meta ? meta.scopes.indexOf(id) : -1; });
  }

  function keyboard(input, container, close) {
    input.addEventListener("keydown", function (e) {
      var links = container.querySelectorAll("a.search-result");
      if (e.key === "ArrowDown" && links.length) { e.preventDefault(); links[0].focus(); }
      if (e.key === "Escape" && close) close();
    });
    container.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(container.querySelectorAll("a.search-result"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (e.key === "ArrowDown") { e.preventDefault(); (links[at + 1] || links[at]).focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
      if (e.key === "Escape" && close) { close(); input.focus(); }
    });
  }

  function attach(input, container, status, limit, headingLevel, onQuery) {
    var latest = 0;
    var run = function () {
      var query = input.value;
      var ticket = ++latest;
      if (onQuery) onQuery(query);
      if (query.trim().length < 2) {
        render(container, status, { results: [] }, "", headingLevel);
        container.hidden = !onQuery;
        return;
      }
      scopeIndex().then(function (scope) { return search(query, scope, limit); }).then(function (outcome) {
        if (ticket !== latest) return;
        container.hidden = false;
        render(container, status, outcome, query, headingLevel);
      });
    };
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    return run;
  }

  // The search page, /search/?q=...: full results, the query kept in the address.
  var page = document.getElementById("search-page-results");
  var pageInput = document.getElementById("search-page-input");
  var pageStatus = document.getElementById("search-page-status");
  if (page && pageInput && pageStatus) {
    var params = new URLSearchParams(location.search);
    pageInput.value = params.get("q") || "";
    var runPage = attach(pageInput, page, pageStatus, 50, 2, function (query) {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    });
    keyboard(pageInput, page, null);
    runPage();
  }

  // The box in every page's header: the best results under it while typing.
  var box = document.getElementById("site-search-input");
  var dropdown = document.getElementById("site-search-results");
  var boxStatus = document.getElementById("site-search-status");
  if (box && dropdown && boxStatus && !page) {
    var close = function () { dropdown.hidden = true; };
    attach(box, dropdown, boxStatus, 8, 2, null);
    keyboard(box, dropdown, close);
    document.addEventListener("click", function (e) {
      if (!dropdown.contains(e.target) && e.target !== box) close();
    });
    // Leaving the search with the keyboard closes the results; coming back reopens them.
    var form = box.form;
    if (form) {
      form.addEventListener("focusout", function (e) {
        if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
      });
      box.addEventListener("focus", function () {
        if (box.value.trim().length >= 2 && dropdown.firstChild) dropdown.hidden = false;
      });
    }
  }

  // The word rules (the page's, and any language's), for the browser tests that pin them to
  // the Rust ones.
  window.trellisSearch = { words: words, stem: pageRules.stem, terms: pageRules.terms, rules: rulesFor, search: search };
})();
