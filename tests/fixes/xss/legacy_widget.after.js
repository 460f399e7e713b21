// A classic browser script: DOMPurify comes from a <script> tag, so it is a global.
function restoreBanner() {
  var banner = document.getElementById('banner');
  banner.outerHTML = DOMPurify.sanitize('<div id="banner">' + window.name + '</div>');
}

function backLink() {
  document.write(DOMPurify.sanitize("<a href='" + document.referrer + "'>Back</a>"));
}

$(function () {
  var who = new URLSearchParams(location.search).get('who');
  $('#who').text('Signed in as ' + who);
});
