// The search page: runs the GET form against Pagefind's index of this page's language.
// Pagefind (its JS, WebAssembly and index chunks) is fetched only when the buyer searches or filters,
// or when the page opens on a shared search URL. The query string is the whole state of a search.
(() => {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = document.getElementById("search-q");
  const sort = document.getElementById("search-sort");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-list");
  const more = document.getElementById("search-more");
  const facets = [...form.querySelectorAll("fieldset[data-facet]")].map((f) => f.dataset.facet);
  const PAGE_SIZE = 12;
  const MAX_WORDS = 4;  // words a search takes: the counts of a search with some of them take 2^words searches
  const SORTS = ["newest", "price-asc", "price-desc"];
  let pagefind = null;
  let filtersLoaded = null;
  let places = null;
  let prices = null;
  // The filters: beside the results on a wide screen; on a phone, a dialog opened by the "Filter" button.
  const panel = document.getElementById("search-filters");
  const opener = document.getElementById("search-filters-open");
  const active = document.getElementById("search-filters-active");
  const clear = document.getElementById("search-clear");
  const wide = window.matchMedia("(min-width: 60rem)");
  const groups = [...form.querySelectorAll("input[data-group]")];
  let counted = false;  // whether the shown counts belong to the last search
  let results = [];
  let shown = 0;
  let generation = 0;
  let typing = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(form.dataset.bundle).then(async (pf) => {
        // Result URLs need no baseUrl: Pagefind takes the site's root from where pagefind.js is served.
        await pf.init();
        return pf;
      });
    }
    return pagefind;
  }

  // Searches report counts only for filters whose chunks are loaded. They are loaded once the filters are in view
  // (always on a wide screen; on a phone once the buyer opens them) or some are ticked.
  function loadFilters() {
    if (!filtersLoaded) filtersLoaded = load().then((pf) => pf.filters());
    return filtersLoaded;
  }

  function say(key, n) {
    status.textContent = (status.dataset[key] || "").replace("{n}", String(n));
  }

  // The form's state as a query string: empty fields left out, so shared URLs stay short.
  function paramsFromForm() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim()) params.append(name, String(value).trim());
    }
    return params;
  }

  function formFromParams(params) {
    input.value = params.get("q") || "";
    sort.value = SORTS.includes(params.get("sort")) ? params.get("sort") : "";
    for (const box of form.querySelectorAll("fieldset[data-facet] input[type=checkbox][name]")) {
      box.checked = params.getAll(box.name).includes(box.value);
    }
    for (const select of form.querySelectorAll("fieldset[data-facet] select")) {
      const value = params.get(select.name) || "";
      select.value = [...select.options].some((o) => o.value === value) ? value : "";
    }
    syncGroups();
  }

  // A group (Madura's regencies, the islands at sea) is ticked when all its regions are, half-ticked when some are.
  function members(group) {
    const names = group.dataset.group.split("|");
    return [...form.querySelectorAll(`input[name="region"]`)].filter((box) => names.includes(box.value));
  }

  function syncGroups() {
    for (const group of groups) {
      const boxes = members(group);
      const ticked = boxes.filter((box) => box.checked).length;
      group.checked = ticked > 0 && ticked === boxes.length;
      group.indeterminate = ticked > 0 && ticked < boxes.length;
    }
  }

  function activeFilters(params) {
    return facets.reduce((n, f) => n + params.getAll(f).length, 0);
  }

  // Values of one facet are alternatives (any); different facets must all hold.
  function filtersFrom(params, except) {
    const filters = {};
    for (const facet of facets) {
      const values = params.getAll(facet);
      if (facet !== except && values.length) filters[facet] = { any: values };
    }
    return filters;
  }

  function isEmpty(params) {
    return !params.get("q") && !params.get("sort") && facets.every((f) => !params.getAll(f).length);
  }

  // counts: value → number of products picking it would show; null puts back the catalogue's totals.
  function setCounts(facet, counts) {
    const fieldset = form.querySelector(`fieldset[data-facet="${facet}"]`);
    for (const node of fieldset.querySelectorAll("[data-count-for]")) {
      if (!node.dataset.total) node.dataset.total = node.dataset.n;
      const n = counts ? counts[node.dataset.countFor] || 0 : Number(node.dataset.total);
      node.dataset.n = n;
      // A select's option carries its label and count in one text; a checkbox's count is a span of its label.
      node.textContent = node.dataset.label ? `${node.dataset.label} (${n})` : `(${n})`;
    }
    if (facet !== "region") return;
    // A product has one regency and at most one island at sea, and a group holds regencies only (Madura) or
    // islands only (facets.py): a group's count is the sum of its members'.
    for (const group of groups) {
      const n = members(group).reduce((sum, box) => {
        const count = fieldset.querySelector(`[data-count-for="${CSS.escape(box.value)}"]`);
        return sum + Number(count ? count.dataset.n : 0);
      }, 0);
      group.parentElement.querySelector(".search-facet__count").textContent = `(${n})`;
    }
  }

  function filtersInView() {
    return wide.matches || panel.matches(":modal");
  }

  async function run(params) {
    const mine = ++generation;
    const ticked = activeFilters(params);
    active.textContent = ticked ? `(${ticked})` : "";
    clear.hidden = true;
    if (isEmpty(params)) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      facets.forEach((f) => setCounts(f, null));
      counted = true;
      say("start");
      return;
    }
    say("loading");
    try {
      const pf = await load();
      const counting = filtersInView() || ticked > 0;
      if (counting) await loadFilters();
      const term = params.get("q") || null;
      const filters = filtersFrom(params);
      const found = await find(pf, term, filters);
      if (mine !== generation) return;
      // Counts per value: for a facet with values ticked, what each value would give instead of them.
      const counts = await Promise.all(facets.map(async (facet) => {
        if (!params.getAll(facet).length) return found.filters[facet] || {};
        const other = await find(pf, term, filtersFrom(params, facet));
        return other.filters[facet] || {};
      }));
      if (mine !== generation) return;
      if (counting) facets.forEach((facet, i) => setCounts(facet, counts[i]));
      counted = counting;
      // Without a word there is no relevance to rank by: newest first.
      const order = SORTS.includes(params.get("sort")) ? params.get("sort") : (term ? "" : "newest");
      results = await arrange(pf, found.results, order, term);
      if (mine !== generation) return;
      shown = 0;
      list.replaceChildren();
      await showMore(false);
      if (mine !== generation) return;
      // Nothing found: say why, and offer to drop the filters when there are some.
      clear.hidden = results.length > 0 || !ticked;
      if (!results.length) say(term ? "none" : "noneFiltered");
      else if (found.partial) say("partial", results.length);
      else if (results.length === 1) say("one");
      else say("many", results.length);
    } catch (error) {
      if (mine === generation) say("error");
      throw error;
    }
  }

  // Pagefind wants every word. When no product has them all ("hand-woven ikat scarf"), show the products with
  // some of them instead, those with most words first.
  // Counts per value are what picking it would show: the products with every word where some have them all, or
  // else those with any of the words. The second number comes from the searches of every set of the words, whose
  // counts add up to their union's (inclusion-exclusion; a search for "a b" finds what has both).
  async function find(pf, term, filters) {
    const search = await pf.search(term, { filters });
    const words = (term || "").split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
    if (words.length < 2) return { ...search, partial: false };
    const each = await Promise.all(words.map((w) => pf.search(w, { filters })));
    const union = await unionCounts(pf, words, filters, each);
    const counts = {};
    for (const facet of new Set([...Object.keys(search.filters || {}), ...Object.keys(union)])) {
      counts[facet] = {};
      const all = (search.filters || {})[facet] || {};
      for (const value of new Set([...Object.keys(all), ...Object.keys(union[facet] || {})])) {
        counts[facet][value] = all[value] || (union[facet] || {})[value] || 0;
      }
    }
    if (search.results.length) return { results: search.results, filters: counts, partial: false };
    const hits = new Map();
    for (const single of each) {
      for (const r of single.results) {
        const hit = hits.get(r.id) || { result: r, words: 0, score: 0 };
        hit.words += 1;
        hit.score += r.score || 0;
        hits.set(r.id, hit);
      }
    }
    const merged = [...hits.values()].sort((a, b) => b.words - a.words || b.score - a.score).map((h) => h.result);
    return { results: merged, filters: counts, partial: merged.length > 0 };
  }

  async function unionCounts(pf, words, filters, singles) {
    const subsets = [];
    for (let mask = 1; mask < 1 << words.length; mask++) {
      subsets.push(words.filter((_, i) => mask & (1 << i)));
    }
    const found = await Promise.all(subsets.map((subset) => (subset.length === 1
      ? singles[words.indexOf(subset[0])] : pf.search(subset.join(" "), { filters }))));
    const total = {};
    subsets.forEach((subset, i) => {
      const sign = subset.length % 2 ? 1 : -1;
      for (const [facet, values] of Object.entries(found[i].filters || {})) {
        total[facet] = total[facet] || {};
        for (const [value, n] of Object.entries(values)) total[facet][value] = (total[facet][value] || 0) + sign * n;
      }
    });
    return total;
  }

  // Pagefind's index lists the products newest first (plugins/search/order.py), and gives what filters alone find
  // in that order. Results found by words are put in that order by their place in the index; by price, with the
  // price list fetched the first time a buyer sorts by price. "Price on request" comes last either way; equal
  // prices stay newest first.
  async function arrange(pf, found, order, term) {
    if (!order || (order === "newest" && !term)) return found;
    if (!places) places = pf.search(null).then((all) => new Map(all.results.map((r, i) => [r.id, i])));
    const place = await places;
    const at = (r) => place.get(r.id);
    if (order === "newest") return [...found].sort((a, b) => at(a) - at(b));
    if (!prices) {
      prices = fetch(form.dataset.prices).then((response) => {
        if (!response.ok) throw new Error(`${form.dataset.prices}: ${response.status}`);
        return response.json();
      });
      prices.catch(() => { prices = null; });  // tried again by the next search
    }
    const price = await prices;
    const sign = order === "price-desc" ? -1 : 1;
    const onRequest = (r) => (price[at(r)] === null ? 1 : 0);
    return [...found].sort((a, b) => onRequest(a) - onRequest(b)
      || (onRequest(a) ? 0 : sign * (price[at(a)] - price[at(b)])) || at(a) - at(b));
  }

  async function showMore(focusFirst) {
    const mine = generation;
    const batch = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    if (mine !== generation) return;
    const items = batch.map(render);
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (focusFirst && items.length) items[0].querySelector("a").focus();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // One result, as the catalogue's product card: photo and title in the link, then artisan, region and price.
  function render(data) {
    const meta = data.meta || {};
    const item = el("li", "card search-item");
    const link = el("a", "search-item__link");
    link.href = meta.url || data.url;  // the product page: Pagefind indexed its record, not the page
    if (meta.image) {
      const image = el("img", "search-item__image");
      image.src = meta.image;
      image.alt = "";  // the title beside it names the link
      image.width = Number(meta.image_width) || 240;
      image.height = Number(meta.image_height) || 180;
      image.loading = "lazy";
      image.decoding = "async";
      link.append(image);
    }
    link.append(el("span", "card__title search-item__title", meta.title || data.url));
    const byline = el("span", "card__meta");
    byline.append(el("span", "search-item__artisan", meta.artisan), el("span", "card__sep", " · "),
      el("span", "card__place search-item__region", meta.region));
    item.append(link, byline, el("span", "card__price search-item__price", meta.price));
    return item;
  }

  function commit(push) {
    const params = paramsFromForm();
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "");
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    run(params);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    commit(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) commit(true);
  });
  // Ticking a group ticks its regions (before the form's own listener reads them).
  for (const group of groups) {
    group.addEventListener("change", () => {
      for (const box of members(group)) box.checked = group.checked;
    });
  }
  form.addEventListener("change", syncGroups);
  clear.addEventListener("click", () => {
    for (const box of form.querySelectorAll("fieldset[data-facet] input[type=checkbox]")) box.checked = false;
    for (const select of form.querySelectorAll("fieldset[data-facet] select")) select.value = "";
    syncGroups();
    commit(true);
    input.focus();
  });
  // While typing: search after a pause, replacing the history entry rather than adding one per key.
  input.addEventListener("input", () => {
    load();
    clearTimeout(typing);
    typing = setTimeout(() => commit(false), 300);
  });
  more.addEventListener("click", () => showMore(true));
  // On a phone: the button opens the filters as a dialog over the results; counts are brought up to date then.
  opener.addEventListener("click", () => {
    panel.close();
    panel.showModal();
    opener.setAttribute("aria-expanded", "true");
    const params = new URLSearchParams(location.search);
    if (!counted && !isEmpty(params)) loadFilters().then(() => run(params));
  });
  document.getElementById("search-filters-close").addEventListener("click", () => panel.close());
  panel.addEventListener("close", () => {
    // Open again, but not as a dialog: the wide layout shows it beside the results (setting the attribute does
    // not move the focus, as show() would).
    panel.setAttribute("open", "");
    opener.setAttribute("aria-expanded", "false");
    if (!wide.matches) opener.focus();
  });
  wide.addEventListener("change", () => {
    if (wide.matches && panel.matches(":modal")) panel.close();
    const params = new URLSearchParams(location.search);
    if (wide.matches && !counted && !isEmpty(params)) loadFilters().then(() => run(params));
  });
  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(location.search);
    formFromParams(params);
    run(params);
  });

  const initial = new URLSearchParams(location.search);
  formFromParams(initial);
  run(initial);
})();
