// Nahbar service worker. The server stamps the build's asset version into VERSION, so a
// new Nahbar installs a fresh shell cache and removes the old one, and drops the staff
// pages cached by the old version: no mixed versions.
//
// - App shell (CSS, hydration JS/WASM, scripts, icons): cache first, per version.
// - Staff pages: network first, the last good copy when offline (also with another query
//   string, e.g. compose opened from the share sheet); they are fetched ahead ("warmed")
//   so the installed app opens offline on the screens staff need.
// - Posts wait in the outbox (IndexedDB, /outbox.js): Background Sync sends them when the
//   connection is back, even with no Nahbar page open.
// - The share target (POST /admin/share) keeps the shared photos on the phone and opens
//   compose with them, also offline.
importScripts("/outbox.js");

const VERSION = "__NAHBAR_VERSION__";
const SHELL_CACHE = `nahbar-shell-${VERSION}`;
const PAGES_CACHE = `nahbar-pages-${VERSION}`;
const SHELL = [
  "/offline.html",
  "/pkg/nahbar.css",
  "/pkg/nahbar.js",
  "/pkg/nahbar.wasm",
  "/pwa.js",
  "/outbox.js",
  "/compose.js",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
];
// Responses vary by Cookie and Accept-Language (pages are personal and translated); the
// cache holds one copy per name, made for this phone's signed-in staff member, so matching
// ignores Vary (signing out drops the pages).
const ANY = { ignoreVary: true };
// The screens the staff app must open offline, fetched with the staff member's session.
const STAFF_PAGES = ["/admin", "/admin/posts/new", "/admin/posts"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("nahbar-") && key !== SHELL_CACHE && key !== PAGES_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim())
      .then(() => warm()),
  );
});

function isAppPage(url) {
  return url.pathname === "/admin" || url.pathname.startsWith("/admin/") || url.pathname === "/login";
}

/** Fetches the staff screens into the pages cache (only while signed in: a redirect to the
 *  sign-in page is not kept under their names). */
async function warm() {
  if (!(await caches.has(SHELL_CACHE))) return; // a newer version took over
  const cache = await caches.open(PAGES_CACHE);
  await Promise.all(
    STAFF_PAGES.map(async (path) => {
      try {
        const response = await fetch(path, { credentials: "same-origin", redirect: "follow" });
        if (response.ok && !response.redirected) await cache.put(path, response);
      } catch (error) {
        // offline: the copies from before stay
      }
    }),
  );
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "warm") event.waitUntil(warm());
});

self.addEventListener("sync", (event) => {
  if (event.tag !== NahbarOutbox.SYNC_TAG) return;
  event.waitUntil(
    NahbarOutbox.sync({ force: true }).then((report) => {
      // Something still waits (no connection, server down): failing lets the browser try
      // this sync again later; the pages also retry whenever they are open.
      if (report.offline) throw new Error("outbox: still waiting");
    }),
  );
});

/** Keeps shared photos and text on the phone and opens compose with them. */
async function share(request) {
  try {
    const data = await request.formData();
    const files = data.getAll("photos").filter((f) => typeof f !== "string" && f.size > 0);
    const text = ["title", "text", "url"]
      .map((name) => (data.get(name) || "").toString().trim())
      .filter((value, i, all) => value && all.indexOf(value) === i)
      .join("\n");
    const id = await NahbarOutbox.putShared({ files, text });
    return Response.redirect(`/admin/posts/new?shared=${id}`, 303);
  } catch (error) {
    // The phone would not keep them (no room): the server takes the share, if reachable.
    return fetch(request).catch(() => caches.match("/offline.html", ANY));
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.method === "POST" && url.pathname === "/admin/share") {
    event.respondWith(share(request.clone()));
    return;
  }
  // Signing out forgets the cached app pages, so the next person sees nothing of them.
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(PAGES_CACHE));
    return;
  }
  if (request.method !== "GET") return;

  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected && isAppPage(url)) {
            const copy = response.clone();
            // Not after a newer version took over (it removed this version's caches).
            caches.has(SHELL_CACHE).then((current) => current && caches.open(PAGES_CACHE).then((cache) => cache.put(request, copy)));
          }
          return response;
        })
        .catch(async () => {
          const cache = await caches.open(PAGES_CACHE);
          return (
            (await cache.match(request, ANY)) ||
            (isAppPage(url) && (await cache.match(url.pathname, { ignoreSearch: true, ignoreVary: true }))) ||
            caches.match("/offline.html", ANY)
          );
        }),
    );
    return;
  }

  // The map picker (bundled Leaflet) is cached on first use, per Nahbar version like the
  // shell, so the POI screen's coordinate fields and "use my position" work offline too.
  if (url.pathname.startsWith("/vendor/") || url.pathname.startsWith("/map-picker.")) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(request, { ...ANY, cacheName: SHELL_CACHE });
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok && (await caches.has(SHELL_CACHE))) {
          (await caches.open(SHELL_CACHE)).put(request, response.clone());
        }
        return response;
      })(),
    );
    return;
  }

  if (
    url.pathname.startsWith("/pkg/") ||
    url.pathname.startsWith("/icons/") ||
    ["/pwa.js", "/outbox.js", "/compose.js"].includes(url.pathname)
  ) {
    event.respondWith(
      caches
        .match(request, { ...ANY, cacheName: SHELL_CACHE })
        .then((cached) => cached || fetch(request)),
    );
  }
});
