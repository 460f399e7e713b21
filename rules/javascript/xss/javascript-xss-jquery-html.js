/* global $, jQuery, DOMPurify */

const SECTIONS = ['intro', 'usage', 'faq'];

// ---------------------------------------------------------------- vulnerable

function showSearch() {
  const q = new URLSearchParams(location.search).get('q');
  // ruleid: javascript-xss-jquery-html
  $('#results-title').html('Results for <b>' + q + '</b>');
}

function showTab() {
  const tab = location.hash.slice(1);
  // ruleid: javascript-xss-jquery-html
  $('#tabs').append(`<li class="active">${tab}</li>`);
}

$(window).on('message', function (e) {
  // ruleid: javascript-xss-jquery-html
  jQuery('.log').prepend('<p>' + window.name + '</p>');
});

function parse() {
  // ruleid: javascript-xss-jquery-html
  const nodes = $.parseHTML(document.cookie);
  return nodes;
}

// ---------------------------------------------------------------- safe

function showSearchText() {
  const q = new URLSearchParams(location.search).get('q');
  // .text() does not parse HTML
  // ok: javascript-xss-jquery-html
  $('#results-title').text('Results for ' + q);
}

function showTabClean() {
  const tab = location.hash.slice(1);
  // ok: javascript-xss-jquery-html
  $('#tabs').append(DOMPurify.sanitize(`<li class="active">${tab}</li>`));
}

function showSection() {
  const section = location.hash.slice(1);
  if (!SECTIONS.includes(section)) {
    return;
  }
  // ok: javascript-xss-jquery-html
  $('#content').html('<div id="' + section + '"></div>');
}

function showCount() {
  const n = Number(new URLSearchParams(location.search).get('n'));
  // ok: javascript-xss-jquery-html
  $('#count').html('<span>' + n + '</span>');
}

function domAppend() {
  // Element.append() with a string inserts text, not HTML
  // ok: javascript-xss-jquery-html
  document.getElementById('tabs').append(location.hash);
}
