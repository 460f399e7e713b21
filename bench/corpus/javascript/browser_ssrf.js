// Browser code that loads data (plain DOM, no framework).
// Benchmark corpus, ssrf (CWE-918): the page can be steered into requests with the
// user's cookies. Relative URLs stay on the page's own origin.
const API_ROOT = "https://app.example.com/api";
const WIDGETS = { news: "/widgets/news.json", weather: "/widgets/weather.json" };

function loadFromHash() {
  // location.hash used as the URL.
  const src = location.hash.slice(1);
  // ruleid: ssrf
  return fetch(src, { credentials: "include" }).then((r) => r.json());
}

function loadFromQuery() {
  // URLSearchParams over location.search.
  const params = new URLSearchParams(window.location.search);
  const next = params.get("next");
  // ruleid: ssrf
  fetch(next).then((r) => r.text()).then((t) => console.log(t.length));
}

function loadWidget() {
  // Constant object lookup with the hash as key.
  const name = location.hash.replace("#", "");
  const path = WIDGETS[name] || WIDGETS.news;
  // ok: ssrf
  return fetch(path).then((r) => r.json());
}

function loadUser() {
  // Relative URL: the request stays on the page's origin.
  const id = new URLSearchParams(location.search).get("id");
  // ok: ssrf
  return fetch(`/api/users/${encodeURIComponent(id)}`).then((r) => r.json());
}

function loadFromApi() {
  // Constant API root with a slash.
  const q = new URLSearchParams(location.search).get("q") || "";
  // ok: ssrf
  return fetch(`${API_ROOT}/search?q=${encodeURIComponent(q)}`).then((r) => r.json());
}

window.addEventListener("message", (event) => {
  // postMessage data from any origin (no origin check).
  const { url } = event.data || {};
  // ruleid: ssrf
  fetch(url, { method: "POST", credentials: "include" });
});

window.addEventListener("message", (event) => {
  // Origin check on the message before using its data.
  if (event.origin !== "https://app.example.com") return;
  // ok: ssrf
  fetch(event.data.url, { credentials: "include" });
});

function loadReferrer() {
  // document.referrer used as a URL.
  // ruleid: ssrf
  return fetch(document.referrer + "api/ping");
}

function loadConfigured(config) {
  // Function parameter with unknown callers (reported as a warning).
  // ruleid: ssrf
  return fetch(config.endpoint, { credentials: "same-origin" });
}
