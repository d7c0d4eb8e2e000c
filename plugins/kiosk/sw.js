/* Kriya Jatim kiosk service worker, written at build time by plugins/kiosk (the precache list is in CONFIG).
   Pages and photos come from the cache first, so a booth tablet keeps showing the catalogue without a
   connection; what is neither cached nor reachable gets the offline page of its language. */
"use strict";

const CONFIG = /*CONFIG*/{};
const PREFIX = "kriya-";
const PRECACHE = PREFIX + "precache-" + CONFIG.version;
const RUNTIME = PREFIX + "runtime";
const SCOPE = self.registration.scope;
const PARALLEL = 6;
// Derivative names: <stem>-<width>x<height>-<digest>.<ext>; the same photo at other widths shares <stem> (on the
// media bucket, <stem> is the photo's digest: plugins/images/media.py).
const VARIANT = /-(\d+)(?:x\d+)?(?:-[0-9a-f]+)?\.(webp|jpg|jpeg|avif|png)$/;

function absolute(path) {
  return new URL(path, SCOPE).href;
}

// The search index's files, from the list the build writes beside it, in its order (the index before the
// results' fragments) until the cap: search and its filters then work with the network off.
async function searchFiles() {
  if (!CONFIG.search || !CONFIG.search.cap) return [];
  try {
    const list = absolute(CONFIG.search.list);
    const response = await fetch(list, { cache: "no-cache" });
    if (!response.ok) return [];
    const listing = await response.json();
    const base = new URL("./", list);
    const out = [];
    let bytes = 0;
    for (const [path, size] of listing.files) {
      if (bytes + size > CONFIG.search.cap) break;
      bytes += size;
      out.push(new URL(path, base).href);
    }
    return out;
  } catch (error) {
    return [];  // no index (a catalogue without search): the rest is kept as usual
  }
}

function isSearch(url) {
  return CONFIG.search && url.href.startsWith(new URL("./", absolute(CONFIG.search.list)).href);
}

// A photo on the media bucket (another origin, MEDIA_URL) is asked for in CORS mode, so that it is kept as a
// readable response: Chrome counts an opaque one at several MB against the site's storage. A bucket that sends no
// CORS headers for the site's origin refuses that; its photo is then asked for as an <img> would, and the opaque
// response kept all the same: it shows offline as well.
async function fetchMedia(url, init = {}) {
  try {
    return await fetch(url, { ...init, mode: "cors", credentials: "omit" });
  } catch (error) {
    return fetch(url, { ...init, mode: "no-cors", credentials: "omit" });
  }
}

// What may be cached: a successful response, or a media bucket's opaque one (its status cannot be read).
function keepable(response) {
  return response.ok || response.type === "opaque";
}

async function precache() {
  const cache = await caches.open(PRECACHE);
  // The offline pages must be there, or the worker is not installed at all.
  await cache.addAll(Object.values(CONFIG.offline).map(absolute));
  // Search before the pages' photos: a booth without search is worse off than one missing a few photos.
  const queue = [...(await searchFiles()), ...CONFIG.precache.map(absolute)];
  async function worker() {
    while (queue.length) {
      const url = queue.shift();
      if (await cache.match(url)) continue;
      try {
        const response = isMedia(new URL(url)) && !url.startsWith(SCOPE)
          ? await fetchMedia(url, { cache: "no-cache" }) : await fetch(url, { cache: "no-cache" });
        if (keepable(response)) await cache.put(url, response);
      } catch (error) {
        // One unreachable file must not stop the rest; it is fetched when first shown.
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX + "precache-") && n !== PRECACHE)
      .map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "kiosk-status") {
    caches.open(PRECACHE).then((cache) => cache.keys()).then((keys) => {
      event.source.postMessage({ version: CONFIG.version, cached: keys.length, listed: CONFIG.precache.length });
    });
  }
});

function isMedia(url) {
  return CONFIG.media.some((prefix) => url.href.startsWith(absolute(prefix)));
}

async function remember(request, response) {
  if (!CONFIG.runtimeEntries) return;
  const cache = await caches.open(RUNTIME);
  await cache.put(request, response);
  const keys = await cache.keys();
  // Oldest first: keep the runtime cache bounded.
  await Promise.all(keys.slice(0, Math.max(0, keys.length - CONFIG.runtimeEntries)).map((k) => cache.delete(k)));
}

async function nearestVariant(url) {
  // Another width of the same photo, when the one the browser picked was left out of the precache.
  const match = url.pathname.match(VARIANT);
  if (!match) return undefined;
  const stem = url.pathname.slice(0, match.index);
  const wanted = Number(match[1]);
  let best;
  for (const name of [PRECACHE, RUNTIME]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      const m = path.match(VARIANT);
      // Same stem and same format: a format the browser did not ask for may be one it cannot decode.
      if (!m || path.slice(0, m.index) !== stem || m[2] !== match[2]) continue;
      const width = Number(m[1]);
      const better = !best || (best.width < wanted ? width > best.width : width >= wanted && width < best.width);
      if (better) best = { width, request, cache };
    }
  }
  return best ? best.cache.match(best.request) : undefined;
}

function offlinePage(url) {
  const lang = Object.keys(CONFIG.offline).find((code) => code !== "id" && url.href.startsWith(absolute(code + "/")));
  return caches.match(absolute(CONFIG.offline[lang || "id"]));
}

async function respond(event, url) {
  const request = event.request;
  const page = request.mode === "navigate";
  // A QR code's campaign parameters must not make a cached page look uncached; Pagefind asks for its entry
  // file with a time stamp (?ts=…) to get the newest.
  const cached = await caches.match(request, { ignoreSearch: page || isSearch(url) });
  // (The kept index is the one made with the kept pages: a new build is a new worker version, which keeps the
  // new index as it installs, as it does the pages.)
  if (cached) return cached;
  try {
    // An <img> asks for a photo on the media bucket without CORS, which would give an opaque response.
    const elsewhere = isMedia(url) && !url.href.startsWith(SCOPE);
    const response = elsewhere ? await fetchMedia(url.href) : await fetch(request);
    if ((response.ok && response.type === "basic") || (elsewhere && keepable(response))) {
      event.waitUntil(remember(request, response.clone()));
    }
    return response;
  } catch (error) {
    if (page) return (await offlinePage(url)) || Response.error();
    if (isMedia(url)) return (await nearestVariant(url)) || Response.error();
    return Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  if (!url.href.startsWith(SCOPE) && !isMedia(url)) return;
  event.respondWith(respond(event, url));
});
