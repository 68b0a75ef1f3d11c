// jixiao web: source highlighting, finding locations, table rows. No inline scripts (CSP).
(function () {
  "use strict";

  function highlight(ids) {
    document.querySelectorAll(".source .hl").forEach(function (el) { el.classList.remove("hl"); });
    var first = null;
    ids.forEach(function (id) {
      var el = id && document.getElementById(id);
      if (el) { el.classList.add("hl"); first = first || el; }
    });
    if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
  }

  // A form field shows where its value came from in the source.
  document.addEventListener("focusin", function (event) {
    var holder = event.target.closest && event.target.closest("[data-src]");
    if (holder && holder.dataset.src) { highlight([holder.dataset.src]); }
  });

  // A finding shows the figures it is about.
  function showFinding(event) {
    var item = event.target.closest && event.target.closest(".finding[data-anchors]");
    if (item && item.dataset.anchors) {
      document.querySelectorAll(".finding.active").forEach(function (el) { el.classList.remove("active"); });
      item.classList.add("active");
      highlight(item.dataset.anchors.split(" "));
    }
  }
  document.addEventListener("click", showFinding);
  document.addEventListener("keydown", function (event) { if (event.key === "Enter") { showFinding(event); } });

  // "Add a row" clones the last row of a table with the next index and empty inputs.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-row]");
    if (!button) { return; }
    var path = button.dataset.addRow;
    var body = document.querySelector('table[data-rows="' + path + '"] tbody');
    var last = body && body.lastElementChild;
    if (!last) { return; }
    var index = body.children.length;
    var row = last.cloneNode(true);
    row.removeAttribute("data-src");
    row.classList.remove("has-src");
    row.querySelectorAll("input").forEach(function (input) {
      input.name = input.name.replace(/\[\d+\]/, "[" + index + "]");
      input.value = "";
    });
    row.querySelectorAll(".err").forEach(function (el) { el.remove(); });
    row.firstElementChild.textContent = String(index + 1);
    body.appendChild(row);
  });

  // "Select all" boxes.
  document.addEventListener("change", function (event) {
    var all = event.target.dataset && event.target.dataset.checkAll;
    if (all) {
      document.querySelectorAll('input[name="' + all + '"]').forEach(function (box) { box.checked = event.target.checked; });
    }
  });
})();
