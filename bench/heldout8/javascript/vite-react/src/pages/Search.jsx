// Search page of a Vite + React 18 single-page app, with a few direct DOM touches and a jQuery widget.
import { useEffect, useState } from "react";
import $ from "jquery";

function readParam(name) {
  return new URLSearchParams(window.location.search).get(name);
}

export function finishLogin() {
  const returnTo = readParam("returnTo") || "/";
  // returnTo from the page URL
  // ruleid: open-redirect
  window.location.href = returnTo;
}

export function finishLoginSafe() {
  const returnTo = readParam("returnTo") || "/";
  const target = new URL(returnTo, window.location.origin);
  if (target.origin !== window.location.origin) return;
  // same-origin check on the parsed URL
  // ok: open-redirect
  window.location.assign(target.href);
}

export function openShared() {
  // URL from the page's query string
  // ruleid: open-redirect
  window.open(readParam("shared"), "_blank");
}

export default function SearchPage() {
  const [results, setResults] = useState([]);
  const q = readParam("q") ?? "";

  useEffect(() => {
    // query string value inside markup
    // ruleid: xss
    document.getElementById("search-summary").innerHTML = `Results for <b>${q}</b>`;
    // text only
    // ok: xss
    document.getElementById("search-term").textContent = q;
    // relative API path
    // ok: ssrf
    fetch(`/api/search?q=${encodeURIComponent(q)}`)
      .then((r) => r.json())
      .then(setResults);
  }, [q]);

  useEffect(() => {
    const flash = decodeURIComponent(window.location.hash.slice(1));
    // hash into jQuery .html()
    // ruleid: xss
    $("#flash").html(flash);
  }, []);

  useEffect(() => {
    function onMessage(event) {
      if (event.origin !== "https://widgets.example.com") return;
      // an origin check does not make the data safe HTML
      // ruleid: xss
      document.getElementById("widget-slot").innerHTML = event.data.html;
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  useEffect(() => {
    const ref = readParam("ref");
    const link = document.getElementById("back-link");
    // href set from the query string
    // ruleid: xss
    link.setAttribute("href", ref);
  }, [q]);

  useEffect(() => {
    const cb = readParam("callback");
    if (cb) {
      // page parameter evaluated as code
      // ruleid: code-injection
      setTimeout(`${cb}(window.__SEARCH_STATE__)`, 0);
    }
  }, []);

  return (
    <main>
      <p id="search-summary" />
      <h1 id="search-term" />
      <div id="flash" />
      <div id="widget-slot" />
      <ul>
        {results.map((r) => (
          <li key={r.id}>
            <span>{r.title}</span>
            {/* URL from this site's own API response (fixed host), not from the visitor */}
            {/* ok: xss */}
            <a href={r.url}>open</a>
          </li>
        ))}
      </ul>
      <a id="back-link">Back</a>
    </main>
  );
}
