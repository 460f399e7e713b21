// Orders dashboard (browser script with jQuery, loaded by the admin SPA shell).
/* global $, DOMPurify */
$(function () {
  var params = new URLSearchParams(location.search);
  var STATUS_LABELS = { paid: "<span class='ok'>Paid</span>", refunded: "<span class='warn'>Refunded</span>" };

  function showFilter() {
    var customer = params.get("customer") || "";
    // URL parameter in jQuery .html()
    // ruleid: xss
    $("#filter-label").html("Orders for <b>" + customer + "</b>");
  }

  function showFilterSafe() {
    var customer = params.get("customer") || "";
    // jQuery .text()
    // ok: xss
    $("#filter-label-2").text("Orders for " + customer);
  }

  function renderRow(order) {
    var $row = $("<tr></tr>");
    // status label from a constant object
    // ok: xss
    $row.html("<td>" + Number(order.id) + "</td><td>" + (STATUS_LABELS[order.status] || "") + "</td>");
    // [beyond docs] jQuery .append() parses HTML: the order note is not escaped
    // ruleid: xss
    $row.append("<td class='note'>" + order.note + "</td>");
    return $row;
  }

  function renderNotes(notesHtml) {
    // sanitized before .html()
    // ok: xss
    $("#notes").html(DOMPurify.sanitize(notesHtml));
  }

  function openOrder(id) {
    // constant path
    // ok: open-redirect
    window.location.href = "/admin/orders/" + encodeURIComponent(id);
  }

  function followReturn() {
    // document.referrer as the navigation target
    // ruleid: open-redirect
    document.location = document.referrer;
  }

  $.getJSON("/api/orders?status=" + encodeURIComponent(params.get("status") || "paid"), function (orders) {
    orders.forEach(function (o) {
      $("#orders tbody").append(renderRow(o));
    });
  });
  showFilter();
  showFilterSafe();
  window.dashboard = { renderNotes: renderNotes, openOrder: openOrder, followReturn: followReturn };
});
