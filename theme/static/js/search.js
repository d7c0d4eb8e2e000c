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
  const SORTS = ["newest", "price-asc", "price-desc"];
  let pagefind = null;
  let filtersLoaded = null;
  let places = null;
  let prices = null;
  const panel = document.getElementById("search-filters");
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

  // Searches report counts only for filters whose chunks are loaded. They are loaded once the buyer opens the
  // filters or arrives with some ticked, not for a plain word search.
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
    for (const box of form.querySelectorAll("fieldset[data-facet] input[type=checkbox]")) {
      box.checked = params.getAll(box.name).includes(box.value);
    }
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

  function setCounts(facet, counts) {
    const fieldset = form.querySelector(`fieldset[data-facet="${facet}"]`);
    for (const span of fieldset.querySelectorAll("[data-count-for]")) {
      if (!span.dataset.total) span.dataset.total = span.textContent;
      span.textContent = counts ? `(${counts[span.dataset.countFor] || 0})` : span.dataset.total;
    }
  }

  async function run(params) {
    const mine = ++generation;
    if (isEmpty(params)) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      facets.forEach((f) => setCounts(f, null));
      say("start");
      return;
    }
    say("loading");
    try {
      const pf = await load();
      const counting = panel.open || facets.some((f) => params.getAll(f).length);
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
      // Without a word there is no relevance to rank by: newest first.
      const order = SORTS.includes(params.get("sort")) ? params.get("sort") : (term ? "" : "newest");
      results = await arrange(pf, found.results, order, term);
      if (mine !== generation) return;
      shown = 0;
      list.replaceChildren();
      await showMore(false);
      if (mine !== generation) return;
      if (!results.length) say("none");
      else if (found.partial) say("partial", results.length);
      else if (results.length === 1) say("one");
      else say("many", results.length);
    } catch (error) {
      if (mine === generation) say("error");
      throw error;
    }
  }

  // Pagefind wants every word. When no product has them all ("hand-woven ikat scarf"), show the products with
  // some of them instead, those with most words first. Counts are then, per value, the best of the single
  // words': a lower bound of what ticking it gives.
  async function find(pf, term, filters) {
    const search = await pf.search(term, { filters });
    const words = (term || "").split(/\s+/).filter(Boolean);
    if (search.results.length || words.length < 2) return { ...search, partial: false };
    const each = await Promise.all(words.map((w) => pf.search(w, { filters })));
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
    const counts = {};
    for (const single of each) {
      for (const [facet, values] of Object.entries(single.filters || {})) {
        counts[facet] = counts[facet] || {};
        for (const [value, n] of Object.entries(values)) counts[facet][value] = Math.max(counts[facet][value] || 0, n);
      }
    }
    return { results: merged, filters: counts, partial: merged.length > 0 };
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
    byline.append(el("span", "search-item__artisan", meta.artisan), " · ", el("span", "search-item__region", meta.region));
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
  // While typing: search after a pause, replacing the history entry rather than adding one per key.
  input.addEventListener("input", () => {
    load();
    clearTimeout(typing);
    typing = setTimeout(() => commit(false), 300);
  });
  more.addEventListener("click", () => showMore(true));
  panel.addEventListener("toggle", () => {
    const params = new URLSearchParams(location.search);
    if (panel.open && !filtersLoaded && !isEmpty(params)) loadFilters().then(() => run(params));
  });
  window.addEventListener("popstate", () => {
    const params = new URLSearchParams(location.search);
    formFromParams(params);
    run(params);
  });

  const initial = new URLSearchParams(location.search);
  formFromParams(initial);
  if (facets.some((f) => initial.getAll(f).length)) panel.open = true;
  run(initial);
})();
