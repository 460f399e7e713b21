// Content script of the "Price Watch" extension: reads the product on the
// retailer's page, asks the service worker for the price history and draws a
// small panel next to the buy box.

const PANEL_ID = "pricewatch-panel";
const BADGE_CLASSES = { up: "pw-up", down: "pw-down", flat: "pw-flat" };

function escapeHtml(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function productFromPage() {
  const title = document.querySelector("#productTitle, h1")?.textContent?.trim() ?? "";
  const sku = new URLSearchParams(location.search).get("sku") ?? document.querySelector("[data-sku]")?.dataset.sku ?? "";
  return { title, sku, url: location.href };
}

function ensurePanel() {
  let panel = document.getElementById(PANEL_ID);
  if (!panel) {
    panel = document.createElement("aside");
    panel.id = PANEL_ID;
    document.body.appendChild(panel);
  }
  return panel;
}

function renderHistory(panel, history, product) {
  const rows = history.points
    .map((p) => `<tr><td>${escapeHtml(p.date)}</td><td>${escapeHtml(p.formatted)}</td></tr>`)
    .join("");
  const trend = BADGE_CLASSES[history.trend] ?? BADGE_CLASSES.flat;
  // every value escaped by the same-file escaper, the class from a constant map
  // ok: xss
  panel.innerHTML = `<h3 class="${trend}">${escapeHtml(product.title)}</h3><table>${rows}</table>`;
}

function renderNote(panel) {
  const note = decodeURIComponent(location.hash.slice(1));
  if (note.startsWith("pw-note=")) {
    // a prefix test says nothing about the markup after it
    // ruleid: xss
    panel.insertAdjacentHTML("beforeend", `<p class="pw-note">${note.slice(8)}</p>`);
  }
}

function renderCoupon(panel) {
  const coupon = new URLSearchParams(location.search).get("coupon");
  if (!coupon) return;
  const p = document.createElement("p");
  // textContent: the coupon is text
  // ok: xss
  p.textContent = `Coupon in link: ${coupon}`;
  panel.appendChild(p);
}

function renderRetailerLink(panel, product) {
  const a = document.createElement("a");
  const back = new URLSearchParams(location.search).get("return") ?? "/";
  // a javascript: URL in the page's own query string runs on click
  // ruleid: xss
  a.setAttribute("href", back);
  a.textContent = "Back to results";
  panel.appendChild(a);
}

function renderReferrer(panel) {
  if (!document.referrer) return;
  const from = document.referrer;
  // the referring page's URL, which its author controls, inserted as markup
  // ruleid: xss
  panel.insertAdjacentHTML("afterbegin", `<small>Found via <a href="${from}">${from}</a></small>`);
}

function renderWindowNote(panel) {
  const note = window.name;
  if (!note.startsWith("pw:")) return;
  const box = document.createElement("div");
  panel.appendChild(box);
  // window.name survives navigation from another site
  // ruleid: xss
  box.outerHTML = `<div class="pw-window-note">${note.slice(3)}</div>`;
}

function formatCurrency(cents, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

function renderTarget(panel, history) {
  const p = document.createElement("p");
  p.className = "pw-target";
  p.textContent = `Lowest in 90 days: ${formatCurrency(history.lowestCents, history.currency)}`;
  panel.appendChild(p);
}

window.addEventListener("message", (event) => {
  if (event.origin !== location.origin) return;
  if (event.data?.type === "pricewatch:highlight") {
    // the sender's origin is checked, the HTML it sends is not
    // ruleid: xss
    ensurePanel().innerHTML = event.data.html;
  }
  if (event.data?.type === "pricewatch:goto") {
    // a URL from a page message becomes the location
    // ruleid: open-redirect
    window.location.href = event.data.url;
  }
});

async function main() {
  const product = productFromPage();
  if (!product.sku) return;
  const panel = ensurePanel();
  // static markup only
  // ok: xss
  panel.innerHTML = '<p class="pw-loading">Loading price history…</p>';
  const history = await chrome.runtime.sendMessage({ type: "price", sku: product.sku, retailer: location.hostname });
  renderHistory(panel, history, product);
  renderNote(panel);
  renderCoupon(panel);
  renderRetailerLink(panel, product);
  renderReferrer(panel);
  renderWindowNote(panel);
  renderTarget(panel, history);
  if (history.redirectTo) {
    // the worker's answer comes from the fixed-host price API
    // ok: open-redirect
    location.assign(`/s?k=${encodeURIComponent(history.redirectTo)}`);
  }
}

main();
