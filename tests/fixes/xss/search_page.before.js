// Search page (an ES module without DOMPurify yet).
import { api } from "./api.js";

export function showSearchTerm() {
  const q = new URLSearchParams(window.location.search).get("q");
  document.getElementById("search-term").innerHTML = `Results for <b>${q}</b>`;
}

export function greet() {
  const name = decodeURIComponent(location.hash.slice(1));
  document.getElementById("greeting").innerHTML = "Hello, " + name + "!";
}

window.addEventListener("message", (event) => {
  const list = document.getElementById("notifications");
  list.insertAdjacentHTML("beforeend", event.data.text);
  api.ack(event.data.id);
});
