// Embeddable comments widget: plain DOM, template literals, no framework.
(function () {
  const root = document.getElementById("cw-root");
  const params = new URLSearchParams(location.search);
  const thread = params.get("thread") || "main";
  const TRUSTED_PARENT = "https://blog.example.com";

  function escapeText(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function stripTags(s) {
    return String(s).replace(/<script>/i, "");
  }

  function renderComment(c) {
    // author escaped by a same-file global escaper, body passed raw
    // ruleid: xss
    root.insertAdjacentHTML("beforeend", `<article><b>${escapeText(c.author)}</b><p>${c.body}</p></article>`);
  }

  function renderCommentSafe(c) {
    // both fields through the global escaper
    // ok: xss
    root.insertAdjacentHTML("beforeend", `<article><b>${escapeText(c.author)}</b><p>${escapeText(c.body)}</p></article>`);
  }

  // the thread name from the query string, written as HTML
  // ruleid: xss
  root.innerHTML = `<h3>Comments on ${thread}</h3>`;
  // a first-match, case-insensitive removal of "<script>" is no escaper
  // ruleid: xss
  document.getElementById("cw-title").innerHTML = stripTags(params.get("title") || "");
  // the thread name as text
  // ok: xss
  document.getElementById("cw-thread").textContent = thread;

  const site = params.get("site") || "";
  const link = document.getElementById("cw-site");
  if (/^https:\/\//.test(site)) {
    // an https-only scheme check before the href
    // ok: xss
    link.setAttribute("href", site);
  }
  // a link whose scheme nobody checked
  // ruleid: xss
  document.getElementById("cw-author-site").setAttribute("href", params.get("author_site") || "#");

  window.addEventListener("message", (event) => {
    if (event.origin !== TRUSTED_PARENT) return;
    const msg = event.data;
    if (msg.type === "comments") {
      msg.items.forEach(renderComment);
      msg.items.forEach(renderCommentSafe);
    }
    if (msg.type === "notice") {
      // an origin check authenticates the sender, not the HTML it sends
      // ruleid: xss
      document.getElementById("cw-notice").innerHTML = msg.html;
    }
    if (msg.type === "goto") {
      // postMessage data as the navigation target
      // ruleid: open-redirect
      window.location.href = msg.url;
    }
  });

  const back = params.get("back") || "/";
  if (back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\")) {
    document.getElementById("cw-back").addEventListener("click", () => {
      // [beyond docs] the path check lets "/\t/evil.example" through: browsers drop the tab and read "//evil.example"
      // ruleid: open-redirect
      location.assign(back);
    });
  }

  // a single reply draft restored from the hash with document.write
  // ruleid: xss
  document.write(`<div id="cw-draft">${decodeURIComponent(location.hash.slice(1))}</div>`);
})();
