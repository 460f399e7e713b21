// jQuery UI code: notifications, search, chat.
// Benchmark corpus, xss (CWE-79).
/* global $ */

const LEVELS = { ok: "alert-success", err: "alert-danger" };

function notify(message) {
  // Parameter into .html() (reported as a warning).
  // ruleid: xss
  $("#flash").html(`<div class="alert">${message}</div>`);
}

function notifySafe(message) {
  // .text() is a safe API.
  // ok: xss
  $("#flash").text(message);
}

$(function () {
  // Query string into .html().
  const q = new URLSearchParams(window.location.search).get("q");
  // ruleid: xss
  $("#q").html("Searching for " + q);

  // Constant lookup for a CSS class, text for the message.
  const level = LEVELS[new URLSearchParams(window.location.search).get("level")] || "alert-info";
  // ok: xss
  $("#status").html(`<div class="${level}"></div>`);
});

function loadChat() {
  // JSON from our own API rendered with .html(): messages are other users' text.
  $.getJSON("/api/chat", (messages) => {
    messages.forEach((m) => {
      // ruleid: xss
      $("#chat").append(`<li><b>${m.user}</b>: ${m.text}</li>`);
    });
  });
}

function loadChatSafe() {
  // Elements built with .text().
  $.getJSON("/api/chat", (messages) => {
    messages.forEach((m) => {
      const li = $("<li>");
      $("<b>").text(m.user).appendTo(li);
      // ok: xss
      li.append(document.createTextNode(": " + m.text));
      $("#chat").append(li);
    });
  });
}

function showHashJq() {
  // location.hash into .html() through a variable.
  const h = window.location.hash.substring(1);
  const html = "<h3>" + h + "</h3>";
  // ruleid: xss
  $(".section-title").html(html);
}

function showHashJqEscaped() {
  // Escaped via jQuery's text round-trip.
  const h = window.location.hash.substring(1);
  const safe = $("<div>").text(h).html();
  // ok: xss
  $(".section-title").html("<h3>" + safe + "</h3>");
}
