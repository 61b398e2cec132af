// Nabij's service worker: just enough for "Add to home screen" to give an app that opens full
// screen. It caches ONLY the shell (the start page, the manifest and the icons) and nothing
// else: never Streamlit's live channel under /_stcore, never media or uploads, so no journal
// data is ever stored on the device by this worker. Network first: a cached copy is used only
// when the network fails, so an update is never hidden behind a stale shell. Nabij itself
// needs its server (every screen is drawn over /_stcore), so there is no offline mode.
const CACHE = "nabij-shell-v1";
const SHELL = [
  "/",
  "/manifest.webmanifest",
  "/shell/icon-192.png",
  "/shell/icon-512.png",
];
// Paths that carry the session and its data: the worker does not touch them at all.
const NEVER = ["/_stcore", "/media", "/component", "/app/static"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function isShell(url) {
  if (url.origin !== self.location.origin) return false;
  if (NEVER.some((prefix) => url.pathname === prefix || url.pathname.startsWith(prefix + "/"))) {
    return false;
  }
  return SHELL.includes(url.pathname);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Anything not in the shell (above all /_stcore) is left to the browser: no respondWith.
  if (request.method !== "GET" || !isShell(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname)),
  );
});
