/* Boardwatch player: "play from here" buttons, transcript timestamps and #t=SECONDS links.
   Without JavaScript the media fragment (#t=) in the player's src still starts it at the moment. */
(function () {
  "use strict";

  function seconds(value) {
    var n = parseFloat(value);
    return isFinite(n) && n >= 0 ? n : null;
  }

  function seek(player, start, play) {
    if (!player || start === null) { return; }
    var go = function () {
      try { player.currentTime = start; } catch (e) { return; }
      if (play) { var p = player.play(); if (p && p.catch) { p.catch(function () {}); } }
    };
    if (player.readyState >= 1) { go(); } else { player.addEventListener("loadedmetadata", go, { once: true }); player.load(); }
  }

  function highlightSegment(list, start) {
    if (!list) { return; }
    var items = list.querySelectorAll("li[data-start]");
    var best = null;
    for (var i = 0; i < items.length; i++) {
      items[i].classList.remove("current");
      if (seconds(items[i].getAttribute("data-start")) <= start) { best = items[i]; }
    }
    if (best) { best.classList.add("current"); best.scrollIntoView({ block: "center" }); }
  }

  function fromHash() {
    var match = /^#t=([0-9]+(?:\.[0-9]+)?)/.exec(window.location.hash);
    if (!match) { return; }
    var start = seconds(match[1]);
    var list = document.querySelector("ol.segments[data-player]");
    var player = list ? document.getElementById(list.getAttribute("data-player")) : document.querySelector(".player");
    highlightSegment(list, start);
    seek(player, start, false);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-seek]") : null;
    if (!target) { return; }
    var player = document.getElementById(target.getAttribute("data-player"));
    if (!player) { return; }
    var start = seconds(target.getAttribute("data-seek"));
    seek(player, start, true);
    if (target.tagName === "A") {
      event.preventDefault();
      history.replaceState(null, "", "#t=" + target.getAttribute("data-seek"));
      highlightSegment(target.closest("ol.segments"), start);
    }
  });

  // A player whose src carries #t=START: make sure it starts there even where fragments are ignored.
  var players = document.querySelectorAll(".player[data-start]");
  for (var i = 0; i < players.length; i++) {
    (function (player) {
      var start = seconds(player.getAttribute("data-start"));
      player.addEventListener("loadedmetadata", function () {
        if (start !== null && player.currentTime < start - 0.5) { player.currentTime = start; }
      }, { once: true });
    })(players[i]);
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
