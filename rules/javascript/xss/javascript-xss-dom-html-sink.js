import DOMPurify from 'dompurify';
import { LitElement, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';

const THEMES = ['light', 'dark'];

// ---------------------------------------------------------------- vulnerable

function showGreeting() {
  const name = new URLSearchParams(location.search).get('name');
  // ruleid: javascript-xss-dom-html-sink
  document.getElementById('greeting').innerHTML = '<b>Hello ' + name + '</b>';
}

function showFragment() {
  const frag = decodeURIComponent(location.hash.slice(1));
  // ruleid: javascript-xss-dom-html-sink
  document.querySelector('#tab').insertAdjacentHTML('beforeend', frag);
}

function legacyBanner() {
  // ruleid: javascript-xss-dom-html-sink
  document.write('<div class="ref">' + document.referrer + '</div>');
}

window.addEventListener('message', (event) => {
  const box = document.getElementById('inbox');
  // ruleid: javascript-xss-dom-html-sink
  box.innerHTML += `<li>${event.data.text}</li>`;
});

function restoreDraft() {
  const panel = document.getElementById('draft');
  // ruleid: javascript-xss-dom-html-sink
  panel.outerHTML = window.name;
}

// ---------------------------------------------------------------- safe

function showGreetingText() {
  const name = new URLSearchParams(location.search).get('name');
  // textContent does not parse HTML
  // ok: javascript-xss-dom-html-sink
  document.getElementById('greeting').textContent = 'Hello ' + name;
}

function showFragmentClean() {
  const frag = decodeURIComponent(location.hash.slice(1));
  // ok: javascript-xss-dom-html-sink
  document.querySelector('#tab').insertAdjacentHTML('beforeend', DOMPurify.sanitize(frag));
}

function setTheme() {
  const theme = new URLSearchParams(location.search).get('theme');
  if (!THEMES.includes(theme)) {
    return;
  }
  // ok: javascript-xss-dom-html-sink
  document.body.innerHTML = `<main class="${theme}"></main>`;
}

function showPage() {
  const page = parseInt(new URLSearchParams(location.search).get('page'), 10);
  // ok: javascript-xss-dom-html-sink
  document.getElementById('pager').innerHTML = '<span>' + page + '</span>';
}

function staticMarkup() {
  // ok: javascript-xss-dom-html-sink
  document.getElementById('help').innerHTML = '<p>Press <kbd>?</kbd> for help</p>';
}

// ---------------------------------------------------------------- lit

class ShareCard extends LitElement {
  render() {
    const blurb = new URLSearchParams(location.search).get('blurb') ?? '';
    // ruleid: javascript-xss-dom-html-sink
    return html`<div class="card">${unsafeHTML(blurb)}</div>`;
  }
}

class BadgeIcon extends LitElement {
  render() {
    const icon = decodeURIComponent(location.hash.slice(1));
    // ruleid: javascript-xss-dom-html-sink
    return html`<span class="icon">${unsafeSVG(icon)}</span>`;
  }
}

class ShareCardText extends LitElement {
  render() {
    const blurb = new URLSearchParams(location.search).get('blurb') ?? '';
    // a ${value} in a lit template is escaped
    // ok: javascript-xss-dom-html-sink
    return html`<div class="card">${blurb}</div>`;
  }
}

class ShareCardSanitized extends LitElement {
  render() {
    const blurb = new URLSearchParams(location.search).get('blurb') ?? '';
    // ok: javascript-xss-dom-html-sink
    return html`<div class="card">${unsafeHTML(DOMPurify.sanitize(blurb))}</div>`;
  }
}

customElements.define('share-card', ShareCard);
customElements.define('badge-icon', BadgeIcon);
customElements.define('share-card-text', ShareCardText);
customElements.define('share-card-sanitized', ShareCardSanitized);
