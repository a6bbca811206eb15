(function () {
  "use strict";
  // An open story page asks its own server, every few seconds, whether the story changed; nothing else is fetched.
  var body = document.body;
  var story = body.getAttribute("data-story");
  if (!story) { return; }
  var revision = parseInt(body.getAttribute("data-revision") || "0", 10);
  var articles = parseInt(body.getAttribute("data-articles") || "0", 10);
  var building = body.getAttribute("data-building") === "1";
  var every = parseInt(body.getAttribute("data-poll") || "2000", 10);
  var banner = document.getElementById("np-live");

  function say(text) {
    while (banner.firstChild) { banner.removeChild(banner.firstChild); }
    banner.appendChild(document.createTextNode(text + " "));
    var link = document.createElement("a");
    link.href = window.location.pathname;
    link.textContent = "Show the new report";
    banner.appendChild(link);
    banner.hidden = false;
  }

  function check() {
    fetch("/api/stories/" + encodeURIComponent(story), {headers: {"Accept": "application/json"}, cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        if (building && s.status === "current") { window.location.reload(); return; }
        if (s.revision > revision && s.status === "current") {
          say("This story changed since the page was opened: " + s.articles + " article" +
              (s.articles === 1 ? "" : "s") + " now (" + articles + " before), report revision " + s.revision + ".");
        } else if (s.articles !== articles && s.status !== "current") {
          banner.textContent = "New articles arrived (" + s.articles + " now); the report is being rebuilt…";
          banner.hidden = false;
        }
      })
      .catch(function () { /* the server may be restarting: ask again at the next tick */ })
      .then(function () { window.setTimeout(check, every); });
  }
  window.setTimeout(check, every);
})();
