// Bridge script loaded on partner pages that embed our scheduling widget.
const WIDGET_ORIGIN = "https://widget.bookly.example";
const frame = document.getElementById("bookly-frame");
const status = document.querySelector("#bookly-status");

window.addEventListener("message", (event) => {
  if (event.origin !== WIDGET_ORIGIN) return;
  const { type, html, text, url, height } = event.data;
  if (type === "status") {
    // an origin check says who sent it, not that the HTML is safe
    // ruleid: xss
    status.innerHTML = html;
  } else if (type === "status-text") {
    // textContent
    // ok: xss
    status.textContent = text;
  } else if (type === "resize") {
    frame.style.height = `${Number(height)}px`;
  } else if (type === "navigate") {
    // the message decides where the partner page goes
    // ruleid: open-redirect
    window.location.href = url;
  } else if (type === "hook") {
    // a code string from the message run with setTimeout
    // ruleid: code-injection
    setTimeout(`bookly.${event.data.hook}()`, 0);
  }
});

function showCoupon() {
  const coupon = new URLSearchParams(location.search).get("coupon") ?? "";
  const box = document.createElement("div");
  // the query value written as markup
  // ruleid: xss
  box.innerHTML = `<strong>Coupon:</strong> ${coupon}`;
  document.body.appendChild(box);
  const safe = document.createElement("div");
  // escaped before insertion
  // ok: xss
  safe.innerHTML = "<strong>Coupon:</strong> " + coupon.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  document.body.appendChild(safe);
}

function openBooking() {
  const slot = new URLSearchParams(location.search).get("slot") ?? "";
  // a constant https host; the slot only fills the query string
  // ok: open-redirect
  window.open(`${WIDGET_ORIGIN}/book?slot=${encodeURIComponent(slot)}`);
  // the frame gets a constant origin plus a path
  // ok: xss
  frame.setAttribute("src", `${WIDGET_ORIGIN}/embed/${encodeURIComponent(slot)}`);
}

showCoupon();
openBooking();
