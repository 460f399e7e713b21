// Embeddable help-centre widget (plain browser script, loaded with a <script> tag on customer sites).
(function () {
  "use strict";

  var API = "https://help.example.com/api";
  var TRUSTED_PARENT = "https://app.example.com";
  var LAYOUTS = { compact: "<div class='hw hw-compact'></div>", full: "<div class='hw hw-full'></div>" };
  var root = document.getElementById("help-widget");
  var params = new URLSearchParams(window.location.search);

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function renderTitle() {
    var topic = params.get("topic") || "Help";
    // URL parameter assigned to innerHTML
    // ruleid: xss
    root.querySelector(".hw-title").innerHTML = "<h3>" + topic + "</h3>";
  }

  function renderTitleSafe() {
    var topic = params.get("topic") || "Help";
    // textContent
    // ok: xss
    root.querySelector(".hw-title").textContent = topic;
  }

  function renderSearchEcho() {
    var q = decodeURIComponent(location.hash.slice(1));
    // same-file escaper that maps all five HTML metacharacters
    // ok: xss
    root.querySelector(".hw-echo").innerHTML = "Results for <b>" + esc(q) + "</b>";
  }

  function renderLayout() {
    var layout = params.get("layout") || "compact";
    // markup looked up in a constant object
    // ok: xss
    root.insertAdjacentHTML("afterbegin", LAYOUTS[layout] || LAYOUTS.compact);
  }

  function renderReferrerNote() {
    // document.referrer written into the page
    // ruleid: xss
    document.write("<p class='hw-ref'>You came from " + document.referrer + "</p>");
  }

  function renderArticle(article) {
    var card = document.createElement("article");
    // article body (API response field, passed in by the caller) sanitized with DOMPurify
    // ok: xss
    card.innerHTML = DOMPurify.sanitize(article.bodyHtml);
    root.appendChild(card);
  }

  function renderSnippet(container, html) {
    // helper parameter (unknown callers) into outerHTML
    // ruleid: xss
    container.outerHTML = html;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== TRUSTED_PARENT) return;
    var msg = event.data || {};
    if (msg.type === "toast") {
      // origin checked, but the message text is still inserted as HTML
      // ruleid: xss
      root.insertAdjacentHTML("beforeend", "<div class='hw-toast'>" + msg.text + "</div>");
    }
    if (msg.type === "navigate") {
      // postMessage data used as the navigation target
      // ruleid: open-redirect
      window.location.href = msg.url;
    }
    if (msg.type === "run") {
      // message data evaluated
      // ruleid: code-injection
      eval(msg.code);
    }
  });

  function openArticle(slug) {
    // constant host, slug in the path
    // ok: open-redirect
    window.open("https://help.example.com/articles/" + encodeURIComponent(slug), "_blank", "noopener");
  }

  function continueAfterLogin() {
    var target = params.get("continue");
    if (!target) return;
    var url = new URL(target, location.origin);
    if (url.origin !== location.origin) return;
    // same-origin check with early return
    // ok: open-redirect
    location.assign(url.href);
  }

  function legacyContinue() {
    var target = params.get("return");
    // query parameter passed to location.replace
    // ruleid: open-redirect
    location.replace(target);
  }

  function scheduleRefresh(id) {
    // function callback, nothing is parsed
    // ok: code-injection
    setTimeout(function () {
      refresh(id);
    }, 3000);
  }

  function scheduleLegacy() {
    var cb = params.get("callback") || "noop";
    // string timer built from a URL parameter
    // ruleid: code-injection
    setTimeout(cb + "()", 100);
  }

  function runFormula(expr) {
    if (!/^[0-9+\-*/(). ]{1,64}$/.test(expr)) return NaN;
    // anchored arithmetic regex with early return dominates the eval
    // ok: code-injection
    return eval(expr);
  }

  function loadConfig() {
    var raw = window.name;
    // window.name parsed with JSON.parse
    // ok: code-injection
    return raw ? JSON.parse(raw) : {};
  }

  function refresh(id) {
    // constant host
    // ok: ssrf
    fetch(API + "/tickets/" + encodeURIComponent(id)).then(function (r) {
      return r.json();
    });
  }

  function loadFromHash() {
    var endpoint = location.hash.slice(1);
    // hash used as the request URL
    // ruleid: ssrf
    fetch(endpoint, { credentials: "include" }).then(function (r) {
      return r.json();
    }).then(renderArticle);
  }

  function widgetSessionId() {
    // session id made from Math.random
    // ruleid: weak-randomness
    var session_id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    return session_id;
  }

  function animationDelay() {
    // animation jitter, not a secret
    // ok: weak-randomness
    var delay = 100 + Math.floor(Math.random() * 200);
    return delay;
  }

  renderTitle();
  renderTitleSafe();
  renderSearchEcho();
  renderLayout();
  renderReferrerNote();
  continueAfterLogin();
  legacyContinue();
  scheduleRefresh(params.get("ticket"));
  scheduleLegacy();
  runFormula(params.get("calc") || "1+1");
  loadConfig();
  loadFromHash();
  openArticle(params.get("article") || "welcome");
  window.__hw = { renderSnippet: renderSnippet, sid: widgetSessionId(), delay: animationDelay() };
})();
