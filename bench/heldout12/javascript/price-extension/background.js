// Service worker of the "Price Watch" browser extension (Manifest V3).
// Content scripts send the product page's details; the worker looks prices up,
// keeps a watch list and opens comparison tabs.

const API_BASE = "https://api.pricewatch.example/v2/";
const RETAILER_HOSTS = new Set(["www.amazon.com", "www.bestbuy.com", "www.target.com", "www.walmart.com"]);
const COMPARE_SITES = {
  camel: "https://camelcamelcamel.com/search?sq=",
  keepa: "https://keepa.com/#!search/1-",
};

async function getSettings() {
  const { settings } = await chrome.storage.sync.get("settings");
  return settings ?? { currency: "USD", notify: true };
}

async function lookupPrice(sku, retailer) {
  // constant https host, the values only in the query
  // ok: ssrf
  const res = await fetch(`${API_BASE}prices?sku=${encodeURIComponent(sku)}&retailer=${encodeURIComponent(retailer)}`);
  return res.json();
}

async function fetchProductPage(url) {
  const { hostname } = new URL(url);
  if (!RETAILER_HOSTS.has(hostname)) {
    throw new Error(`not a supported retailer: ${hostname}`);
  }
  // hostname allowlist, thrown otherwise
  // ok: ssrf
  const res = await fetch(url, { credentials: "omit" });
  return res.text();
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  (async () => {
    switch (message.type) {
      case "price": {
        sendResponse(await lookupPrice(message.sku, message.retailer));
        break;
      }
      case "page": {
        sendResponse({ html: await fetchProductPage(message.url) });
        break;
      }
      case "image": {
        // the image URL of the message is fetched with the extension's host permissions
        // ruleid: ssrf
        const res = await fetch(message.imageUrl);
        const blob = await res.blob();
        sendResponse({ size: blob.size });
        break;
      }
      case "compare": {
        const base = COMPARE_SITES[message.site];
        if (!base) {
          sendResponse({ error: "unknown site" });
          break;
        }
        // [extended sink] chrome.tabs.create url; a constant base picked from a map, the title only in the query
        // ok: open-redirect
        await chrome.tabs.create({ url: base + encodeURIComponent(message.title) });
        sendResponse({ ok: true });
        break;
      }
      case "import-list": {
        // a shared watch list is downloaded from whatever URL the page passes along
        // ruleid: ssrf
        const res = await fetch(message.listUrl, { credentials: "include" });
        const items = await res.json();
        const { watchlist = [] } = await chrome.storage.local.get("watchlist");
        await chrome.storage.local.set({ watchlist: [...watchlist, ...items.slice(0, 50)] });
        sendResponse({ added: Math.min(items.length, 50) });
        break;
      }
      case "watch": {
        const { watchlist = [] } = await chrome.storage.local.get("watchlist");
        const exists = watchlist.some((w) => w.sku === message.sku);
        if (!exists) {
          watchlist.push({ sku: message.sku, retailer: message.retailer, title: message.title, targetCents: Number(message.targetCents) });
          await chrome.storage.local.set({ watchlist });
        }
        sendResponse({ watching: true });
        break;
      }
      default:
        sendResponse({ error: "unknown message" });
    }
  })();
  return true;
});

chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => {
  if (message.type === "track") {
    const settings = getSettings();
    // a partner site's message posts to a URL it chose
    // ruleid: ssrf
    fetch(message.callback, { method: "POST", body: JSON.stringify({ sku: message.sku }) })
      .then(() => settings)
      .then((s) => sendResponse({ currency: s.currency }));
    return true;
  }
  return false;
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== "refresh") return;
  const { watchlist = [] } = await chrome.storage.local.get("watchlist");
  for (const item of watchlist) {
    const price = await lookupPrice(item.sku, item.retailer);
    if (price.cents < item.targetCents) {
      chrome.notifications.create(`drop-${item.sku}`, {
        type: "basic",
        iconUrl: "icons/128.png",
        title: "Price drop",
        message: `${item.title}: ${price.formatted}`,
      });
    }
  }
});

chrome.notifications.onClicked.addListener(async (id) => {
  const sku = id.replace(/^drop-/, "");
  // [extended sink] chrome.tabs.create url; a constant https host, the sku only in the path
  // ok: open-redirect
  await chrome.tabs.create({ url: `https://pricewatch.example/item/${encodeURIComponent(sku)}` });
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.alarms.create("refresh", { periodInMinutes: 60 });
});
