// Search page (an ES module without DOMPurify yet).
import { api } from "./api.js";
import DOMPurify from "dompurify";

export function showSearchTerm() {
  const q = new URLSearchParams(window.location.search).get("q");
  document.getElementById("search-term").innerHTML = DOMPurify.sanitize(`Results for <b>${q}</b>`);
}

export function greet() {
  const name = decodeURIComponent(location.hash.slice(1));
  document.getElementById("greeting").textContent = "Hello, " + name + "!";
}

window.addEventListener("message", (event) => {
  const list = document.getElementById("notifications");
  list.insertAdjacentText("beforeend", event.data.text);
  api.ack(event.data.id);
});
