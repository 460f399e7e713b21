// Embeddable support widget: plain browser DOM code, no framework.
(function () {
  const params = new URLSearchParams(location.search);
  const root = document.getElementById("support-widget");
  const TRUSTED_ORIGIN = "https://support.example.com";
  const TOPICS = { billing: "Billing", tech: "Technical issue", other: "Something else" };
  const ALLOWED_LAYOUTS = new Set(["compact", "full"]);

  function escapeHtml(s) {
    return String(s)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  const name = params.get("name") || "there";
  // query value into outerHTML
  // ruleid: xss
  root.outerHTML = `<div id="support-widget"><p>Hi ${name}!</p></div>`;

  const greeting = document.getElementById("greeting");
  // query value escaped by a correct same-file escaper
  // ok: xss
  greeting.innerHTML = "<strong>Hi " + escapeHtml(name) + "</strong>";

  const topic = params.get("topic");
  const title = document.getElementById("title");
  // topic label from a constant object lookup
  // ok: xss
  title.insertAdjacentHTML("beforeend", `<span class="topic">${TOPICS[topic] ?? "General"}</span>`);

  const ref = document.referrer;
  const footer = document.getElementById("footer");
  // document.referrer inserted as HTML
  // ruleid: xss
  footer.insertAdjacentHTML("afterbegin", `<small>You came from ${ref}</small>`);

  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash) {
    // location.hash written with document.write
    // ruleid: xss
    document.write("<h3>" + hash + "</h3>");
  }

  const layout = params.get("layout") || "compact";
  if (ALLOWED_LAYOUTS.has(layout)) {
    // Set allowlist around the sink
    // ok: xss
    root.innerHTML = `<div class="layout-${layout}"></div>`;
  }

  const preview = document.getElementById("preview-frame");
  // query value as iframe srcdoc [extended sink]
  // ruleid: xss
  preview.srcdoc = params.get("html") || "";

  const link = document.getElementById("help-link");
  // query URL as an href (javascript: URLs run on click) [extended sink]
  // ruleid: xss
  link.setAttribute("href", params.get("help") || "/help");

  const status = document.getElementById("status");
  // textContent
  // ok: xss
  status.textContent = "Ticket " + params.get("ticket");

  window.addEventListener("message", (event) => {
    if (event.origin !== TRUSTED_ORIGIN) return;
    const data = event.data || {};
    if (data.type === "render") {
      // origin checked but the message is still inserted as HTML
      // ruleid: xss
      root.innerHTML = data.html;
    } else if (data.type === "safe-render") {
      // DOMPurify on message data
      // ok: xss
      root.innerHTML = DOMPurify.sanitize(data.html);
    } else if (data.type === "navigate") {
      // message data assigned to location.href
      // ruleid: open-redirect
      location.href = data.url;
    } else if (data.type === "eval") {
      // message data run as code
      // ruleid: code-injection
      setTimeout(data.code, 0);
    }
  });

  const next = params.get("next");
  if (next) {
    const target = new URL(next, location.origin);
    if (target.origin !== location.origin) {
      throw new Error("cross-origin next");
    }
    // same-origin check with an early throw
    // ok: open-redirect
    location.assign(target.href);
  }

  const popup = params.get("popup");
  // query URL opened in a new window
  // ruleid: open-redirect
  window.open(popup || "/help", "_blank");

  const calc = params.get("expr") || "0";
  if (/^[0-9+\-*/ ().]+$/.test(calc)) {
    // anchored arithmetic regex before eval
    // ok: code-injection
    document.getElementById("calc").textContent = String(eval(calc));
  }

  // callback function, not a string
  // ok: code-injection
  setTimeout(() => root.classList.add("ready"), 100);

  // random value under a non-secret name (an element id suffix)
  // ok: weak-randomness
  const widgetId = "support_" + Math.random().toString(36).slice(2);
  root.dataset.widget = widgetId;
})();
