(function () {
  "use strict";
  // Article texts come as JSON data, never as markup; highlighted text is built with textContent only.
  var data = JSON.parse(document.getElementById("np-data").textContent);
  var chars = {};
  Object.keys(data.articles).forEach(function (id) { chars[id] = Array.from(data.articles[id]); });
  var current = null;

  function plain(box) {
    box.textContent = chars[box.getAttribute("data-article")].join("");
  }

  function show(id, ranges) {
    var box = document.querySelector('.article-text[data-article="' + id + '"]');
    var text = chars[id];
    if (!box || !text) { return; }
    if (current && current !== box) { plain(current); }
    while (box.firstChild) { box.removeChild(box.firstChild); }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0, first = null;
    ranges.forEach(function (r) {
      var start = Math.max(r[0], pos), end = Math.min(r[1], text.length);
      if (start > pos) { box.appendChild(document.createTextNode(text.slice(pos, start).join(""))); }
      if (end > start) {
        var mark = document.createElement("mark");
        mark.className = "hl";
        mark.tabIndex = -1;
        mark.textContent = text.slice(start, end).join("");
        box.appendChild(mark);
        if (!first) { first = mark; }
        pos = end;
      }
    });
    box.appendChild(document.createTextNode(text.slice(pos).join("")));
    current = box;
    var details = document.getElementById("article-" + id);
    if (details) { details.open = true; }
    if (first) { first.scrollIntoView({block: "center"}); first.focus({preventScroll: true}); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.cite");
    if (!button) { return; }
    var ranges = button.getAttribute("data-spans").split(",").map(function (part) {
      var bounds = part.split("-");
      return [parseInt(bounds[0], 10), parseInt(bounds[1], 10)];
    });
    show(button.getAttribute("data-article"), ranges);
  });
})();
