// Clerk's office: follow the progress of queued and running jobs without reloading.
// Polls each job's JSON every 2 s; when a job finishes, reloads the page once to show its results.
(function () {
  "use strict";
  var ACTIVE = { queued: true, running: true };
  var INTERVAL_MS = 2000;

  function update(box, job) {
    var bar = box.querySelector("progress");
    if (bar) {
      bar.value = job.progress;
      bar.textContent = job.progress + "%";
    }
    var state = box.querySelector(".clerk-job-state");
    if (state) state.textContent = job.state;
    var message = box.querySelector(".clerk-job-message");
    if (message) message.textContent = job.message || "";
    var error = box.querySelector(".clerk-job-error");
    if (error) {
      error.textContent = job.error || "";
      error.hidden = !job.error;
    }
    box.setAttribute("data-job-state", job.state);
    // The import summary's row of the same job.
    Array.prototype.forEach.call(
      document.querySelectorAll('.clerk-summary-live[data-job-url="' + box.getAttribute("data-job-url") + '"]'),
      function (cell) {
        var words = { queued: "waiting", running: "being processed", done: "processed", failed: "failed" };
        var stateCell = cell.querySelector(".clerk-summary-state");
        if (stateCell) stateCell.textContent = words[job.state] || job.state;
        var percent = cell.querySelector(".clerk-summary-progress");
        if (percent) percent.textContent = job.progress + "%";
        var detail = cell.querySelector(".clerk-summary-detail");
        if (detail) detail.textContent = job.error || job.message || "";
      }
    );
  }

  function poll(box, onFinished) {
    var url = box.getAttribute("data-job-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (job) {
        update(box, job);
        if (ACTIVE[job.state]) {
          window.setTimeout(function () { poll(box, onFinished); }, INTERVAL_MS);
        } else {
          onFinished();
        }
      })
      .catch(function () {
        // A network blip or a restart: try again a little later.
        window.setTimeout(function () { poll(box, onFinished); }, INTERVAL_MS * 3);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = Array.prototype.filter.call(
      document.querySelectorAll(".clerk-progress[data-job-url]"),
      function (box) { return ACTIVE[box.getAttribute("data-job-state")]; }
    );
    var reloaded = false;
    function finished() {
      if (reloaded) return;
      reloaded = true;
      window.location.reload();
    }
    boxes.forEach(function (box) {
      window.setTimeout(function () { poll(box, finished); }, INTERVAL_MS);
    });
  });
})();

// Review screen: unsaved work survives a reload. Each motion form's values are kept in
// localStorage under its draft key as the clerk types; on load, a draft that differs from the
// form is offered back ("restore unsaved changes?"). A draft made from an older version of the
// motion (someone saved in between) says so. A successful save drops the draft.
(function () {
  "use strict";
  var PREFIX = "boardwatch:draft:";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; // private mode or storage disabled: nothing to keep, nothing to offer
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && el.name !== "version" && el.type !== "submit" &&
        el.type !== "button" && el.type !== "hidden";
    });
  }

  function read(form) {
    var values = {};
    fields(form).forEach(function (el) {
      values[el.name + (el.type === "radio" ? ":" + el.value : "")] =
        el.type === "checkbox" || el.type === "radio" ? el.checked : el.value;
    });
    return values;
  }

  function write(form, values) {
    fields(form).forEach(function (el) {
      var key = el.name + (el.type === "radio" ? ":" + el.value : "");
      if (!(key in values)) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values[key];
      else el.value = values[key];
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) return;
    var page = document.querySelector("[data-saved-draft]");
    if (page) store.removeItem(PREFIX + page.getAttribute("data-saved-draft"));
    document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      var key = PREFIX + form.getAttribute("data-draft-key");
      var version = form.getAttribute("data-version");
      var original = read(form);
      var raw = store.getItem(key);
      var draft = null;
      try { draft = raw ? JSON.parse(raw) : null; } catch (e) { store.removeItem(key); }
      var notice = form.querySelector(".review-restore");
      if (draft && draft.values && !same(draft.values, original) && notice) {
        if (String(draft.version) !== String(version)) {
          notice.querySelector(".review-restore-text").textContent =
            "You have unsaved changes made to an older version of this motion; someone has saved it since. " +
            "Restore your changes over theirs? Check every field before saving.";
        }
        notice.hidden = false;
        notice.querySelector(".review-restore-yes").addEventListener("click", function () {
          write(form, draft.values);
          notice.hidden = true;
          store.setItem(key, JSON.stringify({ version: version, values: read(form) }));
        });
        notice.querySelector(".review-restore-no").addEventListener("click", function () {
          store.removeItem(key);
          notice.hidden = true;
        });
      } else if (draft) {
        store.removeItem(key);
      }
      function keep() {
        var values = read(form);
        if (same(values, original)) store.removeItem(key);
        else store.setItem(key, JSON.stringify({ version: version, values: values, at: Date.now() }));
      }
      form.addEventListener("input", keep);
      form.addEventListener("change", keep);
    });

    // Play buttons: seek the named player to a time and play (the review and reconcile screens).
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-seek][data-player]") : null;
      if (!button) return;
      var player = document.getElementById(button.getAttribute("data-player"));
      if (!player) return;
      var at = parseFloat(button.getAttribute("data-seek"));
      if (!isNaN(at)) player.currentTime = at;
      var played = player.play();
      if (played && played.catch) played.catch(function () { /* autoplay refused: the player is ready */ });
    });
  });
})();

// Review screen: scroll each page of minutes to the words the motion was read from.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".review-page-text").forEach(function (pane) {
    var mark = pane.querySelector("mark");
    if (mark) pane.scrollTop = Math.max(0, mark.offsetTop - pane.offsetTop - 48);
  });
});
