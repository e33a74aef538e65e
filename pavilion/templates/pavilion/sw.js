/*
 * The Smart Hong Kong Pavilion's service worker (pavilion/pwa.py explains what it keeps
 * and why). Pages: network first, the last copy when the network fails or is too slow.
 * Static files and uploaded images: cache first. A new content version is a new file:
 * it installs, fetches again what the old version kept and removes the old caches.
 */
const CONFIG = {{ config|safe }};
{% verbatim %}
"use strict";

const PAGES = "pavilion-pages-" + CONFIG.version;
const STATIC = "pavilion-static-" + CONFIG.version;
const MEDIA = "pavilion-media";
const OURS = "pavilion-";
const MATCH = { ignoreVary: true };

function languagePrefix(pathname) {
  for (const prefix of CONFIG.languagePrefixes) {
    if (pathname === prefix || pathname.startsWith(prefix + "/")) {
      return prefix;
    }
  }
  return "";
}

function neverCached(url) {
  const path = url.pathname.slice(languagePrefix(url.pathname).length) || "/";
  return CONFIG.neverCached.some((prefix) => path.startsWith(prefix));
}

// Only what everyone would see: a plain 200 of our own, not personal, not a redirect.
function keepable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  const vary = (response.headers.get("Vary") || "").toLowerCase();
  return !control.includes("no-store") && !control.includes("private") && !vary.includes("cookie");
}

async function each(items, limit, task) {
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        // One page that fails (not built, connection dropped) does not stop the others.
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function trim(name, max) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - max; i++) {
    await cache.delete(keys[i]);
  }
}

function fetchAnonymous(url) {
  return fetch(url, { credentials: "omit", cache: "no-cache" });
}

async function install() {
  const pages = await caches.open(PAGES);
  // Fetch again every page an older version kept; keep the old copy of one that fails.
  const older = (await caches.keys()).filter(
    (name) => name.startsWith(OURS + "pages-") && name !== PAGES
  );
  for (const name of older) {
    const cache = await caches.open(name);
    const requests = (await cache.keys()).slice(-CONFIG.maxPages);
    await each(requests, 4, async (request) => {
      let response = null;
      try {
        response = await fetchAnonymous(request.url);
      } catch (error) {
        response = null;
      }
      if (keepable(response)) {
        await pages.put(request.url, response);
      } else if (!(await pages.match(request.url, MATCH))) {
        const copy = await cache.match(request, MATCH);
        if (copy) {
          await pages.put(request.url, copy);
        }
      }
    });
  }
  await each(CONFIG.pages, 3, async (url) => {
    const response = await fetchAnonymous(url);
    if (keepable(response)) {
      await pages.put(url, response);
    }
  });
  const assets = await caches.open(STATIC);
  await each(CONFIG.static, 3, async (url) => {
    const response = await fetch(url);
    if (keepable(response)) {
      await assets.put(url, response);
    }
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set([PAGES, STATIC, MEDIA]);
      for (const name of await caches.keys()) {
        if (name.startsWith(OURS) && !current.has(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })()
  );
});

async function kept(url) {
  const cache = await caches.open(PAGES);
  return (await cache.match(url, MATCH)) || (await caches.match(url, MATCH));
}

async function offlinePage(url) {
  const prefix = languagePrefix(url.pathname);
  const own = CONFIG.offline.slice(languagePrefix(CONFIG.offline).length);
  return (await kept(self.location.origin + prefix + own)) || (await kept(CONFIG.offline));
}

function page(event) {
  const request = event.request;
  const url = new URL(request.url);
  const network = fetch(request).then(async (response) => {
    if (keepable(response)) {
      const cache = await caches.open(PAGES);
      await cache.put(request.url, response.clone());
      await trim(PAGES, CONFIG.maxPages);
    }
    return response;
  });
  event.waitUntil(network.catch(() => null));
  return (async () => {
    let timer = null;
    // On a weak signal a kept copy is shown after a while; the network still refreshes it.
    const slow = new Promise((resolve) => {
      timer = setTimeout(resolve, CONFIG.networkTimeout);
    })
      .then(() => kept(request.url))
      .then((copy) => copy || network);
    try {
      const response = await Promise.race([network, slow]);
      if (response.status >= 500) {
        // The site is down for a moment (a 503): an earlier copy is better than nothing.
        const copy = await kept(request.url);
        if (copy) {
          return copy;
        }
      }
      return response;
    } catch (error) {
      const copy = await kept(request.url);
      if (copy) {
        return copy;
      }
      if (request.mode === "navigate") {
        const fallback = await offlinePage(url);
        if (fallback) {
          return fallback;
        }
      }
      return Response.error();
    } finally {
      clearTimeout(timer);
    }
  })();
}

async function cacheFirst(request, name, max) {
  const cache = await caches.open(name);
  const copy = await cache.match(request, MATCH);
  if (copy) {
    return copy;
  }
  const response = await fetch(request);
  if (keepable(response)) {
    await cache.put(request, response.clone());
    if (max) {
      await trim(name, max);
    }
  }
  return response;
}

async function networkFirst(request, name) {
  const cache = await caches.open(name);
  try {
    const response = await fetch(request);
    if (keepable(response)) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const copy = await cache.match(request, MATCH);
    if (copy) {
      return copy;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url)) {
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(
      CONFIG.staticCacheFirst ? cacheFirst(request, STATIC) : networkFirst(request, STATIC)
    );
  } else if (url.pathname.startsWith(CONFIG.mediaUrl)) {
    event.respondWith(cacheFirst(request, MEDIA, CONFIG.maxImages));
  } else if (
    request.mode === "navigate" ||
    (request.headers.get("Accept") || "").includes("text/html")
  ) {
    event.respondWith(page(event));
  }
});
{% endverbatim %}
