// Embeddable support widget (plain DOM, no framework), loaded on customer sites in an iframe.
(function () {
  const PARENT_ORIGIN = "https://support.example.com";
  const params = new URLSearchParams(location.search);
  const root = document.getElementById("support-widget");

  function escapeText(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function stripTags(s) {
    return String(s).replace("<", "&lt;").replace(">", "&gt;");
  }

  function renderHeader() {
    const title = params.get("title") || "Support";
    // URL parameter in innerHTML
    // ruleid: xss
    root.innerHTML = `<header><h2>${title}</h2></header>`;
  }

  function renderHeaderSafe() {
    const title = params.get("title") || "Support";
    // same value through a same-file global-replace escaper of & < > "
    // ok: xss
    root.innerHTML = `<header><h2>${escapeText(title)}</h2></header>`;
  }

  function renderSubtitle() {
    const subtitle = params.get("subtitle") || "";
    const el = root.querySelector(".subtitle");
    // string-pattern replace changes only the first "<"
    // ruleid: xss
    el.innerHTML = stripTags(subtitle);
    // textContent
    // ok: xss
    el.textContent = subtitle;
  }

  function renderGreeting() {
    const who = decodeURIComponent(location.hash.slice(1));
    // fragment inserted as HTML
    // ruleid: xss
    root.insertAdjacentHTML("beforeend", "<p>Hi " + who + "</p>");
    // sanitized with DOMPurify
    // ok: xss
    root.insertAdjacentHTML("beforeend", DOMPurify.sanitize("<p>Hi " + who + "</p>"));
  }

  function renderBackLink() {
    const back = params.get("back") || "/";
    const link = document.createElement("a");
    if (back.toLowerCase().startsWith("javascript:")) {
      return;
    }
    // refusing only "javascript:" is no scheme check (data:, vbscript:, " javascript:")
    // ruleid: xss
    link.setAttribute("href", back);
    root.appendChild(link);
  }

  function renderHelpLink() {
    const help = params.get("help") || "";
    const link = document.createElement("a");
    if (!/^https?:\/\//i.test(help)) {
      return;
    }
    // anchored http(s) scheme check with an early return
    // ok: xss
    link.setAttribute("href", help);
    root.appendChild(link);
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== PARENT_ORIGIN) {
      return;
    }
    const panel = document.getElementById("panel");
    // an origin check says who sent the message, not that the HTML is safe
    // ruleid: xss
    panel.innerHTML = event.data.html;
    if (event.data.navigate) {
      // message data as the navigation target
      // ruleid: open-redirect
      window.location.href = event.data.navigate;
    }
    if (event.data.code) {
      // string passed to setTimeout from the message
      // ruleid: code-injection
      setTimeout("widgetApi." + event.data.code, 0);
    }
  });

  function finish() {
    const redirect = params.get("redirect") || "/";
    const target = new URL(redirect, location.href);
    if (target.origin !== location.origin) {
      return;
    }
    // same-origin check with an early return
    // ok: open-redirect
    location.assign(target.href);
  }

  function finishLoose() {
    // query value as the navigation target
    // ruleid: open-redirect
    location.replace(params.get("redirect") || "/");
  }

  function openTicket(id) {
    // constant path prefix
    // ok: open-redirect
    window.open("/widget/tickets/" + encodeURIComponent(id));
  }

  function refreshLater(ticketId) {
    // function callback, not a string
    // ok: code-injection
    setTimeout(() => openTicket(ticketId), 500);
    // window.name text compiled as code
    // ruleid: code-injection
    setTimeout("refresh(" + window.name + ")", 1000);
  }

  async function loadFeed() {
    // query value as the URL fetched with the user's cookies
    // ruleid: ssrf
    const res = await fetch(params.get("feed"), { credentials: "include" });
    // relative path on this origin
    // ok: ssrf
    const mine = await fetch("/api/widget/feed?locale=" + encodeURIComponent(params.get("locale") || "en"));
    return [await res.json(), await mine.json()];
  }

  function showReferrer() {
    // document.referrer written into the page
    // ruleid: xss
    document.write("<small>from " + document.referrer + "</small>");
  }

  renderHeader();
  renderHeaderSafe();
  renderSubtitle();
  renderGreeting();
  renderBackLink();
  renderHelpLink();
  finish();
  finishLoose();
  refreshLater(params.get("ticket"));
  loadFeed();
  showReferrer();
})();
