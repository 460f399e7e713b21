/* public/js/search.js: site search widget (plain browser script, jQuery on the page) */
(function () {
  "use strict";

  var CDN_BASE = "https://static.example.com/v3";
  var params = new URLSearchParams(window.location.search);

  function escapeHtml(s) {
    return String(s)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  function getCookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function renderHeader() {
    var header = document.getElementById("results-header");
    var q = params.get("q") || "";
    // Query string value in an innerHTML template.
    // ruleid: xss
    header.innerHTML = 'Showing results for "<strong>' + q + '</strong>"';
  }

  function renderCount(n) {
    var q = params.get("q") || "";
    // textContent with the same value.
    // ok: xss
    document.getElementById("results-count").textContent = n + " results for " + q;
  }

  function renderBreadcrumb() {
    // Location hash decoded and inserted as HTML.
    var section = decodeURIComponent(window.location.hash.slice(1));
    if (!section) return;
    // ruleid: xss
    document.getElementById("crumbs").insertAdjacentHTML("beforeend", "<li>" + section + "</li>");
  }

  function renderItems(items) {
    var list = document.getElementById("results");
    // Every field escaped by the local escapeHtml().
    // ok: xss
    list.innerHTML = items
      .map(function (i) {
        return '<li><a href="/p/' + encodeURIComponent(i.slug) + '">' + escapeHtml(i.title) + "</a></li>";
      })
      .join("");
  }

  function search() {
    var q = params.get("q") || "";
    // Relative same-origin URL; the term is encoded into the query string.
    // ok: ssrf
    fetch("/api/search?q=" + encodeURIComponent(q))
      .then(function (r) {
        return r.json();
      })
      .then(function (data) {
        renderCount(data.items.length);
        renderItems(data.items);
      });
  }

  function loadContinuation() {
    // "next" parameter used as the URL of a credentialed request.
    var next = params.get("next");
    if (!next) return;
    // ruleid: ssrf
    fetch(next, { credentials: "include" }).then(function (r) {
      return r.json();
    });
  }

  function greet() {
    // Cookie value rendered with jQuery .html().
    var name = getCookie("display_name");
    // ruleid: xss
    $("#greeting").html("Welcome back, " + name + "!");
  }

  function greetText() {
    // ok: xss
    $("#greeting-plain").text("Welcome back, " + getCookie("display_name") + "!");
  }

  function applyTheme() {
    // Theme compared with a literal list before it is used.
    var theme = params.get("theme");
    var link = document.getElementById("theme-css");
    if (["light", "dark", "sepia"].indexOf(theme) !== -1) {
      // ok: xss
      link.outerHTML = '<link id="theme-css" rel="stylesheet" href="/css/' + theme + '.css">';
    }
  }

  function renderTags() {
    // Tags from the query string appended as HTML with jQuery. [extended sink]
    var tags = (params.get("tags") || "").split(",");
    tags.forEach(function (tag) {
      // ruleid: xss
      $("#active-tags").append('<span class="tag">' + tag + "</span>");
    });
  }

  // Messages from the embedding page, no origin check.
  window.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "search-banner") return;
    // ruleid: xss
    document.getElementById("banner").innerHTML = event.data.html;
  });

  // Constant script tag.
  // ok: xss
  document.write('<script src="' + CDN_BASE + '/analytics.js" async><\/script>');

  document.addEventListener("DOMContentLoaded", function () {
    renderHeader();
    renderBreadcrumb();
    search();
    loadContinuation();
    greet();
    greetText();
    applyTheme();
    renderTags();
  });
})();
