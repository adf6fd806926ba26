/* Boardwatch player: "play from here" buttons, transcript timestamps, #t=SECONDS links, and a
   transcript that follows the recording. Without JavaScript the media fragment (#t=) in a player's
   src still starts it at the moment, and every timestamp is a plain link. */
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
      player.setAttribute("data-sought", String(start));
      if (play) { var p = player.play(); if (p && p.catch) { p.catch(function () {}); } }
    };
    if (player.readyState >= 1) { go(); } else { player.addEventListener("loadedmetadata", go, { once: true }); player.load(); }
  }

  /* Segments of one transcript, with their start times, kept sorted for a binary search. */
  function Transcript(list) {
    this.list = list;
    this.items = Array.prototype.slice.call(list.querySelectorAll("li[data-start]"));
    this.starts = this.items.map(function (li) { return seconds(li.getAttribute("data-start")) || 0; });
    this.current = null;
    var follow = document.querySelector("input.follow[data-player='" + list.getAttribute("data-player") + "']");
    this.follow = follow;
  }

  Transcript.prototype.indexAt = function (time) {
    var lo = 0, hi = this.starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (this.starts[mid] <= time + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Transcript.prototype.show = function (time, scroll) {
    var index = this.indexAt(time);
    var item = index >= 0 ? this.items[index] : null;
    if (item === this.current) { return; }
    if (this.current) { this.current.classList.remove("current"); this.current.removeAttribute("aria-current"); }
    this.current = item;
    if (!item) { return; }
    item.classList.add("current");
    item.setAttribute("aria-current", "true");
    if (scroll && (!this.follow || this.follow.checked)) {
      // Scroll the transcript box only, never the page under the reader.
      var box = this.list;
      var top = item.offsetTop - box.offsetTop - box.clientHeight / 3;
      box.scrollTop = Math.max(0, top);
    }
  };

  var transcripts = {};
  var lists = document.querySelectorAll("ol.segments[data-player]");
  for (var i = 0; i < lists.length; i++) {
    (function (list) {
      var id = list.getAttribute("data-player");
      var transcript = new Transcript(list);
      transcripts[id] = transcript;
      var player = document.getElementById(id);
      if (!player) { return; }
      player.addEventListener("timeupdate", function () { transcript.show(player.currentTime, !player.paused); });
      player.addEventListener("seeked", function () { transcript.show(player.currentTime, true); });
    })(lists[i]);
  }

  function fromHash() {
    var match = /^#t=([0-9]+(?:\.[0-9]+)?)/.exec(window.location.hash);
    if (!match) { return; }
    var start = seconds(match[1]);
    var list = document.querySelector("ol.segments[data-player]");
    var player = list ? document.getElementById(list.getAttribute("data-player")) : document.querySelector(".player");
    if (list && transcripts[list.getAttribute("data-player")]) {
      var transcript = transcripts[list.getAttribute("data-player")];
      transcript.show(start, true);
      if (transcript.current) { transcript.current.scrollIntoView({ block: "center" }); }
    }
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
      var transcript = transcripts[target.getAttribute("data-player")];
      if (transcript) { transcript.show(start, false); }
    }
  });

  // A player whose src carries #t=START: make sure it starts there even where fragments are ignored.
  var players = document.querySelectorAll(".player[data-start]");
  for (var j = 0; j < players.length; j++) {
    (function (player) {
      var start = seconds(player.getAttribute("data-start"));
      player.addEventListener("loadedmetadata", function () {
        if (start !== null && player.currentTime < start - 0.5) { player.currentTime = start; }
      }, { once: true });
    })(players[j]);
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
