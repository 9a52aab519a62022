// The dashboard's live counts: server-sent events replace the numbers and the rows.
// Without this script (or without EventSource) the page still works by reloading.
"use strict";
(function () {
  var root = document.querySelector("[data-events]");
  if (!root || !window.EventSource) { return; }
  var source = new EventSource(root.getAttribute("data-events"));
  source.addEventListener("class", function (event) {
    var data = JSON.parse(event.data);
    root.querySelectorAll("[data-count]").forEach(function (node) {
      var name = node.getAttribute("data-count");
      if (name in data) { node.textContent = String(data[name]); }
    });
    var body = root.querySelector("[data-rows]");
    if (!body || !data.rows) { return; }
    var empty = root.querySelector("[data-empty]");
    if (empty && data.rows.length) { empty.remove(); }
    var yes = body.getAttribute("data-yes") || "yes";
    var no = body.getAttribute("data-no") || "not yet";
    body.replaceChildren.apply(body, data.rows.map(function (row) {
      var tr = document.createElement("tr");
      [row[0], row[1], String(row[2]), row[3] ? yes : no].forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;  // text, never markup: a nickname cannot inject anything
        tr.appendChild(td);
      });
      return tr;
    }));
  });
})();
