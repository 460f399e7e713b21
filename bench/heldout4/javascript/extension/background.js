// Background service worker of a "clip to notes" browser extension (Manifest V3).
// Content scripts and the options page talk to it through chrome.runtime messages.

const NOTES_API = "https://api.clipnotes.example.com";
const ALLOWED_PREVIEW_HOSTS = new Set(["i.imgur.com", "pbs.twimg.com", "images.unsplash.com"]);
const FORMATTERS = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
};

async function fetchPreview(url) {
  // the page URL sent by a content script, fetched with the extension's host permissions
  // ruleid: ssrf
  const res = await fetch(url, { credentials: "include" });
  return res.text();
}

async function fetchImage(rawUrl) {
  const u = new URL(rawUrl);
  if (u.protocol !== "https:" || !ALLOWED_PREVIEW_HOSTS.has(u.hostname)) {
    throw new Error("host not allowed");
  }
  // hostname allowlist that throws
  // ok: ssrf
  const res = await fetch(u.href);
  return res.blob();
}

async function saveNote(note) {
  // fixed API host, the note id is encoded into the path
  // ok: ssrf
  return fetch(`${NOTES_API}/v1/notes/${encodeURIComponent(note.id)}`, {
    method: "PUT",
    body: JSON.stringify(note),
  });
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  switch (msg.type) {
    case "preview":
      fetchPreview(msg.url).then(sendResponse);
      return true;
    case "image":
      fetchImage(msg.url).then(sendResponse);
      return true;
    case "save":
      saveNote(msg.note).then(() => sendResponse({ ok: true }));
      return true;
    case "format": {
      const fn = FORMATTERS[msg.formatter];
      sendResponse(fn ? fn(msg.text) : msg.text);
      return false;
    }
    case "calc": {
      // a "quick calc" feature evaluating the selected text
      // ruleid: code-injection
      const value = eval(msg.expression);
      sendResponse({ value });
      return false;
    }
    case "calc-safe": {
      if (!/^[0-9+\-*/(). ]{1,64}$/.test(msg.expression)) {
        sendResponse({ error: "bad expression" });
        return false;
      }
      // anchored character-class regex with an early return
      // ok: code-injection
      sendResponse({ value: Function(`"use strict"; return (${msg.expression});`)() });
      return false;
    }
    default:
      return false;
  }
});

chrome.runtime.onMessageExternal.addListener(async (request, sender, sendResponse) => {
  // messages from any site listed in externally_connectable; the webhook URL is the sender's
  // ruleid: ssrf
  const res = await fetch(request.webhook, { method: "POST", body: JSON.stringify(request.payload) });
  sendResponse({ status: res.status });
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === "open-source") {
    const target = new URL(info.linkUrl);
    // [beyond docs] chrome.tabs.create with a link the user right-clicked (not a redirect sink)
    // ok: open-redirect
    chrome.tabs.create({ url: target.href });
  }
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== "sync") return;
  const { lastSync } = await chrome.storage.local.get("lastSync");
  // fixed host, a stored timestamp in the query string
  // ok: ssrf
  await fetch(NOTES_API + "/v1/sync?since=" + Number(lastSync || 0));
});
