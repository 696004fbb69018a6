// Nahbar service worker. The server stamps the build's asset version into VERSION, so a
// new Nahbar installs a fresh shell cache and removes the old one: no mixed versions.
const VERSION = "__NAHBAR_VERSION__";
const SHELL_CACHE = `nahbar-shell-${VERSION}`;
const PAGES_CACHE = "nahbar-pages";
const SHELL = [
  "/offline.html",
  "/pkg/nahbar.css",
  "/pkg/nahbar.js",
  "/pkg/nahbar.wasm",
  "/pwa.js",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
];

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
            .filter((key) => key.startsWith("nahbar-shell-") && key !== SHELL_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isAppPage(url) {
  return url.pathname === "/admin" || url.pathname.startsWith("/admin/") || url.pathname === "/login";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

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
          if (response.ok && isAppPage(url)) {
            const copy = response.clone();
            caches.open(PAGES_CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(request)) || caches.match("/offline.html")),
    );
    return;
  }

  // The map picker (bundled Leaflet) is cached on first use, per Nahbar version like the
  // shell, so the POI screen's coordinate fields and "use my position" work offline too.
  if (url.pathname.startsWith("/vendor/") || url.pathname.startsWith("/map-picker.")) {
    event.respondWith(
      caches.open(SHELL_CACHE).then(async (cache) => {
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }

  if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/") || url.pathname === "/pwa.js") {
    event.respondWith(
      caches.open(SHELL_CACHE).then(async (cache) => {
        const cached = await cache.match(request);
        return cached || fetch(request);
      }),
    );
  }
});
